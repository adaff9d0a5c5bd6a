"""Links between services on a municipality's map: add, edit, remove."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from toolbox_site.locking import Conflict, show_conflict
from toolbox_site.models import Organization
from toolbox_site.permissions import get_object_for_user

from .. import services
from ..forms import LinkForm
from ..models import (
    Link,
)
from .common import network_crumb


@login_required
@require_http_methods(["GET", "POST"])
def link_create(request, slug):
    municipality = get_object_for_user(
        request.user, Organization.objects.municipalities(), write=True, slug=slug
    )
    form = LinkForm(request.POST or None, municipality=municipality, instance=Link())
    if request.method == "POST" and form.is_valid():
        try:
            services.create_link(form, request.user)
        except services.DuplicateLink:
            form.add_error(None, _("This link already exists on this map."))
        else:
            messages.success(request, _("The link was added."))
            return redirect("network:map", slug=municipality.slug)
    return render(
        request,
        "network/link_form.html",
        {
            "form": form,
            "municipality": municipality,
            "title": _("New link on the map of %(name)s") % {"name": municipality.name},
            "breadcrumbs": [
                network_crumb(),
                (municipality.name, reverse("network:map", args=[municipality.slug])),
                (_("New link"), None),
            ],
        },
    )


def _link_queryset():
    return Link.objects.select_related(
        "municipality", "municipality__region", "from_service", "to_service"
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_edit(request, pk):
    link = get_object_for_user(request.user, _link_queryset(), write=True, pk=pk)
    municipality = link.municipality
    form = LinkForm(request.POST or None, municipality=municipality, instance=link)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_link(form, request.user)
        except Conflict as conflict:
            show_conflict(form, conflict.current)
        except services.DuplicateLink:
            form.add_error(None, _("This link already exists on this map."))
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("network:map", slug=municipality.slug)
    return render(
        request,
        "network/link_form.html",
        {
            "form": form,
            "link": link,
            "municipality": municipality,
            "title": _("Edit link"),
            "breadcrumbs": [
                network_crumb(),
                (municipality.name, reverse("network:map", args=[municipality.slug])),
                (_("Edit link"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_delete(request, pk):
    link = get_object_for_user(request.user, _link_queryset(), write=True, pk=pk)
    municipality = link.municipality
    if request.method == "POST":
        services.delete_link(link, request.user)
        messages.success(request, _("The link was removed."))
        return redirect("network:map", slug=municipality.slug)
    return render(
        request,
        "network/link_delete.html",
        {
            "link": link,
            "municipality": municipality,
            "breadcrumbs": [
                network_crumb(),
                (municipality.name, reverse("network:map", args=[municipality.slug])),
                (_("Remove link"), None),
            ],
        },
    )
