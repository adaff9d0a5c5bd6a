"""An organization's services as a spreadsheet: export, and the import in two
steps (upload and check, then confirm)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from toolbox_site.models import Organization
from toolbox_site.permissions import get_object_for_user

from .. import importing
from ..forms import ImportForm
from ..models import (
    ServiceImport,
)
from .common import editable_organization, network_crumb


@login_required
def export_services(request, slug, file_format):
    organization = get_object_for_user(
        request.user, Organization.objects.select_related("region"), slug=slug
    )
    if file_format not in importing.FORMATS:
        raise Http404
    content, content_type = importing.export(organization, file_format)
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="diensten-{organization.slug}-{stamp}.{file_format}"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, slug):
    organization = editable_organization(request.user, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = importing.validate(form.cleaned_data["file"], organization)
        if result.errors:
            for error in result.errors[: importing.MAX_ERRORS_SHOWN]:
                form.add_error("file", error)
            if len(result.errors) > importing.MAX_ERRORS_SHOWN:
                form.add_error(
                    "file",
                    ngettext(
                        "… and %(count)d more error.",
                        "… and %(count)d more errors.",
                        len(result.errors) - importing.MAX_ERRORS_SHOWN,
                    )
                    % {"count": len(result.errors) - importing.MAX_ERRORS_SHOWN},
                )
        else:
            pending = ServiceImport.objects.create(
                organization=organization,
                user=request.user,
                file_name=form.cleaned_data["file"].name[:200],
                rows=result.rows,
                summary=result.summary,
            )
            return redirect("network:import_confirm", slug=organization.slug, uuid=pending.uuid)
    return render(
        request,
        "network/import_upload.html",
        {
            "form": form,
            "organization": organization,
            "columns": importing.COLUMNS,
            "codes": importing.codes(organization),
            "breadcrumbs": [
                network_crumb(),
                (organization.name, reverse("network:organization", args=[organization.slug])),
                (_("Import"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_confirm(request, slug, uuid):
    organization = editable_organization(request.user, slug)
    pending = get_object_or_404(ServiceImport, organization=organization, uuid=uuid)
    if pending.status != ServiceImport.Status.PENDING:
        if pending.status == ServiceImport.Status.APPLIED:
            messages.info(request, _("This import has already been applied."))
        else:
            messages.info(request, _("This import was cancelled. Nothing was changed."))
        return redirect("network:organization", slug=organization.slug)
    error = None
    if request.method == "POST":
        try:
            if "cancel" in request.POST:
                importing.cancel(pending)
                messages.info(request, _("The import was cancelled. Nothing was changed."))
                return redirect("network:organization", slug=organization.slug)
            counts = importing.confirm(pending, request.user)
        except importing.ImportNotPending as done:
            messages.info(request, str(done))
            return redirect("network:organization", slug=organization.slug)
        except importing.ImportConflict as conflict:
            error = str(conflict)
        else:
            messages.success(
                request,
                _(
                    "The import is done: %(created)d added, %(changed)d changed, "
                    "%(archived)d archived."
                )
                % counts,
            )
            return redirect("network:organization", slug=organization.slug)
    return render(
        request,
        "network/import_confirm.html",
        {
            "organization": organization,
            "pending": pending,
            "preview": importing.preview(pending),
            "error": error,
            "breadcrumbs": [
                network_crumb(),
                (organization.name, reverse("network:organization", args=[organization.slug])),
                (_("Check the import"), None),
            ],
        },
    )
