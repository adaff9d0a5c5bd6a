"""Monitoring dashboards: the aggregation behind the trend, completeness and public pages.

Everything is summed, averaged and counted in the database (GROUP BY through the
ORM); Python only arranges the already aggregated rows (one per municipality and
period at most) into tables, and takes the median of one period's municipality
values.

Only approved reports count. Empty is "not reported" and never zero: values
without a number are left out.

Small-number suppression: a count from 1 to 4 is shown as "< 5" to anyone outside
the reporting organization. A region figure (total, per 10,000, average, median)
that would let someone work out a hidden count is hidden as well: when exactly
one municipality's count is hidden, or when the hidden counts could only be all
ones or all fours. A breakdown cell next to a known total gets the same
protection: the smallest other cell is hidden too (shown as HIDDEN). Suppression applies to
counts (whole numbers that are added up); averages, percentages and marks do not
count people.
"""

import functools
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connections
from django.db.models import Avg, Count, Sum
from django.urls import reverse
from django.utils import translation
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from toolbox_site.models import Organization
from toolbox_site.templatetags.toolbox import css_name

from .models import Dimension, Indicator, Report, Value

SMALL = (1, 4)
SUPPRESSED = "< 5"
HIDDEN = "×"
EMPTY = "–"
PER = 10_000


def is_small(value):
    return value is not None and SMALL[0] <= value <= SMALL[1]


@dataclass
class Cell:
    """One figure as shown: ``value`` is None when not reported or hidden."""

    value: Decimal | None
    shown: str
    hidden: bool = False

    @property
    def chart(self):
        return None if self.value is None else float(self.value)


@functools.lru_cache(maxsize=16)
def separators(language):
    """The decimal and thousands separators of a language (read once per language)."""
    with translation.override(language):
        return get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")


def fmt(value, decimals=0):
    """A number as the page shows it, e.g. 1.234,5 in Dutch (rounded, grouped)."""
    if value is None:
        return EMPTY
    decimal, thousands = separators(translation.get_language() or "nl")
    text = f"{Decimal(value):,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


@dataclass
class IndicatorChoice:
    code: str
    label: str
    unit: str
    value_type: str
    aggregation: str
    public: bool
    period_type: str
    dimension: object  # Dimension or None
    ids: list = field(default_factory=list)  # the indicator in every format version

    @property
    def is_count(self):
        return (
            self.value_type == Indicator.ValueType.WHOLE
            and self.aggregation == Indicator.Aggregation.SUM
        )

    @property
    def is_sum(self):
        return self.aggregation == Indicator.Aggregation.SUM

    @property
    def decimals(self):
        return 0 if self.value_type == Indicator.ValueType.WHOLE else 1


NUMERIC = [*Indicator.NUMERIC_TYPES, Indicator.ValueType.YES_NO]


def region_indicators(region, *, public_only=False, kind=Organization.Kind.MUNICIPALITY):
    """The numeric indicators of the region's formats, by code (one query).

    A code in several format versions is one indicator; the newest version's
    label wins. The rows are plain tuples (values_list), not three model
    instances each; a breakdown is a Dimension with its name only.
    """
    rows = (
        Indicator.objects.filter(
            format__organization__region=region,
            format__organization_kind=kind,
            value_type__in=NUMERIC,
        )
        .order_by("-format__version", "section__order", "order", "pk")
        .values_list(
            "pk",
            "code",
            "label",
            "unit",
            "value_type",
            "aggregation",
            "public",
            "format__period_type",
            "dimension_id",
            "dimension__name",
        )
    )
    if public_only:
        rows = rows.filter(public=True)
    choices = {}
    dimensions = {}
    for (
        pk,
        code,
        label,
        unit,
        value_type,
        aggregation,
        public,
        period_type,
        dimension_id,
        dimension_name,
    ) in rows_of(rows):
        choice = choices.get(code)
        if choice is None:
            dimension = None
            if dimension_id is not None:
                dimension = dimensions.get(dimension_id)
                if dimension is None:
                    dimension = dimensions[dimension_id] = Dimension(
                        pk=dimension_id, name=dimension_name
                    )
            choice = choices[code] = IndicatorChoice(
                code=code,
                label=label,
                unit=unit,
                value_type=value_type,
                aggregation=aggregation,
                public=public,
                period_type=period_type,
                dimension=dimension,
            )
        choice.ids.append(pk)
    return list(choices.values())


