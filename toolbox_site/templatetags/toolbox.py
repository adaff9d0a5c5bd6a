from django import template

register = template.Library()


@register.filter
def total_minutes(duration):
    """A timedelta as whole minutes (rounded up), for messages like "wait 15 minutes"."""
    if not duration:
        return 0
    seconds = duration.total_seconds()
    return int(-(-seconds // 60))
