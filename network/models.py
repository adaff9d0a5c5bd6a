"""The network map: who plays which client-support role where, and how they refer.

Reference lists (role categories, roles, life domains, target groups, laws and
the steps of the step plan) are shared by every region and kept by coordinators
in the admin. Services, links and step progress belong to an organization
(``owning_organization``) and follow ``toolbox_site.permissions``.
"""

import datetime
import functools
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toolbox_site.fields import HttpsURLField, PhoneField
from toolbox_site.history import HistoricalRecords
from toolbox_site.models import Organization, OwnedQuerySet
from toolbox_site.validators import validate_not_in_future

from .capacity import MAX_WAITING_WEEKS, AcceptsNewClients, capacity_of

#: A service not checked for longer than this is "stale" and marked on the pages.
STALE_AFTER_DAYS = 365
#: Reminders go out for services not checked for this long (about 11 months).
REMIND_AFTER_DAYS = 335


def stale_before(today=None):
    """The date before which a check counts as stale."""
    return (today or timezone.localdate()) - datetime.timedelta(days=STALE_AFTER_DAYS)


class Formality(models.TextChoices):
    FORMAL = "formal", _("formal (professional)")
    INFORMAL = "informal", _("informal (volunteer)")


# --- Reference lists ------------------------------------------------------------


class ReferenceQuerySet(models.QuerySet):
    def for_user(self, user):
        """Reference lists are public."""
        return self.all()


class ReferenceModel(models.Model):
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Law(ReferenceModel):
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta(ReferenceModel.Meta):
        verbose_name = _("law")
        verbose_name_plural = _("laws")

    def __str__(self):
        return self.abbreviation or self.name


class LifeDomain(ReferenceModel):
    description = models.TextField(_("description"), blank=True)

    class Meta(ReferenceModel.Meta):
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")


