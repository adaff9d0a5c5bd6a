"""What the dashboards share: their filters (region, periods, indicator,
municipalities), the period range, tables and their exports."""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from toolbox_site import exports
from toolbox_site.permissions import sees_region

from ..dashboards import Cell

DEFAULT_PERIODS = 8


MAX_MUNICIPALITIES = 12


MAX_PARAMETER = 100


MEASURES = ("aantal", "per10000")


EXPORTS = ("csv", "xlsx")


@dataclass
class Table:
    """A table as shown on the page and written to the exports."""

    caption: str
    columns: list  # column headings; the first heads the row headings
    rows: list = field(default_factory=list)  # [row heading, Cell or str, ...]
    key: str = ""

    def body(self):
        """The body rows for the template: the heading, then (hidden, text) per cell."""
        return [
            (
                row[0],
                [
                    (value.hidden, value.shown) if isinstance(value, Cell) else (False, value)
                    for value in row[1:]
                ],
            )
            for row in self.rows
        ]


def period_options(periods):
    """(first day, label) per period, for the period choices."""
    return [(period.start.isoformat(), str(period.label)) for period in periods]


def clean(value):
    """A GET parameter that is safe to look at: short, no control characters."""
    if not isinstance(value, str) or len(value) > MAX_PARAMETER:
        return None
    if any(ord(char) < 32 for char in value):
        return None
    return value


def parse_date(value):
    value = clean(value)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def shown_region(request, region_choice, errors, *, public):
    """The region to show: the chosen one if the user may see it, else their own."""
    region = region_choice.region
    user = request.user
    if public or sees_region(user, region):
        return region
    own = next(r for r in region_choice.regions if sees_region(user, r))
    errors.append(
        _("You can only see the monitoring of your own region. You see %(region)s instead.")
        % {"region": own.name}
    )
    return own


def period_range(request, periods, errors):
    """The periods between ``van`` and ``tot`` (first days, YYYY-MM-DD)."""
    if not periods:
        return []
    raw_from, raw_to = request.GET.get("van", ""), request.GET.get("tot", "")
    start = parse_date(raw_from) if raw_from else None
    end = parse_date(raw_to) if raw_to else None
    if raw_from and start is None:
        errors.append(
            _("“%(value)s” is not a period. Choose the first period from the list.")
            % {"value": (clean(raw_from) or "?")[:20]}
        )
    if raw_to and end is None:
        errors.append(
            _("“%(value)s” is not a period. Choose the last period from the list.")
            % {"value": (clean(raw_to) or "?")[:20]}
        )
    if start and end and start > end:
        errors.append(
            _(
                "The period range was the wrong way round: the first period came after the "
                "last. It has been turned around."
            )
        )
        start, end = end, start
    if end is None:
        end = periods[-1].start
    if start is None:
        before = [period for period in periods if period.start <= end]
        start = before[-DEFAULT_PERIODS].start if len(before) >= DEFAULT_PERIODS else None
    chosen = [
        period
        for period in periods
        if (start is None or period.start >= start) and period.start <= end
    ]
    if not chosen:
        errors.append(_("There are no periods in this range. You see the latest periods."))
        chosen = periods[-DEFAULT_PERIODS:]
    return chosen


def export_rows(table, *, numbers):
    """A table as rows for a file: its caption, its columns, then its rows.

    In a spreadsheet, shown numbers stay numbers (``numbers``); hidden or empty
    ones, and every cell of a CSV file, are the text the page shows.
    """
    yield [table.caption]
    yield list(table.columns)
    for row in table.rows:
        cells = []
        for value in row:
            if isinstance(value, Cell):
                shown_number = numbers and value.value is not None
                cells.append(float(value.value) if shown_number else value.shown)
            else:
                cells.append(value)
        yield cells


def export_csv(tables, filename):
    rows = []
    for table in tables:
        rows.extend(export_rows(table, numbers=False))
        rows.append([])
    return exports.csv_response(filename, rows)


def export_xlsx(tables, filename):
    return exports.xlsx_response(
        filename,
        [
            (f"{number} {table.caption}", list(export_rows(table, numbers=True)))
            for number, table in enumerate(tables, start=1)
        ],
    )


def indicator_options(indicators):
    options = []
    for choice in indicators:
        label = choice.label
        if choice.dimension is not None:
            label = _("%(label)s (by %(breakdown)s)") % {
                "label": label,
                "breakdown": choice.dimension.name.lower(),
            }
        options.append((choice.code, label))
    return options


def export_query(request):
    query = request.GET.copy()
    query.pop("export", None)
    return query.urlencode()


def dashboard_breadcrumbs(public):
    if public:
        return [(_("Monitoring in figures"), None)]
    return [(_("Monitoring"), reverse("monitoring:index")), (_("Dashboard"), None)]


def selected_municipalities(request, municipalities, region, errors):
    by_slug = {organization.slug: organization for organization in municipalities}
    selected = []
    for slug in request.GET.getlist("gemeente")[: MAX_MUNICIPALITIES * 2]:
        organization = by_slug.get(slug) if clean(slug) else None
        if organization is None:
            errors.append(
                _("“%(slug)s” is not a municipality of %(region)s and is left out.")
                % {"slug": (clean(slug) or "?")[:50], "region": region.name}
            )
        elif organization not in selected:
            selected.append(organization)
    if len(selected) > MAX_MUNICIPALITIES:
        errors.append(
            _("Choose at most %(max)s municipalities; the first %(max)s are shown.")
            % {"max": MAX_MUNICIPALITIES}
        )
        selected = selected[:MAX_MUNICIPALITIES]
    return selected