def approved_values(indicator_ids, period_ids, region_id):
    """The reported totals of approved reports of the region's municipalities."""
    return Value.objects.filter(
        indicator_id__in=indicator_ids,
        dimension_item__isnull=True,
        number__isnull=False,
        report__status=Report.Status.APPROVED,
        report__period_id__in=period_ids,
        report__organization__region_id=region_id,
        report__organization__kind=Organization.Kind.MUNICIPALITY,
    )


def rows_of(queryset):
    """The rows of a ``values_list`` query as tuples.

    On PostgreSQL straight from the cursor: the driver gives numbers as Decimal and
    counts and sums of whole numbers as int already, the types the ORM's per-value
    converters would make, so those are skipped (a long series has many rows).
    """
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return list(queryset)
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def series(indicator, period_ids, region_id):
    """Per (period, municipality) the value, and per period the region's figures.

    One GROUP BY query, per period and municipality: the value (sum or average),
    the sum and the number of the values, the inhabitants. The region's figures per
    period are added up from those rows (at most one per municipality and period),
    as SUM, AVG and COUNT over the values themselves would give them. Returns
    ``(per_organization, per_period)``: ``{(period_id, organization_id): value}`` and
    ``{period_id: {"total", "average", "count", "counted", "inhabitants"}}`` where
    ``counted`` is the total of the municipalities whose inhabitants are known.
    """
    values = approved_values(indicator.ids, period_ids, region_id)
    combine = Sum if indicator.is_sum else Avg
    # Plain tuples (values_list), not a dict per row: the rows are many, the work small.
    rows = rows_of(
        values.values_list(
            "report__period_id",
            "report__organization_id",
            "report__organization__inhabitants",
        )
        .annotate(value=combine("number"), total=Sum("number"), number_count=Count("number"))
        .order_by()
    )
    per_organization = {}
    per_period = {}
    for period_id, organization_id, inhabitants, value, total, number_count in rows:
        per_organization[period_id, organization_id] = value
        figures = per_period.get(period_id)
        if figures is None:
            figures = per_period[period_id] = {
                "total": 0,
                "numbers": 0,
                "count": 0,
                "counted": None,
                "inhabitants": None,
            }
        figures["total"] += total
        figures["numbers"] += number_count
        figures["count"] += 1
        if inhabitants is not None:
            figures["counted"] = (figures["counted"] or 0) + total
            figures["inhabitants"] = (figures["inhabitants"] or 0) + inhabitants * number_count
    for figures in per_period.values():
        figures["average"] = Decimal(figures["total"]) / figures.pop("numbers")
    return per_organization, per_period


def breakdown(indicator, period_id, region_id):
    """The region's values per breakdown item for one period (one GROUP BY query)."""
    values = Value.objects.filter(
        indicator_id__in=indicator.ids,
        dimension_item__isnull=False,
        number__isnull=False,
        report__status=Report.Status.APPROVED,
        report__period_id=period_id,
        report__organization__region_id=region_id,
        report__organization__kind=Organization.Kind.MUNICIPALITY,
    )
    combine = Sum if indicator.is_sum else Avg
    return list(
        values.values("dimension_item__code", "dimension_item__label", "dimension_item__order")
        .annotate(value=combine("number"))
        .order_by("dimension_item__order", "dimension_item__code")
    )


# --- Suppression ---------------------------------------------------------------


