"""The report workflow and saving values: plain functions for views, admin, commands and tests.

draft → submitted → approved; submitted → returned (with a comment) → draft again
(by saving or submitting); approved → draft again when a coordinator reopens it.
Each transition records who and when, raises the version (so a form opened
before it cannot overwrite it) and is written to the audit log.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from toolbox_site import freshness
from toolbox_site.audit import log_action
from toolbox_site.locking import Conflict, lock
from toolbox_site.permissions import is_region_coordinator

from .models import MonitoringFormat, Report, Section, Value, format_number
from .reading import changes_since, format_structure, shown_value, stored_values, validate_report
from .rules import is_reporting_editor
from .validation import Cleaned, cells_of

# The labels of the codes this app writes (the audit trail's, toolbox_site/audit_trail.py).
AUDIT_ACTIONS = {
    "monitoring.report.saved": gettext_lazy("Report saved"),
    "monitoring.report.uploaded": gettext_lazy("Report uploaded as a spreadsheet"),
    "monitoring.report.submitted": gettext_lazy("Report submitted"),
    "monitoring.report.approved": gettext_lazy("Report approved"),
    "monitoring.report.returned": gettext_lazy("Report returned"),
    "monitoring.report.reopened": gettext_lazy("Report reopened"),
}


class TransitionError(Exception):
    """A workflow step that is not allowed from the report's current state."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ConflictError(Conflict):
    """Someone else changed the report since the form was opened: the core's
    conflict, with the changes described per value."""

    def __init__(self, report, changes):
        super().__init__(report)
        self.report = report
        self.changes = changes  # [(who, when, [what, ...])]


def _lock(report, expected_version=None):
    try:
        return lock(Report.objects, expected_version, pk=report.pk)
    except Conflict as conflict:
        current = conflict.current
        raise ConflictError(current, changes_since(current, expected_version)) from None


def _bump(report, user, fields):
    report.version += 1
    report.updated_by = user if user is not None and user.is_authenticated else None
    report.save(update_fields=[*fields, "version", "updated_by", "updated_at"])


def _check_status(report, allowed, message):
    if report.status not in allowed:
        raise TransitionError(message % {"status": report.get_status_display()})


@transaction.atomic
def save_values(
    report,
    cleaned_values,
    comments,
    user,
    *,
    expected_version=None,
    action="monitoring.report.saved",
):
    """Store the cleaned values and comments of a report that may be edited.

    ``cleaned_values``: key -> Cleaned; ``comments``: indicator code -> text (kept
    on the total). Raises ConflictError when ``expected_version`` is stale and
    TransitionError when the report is not editable. Returns the changed keys.
    """
    report = _lock(report, expected_version)
    _check_status(
        report,
        Report.EDITABLE_STATUSES,
        _("This report is %(status)s and can no longer be changed."),
    )
    if not report.period.is_open:
        raise TransitionError(_("The period is closed; this report can no longer be changed."))
    structure = format_structure(report.format_id)
    stored = stored_values(report)
    to_create, to_update, to_delete, changed, details = [], [], [], [], []
    for key, indicator, item in cells_of(structure):
        cleaned = cleaned_values.get(key, Cleaned())
        comment = (comments.get(indicator.code, "") if item is None else "").strip()
        value = stored.get(key)
        old = shown_value(value, indicator)
        new = shown_value(cleaned, indicator)
        if old != new or (value.comment if value else "") != comment:
            details.append({"field": key[0], "item": key[1], "old": old, "new": new})
        if cleaned.is_empty and not comment:
            if value is not None:
                to_delete.append(value.pk)
                changed.append(key)
            continue
        if value is None:
            to_create.append(
                Value(
                    report=report,
                    indicator=indicator,
                    dimension_item=item,
                    number=cleaned.number,
                    text=cleaned.text,
                    comment=comment,
                )
            )
            changed.append(key)
        elif (value.number, value.text, value.comment) != (cleaned.number, cleaned.text, comment):
            value.number, value.text, value.comment = cleaned.number, cleaned.text, comment
            to_update.append(value)
            changed.append(key)
    if to_delete:
        for value in Value.objects.filter(pk__in=to_delete):
            value.delete()  # one by one, so the history keeps the deletion
    if to_create:
        bulk_create_with_history(to_create, Value, batch_size=500, default_user=user)
    if to_update:
        bulk_update_with_history(
            to_update, Value, ["number", "text", "comment"], batch_size=500, default_user=user
        )
    if to_create or to_update:
        freshness.changed("monitoring", report)  # bulk writes send no signals
    if report.status == Report.Status.RETURNED and changed:
        report.status = Report.Status.DRAFT
        _bump(report, user, ["status"])
    elif changed:
        _bump(report, user, [])
    if changed:
        log_action(user, report, action, {"changes": details})
    return report, changed


def _complete(report, comment):
    if not report.period.is_open:
        raise TransitionError(_("The period is closed; this report can no longer be submitted."))
    result = validate_report(report, submitting=True)
    if not result.is_valid:
        problems = sum(len(messages) for messages in result.errors.values())
        raise TransitionError(
            ngettext(
                "The report is not complete or not correct yet (%(count)s problem).",
                "The report is not complete or not correct yet (%(count)s problems).",
                problems,
            )
            % {"count": problems}
        )


