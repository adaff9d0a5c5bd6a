"""Form widgets for long lists."""

from django import forms
from django.forms.widgets import ChoiceWidget

from . import jinja


def render_options(choices, selected):
    """The <option>s of a select, from (value, label) pairs (or optgroups) and the
    chosen value or values, rendered by Django's Jinja2 backend
    (toolbox_site/jinja2/includes/options.html): one template loop, no template or
    dictionary per option."""
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
    return jinja.render("includes/options.html", {"groups": groups, "selected": chosen})


class Select(forms.Select):
    """Django's select with the same markup, its options written by
    :func:`render_options`: a fraction of the time for long lists (the country's
    municipalities, the providers of a region, the services of a municipality).
    Named like Django's, so crispy-forms gives it the same CSS class."""

    template_name = "toolbox_site/widgets/select.html"

    def get_context(self, name, value, attrs):
        # Widget's context, not ChoiceWidget's: that one builds a dictionary per option
        # (optgroups), the very cost this widget avoids.
        context = super(ChoiceWidget, self).get_context(name, value, attrs)
        context["widget"]["options"] = render_options(self.choices, context["widget"]["value"])
        return context
