"""What the network's pages show of a role category, a role, a service and a link:
plain rows read with ``values_list``, not model instances. The map reads a few dozen
of each for every request on a cold cache (network/views/overview.py); a row costs a
tuple and these slots, and holds only the columns the pages show."""

from dataclasses import dataclass

from .models import Role, address_with_pk


@dataclass(slots=True, eq=False)
class CategoryRow:
    pk: int
    code: str
    slug: str
    name: str
    order: int
    role_count: int = 0  # set by network/figures.py

    def __str__(self):  # as RoleCategory
        return f"{self.code}. {self.name}"


@dataclass(slots=True, eq=False)
class RoleRow:
    pk: int
    name: str
    order: int
    category: CategoryRow
    adds: str
    description: str

    @property
    def category_id(self):
        return self.category.pk


def roles_with_categories():
    """Every role with its category, in Role's order, as rows (one query)."""
    categories = {}
    roles = []
    for pk, name, order, adds, text, category_id, *category in Role.objects.values_list(
        "pk",
        "name",
        "order",
        "adds",
        "description",
        "category_id",
        "category__code",
        "category__slug",
        "category__name",
        "category__order",
    ):
        if category_id not in categories:
            categories[category_id] = CategoryRow(category_id, *category)
        roles.append(RoleRow(pk, name, order, categories[category_id], adds, text))
    return roles


@dataclass(slots=True, eq=False)
class ServiceRow:
    pk: int
    name: str
    role: RoleRow
    provider_name: str
    independent: bool
    formality: str
    verified_on: object  # a date or None
    stale: bool  # not checked for over 12 months
    url: str = ""

    def __post_init__(self):
        self.url = address_with_pk("network:service_detail", self.pk)

    @property
    def role_id(self):
        return self.role.pk


@dataclass(slots=True, eq=False)
class LinkRow:
    pk: int
    from_service: ServiceRow
    to_service: ServiceRow
    kind: str
    note: str

    @property
    def from_service_id(self):
        return self.from_service.pk

    @property
    def to_service_id(self):
        return self.to_service.pk

    def edit_url(self):
        return address_with_pk("network:link_edit", self.pk)

    def delete_url(self):
        return address_with_pk("network:link_delete", self.pk)
