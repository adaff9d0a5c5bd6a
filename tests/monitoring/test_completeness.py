"""The completeness page: organizations by periods with the state of each report."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from monitoring.models import Report

from .dashboard_fixtures import quarters, report

URL = reverse("monitoring:completeness")


def page(client, user, query=""):
    client.force_login(user)
    return client.get(f"{URL}?{query}")


def names(response):
    return [row["organization"].name for row in response.context["page"]["rows"]]


def states(response, name):
    row = next(row for row in response.context["page"]["rows"] if row["organization"].name == name)
    return [cell["status"] for cell in row["cells"]]


@pytest.fixture
def reports(cast, ggd, enschede, hengelo, menzis):
    periods = quarters(2)
    report(enschede, periods[0], {})
    report(enschede, periods[1], {}, status=Report.Status.SUBMITTED)
    report(hengelo, periods[1], {}, status=Report.Status.RETURNED)
    report(menzis, periods[0], {}, status=Report.Status.DRAFT)
    return periods


def test_it_asks_for_a_login(client):
    assert client.get(URL).status_code == 302


def test_the_coordinator_sees_every_organization_of_the_region(client, cast, reports):
    query = f"van={reports[0].start}&tot={reports[1].start}"
    response = page(client, cast["twente.coordinator"], query)
    assert names(response) == ["Enschede", "Hengelo", "Menzis zorgkantoor"]
    assert states(response, "Enschede") == ["approved", "submitted"]
    assert states(response, "Hengelo") == ["not_started", "returned"]
    content = response.content.decode()
    # States as text, not colour alone.
    for word in ("Goedgekeurd", "Ingediend", "Teruggestuurd", "Niet begonnen", "Concept"):
        assert word in content
    # The colour as the stylesheet names it: hyphens, not the state's underscore.
    assert 'class="badge monitoring-status monitoring-status-not-started"' in content
    assert "not_started" not in content


def test_overdue_reports_stand_out(client, cast, reports):
    query = f"van={reports[0].start}&tot={reports[1].start}"
    response = page(client, cast["twente.coordinator"], query)
    hengelo = next(
        row for row in response.context["page"]["rows"] if row["organization"].name == "Hengelo"
    )
    today = datetime.date.today()
    assert [cell["overdue"] for cell in hengelo["cells"]] == [
        period.deadline < today for period in reports
    ]
    assert "Te laat" in response.content.decode()


def test_it_shows_the_share_approved_per_period(client, cast, reports):
    query = f"van={reports[0].start}&tot={reports[1].start}"
    response = page(client, cast["twente.coordinator"], query)
    assert [
        (share["approved"], share["share"]) for share in response.context["page"]["shares"]
    ] == [
        (1, 33),
        (0, 0),
    ]


def test_an_editor_sees_only_the_own_organization(client, cast, reports):
    response = page(client, cast["enschede.editor"])
    assert names(response) == ["Enschede"]


def test_a_viewer_sees_only_the_own_organization(client, cast, reports):
    response = page(client, cast["enschede.viewer"])
    assert names(response) == ["Enschede"]


def test_it_filters_by_kind_of_organization(client, cast, reports):
    response = page(client, cast["twente.coordinator"], "soort=care_office")
    assert names(response) == ["Menzis zorgkantoor"]


def test_nothing_of_another_region_shows(client, cast, reports, other_region):
    response = page(client, cast["twente.coordinator"], "regio=achterhoek")
    assert "Winterswijk" not in response.content.decode()
    assert response.context["region"].slug == "twente"
    assert "eigen regio" in " ".join(
        [*response.context["errors"], *response.context["page"]["errors"]]
    )


@pytest.mark.parametrize(
    "query", ["soort=provider", "van=zzz", "tot=%01", "van=2030-01-01&tot=2001-01-01", "regio=%01"]
)
def test_bad_filters_get_a_message_not_an_error(client, cast, reports, query):
    response = page(client, cast["twente.coordinator"], query)
    assert response.status_code == 200
    assert response.context["errors"] or response.context["page"]["errors"] or "regio" in query


@given(
    query=st.dictionaries(
        st.sampled_from(["soort", "van", "tot", "regio", "x"]), st.text(max_size=30), max_size=4
    )
)
def test_arbitrary_query_strings_never_fail(client, cast, reports, query):
    client.force_login(cast["twente.coordinator"])
    assert client.get(URL, query).status_code < 500
