"""Much more monitoring data for the query-count tests: more indicators, breakdown
items, periods, reports and values, so any per-row query would show."""

import datetime
from decimal import Decimal

from monitoring.models import (
    Dimension,
    DimensionItem,
    Indicator,
    MonitoringFormat,
    Period,
    Report,
    Section,
    ValidationRule,
    Value,
)
from toolbox_site.models import Organization


def add_bulk_data(region, cast):
    dimension = Dimension.objects.create(code="bulk_dimension", name="Extra uitsplitsing")
    items = DimensionItem.objects.bulk_create(
        DimensionItem(dimension=dimension, code=f"item_{n}", label=f"Onderdeel {n}", order=n)
        for n in range(3)
    )
    # Four more quarters further back, for the warnings and the lists.
    periods = []
    for n in range(1, 5):
        start = datetime.date(2000 + n, 1, 1)
        periods.append(
            Period(
                type=Period.Type.QUARTER,
                start=start,
                end=start + datetime.timedelta(days=89),
                deadline=start + datetime.timedelta(days=120),
                is_open=n % 2 == 0,
            )
        )
    Period.objects.bulk_create(periods)
    organizations = list(
        Organization.objects.filter(region=region, kind=Organization.Kind.MUNICIPALITY)
    )
    for fmt in MonitoringFormat.objects.filter(organization__region=region):
        section = Section.objects.create(format=fmt, title="Extra", order=99)
        indicators = Indicator.objects.bulk_create(
            Indicator(
                format=fmt,
                section=section,
                code=f"bulk_{n}",
                label=f"Extra indicator {n}",
                dimension=dimension if n % 2 == 0 else None,
                required=False,
                order=n,
            )
            for n in range(8)
        )
        ValidationRule.objects.bulk_create(
            ValidationRule(format=fmt, kind="breakdown_total", indicator=indicator)
            for indicator in indicators
            if indicator.dimension_id
        )
        if fmt.organization_kind != Organization.Kind.MUNICIPALITY:
            continue
        reports = Report.objects.bulk_create(
            Report(organization=organization, format=fmt, period=period, status="submitted")
            for organization in organizations
            for period in periods
        )
        Value.objects.bulk_create(
            (
                Value(report=report, indicator=indicator, number=Decimal(n))
                for n, report in enumerate(reports)
                for indicator in indicators
            ),
            batch_size=2000,
        )
        existing = Report.objects.filter(format=fmt).exclude(pk__in=[r.pk for r in reports])
        Value.objects.bulk_create(
            (
                Value(report=report, indicator=indicator, dimension_item=item, number=Decimal(1))
                for report in existing
                for indicator in indicators
                if indicator.dimension_id
                for item in items
            ),
            batch_size=2000,
        )
