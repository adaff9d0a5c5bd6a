from django import template
from django.db.models import Q

from toolbox_site import freshness
from toolbox_site.models import Membership
from toolbox_site.permissions import access_for

from ..models_finder import ServiceReport

register = template.Library()


@register.simple_tag
def open_report_count(user):
    """Open reports about the entries the user may change (one query).

    The organizations come from the user's access (read once per request), not
    from a subquery on memberships: PostgreSQL planned that OR of joins as a
    scan of every organization and membership, seven milliseconds a page."""
    if not user.is_authenticated:
        return 0
    # A new or closed report raises the network's data version (toolbox_site/freshness.py).
    key = f"open-reports:{user.pk}:{freshness.versions('network', 'toolbox_site')}"
    return freshness.cached(key, lambda: _count(user))


def _count(user):
    reports = ServiceReport.objects.filter(status=ServiceReport.Status.OPEN)
    if user.is_superuser:
        return reports.count()
    access = access_for(user)
    editable = [pk for pk, role in access.roles.items() if role in Membership.WRITE_ROLES]
    if not editable and not access.coordinated_regions:
        return 0
    return reports.filter(
        Q(service__owning_organization__in=editable)
        | Q(service__owning_organization__region__in=access.coordinated_regions)
    ).count()
