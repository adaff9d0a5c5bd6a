"""The admin site: Django's, with its titles and without the navigation sidebar.

Django builds the list of every app and model the user may manage for each admin
page (``each_context``'s ``available_apps``), asking some hundred permissions, for
the sidebar alone. Here the list is built only when a page shows it: the index and
an app's page.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _


class ToolboxAdminSite(admin.AdminSite):
    site_header = _("Toolbox Client Support Twente – management")
    site_title = _("Toolbox management")
    index_title = _("Management")
    # The sidebar repeats the index on every page; the breadcrumbs lead there too.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        build = super().get_app_list
        return SimpleLazyObject(lambda: build(request, app_label))


class ToolboxAdminConfig(AdminConfig):
    default_site = "toolbox_site.admin_site.ToolboxAdminSite"
