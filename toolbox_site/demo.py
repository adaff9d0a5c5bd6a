"""Twente demo data for the core: region, organizations and demo accounts.

Called by ``manage.py seed_demo``; every app may add a ``demo.py`` with a
``seed()`` function of its own. Everything here is idempotent.
"""

import csv
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from .audit import log_action
from .models import AuditEvent, Membership, Organization, Region

MUNICIPALITIES_CSV = Path(__file__).parent / "data" / "municipalities.csv"
DEMO_PASSWORD = "toolbox-demo"

# username -> (organization slug, role, is_staff, first name, last name)
DEMO_USERS = {
    "enschede.editor": ("enschede", Membership.Role.EDITOR, False, "Esra", "Yilmaz"),
    "enschede.viewer": ("enschede", Membership.Role.VIEWER, False, "Erik", "Nijhuis"),
    "hengelo.editor": ("hengelo", Membership.Role.EDITOR, False, "Hanneke", "Bosch"),
    "menzis.adviser": ("menzis", Membership.Role.EDITOR, False, "Mohamed", "El Amrani"),
    "twente.coordinator": (
        "ggd-twente",
        Membership.Role.COORDINATOR,
        True,
        "Tessa",
        "Oude Nijeweme",
    ),
}


def log_past_action(user, obj, action, data, at):
    """An audit entry as the app's own write would have made it (toolbox_site.audit
    log_action), dated ``at``: for demo data that stands for work done before, so the
    audit trail shows its history. The demo only; the app never dates an entry back."""
    event = log_action(user, obj, action, data)
    AuditEvent.objects.filter(pk=event.pk).update(created_at=at)
    return event


def read_municipalities():
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def seed():
    region, _ = Region.objects.update_or_create(slug="twente", defaults={"name": "Twente"})
    for row in read_municipalities():
        Organization.objects.update_or_create(
            slug=slugify(row["name"]),
            defaults={
                "region": region,
                "kind": Organization.Kind.MUNICIPALITY,
                "name": row["name"],
                "cbs_code": row["cbs_code"],
                "inhabitants": int(row["inhabitants_approx"]),
                "participates": row["participates_in_regional_project"] == "true",
                "website": row["website"],
            },
        )
    Organization.objects.update_or_create(
        slug="menzis",
        defaults={
            "region": region,
            "kind": Organization.Kind.CARE_OFFICE,
            "name": "Menzis zorgkantoor",
            "website": "https://www.menzis.nl",
        },
    )
    Organization.objects.update_or_create(
        slug="ggd-twente",
        defaults={
            "region": region,
            "kind": Organization.Kind.REGION_TEAM,
            "name": "GGD Twente",
            "email": settings.CONTACT_EMAIL,
            "website": "https://www.ggdtwente.nl",
        },
    )

    User = get_user_model()
    for username, (slug, role, is_staff, first_name, last_name) in DEMO_USERS.items():
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.org",
                "is_staff": is_staff,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        Membership.objects.update_or_create(
            user=user,
            organization=Organization.objects.get(slug=slug),
            defaults={"role": role},
        )
    organizations = Organization.objects.filter(region=region).count()
    return f"region {region.name}: {organizations} organizations, {len(DEMO_USERS)} demo users"
