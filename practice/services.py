"""Writes of practice examples, shared by the views, the admin and the tests: each in
one transaction, on a locked row whose version is checked (toolbox_site/locking.py),
and written to the audit trail."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from toolbox_site import publishing
from toolbox_site.audit import changes_of, log_action
from toolbox_site.locking import lock
from toolbox_site.models import Organization

from .models import PracticeExample

# The labels of the codes this app writes (the audit trail's, toolbox_site/audit_trail.py).
AUDIT_ACTIONS = {
    "practice.example.created": gettext_lazy("Practice example created"),
    "practice.example.changed": gettext_lazy("Practice example changed"),
    "practice.example.published": gettext_lazy("Practice example published"),
    "practice.example.unpublished": gettext_lazy("Practice example unpublished"),
    "practice.example.deleted": gettext_lazy("Practice example deleted"),
}

SLUG_LENGTH = PracticeExample._meta.get_field("slug").max_length
# How often a new example tries another address name when two got the same one at once.
SLUG_ATTEMPTS = 3
# Address names of the exchange's own pages (practice/urls.py).
RESERVED = {"nieuw"}


def unique_slug(title, exclude=None):
    """An address name for ``title`` that no other example has: "…-2", "…-3" after
    the first."""
    base = slugify(title)[: SLUG_LENGTH - 6].strip("-") or "voorbeeld"
    taken = set(
        PracticeExample.objects.filter(slug__startswith=base)
        .exclude(pk=exclude)
        .values_list("slug", flat=True)
    )
    if base not in taken and base not in RESERVED:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def create_example(form, user):
    """A new (draft) example from a valid ``PracticeExampleForm``."""
    for attempt in range(SLUG_ATTEMPTS):
        try:
            with transaction.atomic():
                # The municipality's row: it must still be there (and stays so).
                lock(Organization.objects, pk=form.cleaned_data["municipality"].pk)
                example = form.save(commit=False)
                example.slug = unique_slug(example.title)
                example.published = False
                example.published_at = None
                example.save()
                form.save_m2m()
                log_action(
                    user,
                    example,
                    "practice.example.created",
                    {"title": example.title, "slug": example.slug, "changes": changes_of(form)},
                )
                return example
        except IntegrityError:  # someone took the same address name at the same moment
            if attempt == SLUG_ATTEMPTS - 1:
                raise
    return None  # not reached


def update_example(form, user):
    """Save a valid ``PracticeExampleForm`` over its example; ``Conflict`` when someone
    saved it after the version the form was opened at (nothing is written then)."""
    with transaction.atomic():
        current = lock(PracticeExample.objects, form.cleaned_data["version"], pk=form.instance.pk)
        example = form.save(commit=False)
        example.version = current.version + 1
        example.slug = current.slug  # the address stays, so links keep working
        example.published = current.published
        example.published_at = current.published_at
        example.save()
        form.save_m2m()
        log_action(user, example, "practice.example.changed", {"changes": changes_of(form)})
    return example


def set_published(example, published, version, user):
    """Publish (or unpublish) the example seen at ``version``. Returns the example;
    ``Conflict`` when it changed since."""
    return publishing.set_published(
        PracticeExample.objects,
        example,
        published,
        version,
        user,
        ("practice.example.published", "practice.example.unpublished"),
        lambda current: {"title": current.title},
    )


def delete_example(example, user):
    """Remove the example (the admin's delete), written to the audit trail first."""
    with transaction.atomic():
        current = lock(PracticeExample.objects, pk=example.pk)
        log_action(
            user,
            current,
            "practice.example.deleted",
            {"title": current.title, "slug": current.slug},
        )
        current.delete()
