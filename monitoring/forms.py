"""The monitoring forms: uploading a report's spreadsheet, and the report itself
(its cells, checked by monitoring.validation)."""

from django import forms
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
        return cell

    def sections(self):
        """Per section, its indicators with their cells: what
        monitoring/jinja2/monitoring/report_sections.html shows."""
        T = Indicator.ValueType
        yes_no = [("yes", gettext("yes")), ("no", gettext("no"))]
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
                kind = "number"
                if indicator.value_type in (T.YES_NO, T.CHOICE):
                    kind = "select"
                elif indicator.value_type == T.TEXT:
                    kind = "text"
                rows.append(
                    {
                        "indicator": indicator,
                        "kind": kind,
                        "options": yes_no
                        if indicator.value_type == T.YES_NO
                        else [(choice, choice) for choice in indicator.choice_list],
                        "total": total,
                        "items": items,
                        "comment": self.comments.get(indicator.code, ""),
                        "comment_name": comment_name(indicator),
                        "comment_label": gettext("Comment on “%(label)s”")
                        % {"label": indicator.label},
                        "caption": gettext("%(label)s by %(dimension)s")
                        % {"label": indicator.label, "dimension": indicator.dimension.name}
                        if items
                        else "",
                        "comment_error": self.comment_errors.get(indicator.code, ""),
                        "comment_open": bool(
                            self.comments.get(indicator.code)
                            or self.comment_errors.get(indicator.code)
                            or total["warnings"]
                        ),
                        "max_text": MAX_TEXT,
                    }
                )
            yield {"section": section, "rows": rows}
