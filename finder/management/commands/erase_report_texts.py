"""Erase the free text of residents' reports ("Klopt er iets niet?") that were
closed more than ``REPORT_TEXT_RETENTION_DAYS`` days ago (default 90).

The report stays (reason, status, closing note), only what the resident typed is
blanked. Safe to run daily from cron: an erased text is empty, so it is found once.

    python manage.py erase_report_texts            # erase
    python manage.py erase_report_texts --dry-run  # only count
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from ...services import erase_old_report_texts, reports_with_old_texts


class Command(BaseCommand):
    help = (
        "Erase the free text of residents' reports closed more than "
        "REPORT_TEXT_RETENTION_DAYS days ago. Safe to run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.REPORT_TEXT_RETENTION_DAYS
        if dry_run:
            count = reports_with_old_texts().count()
            self.stdout.write(
                f"{count} report text(s) closed over {days} days ago would be erased."
            )
            return
        count = erase_old_report_texts()
        self.stdout.write(f"{count} report text(s) closed over {days} days ago erased.")
