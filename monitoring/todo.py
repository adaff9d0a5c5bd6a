"""The monitoring lines of the start page (toolbox_site/todo.py): the reports an
editor fills in or corrects before their deadline, and for a coordinator the reports
awaiting approval in their region."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from toolbox_site.todo import Item, Section

from .models import Report
from .views.overview import index_data


def section(user):
    data = index_data(user)
    if not data["groups"] and not data["is_coordinator"]:
        return None  # belongs to no organization that reports
    items = []
    today = datetime.date.today()
    index = reverse("monitoring:index")
    for group in data["groups"]:
        name = group["organization"].name
        for row in group["rows"]:
            period, report = row["period"], row["report"]
            if not period.is_open or not group["may_fill"]:
                continue
            words = {"organization": name, "period": period.label}
            if report is None:
                text = _("Start the report of %(organization)s for %(period)s") % words
                url = index
            elif report.status == Report.Status.RETURNED:
                text = _("Correct the returned report of %(organization)s for %(period)s") % words
                url = reverse("monitoring:report", args=[report.pk])
            elif report.status == Report.Status.DRAFT:
                text = _("Fill in and submit the report of %(organization)s for %(period)s") % words
                url = reverse("monitoring:report", args=[report.pk])
            else:
                continue
            items.append(Item(text, url, row["deadline"], urgent=period.deadline < today))
    if data["is_coordinator"]:
        for report in data["awaiting"]:
            words = {"organization": report.organization.name, "period": report.period.label}
            items.append(
                Item(
                    _("Approve or return the report of %(organization)s for %(period)s") % words,
                    reverse("monitoring:report", args=[report.pk]),
                )
            )
    return Section(
        _("Monitoring"),
        _("No report needs you now."),
        items,
        more_url=index,
    )
