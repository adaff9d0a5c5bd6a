"""Optimistic locking: two people saving the same thing never overwrite each other.

A form carries the ``version`` the user started from (and ``based_on``: the
newest history record then). The save locks the row (``select_for_update``)
inside a transaction and compares versions; on a mismatch nothing is written
and the form says who changed what in the meantime, keeping what the user typed.
"""

from django.utils.translation import gettext as _

from toolbox_site.dates import show_datetime
from toolbox_site.people import display_name

from .forms import latest_history_id


def changes_since(current, based_on):
    """Labels of the fields changed since history record ``based_on``, and by whom."""
    history = current.history.model
    base = history.objects.filter(history_id=based_on).first() if based_on else None
    latest = current.history.select_related("history_user").order_by("-history_id").first()
    who = None
    when = None
    if latest is not None:
        user = latest.history_user
        who = display_name(user, None)
        when = latest.history_date
    labels = []
    if base is not None:
        tracked = {field.attname for field in history._meta.fields}
        for field in current._meta.concrete_fields:
            if field.attname not in tracked or field.primary_key:
                continue
            if getattr(base, field.attname) != getattr(current, field.attname):
                labels.append(str(field.verbose_name))
    return labels, who, when


def conflict_message(current, based_on):
    labels, who, when = changes_since(current, based_on)
    who = who or _("someone else")
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


def refuse_stale(form, current):
    """Add the conflict to the form and let a second save go through deliberately.

    Returns True when the form's version is out of date.
    """
    if form.cleaned_data.get("version") == current.version:
        return False
    form.add_error(None, conflict_message(current, form.cleaned_data.get("based_on")))
    data = form.data.copy()
    data[form.add_prefix("version")] = current.version
    data[form.add_prefix("based_on")] = latest_history_id(current) or ""
    form.data = data
    return True
