"""The roles, the regional step plan and a municipality's progress on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from toolbox_site import freshness
from toolbox_site.locking import Conflict, show_conflict
from toolbox_site.models import Organization
from toolbox_site.permissions import can_change, get_object_for_user
from toolbox_site.regions import municipality_or_404

from .. import services
from ..forms import StepProgressForm
from ..models import (
    RoleCategory,
    Step,
    StepProgress,
)
from .common import network_crumb, page_part


def roles(request):
    return render(
        request,
        "network/roles.html",
        {
            # Roles and laws belong to no region: kept until one of them changes.
            "part": freshness.part("roles", "network", shared=True),
            "categories": RoleCategory.objects.prefetch_related("roles__laws"),
            "breadcrumbs": [network_crumb(), (_("Roles"), None)],
        },
    )


def step_plan(request):
    return render(
        request,
        "network/step_plan.html",
        {
            "steps": list(Step.objects.all()),
            "breadcrumbs": [network_crumb(), (_("Step plan"), None)],
        },
    )


@login_required
def municipality_steps(request, slug):
    municipality = municipality_or_404(slug)
    return render(
        request,
        "network/municipality_steps.html",
        {
            "municipality": municipality,
            # The steps and the municipality's progress, with who updated it: a cached
            # part (toolbox_site/freshness.py), read only when it is missing.
            "part": page_part("steps", request, municipality=municipality),
            "page": SimpleLazyObject(lambda: _progress(municipality)),
            "can_change": can_change(request.user, municipality),
            "breadcrumbs": [
                network_crumb(),
                (municipality.name, reverse("network:map", args=[municipality.slug])),
                (_("Step plan"), None),
            ],
        },
    )


def _progress(municipality):
    progress = {
        record.step_id: record
        for record in StepProgress.objects.filter(municipality=municipality).select_related(
            "updated_by"
        )
    }
    steps = list(Step.objects.all())
    for step in steps:
        step.record = progress.get(step.pk)
    done = sum(1 for record in progress.values() if record.status == StepProgress.Status.DONE)
    return {"steps": steps, "done": done}


@login_required
@require_http_methods(["GET", "POST"])
def step_progress_edit(request, slug, number):
    municipality = get_object_for_user(
        request.user, Organization.objects.municipalities(), write=True, slug=slug
    )
    step = get_object_or_404(Step, number=number)

    record = StepProgress.objects.filter(municipality=municipality, step=step).first()
    record = record or StepProgress(municipality=municipality, step=step, version=0)
    form = StepProgressForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_step_progress(form, request.user, municipality, step)
        except StepProgress.DoesNotExist:
            raise Http404 from None
        except Conflict as conflict:
            show_conflict(form, conflict.current)
        except services.StepSavedAtOnce:
            form.add_error(
                None, _("Someone else saved this step at the same moment. Please try again.")
            )
        else:
            messages.success(request, _("The progress has been saved."))
            return redirect("network:municipality_steps", slug=municipality.slug)
    return render(
        request,
        "network/step_progress_form.html",
        {
            "form": form,
            "municipality": municipality,
            "step": step,
            "breadcrumbs": [
                network_crumb(),
                (
                    _("Step plan of %(name)s") % {"name": municipality.name},
                    reverse("network:municipality_steps", args=[municipality.slug]),
                ),
                (step.title, None),
            ],
        },
    )
