"""Adding, editing, archiving, bringing back and checking a service; the writes
themselves are network.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from toolbox_site.locking import Conflict, show_conflict
from toolbox_site.permissions import get_object_for_user

from .. import services
from ..forms import ConfirmForm, ServiceForm
from ..models import (
    Service,
)
from .common import cached_form, editable_organization, network_crumb
from .service_pages import service_queryset


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request, slug):
    organization = editable_organization(request.user, slug)
    form, fields_key = cached_form(
        request,
        lambda data: ServiceForm(
            data, organization=organization, instance=Service(owning_organization=organization)
        ),
        "service-create",
        organization.region_id,
    )
    if request.method == "POST" and form.is_valid():
        service = services.create_service(form, request.user)
        messages.success(request, _("The service %(name)s was added.") % {"name": service.name})
        return redirect(service)
    return render(
        request,
        "network/service_form.html",
        {
            "form": form,
            "fields_key": fields_key,
            "organization": organization,
            "title": _("New service of %(name)s") % {"name": organization.name},
            "breadcrumbs": [
                network_crumb(),
                (organization.name, reverse("network:organization", args=[organization.slug])),
                (_("New service"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, pk):
    # Only what the form page needs: the form reads foreign keys by their ids, and
    # a join over every related table cost more to plan than to run.
    queryset = Service.objects.for_user(request.user).select_related("owning_organization")
    service = get_object_for_user(request.user, queryset, write=True, pk=pk)
    form, fields_key = cached_form(
        request,
        lambda data: ServiceForm(data, organization=service.owning_organization, instance=service),
        "service-edit",
        service.owning_organization.region_id,
        service.pk,
        service.version,
    )
    if request.method == "POST" and form.is_valid():
        try:
            service = services.update_service(form, request.user)
        except Conflict as conflict:
            show_conflict(form, conflict.current)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(service)
    return render(
        request,
        "network/service_form.html",
        {
            "form": form,
            "fields_key": fields_key,
            "service": service,
            "organization": service.owning_organization,
            "title": _("Edit %(name)s") % {"name": service.name},
            "breadcrumbs": [
                network_crumb(),
                (service.name, service.get_absolute_url()),
                (_("Edit"), None),
            ],
        },
    )


def _service_action(request, pk, *, change, template, title, message):
    service = get_object_for_user(request.user, service_queryset(request.user), write=True, pk=pk)
    form = ConfirmForm(request.POST or None, initial={"version": service.version})
    if request.method == "POST" and form.is_valid():
        try:
            current = change(service, request.user, form.cleaned_data["version"])
        except Conflict as conflict:
            show_conflict(form, conflict.current)
        else:
            messages.success(request, message % {"name": current.name})
            return redirect(current)
    elif request.method == "POST" and template is None:
        return HttpResponseBadRequest(_("The form was incomplete. Please try again."))
    if template is None:
        if form.is_bound:
            messages.error(request, " ".join(form.non_field_errors()))
        return redirect(service)
    return render(
        request,
        template,
        {
            "form": form,
            "service": service,
            "title": title % {"name": service.name},
            "breadcrumbs": [
                network_crumb(),
                (service.name, service.get_absolute_url()),
                (title % {"name": ""}, None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_archive(request, pk):
    return _service_action(
        request,
        pk,
        change=services.archive_service,
        template="network/service_archive.html",
        title=_("Archive %(name)s"),
        message=_("%(name)s is archived. You can bring it back at any time."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_unarchive(request, pk):
    return _service_action(
        request,
        pk,
        change=services.unarchive_service,
        template="network/service_archive.html",
        title=_("Bring back %(name)s"),
        message=_("%(name)s is active again."),
    )


@login_required
@require_POST
def service_verify(request, pk):
    return _service_action(
        request,
        pk,
        change=services.verify_service,
        template=None,
        title=_("Check %(name)s"),
        message=_("%(name)s is marked as checked today."),
    )
