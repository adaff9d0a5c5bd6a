"""A service's page (with its history for who is logged in) and an organization's
list of its services."""

from django.contrib.auth.decorators import login_required
from django.db.models import F, IntegerField, Q, Value
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from toolbox_site.audit_trail import trail_url
from toolbox_site.models import Organization
from toolbox_site.people import display_name
from toolbox_site.permissions import can_change, can_view, get_object_for_user
from toolbox_site.unions import tagged_rows

from ..models import (
    Law,
    LifeDomain,
    Link,
    Service,
    TargetGroup,
)
from .common import network_crumb, page_part


def service_queryset(user):
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
                "who": display_name(newer.history_user) if newer.history_user else None,
                "type": newer.get_history_type_display(),
                "kind": newer.history_type,
                "changed": changed,
            }
        )
    return rows


def _service_lists(service):
    """The service's municipalities, life domains, target groups and laws: one UNION query."""
    columns = {"sort": F("order"), "ref": F("slug"), "label": F("name")}
    rows = tagged_rows(
        {
            "municipalities": (
                Organization.objects.filter(served_by_services=service),
                {**columns, "sort": Value(0, output_field=IntegerField())},
            ),
            "life_domains": (LifeDomain.objects.filter(services=service), columns),
            "target_groups": (TargetGroup.objects.filter(services=service), columns),
            "laws": (Law.objects.filter(services=service), {**columns, "label": F("abbreviation")}),
        }
    )
    lists = {
        key: [{"slug": slug, "name": label} for _sort, slug, label in sorted(found)]
        for key, found in rows.items()
    }
    lists["municipalities"].sort(key=lambda item: item["name"])
    return lists


def service_detail(request, pk):
    # Who may see it is decided here, per request: an archived entry only for members
    # (as Service.objects.for_user). Only what the page shows outside its cached parts:
    # the parts read the rest (``page``) when they are built.
    service = (
        Service.objects.select_related("owning_organization", "verified_by").filter(pk=pk).first()
    )
    if service is None or (service.archived and not can_view(request.user, service)):
        raise Http404
    with_history = request.user.is_authenticated
    return render(
        request,
        "network/service_detail.html",
        {
            "service": service,
            # Built only when a cached part is missing (see toolbox_site/freshness.py):
            # a service's changes raise the versions of its owner's region (and of every
            # region it serves), and so do its links'.
            "parts": {
                name: page_part(
                    f"service-{name}",
                    region=service.owning_organization.region_id,
                    vary=(service.pk, with_history),
                )
                for name in ("facts", "links")
            },
            "page": SimpleLazyObject(lambda: _service_page(service, with_history)),
            "with_history": with_history,
            "stale": service.is_stale(),
            "capacity": service.capacity(),
            "can_change": can_change(request.user, service),
            "trail_url": trail_url(request.user, service),
            "breadcrumbs": [network_crumb(), (service.name, None)],
        },
    )


def _service_page(service, with_history):
    # Only the columns the table shows: a service row is wide (its texts).
    links = list(
        Link.objects.filter(Q(from_service=service) | Q(to_service=service))
        .select_related("from_service", "to_service", "municipality")
        .only(
            "kind",
            "note",
            "municipality__name",
            "municipality__slug",
            "from_service__name",
            "to_service__name",
        )
        .order_by("municipality__name", "kind", "pk")
    )
    return {
        "service": service_queryset(None).get(pk=service.pk),
        "links": links,
        "ages": _ages(service),
        **_service_lists(service),
        "history": _history_rows(service) if with_history else [],
    }


def _ages(service):
    """The ages the service is for, as its page says them."""
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None:
        return _("%(low)s to %(high)s years") % {"low": low, "high": high}
    if low is not None:
        return _("%(low)s years and older") % {"low": low}
    if high is not None:
        return _("up to %(high)s years") % {"high": high}
    return _("All ages")


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
            "part": page_part(
                "organization-services",
                region=organization.region_id,
                vary=(organization.pk,),
            ),
            "page": SimpleLazyObject(lambda: _organization_page(organization)),
            "can_change": can_change(request.user, organization),
            "breadcrumbs": [network_crumb(), (organization.name, None)],
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
