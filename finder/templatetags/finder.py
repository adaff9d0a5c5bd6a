from django import template

from toolbox_site import freshness
from toolbox_site.permissions import visibility_key
from toolbox_site.regions import own_region_id

from ..models import ServiceReport

register = template.Library()


@register.simple_tag
def open_report_count(user):
    """Open reports about the entries the user may change (none for who may change
    nothing), kept under the versions of the user's region: reports, entries and
    memberships decide it. ``editable_by`` reads the user's access, not the
    memberships table, which PostgreSQL planned as a scan of every organization and
    membership."""
    if not user.is_authenticated:
        return 0
    part = freshness.part(
        "open-reports",
        "finder",
        "network",
        "toolbox_site",
        region=own_region_id(user),
        vary=(visibility_key(user),),
    )
    return freshness.cached(
        part,
        lambda: (
            ServiceReport.objects.editable_by(user).filter(status=ServiceReport.Status.OPEN).count()
        ),
    )
