"""Writing documents: create, change, replace the file, publish and unpublish.

Views, the demo data and tests call these. Each runs in one transaction, locks the
document's row and checks the version the user started from (toolbox_site/locking.py:
``Conflict`` when someone saved in between; nothing is written), and writes the audit
log. A file is written to the storage inside the transaction; when the transaction
fails, the file written is removed again.
"""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from toolbox_site import publishing
from toolbox_site.audit import changes_of, log_action
from toolbox_site.locking import lock

from .models import Document, DocumentFile, documents_storage

# The labels of the codes this app writes (the audit trail's, toolbox_site/audit_trail.py).
AUDIT_ACTIONS = {
    "documents.document.created": gettext_lazy("Document created"),
    "documents.document.changed": gettext_lazy("Document changed"),
    "documents.document.file_replaced": gettext_lazy("Document file replaced"),
    "documents.document.published": gettext_lazy("Document published"),
    "documents.document.unpublished": gettext_lazy("Document unpublished"),
}

SLUG_LENGTH = 190  # room for "-12" within the field's 200


# Addresses under /documenten/ that are no document.
RESERVED = {"nieuw"}


def unique_slug(title, exclude=None):
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "document"
    if base in RESERVED:
        base = f"{base}-document"
    taken = set(
        Document.objects.filter(slug__startswith=base)
        .exclude(pk=exclude)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _store(document, number, upload, checked, user, written):
    """A new version of ``document``'s file (inside the caller's transaction); the
    name it is stored under goes to ``written``."""
    version = DocumentFile(
        document=document,
        number=number,
        original_name=(upload.name or "")[-255:],
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    upload.seek(0)
    # The storage name comes from documents.models.file_path, never from the upload.
    version.file.save(f"upload.{checked.extension}", upload, save=False)
    written.names.append(version.file.name)
    version.save()
    return version


class _RemoveOnRollback:
    """Removes the files written in a transaction that does not commit."""

    def __init__(self):
        self.names = []

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is not None:
            for name in self.names:
                documents_storage().delete(name)
        return False


def create_document(form, user):
    """A new document from a valid ``DocumentForm`` (with its file, if one was given).
    Unpublished: publishing is a step of its own."""
    written = _RemoveOnRollback()
    with written, transaction.atomic():
        document = form.save(commit=False)
        document.slug = unique_slug(document.title)
        document.version = 1
        document.published = False
        document.save()
        form.save_m2m()
        upload = form.cleaned_data.get("file")
        data = {"slug": document.slug}
        if upload:
            stored = _store(document, 1, upload, form.checked, user, written)
            data["file"] = stored.original_name
        else:
            data["link"] = document.external_url
        log_action(user, document, "documents.document.created", data)
    return document


def update_document(form, user):
    """Save a valid ``DocumentForm`` over its document; ``Conflict`` when stale."""
    with transaction.atomic():
        current = lock(Document.objects, form.cleaned_data["version"], pk=form.instance.pk)
        document = form.save(commit=False)
        document.slug = current.slug
        document.published = current.published
        document.published_at = current.published_at
        document.version = current.version + 1
        document.save()
        form.save_m2m()
        log_action(user, document, "documents.document.changed", {"changes": changes_of(form)})
    return document


def replace_file(document, form, user):
    """A new version of the document's file from a valid ``ReplaceFileForm``; the old
    versions stay. ``Conflict`` when the document changed since the form was opened."""
    upload = form.cleaned_data["file"]
    written = _RemoveOnRollback()
    with written, transaction.atomic():
        current = lock(Document.objects, form.cleaned_data["version"], pk=document.pk)
        last = current.files.order_by("-number").values_list("number", flat=True).first() or 0
        stored = _store(current, last + 1, upload, form.checked, user, written)
        current.version += 1
        current.save(update_fields=["version", "updated_at"])
        log_action(
            user,
            current,
            "documents.document.file_replaced",
            {"version": stored.number, "file": stored.original_name},
        )
    return stored


def set_published(document, published, expected_version, user):
    """Publish or unpublish; ``Conflict`` when the document changed since the
    coordinator saw it. Publishing an already published document changes nothing."""
    return publishing.set_published(
        Document.objects,
        document,
        published,
        expected_version,
        user,
        ("documents.document.published", "documents.document.unpublished"),
        lambda current: {"version": current.version},
    )
