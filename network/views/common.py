"""What the network's pages share: the breadcrumb, the municipality in the URL,
the query string cleaned, and forms whose rendered fields are kept under the
data versions."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from toolbox_site import freshness
from toolbox_site.models import Organization
from toolbox_site.permissions import get_object_for_user


def network_crumb():
    return (_("Network"), reverse("network:index"))


def clean_get(request):
    """The query string without values that cannot be valid (NUL bytes, huge values)."""
    data = request.GET.copy()
    bad = False
    for key in list(data.keys()):
        values = data.getlist(key)
        if any("\x00" in value or len(value) > 200 for value in values):
            data.setlist(key, [])
            bad = True
    return data, bad


#: A cached part of a network page (toolbox_site/freshness.py): the services, roles and
#: links, and the organizations' names, in the page's region or municipality.
page_part = freshness.parts_for("network", "toolbox_site")


def cached_form(request, build, name, region_id, *vary):
    """The page's form and the cached part of its fields (includes/form.html).

    A bound form (what the user typed, its errors) is built at once and never
    cached: the part is None. An unbound form is built only when its fields are
    rendered, on a miss; its part holds the region's network data and every input
    of its initial values (``vary``: the object and its version).
    """
    data = request.POST or None
    if data is not None:
        return build(data), None
    part = page_part(f"form-{name}", request, region_id, vary=vary)
    return SimpleLazyObject(lambda: build(None)), part


def editable_organization(user, slug):
    return get_object_for_user(
        user, Organization.objects.select_related("region"), write=True, slug=slug
    )
