"""Every date and time shown is Europe/Amsterdam, in one format: "6 december 2026 00:30".

23:30 UTC on 5 December is 00:30 on 6 December in Amsterdam: code that formats the
UTC value (``date_format`` without ``localtime``, ``.date()``, ``strftime``) shows the
wrong day and the wrong hour.
"""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import translation

from criteria.models import Criterion, LocalAgreement
from criteria.services import describe_conflict
from monitoring.models import Report
from monitoring.views.report_page import read_only_reason
from tests.monitoring.fixtures import make_report
from toolbox_site.dates import show_date, show_datetime
from toolbox_site.locking import conflict_message

LATE = datetime.datetime(2026, 12, 5, 23, 30, tzinfo=datetime.UTC)


def test_the_helpers_show_the_amsterdam_day_and_hour():
    with translation.override("nl"):
        assert show_date(LATE) == "6 december 2026"
        assert show_datetime(LATE) == "6 december 2026 00:30"
        assert show_date(datetime.date(2026, 7, 8)) == "8 juli 2026"
    with translation.override("en"):
        assert show_datetime(LATE) == "6 December 2026 00:30"


def test_submitted_on_is_the_amsterdam_date(cast):
    report = make_report("enschede", filled=True)
    report.status = Report.Status.SUBMITTED
    report.submitted_at = LATE
    report.submitted_by = cast["enschede.editor"]
    with translation.override("nl"):
        text = str(read_only_reason(cast["enschede.editor"], report, True))
    assert "6 december 2026" in text
    assert "5 december" not in text


def test_a_conflict_message_shows_the_amsterdam_time(network):
    service = network["enschede"]["oco"]
    service.history.all().update(history_date=LATE)
    with translation.override("nl"):
        text = str(conflict_message(service, None))
    assert "6 december 2026 00:30" in text
    assert "23:30" not in text


def test_an_agreement_conflict_shows_the_amsterdam_time(criteria_framework, enschede):
    criterion = Criterion.objects.get(framework=criteria_framework, code="ON-1")
    agreement = LocalAgreement.objects.create(
        municipality=enschede,
        criterion=criterion,
        status="agreed",
        review_date=datetime.date(2027, 3, 1),
    )
    LocalAgreement.objects.filter(pk=agreement.pk).update(updated_at=LATE)
    agreement.refresh_from_db()
    with translation.override("nl"):
        text = str(describe_conflict(agreement, None))
    assert "6 december 2026 00:30" in text
    assert "1 maart 2027" in text


def test_the_history_on_the_service_page_shows_the_amsterdam_time(client, network, enschede_viewer):
    service = network["enschede"]["oco"]
    service.history.all().update(history_date=LATE)
    client.force_login(enschede_viewer)
    content = client.get(service.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "6 december 2026 00:30" in content
    assert "23:30" not in content


def test_the_export_is_named_after_the_amsterdam_date(client, network, enschede_editor):
    client.force_login(enschede_editor)
    with mock.patch("django.utils.timezone.now", return_value=LATE):
        response = client.get(reverse("network:export", args=["enschede", "csv"]))
    assert response.status_code == 200
    assert "2026-12-06" in response["Content-Disposition"]


@pytest.mark.parametrize("language, month", [("nl", "8 juli 2026"), ("en", "8 July 2026")])
def test_pages_show_months_in_full(client, network, language, month):
    service = network["enschede"]["oco"]
    type(service).objects.filter(pk=service.pk).update(verified_on=datetime.date(2026, 7, 8))
    client.cookies["django_language"] = language
    content = client.get(reverse("network:map", args=["enschede"])).content.decode()
    assert month in content
    assert "8 Jul 2026" not in content
    assert "8 jul 2026" not in content
