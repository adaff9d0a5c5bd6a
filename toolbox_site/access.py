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
    def organizations_key(self):
        """The user's organizations, as a cache-key part."""
        return ".".join(str(pk) for pk in sorted(self.roles))

    @property
    def scope_key(self):
        """Everything that decides what the user sees, as a cache-key part."""
        regions = ".".join(str(pk) for pk in sorted(self.coordinated_regions))
        return f"{self.organizations_key}-r{regions}"

    def may_view(self, organization):
        return organization.pk in self.roles or organization.region_id in self.coordinated_regions

    def may_change(self, organization):
        return (
            self.roles.get(organization.pk) in WRITE_ROLES
            or organization.region_id in self.coordinated_regions
        )


NO_ACCESS = Access(roles={}, coordinated_regions=frozenset())


def visibility_key(user):
    """Everything that decides which organizations' data the user sees, as a
    cache-key part ("all" for superusers)."""
    if not user.is_authenticated:
        return "anonymous"
    return "all" if user.is_superuser else access_for(user).scope_key


def access_for(user):
    """The user's memberships, read once per user object (one query)."""
    if not user.is_authenticated:
        return NO_ACCESS
    access = getattr(user, "_toolbox_access", None)
    if access is None:
        access = user._toolbox_access = _read_access(user)
    return access


def _read_access(user):
    roles = {}
    regions = set()
    member_regions = set()
    municipalities = set()
    rows = user.memberships.values_list(
        "organization_id", "role", "organization__kind", "organization__region_id"
    )
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
