"""The map's filters, as GET parameters (a shareable URL).

The choices come from the reference lists, read in one query with the role categories
and the roles the map groups its services by (``reference_lists``), so the filter form
costs no query per list and checks values without asking the database.
"""

import functools
from dataclasses import dataclass

import django_filters
from django.db.models import F, IntegerField, TextField, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from toolbox_site.widgets import Select

from .models import Formality, Law, LifeDomain, Role, RoleCategory, Service, TargetGroup
from .rows import CategoryRow, RoleRow

LISTS = {
    "categorie": RoleCategory,
    "levensgebied": LifeDomain,
    "doelgroep": TargetGroup,
    "wet": Law,
}


#: The columns every list gives (None where a list has no such column), in this order:
#: a UNION takes its branches' columns by position.
_EXTRA = {
    "ref_code": TextField(),  # a category's letter
    "ref_parent": IntegerField(),  # a role's category
    "ref_adds": TextField(),  # what a role adds to a network
    "ref_text": TextField(),  # what a role does
}


def _list(key, model, label="name", **columns):
    """One branch of the UNION: ``columns`` gives the extra columns the list has."""
    # A typed NULL: PostgreSQL types an untyped one as text when two branches have it.
    values = {name: columns.get(name, Cast(Value(None), field)) for name, field in _EXTRA.items()}
    return (
        model.objects.order_by()
        .annotate(list_key=Value(key), label=F(label), **values)
        .values_list("list_key", "pk", "order", "slug", "label", *_EXTRA)
    )


@dataclass
class ReferenceLists:
    choices: dict  # filter name -> [(slug, label)] in the lists' order
    categories: list  # every RoleCategory as a CategoryRow, in its order
    roles: list  # every Role as a RoleRow (with its category), in Role's order


@functools.cache
def _reference_query():
    """The UNION of the lists, built once (a query, not its rows: like a generic view's
    ``queryset``, each use runs it anew with ``.all()``); building its five branches
    took longer than running it."""
    queries = [
        _list("categorie", RoleCategory, ref_code=F("code")),
        _list("levensgebied", LifeDomain),
        _list("doelgroep", TargetGroup),
        _list("wet", Law, label="abbreviation"),
        _list(
            "rol",
            Role,
            ref_parent=F("category_id"),
            ref_adds=F("adds"),
            ref_text=F("description"),
        ),
    ]
    return queries[0].union(*queries[1:], all=True)


def reference_lists():
    """The filters' choices, the role categories and the roles, in one UNION query."""
    rows = sorted(_reference_query().all(), key=lambda row: (row[0], row[2], row[3]))
    choices = {key: [] for key in LISTS}
    categories, role_rows = {}, []
    for key, pk, order, slug, label, code, parent, adds, text in rows:
        if key == "rol":
            role_rows.append((pk, label, order, parent, adds or "", text or ""))
            continue
        choices[key].append((slug, label))
        if key == "categorie":
            categories[pk] = CategoryRow(pk, code, slug, label, order)
    # As Role's ordering: its category's order and code, its own order and name.
    role_rows.sort(
        key=lambda row: (categories[row[3]].order, categories[row[3]].code, row[2], row[1])
    )
    roles = [
        RoleRow(pk, name, order, categories[category_id], adds, text)
        for pk, name, order, category_id, adds, text in role_rows
    ]
    return ReferenceLists(
        choices=choices,
        categories=sorted(categories.values(), key=lambda row: (row.order, row.code)),
        roles=roles,
    )


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
