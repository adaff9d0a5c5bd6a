"""The audit trail (``/audit/``): every change that matters, for the coordinators of
a region, filterable and paged; ``?object=`` shows one object's own trail.

A page's rows are kept (toolbox_site/freshness.py) under the number of events the
filters find. Events are only ever added, never changed or deleted, so for one address
and one visitor that number names the rows; what else they show (accounts'
names, organizations and their regions) raises ``toolbox_site``'s version.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from .. import freshness
from ..addresses import slug_prefix
from ..audit_trail import SHOWN_COLUMNS, AuditFilterForm, object_of, trail_rows
from ..models import AuditEvent, Organization
from ..permissions import is_region_coordinator, manages_all_regions

PER_PAGE = 25


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
    prefix = slug_prefix("municipalities:detail")
    rows = SimpleLazyObject(lambda: trail_rows(page.object_list, prefix))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "toolbox_site/audit_trail.html",
        {
            "form": form,
            "unknown_object": bool(asked) and shown_object is None,
            "rows": rows,
            # One object's trail names the object from its rows: built every time.
            "rows_part": None
            if shown_object
            else freshness.part(
                "audit-trail", "toolbox_site", request=request, vary=(paginator.count,)
            ),
            "page_obj": page,
            "elided_pages": paginator.get_elided_page_range(page.number),
            "query": query.urlencode(),
            "one_object": shown_object is not None,
            "object_name": rows[0]["event"].object_repr if shown_object and rows else "",
            "object_query": f"object={asked}" if shown_object else "",
            "breadcrumbs": [(_("Audit trail"), None)],
        },
    )
