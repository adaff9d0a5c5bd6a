""" "Klopt er iets niet?": a resident reports that an entry is not right, and the
entry's editors deal with the reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from network.models import Service
from toolbox_site.audit import log_action
from toolbox_site.permissions import can_change, get_object_for_user
from toolbox_site.security import from_another_site

from .. import services as finder
from ..forms import CloseReportForm, ServiceReportForm
from ..models import ServiceReport


def _reportable_service(pk):
    return get_object_or_404(Service.objects.active().select_related("provider"), pk=pk)


# No CSRF token (and so no cookie) for residents' reports: the form is anonymous, so a
# forged report gains an attacker nothing they cannot do by posting it themselves, and
# reports are rate-limited (services.report_allowed). A post the browser marks as coming
# from another site is still refused.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def report_create(request, pk):
    if request.method == "POST" and from_another_site(request):
        raise PermissionDenied
    service = _reportable_service(pk)
    form = ServiceReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if finder.report_allowed(request, service):
            with transaction.atomic():
                report = form.save(commit=False)
                report.service = service
                report.save()
                log_action(None, report, "network.report.received", {"reason": report.reason})
                transaction.on_commit(lambda: finder.notify_editors(report, request))
            return redirect("finder:report_thanks", pk=service.pk)
        form.add_error(
            None, _("Many reports were sent just now. Please try again in a little while.")
        )
        status = 429
    return render(
        request,
        "finder/report_form.html",
        {
            "service": service,
            "form": form,
            "breadcrumbs": [
                (_("Find a client supporter"), reverse("finder:index")),
                (_("Is something not right?"), None),
            ],
        },
        status=status,
    )


@require_GET
def report_thanks(request, pk):
    service = _reportable_service(pk)
    return render(
        request,
        "finder/report_thanks.html",
        {
            "service": service,
            "breadcrumbs": [
                (_("Find a client supporter"), reverse("finder:index")),
                (_("Thank you"), None),
            ],
        },
    )


@login_required
def report_queue(request):
    """Reports about the entries of the organizations the user may see; open first."""
    visible = ServiceReport.objects.for_members(request.user).select_related(
        "service", "service__owning_organization", "closed_by"
    )
    open_reports = list(visible.filter(status=ServiceReport.Status.OPEN).order_by("created_at"))
    closed_reports = list(
        visible.filter(status=ServiceReport.Status.CLOSED).order_by("-closed_at")[:20]
    )
    for report in open_reports:
        report.may_close = can_change(request.user, report.service)
    return render(
        request,
        "finder/report_queue.html",
        {
            "open_reports": open_reports,
            "closed_reports": closed_reports,
            "breadcrumbs": [
                (_("Network"), reverse("network:index")),
                (_("Reports from residents"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_close(request, pk):
    queryset = ServiceReport.objects.select_related("service", "service__owning_organization")
    report = get_object_for_user(request.user, queryset, write=True, pk=pk)
    form = CloseReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            current = ServiceReport.objects.select_for_update().get(pk=report.pk)
            if current.status == ServiceReport.Status.CLOSED:
                messages.warning(
                    request,
                    _("Someone else closed this report already, with the note: %(note)s")
                    % {"note": current.closing_note},
                )
                return redirect("finder:report_queue")
            current.status = ServiceReport.Status.CLOSED
            current.closing_note = form.cleaned_data["note"]
            current.led_to_change = form.cleaned_data["led_to_change"]
            current.closed_by = request.user
            current.closed_at = timezone.now()
            current.save()
            log_action(
                request.user,
                current,
                "network.report.closed",
                {"note": current.closing_note, "led_to_change": current.led_to_change},
            )
        messages.success(request, _("The report has been closed."))
        return redirect("finder:report_queue")
    return render(
        request,
        "finder/report_close.html",
        {
            "report": report,
            "form": form,
            "breadcrumbs": [
                (_("Network"), reverse("network:index")),
                (_("Reports from residents"), reverse("finder:report_queue")),
                (_("Close"), None),
            ],
        },
    )
