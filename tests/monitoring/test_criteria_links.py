"""Criteria ↔ monitoring ↔ training: a criterion's page shows the indicators linked
to it with the region's figures, an indicator on the dashboard names its criteria, a
coordinator links them in the admin (also on a format that has reports), and a new
framework version takes the links along."""

import pytest
from django.urls import reverse

from criteria.models import Criterion, Framework, Training
from criteria.services import publish_framework
from monitoring import criteria_links
from monitoring.dashboards import Cell
from monitoring.models import Indicator, Report, Value

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(criteria_trainings, monitoring_demo):
    """The demo: criteria, trainings, reports, and the demo's links between them."""
    return Criterion.objects.get(code="BV-1", framework__status=Framework.Status.PUBLISHED)


def trend_of(criterion, code):
    return next(t for t in criteria_links.criterion_trends(criterion) if t.indicator.code == code)


def test_the_demo_links_the_obvious_pairs(linked):
    codes = set(linked.indicators.values_list("code", flat=True))
    assert {"clients_total", "awareness_pct"} <= codes
    handover = Criterion.objects.get(code="SW-3", framework__status="published")
    assert "wlz_applications" in set(handover.indicators.values_list("code", flat=True))


def test_a_criterion_page_shows_the_region_figures_of_its_indicators(client, linked):
    response = client.get(reverse("criteria:detail", args=["BV-1"]))
    html = response.content.decode()
    assert 'id="indicatoren"' in html and "Unieke cliënten" in html
    total = sum(
        Value.objects.filter(
            indicator__code="clients_total",
            dimension_item__isnull=True,
            report__status=Report.Status.APPROVED,
            report__organization__kind="municipality",
            report__period=Report.objects.filter(status="approved")
            .order_by("-period__start")
            .values("period")[:1],
        ).values_list("number", flat=True)
    )
    trend = trend_of(linked, "clients_total")
    assert trend.figures[-1][1].value == total
    assert len(trend.figures) <= criteria_links.PERIODS
    # Anonymous visitors are led to the public figures, members to the dashboard.
    assert reverse("monitoring:public") in html


def test_small_region_totals_are_hidden(linked):
    Value.objects.filter(indicator__code="clients_total", dimension_item__isnull=True).update(
        number=0
    )
    Value.objects.filter(
        indicator__code="clients_total",
        dimension_item__isnull=True,
        report__organization__slug="enschede",
    ).update(number=2)
    trend = trend_of(linked, "clients_total")
    shown = [cell.shown for _period, cell, _count in trend.figures]
    assert "< 5" in shown and "2" not in shown
    assert trend.direction == ""


def test_the_direction_only_compares_periods_that_count_the_same_municipalities():
    def trend(*figures):
        return criteria_links.Trend(indicator=None, figures=list(figures))

    def cell(value):
        return Cell(value, str(value))

    assert trend(("K1", cell(5), 14), ("K2", cell(7), 14)).direction == "up"
    assert trend(("K1", cell(7), 14), ("K2", cell(5), 14)).direction == "down"
    assert trend(("K1", cell(7), 14), ("K2", cell(7), 14)).direction == "same"
    assert trend(("K1", cell(7), 14), ("K2", cell(3), 7)).direction == ""
    assert trend(("K1", Cell(None, "< 5", True), 14), ("K2", cell(7), 14)).direction == ""
    assert trend(("K2", cell(7), 14)).direction == ""


def test_a_criterion_without_indicators_says_so(client, criteria_trainings):
    html = client.get(reverse("criteria:detail", args=["ON-2"])).content.decode()
    assert "Aan dit criterium is nog geen indicator" in html


def test_the_page_follows_a_new_link(client, linked):
    url = reverse("criteria:detail", args=["ON-1"])
    assert "Unieke cliënten" not in client.get(url).content.decode()
    criterion = Criterion.objects.get(code="ON-1", framework__status="published")
    Indicator.objects.filter(code="clients_total").first().criteria.add(criterion)
    assert "Unieke cliënten" in client.get(url).content.decode()


def test_the_dashboard_names_the_criteria_of_its_indicator(client, cast, linked):
    client.force_login(cast["enschede.editor"])
    response = client.get(reverse("monitoring:dashboard"), {"indicator": "clients_total"})
    html = response.content.decode()
    assert reverse("criteria:detail", args=["BV-1"]) in html
    assert "Inwoners kennen de ondersteuning" in html


def test_a_coordinator_links_criteria_to_an_indicator_of_a_locked_format(client, cast, linked):
    indicator = Indicator.objects.filter(code="clients_new", format__reports__isnull=False).first()
    assert indicator.format.locked
    criterion = Criterion.objects.get(code="ON-1", framework__status="published")
    client.force_login(cast["twente.coordinator"])
    url = reverse("admin:monitoring_indicator_change", args=[indicator.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="criteria"' in html and 'name="label"' not in html
    response = client.post(url, {"criteria": [criterion.pk], "label": "Iets anders"})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.label != "Iets anders"
    assert list(indicator.criteria.all()) == [criterion]


def test_a_new_framework_version_takes_the_links_along(linked, twente):
    old = linked.framework
    new = Framework.objects.create(region=twente, name=old.name, version=old.version + 1)
    for theme in old.themes.all():
        criteria = list(theme.criteria.all())
        theme.pk = None
        theme.framework = new
        theme.save()
        for criterion in criteria:
            criterion.pk = None
            criterion.framework = new
            criterion.theme = theme
            criterion.save()
    trained = set(Training.objects.filter(criteria=linked).values_list("pk", flat=True))
    measured = set(linked.indicators.values_list("pk", flat=True))
    publish_framework(new)
    successor = Criterion.objects.get(framework=new, code="BV-1")
    assert set(successor.indicators.values_list("pk", flat=True)) == measured
    assert set(Training.objects.filter(criteria=successor).values_list("pk", flat=True)) == trained
