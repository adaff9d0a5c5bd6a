from django import template

from toolbox_site import validators
from toolbox_site.jinja import render as render_jinja
from toolbox_site.people import display_name as person_name
from toolbox_site.widgets import render_options

register = template.Library()


@register.simple_tag
def options(choices, selected):
    """``{% options choices selected %}``: the <option>s of a select (long lists; see
    toolbox_site/widgets.py), ``selected`` the chosen value."""
    return render_options(choices, selected)


@register.simple_tag
def jinja(template_name, **context):
    """``{% jinja "app/name.html" key=value %}``: a Jinja2 template of an app's
    ``jinja2/`` folder (toolbox_site/jinja.py), rendered with the values given, for
    the long tables and lists the Django engine renders too slowly on a cold cache.
    Autoescaped, so the result is safe."""
    return render_jinja(template_name, context)


@register.filter
def css_name(value):
    """A stored value (``in_discussion``) as the part of a CSS class name
    (``in-discussion``): class names in the stylesheets use hyphens only."""
    return str(value).replace("_", "-")


@register.filter
def display_name(user):
    """A person as pages name them (toolbox_site/people.py)."""
    return person_name(user)


@register.filter
def total_minutes(duration):
    """A timedelta as whole minutes (rounded up), for messages like "wait 15 minutes"."""
    if not duration:
        return 0
    seconds = duration.total_seconds()
    return int(-(-seconds // 60))


# The link rules of contact details (toolbox_site/validators.py), shared with Jinja2:
# ``tel:``, ``mailto:`` or the web address of a valid value, "" for any other value
# (shown as text, not as a link that leads nowhere).
tel_href = register.filter("tel_href", validators.phone_href)
mailto_href = register.filter("mailto_href", validators.mailto_href)
web_href = register.filter("web_href", validators.web_href)
