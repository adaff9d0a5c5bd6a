""" "Bel mij terug": the resident's form (cookie-free until it is posted, like the
finder's reports) and the maintaining organization's queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from finder import services as finder
from finder.views.search import cookie_free
from network.models import Service
from toolbox_site import freshness
from toolbox_site.locking import Conflict
from toolbox_site.permissions import get_object_for_user
from toolbox_site.regions import municipality_or_404
from toolbox_site.security import from_another_site

from . import services
from .forms import CallbackForm, MarkForm
from .models import CallbackRequest

MAX_PARAMETER = 150


def _parameter(request, name):
    value = request.GET.get(name, "")
    if len(value) > MAX_PARAMETER or "\x00" in value:
        raise Http404
    return value


def _context_of(request):
    """The service, municipality and life situation the result page named (GET
    parameters ``dienst``, ``gemeente``, ``situatie``); anything unknown is a 404.

    Warm, this reads nothing but the data versions: the municipality is kept with
    them, the life situations are the finder's kept list, and the service is kept
    under the versions of the municipality's network (as the finder's results)."""
    pk = _parameter(request, "dienst")
    if not pk.isdigit() or len(pk) > 9:
        raise Http404
    municipality = municipality_or_404(_parameter(request, "gemeente"))
    service = freshness.cached(
        freshness.part(
            "callbacks-service", "network", "toolbox_site", municipality=municipality, vary=(pk,)
        ),
        lambda: (
            Service.objects.active()
            .serving(municipality)
            .select_related("owning_organization")
            .only("pk", "name", "archived", "owning_organization__name")
            .filter(pk=int(pk))
            .first()
        ),
    )
    slug = _parameter(request, "situatie")
    situation = next((s for s in finder.life_situations() if s.slug == slug), None)
    if service is None or situation is None:
        raise Http404
    return service, municipality, situation


def _breadcrumbs(municipality, situation, last):
    results = reverse("finder:index") + f"?gemeente={municipality.slug}&situatie={situation.slug}"
    return [
        (_("Find a client supporter"), reverse("finder:index")),
        (municipality.name, results),
        (last, None),
    ]


# No CSRF token (and so no cookie) for the resident: as the finder's report form
# (finder/views/reports.py), the form is anonymous and rate-limited, and a post the
# browser marks as coming from another site is refused.
@csrf_exempt
@cookie_free
@require_http_methods(["GET", "POST"])
def create(request):
    if request.method == "POST" and from_another_site(request):
        raise PermissionDenied
    service, municipality, situation = _context_of(request)
    form = CallbackForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if services.request_allowed(request, service):
            services.receive(
                form,
                service=service,
                municipality=municipality,
                situation=situation,
                request=request,
            )
            return redirect(reverse("callbacks:thanks") + "?" + request.GET.urlencode())
        form.add_error(None, _("Many requests were sent just now. Please try again later."))
        status = 429
    return render(
        request,
        "callbacks/form.html",
        {
            "service": service,
            "municipality": municipality,
            "situation": situation,
            "form": form,
            "breadcrumbs": _breadcrumbs(municipality, situation, _("Call me back")),
        },
        status=status,
    )


@require_GET
@cookie_free
def thanks(request):
    service, municipality, situation = _context_of(request)
    return render(
        request,
        "callbacks/thanks.html",
        {
            "service": service,
            "municipality": municipality,
            "situation": situation,
            "breadcrumbs": _breadcrumbs(municipality, situation, _("Thank you")),
        },
    )


STATUS_FILTERS = {
    "nieuw": CallbackRequest.Status.NEW,
    "gebeld": CallbackRequest.Status.CALLED,
    "niet-bereikt": CallbackRequest.Status.NOT_REACHED,
}


@login_required
@require_GET
def queue(request):
    """The requests of the organizations whose data the user may change; new first."""
    chosen = request.GET.get("status", "nieuw")
    if chosen not in STATUS_FILTERS:
        chosen = "nieuw"
    status = STATUS_FILTERS[chosen]
    requests = list(
        CallbackRequest.objects.editable_by(request.user)
        .filter(status=status)
        .select_related("service", "municipality", "situation", "handled_by")
        .order_by("created_at" if status == CallbackRequest.Status.NEW else "-handled_at", "pk")[
            :200
        ]
    )
    return render(
        request,
        "callbacks/queue.html",
        {
            "requests": requests,
            "chosen": chosen,
            "filters": [
                (key, label, key == chosen)
                for key, label in (
                    ("nieuw", _("New")),
                    ("gebeld", _("Called")),
                    ("niet-bereikt", _("Could not reach")),
                )
            ],
            "breadcrumbs": [
                (_("Network"), reverse("network:index")),
                (_("Call-back requests"), None),
            ],
        },
    )


@login_required
@require_POST
def mark(request, pk):
    queryset = CallbackRequest.objects.select_related("service__owning_organization")
    callback = get_object_for_user(request.user, queryset, write=True, pk=pk)
    form = MarkForm(request.POST)
    if not form.is_valid():  # only a changed or broken page sends this
        messages.error(request, _("This request could not be changed. Please try again."))
        return redirect("callbacks:queue")
    status = form.cleaned_data["status"]
    try:
        services.mark(request.user, callback.pk, status, form.cleaned_data["version"])
    except Conflict as conflict:
        messages.warning(
            request,
            _("Someone else changed this request in the meantime: it is now “%(status)s”.")
            % {"status": conflict.current.get_status_display()},
        )
        return redirect("callbacks:queue")
    except CallbackRequest.DoesNotExist:
        raise Http404 from None
    messages.success(
        request,
        _("The request has been marked “%(status)s”.")
        % {"status": CallbackRequest.Status(status).label},
    )
    return redirect("callbacks:queue")
