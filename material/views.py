"""A municipality's printable material (``/gemeenten/<slug>/materiaal/``): a preview
page with the poster, the flyer and the referral card, and each of them as PDF, in
Dutch or English. For the municipality's editors and its region's coordinators.

The PDFs are kept through toolbox_site/freshness.py under the versions of the
municipality's network and organizations, so they are always current and a second
download costs no rendering."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from toolbox_site import freshness
from toolbox_site.regions import municipality_or_404

from . import content
from . import render as rendering
from .qr import qr_svg
from .rules import makes_material

#: The material shows the network map and the organizations' own contact details.
page_part = freshness.parts_for("network", "toolbox_site")


def _municipality(request, slug):
    municipality = municipality_or_404(slug)
    if not makes_material(request.user, municipality):
        raise PermissionDenied
    return municipality


def finder_url(request, municipality):
    """The finder with the municipality chosen: the address in the QR code."""
    return request.build_absolute_uri(f"{reverse('finder:index')}?gemeente={municipality.slug}")


@require_GET
@login_required
def preview(request, slug):
    municipality = _municipality(request, slug)
    url = finder_url(request, municipality)
    language = translation.get_language()[:2]
    if language not in content.LANGUAGES:
        language = "nl"
    return render(
        request,
        "material/preview.html",
        {
            "municipality": municipality,
            "items": content.ITEMS.values(),
            "languages": [("nl", _("Dutch")), ("en", _("English"))],
            "part": page_part(
                "material-preview",
                municipality=municipality,
                vary=(url, content.TEXTS_DIGEST),
            ),
            # Built only when the cached part is missing.
            "page": SimpleLazyObject(lambda: content.material_for(municipality, url, language)),
            "heading": "h3",
            "subheading": "h4",
            "breadcrumbs": [
                (_("Municipalities"), reverse("municipalities:overview")),
                (municipality.name, reverse("municipalities:detail", args=[municipality.slug])),
                (_("Printable material"), None),
            ],
        },
    )


@require_GET
@login_required
def qr_code(request, slug):
    """The preview's QR code as an image of its own: the browser keeps it for a day, so
    the page does not draw it (choosing the code's mask is several milliseconds) at
    every visit. It depends only on the finder's address, whose host and municipality
    are in this address too."""
    municipality = _municipality(request, slug)
    response = HttpResponse(qr_svg(finder_url(request, municipality)), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=86400"
    return response


@require_GET
@login_required
def download(request, slug, item, language):
    municipality = _municipality(request, slug)
    chosen = content.ITEMS.get(item)
    if chosen is None or language not in content.LANGUAGES:
        raise Http404
    url = finder_url(request, municipality)
    with translation.override(language):
        part = page_part(
            "material-pdf",
            municipality=municipality,
            vary=(chosen.slug, url, content.TEXTS_DIGEST),
        )
        body = freshness.cached(
            part,
            lambda: rendering.pdf(chosen, content.material_for(municipality, url, language)),
        )
    response = HttpResponse(body, content_type="application/pdf")
    name = f"{chosen.slug}-{municipality.slug}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-cache"
    return response
