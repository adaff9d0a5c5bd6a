"""A municipality's page and the region's overview: the same figures on both, public
parts for everyone, the rest for who may see it, small numbers hidden as elsewhere."""

import pytest
from django.urls import reverse

from criteria.models import LocalAgreement
from monitoring.models import Indicator, Report, Value
from municipalities.models import ContactPerson

from ..network.once import on_the_module_network

# Every test reads the cast's network: built once for the module (tests/network/once.py),
# by one test process.
pytestmark = on_the_module_network(__name__)
OVERVIEW = reverse("municipalities:overview")


def page_of(slug):
    return reverse("municipalities:detail", args=[slug])


@pytest.fixture
def places(network, monitoring_demo, contact_persons):
    return monitoring_demo


def rows_of(response):
    return {row["municipality"].slug: row for row in response.context["page"]["rows"]}


def test_the_overview_shows_the_public_columns_to_everyone(client, places):
    response = client.get(OVERVIEW)
    page = response.context["page"]
    assert [header.key for header in page["headers"]] == [
        "naam",
        "inwoners",
        "diensten",
        "ontbrekend",
        "stappen",
        "verouderd",
    ]
    rows = rows_of(response)
    assert rows["enschede"]["agreements"] is None and rows["enschede"]["approved"] is None
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert f'href="{page_of("enschede")}"' in html


def test_an_editor_sees_the_agreements_of_all_and_the_reports_of_their_own(client, cast, places):
    client.force_login(cast["enschede.editor"])
    rows = rows_of(client.get(OVERVIEW))
    own, other = rows["enschede"], rows["hengelo"]
    assert (
        own["approved"]
        == Report.objects.filter(
            organization__slug="enschede", status=Report.Status.APPROVED
        ).count()
    )
    assert own["searches"] is not None
    assert other["agreements"] is not None
    assert other["approved"] is None and other["searches"] is None
    assert "niet gedeeld" in client.get(OVERVIEW).content.decode()


def test_a_coordinator_sees_every_municipality_of_the_region(client, cast, places):
    client.force_login(cast["twente.coordinator"])
    rows = rows_of(client.get(OVERVIEW))
    assert all(row["approved"] is not None for row in rows.values())


@pytest.mark.parametrize("sort", ["diensten", "-diensten", "-zonder", "naam", "-inwoners"])
def test_every_column_sorts_both_ways(client, cast, places, sort):
    client.force_login(cast["twente.coordinator"])
    response = client.get(OVERVIEW, {"sorteer": sort})
    headers = {header.key: header for header in response.context["page"]["headers"]}
    current = headers[sort.lstrip("-")]
    assert current.current
    assert current.aria_sort == ("descending" if sort.startswith("-") else "ascending")
    assert current.next == (sort.lstrip("-") if sort.startswith("-") else f"-{sort}")


@pytest.mark.parametrize("sort", ["", "-", "--naam", "wachtwoord", "zonder"])
def test_a_sort_that_is_not_there_or_not_shown_falls_back(client, places, sort):
    """Anonymous visitors have no "zonder" column: its sort is no sort at all."""
    response = client.get(OVERVIEW, {"sorteer": sort})
    assert response.status_code == 200
    rows = list(rows_of(response))
    if sort != "zonder":
        assert rows == sorted(rows)


def test_a_municipality_page_shows_its_network_to_everyone(client, places):
    response = client.get(page_of("enschede"))
    page = response.context["page"]
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert page["network"].services == sum(count for _category, count in page["categories"])
    assert reverse("network:map", args=["enschede"]) in html
    # Members only: agreements, reports, searches, contact persons.
    assert page["agreements"] is None and not page["sees"] and page["contacts"] == []
    assert 'id="contactpersonen"' not in html and 'id="afspraken"' not in html


def test_an_editor_sees_everything_of_their_own_municipality(client, cast, places):
    client.force_login(cast["enschede.editor"])
    response = client.get(page_of("enschede"))
    page = response.context["page"]
    html = response.content.decode()
    assert page["sees"] and page["may_change"]
    assert (
        page["agreements"].total
        == LocalAgreement.objects.filter(municipality__slug="enschede").count()
    )
    assert reverse("municipalities:contact_create", args=["enschede"]) in html
    assert "Sanne Wolters" in html
    assert reverse("audit_trail") not in html  # the trail is the coordinators'
    client.force_login(cast["twente.coordinator"])
    assert reverse("audit_trail") in client.get(page_of("enschede")).content.decode()


def test_another_municipality_shows_its_shared_parts_only(client, cast, places):
    client.force_login(cast["hengelo.editor"])
    response = client.get(page_of("enschede"))
    page = response.context["page"]
    assert page["agreements"] is not None and page["contacts"]
    assert not page["sees"] and not page["may_change"] and page["searches"] is None
    assert reverse("municipalities:contact_create", args=["enschede"]) not in (
        response.content.decode()
    )


def test_small_counts_are_hidden_from_all_but_the_municipality(client, cast, places):
    report = places["enschede_previous"]
    indicator = Indicator.objects.filter(
        format=report.format, value_type=Indicator.ValueType.WHOLE, aggregation="sum"
    ).first()
    indicator.public = True
    indicator.save()
    Value.objects.filter(report__organization__slug="enschede", indicator=indicator).update(
        number=3
    )
    Report.objects.filter(organization__slug="enschede").update(status=Report.Status.APPROVED)

    def shown(user=None):
        client.logout()
        if user:
            client.force_login(cast[user])
        figures = client.get(page_of("enschede")).context["page"]["key_figures"]
        return next(figure for figure in figures if figure.label == indicator.label)

    assert shown().value.shown == "< 5" and shown().trend == ""
    assert shown("hengelo.editor").value.shown == "< 5"
    assert shown("enschede.editor").value.shown == "3"


def test_an_unknown_municipality_is_not_found(client, places):
    assert client.get(page_of("atlantis")).status_code == 404
    assert client.get(page_of("menzis")).status_code == 404  # not a municipality


def test_the_pages_follow_the_data(client, cast, places):
    """Cached parts are kept under the versions: a change shows at once."""
    client.force_login(cast["hengelo.editor"])
    assert "Nieuwe Naam" not in client.get(page_of("enschede")).content.decode()
    contact = ContactPerson.objects.filter(municipality__slug="enschede").first()
    contact.name = "Nieuwe Naam"
    contact.save()
    assert "Nieuwe Naam" in client.get(page_of("enschede")).content.decode()
