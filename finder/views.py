"""The resident finder and "Klopt er iets niet?" (the unmet-demand page: views_unmet_demand)."""

import functools
import hashlib
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from network.models import Provider, Service
from toolbox_site import freshness
from toolbox_site.audit import log_action
from toolbox_site.models import Organization
from toolbox_site.permissions import can_change, get_object_for_user

from . import services as finder
from .forms import CloseReportForm, FinderForm, ServiceReportForm
from .models import ServiceReport

#: At most this many "other" results (referrers, information points) follow the
#: independent client support.
MAX_OTHER_RESULTS = 6
#: The finder's fields besides the municipality: one of them in the query means a search.
SEARCH_FIELDS = ("situatie", "leeftijd", "voorkeur", "taal")


def cookie_free(view):
    """The page sets no cookie and never touches the session.

    The view renders as for an anonymous visitor (``user`` and ``messages`` in
    its context), so the session is not read and the header shows no logout
    form; should a CSRF token still be asked for, its cookie is not (re)sent
    from here.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        return response

    return wrapped


def next_step(service):
    """What happens after you call, in plain words."""
    if finder.is_independent_support(service):
        return _(
            "You call or send an e-mail and make an appointment. The client supporter visits "
            "you at home, or you meet somewhere else. Together you look at your question. "
            "You decide what happens next."
        )
    if service.provider.kind == Provider.Kind.CARE_OFFICE:
        return _(
            "You tell them your question. They explain how long-term care (Wlz) works. "
            "The CIZ decides if you can get it. Then the care office arranges your care. "
            "Would you like help with this? Then ask a Wlz client supporter."
        )
    if service.role.decides_access and service.provider.kind == Provider.Kind.MUNICIPALITY:
        return _(
            "You tell them your question. They look at what the municipality can do for you. "
            "Would you like help with that talk? Then ask a client supporter to come along."
        )
    if service.role.decides_access:
        return _(
            "You tell them your question. They look at what care or help you can get. "
            "Would you like help with that talk? Then ask a client supporter to come along."
        )
    return _("You tell them your question. They help you, or tell you who can help you further.")


@require_GET
@cookie_free
def finder_view(request):
    # A sent form always holds one of these (the finder's language list, the home
    # page's situation list), even with the required question skipped, so it gets
    # its errors; a link with only ``gemeente`` (a municipality's website) opens the
    # form with that municipality chosen.
    searched = any(name in request.GET for name in SEARCH_FIELDS)
    versions = freshness.versions("finder", "network", "toolbox_site")
    situations = finder.life_situations(versions)
    municipalities = Organization.objects.municipalities()

    @functools.cache
    def every_municipality():
        # (slug, name) pairs: the country's list, cheap to keep and to read back.
        return freshness.cached(
            f"finder-municipality-names:{versions}",
            lambda: list(municipalities.order_by("name").values_list("slug", "name")),
        )

    by_slug = {}
    unknown_municipality = False
    if searched:
        # A search needs only the municipality asked for (the whole list is read
        # only to show the form with an error).
        asked = request.GET.get("gemeente", "")[:150]
        asked_key = hashlib.sha256(asked.encode()).hexdigest()
        found = freshness.cached(
            f"finder-municipality:{versions}:{asked_key}",
            lambda: list(
                municipalities.filter(slug="" if "\x00" in asked else asked).only(
                    "pk", "name", "slug", "phone", "email", "website", "region_id"
                )
            ),
        )
        by_slug = {m.slug: m for m in found}
        pairs = [(m.slug, m.name) for m in found]
        form = FinderForm(request.GET, municipalities=pairs, situations=situations)
        if not form.is_valid():
            form = FinderForm(
                request.GET, municipalities=every_municipality(), situations=situations
            )
    else:
        # The empty form: its HTML is kept (form.html), so the form is built only
        # when that copy is missing.
        asked = request.GET.get("gemeente", "")
        known = asked in dict(every_municipality())
        unknown_municipality = bool(asked) and not known
        initial = asked if known else ""
        form = SimpleLazyObject(
            lambda: FinderForm(
                municipalities=every_municipality(),
                situations=situations,
                initial={"gemeente": initial},
            )
        )
    situation_by_slug = {s.slug: s for s in situations}
    context = {
        "form": form,
        "user": AnonymousUser(),
        "messages": (),
        "unknown_municipality": unknown_municipality,
        "versions": versions,
        "empty_form": None if searched else initial,
        "breadcrumbs": [(_("Find a client supporter"), None)],
    }
    if searched and form.is_valid():
        data = form.cleaned_data
        municipality = by_slug[data["gemeente"]]
        situation = situation_by_slug[data["situatie"]]
        choices = (data["leeftijd"], data["voorkeur"], data["taal"])
        # The results as HTML, with the counts the search log needs: built again only
        # when the network changed (see toolbox_site/freshness.py) or the day did.
        key = "finder-results:" + "|".join(
            [
                versions,
                translation.get_language(),
                timezone.localdate().isoformat(),
                str(municipality.pk),
                str(situation.pk),
                *choices,
            ]
        )
        body, result_count, independent_found = freshness.cached(
            key, lambda: _results_body(municipality, situation, *choices)
        )
        finder.count_search(
            municipality,
            situation,
            age_group=data["leeftijd"],
            preference=data["voorkeur"],
            language=data["taal"],
            result_count=result_count,
            independent_found=independent_found,
        )
        context.update(
            {
                "municipality": municipality,
                "situation": situation,
                "results_body": body,
                "share_url": request.get_full_path(),
                "breadcrumbs": [
                    (_("Find a client supporter"), reverse("finder:index")),
                    (municipality.name, None),
                ],
            }
        )
        return render(request, "finder/results.html", context)
    return render(request, "finder/form.html", context)


def _results_body(municipality, situation, age_group, preference, language):
    """The ranked results as HTML, the number of results and whether independent
    client support is among them."""
    prefetch_related_objects([situation], "life_domains", "roles", "target_groups")
    results = finder.rank_services(
        finder_candidates_list(municipality),
        situation,
        age_group=age_group,
        preference=preference,
        language=language,
    )
    support = [r for r in results if r.independent_support]
    others = [r for r in results if not r.independent_support][:MAX_OTHER_RESULTS]
    for result in support + others:
        result.next_step = next_step(result.service)
    care_office = (
        Organization.objects.filter(
            region_id=municipality.region_id, kind=Organization.Kind.CARE_OFFICE
        )
        .only("name", "phone", "email", "website")
        .order_by("name")
        .first()
    )
    body = render_to_string(
        "finder/results_body.html",
        {
            "municipality": municipality,
            "support": support,
            "others": others,
            "care_office": care_office,
            "show_wlz": situation.long_term_care or not support,
            # Long-term care: the care office's route is the answer, so it comes first.
            "wlz_first": situation.long_term_care,
        },
    )
    return body, len(support) + len(others), bool(support)


def finder_candidates_list(municipality):
    return list(finder.finder_candidates(municipality))


# --- "Klopt er iets niet?" ------------------------------------------------------------


def _reportable_service(pk):
    return get_object_or_404(Service.objects.active().select_related("provider"), pk=pk)


def _from_another_site(request):
    """The browser says the form was posted from another site (``Origin``).

    Browsers send ``Origin`` with every form POST; a request without it (an old
    browser, a script) is let through, as the CSRF check would have been moot there.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS


