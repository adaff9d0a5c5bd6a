from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self):
        # Models are importable from here on (Django's app registry is ready).
        from toolbox_site import audit_trail, todo

        from . import search, services
        from . import todo as network_todo

        audit_trail.add_actions(_("Network"), services.AUDIT_ACTIONS, order=30)
        todo.add(network_todo.section, order=20)
        search.register()
