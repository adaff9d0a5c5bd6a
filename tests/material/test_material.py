"""A municipality's printable material: the preview page and the PDFs, who may have
them, what they say (read back from the PDF), and that they follow the network map."""

import io
import json

import pytest
import textstat
import zxingcpp
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from pypdf import PdfReader
from pypdf.generic import ContentStream
from weasyprint import HTML

from material import content
from material import render as rendering
from network.models import Service

pytestmark = pytest.mark.django_db

FINDER = "http://testserver/vind-een-clientondersteuner/?gemeente=enschede"


def pdf_url(item, language="nl", slug="enschede"):
    return reverse("material:download", args=[slug, item, language])


def read_pdf(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    return reader, " ".join(text.split()), links


def qr_codes(reader, page_number=0):
    """The QR codes drawn on a page of the PDF, decoded.

    WeasyPrint draws segno's SVG as one path of horizontal strokes one module wide
    (``x y m  x2 y l``, in modules). They are painted here onto a white image, ten
    pixels a module with the quiet zone around them, and read by zxing-cpp: what
    is decoded is what the PDF draws, not what the code was asked to draw."""
    page = reader.pages[page_number]
    segments = []
    start = None
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"m":
            start = [float(value) for value in operands]
        elif operator == b"l" and start is not None:
            segments.append((start, [float(value) for value in operands]))
    if not segments:
        return []
    size = int(max(end[0] for _start, end in segments)) + 4
    scale = 10
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for (x1, y), (x2, _y) in segments:
        draw.rectangle(
            [x1 * scale, (y - 0.5) * scale, x2 * scale - 1, (y + 0.5) * scale - 1], fill=0
        )
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.fixture
def editor_client(client, cast):
    client.force_login(cast["enschede.editor"])
    return client


def enschede_service(role):
    return Service.objects.get(owning_organization__slug="enschede", role__slug=role)


def test_the_poster_names_the_municipality_the_first_contact_and_that_it_is_free(
    editor_client, enschede_network
):
    support = enschede_service("onafhankelijke-clientondersteuner")
    reader, text, links = read_pdf(editor_client.get(pdf_url("poster")))
    assert len(reader.pages) == 1
    assert "Enschede" in text
    assert "gratis" in text
    assert "onafhankelijk" in text
    assert support.phone in text
    assert support.email.replace("-", "") in text.replace("- ", "").replace("-", "")
    # The QR code opens the finder with Enschede chosen; it is a link too, and its
    # address is printed under it.
    assert qr_codes(reader) == [FINDER]
    assert FINDER in links
    assert "gemeente=enschede" in text


def test_the_flyer_says_the_same_in_short_on_a5(editor_client, enschede_network):
    support = enschede_service("onafhankelijke-clientondersteuner")
    reader, text, links = read_pdf(editor_client.get(pdf_url("flyer")))
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert round(float(width) / 72 * 25.4) == 148 and round(float(height) / 72 * 25.4) == 210
    assert "Enschede" in text and "gratis" in text and support.phone in text
    assert qr_codes(reader) == [FINDER]
    assert FINDER in links


def test_the_referral_card_lists_whom_to_refer_to_for_each_kind_of_question(
    editor_client, enschede_network, regional_services
):
    desk = enschede_service("wmo-consulent")
    support = enschede_service("onafhankelijke-clientondersteuner")
    wlz = Service.objects.get(role__slug="wlz-clientondersteuner")
    reader, text, _links = read_pdf(editor_client.get(pdf_url("verwijskaart")))
    assert len(reader.pages) == 1
    for phone in (desk.phone, support.phone, wlz.phone):
        assert phone in text
    assert "Wlz" in text and "Wmo-loket" in text
    assert "Warme overdracht in drie stappen" in text
    # No specialised client supporter in the demo's Enschede: the card says where to go.
    assert "Nog niet in de netwerkkaart" in text


def test_the_material_comes_in_english_too(editor_client, enschede_network):
    _reader, text, _links = read_pdf(editor_client.get(pdf_url("poster", "en")))
    assert "The help is free." in text
    assert "gratis" not in text
    _reader, text, _links = read_pdf(editor_client.get(pdf_url("verwijskaart", "en")))
    assert "Warm hand-over in three steps" in text


def test_without_independent_support_the_poster_starts_at_the_municipality(
    editor_client, enschede, ggd
):
    enschede.phone = "053 481 1111"
    enschede.save()
    ggd.email = "regio@example.org"
    ggd.save()
    _reader, text, _links = read_pdf(editor_client.get(pdf_url("poster")))
    assert "053 481 1111" in text
    # The region's contact as the fallback.
    assert "regio@example.org" in text


def test_without_any_contact_the_poster_gives_the_municipalities_national_number(
    editor_client, enschede
):
    _reader, text, _links = read_pdf(editor_client.get(pdf_url("poster")))
    assert "Bel 14 en dan het netnummer van uw gemeente." in text


def test_a_kept_pdf_is_served_until_the_network_changes(
    editor_client, enschede_network, monkeypatch
):
    made = []
    real = rendering.pdf
    monkeypatch.setattr(rendering, "pdf", lambda *args: made.append(args) or real(*args))
    first = editor_client.get(pdf_url("poster")).content
    assert editor_client.get(pdf_url("poster")).content == first
    assert len(made) == 1
    support = enschede_service("onafhankelijke-clientondersteuner")
    support.phone = "053 999 8877"
    support.save()
    _reader, text, _links = read_pdf(editor_client.get(pdf_url("poster")))
    assert "053 999 8877" in text
    assert len(made) == 2
    # Another language is another PDF.
    editor_client.get(pdf_url("poster", "en"))
    assert len(made) == 3


def svg_qr_codes(svg):
    """The QR codes of an SVG image, decoded: drawn into a PDF by WeasyPrint, as the
    material draws it, and read back by :func:`qr_codes`."""
    html = f"<style>svg {{ width: 10cm; height: 10cm }}</style>{svg}"
    return qr_codes(PdfReader(io.BytesIO(HTML(string=html).write_pdf())))


def test_the_preview_shows_the_three_items_with_their_downloads(editor_client, enschede_network):
    response = editor_client.get(reverse("material:preview", args=["enschede"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    for item in content.ITEMS:
        for language in content.LANGUAGES:
            assert pdf_url(item, language) in page
    # The poster's and the flyer's QR code: one image of its own address, not drawn here.
    qr_url = reverse("material:qr", args=["enschede"])
    assert page.count(f'src="{qr_url}"') == 2
    assert "<svg" not in page
    assert FINDER.replace("&", "&amp;") in page or FINDER in page


def test_the_qr_code_is_an_image_of_the_finder_for_who_may_make_material(
    client, cast, enschede_network
):
    """The image reads as the finder's address with the municipality chosen, and only
    who may see the preview gets it."""
    url = reverse("material:qr", args=["enschede"])
    client.force_login(cast["enschede.editor"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert svg_qr_codes(response.content.decode()) == [FINDER]
    for username, status in (("enschede.viewer", 403), ("hengelo.editor", 403)):
        client.force_login(cast[username])
        assert client.get(url).status_code == status, username
    client.logout()
    assert client.get(url).status_code == 302


def test_the_municipality_page_links_to_the_material_for_who_may_download_it(client, cast):
    url = reverse("municipalities:detail", args=["enschede"])
    preview = reverse("material:preview", args=["enschede"])
    for username, shown in (
        ("enschede.editor", True),
        ("twente.coordinator", True),
        ("enschede.viewer", False),
        ("hengelo.editor", False),
    ):
        client.force_login(cast[username])
        assert (preview in client.get(url).content.decode()) is shown, username


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("enschede.editor", 200),
        ("twente.coordinator", 200),
        ("enschede.viewer", 403),
        ("hengelo.editor", 403),
        ("menzis.adviser", 403),
    ],
)
def test_only_the_municipalitys_editors_and_the_regions_coordinators_may_download(
    client, cast, enschede, username, status
):
    client.force_login(cast[username])
    assert client.get(reverse("material:preview", args=["enschede"])).status_code == status
    assert client.get(pdf_url("flyer")).status_code == status


def test_a_coordinator_of_another_region_may_not(client, elsewhere, enschede):
    from tests.factories import make_organization, make_user
    from toolbox_site.models import Membership, Organization

    team = make_organization(elsewhere.region, "Regioteam", kind=Organization.Kind.REGION_TEAM)
    client.force_login(make_user("other.coordinator", team, Membership.Role.COORDINATOR))
    assert client.get(pdf_url("poster")).status_code == 403
    assert client.get(pdf_url("poster", slug=elsewhere.slug)).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login(client, enschede):
    for url in (reverse("material:preview", args=["enschede"]), pdf_url("poster")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_unknown_items_languages_and_municipalities_are_not_found(editor_client, enschede):
    base = reverse("material:preview", args=["enschede"])
    for path in ("folder-nl.pdf", "poster-de.pdf", "poster.pdf", "poster-nl.PDF"):
        assert editor_client.get(base + path).status_code == 404, path
    assert editor_client.get(pdf_url("poster", slug="nergens")).status_code == 404


def test_nothing_is_written(editor_client, enschede):
    assert editor_client.post(pdf_url("poster")).status_code == 405
    assert editor_client.post(reverse("material:preview", args=["enschede"])).status_code == 405


@given(tail=st.text(max_size=40), query=st.text(max_size=40))
def test_any_address_under_the_material_answers_without_a_server_error(
    editor_client, enschede, tail, query
):
    base = reverse("material:preview", args=["enschede"])
    response = editor_client.get(base + tail.replace("\x00", ""), {"q": query})
    assert response.status_code in (200, 301, 400, 404)


def resident_texts(language):
    texts = content.TEXTS[language]
    for kind in ("poster", "flyer"):
        part = texts[kind]
        yield (
            kind,
            " ".join(
                [
                    f"{part['title']}.",
                    part["intro"],
                    *part["points"],
                    f"{part['start']}.",
                    part["qr"],
                    part["fallback"],
                ]
            ),
        )


def test_the_residents_texts_are_easy_to_read():
    """Flesch-Douma (Dutch) at or above 60, B1 level, as the finder's own texts are
    measured (tests/finder/test_finder.py)."""
    textstat.set_lang("nl")
    for kind, text in resident_texts("nl"):
        assert textstat.flesch_reading_ease(text) >= 60, kind


def test_every_text_is_there_in_dutch_and_english():
    def shape(value):
        if isinstance(value, dict):
            return {key: shape(item) for key, item in value.items()}
        if isinstance(value, list):
            return len(value)
        assert value.strip()
        return "text"

    assert shape(content.TEXTS["nl"]) == shape(content.TEXTS["en"])
    for row in json.loads((content.DATA / "referral.json").read_text())["rows"]:
        for field in ("question", "whom"):
            assert set(row[field]) == set(content.LANGUAGES)
