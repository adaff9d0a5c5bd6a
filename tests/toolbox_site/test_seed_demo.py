import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from toolbox_site.demo import DEMO_PASSWORD, DEMO_USERS
from toolbox_site.models import Membership, Organization


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_it_loads_twente_and_can_run_twice(db, debug_on):
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    municipalities = Organization.objects.municipalities()
    assert municipalities.count() == 14
    assert set(municipalities.filter(participates=False).values_list("name", flat=True)) == {
        "Almelo"
    }
    enschede = municipalities.get(slug="enschede")
    assert (enschede.cbs_code, enschede.inhabitants) == ("GM0153", 161000)
    assert Organization.objects.get(slug="menzis").kind == Organization.Kind.CARE_OFFICE
    assert Organization.objects.get(slug="ggd-twente").kind == Organization.Kind.REGION_TEAM
    assert Membership.objects.count() == len(DEMO_USERS)


@pytest.mark.parametrize("username", list(DEMO_USERS))
def test_every_demo_user_logs_in_with_the_demo_password(db, debug_on, username):
    call_command("seed_demo", stdout=None)
    user = get_user_model().objects.get(username=username)
    assert user.check_password(DEMO_PASSWORD)
    assert user.is_staff == (username == "twente.coordinator")


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG=True"):
        call_command("seed_demo")
    assert not Organization.objects.exists()
