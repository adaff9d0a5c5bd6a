"""My municipality next to the region."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from toolbox_site.models import Organization
from toolbox_site.permissions import coordinates_region, member_organization_ids, membership_key
from toolbox_site.regions import region_for

from .. import dashboards
from ..models import Period, Report
from .common import page_part
from .dashboard_common import clean, parse_date, period_options, shown_region


@login_required
def own_view(request):
    user = request.user
    errors = []
    region_choice = region_for(request)
    region = shown_region(request, region_choice, errors, public=False)
    coordinates = coordinates_region(user, region)
    # The user's organizations: their small numbers are not hidden from them, which
    # changes their own cells and the region's average and median.
    scope = membership_key(user)
    municipalities = own_municipalities(region, coordinates, user)
    asked = request.GET.get("gemeente", "")
    organization = next((m for m in municipalities if m.slug == asked), None)
    if organization is None and asked:
        errors.append(
            _("You cannot see the figures of “%(slug)s”. Choose a municipality from the list.")
            % {"slug": (clean(asked) or "?")[:50]}
        )
    if organization is None and municipalities:
        organization = municipalities[0]
    return render(
        request,
        "monitoring/dashboard/own.html",
        {
            "region_choice": region_choice,
            "region": region,
            "municipalities": municipalities,
            "organization": organization,
            # The data part is a cached part (toolbox_site/freshness.py) of the region:
            # per municipality shown and the organizations the user belongs to.
            "part": page_part(
                "own",
                region=region,
                request=request,
                vary=(coordinates, scope, getattr(organization, "pk", None)),
            ),
            "coordinates": coordinates,
            "page": SimpleLazyObject(
                lambda: own_data(
                    request, region, organization, set(member_organization_ids(user)), errors
                )
            ),
            "breadcrumbs": [
                (_("Monitoring"), reverse("monitoring:index")),
                (_("Dashboard"), reverse("monitoring:dashboard")),
                (_("My municipality"), None),
            ],
        },
    )


def own_municipalities(region, coordinates, user):
    """The municipalities of the region the user may choose from: all of them for a
    coordinator, else the user's own."""
    if region is None:
        return []
    municipalities = Organization.objects.filter(
        region=region, kind=Organization.Kind.MUNICIPALITY
    ).order_by("name")
    if not coordinates:
        municipalities = municipalities.filter(pk__in=Organization.objects.of_member(user))
    return list(municipalities)


def own_data(request, region, organization, own_ids, region_errors):
    """The own view's data part: the period choice and the comparison's rows.

    ``errors`` holds ``region_errors`` (found before) and the errors found here.
    """
    errors = list(region_errors)
    data = {"errors": errors, "rows": []}
    if organization is None:
        return data
    periods = list(
        Period.objects.filter(start__lte=datetime.date.today()).order_by("-start", "type")
    )
    period = None
    raw = request.GET.get("periode", "")
    if raw:
        start = parse_date(raw)
        period = next((p for p in periods if p.start == start), None)
        if period is None:
            errors.append(
                _("“%(value)s” is not a period. You see the latest period with approved reports.")
                % {"value": (clean(raw) or "?")[:20]}
            )
    indicators = dashboards.region_indicators(region)
    if period is None:
        latest = (
            Report.objects.filter(
                organization__region=region,
                organization__kind=Organization.Kind.MUNICIPALITY,
                status=Report.Status.APPROVED,
            )
            .order_by("-period__start")
            .values_list("period_id", flat=True)
            .first()
        )
        period = next((p for p in periods if p.pk == latest), periods[0] if periods else None)
    data.update(
        {
            "period_options": period_options(periods),
            "period_value": period.start.isoformat() if period else "",
            "period": period,
        }
    )
    if period is not None and indicators:
        data["rows"] = dashboards.comparison(indicators, period, region, organization, own_ids)
        # The table's caption (monitoring/jinja2/monitoring/dashboard/own_body.html).
        data["caption"] = _("%(name)s next to the municipalities of %(region)s, %(period)s") % {
            "name": organization.name,
            "region": region.name,
            "period": period.label,
        }
    return data
