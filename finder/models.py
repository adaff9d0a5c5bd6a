"""The resident finder: life situations, anonymous search counts and reports
about entries that are out of date ("Klopt er iets niet?").

The finder builds on the network (its services, roles and laws); the network
knows nothing of the finder. The tables keep the names they had when these
models lived in the network app (``db_table``), so moving them changed no data.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from network.models import Law, LifeDomain, ReferenceModel, Role, Service, TargetGroup
from toolbox_site.history import HistoricalRecords
from toolbox_site.models import Organization, OwnedQuerySet


class AgeGroup(models.TextChoices):
    CHILD = "kind", _("a child or young person (under 18)")
    ADULT = "volwassene", _("an adult (18 to 65)")
    ELDERLY = "oudere", _("an older person (65 or older)")


class Preference(models.TextChoices):
    VOLUNTEER = "vrijwilliger", _("a volunteer")
    PROFESSIONAL = "beroepskracht", _("a professional")


class FinderLanguage(models.TextChoices):
    """Languages a resident may ask for; the values are the names services list."""

    ENGLISH = "Engels", _("English")
    TURKISH = "Turks", _("Turkish")
    ARABIC = "Arabisch", _("Arabic")
    POLISH = "Pools", _("Polish")
    TIGRINYA = "Tigrinya", _("Tigrinya")
    GERMAN = "Duits", _("German")
    SIGN = "Nederlandse Gebarentaal", _("Dutch Sign Language")


class LifeSituation(ReferenceModel):
    """A situation a resident recognises ("I worry about money"), mapped to the
    network's life domains, target groups, laws and roles."""

    question = models.CharField(
        _("question as a resident puts it"),
        max_length=200,
        help_text=_("Short, in the resident's words, e.g. 'I worry about money'."),
    )
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("One or two short sentences at B1 level.")
    )
    life_domains = models.ManyToManyField(
        LifeDomain, blank=True, related_name="life_situations", verbose_name=_("life domains")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="life_situations", verbose_name=_("target groups")
    )
    laws = models.ManyToManyField(
        Law, blank=True, related_name="life_situations", verbose_name=_("laws")
    )
    roles = models.ManyToManyField(
        Role,
        blank=True,
        related_name="life_situations",
        verbose_name=_("roles that fit best"),
        help_text=_("Services in these roles rank higher for this situation."),
    )
    long_term_care = models.BooleanField(
        _("long-term care (Wlz)"),
        default=False,
        help_text=_("Show the route to the care office and the CIZ."),
    )

    history = HistoricalRecords(table_name="network_historicallifesituation")

    class Meta(ReferenceModel.Meta):
        db_table = "network_lifesituation"
        verbose_name = _("life situation")
        verbose_name_plural = _("life situations")


class FinderSearch(models.Model):
    """One search in the finder, counted anonymously.

    Only the choices made from fixed lists, the number of results and the day:
    never free text, an IP address, a user agent or anything else personal.
    """

    municipality = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="finder_searches",
        verbose_name=_("municipality"),
    )
    situation = models.ForeignKey(
        LifeSituation,
        on_delete=models.CASCADE,
        related_name="searches",
        verbose_name=_("life situation"),
    )
    age_group = models.CharField(
        _("age group"), max_length=20, blank=True, choices=AgeGroup.choices
    )
    preference = models.CharField(
        _("preference"), max_length=20, blank=True, choices=Preference.choices
    )
    language = models.CharField(
        _("language"), max_length=40, blank=True, choices=FinderLanguage.choices
    )
    result_count = models.PositiveIntegerField(_("number of results"))
    independent_found = models.BooleanField(_("independent client support found"))
    date = models.DateField(_("date"), db_index=True)

    objects = OwnedQuerySet.through("municipality").as_manager()

    class Meta:
        db_table = "network_findersearch"
        ordering = ["-date"]
        verbose_name = _("finder search")
        verbose_name_plural = _("finder searches")
        indexes = [
            models.Index(fields=["municipality", "date"], name="network_fin_municip_4a66fa_idx")
        ]

    def __str__(self):
        return f"{self.municipality} – {self.situation} ({self.date})"

    @property
    def owning_organization(self):
        return self.municipality


class SearchTally(models.Model):
    """The searches of one municipality, life situation and month, counted as they
    come in (finder/services.py: count_search): the unmet-demand page reads these
    few rows, not every search."""

    municipality = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="search_tallies",
        verbose_name=_("municipality"),
    )
    situation = models.ForeignKey(
        LifeSituation,
        on_delete=models.CASCADE,
        related_name="tallies",
        verbose_name=_("life situation"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    without_match = models.PositiveIntegerField(
        _("searches without independent client support"), default=0
    )
    updated_at = models.DateTimeField(_("counted at"), auto_now=True)

    objects = OwnedQuerySet.through("municipality").as_manager()

    class Meta:
        verbose_name = _("search tally")
        verbose_name_plural = _("search tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "situation", "month"], name="finder_one_tally_a_month"
            )
        ]

    def __str__(self):
        return f"{self.municipality} – {self.situation} ({self.month:%Y-%m})"

    @property
    def owning_organization(self):
        return self.municipality


class ServiceReport(models.Model):
    """ "Klopt er iets niet?": a resident's report that an entry is not right."""

    data_scope = (
        "service__owning_organization",
        "service__municipalities",
    )  # where its data shows (toolbox_site/data_scope.py)

    class Reason(models.TextChoices):
        OUT_OF_DATE = "verouderd", _("The information is out of date")
        CLOSED = "gestopt", _("This service no longer exists")
        CONTACT = "contact", _("The phone number, e-mail or address is wrong")
        OTHER = "anders", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="reports", verbose_name=_("service")
    )
    reason = models.CharField(_("what is wrong"), max_length=20, choices=Reason.choices)
    text = models.TextField(_("explanation"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    closing_note = models.TextField(_("note on closing"), blank=True)
    led_to_change = models.BooleanField(_("led to a change of the entry"), default=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    objects = OwnedQuerySet.through("service__owning_organization").as_manager()

    class Meta:
        db_table = "network_servicereport"
        ordering = ["-created_at"]
        verbose_name = _("report about a service")
        verbose_name_plural = _("reports about services")

    def __str__(self):
        return f"{self.service}: {self.get_reason_display()}"

    @property
    def owning_organization(self):
        return self.service.owning_organization


class FinderEmbed(models.Model):
    """The finder on a municipality's own website: the web addresses (origins) that may
    show it in a frame, kept by the municipality's editors. One row per municipality;
    without it (or without origins) no other site may frame the finder."""

    data_scope = ("municipality",)  # where its data shows (toolbox_site/data_scope.py)

    municipality = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        related_name="finder_embed",
        limit_choices_to={"kind": Organization.Kind.MUNICIPALITY},
        verbose_name=_("municipality"),
    )
    origins = models.TextField(
        _("websites that may show the finder"),
        blank=True,
        help_text=_(
            "One web address a line, such as https://www.enschede.nl. Only the scheme, "
            "the host name and a port: no path."
        ),
    )
    # Optimistic locking: raised by one on every save through the site.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    objects = OwnedQuerySet.through("municipality").as_manager()

    class Meta:
        verbose_name = _("finder on a municipal website")
        verbose_name_plural = _("finders on municipal websites")

    def __str__(self):
        return str(self.municipality)

    @property
    def owning_organization(self):
        return self.municipality

    @property
    def origin_list(self):
        return [line for line in self.origins.split() if line]
