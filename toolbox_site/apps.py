from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxSiteConfig(AppConfig):
    name = "toolbox_site"
    verbose_name = _("Organizations and accounts")

    def ready(self):
        # The versions follow every save (signals); the lookup registers itself.
        from . import freshness, lookups  # noqa: F401

        freshness.connect()
