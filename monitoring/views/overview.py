"""The user's reports by format and period, and starting a report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from toolbox_site.models import Organization
from toolbox_site.permissions import get_object_for_user, is_region_coordinator
from toolbox_site.regions import own_region_id

from ..models import REPORTING_KINDS, MonitoringFormat, Period, Report
from ..rules import is_reporting_editor
from .common import page_part
from .report_page import MAX_PK

RECENT_PERIODS = 8


def next_step(report, period, may_fill):
    """What the organization should do next, in plain words."""
    if report is None:
        if not period.is_open:
            return _("Not reported; the period is closed")
        return _("Fill in") if may_fill else _("Not started yet")
    if report.status == Report.Status.DRAFT:
        if not period.is_open:
            return _("Not submitted; the period is closed")
        return _("Fill in and submit") if may_fill else _("Being filled in")
    if report.status == Report.Status.RETURNED:
        return _("Correct after return and submit again")
    if report.status == Report.Status.SUBMITTED:
        return _("Nothing: awaiting approval")
    return _("Nothing: approved")


def formats_by_kind(region_ids):
    """The active format per (region, kind): each region team maintains its own."""
    formats = (
        MonitoringFormat.objects.filter(
            active=True, organization__region_id__in=list(region_ids) or [0]
        )
        .annotate(region_id=F("organization__region_id"))
        .only("pk", "organization_kind", "period_type", "version")
        .order_by("version")
    )
    return {(fmt.region_id, fmt.organization_kind): fmt for fmt in formats}


@login_required
def index(request):
    user = request.user
    return render(
        request,
        "monitoring/index.html",
        {
            # The lists are a cached part per user (toolbox_site/freshness.py): built
            # only when it is missing. What the user may do follows from their
            # memberships and roles.
            "part": page_part(
                "index",
                region=own_region_id(user),
                request=request,
                vary=(user.pk,),
            ),
            "page": SimpleLazyObject(lambda: index_data(user)),
            "breadcrumbs": [(_("Monitoring"), None)],
        },
    )


def with_period_type(organizations):
    """The organizations, each with the period type of its region's active format."""
    format_period_type = (
        MonitoringFormat.objects.filter(
            active=True,
            organization__region_id=OuterRef("region_id"),
            organization_kind=OuterRef("kind"),
        )
        .order_by("-version")
        .values("period_type")[:1]
    )
    return organizations.annotate(period_type=Subquery(format_period_type))


def awaiting_review(user):
    """The submitted reports the user may approve or return, oldest period first (the
    first 200): on the monitoring index and the start page."""
    return (
        Report.objects.reviewable_by(user)
        .filter(status=Report.Status.SUBMITTED)
        .select_related("organization", "period")
        .order_by("period__start", "organization__name")[:200]
    )


def index_data(user):
    today = timezone.localdate()
    organizations = list(
        with_period_type(
            Organization.objects.of_member(user).filter(kind__in=REPORTING_KINDS)
        ).order_by("name")
    )
    periods = list(
        Period.objects.filter(Q(is_open=True) | Q(start__lte=today)).order_by("-start", "type")[
            :RECENT_PERIODS
        ]
    )
    reports = {
        (report.organization_id, report.period_id): report
        # "or [0]": the query runs even without organizations, so the count stays fixed.
        for report in Report.objects.filter(
            organization_id__in=[organization.pk for organization in organizations] or [0],
            period_id__in=[period.pk for period in periods] or [0],
        )
        .select_related("period")
        .order_by()
    }
    groups = []
    for organization in organizations:
        may_fill = is_reporting_editor(user, organization)
        rows = []
        for period in periods:
            report = reports.get((organization.pk, period.pk))
            if report is None and organization.period_type != period.type:
                continue
            rows.append(
                {
                    "period": period,
                    "report": report,
                    "deadline": period.deadline_words(today),
                    "next": next_step(report, period, may_fill),
                    "may_start": report is None and may_fill and period.is_open,
                }
            )
        groups.append({"organization": organization, "rows": rows, "may_fill": may_fill})
    coordinator = is_region_coordinator(user)
    awaiting = []
    if coordinator:
        awaiting = list(awaiting_review(user))
    return {"groups": groups, "awaiting": awaiting, "is_coordinator": coordinator}


@login_required
@require_POST
def start(request):
    """Start the report of an organization for an open period (or open the existing one)."""
    slug = request.POST.get("organization", "")
    period_id = request.POST.get("period", "")
    # The index's buttons belong to one form outside its cached fragment (the form holds
    # the CSRF token) and send "<organization slug> <period id>" as their value.
    both = request.POST.get("start", "")
    if both:
        slug, _space, period_id = both.rpartition(" ")
    if not isinstance(slug, str) or len(slug) > 150 or "\x00" in slug:
        raise Http404
    organization = get_object_for_user(
        request.user, Organization.objects.all(), write=True, slug=slug
    )
    if not is_reporting_editor(request.user, organization):
        raise PermissionDenied
    period = None
    if period_id.isdigit() and int(period_id) <= MAX_PK:
        period = Period.objects.filter(pk=int(period_id)).first()
    if period is None:
        messages.error(request, _("This period does not exist. Choose a period from the list."))
        return redirect("monitoring:index")
    if not period.is_open:
        messages.error(request, _("The period %(period)s is closed.") % {"period": period})
        return redirect("monitoring:index")
    fmt = formats_by_kind([organization.region_id]).get((organization.region_id, organization.kind))
    if fmt is None or fmt.period_type != period.type:
        messages.error(request, _("There is no monitoring format for this period."))
        return redirect("monitoring:index")
    with transaction.atomic():
        report = Report.objects.filter(organization=organization, period=period).first()
        if report is None:
            report, _created = Report.objects.get_or_create(
                organization=organization, period=period, format=fmt
            )
    return redirect(report)
