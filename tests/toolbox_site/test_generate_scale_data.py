import pytest
from django.core.management import CommandError, call_command

from network.models import Service
from toolbox_site.models import Membership, Organization, Region

from ..once import loaded_once

# One test process takes the whole module, so the data is loaded once, not once per process.
pytestmark = pytest.mark.xdist_group("scale-data")


def seed_and_generate():
    call_command("seed_demo", stdout=None)
    call_command("generate_scale_data", scale=0.05, stdout=None)


# The Twente demo and the scale data (2 regions, 17 municipalities) are made once for
# the module; each test runs in its own savepoint on top of them.
generated = loaded_once(seed_and_generate, DEBUG=True)


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def outside_twente(queryset, field="region"):
    return queryset.exclude(**{f"{field}__slug": "twente"})


def test_it_creates_regions_organizations_and_accounts(generated, db):
    assert Region.objects.exclude(slug="twente").count() == 2
    assert outside_twente(Organization.objects.municipalities()).count() == 17
    region_teams = Organization.objects.filter(kind=Organization.Kind.REGION_TEAM)
    assert outside_twente(region_teams).count() == 2
    # 3 accounts per municipality, 2 per care office, 1 per region team
    memberships = outside_twente(Membership.objects.all(), "organization__region")
    assert memberships.count() == 17 * 3 + 2 * 2 + 2
    coordinator = memberships.filter(role=Membership.Role.COORDINATOR).first().user
    assert coordinator.is_staff
    assert coordinator.check_password("bench-password")


def test_its_services_state_room_and_ages_as_editors_would(generated, db):
    services = outside_twente(Service.objects.all(), "owning_organization__region")
    assert services.exclude(accepts_new_clients="").exists()
    assert services.filter(maximum_age=23).exists() and services.filter(minimum_age=65).exists()
    assert services.filter(minimum_age=None, maximum_age=None).count() > services.count() / 3


def test_it_refuses_to_run_twice_unless_asked_to_replace(generated, db, debug_on):
    with pytest.raises(CommandError, match="already exists"):
        call_command("generate_scale_data", scale=0.05, stdout=None)
    call_command("generate_scale_data", scale=0.05, replace=True, stdout=None)
    assert outside_twente(Organization.objects.municipalities()).count() == 17
    # ... and the Twente demo data is left alone.
    assert Organization.objects.filter(region__slug="twente").count() == 16


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=True"):
        call_command("generate_scale_data")
