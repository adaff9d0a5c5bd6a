from django import forms
from django.utils.translation import gettext_lazy as _

from toolbox_site import widgets
from toolbox_site.form_fields import JinjaFieldsMixin
from toolbox_site.forms import NoAutofocusMixin, RadioWithoutBlankMixin, VersionMixin
from toolbox_site.locking import latest_history_id
from toolbox_site.models import Organization
from toolbox_site.validators import ControlCharactersMixin

from .capacity import AcceptsNewClients
from .models import (
    Law,
    LifeDomain,
    Link,
    Provider,
    Role,
    Service,
    StepProgress,
    TargetGroup,
)

MAX_TEXT = 5000


def list_choices(field, options):
    """Give a choice field its options as (pk, label) pairs read as tuples, not as
    objects; the field's queryset still validates what is submitted."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = [*empty, *options]


class RoleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, role):
        return f"{role.category.code}. {role.name}"


class ServiceForm(
    JinjaFieldsMixin, NoAutofocusMixin, RadioWithoutBlankMixin, VersionMixin, forms.ModelForm
):
    new_provider = forms.CharField(
        label=_("or a new provider"),
        required=False,
        max_length=150,
        help_text=_("Type the name of the organization or practice when it is not in the list."),
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "role",
            "provider",
            "new_provider",
            "description",
            "municipalities",
            "life_domains",
            "target_groups",
            "laws",
            "formality",
            "independent",
            "free",
            "languages",
            "phone",
            "email",
            "website",
            "visiting_address",
            "postal_code",
            "city",
            "opening_hours",
            "minimum_age",
            "maximum_age",
            "accepts_new_clients",
            "waiting_weeks",
        ]
        field_classes = {"role": RoleChoiceField}
        widgets = {
            "role": widgets.Select,
            "provider": widgets.Select,
            "municipalities": forms.CheckboxSelectMultiple,
            "life_domains": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "laws": forms.CheckboxSelectMultiple,
            "formality": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
            "accepts_new_clients": forms.RadioSelect,
            "waiting_weeks": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["role"].queryset = Role.objects.select_related("category")
        list_choices(
            self.fields["role"],
            (
                (pk, f"{code}. {name}")
                for pk, code, name in Role.objects.values_list("pk", "category__code", "name")
            ),
        )
        providers = Provider.objects.in_region(organization.region_id).order_by("name")
        self.fields["provider"].queryset = providers
        list_choices(self.fields["provider"], providers.values_list("pk", "name"))
        self.fields["provider"].required = False
        self.fields["municipalities"].queryset = Organization.objects.municipalities().filter(
            region_id=organization.region_id
        )
        self.fields["life_domains"].queryset = LifeDomain.objects.all()
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.fields["laws"].queryset = Law.objects.all()
        # Room for new clients: "unknown" is an answer of its own, not a blank.
        self.fields["accepts_new_clients"].choices = [
            ("", _("unknown")),
            *AcceptsNewClients.choices,
        ]
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)
            self.initial.setdefault("based_on", latest_history_id(self.instance))
            # A new service of a municipality serves that municipality, unless said
            # otherwise (the unsaved instance's initial list is empty, not missing).
            if not self.instance.pk and organization.is_municipality:
                self.initial["municipalities"] = self.initial.get("municipalities") or [
                    organization.pk
                ]

    def clean_description(self):
        return _limit(self.cleaned_data["description"])

    def clean_opening_hours(self):
        return _limit(self.cleaned_data["opening_hours"])

    def clean(self):
        cleaned = super().clean()
        provider = cleaned.get("provider")
        new_provider = (cleaned.get("new_provider") or "").strip()
        if provider and new_provider:
            self.add_error(
                "new_provider", _("Choose a provider from the list or type a new one, not both.")
            )
        elif not provider and not new_provider and "provider" not in self.errors:
            self.add_error("provider", _("Choose a provider or type the name of a new one."))
        return cleaned

    def save_provider(self):
        """The chosen provider, or the new one (found again by name)."""
        provider = self.cleaned_data.get("provider")
        if provider:
            return provider
        provider, _created = Provider.objects.get_or_create(
            maintained_by=self.organization, name=self.cleaned_data["new_provider"].strip()
        )
        return provider


def _limit(text):
    if len(text) > MAX_TEXT:
        raise forms.ValidationError(
            _("Keep this under %(max)d characters.") % {"max": MAX_TEXT}, code="max_length"
        )
    return text


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, service):
        return f"{service.name} ({service.role.name})"


class LinkForm(NoAutofocusMixin, RadioWithoutBlankMixin, VersionMixin, forms.ModelForm):
    class Meta:
        model = Link
        fields = ["from_service", "kind", "to_service", "note"]
        field_classes = {"from_service": ServiceChoiceField, "to_service": ServiceChoiceField}
        widgets = {
            "from_service": widgets.Select,
            "kind": forms.RadioSelect,
            "to_service": widgets.Select,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        services = (
            Service.objects.active()
            .serving(municipality)
            .select_related("role")
            .order_by("name", "pk")
        )
        options = [
            (pk, f"{name} ({role})")
            for pk, name, role in services.values_list("pk", "name", "role__name")
        ]
        for field_name in ("from_service", "to_service"):
            self.fields[field_name].queryset = services
            list_choices(self.fields[field_name], options)
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)

    def clean_note(self):
        return _limit(self.cleaned_data["note"])

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("from_service")
            and cleaned.get("from_service") == cleaned.get("to_service")
            and "to_service" not in self.errors
        ):
            self.add_error("to_service", _("A service cannot be linked to itself."))
        return cleaned


class StepProgressForm(NoAutofocusMixin, RadioWithoutBlankMixin, VersionMixin, forms.ModelForm):
    class Meta:
        model = StepProgress
        fields = ["status", "date", "note"]
        widgets = {
            "status": forms.RadioSelect,
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)

    def clean_note(self):
        return _limit(self.cleaned_data["note"])


class ConfirmForm(VersionMixin):
    """Archive, unarchive, "checked today": only the version."""


class ImportForm(NoAutofocusMixin, ControlCharactersMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV (UTF-8) or Excel file (.xlsx) in the format of the export."),
    )
