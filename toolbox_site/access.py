"""What a user may reach, read once: their role in each organization, the regions
they coordinate, the regions and municipalities they belong to.

The rest of the vocabulary is built on this: the predicates in
toolbox_site/permissions.py and the querysets' ``for_user`` / ``editable_by`` /
``coordinated_by`` (toolbox_site/models.py). Views, templates and the admin ask
those, not this module.
"""

from dataclasses import dataclass

from .choices import WRITE_ROLES, MembershipRole, OrganizationKind


@dataclass(frozen=True)
class Access:
    roles: dict  # organization id -> role
    coordinated_regions: frozenset  # region ids where the user coordinates
    member_regions: frozenset = frozenset()  # region ids of all the user's organizations
    municipalities: frozenset = frozenset()  # the user's organizations that are municipalities

    @property
    def scope_key(self):
        """Everything that decides what the user sees and may change, as a cache-key
        part: their organizations with their role in each, the regions they coordinate."""
        roles = ".".join(f"{pk}:{role}" for pk, role in sorted(self.roles.items()))
        regions = ".".join(str(pk) for pk in sorted(self.coordinated_regions))
        return f"{roles}-r{regions}"

    def may_view(self, organization):
        return organization.pk in self.roles or organization.region_id in self.coordinated_regions

    def may_change(self, organization):
        return (
            self.roles.get(organization.pk) in WRITE_ROLES
            or organization.region_id in self.coordinated_regions
        )


NO_ACCESS = Access(roles={}, coordinated_regions=frozenset())


def access_for(user):
    """The user's memberships, read once per user object (one query)."""
    if not user.is_authenticated:
        return NO_ACCESS
    access = getattr(user, "_toolbox_access", None)
    if access is None:
        access = user._toolbox_access = _read_access(user)
    return access


# A membership as access_from_rows reads it (from the user, in toolbox_site/backends.py).
MEMBERSHIP_FIELDS = ("organization_id", "role", "organization__kind", "organization__region_id")


def _read_access(user):
    return access_from_rows(user.memberships.values_list(*MEMBERSHIP_FIELDS))


def access_from_rows(rows):
    """The access of a user with these memberships (MEMBERSHIP_FIELDS, one row each)."""
    roles = {}
    regions = set()
    member_regions = set()
    municipalities = set()
    for organization_id, role, kind, region_id in rows:
        roles[organization_id] = role
        member_regions.add(region_id)
        if kind == OrganizationKind.MUNICIPALITY:
            municipalities.add(organization_id)
        if kind == OrganizationKind.REGION_TEAM and role == MembershipRole.COORDINATOR:
            regions.add(region_id)
    return Access(
        roles=roles,
        coordinated_regions=frozenset(regions),
        member_regions=frozenset(member_regions),
        municipalities=frozenset(municipalities),
    )
