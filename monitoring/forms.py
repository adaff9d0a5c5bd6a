"""The monitoring forms: uploading a report's spreadsheet, and the report itself
(its cells, checked by monitoring.validation)."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from toolbox_site.validators import ControlCharactersMixin, has_control_characters

from . import reading
from .models import Indicator
from .validation import (
    MAX_TEXT,
    cells_of,
    comment_name,
    field_name,
    validate,
)

MAX_UPLOAD = 2 * 1024 * 1024


class UploadForm(ControlCharactersMixin, forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX)"),
        help_text=_("The file you downloaded from this report, filled in. At most 2 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Upload an XLSX file: the spreadsheet you downloaded from this report.")
            )
        return upload


MAX_COMMENT = 2000


class ReportForm:
    """The report's cells as a form: raw input in, rows for the template out."""

    def __init__(self, report, structure, rules, stored, previous):
        self.report = report
        self.structure = structure
        self.rules = rules
        self.stored = stored
        self.previous = previous
        self.raw = reading.raw_from_values(structure, stored)
        self.comments = {
            key[0]: value.comment for key, value in stored.items() if key[1] == "" and value
        }
        self.result = validate(structure, rules, self.raw, submitting=False, previous=previous)
        self.result.errors = {}  # stored values are shown, not judged, on GET
        self.comment_errors = {}
        self.editable = False
        self.words = {}

    def bind(self, data, *, submitting):
        self.raw = {}
        for key, _indicator, _item in cells_of(self.structure):
            value = data.get(field_name(key), "")
            self.raw[key] = value if isinstance(value, str) else ""
        self.comments = {}
        for _section, indicators in self.structure:
            for indicator in indicators:
                text = data.get(comment_name(indicator), "")
                self.comments[indicator.code] = text if isinstance(text, str) else ""
                if len(self.comments[indicator.code]) > MAX_COMMENT or has_control_characters(
                    text, multi_line=True
                ):
                    self.comment_errors[indicator.code] = gettext(
                        "A comment has at most %(max)s characters and no control characters."
                    ) % {"max": MAX_COMMENT}
        return self.judge(submitting=submitting)

    def judge(self, *, submitting):
        """Check the values the form holds (stored or typed) as a draft or a submission."""
        self.result = validate(
            self.structure, self.rules, self.raw, submitting=submitting, previous=self.previous
        )
        return self.result.is_valid and not self.comment_errors

    def labels(self):
        labels = {}
        for key, indicator, item in cells_of(self.structure):
            labels[key] = f"{indicator.label} – {item.label}" if item else indicator.label
        return labels

    def error_summary(self):
        labels = self.labels()
        summary = []
        for key, _indicator, _item in cells_of(self.structure):
            for message in self.result.errors.get(key, []):
                summary.append(
                    {"id": f"id_{field_name(key)}", "label": labels[key], "message": message}
                )
        for _section, indicators in self.structure:
            for indicator in indicators:
                if indicator.code in self.comment_errors:
                    summary.append(
                        {
                            "id": f"id_{comment_name(indicator)}",
                            "label": indicator.label,
                            "message": self.comment_errors[indicator.code],
                        }
                    )
        return summary

    def warning_count(self):
        return sum(len(messages) for messages in self.result.warnings.values())

    def cell(self, key, indicator, item):
        name = field_name(key)
        errors = self.result.errors.get(key, [])
        warnings = self.result.warnings.get(key, [])
        cell = {
            "name": name,
            "id": f"id_{name}",
            "value": self.raw.get(key, ""),
            "errors": errors,
            "warnings": warnings,
            "item": item,
            "describedby": " ".join(
                filter(
                    None,
                    [
                        f"help_{indicator.code}" if indicator.help_text else "",
                        f"err_{name}" if errors else "",
                        f"warn_{name}" if warnings else "",
                    ],
                )
            ),
        }
        cell["html"] = render_input(indicator, cell, self.editable, self.words)
        return cell

    def sections(self, editable):
        self.editable = editable
        self.words = {
            "empty": gettext("(not reported)"),
            "yes": gettext("yes"),
            "no": gettext("no"),
            "check": gettext("Check:"),
            "required": gettext("required"),
            "adds_up": gettext("Adds up to"),
            "differs": gettext("differs from the total"),
            "number": gettext("Number"),
            "total": gettext("Total"),
            "comment": gettext("Comment"),
        }
        for section, indicators in self.structure:
            rows = []
            for indicator in indicators:
                total = self.cell((indicator.code, ""), indicator, None)
                items = []
                if indicator.dimension_id:
                    items = [
                        self.cell((indicator.code, item.code), indicator, item)
                        for item in indicator.dimension.items.all()
                    ]
                rows.append(
                    {
                        "indicator": indicator,
                        "total": total,
                        "items": items,
                        "comment": self.comments.get(indicator.code, ""),
                        "comment_name": comment_name(indicator),
                        "comment_error": self.comment_errors.get(indicator.code, ""),
                        "choices": indicator.choice_list,
                        "max_text": MAX_TEXT,
                    }
                )
                rows[-1]["html"] = render_row(rows[-1], editable, self.words)
            yield {"section": section, "rows": rows}


def esc(value):
    return escape(str(value), quote=True)


