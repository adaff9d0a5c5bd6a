from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = _("Municipalities")

    def ready(self):
        # Models are importable from here on (Django's app registry is ready).
        from toolbox_site import audit_trail

        from . import services

        audit_trail.add_actions(_("Municipalities"), services.AUDIT_ACTIONS, order=70)
