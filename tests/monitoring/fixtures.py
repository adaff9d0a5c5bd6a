"""Monitoring data for the tests and the shared harnesses (inventory, permission matrix).

``monitoring_demo`` runs the app's own ``demo.seed()`` on the test cast, so the
pages the inventory names resolve to the same objects as in the benchmark's
demo data (the current quarter's report of Enschede, and so on). The lighter
``make_report`` creates one report of the current quarter with the demo's format.
"""

import datetime
import random

import pytest

from monitoring import demo, reading
from monitoring.models import Period, Report
from monitoring.validation import cells_of, field_name
from toolbox_site.models import Organization


def current_quarter_start(today=None):
    today = today or datetime.date.today()
    return datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)


def current_report(slug):
    """The report of the organization for the current quarter."""
    return Report.objects.get(
        organization__slug=slug,
        period__type=Period.Type.QUARTER,
        period__start=current_quarter_start(),
    )


def previous_report(slug):
    return (
        Report.objects.filter(
            organization__slug=slug,
            period__type=Period.Type.QUARTER,
            period__start__lt=current_quarter_start(),
        )
        .order_by("-period__start")
        .first()
    )


@pytest.fixture
def monitoring_demo(cast, ggd):
    demo.seed()
    return {
        "enschede": current_report("enschede"),
        "enschede_previous": previous_report("enschede"),
        "hengelo": current_report("hengelo"),
    }


def demo_format(organization):
    ggd = Organization.objects.get(slug="ggd-twente")
    dimensions = demo.seed_dimensions()
    if organization.kind == Organization.Kind.CARE_OFFICE:
        return demo.seed_format(
            ggd,
            demo.CARE_OFFICE_FORMAT,
            organization.kind,
            demo.CARE_OFFICE_SECTIONS,
            demo.CARE_OFFICE_RULES,
            dimensions,
        )
    return demo.seed_format(
        ggd,
        demo.MUNICIPALITY_FORMAT,
        organization.kind,
        demo.MUNICIPALITY_SECTIONS,
        demo.MUNICIPALITY_RULES,
        dimensions,
    )


def demo_values(report, seed=1):
    indicators = list(demo._indicators(report.format))
    values = demo.generate_values(
        indicators, report.organization, report.period, random.Random(seed)
    )
    return indicators, values


def make_report(slug="enschede", status=Report.Status.DRAFT, *, filled=False):
    """A report of the current quarter with the demo's format (one period only)."""
    organization = Organization.objects.get(slug=slug)
    fmt = demo_format(organization)
    period = demo.seed_periods(datetime.date.today(), count=1)[0]
    report, _created = Report.objects.get_or_create(
        organization=organization, period=period, defaults={"format": fmt, "status": status}
    )
    if filled:
        indicators, values = demo_values(report)
        demo.store_values(report, indicators, values)
    return report


def valid_post(report, action="save", seed=7):
    """A complete, valid POST of the report form (believable demo values)."""
    _indicators, values = demo_values(report, seed)
    structure = reading.format_structure(report.format_id)
    data = {"report": str(report.pk), "version": str(report.version), "action": action}
    for key, indicator, _item in cells_of(structure):
        number, text = values.get(key, (None, ""))
        if indicator.value_type == indicator.ValueType.YES_NO:
            shown = "" if number is None else ("yes" if number else "no")
        elif number is not None:
            shown = format(number, "f")
        else:
            shown = text
        data[field_name(key)] = shown
    return data


def report_state(pk):
    report = Report.objects.get(pk=pk)
    values = sorted(
        (code, item or "", number, text)
        for code, item, number, text in report.values.values_list(
            "indicator__code", "dimension_item__code", "number", "text"
        )
    )
    return report.status, report.version, values
