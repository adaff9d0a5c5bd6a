"""E-mail deadline reminders for monitoring reports (run daily from cron)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from monitoring import reminders


class Command(BaseCommand):
    help = (
        "E-mails the editors of organizations whose report for an open period is not "
        "submitted: a week before the deadline and a day after it, once each."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be sent; send nothing"
        )
        parser.add_argument("--today", help="act as if today were this date (YYYY-MM-DD)")

    def handle(self, *args, dry_run=False, today=None, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(f"--today: not a date (YYYY-MM-DD): {today}") from error
        else:
            today = datetime.date.today()
        due = reminders.due(today)
        for reminder in due:
            who = ", ".join(reminder.recipients) or "no editor with an e-mail address: skipped"
            self.stdout.write(
                f"{reminder.kind:<6} {reminder.organization.name} – {reminder.period.label} "
                f"(deadline {reminder.period.deadline:%Y-%m-%d}) → {who}"
            )
        if dry_run:
            self.stdout.write(f"Dry run: {len(due)} reminders would be sent; nothing was sent.")
            return
        count = reminders.send(due)
        self.stdout.write(f"{count} reminders sent.")
