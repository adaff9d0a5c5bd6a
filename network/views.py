from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Count, F, IntegerField, Q, Value
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from toolbox_site import freshness
from toolbox_site.audit import changes_of, log_action
from toolbox_site.models import Organization
from toolbox_site.permissions import can_change, can_view, get_object_for_user
from toolbox_site.regions import region_for

from . import importing
from .filters import ServiceFilter, reference_choices
from .forms import ConfirmForm, ImportForm, LinkForm, ServiceForm, StepProgressForm
from .graph import graph_of
from .locking import refuse_stale
from .models import (
    Law,
    LifeDomain,
    Link,
    Role,
    RoleCategory,
    Service,
    ServiceImport,
    Step,
    StepProgress,
    TargetGroup,
    stale_before,
)


def _network_crumb():
    return (_("Network"), reverse("network:index"))


def _clean_get(request):
    """The query string without values that cannot be valid (NUL bytes, huge values)."""
    data = request.GET.copy()
    bad = False
    for key in list(data.keys()):
        values = data.getlist(key)
        if any("\x00" in value or len(value) > 200 for value in values):
            data.setlist(key, [])
            bad = True
    return data, bad


def _municipality(slug):
    """The municipality named in the URL, kept under the data versions; 404 if none."""
    municipality = freshness.cached(
        f"municipality:{freshness.versions('network', 'toolbox_site')}:{slug}",
        lambda: (
            Organization.objects.municipalities().select_related("region").filter(slug=slug).first()
        ),
    )
    if municipality is None:
        raise Http404
    return municipality


# --- The region overview -----------------------------------------------------------

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
    sort = request.GET.get("sorteer", "naam")
    if sort.lstrip("-") not in SORT_KEYS:
        sort = "naam"
    return render(
        request,
        "network/index.html",
        {
            "region_choice": region_choice,
            "region": region,
            "sort": sort,
            # Built only when the cached fragment is missing (see toolbox_site/freshness.py).
            "versions": freshness.versions("network", "toolbox_site"),
            "page": SimpleLazyObject(lambda: _overview(region, sort)),
            "breadcrumbs": [(_("Network"), None)],
        },
    )


def _overview(region, sort):
    municipalities = list(
        Organization.objects.municipalities()
        .filter(region=region)
        .annotate(
            steps_done=Count(
                "step_progress", filter=Q(step_progress__status=StepProgress.Status.DONE)
            )
        )
        .order_by("name")
        if region
        else []
    )
    categories = list(RoleCategory.objects.annotate(role_count=Count("roles")))
    ids = [municipality.pk for municipality in municipalities]
    # Two index lookups and a count in Python: the planner would otherwise hash-join
    # the whole national service table for one region's few hundred services.
    through = Service.municipalities.through
    served = list(
        through.objects.filter(organization_id__in=ids).values_list("organization_id", "service_id")
    )
    services = {
        pk: (category_id, role_id, verified_on)
        for pk, category_id, role_id, verified_on in Service.objects.filter(
            pk__in={service_id for _municipality, service_id in served}, archived=False
        ).values_list("pk", "role__category_id", "role_id", "verified_on")
    }
    limit = stale_before()
    per_category = defaultdict(int)
    totals = defaultdict(lambda: {"services": 0, "roles": set(), "stale": 0})
    for municipality_id, service_id in served:
        if service_id not in services:
            continue
        category_id, role_id, verified_on = services[service_id]
        per_category[(municipality_id, category_id)] += 1
        total = totals[municipality_id]
        total["services"] += 1
        total["roles"].add(role_id)
        total["stale"] += verified_on is None or verified_on < limit
    role_count = sum(category.role_count for category in categories)
    step_count = Step.objects.count()
    rows = []
    for municipality in municipalities:
        total = totals[municipality.pk]
        rows.append(
            {
                "municipality": municipality,
                "per_category": [per_category[(municipality.pk, c.pk)] for c in categories],
                "services": total["services"],
                "missing": role_count - len(total["roles"]),
                "stale": total["stale"],
                "steps_done": municipality.steps_done,
            }
        )
    key = sort.lstrip("-")
    rows.sort(key=SORT_KEYS[key], reverse=sort.startswith("-"))
    columns = [
        ("naam", _("Municipality")),
        ("diensten", _("Services")),
        ("ontbrekend", _("Missing roles")),
        ("stappen", _("Step plan")),
        ("verouderd", _("Not checked for over 12 months")),
    ]
    headers = []
    for column, label in columns:
        current = key == column
        descending = current and sort.startswith("-")
        headers.append(
            {
                "key": column,
                "label": label,
                "current": current,
                "aria_sort": ("descending" if descending else "ascending") if current else "",
                "next": f"-{column}" if current and not descending else column,
            }
        )
    return {
        "categories": categories,
        "rows": rows,
        "headers": headers,
        "step_count": step_count,
        "role_count": role_count,
    }


