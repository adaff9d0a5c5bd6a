"""The map's filters, as GET parameters (a shareable URL).

The choices come from the reference lists, read in one query (``reference_choices``),
so the filter form costs no query per list and checks values without asking the database.
"""

import django_filters
from django.db.models import F, Value
from django.utils.translation import gettext_lazy as _

from toolbox_site.widgets import Select

from .models import Formality, Law, LifeDomain, RoleCategory, Service, TargetGroup

LISTS = {
    "categorie": RoleCategory,
    "levensgebied": LifeDomain,
    "doelgroep": TargetGroup,
    "wet": Law,
}


def reference_choices():
    """(slug, label) choices of the four lists, in one UNION query."""
    queries = [
        model.objects.order_by()
        .annotate(list_key=Value(key), label=F("abbreviation") if model is Law else F("name"))
        .values_list("list_key", "order", "slug", "label")
        for key, model in LISTS.items()
    ]
    rows = sorted(queries[0].union(*queries[1:], all=True))
    choices = {key: [] for key in LISTS}
    for key, _order, slug, label in rows:
        choices[key].append((slug, label))
    return choices


class ServiceFilter(django_filters.FilterSet):
    categorie = django_filters.ChoiceFilter(
        label=_("Role category"),
        field_name="role__category__slug",
        empty_label=_("All categories"),
    )
    levensgebied = django_filters.ChoiceFilter(
        label=_("Life domain"),
        field_name="life_domains__slug",
        empty_label=_("All life domains"),
    )
    doelgroep = django_filters.ChoiceFilter(
        label=_("Target group"),
        field_name="target_groups__slug",
        empty_label=_("All target groups"),
    )
    soort = django_filters.ChoiceFilter(
        label=_("Formal or informal"),
        field_name="formality",
        choices=Formality.choices,
        empty_label=_("Formal and informal"),
    )
    wet = django_filters.ChoiceFilter(
        label=_("Law"),
        field_name="laws__slug",
        empty_label=_("All laws"),
    )

    class Meta:
        model = Service
        fields = []

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for key, options in choices.items():
            self.form.fields[key].choices = [("", self.form.fields[key].choices[0][1]), *options]
        for field in self.form.fields.values():
            # One template loop for the options, not one template per option.
            field.widget = Select(attrs={"class": "form-select"}, choices=field.choices)

    @property
    def active_filters(self):
        """True when at least one valid filter narrows the list."""
        return self.is_bound and any(
            value for value in getattr(self.form, "cleaned_data", {}).values()
        )
