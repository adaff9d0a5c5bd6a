from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _

from network import extensions


class FinderConfig(AppConfig):
    """The resident finder, residents' reports about entries, the anonymous search
    counts and unmet demand. Builds on the network app."""

    name = "finder"
    verbose_name = _("Finder")

    def ready(self):
        # Models are importable from here on (Django's app registry is ready).
        from toolbox_site import audit_trail, todo

        from . import services
        from . import todo as finder_todo
        from .models import FinderSearch

        post_delete.connect(
            services.search_deleted, sender=FinderSearch, dispatch_uid="finder-search-tally"
        )
        audit_trail.add_actions(_("Reports from residents"), services.AUDIT_ACTIONS, order=35)
        todo.add(finder_todo.section, order=30)
        extensions.add("map", "finder/open_reports_notice.html")
        extensions.add("service", "finder/service_report_link.html")
