"""Form widgets for long lists."""

from django import forms
from django.forms.widgets import ChoiceWidget

from . import jinja


def _option_groups(choices, selected):
    """The context of includes/options.html: the choices as (optgroup label or None,
    pairs), and the chosen value or values as text."""
    if isinstance(selected, (list, tuple, set, frozenset)):
        chosen = {"" if value is None else str(value) for value in selected}
    else:
        chosen = {"" if selected is None else str(selected)}
    groups, loose = [], []
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # an <optgroup>
            if loose:
                groups.append((None, loose))
                loose = []
            groups.append((value, label))
        else:
            loose.append((value, label))
    if loose:
        groups.append((None, loose))
    return {"groups": groups, "selected": chosen}


def render_options(choices, selected):
    """The <option>s of a select, from (value, label) pairs (or optgroups) and the
    chosen value or values, rendered by Django's Jinja2 backend
    (toolbox_site/jinja2/includes/options.html): one template loop, no template or
    dictionary per option."""
    return jinja.render("includes/options.html", _option_groups(choices, selected))


class Select(forms.Select):
    """Django's select with the same markup, written by one Jinja2 template
    (toolbox_site/jinja2/includes/select.html): a fraction of the time for long
    lists (the country's municipalities, the providers of a region, the services of
    a municipality), and for the filters above the network map. Named like
    Django's, so crispy-forms gives it the same CSS class."""

    def get_context(self, name, value, attrs):
        # Widget's context, not ChoiceWidget's: that one builds a dictionary per option
        # (optgroups), the very cost this widget avoids.
        context = super(ChoiceWidget, self).get_context(name, value, attrs)
        context.update(_option_groups(self.choices, context["widget"]["value"]))
        return context

    def _render(self, template_name, context, renderer=None):
        return jinja.render("includes/select.html", context)
