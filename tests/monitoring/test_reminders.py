"""Deadline reminders: a week before and a day after, once each, to the editors."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from monitoring.models import Period, ReminderSent, Report

from .dashboard_fixtures import report
from .fixtures import demo_format

DEADLINE = datetime.date(2030, 5, 1)


@pytest.fixture
def period(cast, ggd, enschede, hengelo, menzis):
    demo_format(enschede)
    demo_format(menzis)
    return Period.objects.create(
        type=Period.Type.QUARTER,
        start=datetime.date(2030, 1, 1),
        end=datetime.date(2030, 3, 31),
        deadline=DEADLINE,
    )


def run(today, *args):
    out = StringIO()
    call_command("send_monitoring_reminders", "--today", str(today), *args, stdout=out)
    return out.getvalue()


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_week_before_the_deadline_every_editor_whose_report_is_not_in_gets_one(period):
    run(DEADLINE - datetime.timedelta(days=7))
    assert recipients() == [
        "enschede.editor@example.org",
        "hengelo.editor@example.org",
        "menzis.adviser@example.org",
    ]
    message = next(m for m in mail.outbox if m.to == ["enschede.editor@example.org"])
    assert message.subject.startswith("Herinnering: de monitoringrapportage over K1 2030")
    assert "1 mei 2030, over een week" in message.body
    assert "http://testserver/monitoring/" in message.body or "/monitoring/" in message.body


def test_running_twice_sends_nothing_twice(period):
    run(DEADLINE - datetime.timedelta(days=5))
    count = len(mail.outbox)
    run(DEADLINE - datetime.timedelta(days=4))
    assert len(mail.outbox) == count == 3
    assert ReminderSent.objects.filter(kind="before").count() == 3


def test_a_day_after_the_deadline_a_second_reminder_goes_out(period):
    run(DEADLINE - datetime.timedelta(days=7))
    run(DEADLINE + datetime.timedelta(days=1))
    after = [m for m in mail.outbox if "nog niet ingediend" in m.subject]
    assert len(after) == 3
    assert "De uiterste datum was 1 mei 2030" in after[0].body
    run(DEADLINE + datetime.timedelta(days=2))
    assert len(mail.outbox) == 6


def test_nothing_is_sent_between_the_reminders(period):
    assert "0 reminders sent" in run(DEADLINE - datetime.timedelta(days=8))
    run(DEADLINE)
    assert mail.outbox == []


def test_submitted_and_approved_reports_get_no_reminder(period, enschede, hengelo):
    report(enschede, period, {}, status=Report.Status.SUBMITTED)
    report(hengelo, period, {}, status=Report.Status.APPROVED)
    run(DEADLINE - datetime.timedelta(days=3))
    assert recipients() == ["menzis.adviser@example.org"]


def test_a_draft_gets_a_reminder_with_the_link_to_the_report(period, enschede):
    draft = report(enschede, period, {}, status=Report.Status.RETURNED)
    run(DEADLINE - datetime.timedelta(days=3))
    message = next(m for m in mail.outbox if m.to == ["enschede.editor@example.org"])
    assert f"/monitoring/rapportages/{draft.pk}/" in message.body


def test_a_closed_period_gets_no_reminders(period):
    period.is_open = False
    period.save()
    run(DEADLINE + datetime.timedelta(days=1))
    assert mail.outbox == []


def test_a_dry_run_lists_and_sends_nothing(period):
    output = run(DEADLINE - datetime.timedelta(days=7), "--dry-run")
    assert "Enschede" in output and "enschede.editor@example.org" in output
    assert "Dry run: 3 reminders" in output
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_a_bad_date_is_refused_clearly(period):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a date"):
        run("zzz")
