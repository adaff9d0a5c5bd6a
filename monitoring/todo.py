"""The monitoring lines of the start page (toolbox_site/todo.py): the reports an
editor fills in or corrects before their deadline, and for a coordinator the reports
awaiting approval in their region."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from toolbox_site.models import Organization
from toolbox_site.permissions import is_region_coordinator
from toolbox_site.todo import Item, Section

from .models import REPORTING_KINDS, Period, Report
from .rules import is_reporting_editor
from .views.overview import awaiting_review, with_period_type


def section(user):
    coordinator = is_region_coordinator(user)
    organizations = list(
        with_period_type(Organization.objects.of_member(user).filter(kind__in=REPORTING_KINDS))
        .only("name", "kind", "region")
        .order_by("name")
    )
    if not organizations and not coordinator:
        return None  # belongs to no organization that reports
    # What the user's own organizations fill in: the periods open for entry.
    filled = [
        organization for organization in organizations if is_reporting_editor(user, organization)
    ]
    periods, reports = [], {}
    if filled:
        periods = list(Period.objects.open())
        reports = {
            (report.organization_id, report.period_id): report
            for report in Report.objects.filter(organization__in=filled, period__is_open=True)
            .only("organization", "period", "status")
            .order_by()
        }
    items = []
    today = timezone.localdate()
    index = reverse("monitoring:index")
    for organization in filled:
        for period in periods:
            report = reports.get((organization.pk, period.pk))
            words = {"organization": organization.name, "period": period.label}
            if report is None:
                if organization.period_type != period.type:
                    continue
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
            items.append(
                Item(text, url, period.deadline_words(today), urgent=period.deadline < today)
            )
    if coordinator:
        for report in awaiting_review(user):
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
