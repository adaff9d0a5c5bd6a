"""A report as a spreadsheet: download it, fill it in, upload it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import services, spreadsheet
from ..forms import UploadForm
from ..rules import is_reporting_editor
from .report_page import conflict_context, read_only_reason, report_or_404


@login_required
def download(request, pk):
    report = report_or_404(request.user, pk)
    content = spreadsheet.write_report(report)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"rapportage-{report.organization.slug}-{report.period.start:%Y-%m}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def upload(request, pk):
    user = request.user
    report = report_or_404(user, pk, write=True)
    may_fill = is_reporting_editor(user, report)
    if not may_fill:
        raise PermissionDenied  # the upload page is for the organization's editors
    editable = may_fill and report.is_editable_state and report.period.is_open
    form = UploadForm(request.POST or None, request.FILES or None)
    problems, conflict, status = [], None, 200
    if request.method == "POST" and form.is_valid():
        if not editable:
            messages.error(request, read_only_reason(user, report, may_fill))
            return redirect(report)
        outcome = spreadsheet.read_report(report, form.cleaned_data["file"])
        problems = outcome.problems
        if not problems:
            try:
                with transaction.atomic():
                    _report, changed = services.save_values(
                        report,
                        outcome.values,
                        outcome.comments,
                        user,
                        expected_version=outcome.version,
                        action="monitoring.report.uploaded",
                    )
            except services.ConflictError as error:
                # The file predates a colleague's save: the form's refusal, not an overwrite.
                conflict, status = conflict_context(error), 409
            except services.TransitionError as error:
                messages.error(request, error.message)
                return redirect(report)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The spreadsheet has been read: %(count)s value changed.",
                        "The spreadsheet has been read: %(count)s values changed.",
                        len(changed),
                    )
                    % {"count": len(changed)},
                )
                return redirect(report)
    return render(
        request,
        "monitoring/upload.html",
        {
            "report": report,
            "form": form,
            "problems": problems,
            "conflict": conflict,
            "editable": editable,
            "reason": "" if editable else read_only_reason(user, report, may_fill),
            "breadcrumbs": [
                (_("Monitoring"), reverse("monitoring:index")),
                (f"{report.organization} – {report.period}", report.get_absolute_url()),
                (_("Upload a spreadsheet"), None),
            ],
        },
        status=status,
    )
