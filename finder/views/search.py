"""The resident finder: choose a municipality and a situation, get the client
supporters who fit, in B1 Dutch, without cookies."""

import functools
import logging

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from network.models import Provider
from toolbox_site import freshness
from toolbox_site.jinja import render as render_jinja
from toolbox_site.models import Organization

from .. import services as finder
from ..forms import FinderForm

logger = logging.getLogger(__name__)

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

    @functools.wraps(view)
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
    situations = finder.life_situations()
    municipalities = Organization.objects.municipalities()

    @functools.cache
    def every_municipality():
        # (slug, name) pairs: the country's list, cheap to keep and to read back.
        return freshness.cached(
            freshness.part("municipality-names", "toolbox_site", shared=True),
            lambda: list(municipalities.order_by("name").values_list("slug", "name")),
        )

    by_slug = {}
    unknown_municipality = False
    if searched:
        # A search needs only the municipality asked for (the whole list is read
        # only to show the form with an error).
        asked = request.GET.get("gemeente", "")[:150]
        found = list(
            municipalities.filter(slug="" if "\x00" in asked else asked).only(
                "pk", "name", "slug", "kind", "phone", "email", "website", "region_id"
            )
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
        # The empty form (every municipality of the country) is a cached part.
        "form_part": None
        if searched
        else freshness.part("finder-form", "finder", "toolbox_site", shared=True, vary=(initial,)),
        "breadcrumbs": [(_("Find a client supporter"), None)],
    }
    if searched and form.is_valid():
        data = form.cleaned_data
        municipality = by_slug[data["gemeente"]]
        situation = situation_by_slug[data["situatie"]]
        body, count = search(municipality, situation, data)
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
        return CountedResults(render_to_string("finder/results.html", context, request), count)
    return render(request, "finder/form.html", context)


def search(municipality, situation, data):
    """The results of a valid search as HTML, and the call that counts the search
    (for :class:`CountedResults`)."""
    choices = (data["leeftijd"], data["voorkeur"], data["taal"])
    # The results as HTML, with the counts the search log needs: built again only
    # when the network changed (see toolbox_site/freshness.py) or the day did.
    part = freshness.part(
        "finder-results",
        "finder",
        "network",
        "toolbox_site",
        municipality=municipality,
        vary=(situation.pk, *choices),
    )
    body, result_count, independent_found = freshness.cached(
        part, lambda: _results_body(municipality, situation, *choices)
    )
    count = functools.partial(
        finder.count_search,
        municipality,
        situation,
        age_group=data["leeftijd"],
        preference=data["voorkeur"],
        language=data["taal"],
        result_count=result_count,
        independent_found=independent_found,
    )
    return body, count


class CountedResults(HttpResponse):
    """The results page, which counts the search once it has been sent.

    The WSGI server calls ``close()`` after writing the response, so the resident
    does not wait for the count's write (a transaction of its own), and a count
    that fails (the database busy, a constraint) is logged and never costs the
    resident the answer. The test client closes the response within the request.
    """

    def __init__(self, content, count):
        super().__init__(content)
        self.count = count

    def close(self):
        try:
            self.count()
        except Exception:
            logger.exception("A finder search could not be counted.")
        super().close()


def _results_body(municipality, situation, age_group, preference, language):
    """The ranked results as HTML, the number of results and whether independent
    client support is among them."""
    results = finder.rank_services(
        finder.finder_candidates(municipality),
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
    body = render_jinja(
        "finder/results_body.html",
        {
            "municipality": municipality,
            "situation": situation,
            "support": support,
            "others": others,
            "care_office": care_office,
            "show_wlz": situation.long_term_care or not support,
            # Long-term care: the care office's route is the answer, so it comes first.
            "wlz_first": situation.long_term_care,
            # Sentences with a name, translated here (a Jinja2 template's messages are
            # found by makemessages only without arguments): plain text, autoescaped.
            "desk_title": _("The Wmo desk of %(name)s") % {"name": municipality.name},
            "care_office_line": _("In your region that is %(name)s.") % {"name": care_office.name}
            if care_office
            else "",
        },
    )
    return body, len(support) + len(others), bool(support)
