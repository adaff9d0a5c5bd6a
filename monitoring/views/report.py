"""A report: reading it, saving a draft and submitting it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .. import services
from ..rules import is_reporting_editor
from .report_page import (
    CHECK_PARAMETER,
    NOT_SUBMITTED,
    build_form,
    conflict_context,
    posted_version,
    read_only_reason,
    render_report,
    report_or_404,
)


@login_required
def report_detail(request, pk):
    if request.method == "POST":
        return report_save(request, pk)
    report = report_or_404(request.user, pk)
    may_fill = is_reporting_editor(request.user, report)
    editable = may_fill and report.is_editable_state and report.period.is_open
    if editable and request.GET.get(CHECK_PARAMETER) == "submit":
        # After a submission that was refused: the stored values, judged as a
        # submission, so the problems stand next to their fields.
        form = build_form(report)
        form.judge(submitting=True)
        return render_report(request, report, form, may_fill=may_fill)
    return render_report(request, report, build_form(report), may_fill=may_fill)


def report_save(request, pk):
    user = request.user
    report = report_or_404(user, pk, write=True)
    if not is_reporting_editor(user, report):
        raise PermissionDenied
    posted_report = request.POST.get("report")
    if posted_report is not None and posted_report != str(report.pk):
        return HttpResponseBadRequest(
            _("This form belongs to another report. Open the report again and retry.")
        )
    version = posted_version(request)
    if version is None:
        return HttpResponseBadRequest(_("The form is incomplete. Open the report again."))
    submitting = request.POST.get("action") == "submit"
    form = build_form(report)
    if not (report.is_editable_state and report.period.is_open):
        messages.error(request, read_only_reason(user, report, True))
        return redirect(report)
    complete = form.bind(request.POST, submitting=submitting)
    draft = form
    if not complete and submitting:
        # Not ready to submit: keep what was typed as a draft if it is a valid
        # draft, then show the submission's problems on the stored values.
        draft = build_form(report)
        if not draft.bind(request.POST, submitting=False):
            draft = None
    elif not complete:
        draft = None
    if draft is None:
        if submitting:
            messages.error(request, NOT_SUBMITTED)
        return render_report(request, report, form, may_fill=True, version=version)
    try:
        with transaction.atomic():
            saved, changed = services.save_values(
                report,
                draft.result.values,
                draft.comments,
                user,
                expected_version=version,
            )
            if submitting and complete:
                services.submit(saved, user)
    except services.ConflictError as conflict:
        current = report_or_404(user, pk)
        return render_report(
            request,
            current,
            form,
            may_fill=True,
            status=409,
            conflict=conflict_context(conflict),
            version=current.version,
        )
    except services.TransitionError as error:
        messages.error(request, error.message)
        return render_report(request, report, form, may_fill=True, version=version)
    if submitting and not complete:
        if changed:
            messages.error(
                request,
                _(
                    "Your values have been saved as a draft, but the report has not been "
                    "submitted: correct the problems below first."
                ),
            )
        else:
            messages.error(request, NOT_SUBMITTED)
        return redirect(f"{report.get_absolute_url()}?{CHECK_PARAMETER}=submit")
    if submitting:
        messages.success(request, _("The report has been submitted for approval."))
    elif changed:
        messages.success(request, _("The draft has been saved."))
    else:
        messages.info(request, _("Nothing had changed."))
    return redirect(report)
