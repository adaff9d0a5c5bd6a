"""Completeness: which organizations reported for which periods."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from toolbox_site.addresses import slug_prefix
from toolbox_site.models import Organization
from toolbox_site.permissions import coordinates_region, membership_key
from toolbox_site.regions import region_for
from toolbox_site.templatetags.toolbox import css_name

from .. import dashboards
from ..models import REPORTING_KINDS, Period, Report
from .common import page_part
from .dashboard_common import period_options, period_range, shown_region


@login_required
def completeness(request):
    user = request.user
    errors = []
    region_choice = region_for(request)
    region = shown_region(request, region_choice, errors, public=False)
    coordinates = coordinates_region(user, region)
    kinds = REPORTING_KINDS
    kind = request.GET.get("soort", "")
    if kind and kind in REPORTING_KINDS:
        kinds = [kind]
    elif kind:
        errors.append(_("Choose a municipality or the care office. You see all organizations."))
        kind = ""
    scope_key = "all" if coordinates else membership_key(user)
    return render(
        request,
        "monitoring/dashboard/completeness.html",
        {
            "region_choice": region_choice,
            "region": region,
            "errors": errors,
            "coordinates": coordinates,
            "kind": kind,
            # For monitoring/jinja2/monitoring/dashboard/completeness_body.html: labels as
            # shown (capfirst), states with their CSS class name.
            "kinds": [(value, capfirst(label)) for value, label in Organization.Kind.choices][:2],
            "statuses": [
                (css_name(value), capfirst(label))
                for value, label in [
                    (dashboards.NOT_STARTED, _("not started")),
                    *Report.Status.choices,
                ]
            ],
            "municipality_url": slug_prefix("municipalities:detail"),
            # The data part is a cached part of the region (toolbox_site/freshness.py),
            # and, for a non-coordinator, of the organizations the user sees.
            "part": page_part(
                "completeness",
                region=region,
                request=request,
                vary=(coordinates, scope_key),
            ),
            "page": SimpleLazyObject(
                lambda: completeness_data(request, region, kinds, coordinates, user, errors)
            ),
            "breadcrumbs": [
                (_("Monitoring"), reverse("monitoring:index")),
                (_("Completeness"), None),
            ],
        },
    )


def completeness_data(request, region, kinds, coordinates, user, region_errors):
    errors = list(region_errors)
    organizations = Organization.objects.none()
    if region is not None:
        organizations = Organization.objects.filter(region=region, kind__in=kinds)
        if not coordinates:
            organizations = organizations.filter(pk__in=Organization.objects.of_member(user))
    organizations = list(organizations.order_by("-kind", "name"))  # municipalities first
    today = datetime.date.today()
    periods = list(Period.objects.filter(start__lte=today).order_by("start", "type"))
    chosen = period_range(request, periods, errors)
    rows, shares = dashboards.completeness(organizations, chosen, today)
    for share in shares:
        share["text"] = _("%(share)s%% (%(approved)s)") % {
            "share": share["share"],
            "approved": share["approved"],
        }
    return {
        "errors": errors,
        "rows": rows,
        "shares": shares,
        "caption": _("Reports per organization and period in %(region)s") % {"region": region.name}
        if region is not None
        else "",
        "period_options": period_options(periods),
        "first_value": chosen[0].start.isoformat() if chosen else "",
        "last_value": chosen[-1].start.isoformat() if chosen else "",
        "chosen": [str(period.label) for period in chosen],
    }
