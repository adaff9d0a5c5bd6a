"""What the site search finds in the network app (search/registry.py): the services the
visitor may see (``Service.objects.for_user``: active ones, and archived ones of their
own organizations) in their region, and the roles of the taxonomy."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from search import registry

from .models import Role, Service, address_with_pk

# Written out in migration 0105_search_indexes as well: change both together.
SERVICE_FIELDS = registry.Fields(titles=("name",), texts=("description",), hit=("provider__name",))
ROLE_FIELDS = registry.Fields(titles=("name",), texts=("description",), hit=("slug",))


def services(user):
    return registry.Source(
        Service.objects.for_user(user).filter(
            registry.in_home_region(user, "owning_organization__region")
        ),
        SERVICE_FIELDS,
        service_hit,
    )


def service_hit(row):
    url = address_with_pk("network:service_detail", row.pk)
    return registry.Hit(row.title, url, row.summary, row.provider_name)


def roles(user):
    page = reverse("network:roles")

    def role_hit(row):
        return registry.Hit(row.title, f"{page}#rol-{row.slug}", row.summary)

    return registry.Source(Role.objects.for_user(user), ROLE_FIELDS, role_hit)


def register():
    registry.add(_("Services"), services, order=30)
    registry.add(_("Roles"), roles, order=40)
