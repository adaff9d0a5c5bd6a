"""The indicators linked to a quality criterion (``Indicator.criteria``, set by the
coordinators in the admin), with the region's figures of the last periods: shown on
the criterion's page (a place the criteria app offers: criteria/extensions.py), and the
criteria of an indicator on the dashboard."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count, Sum

from criteria.models import Framework
from toolbox_site.models import Organization

from . import dashboards
from .models import Indicator, Period, Report, Value

PERIODS = 4  # the last periods shown per indicator, newest last


@dataclass(frozen=True)
class Trend:
    indicator: dashboards.IndicatorChoice
    figures: list  # (period label, dashboards.Cell, municipalities counted), oldest first

    @property
    def direction(self):
        """The last period against the one before, when both are known and count the
        same municipalities (a period that only some have reported on yet says nothing)."""
        if len(self.figures) < 2:
            return ""
        (_before, previous, counted_before), (_last, last, counted) = self.figures[-2:]
        if previous.value is None or last.value is None or counted != counted_before:
            return ""
        if last.value == previous.value:
            return "same"
        return "up" if last.value > previous.value else "down"


def criterion_trends(criterion):
    """The numeric indicators of the region's municipal formats linked to ``criterion``,
    each with the region's total (or average) of its last approved periods. Two
    queries. Counts from 1 to 4 are hidden, as on the public dashboard."""
    region_id = criterion.framework.region_id
    indicators = {}
    for indicator in (
        Indicator.objects.filter(
            criteria=criterion,
            value_type__in=dashboards.NUMERIC,
            format__organization_kind=Organization.Kind.MUNICIPALITY,
        )
        .select_related("format")
        .order_by("-format__version", "section__order", "order", "pk")
    ):
        choice = indicators.get(indicator.code)
        if choice is None:
            choice = indicators[indicator.code] = dashboards.IndicatorChoice(
                code=indicator.code,
                label=indicator.label,
                unit=indicator.unit,
                value_type=indicator.value_type,
                aggregation=indicator.aggregation,
                public=indicator.public,
                period_type=indicator.format.period_type,
                dimension=None,
            )
        choice.ids.append(indicator.pk)
    if not indicators:
        return []
    code_of = {pk: choice.code for choice in indicators.values() for pk in choice.ids}
    rows = (
        Value.objects.filter(
            indicator_id__in=list(code_of),
            dimension_item__isnull=True,
            number__isnull=False,
            report__status=Report.Status.APPROVED,
            report__organization__region_id=region_id,
            report__organization__kind=Organization.Kind.MUNICIPALITY,
        )
        .values_list("indicator_id", "report__period__type", "report__period__start")
        .annotate(
            total=Sum("number"),
            average=Avg("number"),
            count=Count("report__organization_id", distinct=True),
        )
        .order_by("-report__period__start")
    )
    per_code = defaultdict(dict)  # code -> {(type, start): [total, sum of averages, count]}
    for indicator_id, period_type, start, total, average, count in rows:
        # One code in several format versions: one figure a period.
        figures = per_code[code_of[indicator_id]].setdefault((period_type, start), [0, 0, 0])
        figures[0] += total
        figures[1] += average * count
        figures[2] += count
    trends = []
    for code, choice in indicators.items():
        periods = sorted(per_code.get(code, {}).items(), reverse=True)[:PERIODS]
        figures = []
        for (period_type, start), (total, weighted, count) in reversed(periods):
            value = total if choice.is_sum else weighted / count
            cell = dashboards.cell(value, count=choice.is_count, decimals=choice.decimals)
            figures.append((Period(type=period_type, start=start).label, cell, count))
        trends.append(Trend(choice, figures))
    return trends


def criteria_of(indicator_ids):
    """The published criteria linked to an indicator (in any of its format versions),
    as (code, title) pairs: one query."""
    return list(
        Indicator.criteria.through.objects.filter(
            indicator_id__in=indicator_ids, criterion__framework__status=Framework.Status.PUBLISHED
        )
        .values_list("criterion__code", "criterion__title")
        .distinct()
        .order_by("criterion__code")
    )