# No CSRF token (and so no cookie) for residents' reports: the form is anonymous, so a
# forged report gains an attacker nothing they cannot do by posting it themselves, and
# reports are rate-limited (services.report_allowed). A post the browser marks as coming
# from another site is still refused.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def report_create(request, pk):
    if request.method == "POST" and _from_another_site(request):
        raise PermissionDenied
    service = _reportable_service(pk)
    form = ServiceReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if finder.report_allowed(request, service):
            with transaction.atomic():
                report = form.save(commit=False)
                report.service = service
                report.save()
                log_action(None, report, "network.report.received", {"reason": report.reason})
                transaction.on_commit(lambda: finder.notify_editors(report, request))
            return redirect("finder:report_thanks", pk=service.pk)
        form.add_error(
            None, _("Many reports were sent just now. Please try again in a little while.")
        )
        status = 429
    return render(
        request,
        "finder/report_form.html",
        {
            "service": service,
            "form": form,
            "breadcrumbs": [
                (_("Find a client supporter"), reverse("finder:index")),
                (_("Is something not right?"), None),
            ],
        },
        status=status,
    )


@require_GET
def report_thanks(request, pk):
    service = _reportable_service(pk)
    return render(
        request,
        "finder/report_thanks.html",
        {
            "service": service,
            "breadcrumbs": [
                (_("Find a client supporter"), reverse("finder:index")),
                (_("Thank you"), None),
            ],
        },
    )


@login_required
def report_queue(request):
    """Reports about the entries of the organizations the user may see; open first."""
    visible = ServiceReport.objects.filter(
        service__owning_organization__in=Organization.objects.for_user(request.user).values("pk")
    ).select_related("service", "service__owning_organization", "closed_by")
    open_reports = list(visible.filter(status=ServiceReport.Status.OPEN).order_by("created_at"))
    closed_reports = list(
        visible.filter(status=ServiceReport.Status.CLOSED).order_by("-closed_at")[:20]
    )
    for report in open_reports:
        report.may_close = can_change(request.user, report.service)
    return render(
        request,
        "finder/report_queue.html",
        {
            "open_reports": open_reports,
            "closed_reports": closed_reports,
            "breadcrumbs": [
                (_("Network"), reverse("network:index")),
                (_("Reports from residents"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_close(request, pk):
    queryset = ServiceReport.objects.select_related("service", "service__owning_organization")
    report = get_object_for_user(request.user, queryset, write=True, pk=pk)
    form = CloseReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            current = ServiceReport.objects.select_for_update().get(pk=report.pk)
            if current.status == ServiceReport.Status.CLOSED:
                messages.warning(
                    request,
                    _("Someone else closed this report already, with the note: %(note)s")
                    % {"note": current.closing_note},
                )
                return redirect("finder:report_queue")
            current.status = ServiceReport.Status.CLOSED
            current.closing_note = form.cleaned_data["note"]
            current.led_to_change = form.cleaned_data["led_to_change"]
            current.closed_by = request.user
            current.closed_at = timezone.now()
            current.save()
            log_action(
                request.user,
                current,
                "network.report.closed",
                {"note": current.closing_note, "led_to_change": current.led_to_change},
            )
        messages.success(request, _("The report has been closed."))
        return redirect("finder:report_queue")
    return render(
        request,
        "finder/report_close.html",
        {
            "report": report,
            "form": form,
            "breadcrumbs": [
                (_("Network"), reverse("network:index")),
                (_("Reports from residents"), reverse("finder:report_queue")),
                (_("Close"), None),
            ],
        },
    )
