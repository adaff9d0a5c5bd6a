from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    """The practice exchange: municipalities share how they do things."""

    name = "practice"
    verbose_name = _("Practice exchange")

    def ready(self):
        # Models are importable from here on (Django's app registry is ready).
        from network import extensions
        from toolbox_site import audit_trail

        from . import services

        audit_trail.add_actions(_("Practice exchange"), services.AUDIT_ACTIONS, order=45)
        # A line on the network map of a municipality that shares examples.
        extensions.add("map", "practice/map_examples.html")
