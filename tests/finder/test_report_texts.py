"""Residents' report texts are erased a set time after the report is closed
(``manage.py erase_report_texts``), and the form asks for nothing personal."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from finder.models import ServiceReport
from toolbox_site import freshness
from toolbox_site.models import AuditEvent

from ..network.once import on_the_module_network

pytestmark = on_the_module_network(__name__)


def report(service, text="Het nummer klopt niet, bel 06-12345678 (Jan)", closed_days_ago=None):
    made = ServiceReport.objects.create(
        service=service, reason=ServiceReport.Reason.CONTACT, text=text
    )
    if closed_days_ago is not None:
        made.status = ServiceReport.Status.CLOSED
        made.closing_note = "Nummer aangepast"
        made.closed_at = timezone.now() - datetime.timedelta(days=closed_days_ago)
        made.save()
    return made


def erase(*args):
    out = StringIO()
    call_command("erase_report_texts", *args, stdout=out)
    return out.getvalue()


def test_an_old_closed_report_loses_its_text_and_keeps_the_rest(enschede_service, settings):
    settings.REPORT_TEXT_RETENTION_DAYS = 90
    old = report(enschede_service, closed_days_ago=91)
    before = freshness.versions("network")
    assert "1 report text(s)" in erase()
    old.refresh_from_db()
    assert old.text == ""
    assert (old.status, old.closing_note, old.reason) == ("closed", "Nummer aangepast", "contact")
    event = AuditEvent.objects.get(action="network.report.text_erased")
    assert event.object_id == str(old.pk)
    assert "06-12345678" not in str(event.data)
    assert freshness.versions("network") != before


def test_open_and_recently_closed_reports_keep_their_text(enschede_service, settings):
    settings.REPORT_TEXT_RETENTION_DAYS = 90
    still_open = report(enschede_service)
    ServiceReport.objects.filter(pk=still_open.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    recent = report(enschede_service, closed_days_ago=89)
    assert "0 report text(s)" in erase()
    for kept in (still_open, recent):
        kept.refresh_from_db()
        assert kept.text.startswith("Het nummer klopt niet")


def test_the_period_is_a_setting(enschede_service, settings):
    settings.REPORT_TEXT_RETENTION_DAYS = 7
    closed = report(enschede_service, closed_days_ago=8)
    erase()
    closed.refresh_from_db()
    assert closed.text == ""


def test_running_it_again_changes_nothing(enschede_service, settings):
    settings.REPORT_TEXT_RETENTION_DAYS = 90
    report(enschede_service, closed_days_ago=200)
    erase()
    events = AuditEvent.objects.filter(action="network.report.text_erased").count()
    assert "0 report text(s)" in erase()
    assert AuditEvent.objects.filter(action="network.report.text_erased").count() == events == 1


def test_a_dry_run_only_counts(enschede_service, settings):
    settings.REPORT_TEXT_RETENTION_DAYS = 90
    old = report(enschede_service, closed_days_ago=100)
    assert "1 report text(s)" in erase("--dry-run")
    old.refresh_from_db()
    assert old.text != ""


def test_the_form_tells_residents_not_to_write_anything_personal(
    client, enschede_service, settings
):
    settings.REPORT_TEXT_RETENTION_DAYS = 90
    page = client.get(reverse("finder:report", args=[enschede_service.pk])).content.decode()
    assert "Schrijf hier niets over uzelf: geen naam, adres, telefoonnummer" in page
    assert "We wissen deze tekst 90 dagen nadat de melding is afgehandeld." in page


def test_the_privacy_page_states_the_period(client, db, settings):
    settings.REPORT_TEXT_RETENTION_DAYS = 30
    page = client.get(reverse("privacy")).content.decode()
    assert "We wissen de tekst 30 dagen nadat de melding is afgehandeld." in page
