import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from toolbox_site.demo import DEMO_PASSWORD, DEMO_USERS
from toolbox_site.models import Membership, Organization

from ..once import loaded_once

# One test process takes the whole module, so the data is loaded once, not once per process.
pytestmark = pytest.mark.xdist_group("seed-demo")

# The demo is seeded once for the module; the tests only read it (or seed again,
# which must change nothing) inside their own savepoint.
seeded = loaded_once(lambda: call_command("seed_demo", stdout=None), DEBUG=True)


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_it_loads_twente_and_can_run_twice(seeded, db, debug_on):
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
def test_every_demo_user_logs_in_with_the_demo_password(seeded, db, username):
    user = get_user_model().objects.get(username=username)
    assert user.check_password(DEMO_PASSWORD)
    assert user.is_staff == (username == "twente.coordinator")


def test_it_refuses_to_run_with_debug_off(db, settings):
    # Runs on an empty database of its own: it must not share the seeded module data.
    settings.DEBUG = False
    before = Organization.objects.count()
    with pytest.raises(CommandError, match="only runs with DEBUG=True"):
        call_command("seed_demo")
    assert Organization.objects.count() == before
