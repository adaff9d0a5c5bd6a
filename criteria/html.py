"""Small HTML helpers for the pages with many repeated fields.

The agreements form has five fields for each of some forty criteria; rendering
each through Django's widget templates costs more than the rest of the page.
The ``<option>`` lists are built here once per request (one string per
possible selected value) and the page's template writes the fields itself,
with the same names, ids, labels and error messages as the form.
"""

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def options(choices, selected):
    """``<option>`` elements for ``choices`` with ``selected`` marked."""
    return mark_safe(
        "".join(
            format_html(
                '<option value="{}"{}>{}</option>',
                value,
                mark_safe(" selected") if str(value) == str(selected) else "",
                label,
            )
            for value, label in choices
        )
    )


class OptionCache:
    """The options of one choice list, per selected value, built once."""

    def __init__(self, choices):
        self.choices = [(str(value), conditional_escape(label)) for value, label in choices]
        self._cache = {}

    def __call__(self, selected):
        selected = "" if selected is None else str(selected)
        if selected not in self._cache:
            self._cache[selected] = options(self.choices, selected)
        return self._cache[selected]


FIELD_ATTRS = ' aria-invalid="true" aria-describedby="{id}_error"'


def agreement_fieldset(row, disabled, to_review_label):
    """One criterion of the agreements form: status, area, review date and text.

    Written in Python rather than in the template: the form repeats it some
    forty times, and this keeps the page within its performance budget.
    """
    fields, labels, pk = row["fields"], row["labels"], row["pk"]
    parts = []
    for name, kind in (("status", "select"), ("area", "select"), ("review_date", "date")):
        field = fields[name]
        invalid_class, invalid_attrs = (
            (" is-invalid", format_html(FIELD_ATTRS, id=field["id"]))
            if field["invalid"]
            else ("", "")
        )
        if kind == "select":
            control = format_html(
                '<select class="form-select{}" name="{}" id="{}"{}>{}</select>',
                invalid_class,
                field["name"],
                field["id"],
                invalid_attrs,
                row[f"{name}_options"],
            )
        else:
            control = format_html(
                '<input type="date" class="form-control{}" name="{}" id="{}" value="{}"{}>',
                invalid_class,
                field["name"],
                field["id"],
                row["review_date"],
                invalid_attrs,
            )
        parts.append(
            format_html(
                '<div class="col-md-4"><label class="form-label" for="{}">{}</label>{}{}</div>',
                field["id"],
                labels[name],
                control,
                field["errors"],
            )
        )
    field = fields["text"]
    invalid_class, invalid_attrs = (
        (" is-invalid", format_html(FIELD_ATTRS, id=field["id"])) if field["invalid"] else ("", "")
    )
    parts.append(
        format_html(
            '<div class="col-12"><label class="form-label" for="{}">{}</label>'
            '<textarea class="form-control{}" name="{}" id="{}" rows="2"{}>\n{}</textarea>{}</div>',
            field["id"],
            labels["text"],
            invalid_class,
            field["name"],
            field["id"],
            invalid_attrs,
            row["text"],
            field["errors"],
        )
    )
    criterion = row["criterion"]
    return format_html(
        '<fieldset class="agreement border rounded p-3 mb-3"{}>'
        '<legend class="h6"><a href="{}">{}</a> {}{}</legend>'
        '<input type="hidden" name="version_{}" value="{}" id="id_version_{}">'
        '<div class="row g-2">{}</div>{}</fieldset>',
        mark_safe(" disabled") if disabled else "",
        row["url"],
        criterion.code,
        criterion.title,
        format_html(' <span class="badge text-bg-warning">{}</span>', to_review_label)
        if row["needs_review"]
        else "",
        pk,
        row["version"],
        pk,
        mark_safe("".join(parts)),
        format_html('<p class="small mb-0 mt-1">{}</p>', row["changed"]) if row["changed"] else "",
    )
