import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from monitoring.models import Report
from toolbox_site.audit_trail import actions
from toolbox_site.demo import DEMO_PASSWORD, DEMO_USERS
from toolbox_site.models import AuditEvent, Membership, Organization

from ..once import loaded_once

# One test process takes the whole module, so the data is loaded once, not once per process.
pytestmark = pytest.mark.xdist_group("seed-demo")


def row_counts():
    """The rows of every table but the history's (a save writes a history record even
    when nothing changed)."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if not model.__name__.startswith("Historical")
    }


def seed_twice():
    """The demo loaded, and loaded again: the rows after each time."""
    call_command("seed_demo", stdout=None)
    first = row_counts()
    call_command("seed_demo", stdout=None)
    return first, row_counts()


# The demo is seeded (twice) once for the module; the tests only read it, inside their
# own savepoint.
seeded = loaded_once(seed_twice, DEBUG=True)


def test_it_loads_twente_and_can_run_twice(seeded, db):
    first, second = seeded
    assert first == second
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


def test_the_audit_trail_holds_the_reports_history(seeded, db, client):
    """The demo's reports went through the workflow: the trail has their steps, with
    the workflow's action codes, dated when they were taken, once however often the
    demo is loaded."""
    first, second = seeded
    assert first[AuditEvent._meta.label] == second[AuditEvent._meta.label] > 0
    events = AuditEvent.objects.filter(action__startswith="monitoring.report.")
    assert events.exists()
    for report in Report.objects.exclude(submitted_at=None)[:20]:
        submitted = events.get(action="monitoring.report.submitted", object_id=str(report.pk))
        assert submitted.created_at == report.submitted_at
        assert submitted.user_id == report.submitted_by_id
        assert submitted.organization_id == report.organization_id
    returned = Report.objects.exclude(returned_at=None).first()
    assert events.get(action="monitoring.report.returned", object_id=str(returned.pk)).data == {
        "period": str(returned.period),
        "comment": returned.return_comment,
    }
    client.force_login(get_user_model().objects.get(username="twente.coordinator"))
    page = client.get(reverse("audit_trail")).content.decode()
    with translation.override("nl"):
        assert str(actions()["monitoring.report.submitted"]) in page


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


CHANGE_PAGE = r'href="(/admin/[a-z_]+/[a-z_]+/\d+/change/)"'


def test_the_coordinator_s_admin_pages_link_only_where_they_may_go(seeded, db, client):
    """On the demo, every admin list the coordinator has, the first change page in each,
    and the other objects' admin pages it links to: each opens. Django links a
    read-only foreign key without asking whether the user may follow it; accounts and
    regions answered 403 (toolbox_site/admin.py, RelatedAsText)."""
    client.force_login(get_user_model().objects.get(username="twente.coordinator"))
    index = client.get(reverse("admin:index")).content.decode()
    lists = sorted(set(re.findall(r'href="(/admin/[a-z_]+/[a-z_]+/)"', index)))
    assert len(lists) > 20
    followed = {}
    for address in lists:
        listing = client.get(address)
        assert listing.status_code == 200, address
        found = re.search(rf'href="({re.escape(address)}\d+/change/)', listing.content.decode())
        if found is None:
            continue
        page = client.get(found[1])
        assert page.status_code == 200, found[1]
        for link in re.findall(CHANGE_PAGE, page.content.decode()):
            if link not in followed:
                followed[link] = (found[1], client.get(link).status_code)
    assert followed, "no links to other objects anywhere: the test looks at nothing"
    assert {link: seen for link, seen in followed.items() if seen[1] != 200} == {}
