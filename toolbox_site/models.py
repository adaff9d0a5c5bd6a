from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .access import access_for
from .choices import WRITE_ROLES, MembershipRole, OrganizationKind
from .fields import HttpsURLField, PhoneField


class RegionQuerySet(models.QuerySet):
    def coordinated_by(self, user):
        """The regions the user coordinates (every one for superusers, none for others)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        regions = access_for(user).coordinated_regions
        return self.filter(pk__in=regions) if regions else self.none()


class Region(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class OrganizationQuerySet(models.QuerySet):
    def municipalities(self):
        return self.filter(kind=Organization.Kind.MUNICIPALITY)

    def for_user(self, user):
        """Organizations whose non-public data the user may see."""
        return self._by_access(user, write=False)

    def editable_by(self, user):
        """Organizations whose data the user may change."""
        return self._by_access(user, write=True)

    def of_member(self, user):
        """The organizations the user is a member of, in any role."""
        if not user.is_authenticated:
            return self.none()
        own = list(access_for(user).roles)
        return self.filter(pk__in=own) if own else self.none()

    def coordinated_by(self, user):
        """Organizations of the regions the user coordinates (every one for superusers)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(region__in=access_for(user).coordinated_regions)

    def _by_access(self, user, *, write):
        # From the user's access (read once per request, and cached: see
        # access.access_for), not a join over memberships: PostgreSQL planned
        # that OR of joins as a scan of every organization and membership.
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        access = access_for(user)
        own = [
            pk for pk, role in access.roles.items() if not write or role in Membership.WRITE_ROLES
        ]
        if not own and not access.coordinated_regions:
            return self.none()  # and a filter on it asks the database nothing
        return self.filter(Q(pk__in=own) | Q(region__in=access.coordinated_regions))


class Organization(models.Model):
    Kind = OrganizationKind

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("region")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    cbs_code = models.CharField(
        _("CBS code"),
        max_length=6,
        blank=True,
        help_text=_("Municipality code of Statistics Netherlands, e.g. GM0153."),
    )
    inhabitants = models.PositiveIntegerField(
        _("inhabitants"),
        null=True,
        blank=True,
        help_text=_("Approximate number of inhabitants, used for figures per 10,000 inhabitants."),
    )
    participates = models.BooleanField(
        _("takes part in the regional project"),
        default=True,
        help_text=_("Only relevant for municipalities."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneField(_("telephone number"), blank=True)
    website = HttpsURLField(_("website"), blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["cbs_code"],
                condition=~Q(cbs_code=""),
                name="unique_cbs_code",
                violation_error_message=_("Another organization already has this CBS code."),
            ),
            models.CheckConstraint(
                condition=Q(kind="municipality") | Q(cbs_code=""),
                name="cbs_code_only_for_municipalities",
                violation_error_message=_("Only a municipality has a CBS code."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organization_edit", kwargs={"slug": self.slug})

    @property
    def owning_organization(self):
        return self

    @property
    def is_municipality(self):
        return self.kind == self.Kind.MUNICIPALITY


class OwnedQuerySet(models.QuerySet):
    """Rows that belong to an organization, reached through ``owner_field`` (a path
    to an Organization): the one way for every such model to say which of its rows
    a user may see as a member, change, or coordinate. They follow the
    organizations' querysets above, which follow the user's access; the predicates
    in toolbox_site/permissions.py give the same answers (tests/test_ownership.py).

    A model whose rows are public (services, providers, links) widens ``for_user``
    and keeps the members' view as ``for_members``.
    """

    owner_field = "organization"

    @classmethod
    def through(cls, owner_field):
        """The queryset class for a model owned through ``owner_field``."""
        return type(
            cls.__name__, (cls,), {"owner_field": owner_field, "__module__": cls.__module__}
        )

    def _owned_by(self, organizations):
        return self.filter(**{f"{self.owner_field}__in": organizations.values("pk")})

    def for_members(self, user):
        """Rows of the organizations whose non-public data the user may see."""
        return self._owned_by(Organization.objects.for_user(user))

    def for_user(self, user):
        return self.for_members(user)

    def editable_by(self, user):
        """Rows of the organizations whose data the user may change."""
        return self._owned_by(Organization.objects.editable_by(user))

    def coordinated_by(self, user):
        """Rows of the organizations in the regions the user coordinates."""
        return self._owned_by(Organization.objects.coordinated_by(user))


class Membership(models.Model):
    data_scope = ("organization",)  # where its data shows (toolbox_site/data_scope.py)

    Role = MembershipRole
    WRITE_ROLES = WRITE_ROLES

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)

    objects = OwnedQuerySet.through("organization").as_manager()

    class Meta:
        ordering = ["organization__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                name="one_membership_per_user_and_organization",
                violation_error_message=_("This user is already a member of this organization."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organization} ({self.get_role_display()})"

    @property
    def owning_organization(self):
        return self.organization


class AuditEventQuerySet(OwnedQuerySet):
    """Events of the organizations whose data the user may see (``for_user``)."""


class AuditEvent(models.Model):
    """Who did what, when: never changed, never deleted.

    ``action`` is a short dotted code such as ``toolbox_site.organization.changed``;
    ``data`` holds what the action needs to be understood later (e.g. old and new
    values). See ``toolbox_site.audit.log_action``.
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("organization"),
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("object type"),
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    @property
    def owning_organization(self):
        return self.organization


class ScopeVersions(models.Model):
    """The versions of the data in one scope: a counter per app that goes up whenever
    the app's data in that scope changes (toolbox_site/freshness.py).

    Cached page parts name the versions they were built from in their key, so a change
    makes the next request build them anew, in every server process, without a shared
    cache. One row a scope (the country, a region, a municipality): a page reads its
    few scopes by primary key, with every app's counter in each.
    """

    scope = models.CharField(max_length=20, primary_key=True)
    toolbox_site = models.PositiveBigIntegerField(default=0)
    network = models.PositiveBigIntegerField(default=0)
    finder = models.PositiveBigIntegerField(default=0)
    criteria = models.PositiveBigIntegerField(default=0)
    monitoring = models.PositiveBigIntegerField(default=0)
    glossary = models.PositiveBigIntegerField(default=0)
    municipalities = models.PositiveBigIntegerField(default=0)
    documents = models.PositiveBigIntegerField(default=0)
    practice = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("versions of a scope")
        verbose_name_plural = _("versions of the scopes")

    def __str__(self):
        return self.scope


class Session(AbstractBaseSession):
    """Django's database session with the account it belongs to (toolbox_site/sessions.py):
    a logged-in request reads its session, account and memberships in one query, and an
    account's sessions go with it when it is deleted."""

    # No database constraint: a session saved while its account is being deleted
    # must not fail; the deletion removes the account's sessions through Django.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        db_constraint=False,
        related_name="sessions",
        verbose_name=_("user"),
    )

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")


class Visit(models.Model):
    """When the user logged in before the current session: the start page shows what is
    new since then (toolbox_site/visits.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("user"),
    )
    previous_login = models.DateTimeField(_("previous login"), null=True, blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self):
        return str(self.user)
