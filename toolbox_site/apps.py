from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxSiteConfig(AppConfig):
    name = "toolbox_site"
    verbose_name = _("Organizations and accounts")

    def ready(self):
        from . import freshness, lookups, permissions  # noqa: F401  (register the lookup and the rules)

        freshness.connect()
