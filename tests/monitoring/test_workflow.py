"""The report workflow in monitoring/services.py.

draft → submitted → approved, returned → draft, approved → reopened; who and
when, the audit log, and clear errors for steps that are not allowed.
"""

import pytest

from monitoring import reading, services
from monitoring.models import Report
from toolbox_site.models import AuditEvent

from .fixtures import make_report


@pytest.fixture
def filled(cast):
    return make_report("enschede", filled=True)


def test_a_complete_draft_can_be_submitted_and_records_who_and_when(filled, cast):
    editor = cast["enschede.editor"]
    report = services.submit(filled, editor)
    assert report.status == Report.Status.SUBMITTED
    assert report.submitted_by == editor
    assert report.submitted_at is not None
    assert report.version == filled.version + 1
    event = AuditEvent.objects.get(action="monitoring.report.submitted")
    assert event.user == editor
    assert event.organization.slug == "enschede"


def test_it_refuses_to_submit_an_incomplete_report(cast):
    report = make_report("enschede")
    with pytest.raises(services.TransitionError, match="niet compleet"):
        services.submit(report, cast["enschede.editor"])
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_it_refuses_to_submit_an_already_submitted_report(filled, cast):
    services.submit(filled, cast["enschede.editor"])
    with pytest.raises(services.TransitionError) as error:
        services.submit(filled, cast["enschede.editor"])
    assert "ingediend" in error.value.message


def test_the_coordinator_approves_a_submitted_report(filled, cast):
    services.submit(filled, cast["enschede.editor"])
    report = services.approve(filled, cast["twente.coordinator"])
    assert report.status == Report.Status.APPROVED
    assert report.approved_by == cast["twente.coordinator"]
    assert AuditEvent.objects.filter(action="monitoring.report.approved").count() == 1


def test_a_draft_cannot_be_approved(filled, cast):
    with pytest.raises(services.TransitionError):
        services.approve(filled, cast["twente.coordinator"])


def test_a_returned_report_keeps_the_comment_and_becomes_a_draft_again_when_saved(filled, cast):
    services.submit(filled, cast["enschede.editor"])
    report = services.return_report(filled, cast["twente.coordinator"], "Klopt 480 wel?")
    assert report.status == Report.Status.RETURNED
    assert report.return_comment == "Klopt 480 wel?"
    event = AuditEvent.objects.get(action="monitoring.report.returned")
    assert event.data["comment"] == "Klopt 480 wel?"
    result = reading.validate_report(report, submitting=False)
    result.values[("clients_ongoing", "")] = services.Cleaned(number=1)
    report, changed = services.save_values(report, result.values, {}, cast["enschede.editor"])
    assert changed
    assert report.status == Report.Status.DRAFT


def test_returning_needs_a_comment(filled, cast):
    services.submit(filled, cast["enschede.editor"])
    with pytest.raises(services.TransitionError):
        services.return_report(filled, cast["twente.coordinator"], "   ")
    filled.refresh_from_db()
    assert filled.status == Report.Status.SUBMITTED


def test_a_returned_report_can_be_submitted_again(filled, cast):
    services.submit(filled, cast["enschede.editor"])
    services.return_report(filled, cast["twente.coordinator"], "Graag controleren")
    report = services.submit(filled, cast["enschede.editor"])
    assert report.status == Report.Status.SUBMITTED


def test_the_coordinator_reopens_an_approved_report(filled, cast):
    services.submit(filled, cast["enschede.editor"])
    services.approve(filled, cast["twente.coordinator"])
    report = services.reopen(filled, cast["twente.coordinator"])
    assert report.status == Report.Status.DRAFT
    assert report.reopened_by == cast["twente.coordinator"]
    assert AuditEvent.objects.filter(action="monitoring.report.reopened").exists()


def test_only_an_approved_report_can_be_reopened(filled, cast):
    with pytest.raises(services.TransitionError, match="goedgekeurde"):
        services.reopen(filled, cast["twente.coordinator"])


def test_a_stale_version_is_a_conflict_that_names_the_change(filled, cast):
    editor = cast["enschede.editor"]
    stale = filled.version
    result = reading.validate_report(filled, submitting=False)
    result.values[("waiting_days", "")] = services.Cleaned(number=services.Decimal(99))
    services.save_values(filled, result.values, {}, editor, expected_version=stale)
    with pytest.raises(services.ConflictError) as conflict:
        services.save_values(filled, result.values, {}, editor, expected_version=stale)
    described = [what for _who, _when, whats in conflict.value.changes for what in whats]
    assert "Wachttijd tot eerste contact" in described


def test_values_keep_their_history(filled, cast):
    result = reading.validate_report(filled, submitting=False)
    result.values[("clients_closed", "")] = services.Cleaned(number=services.Decimal(3))
    services.save_values(filled, result.values, {}, cast["enschede.editor"])
    value = filled.values.get(indicator__code="clients_closed")
    assert value.history.count() >= 1
    assert value.history.first().history_user == cast["enschede.editor"]


def test_a_closed_period_cannot_be_changed(filled, cast):
    filled.period.is_open = False
    filled.period.save()
    with pytest.raises(services.TransitionError, match="gesloten"):
        services.save_values(filled, {}, {}, cast["enschede.editor"])


def test_the_service_refuses_a_step_to_who_may_not_take_it(filled, cast):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.submit(filled, cast["hengelo.editor"])  # another municipality's editor
    services.submit(filled, cast["enschede.editor"])
    with pytest.raises(PermissionDenied):
        services.approve(filled, cast["enschede.editor"])  # one's own report
    filled.refresh_from_db()
    assert filled.status == Report.Status.SUBMITTED


@pytest.mark.parametrize("name", sorted(services.TRANSITIONS))
def test_every_step_of_the_workflow_is_one_row_of_the_table(name):
    step = services.TRANSITIONS[name]
    assert step.to in Report.Status.values
    assert set(step.allowed_from) <= set(Report.Status.values)
    assert step.to not in step.allowed_from
    assert step.action.startswith("monitoring.report.")
    assert hasattr(Report, f"{step.stamp}_at") and hasattr(Report, f"{step.stamp}_by")


def test_the_reports_to_review_are_those_the_predicate_allows(filled, cast):
    from toolbox_site.permissions import is_region_coordinator

    for who, user in cast.items():
        reviewable = set(Report.objects.reviewable_by(user))
        allowed = {report for report in Report.objects.all() if is_region_coordinator(user, report)}
        assert reviewable == allowed, who
