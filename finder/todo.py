"""The finder's line of the start page (toolbox_site/todo.py): residents' reports
("Klopt er iets niet?") still open about the entries the user may change."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toolbox_site.permissions import changes_some_data
from toolbox_site.todo import Item, Section

from .models import ServiceReport


def section(user):
    if not changes_some_data(user):
        return None
    count = ServiceReport.objects.editable_by(user).filter(status=ServiceReport.Status.OPEN).count()
    items = []
    if count:
        items.append(
            Item(
                ngettext(
                    "Answer one report from a resident",
                    "Answer %(count)s reports from residents",
                    count,
                )
                % {"count": count},
                reverse("finder:report_queue"),
                _("a resident told us something is not right"),
                urgent=True,
            )
        )
    return Section(_("Reports from residents"), _("No report from a resident is open."), items)
