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


@register.filter
def tel_href(value):
    """``tel:`` and the digits of a valid phone number; "" for any other value (show
    it as text, not as a link that dials nothing)."""
    return validators.phone_href(value)


@register.filter
def mailto_href(value):
    """``mailto:`` and a valid e-mail address; "" for any other stored value."""
    return validators.mailto_href(value)


@register.filter
def web_href(value):
    """A stored web address when it is a valid http(s) address; "" otherwise."""
    return validators.web_href(value)
