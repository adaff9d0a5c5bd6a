"""What the deadline reminders have sent, so that each goes out once.

Imported at the end of ``monitoring/models.py``; sent by
``manage.py send_monitoring_reminders`` (see ``monitoring/reminders.py``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from toolbox_site.models import Organization


class ReminderSent(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "before", _("a week before the deadline")
        AFTER = "after", _("a day after the deadline")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="monitoring_reminders",
        verbose_name=_("organization"),
    )
    period = models.ForeignKey(
        "monitoring.Period",
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("period"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period", "kind"],
                name="monitoring_reminder_once",
            )
        ]

    def __str__(self):
        return f"{self.organization} – {self.period} ({self.get_kind_display()})"

    @property
    def owning_organization(self):
        return self.organization
