"""The region's dashboard (for members) and the public figures: trends per
indicator, with small numbers suppressed."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from toolbox_site.models import Organization
from toolbox_site.permissions import member_organization_ids
from toolbox_site.regions import region_for

from .. import criteria_links, dashboards
from ..models import Period
from .common import page_part
from .dashboard_common import (
    EXPORTS,
    MEASURES,
    Table,
    clean,
    dashboard_breadcrumbs,
    export_csv,
    export_query,
    export_xlsx,
    indicator_options,
    period_options,
    period_range,
    selected_municipalities,
    shown_region,
)


def dashboard_page(request, *, public):
    errors = []
    region_choice = region_for(request)
    region = shown_region(request, region_choice, errors, public=public)
    own_ids = set() if public else set(member_organization_ids(request.user))
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
            # The data part is a cached part of the region (toolbox_site/freshness.py):
            # built only when it is missing. It depends on the user's own organizations
            # too (their small numbers are not hidden from them).
            "part": page_part(
                "dashboard",
                region=region,
                request=request,
                vary=(public, *sorted(own_ids)),
            ),
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
    breakdown_name = indicator.dimension.name.lower() if indicator.dimension is not None else ""
    data.update(
        {
            # The texts with a value in them (monitoring/jinja2/monitoring/dashboard/body.html).
            "texts": {
                "split": _("Breakdown by %(name)s") % {"name": breakdown_name},
                "by": _("By %(name)s") % {"name": breakdown_name},
                "line": _("Line chart: %(title)s. The same figures are in the table below.")
                % {"title": charts["line"]["title"]},
                "bar": _("Bar chart: %(title)s. The same figures are in the table below.")
                % {"title": charts["bar"]["title"]}
                if "bar" in charts
                else "",
            },
            "indicator": indicator,
            "criteria": criteria_links.criteria_of(indicator.ids),
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