# --- The map of one municipality ---------------------------------------------------


def network_map(request, slug):
    versions = freshness.versions("network", "toolbox_site")
    municipality = _municipality(slug)
    data, bad_input = _clean_get(request)
    return render(
        request,
        "network/map.html",
        {
            "municipality": municipality,
            "bad_input": bad_input,
            # Built only when the cached fragment is missing (see toolbox_site/freshness.py).
            "versions": versions,
            "page": SimpleLazyObject(lambda: _map_data(municipality, data)),
            "can_change": can_change(request.user, municipality),
            "breadcrumbs": [_network_crumb(), (municipality.name, None)],
        },
    )


def _map_data(municipality, data):
    # The ids first (an index lookup), then the services by id: joining the national
    # service table through the many-to-many table makes the planner scan all of it.
    served = Service.municipalities.through.objects.filter(organization=municipality)
    active = list(
        Service.objects.active()
        .filter(pk__in=served.values("service_id"))
        .select_related("role", "role__category", "provider", "verified_by")
        .order_by("role__category__order", "role__category__code", "role__order", "name")
    )
    service_filter = ServiceFilter(
        data,
        queryset=Service.objects.filter(pk__in=[service.pk for service in active]),
        choices=reference_choices(),
    )
    service_filter.form.is_valid()  # invalid values are reported and left out of the filter
    if service_filter.active_filters:
        chosen = set(service_filter.qs.values_list("pk", flat=True))
        services = [service for service in active if service.pk in chosen]
    else:
        services = active
    roles = list(Role.objects.select_related("category"))
    categories = list({role.category_id: role.category for role in roles}.values())
    groups = []
    for category in categories:
        members = [service for service in services if service.role.category_id == category.pk]
        groups.append({"category": category, "services": members})
    present = {service.role_id for service in active}
    missing = [role for role in roles if role.pk not in present]
    by_id = {service.pk: service for service in services}
    links = []
    for link in Link.objects.on_map(municipality).order_by("pk"):
        if link.from_service_id in by_id and link.to_service_id in by_id:
            link.from_service = by_id[link.from_service_id]
            link.to_service = by_id[link.to_service_id]
            links.append(link)
    links.sort(key=lambda link: (link.from_service.name, link.to_service.name, link.kind))
    graph, legend = graph_of(services, links, categories)
    today = timezone.localdate()
    for service in services:
        service.stale = service.is_stale(today)
    return {
        "filter": service_filter,
        "filter_errors": service_filter.is_bound and bool(service_filter.errors),
        "groups": groups,
        "services": services,
        "missing": missing,
        "links": links,
        "graph": graph,
        "legend": legend,
        "stale_count": sum(1 for service in services if service.stale),
    }


# --- Services ----------------------------------------------------------------------


def _service_queryset(user):
    """Services the user may see (every service for ``user=None``), with what their
    pages show."""
    services = Service.objects.all() if user is None else Service.objects.for_user(user)
    return services.select_related(
        "role",
        "role__category",
        "provider",
        "owning_organization",
        "owning_organization__region",
        "verified_by",
    )


def _history_rows(service, limit=20):
    """The last changes, newest first: when, who, what (fields compared in memory)."""
    records = list(
        service.history.select_related("history_user").order_by("-history_id")[: limit + 1]
    )
    fields = [
        field
        for field in service.history.model._meta.fields
        if not field.name.startswith("history_") and field.name not in {"id", "uuid"}
    ]
    rows = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(rows) == limit:
            break
        changed = []
        if older is not None:
            for field in fields:
                if getattr(newer, field.attname) != getattr(older, field.attname):
                    changed.append(str(field.verbose_name))
        rows.append(
            {
                "date": newer.history_date,
                "user": newer.history_user,
                "type": newer.get_history_type_display(),
                "kind": newer.history_type,
                "changed": changed,
            }
        )
    return rows


