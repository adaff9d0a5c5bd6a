"""The region's coordinators review a submitted report: approve, return with a
reason, or reopen an approved one. The steps themselves are monitoring.services.transition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from toolbox_site.permissions import is_region_coordinator
from toolbox_site.validators import has_control_characters

from .. import services
from ..forms import MAX_COMMENT
from .report_page import posted_version, report_or_404


def review_report(request, pk):
    report = report_or_404(request.user, pk, write=True)
    if not is_region_coordinator(request.user, report):
        raise PermissionDenied
    return report


def run_transition(request, report, function, done, *args):
    # The version the reviewer saw is required, as when saving: without it a
    # transition could act on a report changed since the page was opened.
    version = posted_version(request)
    if version is None:
        messages.error(request, _("The form is incomplete. Open the report again."))
        return redirect(report)
    try:
        function(report, request.user, *args, expected_version=version)
    except services.ConflictError:
        messages.error(
            request,
            _("Someone else changed this report in the meantime. Look at it again first."),
        )
    except services.TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(report)


@login_required
@require_POST
def approve(request, pk):
    report = review_report(request, pk)
    return run_transition(request, report, services.approve, _("The report has been approved."))


@login_required
@require_POST
def return_report(request, pk):
    report = review_report(request, pk)
    comment = request.POST.get("comment", "")
    if len(comment) > MAX_COMMENT or has_control_characters(comment, multi_line=True):
        messages.error(
            request,
            _("A comment has at most %(max)s characters and no control characters.")
            % {"max": MAX_COMMENT},
        )
        return redirect(report)
    return run_transition(
        request,
        report,
        services.return_report,
        _("The report has been returned with your comment."),
        comment,
    )


@login_required
@require_POST
def reopen(request, pk):
    report = review_report(request, pk)
    return run_transition(
        request, report, services.reopen, _("The report has been reopened as a draft.")
    )
