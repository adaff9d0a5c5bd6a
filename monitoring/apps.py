from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from criteria import extensions as criteria_extensions


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        # Models are importable from here on (Django's app registry is ready).
        from toolbox_site import audit_trail, todo

        from . import services
        from . import todo as monitoring_todo

        audit_trail.add_actions(_("Monitoring"), services.AUDIT_ACTIONS, order=10)
        todo.add(monitoring_todo.section, order=10)
        criteria_extensions.add("criterion", "monitoring/criterion_indicators.html")
