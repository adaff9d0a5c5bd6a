from django import template

from ..models import ServiceReport

register = template.Library()


@register.simple_tag
def open_report_count(user):
    """Open reports about the entries the user may change (one query; none for who
    may change nothing). ``editable_by`` reads the user's access, not the memberships
    table, which PostgreSQL planned as a scan of every organization and membership."""
    if not user.is_authenticated:
        return 0
    return ServiceReport.objects.editable_by(user).filter(status=ServiceReport.Status.OPEN).count()
