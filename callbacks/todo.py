"""The call-back requests' line of the start page (toolbox_site/todo.py): new requests
for the organizations whose data the user may change."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toolbox_site.permissions import changes_some_data
from toolbox_site.todo import Item, Section

from .models import CallbackRequest


def section(user):
    if not changes_some_data(user):
        return None
    count = (
        CallbackRequest.objects.editable_by(user).filter(status=CallbackRequest.Status.NEW).count()
    )
    items = []
    if count:
        items.append(
            Item(
                ngettext(
                    "Call back one resident",
                    "Call back %(count)s residents",
                    count,
                )
                % {"count": count},
                reverse("callbacks:queue"),
                _("open call-back requests"),
                urgent=True,
            )
        )
    return Section(_("Call-back requests"), _("No call-back request is open."), items)