def _service_lists(service):
    """The service's municipalities, life domains, target groups and laws: one UNION query."""
    parts = [
        Organization.objects.filter(served_by_services=service)
        .order_by()
        .annotate(
            list_key=Value("municipalities"),
            sort=Value(0, output_field=IntegerField()),
            label=F("name"),
        )
        .values_list("list_key", "sort", "slug", "label"),
    ]
    for key, model in (
        ("life_domains", LifeDomain),
        ("target_groups", TargetGroup),
        ("laws", Law),
    ):
        label = F("abbreviation") if model is Law else F("name")
        parts.append(
            model.objects.filter(services=service)
            .order_by()
            .annotate(list_key=Value(key), sort=F("order"), label=label)
            .values_list("list_key", "sort", "slug", "label")
        )
    lists = {"municipalities": [], "life_domains": [], "target_groups": [], "laws": []}
    for key, _sort, slug, label in sorted(parts[0].union(*parts[1:], all=True)):
        lists[key].append({"slug": slug, "name": label})
    lists["municipalities"].sort(key=lambda item: item["name"])
    return lists


def service_detail(request, pk):
    versions = freshness.versions("network", "toolbox_site")
    # The service with everything the page shows of it, cached like the page's parts;
    # who may see it is decided here, per request: an archived entry only for members
    # (as Service.objects.for_user).
    service = freshness.cached(
        f"service:{pk}:{versions}", lambda: _service_queryset(None).filter(pk=pk).first()
    )
    if service is None or (service.archived and not can_view(request.user, service)):
        raise Http404
    with_history = request.user.is_authenticated
    return render(
        request,
        "network/service_detail.html",
        {
            "service": service,
            # Built only when a cached fragment is missing (see toolbox_site/freshness.py).
            "versions": versions,
            "page": SimpleLazyObject(lambda: _service_page(service, with_history)),
            "with_history": with_history,
            "stale": service.is_stale(),
            "can_change": can_change(request.user, service),
            "confirm_form": ConfirmForm(initial={"version": service.version}),
            "breadcrumbs": [_network_crumb(), (service.name, None)],
        },
    )


def _service_page(service, with_history):
    links = list(
        Link.objects.filter(Q(from_service=service) | Q(to_service=service))
        .select_related("from_service", "to_service", "municipality")
        .order_by("municipality__name", "kind", "pk")
    )
    return {
        "links": links,
        **_service_lists(service),
        "history": _history_rows(service) if with_history else [],
    }


def _form(request, build, key_name, *key_parts):
    """The page's form and the cache key of its fields (includes/form.html).

    A bound form (what the user typed, its errors) is built at once and never
    cached: the key is None. An unbound form is built only when its fields are
    rendered, on a cache miss; its key holds the data versions, today and every
    input of its initial values (the object and its version, the organization).
    """
    data = request.POST or None
    if data is not None:
        return build(data), None
    versions = freshness.versions("network", "toolbox_site")
    key = "-".join([key_name, versions, str(timezone.localdate()), *map(str, key_parts)])
    return SimpleLazyObject(lambda: build(None)), key


def _editable_organization(user, slug):
    return get_object_for_user(
        user, Organization.objects.select_related("region"), write=True, slug=slug
    )


@login_required
def organization_services(request, slug):
    """An organization's own entries: active and archived, stale first; import/export."""
    organization = get_object_for_user(
        request.user, Organization.objects.select_related("region"), slug=slug
    )
    return render(
        request,
        "network/organization_services.html",
        {
            "organization": organization,
            "versions": freshness.versions("network", "toolbox_site"),
            "page": SimpleLazyObject(lambda: _organization_page(organization)),
            "can_change": can_change(request.user, organization),
            "breadcrumbs": [_network_crumb(), (organization.name, None)],
        },
    )


