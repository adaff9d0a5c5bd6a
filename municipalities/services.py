"""Writes of the municipality pages: a municipality's contact persons. Each runs in a
transaction, takes the row's lock with its version check (toolbox_site/locking.py)
and leaves an entry in the audit trail."""

from django.db import transaction
from django.utils.translation import gettext_lazy

from toolbox_site.audit import changes_of, log_action
from toolbox_site.locking import lock

from .models import ContactPerson

AUDIT_ACTIONS = {
    "municipalities.contact.added": gettext_lazy("Contact person added"),
    "municipalities.contact.changed": gettext_lazy("Contact person changed"),
    "municipalities.contact.removed": gettext_lazy("Contact person removed"),
}


def add_contact(form, municipality, user):
    """Save a valid ``NewContactPersonForm`` as a contact of ``municipality``."""
    with transaction.atomic():
        contact = form.save(commit=False)
        contact.municipality = municipality
        contact.save()
        log_action(user, contact, "municipalities.contact.added", {"name": contact.name})
    return contact


def update_contact(form, user):
    """Save a valid ``ContactPersonForm`` over its contact; ``Conflict`` when stale."""
    with transaction.atomic():
        current = lock(ContactPerson.objects, form.cleaned_data["version"], pk=form.instance.pk)
        contact = form.save(commit=False)
        contact.municipality_id = current.municipality_id
        contact.version = current.version + 1
        contact.save()
        log_action(user, contact, "municipalities.contact.changed", {"changes": changes_of(form)})
    return contact


def remove_contact(contact, user, expected_version):
    """Remove the contact; ``Conflict`` when it changed since ``expected_version``."""
    with transaction.atomic():
        current = lock(ContactPerson.objects, expected_version, pk=contact.pk)
        log_action(user, current, "municipalities.contact.removed", {"name": current.name})
        current.delete()
