"""National-scale monitoring data for the benchmark (``manage.py generate_scale_data``).

Each scale region's team gets the demo's two formats; every municipality and
care office reports on the last 40 quarters with the full format (at --scale 1:
342 municipalities x 40 quarters x the 68 cells of the format, of which about 52
are filled in, so about 760,000 values; empty cells stay empty). Reports go
in with ``bulk_create``; values are built in Python as plain rows and written
with PostgreSQL's COPY (or ``bulk_create`` in large batches elsewhere).
"""

import datetime
import random

from django.db import connection

from monitoring import demo
from monitoring.models import MonitoringFormat, Report, Value
from toolbox_site import freshness
from toolbox_site.models import Organization

QUARTERS = 40
BATCH = 5000


def _formats(ctx):
    dimensions = demo.seed_dimensions()
    formats = {}
    for team in ctx.organizations:
        if team.kind != Organization.Kind.REGION_TEAM:
            continue
        for kind, name, sections, rules in (
            (
                Organization.Kind.MUNICIPALITY,
                demo.MUNICIPALITY_FORMAT,
                demo.MUNICIPALITY_SECTIONS,
                demo.MUNICIPALITY_RULES,
            ),
            (
                Organization.Kind.CARE_OFFICE,
                demo.CARE_OFFICE_FORMAT,
                demo.CARE_OFFICE_SECTIONS,
                demo.CARE_OFFICE_RULES,
            ),
        ):
            fmt = demo.seed_format(team, name, kind, sections, rules, dimensions)
            formats[(team.region_id, kind)] = fmt
    return formats


def _status(position, count, rng):
    if position < count - 2:
        return Report.Status.APPROVED
    if position == count - 2:
        return rng.choice(
            [Report.Status.APPROVED, Report.Status.SUBMITTED, Report.Status.SUBMITTED]
        )
    return rng.choice([Report.Status.DRAFT, Report.Status.DRAFT, Report.Status.SUBMITTED])


def _write_values(rows):
    """rows: (report_id, indicator_id, item_id or None, number or None, text)."""
    if connection.vendor == "postgresql":
        table = Value._meta.db_table
        sql = (
            f"COPY {table} (report_id, indicator_id, dimension_item_id, number, text, comment) "
            "FROM STDIN"
        )
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for report_id, indicator_id, item_id, number, text in rows:
                copy.write_row((report_id, indicator_id, item_id, number, text, ""))
        return
    batch = []
    for report_id, indicator_id, item_id, number, text in rows:
        batch.append(
            Value(
                report_id=report_id,
                indicator_id=indicator_id,
                dimension_item_id=item_id,
                number=number,
                text=text,
            )
        )
        if len(batch) >= BATCH:
            Value.objects.bulk_create(batch, batch_size=BATCH)
            batch = []
    if batch:
        Value.objects.bulk_create(batch, batch_size=BATCH)


def generate_monitoring(ctx):
    periods = demo.seed_periods(datetime.date.today(), count=QUARTERS)
    formats = _formats(ctx)
    structure = {}
    for key, fmt in formats.items():
        indicators = list(demo._indicators(fmt))
        ids = {}
        for indicator in indicators:
            ids[(indicator.code, "")] = (indicator.pk, None)
            if indicator.dimension_id:
                for item in indicator.dimension.items.all():
                    ids[(indicator.code, item.code)] = (indicator.pk, item.pk)
        structure[key] = (fmt, indicators, ids)
    reporting = [
        organization
        for organization in ctx.organizations
        if (organization.region_id, organization.kind) in structure
    ]
    reports = []
    for organization in reporting:
        fmt = structure[(organization.region_id, organization.kind)][0]
        for position, period in enumerate(periods):
            reports.append(
                Report(
                    organization=organization,
                    format=fmt,
                    period=period,
                    status=_status(position, len(periods), ctx.rng),
                )
            )
    reports = Report.objects.bulk_create(reports, batch_size=BATCH)
    by_id = {organization.pk: organization for organization in reporting}
    count = 0

    def rows():
        nonlocal count
        for report in reports:
            organization = by_id[report.organization_id]
            _fmt, indicators, ids = structure[(organization.region_id, organization.kind)]
            rng = random.Random(f"{ctx.rng.random()}")
            values = demo.generate_values(indicators, organization, report.period, rng)
            for key, (number, text) in values.items():
                indicator_id, item_id = ids[key]
                count += 1
                yield report.pk, indicator_id, item_id, number, text

    _write_values(rows())
    freshness.changed("monitoring")  # bulk writes and COPY send no signals
    return f"{len(reports)} reports over {len(periods)} quarters, {count} values"


def delete(regions):
    """Remove the monitoring data of the scale regions fast (no per-row signals)."""
    reports = Report.objects.filter(organization__region__in=regions)
    Value.objects.filter(report__in=reports)._raw_delete(Value.objects.db)
    reports._raw_delete(Report.objects.db)
    MonitoringFormat.objects.filter(organization__region__in=regions).delete()
    freshness.changed("monitoring")


STEPS = [generate_monitoring]
