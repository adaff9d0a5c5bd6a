"""Deadline reminders: e-mail the editors of organizations whose report is not in.

A week before the deadline and a day after it, once each: ``ReminderSent``
remembers what went out, so running the command twice (or every day from cron)
sends nothing twice. A reminder that was missed (cron did not run on the day)
goes out on the next run while it still applies.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from toolbox_site.dates import show_date
from toolbox_site.models import Membership, Organization

from .models import REPORTING_KINDS, MonitoringFormat, Period, ReminderSent, Report

BEFORE_DAYS = 7
AFTER_DAYS = 1
DONE = (Report.Status.SUBMITTED, Report.Status.APPROVED)


@dataclass
class Reminder:
    organization: Organization
    period: Period
    kind: str
    report: Report | None
    recipients: list  # e-mail addresses

    @property
    def link(self):
        path = self.report.get_absolute_url() if self.report else reverse("monitoring:index")
        return settings.SITE_URL.rstrip("/") + path


def kind_for(period, today):
    if period.deadline - datetime.timedelta(days=BEFORE_DAYS) <= today < period.deadline:
        return ReminderSent.Kind.BEFORE
    if today >= period.deadline + datetime.timedelta(days=AFTER_DAYS):
        return ReminderSent.Kind.AFTER
    return None


def due(today):
    """The reminders that should go out today and have not gone out yet (six queries)."""
    periods = [
        period
        for period in Period.objects.open().filter(
            Q(deadline__gt=today, deadline__lte=today + datetime.timedelta(days=BEFORE_DAYS))
            | Q(deadline__lte=today - datetime.timedelta(days=AFTER_DAYS))
        )
        if kind_for(period, today)
    ]
    if not periods:
        return []
    formats = set(
        MonitoringFormat.objects.filter(active=True).values_list(
            "organization__region_id", "organization_kind", "period_type"
        )
    )
    organizations = list(Organization.objects.filter(kind__in=REPORTING_KINDS).order_by("name"))
    reports = {
        (report.organization_id, report.period_id): report
        for report in Report.objects.filter(period__in=periods).select_related("period")
    }
    sent = set(
        ReminderSent.objects.filter(period__in=periods).values_list(
            "organization_id", "period_id", "kind"
        )
    )
    editors = {}
    for organization_id, email in (
        Membership.objects.filter(
            role=Membership.Role.EDITOR,
            organization__kind__in=REPORTING_KINDS,
            user__is_active=True,
        )
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("organization_id", "user__email")
    ):
        editors.setdefault(organization_id, []).append(email)
    reminders = []
    for period in periods:
        kind = kind_for(period, today)
        for organization in organizations:
            if (organization.region_id, organization.kind, period.type) not in formats:
                continue
            report = reports.get((organization.pk, period.pk))
            if report is not None and report.status in DONE:
                continue
            if (organization.pk, period.pk, kind) in sent:
                continue
            reminders.append(
                Reminder(organization, period, kind, report, editors.get(organization.pk, []))
            )
    return reminders


def message(reminder):
    """Subject and body, in Dutch."""
    with translation.override("nl"):
        context = {
            "organization": reminder.organization.name,
            "period": str(reminder.period.label),
            "deadline": show_date(reminder.period.deadline),
            "link": reminder.link,
            "contact": settings.CONTACT_EMAIL,
        }
        if reminder.kind == ReminderSent.Kind.BEFORE:
            subject = _("Reminder: the monitoring report for %(period)s is due on %(deadline)s")
            first = _(
                "The monitoring report on client support of %(organization)s for %(period)s "
                "has not been submitted yet. The deadline is %(deadline)s, in a week's time."
            )
        else:
            subject = _("The monitoring report for %(period)s has not been submitted yet")
            first = _(
                "The monitoring report on client support of %(organization)s for %(period)s "
                "has not been submitted yet. The deadline was %(deadline)s. The region needs "
                "every report for the regional figures, so please submit it as soon as you can."
            )
        body = "\n\n".join(
            [
                _("Dear colleague,"),
                first,
                _("Fill in the report and submit it here:\n%(link)s"),
                _(
                    "You receive this e-mail because you are an editor of %(organization)s in "
                    "the toolbox. Questions? Mail the region team: %(contact)s"
                ),
                _("Kind regards,\nToolbox Client Support"),
            ]
        )
        return subject % context, body % context


def send(reminders):
    """Send each reminder to its editors, one e-mail each, and remember it."""
    sent = 0
    connection = get_connection()
    for reminder in reminders:
        if not reminder.recipients:
            continue
        subject, body = message(reminder)
        with transaction.atomic():
            _record, created = ReminderSent.objects.get_or_create(
                organization=reminder.organization,
                period=reminder.period,
                kind=reminder.kind,
                defaults={"recipients": ", ".join(reminder.recipients)},
            )
            if not created:  # another run got there first
                continue
            connection.send_messages(
                [
                    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
                    for address in reminder.recipients
                ]
            )
        sent += 1
    return sent
