"""Monitoring dashboards: completeness, regional trends (with exports), the public
dashboard and a municipality's own view.

Every page shows one region (``region_for``). Logged-in users see only a region
they belong to (or coordinate); anonymous visitors see the public indicators of
any region, with small numbers hidden for everyone. Bad input never fails: the
page says what was wrong in Dutch and shows the nearest sensible choice.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from toolbox_site import exports, freshness
from toolbox_site.models import Organization
from toolbox_site.permissions import access_for, coordinates_region
from toolbox_site.regions import region_for

from . import dashboards
from .dashboards import Cell
from .models import Period, Report

DEFAULT_PERIODS = 8
MAX_MUNICIPALITIES = 12
MAX_PARAMETER = 100
REPORTING_KINDS = [Organization.Kind.MUNICIPALITY, Organization.Kind.CARE_OFFICE]
MEASURES = ("aantal", "per10000")
EXPORTS = ("csv", "xlsx")


@dataclass
class Table:
    """A table as shown on the page and written to the exports."""

    caption: str
    columns: list  # column headings; the first heads the row headings
    rows: list = field(default_factory=list)  # [row heading, Cell or str, ...]
    key: str = ""

    def html_rows(self):
        """The body rows as HTML (escaped), built here: a long table renders fast."""
        rows = []
        for row in self.rows:
            cells = format_html_join(
                "",
                '<td class="text-end{}">{}</td>',
                (
                    (" dashboard-hidden" if value.hidden else "", value.shown)
                    if isinstance(value, Cell)
                    else ("", value)
                    for value in row[1:]
                ),
            )
            rows.append(format_html('<tr><th scope="row">{}</th>{}</tr>', row[0], cells))
        return mark_safe("\n".join(rows))  # the parts are escaped by format_html


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
    if public or region is None or user.is_superuser:
        return region
    access = access_for(user)
    allowed = access.coordinated_regions | access.member_regions
    if not allowed or region.pk in allowed:
        return region
    errors.append(
        _("You can only see the monitoring of your own region. You see %(region)s instead.")
        % {"region": next(r for r in region_choice.regions if r.pk in allowed).name}
    )
    return next(r for r in region_choice.regions if r.pk in allowed)


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


# --- Exports ------------------------------------------------------------------------


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


# --- The trend dashboard -------------------------------------------------------------


def dashboard_page(request, *, public):
    errors = []
    versions = freshness.versions("monitoring", "toolbox_site")
    region_choice = region_for(request)
    region = shown_region(request, region_choice, errors, public=public)
    own_ids = set() if public else set(access_for(request.user).roles)
    context = {
        "public": public,
        "region_choice": region_choice,
        "region": region,
        "errors": errors,
        "breadcrumbs": dashboard_breadcrumbs(public),
    }
    template = "monitoring/dashboard/dashboard.html"
    export = request.GET.get("export")
    if export is not None and region is not None:
        data = dashboard_data(request, region, own_ids, errors, public=public)
        if export in EXPORTS and not data["errors"] and data["tables"]:
            indicator = data["indicator"]
            filename = f"monitoring-{region.slug}-{indicator.code}"
            if export == "csv":
                return export_csv(data["tables"], filename)
            return export_xlsx(data["tables"], filename)
        page = data
    else:
        page = SimpleLazyObject(
            lambda: dashboard_data(request, region, own_ids, errors, public=public)
        )
    context.update(
        {
            # The data part is a cached fragment (toolbox_site/freshness.py): built only
            # when the fragment is missing. Its content depends on the region and on the
            # user's own organizations (their small numbers are not hidden from them).
            "versions": versions,
            "scope": "public" if public else ".".join(str(pk) for pk in sorted(own_ids)),
            "page": page,
        }
    )
    return render(request, template, context)


def dashboard_data(request, region, own_ids, region_errors, *, public):
    """The dashboard's data part: the indicator choice, the tables and the charts.

    ``errors`` holds ``region_errors`` (found before) and the errors found here.
    """
    errors = list(region_errors)
    data = {"errors": errors, "tables": [], "indicators": []}
    if region is None:
        return data
    indicators = dashboards.region_indicators(region, public_only=public)
    data["indicators"] = indicators
    if not indicators:
        return data
    by_code = {indicator.code: indicator for indicator in indicators}
    asked = request.GET.get("indicator", "")
    indicator = by_code.get(asked) if isinstance(asked, str) else None
    if indicator is None:
        if asked:
            errors.append(
                _("The indicator “%(code)s” does not exist here. You see %(label)s instead.")
                % {"code": (clean(asked) or "?")[:50], "label": indicators[0].label}
            )
        indicator = indicators[0]
    today = datetime.date.today()
    periods = list(
        Period.objects.filter(type=indicator.period_type, start__lte=today).order_by("start")
    )
    chosen = period_range(request, periods, errors)
    municipalities = list(
        Organization.objects.filter(region=region, kind=Organization.Kind.MUNICIPALITY).order_by(
            "name"
        )
    )
    selected = selected_municipalities(request, municipalities, region, errors)
    measure = request.GET.get("maat", "aantal")
    if measure not in MEASURES:
        errors.append(_("Choose “number” or “per 10,000 inhabitants”. You see the numbers."))
        measure = "aantal"
    if not indicator.is_sum:
        measure = "aantal"
    split = request.GET.get("uitsplitsing", "ja")
    if split not in ("ja", "nee"):
        errors.append(_("Choose whether to show the breakdown. You see it."))
        split = "ja"
    tables, charts = trend_tables(
        indicator, chosen, region, municipalities, selected, own_ids, measure, split == "ja"
    )
    export = request.GET.get("export")
    if export is not None and export not in EXPORTS:
        errors.append(_("Exports are CSV or XLSX."))
    selected_slugs = {organization.slug for organization in selected}
    data.update(
        {
            "indicator": indicator,
            "indicator_options": indicator_options(indicators),
            "period_options": period_options(periods),
            "first_value": chosen[0].start.isoformat() if chosen else "",
            "last_value": chosen[-1].start.isoformat() if chosen else "",
            "municipalities": [
                (organization.slug, organization.name, organization.slug in selected_slugs)
                for organization in municipalities
            ],
            "measure": measure,
            "split": split,
            "tables": tables,
            "charts": charts,
            "export_query": export_query(request),
        }
    )
    return data


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


def trend_tables(indicator, chosen, region, municipalities, selected, own_ids, measure, split=True):
    period_ids = [period.pk for period in chosen]
    per_organization, per_period = dashboards.series(indicator, period_ids, region.pk)
    by_period = {}
    for (period_id, organization_id), value in per_organization.items():
        by_period.setdefault(period_id, {})[organization_id] = value
    inhabitants = {organization.pk: organization.inhabitants for organization in municipalities}
    label_of = {period.pk: str(period.label) for period in chosen}
    total_label = _("Region total") if indicator.is_sum else _("Region average")
    region_table = Table(
        caption=_("%(indicator)s in %(region)s per period")
        % {"indicator": indicator.label, "region": region.name},
        columns=[
            _("Period"),
            total_label,
            _("Per 10,000 inhabitants"),
            _("Average per municipality"),
            _("Median of the municipalities"),
            _("Municipalities with an approved report"),
        ],
        key="region",
    )
    rows = []
    for period in chosen:
        row = dashboards.region_row(
            indicator,
            per_period.get(period.pk),
            by_period.get(period.pk, {}),
            own_ids,
            inhabitants,
        )
        rows.append(row)
        region_table.rows.append(
            [
                label_of[period.pk],
                row.total,
                row.per_10000,
                row.average,
                row.median,
                str(row.count),
            ]
        )
    tables = [region_table]
    labels = [label_of[period.pk] for period in chosen]
    if selected:
        measure_label = _("per 10,000 inhabitants") if measure == "per10000" else _("number")
        municipal_table = Table(
            caption=_("%(indicator)s per municipality (%(measure)s)")
            % {"indicator": indicator.label, "measure": measure_label},
            columns=[_("Period"), *[organization.name for organization in selected]],
            key="municipalities",
        )
        datasets = [{"label": organization.name, "data": []} for organization in selected]
        for period in chosen:
            values = by_period.get(period.pk, {})
            cells = [
                dashboards.organization_cell(
                    indicator, values.get(organization.pk), organization, own_ids, measure
                )
                for organization in selected
            ]
            municipal_table.rows.append([label_of[period.pk], *cells])
            for dataset, value in zip(datasets, cells, strict=True):
                dataset["data"].append(value.chart)
        tables.append(municipal_table)
        line = {"labels": labels, "datasets": datasets, "title": municipal_table.caption}
    else:
        pick = (lambda row: row.per_10000) if measure == "per10000" else (lambda row: row.total)
        line = {
            "labels": labels,
            "datasets": [
                {
                    "label": _("%(region)s, per 10,000 inhabitants") % {"region": region.name}
                    if measure == "per10000"
                    else f"{region.name}: {total_label.lower()}",
                    "data": [pick(row).chart for row in rows],
                }
            ],
            "title": region_table.caption,
        }
    charts = {"line": line}
    with_data = [period for period in chosen if period.pk in per_period]
    if split and indicator.dimension is not None and with_data:
        last = with_data[-1]  # the latest period with approved reports
        items = dashboards.breakdown(indicator, last.pk, region.pk)
        cells = [
            dashboards.cell(item["value"], count=indicator.is_count, decimals=indicator.decimals)
            for item in items
        ]
        if indicator.is_count:
            cells = dashboards.protect_breakdown(cells, [item["value"] for item in items])
        breakdown_table = Table(
            caption=_("%(indicator)s by %(breakdown)s in %(region)s, %(period)s")
            % {
                "indicator": indicator.label,
                "breakdown": indicator.dimension.name.lower(),
                "region": region.name,
                "period": label_of[last.pk],
            },
            columns=[indicator.dimension.name, total_label],
            rows=[
                [item["dimension_item__label"], value]
                for item, value in zip(items, cells, strict=True)
            ],
            key="breakdown",
        )
        tables.append(breakdown_table)
        charts["bar"] = {
            "labels": [item["dimension_item__label"] for item in items],
            "datasets": [{"label": label_of[last.pk], "data": [value.chart for value in cells]}],
            "title": breakdown_table.caption,
        }
    return tables, charts


@login_required
def dashboard(request):
    return dashboard_page(request, public=False)


def public_dashboard(request):
    return dashboard_page(request, public=True)


# --- Completeness ----------------------------------------------------------------------


@login_required
def completeness(request):
    user = request.user
    errors = []
    versions = freshness.versions("monitoring", "toolbox_site")
    region_choice = region_for(request)
    region = shown_region(request, region_choice, errors, public=False)
    access = access_for(user)
    coordinates = coordinates_region(user, region)
    kinds = REPORTING_KINDS
    kind = request.GET.get("soort", "")
    if kind and kind in REPORTING_KINDS:
        kinds = [kind]
    elif kind:
        errors.append(_("Choose a municipality or the care office. You see all organizations."))
        kind = ""
    scope_key = "all" if coordinates else access.organizations_key
    return render(
        request,
        "monitoring/dashboard/completeness.html",
        {
            "region_choice": region_choice,
            "region": region,
            "errors": errors,
            "coordinates": coordinates,
            "kind": kind,
            "kinds": [(value, label) for value, label in Organization.Kind.choices][:2],
            "statuses": [(dashboards.NOT_STARTED, _("not started")), *Report.Status.choices],
            # The data part is a cached fragment (toolbox_site/freshness.py), keyed on the
            # region and, for a non-coordinator, on the organizations the user sees.
            "versions": versions,
            "scope": scope_key,
            "page": SimpleLazyObject(
                lambda: completeness_data(request, region, kinds, coordinates, access, errors)
            ),
            "breadcrumbs": [
                (_("Monitoring"), reverse("monitoring:index")),
                (_("Completeness"), None),
            ],
        },
    )


def completeness_data(request, region, kinds, coordinates, access, region_errors):
    errors = list(region_errors)
    organizations = Organization.objects.none()
    if region is not None:
        organizations = Organization.objects.filter(region=region, kind__in=kinds)
        if not coordinates:
            organizations = organizations.filter(pk__in=list(access.roles))
    organizations = list(organizations.order_by("-kind", "name"))  # municipalities first
    today = datetime.date.today()
    periods = list(Period.objects.filter(start__lte=today).order_by("start", "type"))
    chosen = period_range(request, periods, errors)
    rows, shares = dashboards.completeness(organizations, chosen, today)
    return {
        "errors": errors,
        "rows": rows,
        "shares": shares,
        "period_options": period_options(periods),
        "first_value": chosen[0].start.isoformat() if chosen else "",
        "last_value": chosen[-1].start.isoformat() if chosen else "",
        "chosen": [str(period.label) for period in chosen],
    }


# --- A municipality's own view -----------------------------------------------------------


@login_required
def own_view(request):
    user = request.user
    errors = []
    versions = freshness.versions("monitoring", "toolbox_site")
    access = access_for(user)
    region_choice = region_for(request)
    region = shown_region(request, region_choice, errors, public=False)
    coordinates = coordinates_region(user, region)
    # The user's organizations: their small numbers are not hidden from them, which
    # changes their own cells and the region's average and median.
    scope = access.organizations_key
    municipalities = own_municipalities(region, coordinates, access, scope)
    asked = request.GET.get("gemeente", "")
    organization = next((m for m in municipalities if m.slug == asked), None)
    if organization is None and asked:
        errors.append(
            _("You cannot see the figures of “%(slug)s”. Choose a municipality from the list.")
            % {"slug": (clean(asked) or "?")[:50]}
        )
    if organization is None and municipalities:
        organization = municipalities[0]
    return render(
        request,
        "monitoring/dashboard/own.html",
        {
            "region_choice": region_choice,
            "region": region,
            "municipalities": municipalities,
            "organization": organization,
            # The data part is a cached fragment (toolbox_site/freshness.py), keyed on the
            # region, the municipality shown and the organizations the user belongs to.
            "versions": versions,
            "coordinates": coordinates,
            "scope": scope,
            "page": SimpleLazyObject(
                lambda: own_data(request, region, organization, set(access.roles), errors)
            ),
            "breadcrumbs": [
                (_("Monitoring"), reverse("monitoring:index")),
                (_("Dashboard"), reverse("monitoring:dashboard")),
                (_("My municipality"), None),
            ],
        },
    )


def own_municipalities(region, coordinates, access, scope):
    """The municipalities of the region the user may choose from: all of them for a
    coordinator, else the user's own (kept under the organizations' data version)."""
    if region is None:
        return []

    def read():
        municipalities = Organization.objects.filter(
            region=region, kind=Organization.Kind.MUNICIPALITY
        ).order_by("name")
        if not coordinates:
            municipalities = municipalities.filter(pk__in=list(access.roles))
        return list(municipalities)

    who = "all" if coordinates else scope
    key = f"own-municipalities:{freshness.versions('toolbox_site')}:{region.pk}:{who}"
    return freshness.cached(key, read)


def own_data(request, region, organization, own_ids, region_errors):
    """The own view's data part: the period choice and the comparison's rows.

    ``errors`` holds ``region_errors`` (found before) and the errors found here.
    """
    errors = list(region_errors)
    data = {"errors": errors, "rows": []}
    if organization is None:
        return data
    periods = list(
        Period.objects.filter(start__lte=datetime.date.today()).order_by("-start", "type")
    )
    period = None
    raw = request.GET.get("periode", "")
    if raw:
        start = parse_date(raw)
        period = next((p for p in periods if p.start == start), None)
        if period is None:
            errors.append(
                _("“%(value)s” is not a period. You see the latest period with approved reports.")
                % {"value": (clean(raw) or "?")[:20]}
            )
    indicators = dashboards.region_indicators(region)
    if period is None:
        latest = (
            Report.objects.filter(
                organization__region=region,
                organization__kind=Organization.Kind.MUNICIPALITY,
                status=Report.Status.APPROVED,
            )
            .order_by("-period__start")
            .values_list("period_id", flat=True)
            .first()
        )
        period = next((p for p in periods if p.pk == latest), periods[0] if periods else None)
    data.update(
        {
            "period_options": period_options(periods),
            "period_value": period.start.isoformat() if period else "",
            "period": period,
        }
    )
    if period is not None and indicators:
        data["rows"] = dashboards.comparison(indicators, period, region, organization, own_ids)
    return data
