from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import freshness, lookups


class ToolboxSiteConfig(AppConfig):
    name = "toolbox_site"
    verbose_name = _("Organizations and accounts")

    def ready(self):
        freshness.connect()  # the data versions follow every save
        lookups.register()  # __in ignores numbers an integer column cannot hold
        from . import audit, audit_trail, visits  # their models are importable from here on

        visits.connect()  # before django.contrib.auth's update_last_login

        audit_trail.add_actions(_("Organizations and accounts"), audit.ACTIONS, order=40)
