"""Coordinators maintain their region's formats in the admin; a format with reports is locked
and changes only through a new version; reports are approved there through the workflow."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitoring.models import Indicator, MonitoringFormat, Report, Section

from .fixtures import make_report


@pytest.fixture
def report(cast):
    return make_report("enschede", Report.Status.SUBMITTED, filled=True)


def test_the_coordinator_sees_the_formats_and_reports_of_the_region(client, cast, report):
    client.force_login(cast["twente.coordinator"])
    for name in ("monitoringformat", "report", "period", "dimension"):
        response = client.get(reverse(f"admin:monitoring_{name}_changelist"))
        assert response.status_code == 200, name
    html = client.get(reverse("admin:monitoring_report_changelist")).content.decode()
    assert "Enschede" in html


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(year=st.one_of(st.integers(1900, 2100).map(str), st.text(max_size=6)))
def test_the_report_list_filters_by_the_year_of_the_period(client, cast, report, year):
    """The year filter lists the years of the periods; any other value in the address
    shows an empty list, never an error."""
    client.force_login(cast["twente.coordinator"])
    url = reverse("admin:monitoring_report_changelist")
    own = str(report.period.start.year)
    assert f"?jaar={own}" in client.get(url).content.decode()
    assert "Enschede" in client.get(url, {"jaar": own}).content.decode()
    response = client.get(url, {"jaar": year})
    # 400: a NUL character, refused before any view (toolbox_site/middleware.py).
    assert response.status_code in (200, 302, 400)
    if response.status_code == 200 and year != own:
        assert "Enschede" not in response.content.decode()


def test_a_coordinator_of_another_region_does_not_see_them(client, everyone, report):
    client.force_login(everyone["achterhoek.coordinator"])
    html = client.get(reverse("admin:monitoring_report_changelist")).content.decode()
    assert "Enschede" not in html
    url = reverse("admin:monitoring_monitoringformat_change", args=[report.format_id])
    assert client.get(url).status_code == 302  # outside the queryset: "missing"


@pytest.fixture
def everyone(cast, elsewhere):
    from toolbox_site.models import Membership, Organization

    from ..factories import make_organization, make_user

    team = make_organization(
        elsewhere.region, "Regioteam Achterhoek", kind=Organization.Kind.REGION_TEAM
    )
    make_user("achterhoek.coordinator", team, Membership.Role.COORDINATOR, is_staff=True)
    from django.contrib.auth import get_user_model

    return {
        **cast,
        "achterhoek.coordinator": get_user_model().objects.get(username="achterhoek.coordinator"),
    }


def test_a_format_with_reports_is_read_only_in_the_admin(client, cast, report):
    client.force_login(cast["twente.coordinator"])
    url = reverse("admin:monitoring_monitoringformat_change", args=[report.format_id])
    html = client.get(url).content.decode()
    assert 'name="name"' not in html  # read-only
    indicator = report.format.indicators.first()
    url = reverse("admin:monitoring_indicator_change", args=[indicator.pk])
    response = client.post(url, {"label": "Iets anders"})
    indicator.refresh_from_db()
    assert indicator.label != "Iets anders"
    assert response.status_code in (302, 403) or 'name="label"' not in response.content.decode()


def test_the_model_refuses_changes_to_a_locked_format(report):
    section = Section(format=report.format, title="Nieuw")
    with pytest.raises(ValidationError, match="al rapportages"):
        section.full_clean()


def test_a_new_version_copies_the_format_and_leaves_the_old_reports_alone(client, cast, report):
    client.force_login(cast["twente.coordinator"])
    old = report.format
    response = client.post(
        reverse("admin:monitoring_monitoringformat_changelist"),
        {"action": "make_new_version", "_selected_action": [old.pk]},
    )
    assert response.status_code == 302
    new = MonitoringFormat.objects.get(name=old.name, version=2)
    assert new.indicators.count() == old.indicators.count()
    assert new.rules.count() == old.rules.count()
    assert not new.locked
    old.refresh_from_db()
    assert not old.active
    report.refresh_from_db()
    assert report.format_id == old.pk
    assert Indicator.objects.filter(format=new, code="clients_new").exists()


def test_the_coordinator_approves_reports_in_the_admin_through_the_workflow(client, cast, report):
    client.force_login(cast["twente.coordinator"])
    response = client.post(
        reverse("admin:monitoring_report_changelist"),
        {"action": "approve_reports", "_selected_action": [report.pk]},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    assert report.approved_by == cast["twente.coordinator"]


def test_the_admin_shows_a_report_s_numbers_as_the_site_does(client, cast, report):
    """Stored with four decimals, shown without them: "17", not "17,0000"."""
    value = report.values.filter(number__isnull=False).select_related("indicator").first()
    value.number = Decimal("17")
    value.save()
    client.force_login(cast["twente.coordinator"])
    url = reverse("admin:monitoring_report_change", args=[report.pk])
    html = client.get(url).content.decode()
    assert re.search(r'field-shown_number">\s*<p>17</p>', html)
    assert "17,0000" not in html and "17.0000" not in html
    assert str(value).endswith(": 17")
    value.number = Decimal("5.25")
    assert str(value).endswith(": 5,25")


def test_the_report_history_is_in_the_admin(client, cast, report):
    client.force_login(cast["twente.coordinator"])
    url = reverse("admin:monitoring_report_history", args=[report.pk])
    assert client.get(url).status_code == 200


def section_post(section, *rows):
    data = {
        "format": section.format_id,
        "title": section.title,
        "description": section.description,
        "order": section.order,
        "indicators-TOTAL_FORMS": str(len(rows)),
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "1000",
    }
    for number, (code, label) in enumerate(rows):
        data.update(
            {
                f"indicators-{number}-order": str(90 + number),
                f"indicators-{number}-code": code,
                f"indicators-{number}-label": label,
                f"indicators-{number}-value_type": Indicator.ValueType.WHOLE,
                f"indicators-{number}-aggregation": Indicator.Aggregation.SUM,
            }
        )
    return data


DUPLICATE_CODE = "Dit format heeft al een indicator met deze code."


@pytest.fixture
def open_format(cast):
    from toolbox_site.models import Organization

    from .fixtures import demo_format

    return demo_format(Organization.objects.get(slug="enschede"))


def test_a_code_of_another_section_s_indicator_is_a_form_error(client, cast, open_format):
    """The section's indicator rows do not show the format, so Django skipped the
    format-wide unique code and the database refused the save: a 500."""
    first, second = open_format.sections.order_by("order")[:2]
    taken = first.indicators.first().code
    client.force_login(cast["twente.coordinator"])
    before = Indicator.objects.count()
    url = reverse("admin:monitoring_section_change", args=[second.pk])
    response = client.post(url, section_post(second, (taken, "Dubbel")))
    assert response.status_code == 200
    assert DUPLICATE_CODE in response.content.decode()
    assert Indicator.objects.count() == before


def test_two_new_indicators_with_one_code_are_a_form_error(client, cast, open_format):
    section = open_format.sections.order_by("order").first()
    client.force_login(cast["twente.coordinator"])
    before = Indicator.objects.count()
    url = reverse("admin:monitoring_section_change", args=[section.pk])
    response = client.post(url, section_post(section, ("nieuw", "Een"), ("nieuw", "Twee")))
    assert response.status_code == 200
    assert DUPLICATE_CODE in response.content.decode()
    assert Indicator.objects.count() == before
    response = client.post(url, section_post(section, ("nieuw", "Een"), ("nieuwer", "Twee")))
    assert response.status_code == 302
    assert Indicator.objects.count() == before + 2