class TargetGroup(ReferenceModel):
    description = models.TextField(_("description"), blank=True)

    class Meta(ReferenceModel.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class RoleCategory(ReferenceModel):
    code = models.CharField(
        _("code"), max_length=2, unique=True, help_text=_("A short letter, e.g. A.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta(ReferenceModel.Meta):
        ordering = ["order", "code"]
        verbose_name = _("role category")
        verbose_name_plural = _("role categories")

    def __str__(self):
        return f"{self.code}. {self.name}"


class RoleFormality(models.TextChoices):
    FORMAL = "formal", _("formal (professional)")
    INFORMAL = "informal", _("informal (volunteer)")
    BOTH = "both", _("formal or informal")


class Role(ReferenceModel):
    category = models.ForeignKey(
        RoleCategory,
        on_delete=models.PROTECT,
        related_name="roles",
        verbose_name=_("role category"),
    )
    description = models.TextField(
        _("what this role does"), help_text=_("Plain language, for policy officers.")
    )
    does_not = models.TextField(_("what this role does not do"), blank=True)
    adds = models.TextField(
        _("what this role adds to a network"),
        blank=True,
        help_text=_("Shown in the list of missing roles."),
    )
    formality = models.CharField(
        _("formal or informal"),
        max_length=10,
        choices=RoleFormality.choices,
        default=RoleFormality.FORMAL,
    )
    laws = models.ManyToManyField(Law, blank=True, related_name="roles", verbose_name=_("laws"))
    gives_support = models.BooleanField(_("gives client support"), default=False)
    spots_and_refers = models.BooleanField(_("spots needs and refers"), default=False)
    decides_access = models.BooleanField(_("decides on access to provisions"), default=False)

    class Meta(ReferenceModel.Meta):
        ordering = ["category__order", "category__code", "order", "name"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    @property
    def functions(self):
        """The role's functions as short labels, in a fixed order."""
        labels = []
        if self.gives_support:
            labels.append(_("gives support"))
        if self.spots_and_refers:
            labels.append(_("spots and refers"))
        if self.decides_access:
            labels.append(_("decides on access"))
        return labels


class Step(models.Model):
    """A step of the step plan for network-oriented working."""

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=150)
    guidance = models.TextField(_("guidance"))
    deliverables = models.TextField(
        _("deliverables"), blank=True, help_text=_("One deliverable per line.")
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("step")
        verbose_name_plural = _("steps of the step plan")

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def deliverable_list(self):
        return [line.strip() for line in self.deliverables.splitlines() if line.strip()]


# --- Providers and services ------------------------------------------------------


class ProviderQuerySet(OwnedQuerySet):
    owner_field = "maintained_by"

    def for_user(self, user):
        """Providers are public information."""
        return self.all()

    def in_region(self, region):
        return self.filter(maintained_by__region=region)


class Provider(models.Model):
    data_scope = (
        "maintained_by",
        "services__owning_organization",
        "services__municipalities",
    )  # where its data shows (toolbox_site/data_scope.py)

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        CARE_OFFICE = "care_office", _("care office")
        WELFARE = "welfare", _("welfare organization")
        CARE = "care", _("care provider")
        PRACTICE = "practice", _("practice (GP, independent professional)")
        VOLUNTEERS = "volunteers", _("volunteer organization")
        CLIENT_SUPPORT = "client_support", _("client-support organization")
        OTHER = "other", _("other")

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = HttpsURLField(_("website"), blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="providers",
        verbose_name=_("is this organization"),
        help_text=_("E.g. the municipality's own Wmo desk or the care office."),
    )
    maintained_by = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="maintained_providers",
        verbose_name=_("maintained by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        constraints = [
            models.UniqueConstraint(
                fields=["maintained_by", "name"],
                name="network_provider_unique_name_per_organization",
                violation_error_message=_("This organization already has a provider by this name."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def owning_organization(self):
        return self.maintained_by


@functools.cache
def _around_pk(url_name):
    """The parts of ``url_name``'s address before and after its pk, resolved once:
    the map lists dozens of services and links, each with its addresses."""
    head, _zero, tail = reverse(url_name, kwargs={"pk": 0}).rpartition("/0/")
    return f"{head}/", f"/{tail}"


def address_with_pk(url_name, pk):
    """``reverse(url_name, kwargs={"pk": pk})`` without resolving it every time."""
    head, tail = _around_pk(url_name)
    return f"{head}{pk}{tail}"


class ServiceQuerySet(OwnedQuerySet):
    owner_field = "owning_organization"

    def active(self):
        return self.filter(archived=False)

    def archived(self):
        return self.filter(archived=True)

    def for_user(self, user):
        """Active services are public; archived ones only for the owner's members."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        visible = Q(archived=False)
        if user.is_authenticated:
            members = Organization.objects.for_user(user).values("pk")
            visible |= Q(**{f"{self.owner_field}__in": members})
        return self.filter(visible)

    def serving(self, municipality):
        return self.filter(municipalities=municipality)

    def in_region(self, region):
        return self.filter(owning_organization__region=region)

    def stale(self, today=None):
        return self.filter(Q(verified_on__isnull=True) | Q(verified_on__lt=stale_before(today)))

    def due_for_reminder(self, today=None):
        today = today or timezone.localdate()
        limit = today - datetime.timedelta(days=REMIND_AFTER_DAYS)
        return self.active().filter(Q(verified_on__isnull=True) | Q(verified_on__lte=limit))


#: The highest age a service can name (the age fields' upper bound).
MAX_AGE = 120


class Service(models.Model):
    data_scope = (
        "owning_organization",
        "municipalities",
    )  # where its data shows (toolbox_site/data_scope.py)

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    owning_organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="network_services",
        verbose_name=_("maintained by"),
        help_text=_("The organization whose editors keep this entry up to date."),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="services", verbose_name=_("provider")
    )
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, related_name="services", verbose_name=_("role")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(
        _("description"), help_text=_("In plain language: what the service does, for whom.")
    )
    municipalities = models.ManyToManyField(
        Organization,
        related_name="served_by_services",
        limit_choices_to={"kind": Organization.Kind.MUNICIPALITY},
        verbose_name=_("municipalities served"),
    )
    life_domains = models.ManyToManyField(
        LifeDomain, blank=True, related_name="services", verbose_name=_("life domains")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="services", verbose_name=_("target groups")
    )
    laws = models.ManyToManyField(Law, blank=True, related_name="services", verbose_name=_("laws"))
    formality = models.CharField(
        _("formal or informal"),
        max_length=10,
        choices=Formality.choices,
        default=Formality.FORMAL,
    )
    independent = models.BooleanField(
        _("independent"),
        default=False,
        help_text=_("No role in deciding on provisions and no financial tie to care providers."),
    )
    free = models.BooleanField(_("free of charge"), default=True)
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        default="Nederlands",
        help_text=_("Separated by commas, e.g. Nederlands, Engels, Turks."),
    )
    phone = PhoneField(_("telephone number"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = HttpsURLField(_("website"), blank=True)
    visiting_address = models.CharField(_("visiting address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    # The ages the service is for (HSDS 3.0 service.minimum_age / maximum_age); empty: no limit.
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_AGE)],
        help_text=_("In years. Leave empty when the service has no lower age limit."),
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_AGE)],
        help_text=_("In years. Leave empty when the service has no upper age limit."),
    )
    verified_on = models.DateField(
        _("last checked on"), null=True, blank=True, validators=[validate_not_in_future]
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last checked by"),
    )
    # Room for new clients (network/capacity.py reads these three).
    accepts_new_clients = models.CharField(
        _("takes new clients"),
        max_length=20,
        choices=AcceptsNewClients.choices,
        blank=True,
        help_text=_("Leave empty when you do not know."),
    )
    waiting_weeks = models.PositiveSmallIntegerField(
        _("usual waiting time in weeks"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_WAITING_WEEKS)],
        help_text=_("From the first contact to the start of the help, 0 to 104 weeks."),
    )
    capacity_stated_on = models.DateField(
        _("room for new clients stated on"), null=True, blank=True, editable=False
    )
    archived = models.BooleanField(_("archived"), default=False, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["version", "updated_at", "created_at"],
        m2m_fields=[municipalities, life_domains, target_groups, laws],
    )
    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            models.Index(fields=["owning_organization", "archived"]),
            # The open-data list of every active service in the country, by name: a
            # page is read from the index instead of sorting all services.
            models.Index(
                fields=["name", "id"],
                condition=models.Q(archived=False),
                name="service_active_by_name",
            ),
            # The open-data list of services at locations (network/hsds, with a visiting
            # address): a few hundred of the country's services, counted and paged from
            # this index instead of reading the whole table (twice) per request.
            models.Index(
                fields=["name", "id"],
                condition=models.Q(archived=False) & ~models.Q(visiting_address=""),
                name="service_located_by_name",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address_with_pk("network:service_detail", self.pk)

    def clean(self):
        super().clean()
        low, high = self.minimum_age, self.maximum_age
        if low is not None and high is not None and low > high:
            raise ValidationError(
                {"maximum_age": _("The maximum age cannot be lower than the minimum age.")}
            )

    def is_stale(self, today=None):
        return self.verified_on is None or self.verified_on < stale_before(today)

    def capacity(self, today=None):
        """Room for new clients on ``today``: a :class:`network.capacity.Capacity`."""
        return capacity_of(self, today)

    @property
    def language_list(self):
        return [part.strip() for part in self.languages.split(",") if part.strip()]


class LinkQuerySet(OwnedQuerySet):
    owner_field = "municipality"

    def for_user(self, user):
        """Links are public, as the map is."""
        return self.all()

    def on_map(self, municipality):
        return self.filter(municipality=municipality)


class Link(models.Model):
    data_scope = (
        "municipality",
        "from_service__owning_organization",
        "to_service__owning_organization",
    )  # where its data shows (toolbox_site/data_scope.py)

    class Kind(models.TextChoices):
        REFERS_TO = "refers_to", _("refers to")
        WORKS_WITH = "works_with", _("works with")
        HANDS_OVER_TO = "hands_over_to", _("hands over to")

    municipality = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="network_links",
        limit_choices_to={"kind": Organization.Kind.MUNICIPALITY},
        verbose_name=_("municipality"),
    )
    from_service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("from")
    )
    to_service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("to")
    )
    kind = models.CharField(_("kind of link"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["version", "updated_at", "created_at"])
    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "from_service__name", "to_service__name", "kind"]
        verbose_name = _("link")
        verbose_name_plural = _("links")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "from_service", "to_service", "kind"],
                name="network_link_unique",
                violation_error_message=_("This link already exists on this map."),
            ),
            models.CheckConstraint(
                condition=~Q(from_service=models.F("to_service")),
                name="network_link_not_to_itself",
                violation_error_message=_("A service cannot be linked to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.from_service} {self.get_kind_display()} {self.to_service}"

    def edit_url(self):
        return address_with_pk("network:link_edit", self.pk)

    def delete_url(self):
        return address_with_pk("network:link_delete", self.pk)

    @property
    def owning_organization(self):
        return self.municipality

    def clean(self):
        super().clean()
        if not (self.municipality_id and self.from_service_id and self.to_service_id):
            return
        serving = set(
            Service.municipalities.through.objects.filter(
                organization_id=self.municipality_id,
                service_id__in=[self.from_service_id, self.to_service_id],
            ).values_list("service_id", flat=True)
        )
        errors = {}
        if self.from_service_id not in serving:
            errors["from_service"] = _("This service does not serve this municipality.")
        if self.to_service_id not in serving:
            errors["to_service"] = _("This service does not serve this municipality.")
        if errors:
            raise ValidationError(errors)


class StepProgressQuerySet(OwnedQuerySet):
    owner_field = "municipality"

    def for_user(self, user):
        """Progress is readable by everyone who is logged in."""
        if not user.is_authenticated:
            return self.none()
        return self.all()


class StepProgress(models.Model):
    data_scope = ("municipality",)  # where its data shows (toolbox_site/data_scope.py)

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    municipality = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="step_progress",
        limit_choices_to={"kind": Organization.Kind.MUNICIPALITY},
        verbose_name=_("municipality"),
    )
    step = models.ForeignKey(
        Step, on_delete=models.CASCADE, related_name="progress", verbose_name=_("step")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    note = models.TextField(_("note"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])
    objects = StepProgressQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "step__number"]
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "step"],
                name="network_one_progress_per_step",
                violation_error_message=_("This municipality already has progress for this step."),
            )
        ]

    def __str__(self):
        return f"{self.municipality} – {self.step}: {self.get_status_display()}"

    @property
    def owning_organization(self):
        return self.municipality


# --- Keeping it current -------------------------------------------------------------


class VerificationReminder(models.Model):
    """One reminder about one service: at most one per service per month."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("service")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organization"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month it was sent."))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.TextField(_("recipients"), blank=True)

    objects = OwnedQuerySet.through("organization").as_manager()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("verification reminder")
        verbose_name_plural = _("verification reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "month"], name="network_one_reminder_per_service_per_month"
            )
        ]

    def __str__(self):
        return f"{self.service} ({self.month:%Y-%m})"

    @property
    def owning_organization(self):
        return self.organization


class ServiceImport(models.Model):
    """An uploaded file, validated and waiting for the user to confirm it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        APPLIED = "applied", _("applied")
        CANCELLED = "cancelled", _("cancelled")

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="network_imports",
        verbose_name=_("organization"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    rows = models.JSONField(_("rows"), default=list)
    summary = models.JSONField(_("summary"), default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OwnedQuerySet.through("organization").as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("service import")
        verbose_name_plural = _("service imports")

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def owning_organization(self):
        return self.organization
