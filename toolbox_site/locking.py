"""Optimistic locking: two people saving the same thing never overwrite each other.

The one way every app does it. A form carries the ``version`` the user started
from (and ``based_on``: the newest history record then). A service locks the row
inside its transaction with :func:`lock`, which raises :class:`Conflict` when the
row's version is no longer the one the user saw; nothing is written. The view
hands the conflict back to the form (:func:`show_conflict`): it says who changed
what in the meantime, keeps what the user typed and carries the new version, so
saving again is a deliberate choice.

Who changed it and when come from the row's history (simple-history):
:func:`last_change`; which fields: :func:`changed_fields`. Monitoring and the
agreements describe their changes in their own words (values, not fields) on top
of the same lock and the same :func:`last_change`.
"""

from django.utils.translation import gettext as _

from .dates import show_datetime
from .people import display_name


class Conflict(Exception):
    """Someone saved the object after the version the user started from."""

    def __init__(self, current):
        super().__init__(f"{current!r} changed (now version {current.version})")
        self.current = current


def lock(queryset, expected_version=None, **lookup):
    """The row, locked until the transaction ends (call inside ``transaction.atomic``).

    Raises :class:`Conflict` when ``expected_version`` is given and differs from the
    row's; ``DoesNotExist`` when there is no such row.
    """
    current = queryset.select_for_update().get(**lookup)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(current)
    return current


def latest_history_id(obj):
    """The newest history record of an object, to name later changes in a conflict."""
    if not obj.pk:
        return None
    return obj.history.order_by("-history_id").values_list("history_id", flat=True).first()


def last_change(obj):
    """Who saved ``obj`` last and when, from its history: ``(user or None, datetime or None)``."""
    history = getattr(type(obj), "history", None)
    if history is None or obj.pk is None:
        return None, None
    record = (
        history.filter(id=obj.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if record is None:
        return None, None
    return record.history_user, record.history_date


def changed_fields(current, based_on):
    """Labels of the fields changed since history record ``based_on`` (none without it)."""
    history = current.history.model
    base = history.objects.filter(history_id=based_on).first() if based_on else None
    if base is None:
        return []
    tracked = {field.attname for field in history._meta.fields}
    return [
        str(field.verbose_name)
        for field in current._meta.concrete_fields
        if field.attname in tracked
        and not field.primary_key
        and getattr(base, field.attname) != getattr(current, field.attname)
    ]


def conflict_message(current, based_on):
    labels = changed_fields(current, based_on)
    user, when = last_change(current)
    who = display_name(user, _("someone else"))
    when = show_datetime(when)
    if labels:
        return _(
            "%(who)s changed this in the meantime (%(when)s): %(fields)s. Nothing was saved. "
            "Your input is still below: compare it with the current data and save again."
        ) % {"who": who, "when": when, "fields": ", ".join(labels)}
    return _(
        "%(who)s changed this in the meantime (%(when)s). Nothing was saved. "
        "Your input is still below: check it and save again."
    ) % {"who": who, "when": when}


def show_conflict(form, current):
    """Put the conflict on the form (a bound form with ``version`` and ``based_on``)
    and make it carry the current version, so a second save goes through deliberately."""
    form.add_error(None, conflict_message(current, form.cleaned_data.get("based_on")))
    data = form.data.copy()
    data[form.add_prefix("version")] = current.version
    data[form.add_prefix("based_on")] = latest_history_id(current) or ""
    form.data = data
