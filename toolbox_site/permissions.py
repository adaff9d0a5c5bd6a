"""Who may see and who may change what: the one place that decides.

Every object that belongs to an organization exposes ``owning_organization``.
A user's rights follow from their memberships:

- any member of the owning organization may see its non-public data;
- an editor or coordinator of the owning organization may change it;
- a coordinator of the region team may see and change everything in that
  region, and nothing in another region;
- superusers may do everything.

Views call :func:`get_object_for_user`, templates use the rules template tags
(``{% has_perm "toolbox.change" user obj as can_change %}``) and the admin asks
the same predicates through ``user.has_perm``.
"""

from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import freshness
from .models import Membership, Organization


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
            self.roles.get(organization.pk) in Membership.WRITE_ROLES
            or organization.region_id in self.coordinated_regions
        )


NO_ACCESS = Access(roles={}, coordinated_regions=frozenset())


def visibility_key(user):
    """Everything that decides which organizations' data the user sees, as a
    cache-key part ("all" for superusers)."""
    return "all" if user.is_superuser else access_for(user).scope_key


def access_for(user):
    """The user's memberships, read once per user object (one query), and kept in
    the cache while the organizations' data version holds (toolbox_site/freshness.py:
    every change of a membership or organization raises it)."""
    if not user.is_authenticated:
        return NO_ACCESS
    access = getattr(user, "_toolbox_access", None)
    if access is None:
        key = f"access:{user.pk}:{freshness.versions('toolbox_site')}"
        access = freshness.cached(key, lambda: _read_access(user))
        user._toolbox_access = access
    return access


def _read_access(user):
    roles = {}
    regions = set()
    member_regions = set()
    municipalities = set()
    rows = Membership.objects.filter(user=user).values_list(
        "organization_id", "role", "organization__kind", "organization__region_id"
    )
    for organization_id, role, kind, region_id in rows:
        roles[organization_id] = role
        member_regions.add(region_id)
        if kind == Organization.Kind.MUNICIPALITY:
            municipalities.add(organization_id)
        if kind == Organization.Kind.REGION_TEAM and role == Membership.Role.COORDINATOR:
            regions.add(region_id)
    return Access(
        roles=roles,
        coordinated_regions=frozenset(regions),
        member_regions=frozenset(member_regions),
        municipalities=frozenset(municipalities),
    )


def owning_organization(obj):
    return obj.owning_organization


@rules.predicate
def can_view(user, obj):
    if user.is_superuser:
        return True
    if obj is None:
        return False
    return access_for(user).may_view(owning_organization(obj))


@rules.predicate
def can_change(user, obj):
    if user.is_superuser:
        return True
    if obj is None:
        return False
    return access_for(user).may_change(owning_organization(obj))


@rules.predicate
def is_region_coordinator(user, obj=None):
    """Coordinates a region; with an object: the region the object belongs to."""
    if user.is_superuser:
        return True
    regions = access_for(user).coordinated_regions
    if obj is None:
        return bool(regions)
    return owning_organization(obj).region_id in regions


@rules.predicate
def coordinates_region(user, region):
    """Coordinates this region (superusers every region, also when none is chosen)."""
    if user.is_superuser:
        return True
    return region is not None and region.pk in access_for(user).coordinated_regions


rules.add_perm("toolbox.view", can_view)
rules.add_perm("toolbox.change", can_change)

# Django admin: region coordinators manage the organizations and memberships of
# their own region. Creating or deleting organizations stays with superusers.
rules.add_perm("toolbox_site.view_organization", is_region_coordinator)
rules.add_perm("toolbox_site.change_organization", is_region_coordinator)
rules.add_perm("toolbox_site.view_membership", is_region_coordinator)
rules.add_perm("toolbox_site.add_membership", is_region_coordinator)
rules.add_perm("toolbox_site.change_membership", is_region_coordinator)
rules.add_perm("toolbox_site.delete_membership", is_region_coordinator)
rules.add_perm("toolbox_site.view_auditevent", is_region_coordinator)


def get_object_for_user(user, queryset, *, write=False, **lookup):
    """Return the object, or refuse.

    Another organization's object is "not found" (404), so its existence is not
    revealed; an object the user may see but not change is "forbidden" (403).
    """
    obj = get_object_or_404(queryset, **lookup)
    if not can_view(user, obj):
        raise Http404
    if write and not can_change(user, obj):
        raise PermissionDenied
    return obj


# Accounts: coordinators do NOT get auth.view_user (the user list shows every
# region's accounts); the membership form has its own account picker
# (MembershipAdmin.accounts_view), and they invite new colleagues into the
# organizations of their region. Managing accounts stays with superusers.
rules.add_perm("toolbox_site.invite_member", is_region_coordinator)


# --- Shared predicates of the pillar apps ---------------------------------------
# Each app lists its own models' rules in its own rules.py (found by
# rules.apps.AutodiscoverRulesConfig), built on the predicates above and this one.


@rules.predicate
def coordinates_a_region(user, obj=None):
    """For shared data without an owner (reference lists, periods, breakdowns):
    whoever coordinates a region, whatever the object."""
    return user.is_superuser or bool(access_for(user).coordinated_regions)
