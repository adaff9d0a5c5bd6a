"""The network's writes: services, links and a municipality's step progress.

Each runs in one transaction, locks the row it changes and checks the version the
user started from (``toolbox_site.locking``: :class:`~toolbox_site.locking.Conflict`
when someone saved in between, and nothing is written), and records who did what
(``log_action``). Views check who may (``get_object_for_user``), validate the
form, call one of these and show the outcome. The spreadsheet import has its own
module with the same manners: ``network.importing``.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from toolbox_site.audit import changes_of, log_action
from toolbox_site.locking import Conflict, lock

from .models import Link, Service, StepProgress

# The labels of the codes this app writes (the audit trail's, toolbox_site/audit_trail.py).
AUDIT_ACTIONS = {
    "network.service.created": gettext_lazy("Service created"),
    "network.service.changed": gettext_lazy("Service changed"),
    "network.service.verified": gettext_lazy("Service checked"),
    "network.service.archived": gettext_lazy("Service archived"),
    "network.service.unarchived": gettext_lazy("Service restored from the archive"),
    "network.link.created": gettext_lazy("Link created"),
    "network.link.changed": gettext_lazy("Link changed"),
    "network.link.deleted": gettext_lazy("Link removed"),
    "network.import.applied": gettext_lazy("Import applied"),
    "network.step.changed": gettext_lazy("Step of the step plan changed"),
}


class DuplicateLink(Exception):
    """The map already has this link (same services, same kind)."""


class StepSavedAtOnce(Exception):
    """Two first saves of the same step's progress met; the other one won."""


#: The service fields that make up a statement about room for new clients.
CAPACITY_FIELDS = ("accepts_new_clients", "waiting_weeks")


def _changes(form):
    return {"changes": {name: str(value) for name, value in changes_of(form).items()}}


def _stamp_capacity(form, service, today):
    """A changed statement about room for new clients is dated today (it then holds
    for three months, network/capacity.py)."""
    if any(name in form.changed_data for name in CAPACITY_FIELDS):
        service.capacity_stated_on = today


# --- Services --------------------------------------------------------------------------


@transaction.atomic
def create_service(form, user):
    """A new service from a valid ``ServiceForm``, checked today by its maker."""
    service = form.save(commit=False)
    service.provider = form.save_provider()
    service.verified_on = timezone.localdate()
    service.verified_by = user
    _stamp_capacity(form, service, service.verified_on)
    service.save()
    form.save_m2m()
    log_action(user, service, "network.service.created", {"name": service.name})
    return service


@transaction.atomic
def update_service(form, user):
    """Save a valid ``ServiceForm`` over its service; :class:`Conflict` when stale."""
    current = lock(Service.objects, form.cleaned_data["version"], pk=form.instance.pk)
    service = form.save(commit=False)
    service.provider = form.save_provider()
    service.version = current.version + 1
    _stamp_capacity(form, service, timezone.localdate())
    service.save()
    form.save_m2m()
    changes = _changes(form)
    if service.capacity_stated_on != current.capacity_stated_on:
        changes["capacity_stated_on"] = str(service.capacity_stated_on)
    log_action(user, service, "network.service.changed", changes)
    return service


def _change_service(service, user, expected_version, action, apply):
    with transaction.atomic():
        current = lock(Service.objects, expected_version, pk=service.pk)
        data = apply(current)
        current.version += 1
        current.save()
        log_action(user, current, action, data)
    return current


def _archive(service):
    service.archived = True


def _unarchive(service):
    service.archived = False


def archive_service(service, user, expected_version):
    """Take a service off the map, the finder and the open data (it can come back)."""
    return _change_service(service, user, expected_version, "network.service.archived", _archive)


def unarchive_service(service, user, expected_version):
    return _change_service(
        service, user, expected_version, "network.service.unarchived", _unarchive
    )


def verify_service(service, user, expected_version):
    """Mark a service as checked today by ``user``.

    "Everything is still correct" covers the room for new clients shown on the same
    page: a stated capacity is confirmed too (dated today), so an editor need not
    open the form to keep it from expiring after three months."""
    today = timezone.localdate()

    def verified(current):
        current.verified_on = today
        current.verified_by = user
        if current.accepts_new_clients:
            current.capacity_stated_on = today
            return {"capacity_confirmed": current.accepts_new_clients}
        return None

    return _change_service(service, user, expected_version, "network.service.verified", verified)


# --- Links -----------------------------------------------------------------------------


def create_link(form, user):
    """A new link from a valid ``LinkForm``; :class:`DuplicateLink` when it exists."""
    try:
        with transaction.atomic():
            link = form.save()
            log_action(user, link, "network.link.created", {"link": str(link)})
    except IntegrityError:
        raise DuplicateLink from None
    return link


def update_link(form, user):
    """Save a valid ``LinkForm`` over its link; :class:`Conflict` when stale,
    :class:`DuplicateLink` when the map has the changed link already."""
    try:
        with transaction.atomic():
            current = lock(Link.objects, form.cleaned_data["version"], pk=form.instance.pk)
            link = form.save(commit=False)
            link.version = current.version + 1
            link.save()
            log_action(user, link, "network.link.changed", _changes(form))
    except IntegrityError:
        raise DuplicateLink from None
    return link


@transaction.atomic
def delete_link(link, user):
    log_action(user, link, "network.link.deleted", {"link": str(link)})
    link.delete()


# --- The step plan ---------------------------------------------------------------------


def save_step_progress(form, user, municipality, step):
    """Save a valid ``StepProgressForm`` for the municipality's step.

    The first save of a step creates its record (the form's version is 0 then);
    later saves check the version like any other. Raises :class:`Conflict` when
    someone saved in between, ``StepProgress.DoesNotExist`` when the record the
    form was opened on is gone, :class:`StepSavedAtOnce` when two first saves met.
    """
    expected = form.cleaned_data["version"]
    try:
        with transaction.atomic():
            current = (
                StepProgress.objects.select_for_update()
                .filter(municipality=municipality, step=step)
                .first()
            )
            if current is None and expected != 0:
                raise StepProgress.DoesNotExist
            if current is not None and current.version != expected:
                raise Conflict(current)
            record = form.save(commit=False)
            if current is not None:
                record.pk = current.pk
            record.version = (current.version if current else 0) + 1
            record.updated_by = user
            record.date = record.date or timezone.localdate()
            record.save()
            log_action(
                user,
                record,
                "network.step.changed",
                {"step": step.number, "status": record.status},
            )
    except IntegrityError:
        raise StepSavedAtOnce from None
    return record
