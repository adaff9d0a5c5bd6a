"""The audit log: one call for every change worth tracing.

    log_action(request.user, organization, "toolbox_site.organization.changed",
               {"changes": changes_of(form)})

Codes are ``<app>.<object>.<verb>``. Entries are never changed or deleted.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent

# The labels of the codes this app writes (the audit trail's, toolbox_site/audit_trail.py).
ACTIONS = {
    "toolbox_site.organization.created": _("Organization created"),
    "toolbox_site.organization.changed": _("Organization changed"),
    "toolbox_site.organization.deleted": _("Organization deleted"),
    "toolbox_site.membership.invited": _("Colleague invited"),
    "toolbox_site.membership.granted": _("Membership granted"),
    "toolbox_site.membership.changed": _("Membership changed"),
    "toolbox_site.membership.removed": _("Membership removed"),
    "toolbox_site.account.created": _("Account created"),
    "toolbox_site.account.rights_changed": _("Account rights changed"),
    "toolbox_site.account.deleted": _("Account deleted"),
}


def log_action(user, obj, action, data=None):
    return AuditEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        # Accounts belong to no organization; their events have none.
        organization=getattr(obj, "owning_organization", None),
        action=action,
        object_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        data=data or {},
    )


def plain(value):
    """A value as the JSON details keep it: a related object by its primary key."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        return [plain(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool, dict)):
        return value
    try:
        return DjangoJSONEncoder().default(value)
    except TypeError:
        return str(value)


def changes_of(form):
    """Old and new value of every changed field of a bound, valid ModelForm."""
    return {
        name: {"old": plain(form.initial.get(name)), "new": plain(form.cleaned_data.get(name))}
        for name in form.changed_data
    }
