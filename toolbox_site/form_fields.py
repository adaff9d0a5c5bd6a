"""The fields of a form as data for one Jinja2 template (toolbox_site/jinja2/includes/
fields.html), which writes the markup crispy-forms' Bootstrap 5 templates write for them:
on a cold cache crispy took most of a form page's time (a template, a context and a
widget template per field and per option). Only the data is made here: for each field,
what Django's widget template and crispy's layout template would get.

A form opts in with ``JinjaFieldsMixin`` and its page with
``{% include "includes/form.html" with fields_template="includes/fields.html" %}``.
tests/toolbox_site/test_form_fields.py, tests/network/test_service_fields.py and
tests/callbacks/test_callback_fields.py hold the result to crispy's, for any input.
"""

from django import forms
from django.forms.widgets import Input

from .widgets import Select


def _crispy_class(widget, extra):
    """The CSS class crispy-forms gives a widget (``crispy_field``): the widget's own
    class, its class name in lowercase, then the template pack's classes."""
    name = widget.__class__.__name__.lower()
    css = widget.attrs.get("class", "")
    if not css:
        css = name
    elif name not in css:
        css += f" {name}"
    for part in extra.split():
        if part not in css.split():
            css += f" {part}"
    return css


def _widget(field):
    """Django's widget context for the field, as ``BoundField.as_widget`` builds it."""
    widget = field.field.widget
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return widget.get_context(field.html_name, field.value(), attrs)


def field_row(field):
    """What fields.html needs to write one bound field: ``kind`` (hidden, checkbox,
    choices, or a plain field), ``template`` (input, textarea, select, or ``html``
    already rendered by Django for any other widget) and the widget's context."""
    widget = field.field.widget
    invalid = " is-invalid" if field.errors else ""
    if field.is_hidden:
        return {"field": field, "kind": "hidden", "template": "input", **_widget(field)}
    if isinstance(widget, forms.CheckboxInput):
        kind, extra = "checkbox", "form-check-input"
    elif isinstance(widget, forms.RadioSelect):  # check boxes too (a subclass)
        id_ = widget.attrs.get("id") or field.auto_id
        attrs = field.build_widget_attrs({"id": id_} if id_ else {})
        values = widget.format_value(field.value())
        return {
            "field": field,
            "kind": "choices",
            "groups": widget.optgroups(field.html_name, values, attrs),
        }
    elif isinstance(widget, forms.Select):
        kind, extra = "field", "form-select"
    else:
        kind, extra = "field", "form-control"
    # As crispy does: the class is kept on the form's own copy of the widget.
    widget.attrs["class"] = _crispy_class(widget, extra + invalid)
    if isinstance(widget, Select):
        return {"field": field, "kind": kind, "template": "select", **_widget(field)}
    if isinstance(widget, forms.Textarea):
        return {"field": field, "kind": kind, "template": "textarea", **_widget(field)}
    if isinstance(widget, Input) and not isinstance(widget, forms.FileInput):
        return {"field": field, "kind": kind, "template": "input", **_widget(field)}
    return {"field": field, "kind": kind, "template": "html", "html": str(field)}


class JinjaFieldsMixin:
    """A form whose fields includes/fields.html writes (includes/form.html
    ``fields_template``)."""

    def field_rows(self):
        return [field_row(field) for field in self]
