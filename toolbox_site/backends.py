"""Django's ModelBackend, with the logged-in user read from the cache.

Every logged-in request looks up its user; while the accounts' data version
holds (toolbox_site/freshness.py: any save of a user other than a login, any
change of groups or permissions raises it), the user comes from this process's
cache instead of the database. A user who is switched off, or whose password
changes, is saved, so the next request reads them anew and is refused.
"""

from django.contrib.auth import backends

from . import freshness


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        # Stored as read: permissions are worked out per request, never cached.
        return freshness.cached(
            f"user:{user_id}:{freshness.versions('toolbox_site')}",
            lambda: super(ModelBackend, self).get_user(user_id),
        )
