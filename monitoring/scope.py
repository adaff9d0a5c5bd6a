"""What a monitoring page needs to know before it looks at data: the user's access
(memberships) and the regions for the region choice.

Both change only with toolbox_site's data, so they are kept in the cache under the
data versions (toolbox_site/freshness.py): a warm page reads the versions and
nothing else of the kind. A membership, organization or region change raises
toolbox_site's version, so the next request reads them afresh.
"""

from django.core.cache import cache

from toolbox_site import freshness
from toolbox_site.models import Region
from toolbox_site.permissions import access_for


def prime_access(user, versions):
    """Set the user's access from the cache, so ``access_for`` runs no query."""
    if not user.is_authenticated or getattr(user, "_toolbox_access", None) is not None:
        return
    key = f"monitoring-access:{user.pk}:{versions}"
    access = cache.get(key)
    if access is None:
        cache.set(key, access_for(user), freshness.TIMEOUT)
    else:
        user._toolbox_access = access  # what access_for keeps per user object


def regions(versions):
    """Every region ordered by name, for ``region_for``."""
    key = f"monitoring-regions:{versions}"
    found = cache.get(key)
    if found is None:
        found = list(Region.objects.order_by("name"))
        cache.set(key, found, freshness.TIMEOUT)
    return found


def region_choice(request, versions):
    """``toolbox_site.regions.region_for`` with the access and regions from the cache."""
    from toolbox_site.regions import region_for

    prime_access(request.user, versions)
    return region_for(request, regions=regions(versions))
