"""Django's ModelBackend, with the logged-in user read from the cache.

Every logged-in request looks up its user; while the accounts' data version
holds (toolbox_site/freshness.py: any save of a user other than a login, any
change of groups or permissions raises it), the user comes from this process's
cache instead of the database. A user who is switched off, or whose password
changes, is saved, so the next request reads them anew and is refused.
"""

from django.contrib.auth import backends
from django.core.cache import cache

from . import freshness


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        key = f"user:{user_id}:{freshness.versions('toolbox_site')}"
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                # Stored as read: permissions are worked out per request, never cached.
                cache.set(key, user, freshness.TIMEOUT)
        return user
