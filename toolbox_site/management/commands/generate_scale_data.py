"""Synthetic national-scale data for the benchmark.

342 municipalities in 31 regions (at --scale 1), each region with a care office
and a region team, and accounts with memberships for all of them. Each app's volumes live beside
the benchmark, in ``bench/scale/<app>.py``: a list ``STEPS`` of functions that take
the context and return a summary, run after the core's steps in app order, and
optionally ``delete(regions)``, which removes the app's scale data of those
regions before the organizations go (for data that a cascade does not remove).
"""

import random
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bench import scale as app_volumes
from toolbox_site import freshness
from toolbox_site.models import Membership, Organization, Region

REGIONS = 31
MUNICIPALITIES = 342
REGION_PREFIX = "schaalregio-"
BATCH = 1000


def generate_organizations(ctx):
    regions = Region.objects.bulk_create(
        Region(name=f"Schaalregio {number:02d}", slug=f"{REGION_PREFIX}{number:02d}")
        for number in range(1, ctx.regions + 1)
    )
    rng = ctx.rng
    organizations = []
    for number in range(1, ctx.municipalities + 1):
        region = regions[(number - 1) % len(regions)]
        organizations.append(
            Organization(
                region=region,
                kind=Organization.Kind.MUNICIPALITY,
                name=f"Schaalgemeente {number:03d}",
                slug=f"schaalgemeente-{number:03d}",
                # "GS": generated, so never the code of a real municipality.
                cbs_code=f"GS{number:04d}",
                inhabitants=int(min(900_000, max(1_000, rng.lognormvariate(10.4, 0.85)))),
                participates=rng.random() < 0.95,
            )
        )
    regional = [
        (Organization.Kind.CARE_OFFICE, "Zorgkantoor"),
        (Organization.Kind.REGION_TEAM, "Regioteam"),
    ]
    for region in regions:
        for kind, label in regional:
            organizations.append(
                Organization(
                    region=region,
                    kind=kind,
                    name=f"{label} {region.name}",
                    slug=f"{label.lower()}-{region.slug}",
                )
            )
    ctx.organizations = Organization.objects.bulk_create(organizations, batch_size=BATCH)
    return f"{len(regions)} regions, {len(ctx.organizations)} organizations"


# Per kind of organization: the accounts it gets (name suffix, role).
ACCOUNTS = {
    Organization.Kind.MUNICIPALITY: [
        ("editor", Membership.Role.EDITOR),
        ("viewer1", Membership.Role.VIEWER),
        ("viewer2", Membership.Role.VIEWER),
    ],
    Organization.Kind.CARE_OFFICE: [
        ("adviser1", Membership.Role.EDITOR),
        ("adviser2", Membership.Role.EDITOR),
    ],
    Organization.Kind.REGION_TEAM: [("coordinator", Membership.Role.COORDINATOR)],
}


def generate_accounts(ctx):
    User = get_user_model()
    users, roles = [], []
    for organization in ctx.organizations:
        for suffix, role in ACCOUNTS[organization.kind]:
            username = f"{organization.slug}.{suffix}"
            users.append(
                User(
                    username=username,
                    email=f"{username}@example.org",
                    password=ctx.password_hash,
                    is_staff=role == Membership.Role.COORDINATOR,
                )
            )
            roles.append((organization, role))
    users = User.objects.bulk_create(users, batch_size=BATCH)
    Membership.objects.bulk_create(
        (
            Membership(user=user, organization=organization, role=role)
            for user, (organization, role) in zip(users, roles, strict=True)
        ),
        batch_size=BATCH,
    )
    return f"{len(users)} accounts with memberships"


STEPS = [generate_organizations, generate_accounts]


def all_steps():
    steps = list(STEPS)
    for module in app_volumes.MODULES:
        steps.extend(module.STEPS)
    return steps


class Context:
    def __init__(self, scale, password, seed):
        self.regions = max(1, round(REGIONS * scale))
        self.municipalities = max(1, round(MUNICIPALITIES * scale))
        self.rng = random.Random(seed)
        self.password_hash = make_password(password)  # hashed once, shared by all accounts


class Command(BaseCommand):
    help = (
        "Create synthetic national-scale data for the benchmark: 342 municipalities in "
        "31 regions at --scale 1. Refuses when scale data exists, unless --replace. "
        "Only with DEBUG=True."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Multiplier (default 1).")
        parser.add_argument("--password", default="bench-password", help="For every account.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument(
            "--replace", action="store_true", help="Delete earlier scale data first."
        )

    def handle(self, *args, scale, password, seed, replace, **options):
        if not settings.DEBUG:
            raise CommandError("generate_scale_data only runs with DEBUG=True.")
        if scale <= 0:
            raise CommandError("--scale must be more than 0.")
        existing = Region.objects.filter(slug__startswith=REGION_PREFIX)
        started = time.perf_counter()
        with transaction.atomic():
            if existing.exists():
                if not replace:
                    raise CommandError("Scale data already exists; use --replace to renew it.")
                for module in reversed(app_volumes.MODULES):
                    if hasattr(module, "delete"):
                        module.delete(existing)
                get_user_model().objects.filter(
                    memberships__organization__region__in=existing
                ).delete()
                Organization.objects.filter(region__in=existing).delete()
                existing.delete()
            ctx = Context(scale, password, seed)
            for step in all_steps():
                self.stdout.write(f"{step.__name__}: {step(ctx)}")
            # Bulk inserts send no signals: cached pages learn of the new data here.
            for name in freshness.APPS:
                freshness.changed(name)
        self.stdout.write(f"Scale data generated in {time.perf_counter() - started:.1f} s.")
