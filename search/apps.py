from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The site search: no data of its own; the apps add what it finds
    (search/registry.py)."""

    name = "search"
    verbose_name = _("Search")
