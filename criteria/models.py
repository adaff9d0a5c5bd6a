"""Pillar 2: the region's quality criteria, each municipality's local agreements
on them, and the training offer that strengthens them.

A region has frameworks (versions); one published framework per region is
current, older ones are archived and stay readable. Agreements belong to a
municipality and a criterion of a framework; publishing a new version carries
them over (see ``criteria.services.publish_framework``).
"""

import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from toolbox_site.fields import HttpsURLField
from toolbox_site.history import HistoricalRecords
from toolbox_site.models import Organization, OwnedQuerySet, Region

CODE_PATTERN = r"[A-Z]{1,5}-[0-9]{1,3}"
CODE_RE = re.compile(rf"^{CODE_PATTERN}$")


def question_lines(questions):
    """A criterion's conversation questions, one a line, as a list (blank lines left out)."""
    return [line.strip() for line in questions.splitlines() if line.strip()]


def region_team(region_id):
    """The region team owns the region's criteria and trainings (for the audit log)."""
    return (
        Organization.objects.filter(region_id=region_id, kind=Organization.Kind.REGION_TEAM)
        .order_by("pk")
        .first()
    )


class RegionOwned:
    """Criteria data belongs to a region; its region team is the owning organization."""

    @property
    def owning_organization(self):
        return region_team(self.permission_region_id)


class Audience(models.TextChoices):
    FORMAL = "formal", _("formal")
    INFORMAL = "informal", _("informal")
    BOTH = "both", _("formal and informal")


class FrameworkQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Framework.Status.PUBLISHED)


class Framework(RegionOwned, models.Model):
    data_scope = ("region",)  # where its data shows (toolbox_site/data_scope.py)

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="criteria_frameworks",
        verbose_name=_("region"),
    )
    name = models.CharField(_("name"), max_length=150)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["region__name", "-version"]
        verbose_name = _("criteria framework")
        verbose_name_plural = _("criteria frameworks")
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(status="published"),
                name="one_published_framework_per_region",
                violation_error_message=_("This region already has a published framework."),
            ),
            models.UniqueConstraint(
                fields=["region", "version"],
                name="one_framework_per_region_and_version",
                violation_error_message=_("This region already has a framework with this version."),
            ),
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    @property
    def permission_region_id(self):
        return self.region_id


class Theme(RegionOwned, models.Model):
    data_scope = ("framework__region",)  # where its data shows (toolbox_site/data_scope.py)

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="themes", verbose_name=_("framework")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    @property
    def permission_region_id(self):
        return Framework.objects.values_list("region_id", flat=True).get(pk=self.framework_id)


class Criterion(RegionOwned, models.Model):
    data_scope = ("framework__region",)  # where its data shows (toolbox_site/data_scope.py)

    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("framework"),
        editable=False,
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("theme")
    )
    code = models.CharField(
        _("code"),
        max_length=9,
        validators=[
            RegexValidator(CODE_RE, _("Use capital letters, a hyphen and a number, such as ON-2."))
        ],
        help_text=_("Capital letters, a hyphen and a number, such as ON-2."),
    )
    title = models.CharField(_("title"), max_length=200)
    explanation = models.TextField(_("explanation"), blank=True)
    applies_to = models.CharField(
        _("applies to"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    questions = models.TextField(
        _("conversation questions"),
        blank=True,
        help_text=_("One question per line, for the local conversation."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["theme__order", "order", "code"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="criterion_code_unique_per_framework",
                violation_error_message=_("This framework already has a criterion with this code."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        self.framework_id = self.theme.framework_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("criteria:detail", kwargs={"code": self.code})

    def validate_constraints(self, exclude=None):
        # The framework follows from the theme; check the code's uniqueness in it.
        if self.theme_id:
            self.framework_id = self.theme.framework_id
            exclude = set(exclude or ()) - {"framework"}
        super().validate_constraints(exclude=exclude)

    @property
    def question_list(self):
        return question_lines(self.questions)

    @property
    def permission_region_id(self):
        return Framework.objects.values_list("region_id", flat=True).get(pk=self.framework_id)


class LocalAgreement(models.Model):
    data_scope = ("municipality",)  # where its data shows (toolbox_site/data_scope.py)

    class Status(models.TextChoices):
        AGREED = "agreed", _("agreed")
        IN_DISCUSSION = "in_discussion", _("in discussion")
        NOT_ADOPTED = "not_adopted", _("not adopted")
        NOT_APPLICABLE = "not_applicable", _("not applicable")

    class Area(models.TextChoices):
        QUALITY = "quality", _("quality")
        WORKING_METHOD = "working_method", _("working method")
        MONITORING = "monitoring", _("monitoring")
        PROCUREMENT = "procurement", _("procurement")

    TEXT_MAX_LENGTH = 5000

    municipality = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="local_agreements",
        limit_choices_to={"kind": Organization.Kind.MUNICIPALITY},
        verbose_name=_("municipality"),
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("criterion"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices, blank=True)
    text = models.TextField(_("agreement"), max_length=TEXT_MAX_LENGTH, blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    needs_review = models.BooleanField(
        _("to review"),
        default=False,
        help_text=_("The criterion changed in a new framework version after this was agreed."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Optimistic locking: raised by one on every save through the site.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    objects = OwnedQuerySet.through("municipality").as_manager()

    class Meta:
        ordering = ["municipality__name", "criterion__theme__order", "criterion__order"]
        verbose_name = _("local agreement")
        verbose_name_plural = _("local agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "criterion"],
                name="one_agreement_per_municipality_and_criterion",
                violation_error_message=_(
                    "This municipality already has an agreement on this criterion."
                ),
            )
        ]

    def __str__(self):
        return f"{self.municipality} – {self.criterion.code}"

    @property
    def owning_organization(self):
        return self.municipality


class TrainingTopic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")

    def __str__(self):
        return self.name


class Training(RegionOwned, models.Model):
    data_scope = ("region",)  # where its data shows (toolbox_site/data_scope.py)

    class Format(models.TextChoices):
        CLASSROOM = "classroom", _("classroom")
        ONLINE = "online", _("online")
        BLENDED = "blended", _("blended")
        ELEARNING = "elearning", _("e-learning")
        PEER_GROUP = "peer_group", _("peer group")

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("region")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    topics = models.ManyToManyField(
        TrainingTopic, related_name="trainings", blank=True, verbose_name=_("topics")
    )
    criteria = models.ManyToManyField(
        Criterion,
        related_name="trainings",
        blank=True,
        verbose_name=_("criteria it strengthens"),
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.CLASSROOM
    )
    provider = models.CharField(_("provider"), max_length=150)
    accredited = models.BooleanField(_("accredited"), default=False)
    registration_url = HttpsURLField(_("registration link"), blank=True)
    registration_email = models.EmailField(_("registration e-mail address"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:detail", kwargs={"slug": self.slug})

    @property
    def permission_region_id(self):
        return self.region_id


class TrainingSession(RegionOwned, models.Model):
    data_scope = ("training__region",)  # where its data shows (toolbox_site/data_scope.py)

    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("training")
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=150)
    seats = models.PositiveIntegerField(_("seats"), null=True, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return f"{self.training} – {self.date:%d-%m-%Y}"

    @property
    def permission_region_id(self):
        return Training.objects.values_list("region_id", flat=True).get(pk=self.training_id)