def reveals(hidden):
    """Would a known total of these hidden counts (1 to 4 each) give them away?"""
    if not hidden:
        return False
    total = sum(hidden)
    return len(hidden) == 1 or total == len(hidden) or total == SMALL[1] * len(hidden)


def cell(value, *, count, own=False, decimals=0):
    if value is None:
        return Cell(None, EMPTY)
    if count and not own and is_small(value):
        return Cell(None, SUPPRESSED, hidden=True)
    return Cell(value, fmt(value, decimals))


def hidden_cell():
    return Cell(None, HIDDEN, hidden=True)


def protect_breakdown(cells, raw):
    """Hide the smallest visible cell too when the hidden ones could be worked out
    from the total (secondary suppression)."""
    hidden = [raw[i] for i, c in enumerate(cells) if c.hidden and raw[i] is not None]
    if not reveals(hidden):
        return cells
    visible = [i for i, c in enumerate(cells) if not c.hidden and raw[i]]
    if visible:
        smallest = min(visible, key=lambda i: raw[i])
        cells[smallest] = hidden_cell()
    return cells


def median_cell(values, hidden_values, *, decimals):
    """The median of one period's municipality values; hidden when a hidden
    value is one of the middle values it is taken from."""
    if not values:
        return Cell(None, EMPTY)
    ordered = sorted(values)
    middle = len(ordered) // 2
    used = ordered[middle : middle + 1] if len(ordered) % 2 else ordered[middle - 1 : middle + 1]
    median = statistics.median(ordered)
    if any(value in hidden_values for value in used) or (hidden_values and is_small(median)):
        return hidden_cell()
    return Cell(Decimal(median), fmt(median, decimals))


@dataclass
class RegionRow:
    total: Cell
    per_10000: Cell
    average: Cell
    median: Cell
    count: int


def region_row(indicator, figures, organization_values, own_ids, inhabitants_by_id):
    """The region's figures for one period, protected against revealing hidden counts.

    ``organization_values``: ``{organization_id: value}`` of this period.
    """
    decimals = indicator.decimals
    if not figures:
        empty = Cell(None, EMPTY)
        return RegionRow(empty, empty, empty, empty, 0)
    hidden = [
        value
        for organization_id, value in organization_values.items()
        if indicator.is_count and organization_id not in own_ids and is_small(value)
    ]
    risky = reveals(hidden)
    count = figures["count"]
    total_value = figures["total"] if indicator.is_sum else figures["average"]
    if risky:
        total = average = per_10000 = hidden_cell()
    else:
        total = cell(total_value, count=indicator.is_count, decimals=decimals)
        average = Cell(figures["average"], fmt(figures["average"], 1))
        per_10000 = Cell(None, EMPTY)
        if indicator.is_sum and figures["inhabitants"] and figures["counted"] is not None:
            rate = figures["counted"] * PER / figures["inhabitants"]
            per_10000 = Cell(rate, fmt(rate, 1))
    median = median_cell(list(organization_values.values()), hidden, decimals=1)
    return RegionRow(total, per_10000, average, median, count)


def organization_cell(indicator, value, organization, own_ids, measure):
    """A municipality's value, as a count or per 10,000 inhabitants."""
    base = cell(
        value,
        count=indicator.is_count,
        own=organization.pk in own_ids,
        decimals=indicator.decimals,
    )
    if measure != "per10000" or base.value is None or not indicator.is_sum:
        return base
    if not organization.inhabitants:
        return Cell(None, EMPTY)
    rate = base.value * PER / organization.inhabitants
    return Cell(rate, fmt(rate, 1))


# --- Completeness -----------------------------------------------------------------


NOT_STARTED = "not_started"


