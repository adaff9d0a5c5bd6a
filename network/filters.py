"""The map's filters, as GET parameters (a shareable URL)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Formality, Law, LifeDomain, RoleCategory, Service, TargetGroup


class ServiceFilter(django_filters.FilterSet):
    categorie = django_filters.ModelChoiceFilter(
        label=_("Role category"),
        field_name="role__category",
        queryset=RoleCategory.objects.all(),
        to_field_name="slug",
        empty_label=_("All categories"),
    )
    levensgebied = django_filters.ModelChoiceFilter(
        label=_("Life domain"),
        field_name="life_domains",
        queryset=LifeDomain.objects.all(),
        to_field_name="slug",
        empty_label=_("All life domains"),
    )
    doelgroep = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        field_name="target_groups",
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        empty_label=_("All target groups"),
    )
    soort = django_filters.ChoiceFilter(
        label=_("Formal or informal"),
        field_name="formality",
        choices=Formality.choices,
        empty_label=_("Formal and informal"),
    )
    wet = django_filters.ModelChoiceFilter(
        label=_("Law"),
        field_name="laws",
        queryset=Law.objects.all(),
        to_field_name="slug",
        empty_label=_("All laws"),
    )

    class Meta:
        model = Service
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select"

    @property
    def active_filters(self):
        """True when at least one valid filter narrows the list."""
        return self.is_bound and any(
            value for value in getattr(self.form, "cleaned_data", {}).values()
        )
