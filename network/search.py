"""What the site search finds in the network app (search/registry.py): the services the
visitor may see (``Service.objects.for_user``: active ones, and archived ones of their
own organizations) in their region, and the roles of the taxonomy."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from search import registry

from .models import Role, Service

# Written out in migration 0105_search_indexes as well: change both together.
SERVICE_FIELDS = registry.Fields(titles=("name",), texts=("description",), hit=("provider__name",))
ROLE_FIELDS = registry.Fields(titles=("name",), texts=("description",), hit=("slug",))


def services(user, query):
    rows, total = query.find(
        Service.objects.for_user(user)
        .filter(registry.in_home_region(user, "owning_organization__region"))
        .select_related("provider"),
        SERVICE_FIELDS,
    )
    return [
        registry.Hit(
            row.search_title, row.get_absolute_url(), row.search_summary, row.provider.name
        )
        for row in rows
    ], total


def roles(user, query):
    rows, total = query.find(Role.objects.for_user(user), ROLE_FIELDS)
    page = reverse("network:roles")
    return [
        registry.Hit(row.search_title, f"{page}#rol-{row.slug}", row.search_summary) for row in rows
    ], total


def register():
    registry.add(_("Services"), services, order=30)
    registry.add(_("Roles"), roles, order=40)
