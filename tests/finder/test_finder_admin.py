"""The finder's admin: coordinators keep the life situations and see the reports
and search counts of their own region."""

import pytest
from django.urls import reverse

from finder.models import FinderSearch, LifeSituation, ServiceReport

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "admin:finder_lifesituation_changelist",
        "admin:finder_servicereport_changelist",
        "admin:finder_findersearch_changelist",
    ],
)
def test_the_coordinator_reaches_the_finders_admin(client, coordinator, open_report, name):
    client.force_login(coordinator)
    assert client.get(reverse(name)).status_code == 200


def test_the_coordinator_edits_a_life_situation_with_history(client, coordinator, life_situations):
    situation = LifeSituation.objects.get(slug="eenzaam")
    client.force_login(coordinator)
    url = reverse("admin:finder_lifesituation_change", args=[situation.pk])
    assert client.get(url).status_code == 200
    history = reverse("admin:finder_lifesituation_history", args=[situation.pk])
    assert client.get(history).status_code == 200


def test_another_regions_reports_are_not_listed(client, open_report, elsewhere):
    from tests.factories import make_organization, make_user
    from toolbox_site.models import Membership, Organization

    team = make_organization(
        elsewhere.region, "Regioteam Elders", kind=Organization.Kind.REGION_TEAM
    )
    other = make_user("other.coordinator", team, Membership.Role.COORDINATOR, is_staff=True)
    client.force_login(other)
    response = client.get(reverse("admin:finder_servicereport_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == []
    assert ServiceReport.objects.exists() and not FinderSearch.objects.exists()


def test_editors_do_not_reach_the_finders_admin(client, enschede_editor):
    enschede_editor.is_staff = True
    enschede_editor.save()
    client.force_login(enschede_editor)
    response = client.get(reverse("admin:finder_lifesituation_changelist"))
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("model", ["lifesituation", "servicereport", "findersearch"])
def test_the_old_admin_addresses_of_the_finder_lead_to_the_new_ones(client, model):
    response = client.get(f"/admin/network/{model}/12/change/?_changelist_filters=x")
    assert response.status_code == 301
    assert response["Location"] == f"/admin/finder/{model}/12/change/?_changelist_filters=x"


def test_a_resident_s_report_is_only_looked_at_in_the_admin(client, coordinator, open_report):
    """Reports are closed on the site (with who and when, audited); in the admin the
    coordinator may read one, not add or change one."""
    client.force_login(coordinator)
    change = reverse("admin:finder_servicereport_change", args=[open_report.pk])
    page = client.get(change)
    assert page.status_code == 200 and open_report.service.name in page.content.decode()
    assert client.get(reverse("admin:finder_servicereport_add")).status_code == 403
    response = client.post(change, {"status": ServiceReport.Status.CLOSED, "led_to_change": "on"})
    assert response.status_code == 403
    open_report.refresh_from_db()
    assert open_report.status == ServiceReport.Status.OPEN and open_report.closed_at is None
