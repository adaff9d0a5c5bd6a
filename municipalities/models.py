"""A municipality's named contacts for client support, kept by its editors and shown
to logged-in users on the municipality's page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from toolbox_site.fields import PhoneField
from toolbox_site.models import Organization, OwnedQuerySet


class ContactPerson(models.Model):
    data_scope = ("municipality",)  # where its data shows (toolbox_site/data_scope.py)

    municipality = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="contact_persons",
        limit_choices_to={"kind": Organization.Kind.MUNICIPALITY},
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(
        _("role"),
        max_length=150,
        help_text=_("What to contact this person about, e.g. “policy officer client support”."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneField(_("telephone number"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are shown first.")
    )
    # Optimistic locking: raised by one on every save through the site.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    objects = OwnedQuerySet.through("municipality").as_manager()

    class Meta:
        ordering = ["municipality__name", "order", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return f"{self.name} ({self.municipality})"

    @property
    def owning_organization(self):
        return self.municipality
