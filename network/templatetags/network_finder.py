from django import template

from toolbox_site.models import Organization

from ..models_finder import ServiceReport

register = template.Library()


@register.simple_tag
def open_report_count(user):
    """Open reports about the entries the user may change (one query)."""
    return ServiceReport.objects.filter(
        status=ServiceReport.Status.OPEN,
        service__owning_organization__in=Organization.objects.editable_by(user).values("pk"),
    ).count()
