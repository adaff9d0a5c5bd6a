"""What every page that shows a report shares: finding it, who may do what,
its history, and the form as stored, as typed or in conflict."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from toolbox_site.audit_trail import trail_url
from toolbox_site.dates import show_date, show_datetime
from toolbox_site.models import AuditEvent
from toolbox_site.people import display_name
from toolbox_site.permissions import get_object_for_user, is_region_coordinator

from .. import reading
from ..forms import ReportForm
from ..models import Report

MAX_PK = 2**31 - 1


CHECK_PARAMETER = "check"


NOT_SUBMITTED = gettext_lazy("The report has not been submitted: correct the problems below first.")


def report_or_404(user, pk, *, write=False):
    if pk > MAX_PK:
        raise Http404
    return get_object_for_user(
        user,
        Report.objects.select_related("organization", "format", "period", "submitted_by"),
        write=write,
        pk=pk,
    )


def person(user):
    if user is None:
        return _("someone")
    return display_name(user)


def read_only_reason(user, report, may_fill):
    if not report.period.is_open:
        return _(
            "The period %(period)s is closed for entry, so this report can no longer change."
        ) % {"period": report.period}
    if report.status == Report.Status.SUBMITTED:
        return _(
            "Submitted on %(date)s by %(name)s. It awaits approval by the region's coordinator "
            "and can no longer be changed."
        ) % {
            "date": show_date(report.submitted_at, "?"),
            "name": person(report.submitted_by),
        }
    if report.status == Report.Status.APPROVED:
        return _("Approved. Only a coordinator of the region can reopen it.")
    if not may_fill:
        if is_region_coordinator(user, report):
            return _(
                "You coordinate this region: you approve or return reports; "
                "the editors of %(organization)s fill them in."
            ) % {"organization": report.organization}
        return _("You can read this report; only the editors of %(organization)s change it.") % {
            "organization": report.organization
        }
    return ""


def history_of(report, labels):
    events = AuditEvent.objects.filter(
        object_type__app_label="monitoring", object_type__model="report", object_id=str(report.pk)
    ).select_related("user")[:30]
    words = action_words()
    rows = []
    for event in events:
        changes = []
        for change in (event.data or {}).get("changes", [])[:100]:
            if not isinstance(change, dict):
                continue
            key = (change.get("field", ""), change.get("item", ""))
            changes.append(
                {
                    "label": labels.get(key, "/".join(filter(None, key))),
                    "old": change.get("old") or _("(empty)"),
                    "new": change.get("new") or _("(empty)"),
                }
            )
        rows.append(
            {
                "event": event,
                "what": words.get(event.action, event.action),
                "who": person(event.user),
                "changes": changes,
                "comment": (event.data or {}).get("comment", ""),
            }
        )
    return rows


def action_words():
    return {
        "monitoring.report.saved": _("saved"),
        "monitoring.report.submitted": _("submitted"),
        "monitoring.report.approved": _("approved"),
        "monitoring.report.returned": _("returned"),
        "monitoring.report.reopened": _("reopened"),
        "monitoring.report.uploaded": _("uploaded a spreadsheet"),
    }


def shown_form(form, editable):
    """What the page shows of the form and the report's history."""
    return {
        "sections": list(form.sections()),
        "errors": form.error_summary(),
        "warning_count": form.warning_count(),
        "history": history_of(form.report, form.labels()),
    }


def render_report(request, report, form, *, may_fill, status=200, conflict=None, version=None):
    user = request.user
    editable = may_fill and report.is_editable_state and report.period.is_open
    may_review = is_region_coordinator(user, report)
    context = {
        "report": report,
        **shown_form(form, editable),
        "editable": editable,
        "may_fill": may_fill,
        "may_approve": may_review and report.status == Report.Status.SUBMITTED,
        "may_reopen": may_review and report.status == Report.Status.APPROVED,
        "reason": "" if editable else read_only_reason(user, report, may_fill),
        "deadline": report.period.deadline_words(),
        "trail_url": trail_url(user, report),
        "conflict": conflict,
        "version": version if version is not None else report.version,
        "breadcrumbs": [
            (_("Monitoring"), reverse("monitoring:index")),
            (f"{report.organization} – {report.period}", None),
        ],
    }
    return render(request, "monitoring/report.html", context, status=status)


def build_form(report):
    structure, rules, keys = reading.report_structure(report)
    stored, previous = reading.stored_and_previous(report, keys)
    return ReportForm(report, structure, rules, stored, previous)


def posted_version(request):
    value = request.POST.get("version", "")
    if not value.isdigit() or len(value) > 9:
        return None
    return int(value)


def conflict_context(conflict):
    return [
        {
            "who": who,
            "when": show_datetime(when),
            "what": what,
        }
        for who, when, what in conflict.changes
    ]
