"""The environment of Django's Jinja2 backend, for the few templates whose repeated
rows the Django engine cannot render within a page's time on a cold cache (each
app's ``jinja2/`` folder; the agreements form, the network map, the finder's results).

Templates translate with ``_("…")``, which ``makemessages`` finds as it does in
Django templates; plurals come from the view (``ngettext``). Output is autoescaped,
translations too, as the Django engine does. ``url(name, *args)``, ``static(path)``,
``json_script(value, id)`` and the filters ``date``, ``linebreaksbr``, ``tel_href``,
``mailto_href`` and ``web_href`` work as their Django namesakes.
"""

from django.template import engines
from django.template.defaultfilters import date, linebreaksbr
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import conditional_escape, json_script
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext
from jinja2 import Environment

from .validators import mailto_href, phone_href, web_href


def _gettext(message):
    return conditional_escape(gettext(message))


def _ngettext(singular, plural, number):
    return conditional_escape(ngettext(singular, plural, number))


def _date(value, arg=None):
    # As the Django filter: a date and time shown in the site's time zone.
    return date(template_localtime(value), arg)


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options):
    env = Environment(**options)
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    env.globals.update(url=url, static=static, json_script=json_script)
    env.filters.update(
        date=_date,
        linebreaksbr=linebreaksbr,
        tel_href=phone_href,
        mailto_href=mailto_href,
        web_href=web_href,
    )
    return env


def render(template_name, context):
    """A template of an app's ``jinja2/`` folder rendered with ``context``: autoescaped,
    so the result is safe ({% jinja %}, the options of long selects)."""
    return mark_safe(engines["jinja2"].get_template(template_name).render(context))
