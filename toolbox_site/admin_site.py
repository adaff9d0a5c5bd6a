"""The admin site: the apps and models a user may manage (the index and the navigation
of every admin page) are kept while the accounts' data version holds.

Building them asks every registered admin for the user's rights on its model; those
rights follow from the user's flags, groups and memberships (toolbox_site/permissions.py),
all under the ``toolbox_site`` version (toolbox_site/freshness.py).
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import get_language

from . import freshness


class ToolboxAdminSite(admin.AdminSite):
    def each_context(self, request):
        context = super().each_context(request)
        user = request.user
        # The navigation's cache key (templates/admin/nav_sidebar.html): what it lists
        # depends on the user's rights only.
        context["nav_key"] = (
            f"{user.pk}:{freshness.versions('toolbox_site')}"
            if user.is_active and user.is_staff
            else None
        )
        return context

    def _build_app_dict(self, request, label=None):
        user = request.user
        if not (user.is_active and user.is_staff):
            return super()._build_app_dict(request, label)
        key = (
            f"admin-apps:{user.pk}:{freshness.versions('toolbox_site')}:"
            f"{get_language()}:{label or ''}"
        )
        return freshness.cached(
            key, lambda: _plain(super(ToolboxAdminSite, self)._build_app_dict(request, label))
        )


def _plain(app_dict):
    """The names translated now (the key holds the language): lazy ones do not pickle."""
    if app_dict is None:  # an app the user may not see
        return None
    apps = [app_dict] if "models" in app_dict else app_dict.values()
    for app in apps:
        app["name"] = str(app["name"])
        for model in app["models"]:
            model["name"] = str(model["name"])
    return app_dict


class ToolboxAdminConfig(AdminConfig):
    default_site = "toolbox_site.admin_site.ToolboxAdminSite"
