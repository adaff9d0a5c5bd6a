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

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .access import access_for
from .choices import WRITE_ROLES


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
def changes_some_data(user):
    """May change the data of at least one organization: an editor or coordinator
    somewhere, a coordinator of a region, a superuser."""
    if user.is_superuser:
        return True
    access = access_for(user)
    return bool(access.coordinated_regions) or any(
        role in WRITE_ROLES for role in access.roles.values()
    )


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


@rules.predicate
def manages_all_regions(user):
    """What is the same for the whole country (an organization's kind, region and
    address, breakdown items that reports use, deleting reports): superusers only.
    Asked as a predicate, not through ``has_perm``: Django's permission backend would
    read the user's permissions from the database to answer no."""
    return user.is_superuser


def visibility_key(user):
    """Everything that decides which data the user sees and may change, as a
    cache-key part (toolbox_site/freshness.py): "anonymous", "all" for who manages
    every region, else their organizations, roles and coordinated regions."""
    if not user.is_authenticated:
        return "anonymous"
    return "all" if manages_all_regions(user) else access_for(user).scope_key


@rules.predicate
def sees_region(user, region):
    """Belongs to the region (a member of one of its organizations) or coordinates it;
    superusers see every region. Users without any organization see any region."""
    if user.is_superuser or region is None:
        return True
    access = access_for(user)
    allowed = access.coordinated_regions | access.member_regions
    return not allowed or region.pk in allowed


def member_organization_ids(user):
    """The ids of the organizations the user is a member of (read once, cached): for
    what a member sees of their own organization only, such as its small numbers."""
    return frozenset(access_for(user).roles)


def membership_key(user):
    """The user's own organizations, as a cache-key part."""
    return ".".join(str(pk) for pk in sorted(access_for(user).roles))


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


# --- Shared predicates of the pillar apps ---------------------------------------
# Each app lists its own models' rules in its own rules.py (found by
# rules.apps.AutodiscoverRulesConfig), built on the predicates above and this one.


@rules.predicate
def coordinates_a_region(user, obj=None):
    """For shared data without an owner (reference lists, periods, breakdowns):
    whoever coordinates a region, whatever the object."""
    return user.is_superuser or bool(access_for(user).coordinated_regions)