def completeness(organizations, periods, today):
    """The state of every organization's report per period, and the share approved.

    Two queries: the reports (organization, period, status) and the approved
    count per period (GROUP BY).
    """
    organization_ids = [organization.pk for organization in organizations]
    period_ids = [period.pk for period in periods]
    reports = (
        Report.objects.filter(organization_id__in=organization_ids, period_id__in=period_ids)
        .values_list("organization_id", "period_id", "status", "pk")
        .order_by()
    )
    states = {(org, period): (status, pk) for org, period, status, pk in reports}
    approved = dict(
        Report.objects.filter(
            organization_id__in=organization_ids,
            period_id__in=period_ids,
            status=Report.Status.APPROVED,
        )
        .values("period_id")
        .annotate(count=Count("organization_id", distinct=True))
        .order_by()
        .values_list("period_id", "count")
    )
    labels = {status: str(label).capitalize() for status, label in Report.Status.choices}
    labels[NOT_STARTED] = _("not started").capitalize()
    url = reverse("monitoring:report", kwargs={"pk": 0})[:-2]  # ".../rapportages/" + pk + "/"
    rows = []
    for organization in organizations:
        cells = []
        for period in periods:
            status, pk = states.get((organization.pk, period.pk), (NOT_STARTED, None))
            overdue = period.deadline < today and status in (
                NOT_STARTED,
                Report.Status.DRAFT,
                Report.Status.RETURNED,
            )
            cells.append(
                {
                    "status": status,
                    "overdue": overdue,
                    "report_id": pk,
                    "url": f"{url}{pk}/" if pk else "",
                    "label": labels[status],
                    "css": css_name(status),
                }
            )
        rows.append({"organization": organization, "cells": cells})
    shares = []
    for period in periods:
        count = approved.get(period.pk, 0)
        share = round(100 * count / len(organizations)) if organizations else 0
        shares.append({"period": period, "approved": count, "share": share})
    return rows, shares


# --- A municipality next to its region ---------------------------------------------


def comparison(indicators, period, region, organization, own_ids):
    """Per indicator: the municipality's value, the region's average and median.

    One GROUP BY query, per indicator and municipality: the sum, the average and the
    number of the values. The region's figures per indicator (the average over the
    values, the municipalities counted) are added up from those rows.
    """
    ids = [pk for indicator in indicators for pk in indicator.ids]
    values = approved_values(ids, [period.pk], region.pk)
    per_organization = {}
    averages = {}
    for code, organization_id, total, mean, number_count in rows_of(
        values.values_list("indicator__code", "report__organization_id")
        .annotate(total=Sum("number"), mean=Avg("number"), number_count=Count("number"))
        .order_by()
    ):
        per_organization.setdefault(code, {})[organization_id] = {"total": total, "mean": mean}
        figures = averages.setdefault(code, {"sum": 0, "numbers": 0, "count": 0})
        figures["sum"] += total
        figures["numbers"] += number_count
        figures["count"] += 1
    for figures in averages.values():
        figures["average"] = Decimal(figures.pop("sum")) / figures.pop("numbers")
    rows = []
    for indicator in indicators:
        key = "total" if indicator.is_sum else "mean"
        organization_values = {
            organization_id: row[key]
            for organization_id, row in per_organization.get(indicator.code, {}).items()
        }
        own = cell(
            organization_values.get(organization.pk),
            count=indicator.is_count,
            own=organization.pk in own_ids,
            decimals=indicator.decimals,
        )
        hidden = [
            value
            for organization_id, value in organization_values.items()
            if indicator.is_count and organization_id not in own_ids and is_small(value)
        ]
        figures = averages.get(indicator.code)
        if figures is None:
            average = Cell(None, EMPTY)
        elif reveals(hidden):
            average = hidden_cell()
        else:
            average = Cell(figures["average"], fmt(figures["average"], 1))
        rows.append(
            {
                "indicator": indicator,
                "own": own,
                "average": average,
                "median": median_cell(list(organization_values.values()), hidden, decimals=1),
                "count": figures["count"] if figures else 0,
            }
        )
    return rows
