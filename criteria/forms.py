from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from toolbox_site.dates import show_datetime
from toolbox_site.validators import ControlCharactersMixin
from toolbox_site.widgets import Select, render_options

from .models import Audience, LocalAgreement

AUDIENCE_FILTER_CHOICES = [
    ("", _("Formal and informal")),
    (Audience.FORMAL, _("Formal client support")),
    (Audience.INFORMAL, _("Informal client support")),
]


class CriteriaFilterForm(ControlCharactersMixin, forms.Form):
    """The GET filters of the criteria list; an invalid value is ignored, with a message."""

    thema = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    voor = forms.ChoiceField(label=_("For"), choices=AUDIENCE_FILTER_CHOICES, required=False)
    q = forms.CharField(label=_("Search in title and explanation"), required=False, max_length=100)

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = [("", _("All themes"))] + [
            (theme.pk, theme.name) for theme in themes
        ]

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", "").strip()


class GuideForm(ControlCharactersMixin, forms.Form):
    voor = forms.ChoiceField(label=_("For"), choices=AUDIENCE_FILTER_CHOICES, required=False)


class MatrixFilterForm(ControlCharactersMixin, forms.Form):
    thema = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    gebied = forms.ChoiceField(
        label=_("Area"),
        choices=[("", _("All areas")), *LocalAgreement.Area.choices],
        required=False,
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = [("", _("All themes"))] + [
            (theme.pk, theme.name) for theme in themes
        ]


class TrainingFilterForm(ControlCharactersMixin, forms.Form):
    onderwerp = forms.ChoiceField(
        label=_("Topic"), required=False, widget=Select(attrs={"class": "form-select"})
    )
    voor = forms.ChoiceField(
        label=_("For"),
        choices=AUDIENCE_FILTER_CHOICES,
        required=False,
        widget=Select(attrs={"class": "form-select"}),
    )
    vanaf = forms.DateField(
        label=_("Sessions from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    voorbij = forms.BooleanField(
        label=_("Also show past sessions"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderwerp"].choices = [("", _("All topics"))] + [
            (topic.slug, topic.name) for topic in topics
        ]


class AgreementsForm(ControlCharactersMixin, forms.Form):
    """All agreements of one municipality on the criteria of a framework, in one form.

    Four fields per criterion (``status_<id>``, ``area_<id>``, ``text_<id>``,
    ``review_<id>``) and a hidden ``version_<id>``: the version of the agreement
    the editor saw, for optimistic locking (0: there was none).
    """

    FIELDS = ("status", "area", "text", "review_date")

    def __init__(self, *args, criteria, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.agreements = agreements  # criterion id -> LocalAgreement
        self.today = timezone.localdate()
        label_texts = self.label_texts()
        for criterion in self.criteria:
            agreement = agreements.get(criterion.pk)
            labels = self.labels(criterion.code, label_texts)
            self.fields[f"status_{criterion.pk}"] = forms.ChoiceField(
                label=labels["status"],
                choices=self.status_choices(),
                required=False,
                initial=agreement.status if agreement else "",
            )
            self.fields[f"area_{criterion.pk}"] = forms.ChoiceField(
                label=labels["area"],
                choices=self.area_choices(),
                required=False,
                initial=agreement.area if agreement else "",
            )
            self.fields[f"text_{criterion.pk}"] = forms.CharField(
                label=labels["text"],
                required=False,
                max_length=LocalAgreement.TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=agreement.text if agreement else "",
            )
            self.fields[f"review_date_{criterion.pk}"] = forms.DateField(
                label=labels["review_date"],
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                initial=agreement.review_date if agreement else None,
            )
            self.fields[f"version_{criterion.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput,
                min_value=0,
                required=False,
                initial=agreement.version if agreement else 0,
            )

    @staticmethod
    def status_choices():
        return [("", _("not yet discussed")), *LocalAgreement.Status.choices]

    @staticmethod
    def area_choices():
        return [("", "–"), *LocalAgreement.Area.choices]

    @staticmethod
    def label_texts():
        """The four fields' labels, ``%(code)s`` for the criterion's code."""
        return {
            "status": gettext("Status of %(code)s"),
            "area": gettext("Area of %(code)s"),
            "text": gettext("Agreement on %(code)s"),
            "review_date": gettext("Review date of %(code)s"),
        }

    @classmethod
    def labels(cls, code, texts=None):
        """The four fields' labels for the criterion with ``code`` (``texts``: those
        of :meth:`label_texts`, translated once for many criteria)."""
        return {name: text % {"code": code} for name, text in (texts or cls.label_texts()).items()}

    @classmethod
    def display_rows(cls, criteria, current, form=None):
        """Per criterion, what the page shows of its fields: the saved values, or
        what was typed when ``form`` is bound, with its errors. Built from the same
        labels and choices as the fields, without binding forty sets of widgets;
        criteria/includes/agreement_fieldset.html shows them."""
        # Translated once here, not once per criterion.
        status_choices, area_choices = (
            [(value, str(label)) for value, label in choices]
            for choices in (cls.status_choices(), cls.area_choices())
        )
        label_texts = cls.label_texts()
        data = form.data if form is not None else {}
        errors = form.errors if form is not None else {}
        changed_label = gettext("Last changed %(date)s")
        no_errors = {name: {"invalid": False, "errors": ()} for name in cls.FIELDS}
        rendered = {}

        def options(name, choices, selected):
            # The <option>s of a select, rendered once per field and chosen value: forty
            # criteria share a handful of them.
            if (name, selected) not in rendered:
                rendered[name, selected] = render_options(choices, selected)
            return rendered[name, selected]

        rows = []
        for criterion in criteria:
            pk = criterion.pk
            agreement = current.get(pk)
            if form is not None:
                values = {name: data.get(f"{name}_{pk}", "") for name in (*cls.FIELDS, "version")}
            else:
                values = {
                    "status": agreement.status if agreement else "",
                    "area": agreement.area if agreement else "",
                    "text": agreement.text if agreement else "",
                    "review_date": agreement.review_date.isoformat()
                    if agreement and agreement.review_date
                    else "",
                    "version": agreement.version if agreement else 0,
                }
            fields = no_errors
            if errors:
                fields = {
                    name: {
                        "invalid": bool(errors.get(f"{name}_{pk}")),
                        "errors": errors.get(f"{name}_{pk}", ()),
                    }
                    for name in cls.FIELDS
                }
            changed = ""
            if agreement is not None:
                changed = changed_label % {"date": show_datetime(agreement.updated_at)}
                if agreement.updated_by_name:
                    changed += f" – {agreement.updated_by_name}"
            labels = cls.labels(criterion.code, label_texts)
            rows.append(
                {
                    "criterion": criterion,
                    "pk": pk,
                    "needs_review": agreement is not None and agreement.needs_review,
                    "labels": labels,
                    "ids": {name: f"id_{name}_{pk}" for name in cls.FIELDS},
                    "fields": fields,
                    "selects": [
                        {
                            "name": name,
                            "id": f"id_{name}_{pk}",
                            "label": labels[name],
                            "options": options(name, choices, str(values[name] or "")),
                            "field": fields[name],
                        }
                        for name, choices in (("status", status_choices), ("area", area_choices))
                    ],
                    "text": values["text"],
                    "review_date": values["review_date"],
                    "version": values["version"],
                    "changed": changed,
                }
            )
        return rows

    def values_for(self, criterion):
        data = self.cleaned_data
        return {name: data.get(f"{name}_{criterion.pk}") for name in self.FIELDS}

    @staticmethod
    def values_of(agreement):
        if agreement is None:
            return {"status": "", "area": "", "text": "", "review_date": None}
        return {name: getattr(agreement, name) for name in AgreementsForm.FIELDS}

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            pk = criterion.pk
            agreement = self.agreements.get(pk)
            values = self.values_for(criterion)
            if any(name in self.errors for name in (f"{n}_{pk}" for n in self.FIELDS)):
                continue
            values["text"] = values["text"] or ""
            if values == self.values_of(agreement):
                continue
            review = values["review_date"]
            old_review = agreement.review_date if agreement else None
            if review and review != old_review and review < self.today:
                self.add_error(
                    f"review_date_{pk}", _("Choose a review date today or in the future.")
                )
            if not values["status"] and (
                agreement is not None or values["area"] or values["text"] or review
            ):
                self.add_error(f"status_{pk}", _("Choose a status for this agreement."))
        return cleaned
