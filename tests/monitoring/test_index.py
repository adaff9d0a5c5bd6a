"""/monitoring/: the reports of the user's organizations per period with their state, deadline
and next step; for coordinators what awaits their approval; starting a report."""

import pytest
from django.urls import reverse

from monitoring import demo
from monitoring.models import Period, Report

from .fixtures import current_quarter_start, make_report


def test_it_asks_visitors_to_log_in(client):
    response = client.get(reverse("monitoring:index"))
    assert response.status_code == 302


def test_the_editor_sees_each_period_with_state_deadline_and_next_step(
    client, cast, monitoring_demo
):
    client.force_login(cast["enschede.editor"])
    html = client.get(reverse("monitoring:index")).content.decode()
    assert "<h2>Enschede</h2>" in html
    assert "Invullen en indienen" in html  # the current quarter's draft
    assert "Niets: goedgekeurd" in html
    assert "Niets: wacht op goedkeuring" in html  # the previous quarter, submitted
    assert "Sluit over" in html or "sluit over" in html
    assert "Hengelo" not in html


def test_a_returned_report_asks_for_correction(client, cast, monitoring_demo):
    report = monitoring_demo["enschede_previous"]
    report.status = Report.Status.RETURNED
    report.save()
    client.force_login(cast["enschede.editor"])
    html = client.get(reverse("monitoring:index")).content.decode()
    assert "Verbeteren na terugsturen en opnieuw indienen" in html


def test_the_coordinator_sees_what_awaits_approval_in_the_region(client, cast, monitoring_demo):
    client.force_login(cast["twente.coordinator"])
    html = client.get(reverse("monitoring:index")).content.decode()
    awaiting = html[html.index("Wachten op uw goedkeuring") :]
    assert "Enschede" in awaiting
    assert monitoring_demo["enschede_previous"].get_absolute_url() in awaiting


def test_the_care_office_adviser_has_an_empty_draft_to_fill(client, cast, monitoring_demo):
    client.force_login(cast["menzis.adviser"])
    html = client.get(reverse("monitoring:index")).content.decode()
    assert "Menzis zorgkantoor" in html
    report = Report.objects.get(
        organization__slug="menzis-zorgkantoor", period__start=current_quarter_start()
    )
    assert report.status == Report.Status.DRAFT
    assert not report.values.exists()


def test_an_editor_starts_the_report_of_an_open_period(client, cast):
    make_report("hengelo")  # creates the format and the current period
    client.force_login(cast["enschede.editor"])
    html = client.get(reverse("monitoring:index")).content.decode()
    assert 'action="/monitoring/starten/"' in html
    period = Period.objects.get(start=current_quarter_start())
    response = client.post(
        reverse("monitoring:start"), {"organization": "enschede", "period": period.pk}
    )
    report = Report.objects.get(organization__slug="enschede", period=period)
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    # Starting again opens the same report.
    client.post(reverse("monitoring:start"), {"organization": "enschede", "period": period.pk})
    assert Report.objects.filter(organization__slug="enschede").count() == 1


@pytest.mark.parametrize("period", ["999999", "abc", "", "99999999999999999999", "1\x01"])
def test_a_period_that_does_not_exist_gets_a_clear_message(client, cast, period):
    make_report("hengelo")
    client.force_login(cast["enschede.editor"])
    response = client.post(
        reverse("monitoring:start"), {"organization": "enschede", "period": period}, follow=True
    )
    assert response.status_code == 200
    assert "Deze periode bestaat niet" in response.content.decode()
    assert not Report.objects.filter(organization__slug="enschede").exists()


def test_a_closed_period_cannot_be_started(client, cast):
    report = make_report("hengelo")
    Period.objects.filter(pk=report.period_id).update(is_open=False)
    client.force_login(cast["enschede.editor"])
    response = client.post(
        reverse("monitoring:start"),
        {"organization": "enschede", "period": report.period_id},
        follow=True,
    )
    assert "is gesloten" in response.content.decode()


def test_the_demo_has_what_the_issue_asks_for(cast, ggd, monitoring_demo):
    enschede = Report.objects.filter(organization__slug="enschede")
    assert enschede.count() >= 4
    assert enschede.filter(status=Report.Status.DRAFT).exists()
    returned = Report.objects.filter(status=Report.Status.RETURNED)
    assert all(report.return_comment for report in returned)
    small = Report.objects.filter(values__number__gte=1, values__number__lte=4).exists()
    assert small
    assert Period.objects.count() == demo.QUARTERS
    # Idempotent: a second run adds nothing.
    count = Report.objects.count()
    demo.seed()
    assert Report.objects.count() == count
