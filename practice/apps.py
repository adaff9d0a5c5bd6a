from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    """The practice exchange: municipalities share how they do things."""

    name = "practice"
    verbose_name = _("Practice exchange")

    def ready(self):
        # Models are importable from here on (Django's app registry is ready).
        from criteria import extensions as criteria_extensions
        from network import extensions as network_extensions
        from toolbox_site import audit_trail, todo

        from . import search, services
        from . import todo as practice_todo

        audit_trail.add_actions(_("Practice exchange"), services.AUDIT_ACTIONS, order=45)
        # A line on the network map of a municipality that shares examples, and the
        # examples of a criterion on its page.
        network_extensions.add("map", "practice/map_examples.html")
        criteria_extensions.add("criterion", "practice/criterion_examples.html")
        todo.add_news(practice_todo.new_examples, order=20)
        search.register()
