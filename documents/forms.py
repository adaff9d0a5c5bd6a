"""The coordinators' forms (a new document, its details, a new file, publishing) and
the list's filter (GET)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from toolbox_site.choices import Pillar
from toolbox_site.forms import NoAutofocusMixin, RadioWithoutBlankMixin
from toolbox_site.locking import latest_history_id
from toolbox_site.models import Region
from toolbox_site.uploads import UploadRefused
from toolbox_site.validators import ControlCharactersMixin
from toolbox_site.widgets import Select

from .files import check_upload, kinds_text, max_bytes
from .models import Audience, AudienceChoice, Document


class VersionMixin(ControlCharactersMixin, forms.Form):
    """The version the user started from, for optimistic locking (toolbox_site/locking.py)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)
    based_on = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**63 - 1
    )


class AudienceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, audience):
        return str(audience)


def file_field(required):
    return forms.FileField(
        label=_("File"),
        required=required,
        help_text=_("%(kinds)s, at most %(limit)s.")
        % {"kinds": kinds_text(), "limit": filesizeformat(max_bytes())},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.xlsx,.odt"},
        ),
    )


class UploadMixin:
    """Checks the uploaded file by its content (documents/files.py); keeps the result
    as ``checked``. A file cannot be kept on a form that has errors: the error says to
    choose it again."""

    checked = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        try:
            self.checked = check_upload(upload)
        except UploadRefused as refused:
            raise forms.ValidationError(refused.message, code="invalid") from None
        return upload


class DocumentForm(
    NoAutofocusMixin, RadioWithoutBlankMixin, UploadMixin, VersionMixin, forms.ModelForm
):
    """A new document (with a file or a link), or the details of one (its file is
    replaced on a page of its own)."""

    class Meta:
        model = Document
        fields = ["title", "summary", "pillar", "audiences", "region", "external_url"]
        field_classes = {"audiences": AudienceField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "pillar": forms.RadioSelect,
            "audiences": forms.CheckboxSelectMultiple,
            "region": Select(attrs={"class": "form-select"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        creating = self.instance.pk is None
        # The choices as plain lists, read once (the querysets still check what is sent).
        audiences = self.fields["audiences"]
        audiences.queryset = Audience.objects.all()
        audiences.choices = [(code, capfirst(label)) for code, label in AudienceChoice.choices]
        audiences.help_text = _("Choose one or more.")
        region = self.fields["region"]
        region.queryset = Region.objects.coordinated_by(user)
        region.choices = [(pk, name) for pk, name in region.queryset.values_list("pk", "name")]
        if creating:
            self.fields["file"] = file_field(required=False)
            self.fields["external_url"].help_text = _(
                "A document has a file or a link: leave this empty when you upload a file."
            )
            self.order_fields(["title", "summary", "pillar", "audiences", "region", "file"])
        elif self.instance.is_link:
            self.fields["external_url"].required = True
        else:
            del self.fields["external_url"]
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version if not creating else 0)
            self.initial.setdefault("based_on", latest_history_id(self.instance))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            has_file = bool(cleaned.get("file")) or "file" in self.errors
            has_link = bool(cleaned.get("external_url")) or "external_url" in self.errors
            if has_file and has_link:
                self.add_error(
                    "external_url",
                    _("Give a file or a link, not both: leave the link empty for a file."),
                )
            elif not has_file and not has_link:
                self.add_error("file", _("Choose a file, or give a link below."))
                self.add_error("external_url", _("Give a link, or choose a file above."))
        return cleaned


class ReplaceFileForm(NoAutofocusMixin, UploadMixin, VersionMixin):
    """A new version of a document's file; the old one stays in its history."""

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"] = file_field(required=True)
        self.fields["file"].label = _("New file")
        self.order_fields(["file"])
        if not self.is_bound:
            self.initial.setdefault("version", document.version)
            self.initial.setdefault("based_on", latest_history_id(document))


class PublishForm(VersionMixin):
    """Publish or unpublish: only the version."""


class DocumentFilter(django_filters.FilterSet):
    """The list's filters, as GET parameters (a shareable address)."""

    pijler = django_filters.ChoiceFilter(
        label=_("Pillar"),
        field_name="pillar",
        choices=Pillar.choices,
        empty_label=_("All pillars"),
    )
    voor = django_filters.ChoiceFilter(
        label=_("Audience"),
        choices=AudienceChoice.choices,
        empty_label=_("All audiences"),
        method="for_audience",
    )

    class Meta:
        model = Document
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget = Select(attrs={"class": "form-select"}, choices=field.choices)

    def for_audience(self, queryset, name, value):
        through = Document.audiences.through
        return queryset.filter(
            Exists(through.objects.filter(document=OuterRef("pk"), audience=value))
        )
