import pytest
from django.core.management import CommandError, call_command

from toolbox_site.models import Membership, Organization, Region


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_it_creates_regions_organizations_and_accounts(db, debug_on):
    call_command("generate_scale_data", scale=0.1, stdout=None)
    assert Region.objects.count() == 3
    assert Organization.objects.municipalities().count() == 34
    assert Organization.objects.filter(kind=Organization.Kind.REGION_TEAM).count() == 3
    # 3 accounts per municipality, 2 per care office, 1 per region team
    assert Membership.objects.count() == 34 * 3 + 3 * 2 + 3
    coordinator = Membership.objects.filter(role=Membership.Role.COORDINATOR).first().user
    assert coordinator.is_staff
    assert coordinator.check_password("bench-password")


def test_it_refuses_to_run_twice_unless_asked_to_replace(db, debug_on):
    call_command("generate_scale_data", scale=0.05, stdout=None)
    with pytest.raises(CommandError, match="already exists"):
        call_command("generate_scale_data", scale=0.05, stdout=None)
    call_command("generate_scale_data", scale=0.05, replace=True, stdout=None)
    assert Organization.objects.municipalities().count() == 17


def test_it_leaves_the_twente_demo_data_alone(db, debug_on):
    call_command("seed_demo", stdout=None)
    call_command("generate_scale_data", scale=0.05, stdout=None)
    call_command("generate_scale_data", scale=0.05, replace=True, stdout=None)
    assert Organization.objects.filter(region__slug="twente").count() == 16


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=True"):
        call_command("generate_scale_data")
