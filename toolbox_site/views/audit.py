"""The audit trail (``/audit/``): every change that matters, for the coordinators of
a region, filterable and paged; ``?object=`` shows one object's own trail."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..addresses import slug_prefix
from ..audit_trail import SHOWN_COLUMNS, AuditFilterForm, object_of, trail_rows
from ..models import AuditEvent, Organization
from ..permissions import is_region_coordinator, manages_all_regions

PER_PAGE = 50


@login_required
def audit_trail(request):
    if not is_region_coordinator(request.user):
        raise PermissionDenied
    organizations = list(
        Organization.objects.coordinated_by(request.user).only("pk", "name").order_by("name")
    )
    form = AuditFilterForm(request.GET or None, organizations=organizations)
    # Who manages every region also sees the events of no organization (accounts).
    if manages_all_regions(request.user):
        events = AuditEvent.objects.all()
    else:
        events = AuditEvent.objects.coordinated_by(request.user)
    events = form.filter(events)
    asked = request.GET.get("object", "")
    shown_object = object_of(asked)
    if shown_object:
        events = events.filter(object_type=shown_object[0], object_id=shown_object[1])
    paginator = Paginator(events.annotate(**SHOWN_COLUMNS).order_by("-created_at", "-pk"), PER_PAGE)
    page = paginator.get_page(request.GET.get("pagina"))
    rows = trail_rows(page.object_list, slug_prefix("municipalities:detail"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "toolbox_site/audit_trail.html",
        {
            "form": form,
            "unknown_object": bool(asked) and shown_object is None,
            "rows": rows,
            "page_obj": page,
            "elided_pages": paginator.get_elided_page_range(page.number),
            "query": query.urlencode(),
            "one_object": shown_object is not None,
            "object_name": rows[0]["event"].object_repr if shown_object and rows else "",
            "object_query": f"object={asked}" if shown_object else "",
            "breadcrumbs": [(_("Audit trail"), None)],
        },
    )
