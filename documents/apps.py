from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        # Models are importable from here on (Django's app registry is ready).
        from toolbox_site import audit_trail, todo

        from . import search, services
        from . import todo as documents_todo

        audit_trail.add_actions(_("Documents"), services.AUDIT_ACTIONS, order=60)
        todo.add_news(documents_todo.new_documents, order=10)
        search.register()
