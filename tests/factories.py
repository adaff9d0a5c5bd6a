"""Small factories for the test suite: plain functions, sensible defaults."""

import itertools

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from toolbox_site.models import Membership, Organization, Region

_counter = itertools.count(1)
# Synthetic CBS codes start high, away from the real ones used by fixtures.
_cbs_codes = itertools.count(5000)

PASSWORD = "correct horse battery staple"

# The organizations of the cast (tests/conftest.py), by fixture name.
CAST_ORGANIZATIONS = {
    "enschede": {"name": "Enschede", "cbs_code": "GM0153", "inhabitants": 161000},
    "hengelo": {"name": "Hengelo", "cbs_code": "GM0164", "inhabitants": 81900},
    "menzis": {"name": "Menzis zorgkantoor", "kind": Organization.Kind.CARE_OFFICE},
    "ggd": {"name": "GGD Twente", "kind": Organization.Kind.REGION_TEAM},
}


def make_region(name=None):
    name = name or f"Regio {next(_counter)}"
    return Region.objects.create(name=name, slug=slugify(name))


def make_organization(region, name=None, kind=Organization.Kind.MUNICIPALITY, **fields):
    name = name or f"Gemeente {next(_counter)}"
    if kind == Organization.Kind.MUNICIPALITY:
        fields.setdefault("cbs_code", f"GM{next(_cbs_codes):04d}")
        fields.setdefault("inhabitants", 25000)
    return Organization.objects.create(
        region=region, kind=kind, name=name, slug=slugify(name), **fields
    )


def make_user(username=None, organization=None, role=Membership.Role.EDITOR, **fields):
    username = username or f"user{next(_counter)}"
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, **fields
    )
    if organization is not None:
        Membership.objects.create(user=user, organization=organization, role=role)
    return user


def make_cast_organization(region, key):
    """One of the cast's organizations (``CAST_ORGANIZATIONS``) in ``region``."""
    return make_organization(region, **CAST_ORGANIZATIONS[key])


def add_contact_details(enschede, menzis):
    """The contact details of Enschede's Wmo desk and the care office (the finder shows them)."""
    enschede.phone = "14 053"
    enschede.email = "wmo@enschede.example.org"
    enschede.website = "https://www.enschede.example.org"
    enschede.save()
    menzis.phone = "053 000 1234"
    menzis.email = "zorgkantoor@menzis.example.org"
    menzis.save()
