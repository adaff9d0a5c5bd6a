"""The toolbox's documents: the step plan, the business case, the monitoring guide,
templates for local agreements, material for residents.

A document belongs to a region; its coordinators keep it. It is either a file
(PDF, DOCX, XLSX or ODT, kept in the "documents" storage, every version kept:
``DocumentFile``) or a link to a page elsewhere. Who reads what is decided in
``DocumentQuerySet.for_user`` and in documents/rules.py, which give the same answers.

Audiences are a small many-to-many to a reference table whose primary key is the
audience's code: a filter on an audience reads the link table only (no join to the
reference table), works the same on SQLite and PostgreSQL, and a document can be for
several audiences. The labels come from ``AudienceChoice``, so they are translated.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from toolbox_site.access import access_for
from toolbox_site.choices import Pillar
from toolbox_site.fields import HttpsURLField
from toolbox_site.history import HistoricalRecords
from toolbox_site.models import Organization, Region
from toolbox_site.permissions import manages_all_regions


class AudienceChoice(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    CARE_OFFICE = "care_office", _("care office")
    RESIDENTS = "residents", _("residents")
    CLIENT_SUPPORTERS = "client_supporters", _("client supporters")


class AudienceQuerySet(models.QuerySet):
    def add_missing(self):
        """Make the rows of ``AudienceChoice`` that are missing (the data migration makes
        them; a test database that was flushed has none)."""
        self.bulk_create(
            [Audience(code=code) for code in AudienceChoice.values], ignore_conflicts=True
        )


class Audience(models.Model):
    """One of ``AudienceChoice``: the rows are made by a data migration."""

    code = models.CharField(
        _("code"), max_length=20, primary_key=True, choices=AudienceChoice.choices
    )

    objects = AudienceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return str(AudienceChoice(self.code).label)


def documents_storage():
    """The storage of the documents' files (settings.STORAGES["documents"])."""
    return storages["documents"]


def file_path(instance, filename):
    """Where a version is kept: never the uploaded name (that is kept as
    ``original_name``), only the region, the document, the number and the kind."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    document = instance.document
    return f"r{document.region_id}/d{document.pk}/{instance.number}.{extension}"


class DocumentQuerySet(models.QuerySet):
    def for_user(self, user):
        """The documents the user may read.

        Published documents for residents: everyone, anonymous too. Published
        documents of a region: the members of its organizations. Unpublished ones
        too: the region's coordinators. Superusers: all."""
        if manages_all_regions(user):
            return self.all()
        for_residents = Exists(
            Document.audiences.through.objects.filter(
                document=OuterRef("pk"), audience=AudienceChoice.RESIDENTS
            )
        )
        visible = Q(published=True) & Q(for_residents)
        access = access_for(user)
        if access.member_regions:
            visible |= Q(published=True, region__in=sorted(access.member_regions))
        if access.coordinated_regions:
            visible |= Q(region__in=sorted(access.coordinated_regions))
        return self.filter(visible)

    def managed_by(self, user):
        """The documents the user keeps: those of the regions they coordinate."""
        if not user.is_authenticated:
            return self.none()
        if manages_all_regions(user):
            return self.all()
        regions = access_for(user).coordinated_regions
        return self.filter(region__in=sorted(regions)) if regions else self.none()

    def published(self):
        return self.filter(published=True)


def region_team(region_id):
    """The region team keeps the region's documents (for the audit log)."""
    return (
        Organization.objects.filter(region_id=region_id, kind=Organization.Kind.REGION_TEAM)
        .order_by("pk")
        .first()
    )


class Document(models.Model):
    data_scope = ("region",)  # where its data shows (toolbox_site/data_scope.py)

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="documents", verbose_name=_("region")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), max_length=2000)
    pillar = models.CharField(_("pillar"), max_length=20, choices=Pillar.choices)
    audiences = models.ManyToManyField(
        Audience, related_name="documents", verbose_name=_("audiences")
    )
    external_url = HttpsURLField(
        _("external link"),
        blank=True,
        help_text=_(
            "For a document that is kept elsewhere: its web address. Leave empty "
            "for a document with a file."
        ),
    )
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["region", "published"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"slug": self.slug})

    @property
    def owning_organization(self):
        return region_team(self.region_id)

    @property
    def is_link(self):
        return bool(self.external_url)

    def audience_codes(self):
        """The codes of the document's audiences (from a prefetch when there is one)."""
        return {audience.pk for audience in self.audiences.all()}

    def audience_labels(self):
        codes = self.audience_codes()
        return [label for code, label in AudienceChoice.choices if code in codes]

    def clean(self):
        super().clean()
        if self.pk and not self.external_url and not self.files.exists():
            raise ValidationError(_("A document has a file or an external link."))


class DocumentFile(models.Model):
    """One version of a document's file; the newest is the current one. Older ones
    stay downloadable from the document's history."""

    data_scope = ("document__region",)  # where its data shows (toolbox_site/data_scope.py)

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version number"))
    file = models.FileField(
        _("file"), storage=documents_storage, upload_to=file_path, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_file_number"),
        ]

    def __str__(self):
        return f"{self.document} ({self.number})"

    def get_absolute_url(self):
        return reverse(
            "documents:version", kwargs={"slug": self.document.slug, "number": self.number}
        )

    @property
    def owning_organization(self):
        return region_team(self.document.region_id)

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].lower()


@receiver(post_delete, sender=DocumentFile, dispatch_uid="documents-remove-stored-file")
def remove_stored_file(sender, instance, using=None, **kwargs):
    """A deleted version's file leaves the storage too, once the delete is committed."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name), using=using)
