"""The region's overview of municipalities and the network map of one municipality."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toolbox_site import sorting
from toolbox_site.permissions import can_change
from toolbox_site.regions import municipality_or_404, region_for

from ..figures import municipalities_with_steps, network_figures
from ..filters import ServiceFilter, reference_lists
from ..graph import graph_of
from ..models import Formality, Link, Service, stale_before
from ..rows import LinkRow, ServiceRow
from .common import clean_get, network_crumb, page_part

SORT_KEYS = {
    "naam": lambda row: row["municipality"].name.lower(),
    "diensten": lambda row: row["services"],
    "ontbrekend": lambda row: row["missing"],
    "stappen": lambda row: row["steps_done"],
    "verouderd": lambda row: row["stale"],
}


def index(request):
    region_choice = region_for(request)
    region = region_choice.region
    sort = sorting.chosen_sort(request, SORT_KEYS, "naam")
    return render(
        request,
        "network/index.html",
        {
            "region_choice": region_choice,
            "region": region,
            "sort": sort,
            # Built only when the cached part is missing (see toolbox_site/freshness.py).
            "part": page_part(
                "overview",
                region=region,
                vary=(sort, region_choice.several),
            ),
            "page": SimpleLazyObject(lambda: _overview(region, sort)),
            "breadcrumbs": [(_("Network"), None)],
        },
    )


def _overview(region, sort):
    municipalities = municipalities_with_steps(region)
    figures = network_figures(
        [municipality.pk for municipality in municipalities],
        steps_done={municipality.pk: municipality.steps_done for municipality in municipalities},
    )
    categories, role_count, step_count = (
        figures.categories,
        figures.role_count,
        figures.step_count,
    )
    rows = []
    for municipality in municipalities:
        row = figures.rows[municipality.pk]
        rows.append(
            {
                "municipality": municipality,
                "per_category": row.per_category,
                "services": row.services,
                "missing": row.missing,
                "stale": row.stale,
                "steps_done": row.steps_done,
            }
        )
    sorting.sort_rows(rows, sort, SORT_KEYS)
    columns = [
        ("naam", _("Municipality")),
        ("diensten", _("Services")),
        ("ontbrekend", _("Missing roles")),
        ("stappen", _("Step plan")),
        ("verouderd", _("Not checked for over 12 months")),
    ]
    headers = sorting.headers(columns, sort)
    return {
        "categories": categories,
        "rows": rows,
        "headers": headers,
        "step_count": step_count,
        "role_count": role_count,
        # The sentences with numbers, translated here for the Jinja2 body (its
        # messages with arguments are not found by makemessages).
        "caption": ngettext(
            "One municipality. Click a column heading to sort.",
            "%(counter)s municipalities. Click a column heading to sort.",
            len(rows),
        )
        % {"counter": len(rows)},
        "of_roles": _("of %(total)s") % {"total": role_count},
        "steps_text": _("%(done)s of %(total)s done"),
    }


def network_map(request, slug):
    municipality = municipality_or_404(slug)
    may_change = can_change(request.user, municipality)
    data, bad_input = clean_get(request)
    page = SimpleLazyObject(lambda: _map_data(municipality, data))
    return render(
        request,
        "network/map.html",
        {
            "municipality": municipality,
            "bad_input": bad_input,
            # Built only when the cached part is missing (see toolbox_site/freshness.py).
            "part": page_part(
                "map",
                municipality=municipality,
                request=request,
                vary=(may_change,),
            ),
            "page": page,
            "can_change": may_change,
            "breadcrumbs": [network_crumb(), (municipality.name, None)],
        },
    )


def _map_data(municipality, data):
    # The ids first (an index lookup), then the services by id: joining the national
    # service table through the many-to-many table makes the planner scan all of it.
    # The roles with their categories come with the filters' lists, in one query, and
    # are set on the services: joining them too made the services' query take longer
    # to plan than to run. Rows, not model instances, with only the columns the map
    # shows (network/rows.py): a service has some thirty, most of them text.
    served = Service.municipalities.through.objects.filter(organization=municipality)
    lists = reference_lists()
    roles = lists.roles
    role_of = {role.pk: role for role in roles}
    limit = stale_before(timezone.localdate())
    active = [
        ServiceRow(
            pk,
            name,
            role_of[role_id],
            provider_name,
            independent,
            formality,
            verified_on,
            stale=verified_on is None or verified_on < limit,
        )
        for pk, name, role_id, provider_name, independent, formality, verified_on in (
            Service.objects.active()
            .filter(pk__in=served.values("service_id"))
            .order_by("name")
            .values_list(
                "pk", "name", "role_id", "provider__name", "independent", "formality", "verified_on"
            )
        )
    ]
    active.sort(
        key=lambda service: (
            service.role.category.order,
            service.role.category.code,
            service.role.order,
        )
    )
    service_filter = ServiceFilter(
        data,
        queryset=Service.objects.filter(pk__in=[service.pk for service in active]),
        choices=lists.choices,
    )
    service_filter.form.is_valid()  # invalid values are reported and left out of the filter
    if service_filter.active_filters:
        chosen = set(service_filter.qs.values_list("pk", flat=True))
        services = [service for service in active if service.pk in chosen]
    else:
        services = active
    # The categories that have roles, in their order.
    with_roles = {role.category.pk for role in roles}
    categories = [category for category in lists.categories if category.pk in with_roles]
    members = {category.pk: [] for category in categories}
    for service in services:
        members[service.role.category.pk].append(service)
    groups = [{"category": category, "services": members[category.pk]} for category in categories]
    present = {service.role.pk for service in active}
    missing = [role for role in roles if role.pk not in present]
    by_id = {service.pk: service for service in services}
    links = [
        LinkRow(pk, by_id[from_id], by_id[to_id], kind, note)
        for pk, from_id, to_id, kind, note in Link.objects.on_map(municipality)
        .order_by("pk")
        .values_list("pk", "from_service_id", "to_service_id", "kind", "note")
        if from_id in by_id and to_id in by_id
    ]
    links.sort(key=lambda link: (link.from_service.name, link.to_service.name, link.kind))
    graph, legend = graph_of(services, links, categories)
    return {
        # The labels translated once, not once a row (a model's get_FOO_display()
        # hashes all its choices at every call).
        "formality_labels": {value: str(label) for value, label in Formality.choices},
        "kind_labels": {value: str(label) for value, label in Link.Kind.choices},
        "filter": service_filter,
        "filter_errors": service_filter.is_bound and bool(service_filter.errors),
        "groups": groups,
        "services": services,
        "missing": missing,
        "links": links,
        "graph": graph,
        "legend": legend,
        "stale_count": sum(service.stale for service in services),
    }
