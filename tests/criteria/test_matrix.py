"""The comparison matrix: municipalities by criteria, filters, and the exports
of exactly what is shown."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from criteria.models import Criterion, LocalAgreement

URL = reverse("criteria:matrix")


@pytest.fixture
def member(client, cast):
    client.force_login(cast["enschede.viewer"])
    return client


@pytest.fixture
def two_agreements(criteria_framework, enschede, hengelo):
    LocalAgreement.objects.create(
        municipality=enschede,
        criterion=Criterion.objects.get(code="ON-1"),
        status="agreed",
        area="quality",
    )
    LocalAgreement.objects.create(
        municipality=hengelo,
        criterion=Criterion.objects.get(code="SG-1"),
        status="not_adopted",
        area="procurement",
    )


def test_it_needs_a_login(client, criteria_framework):
    response = client.get(URL)
    assert response.status_code == 302


def test_it_shows_the_status_as_text_and_colour(member, two_agreements):
    content = member.get(URL).content.decode()
    assert '<span class="status status-agreed">Afgesproken</span>' in content
    assert '<span class="status status-not-adopted">Niet overgenomen</span>' in content
    assert "<caption" in content
    assert 'scope="col"' in content and 'scope="row"' in content


def test_it_filters_by_area(member, two_agreements):
    content = member.get(URL, {"gebied": "quality"}).content.decode()
    content = content.split("<table")[1]
    assert "Afgesproken</span>" in content
    assert "Niet overgenomen</span>" not in content


def test_it_filters_by_theme(member, two_agreements, criteria_framework):
    theme = criteria_framework.themes.get(name="Signalering")
    response = member.get(URL, {"thema": theme.pk})
    codes = [row["code"] for row in response.context["page"]["rows"]]
    assert codes == ["SG-1", "SG-2", "SG-3"]


def test_the_csv_export_holds_exactly_what_is_shown(member, two_agreements, criteria_framework):
    theme = criteria_framework.themes.get(name="Signalering")
    response = member.get(URL, {"thema": theme.pk, "formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Code", "Criterium", "Thema"]
    assert "Enschede" in rows[0] and "Hengelo" in rows[0]
    assert [row[0] for row in rows[1:]] == ["SG-1", "SG-2", "SG-3"]
    hengelo = rows[0].index("Hengelo")
    assert rows[1][hengelo] == "niet overgenomen"


def test_the_xlsx_export_holds_exactly_what_is_shown(member, two_agreements):
    response = member.get(URL, {"gebied": "quality", "formaat": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + Criterion.objects.count()
    enschede = rows[0].index("Enschede")
    statuses = {row[0]: row[enschede] for row in rows[1:]}
    assert statuses["ON-1"] == "afgesproken"
    hengelo = rows[0].index("Hengelo")
    assert all(not row[hengelo] for row in rows[1:])  # Hengelo's agreement is on procurement


def test_another_region_can_be_chosen(member, two_agreements, achterhoek_framework):
    response = member.get(URL, {"regio": "achterhoek"})
    names = [m["name"] for m in response.context["page"]["municipalities"]]
    assert names == ["Winterswijk"]


@pytest.mark.parametrize("query", [{"thema": "x"}, {"gebied": "\x01"}, {"formaat": "pdf"}])
def test_bad_filters_do_not_break_the_matrix(member, two_agreements, query):
    assert member.get(URL, query).status_code == 200
