from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from criteria.models import Criterion, Framework
from network.models import Role
from toolbox_site.choices import Pillar
from toolbox_site.form_fields import JinjaFieldsMixin
from toolbox_site.forms import (
    KeptModelChoiceField,
    KeptModelMultipleChoiceField,
    NoAutofocusMixin,
    RadioWithoutBlankMixin,
)
from toolbox_site.locking import latest_history_id
from toolbox_site.models import Organization
from toolbox_site.validators import ControlCharactersMixin
from toolbox_site.widgets import Select

from .models import PracticeExample

MAX_TEXT = 10000


class CriterionChoiceField(KeptModelMultipleChoiceField):
    def label_from_instance(self, criterion):
        return f"{criterion.code} {criterion.title}"


class RoleChoiceField(KeptModelMultipleChoiceField):
    def label_from_instance(self, role):
        return role.name


class PracticeExampleForm(
    JinjaFieldsMixin,
    NoAutofocusMixin,
    RadioWithoutBlankMixin,
    ControlCharactersMixin,
    forms.ModelForm,
):
    """A practice example as its municipality's editors write it. The municipality is
    one the user may edit; criteria come from the published framework of its region,
    the contact organization from its region too."""

    # The version the user started from, for optimistic locking (toolbox_site/locking.py).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)
    based_on = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**63 - 1
    )

    class Meta:
        model = PracticeExample
        fields = [
            "title",
            "municipality",
            "pillar",
            "what_was_done",
            "what_it_brought",
            "criteria",
            "roles",
            "contact_organization",
        ]
        field_classes = {
            "municipality": KeptModelChoiceField,
            "criteria": CriterionChoiceField,
            "roles": RoleChoiceField,
            "contact_organization": KeptModelChoiceField,
        }
        widgets = {
            "municipality": Select,
            "contact_organization": Select,
            "pillar": forms.RadioSelect,
            "criteria": forms.CheckboxSelectMultiple,
            "roles": forms.CheckboxSelectMultiple,
            "what_was_done": forms.Textarea(attrs={"rows": 8}),
            "what_it_brought": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = Organization.objects.municipalities().editable_by(user)
        self.fields["municipality"].queryset = municipalities.order_by("name")
        self.fields["municipality"].empty_label = _("Choose a municipality")
        self.fields["pillar"].choices = Pillar.choices
        regions = municipalities.values("region_id")
        self.fields["criteria"].queryset = (
            Criterion.objects.filter(
                framework__status=Framework.Status.PUBLISHED, framework__region__in=regions
            )
            .select_related("framework")
            .order_by("framework__region__name", "theme__order", "order", "code")
            # What the form shows and checks: the label and the framework's region.
            .only("code", "title", "framework__region")
        )
        self.fields["criteria"].help_text = _(
            "The quality criteria of your region that this example puts into practice."
        )
        self.fields["roles"].queryset = Role.objects.order_by(
            "category__order", "category__code", "order", "name"
        ).only("name")
        self.fields["roles"].help_text = _("The roles in the network that this example is about.")
        self.fields["contact_organization"].queryset = (
            Organization.objects.filter(region__in=regions).order_by("name").only("name", "region")
        )
        self.fields["contact_organization"].empty_label = _("None")
        for name in ("what_was_done", "what_it_brought"):
            self.fields[name].validators.append(MaxLengthValidator(MAX_TEXT))
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)
            self.initial.setdefault("based_on", latest_history_id(self.instance))
            if self.instance.pk is not None:
                self.initial["criteria"] = self.current_criteria(self.initial.get("criteria"))
            if self.instance.pk is None:
                # The choices' own rows, which the form shows next (KeptChoiceIterator).
                only = list(self.fields["municipality"].queryset)
                if len(only) == 1:
                    self.initial["municipality"] = only[0].pk

    def current_criteria(self, linked):
        """The criteria of the current framework with the codes of those linked: after a
        new framework version, the example's criteria are those of the old one, which
        the form does not offer (and saving would drop)."""
        codes = {criterion.code for criterion in linked or ()}
        region_id = self.instance.municipality.region_id
        # From the choices' own rows, which the form shows next (KeptChoiceIterator).
        return [
            criterion.pk
            for criterion in self.fields["criteria"].queryset
            if criterion.code in codes and criterion.framework.region_id == region_id
        ]

    def clean(self):
        cleaned_data = super().clean()
        municipality = cleaned_data.get("municipality")
        if municipality is None:
            return cleaned_data
        criteria = cleaned_data.get("criteria")
        if criteria and any(
            criterion.framework.region_id != municipality.region_id for criterion in criteria
        ):
            self.add_error(
                "criteria",
                _("Choose only criteria of the framework of %(region)s.")
                % {"region": municipality.region},
            )
        contact = cleaned_data.get("contact_organization")
        if contact is not None and contact.region_id != municipality.region_id:
            self.add_error(
                "contact_organization",
                _("Choose an organization of %(region)s.") % {"region": municipality.region},
            )
        return cleaned_data


class PublishForm(ControlCharactersMixin, forms.Form):
    """The version of the example the publish (or unpublish) button was shown with."""

    version = forms.IntegerField(min_value=0, max_value=2**31 - 1)


class ExampleFilterForm(ControlCharactersMixin, forms.Form):
    """The list's filters, from the query string; other pages link to them
    (``?gemeente=<slug>``, ``?criterium=<id>``, ``?rol=<slug>``)."""

    pijler = forms.ChoiceField(label=_("Pillar"), required=False)
    gemeente = forms.ChoiceField(label=_("Municipality"), required=False)
    criterium = forms.TypedChoiceField(label=_("Quality criterion"), required=False, coerce=int)
    rol = forms.ChoiceField(label=_("Role"), required=False)

    def __init__(self, *args, municipalities, criteria, roles, **kwargs):
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["pijler"].choices = [everything, *Pillar.choices]
        self.fields["gemeente"].choices = [everything, *municipalities]
        self.fields["criterium"].choices = [everything, *criteria]
        self.fields["rol"].choices = [everything, *roles]
