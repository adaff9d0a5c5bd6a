"""Run daily from cron (README): reminds the maintaining organizations of call-back
requests unhandled for 3 working days (once each), then deletes the requests past
their retention (handled: 30 days, unhandled: 60 days)."""

from django.core.management.base import BaseCommand

from callbacks import services


class Command(BaseCommand):
    help = "Send reminders for waiting call-back requests and delete expired ones."

    def handle(self, *args, **options):
        reminded = services.send_reminders()
        deleted = services.purge()
        if options["verbosity"]:
            self.stdout.write(f"reminded: {reminded}, deleted: {deleted}")
