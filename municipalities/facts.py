"""Where a municipality stands, read for any set of municipalities at once, so that a
municipality's page and the region's overview show the same figures: the network,
the step plan, the local agreements, the monitoring reports and the finder's searches
without a match. Each reading takes a fixed number of queries, whatever the number of
municipalities."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from criteria.models import Criterion, Framework, LocalAgreement
from finder.models import SearchTally
from finder.services import first_month
from monitoring import dashboards
from monitoring.models import Period, Report, Value

REPORT_STATES = (
    Report.Status.DRAFT,
    Report.Status.RETURNED,
    Report.Status.SUBMITTED,
    Report.Status.APPROVED,
)


@dataclass
class Agreements:
    per_status: dict  # status -> count
    due: int  # due for review (the criterion changed, or the review date came)

    @property
    def agreed(self):
        return self.per_status.get(LocalAgreement.Status.AGREED, 0)

    @property
    def total(self):
        return sum(self.per_status.values())


def agreements(ids):
    """Per municipality: its local agreements per status and those due for review."""
    today = timezone.localdate()
    found = defaultdict(lambda: Agreements({}, 0))
    rows = (
        LocalAgreement.objects.filter(municipality_id__in=ids)
        .values("municipality_id", "status")
        .annotate(
            count=Count("pk"),
            due=Count("pk", filter=Q(needs_review=True) | Q(review_date__lte=today)),
        )
        .order_by()
    )
    for row in rows:
        figures = found[row["municipality_id"]]
        figures.per_status[row["status"]] = row["count"]
        figures.due += row["due"]
    return found


def criteria_count(region_id):
    """The criteria of the region's current framework (what agreements are made on)."""
    return Criterion.objects.filter(
        framework__region_id=region_id, framework__status=Framework.Status.PUBLISHED
    ).count()


def reports(ids):
    """Per municipality: its monitoring reports per state."""
    found = defaultdict(dict)
    rows = (
        Report.objects.filter(organization_id__in=ids)
        .values("organization_id", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in rows:
        found[row["organization_id"]][row["status"]] = row["count"]
    return found


@dataclass(frozen=True)
class Searches:
    searches: int
    without_match: int

    @property
    def share(self):
        return round(100 * self.without_match / self.searches) if self.searches else 0


def searches(ids):
    """Per municipality: the finder's searches of the last twelve months, and how many
    found no independent client support."""
    rows = (
        SearchTally.objects.filter(municipality_id__in=ids, month__gte=first_month())
        .values("municipality_id")
        .annotate(searches=Sum("searches"), without_match=Sum("without_match"))
        .order_by()
    )
    return {
        row["municipality_id"]: Searches(row["searches"] or 0, row["without_match"] or 0)
        for row in rows
    }


def searches_of(municipality_id):
    """One municipality's :func:`searches` (none: zeros) and a version of its search
    counts like finder.services.search_log_version's, for the key of the page's cached
    part, in one query."""
    found = SearchTally.objects.filter(
        municipality_id=municipality_id, month__gte=first_month()
    ).aggregate(
        count=Count("pk"),
        latest=Max("updated_at"),
        searches=Sum("searches"),
        without_match=Sum("without_match"),
    )
    figures = Searches(found["searches"] or 0, found["without_match"] or 0)
    return f"{found['count']}.{found['latest']}.{figures.searches}", figures


@dataclass(frozen=True)
class KeyFigure:
    label: str
    unit: str
    period: str  # the period of the last approved value
    value: object  # dashboards.Cell
    previous_period: str
    previous: object  # dashboards.Cell, or None without an earlier approved value
    trend: str  # "up", "down", "same" or "" (unknown, or a value is hidden)


def key_figures(municipality, *, own):
    """The municipality's last approved values of the region's public indicators, with
    the value before: counts from 1 to 4 hidden for who is not ``own`` (as on the
    public dashboard). Two queries."""
    indicators = dashboards.region_indicators(municipality.region, public_only=True)
    by_id = {pk: indicator for indicator in indicators for pk in indicator.ids}
    rows = (
        Value.objects.filter(
            indicator_id__in=list(by_id),
            dimension_item__isnull=True,
            number__isnull=False,
            report__status=Report.Status.APPROVED,
            report__organization=municipality,
        )
        .order_by("-report__period__start")
        .values_list("indicator_id", "report__period__type", "report__period__start", "number")
    )
    values = defaultdict(list)  # code -> [(period label, number)], newest first
    for indicator_id, period_type, start, number in rows:
        code = by_id[indicator_id].code
        if len(values[code]) < 2:
            values[code].append((Period(type=period_type, start=start).label, number))
    figures = []
    for indicator in indicators:
        found = values.get(indicator.code)
        if not found:
            continue

        def shown(number, indicator=indicator):
            return dashboards.cell(
                number, count=indicator.is_count, own=own, decimals=indicator.decimals
            )

        (period, number), *earlier = found
        value = shown(number)
        previous = shown(earlier[0][1]) if earlier else None
        trend = ""
        if previous is not None and not value.hidden and not previous.hidden:
            trend = "up" if number > earlier[0][1] else "down" if number < earlier[0][1] else "same"
        figures.append(
            KeyFigure(
                label=indicator.label,
                unit=indicator.unit,
                period=period,
                value=value,
                previous_period=earlier[0][0] if earlier else "",
                previous=previous,
                trend=trend,
            )
        )
    return figures
