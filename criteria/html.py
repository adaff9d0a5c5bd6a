"""Small HTML helpers for the pages with many repeated fields.

The agreements form has five fields for each of some forty criteria; rendering
each through Django's widget templates (or even ``format_html``) costs more
than the rest of the page. The ``<option>`` lists are built once per language
and selected value, and each criterion's fieldset is one formatted string, with
the same names, ids, labels and error messages as the form. Every value that
comes from the database or the visitor goes through ``escape``.
"""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

_options = {}


def options(key, choices, selected, language=None):
    """``<option>`` elements for ``choices`` with ``selected`` marked (cached per
    ``key``, language and selected value; ``choices`` must not vary otherwise)."""
    selected = "" if selected is None else str(selected)
    cache_key = (key, language or get_language(), selected)
    html = _options.get(cache_key)
    if html is None:
        html = mark_safe(
            "".join(
                '<option value="{}"{}>{}</option>'.format(
                    escape(str(value)),
                    " selected" if str(value) == selected else "",
                    escape(str(label)),
                )
                for value, label in choices
            )
        )
        if len(_options) < 10_000:  # typed values are not all worth keeping
            _options[cache_key] = html
    return html


def dynamic_options(choices, selected):
    """Options of choices that vary (e.g. the themes of a framework): not cached."""
    selected = "" if selected is None else str(selected)
    return mark_safe(
        "".join(
            '<option value="{}"{}>{}</option>'.format(
                escape(str(value)),
                " selected" if str(value) == selected else "",
                escape(str(label)),
            )
            for value, label in choices
        )
    )


def _errors(field, field_id):
    """The field's errors in one element, the one its aria-describedby names."""
    if not field["errors"]:
        return ""
    errors = " ".join(escape(str(error)) for error in field["errors"])
    return f'<div class="invalid-feedback d-block" id="{field_id}_error">{errors}</div>'


def _invalid(field, field_id):
    if field["errors"]:
        return " is-invalid", f' aria-invalid="true" aria-describedby="{field_id}_error"'
    return "", ""


def agreement_fieldset(row, disabled, to_review_label):
    """One criterion of the agreements form: status, area, review date and text.

    Written in Python rather than in the template: the form repeats it some
    forty times, and this keeps the page within its performance budget.
    """
    fields, labels, pk = row["fields"], row["labels"], row["pk"]
    parts = []
    for name in ("status", "area", "review_date"):
        field, field_id = fields[name], f"id_{name}_{pk}"
        invalid_class, invalid_attrs = _invalid(field, field_id)
        if name == "review_date":
            control = (
                f'<input type="date" class="form-control{invalid_class}" name="{name}_{pk}" '
                f'id="{field_id}" value="{escape(str(row["review_date"]))}"{invalid_attrs}>'
            )
        else:
            control = (
                f'<select class="form-select{invalid_class}" name="{name}_{pk}" '
                f'id="{field_id}"{invalid_attrs}>{row[f"{name}_options"]}</select>'
            )
        parts.append(
            f'<div class="col-md-4"><label class="form-label" for="{field_id}">'
            f"{escape(labels[name])}</label>{control}{_errors(field, field_id)}</div>"
        )
    field, field_id = fields["text"], f"id_text_{pk}"
    invalid_class, invalid_attrs = _invalid(field, field_id)
    parts.append(
        f'<div class="col-12"><label class="form-label" for="{field_id}">'
        f"{escape(labels['text'])}</label>"
        f'<textarea class="form-control{invalid_class}" name="text_{pk}" '
        f'id="{field_id}" rows="2"{invalid_attrs}>\n{escape(str(row["text"]))}</textarea>'
        f"{_errors(field, field_id)}</div>"
    )
    criterion = row["criterion"]
    badge = (
        f' <span class="badge text-bg-warning">{escape(to_review_label)}</span>'
        if row["needs_review"]
        else ""
    )
    changed = f'<p class="small mb-0 mt-1">{escape(row["changed"])}</p>' if row["changed"] else ""
    return mark_safe(
        f'<fieldset class="agreement border rounded p-3 mb-3"{" disabled" if disabled else ""}>'
        f'<legend class="h6"><a href="{escape(row["url"])}">{escape(criterion.code)}</a> '
        f"{escape(criterion.title)}{badge}</legend>"
        f'<input type="hidden" name="version_{pk}" value="{escape(str(row["version"]))}" '
        f'id="id_version_{pk}">'
        f'<div class="row g-2">{"".join(parts)}</div>{changed}</fieldset>'
    )