def render_input(indicator, cell, editable, words):
    """One cell's input, its errors and warnings.

    Rendered here with plain (escaped) strings rather than in the template or with
    format_html: a form has dozens of cells and this is the page's main cost.
    """
    T = Indicator.ValueType
    described = f' aria-describedby="{esc(cell["describedby"])}"' if cell["describedby"] else ""
    attrs = f'name="{esc(cell["name"])}" id="{esc(cell["id"])}"{described}'
    if cell["errors"]:
        attrs += ' aria-invalid="true"'
    if not editable:
        attrs += " disabled"
    invalid = " is-invalid" if cell["errors"] else ""
    value = cell["value"]
    if indicator.value_type in (T.YES_NO, T.CHOICE):
        if indicator.value_type == T.YES_NO:
            options = [("yes", words["yes"]), ("no", words["no"])]
        else:
            options = [(choice, choice) for choice in indicator.choice_list]
        selected = "" if value else " selected"
        rendered = [f'<option value=""{selected}>{esc(words["empty"])}</option>']
        for option, label in options:
            selected = " selected" if value == option else ""
            rendered.append(f'<option value="{esc(option)}"{selected}>{esc(label)}</option>')
        html = f'<select class="form-select{invalid}" {attrs}>{"".join(rendered)}</select>'
    elif indicator.value_type == T.TEXT:
        html = (
            f'<textarea class="form-control{invalid}" {attrs} rows="3" '
            f'maxlength="{MAX_TEXT}">{esc(value)}</textarea>'
        )
    else:
        unit = (
            f'<span class="input-group-text">{esc(indicator.unit)}</span>' if indicator.unit else ""
        )
        cell_class = " monitoring-cell" if cell["item"] else ""
        html = (
            '<div class="input-group monitoring-number"><input type="text" inputmode="decimal" '
            f'autocomplete="off" class="form-control{invalid}{cell_class}" {attrs} '
            f'value="{esc(value)}">{unit}</div>'
        )
    if cell["errors"]:
        errors = " ".join(esc(error) for error in cell["errors"])
        html += f'<div class="invalid-feedback d-block" id="err_{esc(cell["name"])}">{errors}</div>'
    if cell["warnings"]:
        warnings = " ".join(esc(warning) for warning in cell["warnings"])
        html += (
            f'<div class="monitoring-warning" id="warn_{esc(cell["name"])}">'
            f"<strong>{esc(words['check'])}</strong> {warnings}</div>"
        )
    return mark_safe(html)  # every value above is escaped


def render_row(row, editable, words):
    """One indicator: its label, help, input or breakdown table, and the comment."""
    indicator, total = row["indicator"], row["total"]
    label = esc(indicator.label)
    required = (
        f' <span class="text-body-secondary fw-normal">({esc(words["required"])})</span>'
        if indicator.required
        else ""
    )
    help_text = (
        f'<p class="form-text mt-0" id="help_{esc(indicator.code)}">{esc(indicator.help_text)}</p>'
        if indicator.help_text
        else ""
    )
    if row["items"]:
        body = "".join(
            f'<tr><th scope="row" class="fw-normal"><label for="{esc(cell["id"])}">'
            f"{esc(cell['item'].label)}</label></th><td>{cell['html']}</td></tr>"
            for cell in row["items"]
        )
        dimension = esc(indicator.dimension.name)
        caption = esc(
            gettext("%(label)s by %(dimension)s")
            % {"label": indicator.label, "dimension": indicator.dimension.name}
        )
        field = (
            f'<fieldset><legend class="h6 mb-1">{label}{required}</legend>{help_text}'
            f'<table class="table table-sm monitoring-breakdown" '
            f'data-sum-label="{esc(words["adds_up"])}" '
            f'data-differs-label="{esc(words["differs"])}"><caption>{caption}</caption>'
            f'<thead><tr><th scope="col">{dimension}</th>'
            f'<th scope="col">{esc(words["number"])}</th></tr></thead>'
            f"<tbody>{body}</tbody>"
            f'<tfoot><tr><th scope="row"><label for="{esc(total["id"])}">'
            f"{esc(words['total'])}</label></th><td>{total['html']}"
            '<output class="monitoring-sum form-text d-block" aria-live="polite"></output>'
            "</td></tr></tfoot></table></fieldset>"
        )
    else:
        field = (
            f'<label class="form-label fw-semibold" for="{esc(total["id"])}">{label}{required}'
            f'</label>{help_text}<div class="monitoring-field">{total["html"]}</div>'
        )
    comment = ""
    if editable or row["comment"]:
        name = esc(row["comment_name"])
        is_open = " open" if row["comment"] or row["comment_error"] or total["warnings"] else ""
        invalid, invalid_attrs, error = "", "", ""
        if row["comment_error"]:
            invalid = " is-invalid"
            invalid_attrs = f' aria-invalid="true" aria-describedby="err_{name}"'
            error = (
                f'<div class="invalid-feedback d-block" id="err_{name}">'
                f"{esc(row['comment_error'])}</div>"
            )
        disabled = "" if editable else " disabled"
        comment_label = esc(gettext("Comment on “%(label)s”") % {"label": indicator.label})
        comment = (
            f'<details class="monitoring-comment"{is_open}><summary>{esc(words["comment"])}'
            f'<span class="visually-hidden"> – {label}</span></summary>'
            f'<label class="form-label" for="id_{name}">{comment_label}</label>'
            f'<textarea class="form-control{invalid}" name="{name}" id="id_{name}" rows="2"'
            f"{invalid_attrs}{disabled}>{esc(row['comment'])}</textarea>{error}</details>"
        )
    return mark_safe(f'<div class="monitoring-indicator mb-4">{field}{comment}</div>')
