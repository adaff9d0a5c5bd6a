"""``{% criterion_trends criterion as found %}``: the indicators linked to a criterion
with the region's figures (monitoring/criteria_links.py), as a cached part of their
own (the criterion's page is kept under the criteria's versions only) and the data,
read only when that part is missing."""

from django import template
from django.utils.functional import SimpleLazyObject

from toolbox_site import freshness

from ..criteria_links import criterion_trends as trends_of

register = template.Library()


@register.simple_tag(takes_context=True)
def criterion_trends(context, criterion):
    logged_in = context["user"].is_authenticated  # the link: the dashboard or public figures
    return {
        "part": freshness.part(
            "monitoring-criterion",
            "monitoring",
            "criteria",
            region=criterion.framework.region_id,
            vary=(criterion.pk, logged_in),
        ),
        "trends": SimpleLazyObject(lambda: trends_of(criterion)),
    }
