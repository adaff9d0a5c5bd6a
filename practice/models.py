from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from toolbox_site.access import access_for
from toolbox_site.choices import Pillar
from toolbox_site.history import HistoricalRecords
from toolbox_site.models import Organization, OwnedQuerySet
from toolbox_site.permissions import manages_all_regions


class PracticeExampleQuerySet(OwnedQuerySet):
    """Examples are owned by their municipality (``OwnedQuerySet``: ``editable_by``)."""

    owner_field = "municipality"

    def for_user(self, user):
        """What the user may read: every published example for a member of any
        organization; drafts too for the members of the example's municipality (and
        the coordinators of its region). Nothing for anonymous visitors."""
        if not user.is_authenticated:
            return self.none()
        if manages_all_regions(user):
            return self.all()
        access = access_for(user)
        if not access.roles and not access.coordinated_regions:
            return self.none()
        own = Organization.objects.for_user(user).values("pk")
        return self.filter(Q(published=True) | Q(municipality__in=own))

    def published(self):
        return self.filter(published=True)


class PracticeExample(models.Model):
    """How a municipality does something, shared with the other municipalities."""

    data_scope = ("municipality",)  # where its data shows (toolbox_site/data_scope.py)

    Pillar = Pillar

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=220, unique=True)
    municipality = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="practice_examples",
        limit_choices_to={"kind": Organization.Kind.MUNICIPALITY},
        verbose_name=_("municipality"),
    )
    pillar = models.CharField(_("pillar"), max_length=20, choices=Pillar.choices)
    criteria = models.ManyToManyField(
        "criteria.Criterion",
        blank=True,
        related_name="practice_examples",
        verbose_name=_("quality criteria"),
    )
    roles = models.ManyToManyField(
        "network.Role",
        blank=True,
        related_name="practice_examples",
        verbose_name=_("roles"),
    )
    what_was_done = models.TextField(
        _("what was done"), help_text=_("Plain text; an empty line starts a new paragraph.")
    )
    what_it_brought = models.TextField(
        _("what it brought"), help_text=_("Plain text; an empty line starts a new paragraph.")
    )
    contact_organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact organization"),
        help_text=_("Who other members can ask about this example."),
    )
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["version", "updated_at", "created_at"])
    objects = PracticeExampleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at", "pk"]
        verbose_name = _("practice example")
        verbose_name_plural = _("practice examples")
        indexes = [models.Index(fields=["published", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practice:detail", kwargs={"slug": self.slug})

    @property
    def owning_organization(self):
        return self.municipality
