"""Small, exact monitoring data for the dashboard tests: the demo's format, a few
quarters, and approved reports whose values the tests choose."""

import datetime
from decimal import Decimal

import pytest

from monitoring import demo
from monitoring.models import DimensionItem, Indicator, Report, Value
from toolbox_site.models import Organization

from .fixtures import demo_format

QUARTERS = 4


def quarters(count=QUARTERS):
    """The last ``count`` finished quarters, oldest first."""
    today = datetime.date.today()
    periods = demo.seed_periods(today, count=count + 1)
    return periods[:-1]


def report(organization, period, values, status=Report.Status.APPROVED, items=None):
    """A report with totals ``{code: number}`` and breakdown cells ``{(code, item): number}``."""
    fmt = demo_format(organization)
    report, _created = Report.objects.get_or_create(
        organization=organization, period=period, defaults={"format": fmt, "status": status}
    )
    indicators = {indicator.code: indicator for indicator in fmt.indicators.all()}
    for code, number in values.items():
        Value.objects.create(report=report, indicator=indicators[code], number=Decimal(number))
    for (code, item), number in (items or {}).items():
        indicator = indicators[code]
        Value.objects.create(
            report=report,
            indicator=indicator,
            dimension_item=DimensionItem.objects.get(dimension=indicator.dimension, code=item),
            number=Decimal(number),
        )
    return report


@pytest.fixture
def figures(cast, ggd, enschede, hengelo, twente):
    """Three Twente municipalities over four quarters, with a small number (3) for
    Hengelo's clients in the last quarter and a draft that must not count."""
    from ..factories import make_organization

    borne = make_organization(twente, "Borne", cbs_code="GM0147", inhabitants=24000)
    periods = quarters()
    for position, period in enumerate(periods):
        report(enschede, period, {"clients_total": 100 + position, "waiting_days": "10.5"})
        report(
            hengelo,
            period,
            {"clients_total": 3 if position == len(periods) - 1 else 50, "waiting_days": "3"},
        )
        report(borne, period, {"clients_total": 20, "waiting_days": "12"})
    # A draft of the current quarter: it never counts.
    current = demo.seed_periods(datetime.date.today(), count=1)[0]
    report(enschede, current, {"clients_total": 9999}, status=Report.Status.DRAFT)
    return {"periods": periods, "borne": borne, "enschede": enschede, "hengelo": hengelo}


def indicator(code):
    return Indicator.objects.filter(code=code, format__organization_kind="municipality").first()


@pytest.fixture
def other_region(elsewhere):
    """Achterhoek with its own team, format and an approved report of Winterswijk."""
    from ..factories import make_organization

    team = make_organization(
        elsewhere.region, "Regioteam Achterhoek", kind=Organization.Kind.REGION_TEAM
    )
    dimensions = demo.seed_dimensions()
    fmt = demo.seed_format(
        team,
        demo.MUNICIPALITY_FORMAT,
        Organization.Kind.MUNICIPALITY,
        demo.MUNICIPALITY_SECTIONS,
        demo.MUNICIPALITY_RULES,
        dimensions,
    )
    period = quarters()[-1]
    other = Report.objects.create(
        organization=elsewhere, format=fmt, period=period, status=Report.Status.APPROVED
    )
    Value.objects.create(
        report=other,
        indicator=fmt.indicators.get(code="clients_total"),
        number=Decimal(777777),
    )
    return elsewhere
