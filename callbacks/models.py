"""A resident's request to be called back about a result of the finder.

The only personal data are a first name, a phone number and an optional short note;
no e-mail address, no address. Requests are deleted 30 days after they were handled
and 60 days after they came in when nobody handled them (``purge_callbacks``). What
stays is a count per municipality, life situation and month (:class:`CallbackTally`),
for unmet demand.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from finder.models import LifeSituation
from network.models import Service
from toolbox_site.models import Organization, OwnedQuerySet


class BestTime(models.TextChoices):
    MORNING = "morning", _("In the morning")
    AFTERNOON = "afternoon", _("In the afternoon")
    EVENING = "evening", _("In the evening")
    ANY = "any", _("Any time")


class CallbackRequest(models.Model):
    data_scope = ("service__owning_organization",)  # toolbox_site/data_scope.py

    class Status(models.TextChoices):
        NEW = "new", _("new")
        CALLED = "called", _("called")
        NOT_REACHED = "not_reached", _("could not reach")

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="callback_requests",
        verbose_name=_("service"),
    )
    municipality = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    situation = models.ForeignKey(
        LifeSituation, on_delete=models.CASCADE, related_name="+", verbose_name=_("life situation")
    )
    first_name = models.CharField(_("first name"), max_length=40)
    phone = models.CharField(_("phone number"), max_length=16, help_text=_("E.164"))
    best_time = models.CharField(_("best time to call"), max_length=10, choices=BestTime.choices)
    note = models.TextField(_("note"), max_length=300, blank=True)
    consent = models.BooleanField(_("consent given"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = OwnedQuerySet.through("service__owning_organization").as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("call-back request")
        verbose_name_plural = _("call-back requests")

    def __str__(self):
        # The audit log keeps this text: never the resident's name or number.
        return f"#{self.pk}"

    @property
    def owning_organization(self):
        return self.service.owning_organization

    @property
    def handled(self):
        return self.status != self.Status.NEW


class CallbackTally(models.Model):
    """The call-back requests of one municipality, life situation and month: a count
    without personal data, kept after the requests are deleted (unmet demand)."""

    data_scope = ("municipality",)

    municipality = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    situation = models.ForeignKey(
        LifeSituation, on_delete=models.CASCADE, related_name="+", verbose_name=_("life situation")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    requests = models.PositiveIntegerField(_("call-back requests"), default=0)

    objects = OwnedQuerySet.through("municipality").as_manager()

    class Meta:
        verbose_name = _("call-back tally")
        verbose_name_plural = _("call-back tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "situation", "month"], name="callbacks_one_tally_a_month"
            )
        ]

    def __str__(self):
        return f"{self.municipality} – {self.situation} ({self.month:%Y-%m})"

    @property
    def owning_organization(self):
        return self.municipality
