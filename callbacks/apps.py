from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallbacksConfig(AppConfig):
    """ "Bel mij terug": a resident asks the organization that maintains a service of the
    finder's results to call back. Builds on the finder and the network."""

    name = "callbacks"
    verbose_name = _("Call-back requests")

    def ready(self):
        # Models are importable from here on (Django's app registry is ready).
        from finder import services as finder
        from toolbox_site import audit_trail, todo

        from . import services
        from . import todo as callbacks_todo

        audit_trail.add_actions(_("Call-back requests"), services.AUDIT_ACTIONS, order=36)
        todo.add(callbacks_todo.section, order=31)
        # The unmet-demand table gets a column: requests per municipality, situation, month.
        finder.add_demand_count("callbacks", _("Call-back requests"), services.requests_per_tally)
