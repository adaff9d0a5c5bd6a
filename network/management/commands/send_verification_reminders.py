"""E-mail the editors about entries that have not been checked for 11 months or more.

One e-mail per maintaining organization, listing its entries with links. A
service is mentioned at most once per calendar month: every reminder is stored
(``VerificationReminder``), so running the command daily (cron) is safe.

    python manage.py send_verification_reminders            # send
    python manage.py send_verification_reminders --dry-run  # only list
"""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toolbox_site.dates import show_date
from toolbox_site.models import Membership

from ...models import Service, VerificationReminder


class Command(BaseCommand):
    help = (
        "E-mail the editors of each organization about its services not checked for "
        "11 months or more (once per service per month). Safe to run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return self._handle(dry_run)

    def _handle(self, dry_run):
        today = timezone.localdate()
        month = today.replace(day=1)
        already = VerificationReminder.objects.filter(month=month).values("service_id")
        services = (
            Service.objects.due_for_reminder(today)
            .exclude(pk__in=already)
            .select_related("owning_organization")
            .order_by("owning_organization__name", "verified_on", "name")
        )
        per_organization = defaultdict(list)
        for service in services:
            per_organization[service.owning_organization].append(service)
        recipients = defaultdict(list)
        for organization_id, email in (
            Membership.objects.filter(
                organization__in=list(per_organization),
                role__in=Membership.WRITE_ROLES,
                user__is_active=True,
            )
            .exclude(user__email="")
            .values_list("organization_id", "user__email")
            .order_by("user__email")
        ):
            recipients[organization_id].append(email)
        sent = 0
        for organization, entries in per_organization.items():
            to = recipients.get(organization.pk, [])
            if not to:
                self.stdout.write(
                    f"{organization.name}: {len(entries)} services due, but no editor with an "
                    "e-mail address."
                )
                continue
            self.stdout.write(
                f"{organization.name}: {len(entries)} services to {', '.join(to)}"
                + (" (dry run)" if dry_run else "")
            )
            if dry_run:
                for service in entries:
                    self.stdout.write(f"  - {service.name} ({service.verified_on or '-'})")
                continue
            with transaction.atomic():
                VerificationReminder.objects.bulk_create(
                    [
                        VerificationReminder(
                            service=service,
                            organization=organization,
                            month=month,
                            recipients=", ".join(to),
                        )
                        for service in entries
                    ],
                    ignore_conflicts=True,
                )
                send_mail(
                    ngettext(
                        "Please check %(count)d entry on the network map",
                        "Please check %(count)d entries on the network map",
                        len(entries),
                    )
                    % {"count": len(entries)},
                    self._body(organization, entries),
                    settings.DEFAULT_FROM_EMAIL,
                    to,
                )
            sent += 1
        self.stdout.write(
            f"{sent} e-mails sent." if not dry_run else f"{len(per_organization)} would be sent."
        )

    def _body(self, organization, entries):
        site = settings.SITE_URL.rstrip("/")
        lines = [
            _("Hello,"),
            "",
            _(
                "These entries of %(name)s on the network map have not been checked for 11 "
                "months or more. Please open each one: correct what has changed, or click "
                '"Checked today" when everything is still right.'
            )
            % {"name": organization.name},
            "",
        ]
        for service in entries:
            checked = show_date(service.verified_on, _("never"))
            lines.append(
                _("- %(name)s (last checked: %(date)s)") % {"name": service.name, "date": checked}
            )
            lines.append(f"  {site}{service.get_absolute_url()}")
        lines += ["", _("Thank you for keeping the network map up to date.")]
        return "\n".join(lines)
