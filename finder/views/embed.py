"""The finder on a municipality's own website: a page in a minimal layout with the
municipality fixed, which only the websites its editors name may show in a frame
(``frame-ancestors``), and the editors' page with the code to paste and a preview.
Like the finder, the framed page sets no cookie and tracks nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_http_methods

from toolbox_site import freshness
from toolbox_site.locking import Conflict, show_conflict
from toolbox_site.models import Organization
from toolbox_site.permissions import get_object_for_user
from toolbox_site.regions import municipality_or_404

from .. import services as finder
from ..forms import FinderEmbedForm, FinderForm
from ..models import FinderEmbed
from .search import SEARCH_FIELDS, CountedResults, cookie_free, search

page_part = freshness.parts_for("finder", "toolbox_site")

#: How long a browser may keep the script that sizes the frame on the municipality's site.
HOST_SCRIPT_MAX_AGE = 24 * 60 * 60


@require_GET
@xframe_options_exempt  # CSP's frame-ancestors below says who may frame it
@cookie_free
def embedded_finder(request, slug):
    # Warm, the page reads nothing but the versions: the municipality is kept with
    # them (regions.municipality_or_404), and so are its websites and its empty form.
    municipality = municipality_or_404(slug)
    origins = freshness.cached(
        page_part("embed-origins", municipality=municipality),
        lambda: (
            FinderEmbed.objects.filter(municipality=municipality)
            .values_list("origins", flat=True)
            .first()
        ),
    )
    pairs = [(municipality.slug, municipality.name)]
    action = reverse("finder:embedded", args=[municipality.slug])
    context = {"municipality": municipality, "action": action, "form_part": None}
    if any(name in request.GET for name in SEARCH_FIELDS):
        situations = finder.life_situations()
        data = request.GET.copy()
        data["gemeente"] = municipality.slug
        form = FinderForm(data, municipalities=pairs, situations=situations)
        if form.is_valid():
            situation = next(s for s in situations if s.slug == form.cleaned_data["situatie"])
            body, count = search(municipality, situation, form.cleaned_data)
            context.update({"situation": situation, "results_body": body})
            html = render_to_string("finder/embed/results.html", context, request)
            return _framed(CountedResults(html, count), origins)
    else:
        # The empty form is a kept part: built only when that copy is missing.
        form = SimpleLazyObject(
            lambda: FinderForm(
                municipalities=pairs,
                situations=finder.life_situations(),
                initial={"gemeente": municipality.slug},
            )
        )
        context["form_part"] = page_part("embed-form", municipality=municipality)
    context["form"] = form
    return _framed(render(request, "finder/embed/form.html", context), origins)


def _framed(response, origins):
    """Only this site (the editors' preview) and the municipality's websites may frame it."""
    response._csp_replace = {"frame-ancestors": ["'self'", *(origins or "").split()]}
    return response


@require_GET
def host_script(request):
    """The script a municipality's website loads next to the frame, at an address that
    never changes (a file under /static/ is renamed when it changes)."""
    response = render(request, "finder/embed/host.js", content_type="text/javascript")
    response["Cache-Control"] = f"public, max-age={HOST_SCRIPT_MAX_AGE}"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def embed_settings(request, slug):
    municipality = get_object_for_user(
        request.user, Organization.objects.municipalities(), write=True, slug=slug
    )
    embed = FinderEmbed.objects.filter(municipality=municipality).first() or FinderEmbed(
        municipality=municipality
    )
    form = FinderEmbedForm(request.POST or None, instance=embed)
    if request.method == "POST" and form.is_valid():
        try:
            finder.save_embed(form, municipality, request.user)
        except Conflict as conflict:
            show_conflict(form, conflict.current)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(request.path)
    frame_url = request.build_absolute_uri(reverse("finder:embedded", args=[municipality.slug]))
    script_url = request.build_absolute_uri(reverse("finder:embed_script"))
    title = _("The finder on the website of %(name)s") % {"name": municipality.name}
    return render(
        request,
        "finder/embed/settings.html",
        {
            "form": form,
            "municipality": municipality,
            "origins": embed.origin_list,
            "frame_url": frame_url,
            "script_url": script_url,
            "title": title,
            "breadcrumbs": [
                (_("Municipalities"), reverse("municipalities:overview")),
                (municipality.name, reverse("municipalities:detail", args=[municipality.slug])),
                (title, None),
            ],
        },
    )