@dataclass(frozen=True)
class Transition:
    """One step of the report's workflow: from which states, to which, who may take
    it, what is checked first, the timestamp it sets and its audit action."""

    allowed_from: tuple
    to: str
    may: Callable  # a rules predicate of (user, report)
    refused: str  # the message when the report is in another state (%(status)s)
    stamp: str  # sets <stamp>_at and <stamp>_by
    action: str
    check: Callable | None = None  # (locked report, comment): raises TransitionError
    keeps_comment: bool = False  # requires a comment and stores it as return_comment


TRANSITIONS = {
    "submit": Transition(
        allowed_from=Report.EDITABLE_STATUSES,
        to=Report.Status.SUBMITTED,
        may=is_reporting_editor,
        refused=gettext_lazy(
            "This report is %(status)s; only a draft or returned report can be submitted."
        ),
        stamp="submitted",
        action="monitoring.report.submitted",
        check=_complete,
    ),
    "approve": Transition(
        allowed_from=(Report.Status.SUBMITTED,),
        to=Report.Status.APPROVED,
        may=is_region_coordinator,
        refused=gettext_lazy("This report is %(status)s; only a submitted report can be approved."),
        stamp="approved",
        action="monitoring.report.approved",
    ),
    "return": Transition(
        allowed_from=(Report.Status.SUBMITTED,),
        to=Report.Status.RETURNED,
        may=is_region_coordinator,
        refused=gettext_lazy("This report is %(status)s; only a submitted report can be returned."),
        stamp="returned",
        action="monitoring.report.returned",
        keeps_comment=True,
    ),
    "reopen": Transition(
        allowed_from=(Report.Status.APPROVED,),
        to=Report.Status.DRAFT,
        may=is_region_coordinator,
        refused=gettext_lazy("This report is %(status)s; only an approved report can be reopened."),
        stamp="reopened",
        action="monitoring.report.reopened",
    ),
}


@transaction.atomic
def transition(report, user, name, *, comment="", expected_version=None):
    """Take one step of the workflow (``TRANSITIONS``): locked, version-checked,
    refused with PermissionDenied for who may not take it, audited."""
    step = TRANSITIONS[name]
    comment = (comment or "").strip()
    if step.keeps_comment and not comment:
        raise TransitionError(_("Say why the report goes back, so it can be corrected."))
    report = _lock(report, expected_version)
    if not step.may(user, report):
        raise PermissionDenied
    _check_status(report, step.allowed_from, step.refused)
    if step.check is not None:
        step.check(report, comment)
    report.status = step.to
    setattr(report, f"{step.stamp}_at", timezone.now())
    setattr(report, f"{step.stamp}_by", user)
    fields = ["status", f"{step.stamp}_at", f"{step.stamp}_by"]
    data = {"period": str(report.period)}
    if step.keeps_comment:
        report.return_comment = comment
        fields.append("return_comment")
        data["comment"] = comment
    _bump(report, user, fields)
    log_action(user, report, step.action, data)
    return report


def submit(report, user, *, expected_version=None):
    return transition(report, user, "submit", expected_version=expected_version)


def approve(report, user, *, expected_version=None):
    return transition(report, user, "approve", expected_version=expected_version)


def return_report(report, user, comment, *, expected_version=None):
    return transition(report, user, "return", comment=comment, expected_version=expected_version)


def reopen(report, user, *, expected_version=None):
    return transition(report, user, "reopen", expected_version=expected_version)


@transaction.atomic
def copy_format(source):
    """The next version of a format, with copies of its sections, indicators and rules."""
    highest = (
        MonitoringFormat.objects.filter(organization=source.organization, name=source.name)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    new = MonitoringFormat.objects.create(
        organization=source.organization,
        name=source.name,
        version=(highest or source.version) + 1,
        organization_kind=source.organization_kind,
        period_type=source.period_type,
        description=source.description,
        active=True,
    )
    indicator_map = {}
    for section in source.sections.prefetch_related("indicators"):
        new_section = Section.objects.create(
            format=new, title=section.title, description=section.description, order=section.order
        )
        for indicator in section.indicators.all():
            old_pk = indicator.pk
            indicator.pk = None
            indicator.id = None
            indicator._state.adding = True
            indicator.format = new
            indicator.section = new_section
            indicator.save()
            indicator_map[old_pk] = indicator
    for rule in source.rules.all():
        rule.pk = None
        rule.id = None
        rule._state.adding = True
        rule.format = new
        rule.indicator = indicator_map[rule.indicator_id]
        if rule.other_indicator_id:
            rule.other_indicator = indicator_map[rule.other_indicator_id]
        rule.save()
    MonitoringFormat.objects.filter(
        organization=source.organization, name=source.name, active=True
    ).exclude(pk=new.pk).update(active=False)
    freshness.changed("monitoring", source)  # update() sends no signals
    return new


__all__ = [
    "Cleaned",
    "ConflictError",
    "Decimal",
    "TransitionError",
    "approve",
    "copy_format",
    "format_number",
    "reopen",
    "return_report",
    "save_values",
    "submit",
]
