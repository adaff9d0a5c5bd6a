from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = _("Quality criteria")

    def ready(self):
        # Models are importable from here on (Django's app registry is ready).
        from toolbox_site import audit_trail, todo

        from . import search, services
        from . import todo as criteria_todo

        audit_trail.add_actions(_("Quality criteria"), services.AUDIT_ACTIONS, order=20)
        todo.add(criteria_todo.agreements_section, order=40)
        todo.add(criteria_todo.trainings_section, order=50)
        search.register()