def _organization_page(organization):
    services = list(
        Service.objects.filter(owning_organization=organization)
        .select_related("role")
        .order_by("archived", "verified_on", "name")
    )
    today = timezone.localdate()
    for service in services:
        service.stale = service.is_stale(today)
    return {"services": services}


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request, slug):
    organization = _editable_organization(request.user, slug)
    form, fields_key = _form(
        request,
        lambda data: ServiceForm(
            data, organization=organization, instance=Service(owning_organization=organization)
        ),
        "service-create",
        organization.pk,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            service = form.save(commit=False)
            service.provider = form.save_provider()
            service.verified_on = timezone.localdate()
            service.verified_by = request.user
            service.save()
            form.save_m2m()
            log_action(request.user, service, "network.service.created", {"name": service.name})
        messages.success(request, _("The service %(name)s was added.") % {"name": service.name})
        return redirect(service)
    return render(
        request,
        "network/service_form.html",
        {
            "form": form,
            "fields_key": fields_key,
            "organization": organization,
            "title": _("New service of %(name)s") % {"name": organization.name},
            "breadcrumbs": [
                _network_crumb(),
                (organization.name, reverse("network:organization", args=[organization.slug])),
                (_("New service"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, pk):
    # Only what the form page needs: the form reads foreign keys by their ids, and
    # a join over every related table cost more to plan than to run.
    services = Service.objects.for_user(request.user).select_related("owning_organization")
    service = get_object_for_user(request.user, services, write=True, pk=pk)
    form, fields_key = _form(
        request,
        lambda data: ServiceForm(data, organization=service.owning_organization, instance=service),
        "service-edit",
        service.pk,
        service.version,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            current = Service.objects.select_for_update().get(pk=service.pk)
            if not refuse_stale(form, current):
                service = form.save(commit=False)
                service.provider = form.save_provider()
                service.version = current.version + 1
                service.save()
                form.save_m2m()
                log_action(
                    request.user,
                    service,
                    "network.service.changed",
                    {"changes": {k: str(v) for k, v in changes_of(form).items()}},
                )
                messages.success(request, _("Your changes have been saved."))
                return redirect(service)
    return render(
        request,
        "network/service_form.html",
        {
            "form": form,
            "fields_key": fields_key,
            "service": service,
            "organization": service.owning_organization,
            "title": _("Edit %(name)s") % {"name": service.name},
            "breadcrumbs": [
                _network_crumb(),
                (service.name, service.get_absolute_url()),
                (_("Edit"), None),
            ],
        },
    )


def _service_action(request, pk, *, action, template, title, apply, message):
    service = get_object_for_user(request.user, _service_queryset(request.user), write=True, pk=pk)
    form = ConfirmForm(request.POST or None, initial={"version": service.version})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            current = Service.objects.select_for_update().get(pk=service.pk)
            if not refuse_stale(form, current):
                apply(current)
                current.version += 1
                current.save()
                log_action(request.user, current, action)
                messages.success(request, message % {"name": current.name})
                return redirect(current)
    elif request.method == "POST" and template is None:
        return HttpResponseBadRequest(_("The form was incomplete. Please try again."))
    if template is None:
        if form.is_bound:
            messages.error(request, " ".join(form.non_field_errors()))
        return redirect(service)
    return render(
        request,
        template,
        {
            "form": form,
            "service": service,
            "title": title % {"name": service.name},
            "breadcrumbs": [
                _network_crumb(),
                (service.name, service.get_absolute_url()),
                (title % {"name": ""}, None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_archive(request, pk):
    def apply(service):
        service.archived = True

    return _service_action(
        request,
        pk,
        action="network.service.archived",
        template="network/service_archive.html",
        title=_("Archive %(name)s"),
        apply=apply,
        message=_("%(name)s is archived. You can bring it back at any time."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_unarchive(request, pk):
    def apply(service):
        service.archived = False

    return _service_action(
        request,
        pk,
        action="network.service.unarchived",
        template="network/service_archive.html",
        title=_("Bring back %(name)s"),
        apply=apply,
        message=_("%(name)s is active again."),
    )


@login_required
@require_POST
def service_verify(request, pk):
    today = timezone.localdate()

    def apply(service):
        service.verified_on = today
        service.verified_by = request.user

    return _service_action(
        request,
        pk,
        action="network.service.verified",
        template=None,
        title=_("Check %(name)s"),
        apply=apply,
        message=_("%(name)s is marked as checked today."),
    )


# --- Links -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def link_create(request, slug):
    municipality = get_object_for_user(
        request.user, Organization.objects.municipalities(), write=True, slug=slug
    )
    form, fields_key = _form(
        request,
        lambda data: LinkForm(data, municipality=municipality, instance=Link()),
        "link-create",
        municipality.pk,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                link = form.save()
                log_action(request.user, link, "network.link.created", {"link": str(link)})
        except IntegrityError:
            form.add_error(None, _("This link already exists on this map."))
        else:
            messages.success(request, _("The link was added."))
            return redirect("network:map", slug=municipality.slug)
    return render(
        request,
        "network/link_form.html",
        {
            "form": form,
            "fields_key": fields_key,
            "municipality": municipality,
            "title": _("New link on the map of %(name)s") % {"name": municipality.name},
            "breadcrumbs": [
                _network_crumb(),
                (municipality.name, reverse("network:map", args=[municipality.slug])),
                (_("New link"), None),
            ],
        },
    )


def _link_queryset():
    return Link.objects.select_related(
        "municipality", "municipality__region", "from_service", "to_service"
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_edit(request, pk):
    link = get_object_for_user(request.user, _link_queryset(), write=True, pk=pk)
    municipality = link.municipality
    form, fields_key = _form(
        request,
        lambda data: LinkForm(data, municipality=municipality, instance=link),
        "link-edit",
        link.pk,
        link.version,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                current = Link.objects.select_for_update().get(pk=link.pk)
                if not refuse_stale(form, current):
                    link = form.save(commit=False)
                    link.version = current.version + 1
                    link.save()
                    log_action(
                        request.user,
                        link,
                        "network.link.changed",
                        {"changes": {k: str(v) for k, v in changes_of(form).items()}},
                    )
                    messages.success(request, _("Your changes have been saved."))
                    return redirect("network:map", slug=municipality.slug)
        except IntegrityError:
            form.add_error(None, _("This link already exists on this map."))
    return render(
        request,
        "network/link_form.html",
        {
            "form": form,
            "fields_key": fields_key,
            "link": link,
            "municipality": municipality,
            "title": _("Edit link"),
            "breadcrumbs": [
                _network_crumb(),
                (municipality.name, reverse("network:map", args=[municipality.slug])),
                (_("Edit link"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_delete(request, pk):
    link = get_object_for_user(request.user, _link_queryset(), write=True, pk=pk)
    municipality = link.municipality
    if request.method == "POST":
        with transaction.atomic():
            log_action(request.user, link, "network.link.deleted", {"link": str(link)})
            link.delete()
        messages.success(request, _("The link was removed."))
        return redirect("network:map", slug=municipality.slug)
    return render(
        request,
        "network/link_delete.html",
        {
            "link": link,
            "municipality": municipality,
            "breadcrumbs": [
                _network_crumb(),
                (municipality.name, reverse("network:map", args=[municipality.slug])),
                (_("Remove link"), None),
            ],
        },
    )


# --- Roles and the step plan ---------------------------------------------------------


def roles(request):
    categories = RoleCategory.objects.prefetch_related("roles__laws")
    return render(
        request,
        "network/roles.html",
        {"categories": categories, "breadcrumbs": [_network_crumb(), (_("Roles"), None)]},
    )


def step_plan(request):
    return render(
        request,
        "network/step_plan.html",
        {
            "steps": list(Step.objects.all()),
            "breadcrumbs": [_network_crumb(), (_("Step plan"), None)],
        },
    )


@login_required
def municipality_steps(request, slug):
    municipality = _municipality(slug)
    progress = {
        record.step_id: record
        for record in StepProgress.objects.filter(municipality=municipality).select_related(
            "updated_by"
        )
    }
    steps = list(Step.objects.all())
    for step in steps:
        step.record = progress.get(step.pk)
    return render(
        request,
        "network/municipality_steps.html",
        {
            "municipality": municipality,
            "steps": steps,
            "done": sum(
                1 for record in progress.values() if record.status == StepProgress.Status.DONE
            ),
            "can_change": can_change(request.user, municipality),
            "breadcrumbs": [
                _network_crumb(),
                (municipality.name, reverse("network:map", args=[municipality.slug])),
                (_("Step plan"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def step_progress_edit(request, slug, number):
    municipality = get_object_for_user(
        request.user, Organization.objects.municipalities(), write=True, slug=slug
    )
    step = get_object_or_404(Step, number=number)

    def build(data):
        record = StepProgress.objects.filter(municipality=municipality, step=step).first()
        record = record or StepProgress(municipality=municipality, step=step, version=0)
        return StepProgressForm(data, instance=record)

    # Any change of a step's progress raises the network version (in the key).
    form, fields_key = _form(request, build, "step-progress", municipality.pk, step.pk)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                current = (
                    StepProgress.objects.select_for_update()
                    .filter(municipality=municipality, step=step)
                    .first()
                )
                if current is None and form.cleaned_data["version"] != 0:
                    raise Http404
                if current is None or not refuse_stale(form, current):
                    record = form.save(commit=False)
                    if current is not None:
                        record.pk = current.pk
                    record.version = (current.version if current else 0) + 1
                    record.updated_by = request.user
                    record.date = record.date or timezone.localdate()
                    record.save()
                    log_action(
                        request.user,
                        record,
                        "network.step.changed",
                        {"step": step.number, "status": record.status},
                    )
                    messages.success(request, _("The progress has been saved."))
                    return redirect("network:municipality_steps", slug=municipality.slug)
        except IntegrityError:
            form.add_error(
                None, _("Someone else saved this step at the same moment. Please try again.")
            )
    return render(
        request,
        "network/step_progress_form.html",
        {
            "form": form,
            "fields_key": fields_key,
            "municipality": municipality,
            "step": step,
            "breadcrumbs": [
                _network_crumb(),
                (
                    _("Step plan of %(name)s") % {"name": municipality.name},
                    reverse("network:municipality_steps", args=[municipality.slug]),
                ),
                (step.title, None),
            ],
        },
    )


# --- Import and export ---------------------------------------------------------------


@login_required
def export_services(request, slug, file_format):
    organization = get_object_for_user(
        request.user, Organization.objects.select_related("region"), slug=slug
    )
    if file_format not in importing.FORMATS:
        raise Http404
    content, content_type = importing.export(organization, file_format)
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="diensten-{organization.slug}-{stamp}.{file_format}"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, slug):
    organization = _editable_organization(request.user, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = importing.validate(form.cleaned_data["file"], organization)
        if result.errors:
            for error in result.errors[: importing.MAX_ERRORS_SHOWN]:
                form.add_error("file", error)
            if len(result.errors) > importing.MAX_ERRORS_SHOWN:
                form.add_error(
                    "file",
                    ngettext(
                        "… and %(count)d more error.",
                        "… and %(count)d more errors.",
                        len(result.errors) - importing.MAX_ERRORS_SHOWN,
                    )
                    % {"count": len(result.errors) - importing.MAX_ERRORS_SHOWN},
                )
        else:
            pending = ServiceImport.objects.create(
                organization=organization,
                user=request.user,
                file_name=form.cleaned_data["file"].name[:200],
                rows=result.rows,
                summary=result.summary,
            )
            return redirect("network:import_confirm", slug=organization.slug, uuid=pending.uuid)
    return render(
        request,
        "network/import_upload.html",
        {
            "form": form,
            "organization": organization,
            "columns": importing.COLUMNS,
            "codes": importing.codes(organization),
            "breadcrumbs": [
                _network_crumb(),
                (organization.name, reverse("network:organization", args=[organization.slug])),
                (_("Import"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_confirm(request, slug, uuid):
    organization = _editable_organization(request.user, slug)
    pending = get_object_or_404(ServiceImport, organization=organization, uuid=uuid)
    if pending.status != ServiceImport.Status.PENDING:
        if pending.status == ServiceImport.Status.APPLIED:
            messages.info(request, _("This import has already been applied."))
        else:
            messages.info(request, _("This import was cancelled. Nothing was changed."))
        return redirect("network:organization", slug=organization.slug)
    error = None
    if request.method == "POST":
        try:
            if "cancel" in request.POST:
                importing.cancel(pending)
                messages.info(request, _("The import was cancelled. Nothing was changed."))
                return redirect("network:organization", slug=organization.slug)
            counts = importing.confirm(pending, request.user)
        except importing.ImportNotPending as done:
            messages.info(request, str(done))
            return redirect("network:organization", slug=organization.slug)
        except importing.ImportConflict as conflict:
            error = str(conflict)
        else:
            messages.success(
                request,
                _(
                    "The import is done: %(created)d added, %(changed)d changed, "
                    "%(archived)d archived."
                )
                % counts,
            )
            return redirect("network:organization", slug=organization.slug)
    return render(
        request,
        "network/import_confirm.html",
        {
            "organization": organization,
            "pending": pending,
            "preview": importing.preview(pending),
            "error": error,
            "breadcrumbs": [
                _network_crumb(),
                (organization.name, reverse("network:organization", args=[organization.slug])),
                (_("Check the import"), None),
            ],
        },
    )
