"""The finder on a municipality's own website: the framed page (the municipality fixed,
no cookies, framed only by the websites its editors name) and the editors' page (the
websites, the code to paste, a preview)."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from finder.forms import normal_origin
from finder.models import FinderEmbed, FinderSearch
from toolbox_site.models import AuditEvent, Organization

from ..network.once import on_the_module_network
from .test_finder import dutch_reading_ease, main_text

pytestmark = on_the_module_network(__name__)

FRAMED = reverse("finder:embedded", args=["enschede"])
SETTINGS = reverse("finder:embed_settings", args=["enschede"])


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    directive = next(d for d in policy.split(";") if d.strip().startswith("frame-ancestors"))
    return directive.split()[1:]


@pytest.fixture
def editor(client, cast):
    client.force_login(cast["enschede.editor"])
    return client


def save(client, origins, version=1):
    return client.post(SETTINGS, {"origins": origins, "version": version})


def test_the_framed_finder_has_the_municipality_fixed_and_sets_no_cookie(client, finder_network):
    response = client.get(FRAMED)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<input type="hidden" name="gemeente" value="enschede">' in page
    assert 'name="gemeente" id=' not in page  # no choice of municipality
    assert "Vind een cliëntondersteuner in Enschede" in main_text(response)
    assert '<base target="_blank">' in page and 'target="_self"' in page
    assert not response.cookies
    assert "X-Frame-Options" not in response
    # Nobody named yet: only this site (the editors' preview) may frame it.
    assert frame_ancestors(response) == ["'self'"]


def test_a_search_in_the_frame_shows_the_results_there_and_is_counted(client, finder_network):
    response = client.get(FRAMED + "?" + urlencode({"situatie": "geldzorgen", "gemeente": "x"}))
    assert response.status_code == 200
    text = main_text(response)
    assert "Wie kan u helpen in Enschede?" in text
    assert "Onafhankelijke cliëntondersteuning Enschede" in text
    assert f'href="{FRAMED}" target="_self"' in response.content.decode()
    assert not response.cookies
    # Counted for Enschede, whatever municipality the query string named.
    assert FinderSearch.objects.get().municipality.slug == "enschede"


def test_a_skipped_question_gets_its_error_in_the_frame(client, finder_network):
    response = client.get(FRAMED + "?taal=")
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not FinderSearch.objects.exists()


def test_only_the_named_websites_may_frame_it(client, finder_network, enschede):
    FinderEmbed.objects.create(
        municipality=enschede, origins="https://www.enschede.nl\nhttps://test.enschede.nl"
    )
    response = client.get(FRAMED)
    assert frame_ancestors(response) == [
        "'self'",
        "https://www.enschede.nl",
        "https://test.enschede.nl",
    ]
    # Every other page of the site still refuses every frame.
    assert frame_ancestors(client.get(reverse("finder:index"))) == ["'none'"]


def test_an_unknown_municipality_is_not_found(client, finder_network):
    assert client.get(reverse("finder:embedded", args=["atlantis"])).status_code == 404


def test_the_framed_finders_own_texts_are_easy_to_read(client, finder_network):
    assert dutch_reading_ease(main_text(client.get(FRAMED))) >= 60


def test_the_script_for_the_municipal_website_reads_messages_from_this_site_only(client):
    response = client.get(reverse("finder:embed_script"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert 'var origin = "http://testserver";' in response.content.decode()
    assert "max-age" in response["Cache-Control"]


def test_the_editor_names_websites_and_gets_the_code_and_a_preview(editor, finder_network):
    page = editor.get(SETTINGS).content.decode()
    assert "http://testserver/vind-een-clientondersteuner/ingebed/enschede/" in page
    assert "ingebed.js" in page and "data-toolbox-finder" in page
    response = save(
        editor, "HTTPS://WWW.Enschede.nl/\nhttps://www.enschede.nl\n\nhttps://a.nl:8443"
    )
    assert response.status_code == 302
    embed = FinderEmbed.objects.get(municipality__slug="enschede")
    assert embed.origin_list == ["https://www.enschede.nl", "https://a.nl:8443"]
    assert embed.version == 2
    event = AuditEvent.objects.get(action="finder.embed.changed")
    assert event.data == {"added": ["https://a.nl:8443", "https://www.enschede.nl"], "removed": []}
    assert event.organization.slug == "enschede"


@pytest.mark.parametrize(
    "line",
    [
        "www.enschede.nl",
        "http://www.enschede.nl",
        "https://www.enschede.nl/wonen",
        "https://user@www.enschede.nl",
        "https://www.enschede.nl?x=1",
        "javascript:alert(1)",
        "https://",
        "https://exa mple.nl",
    ],
)
def test_a_line_that_is_not_a_website_gets_an_error_next_to_the_field(editor, finder_network, line):
    response = save(editor, f"https://www.enschede.nl\n{line}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Regel 2 is geen webadres van een website" in page
    assert 'href="#id_origins"' in page  # the error summary leads to the field
    assert not FinderEmbed.objects.exists()


def test_at_most_ten_websites(editor, finder_network):
    origins = "\n".join(f"https://site{number}.nl" for number in range(11))
    response = save(editor, origins)
    assert "Hoogstens 10 websites" in response.content.decode()


def test_the_second_of_two_editors_gets_a_conflict_and_keeps_their_input(editor, enschede):
    FinderEmbed.objects.create(municipality=enschede, origins="https://al.nl", version=2)
    response = save(editor, "https://mijn-invoer.nl", version=1)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Er is niets opgeslagen" in page
    assert "https://mijn-invoer.nl" in page
    assert FinderEmbed.objects.get().origins == "https://al.nl"
    assert save(editor, "https://mijn-invoer.nl", version=2).status_code == 302
    assert FinderEmbed.objects.get().origins == "https://mijn-invoer.nl"


def test_only_the_municipalitys_editors_and_coordinators_see_the_page(client, cast, enschede):
    assert client.get(SETTINGS).status_code == 302  # to the login page
    for username, status in [
        ("enschede.viewer", 403),
        ("hengelo.editor", 404),
        ("enschede.editor", 200),
        ("twente.coordinator", 200),
    ]:
        client.force_login(cast[username])
        assert client.get(SETTINGS).status_code == status, username


@given(origins=st.text(max_size=400), version=st.integers(min_value=-5, max_value=5))
def test_any_input_gets_an_answer_and_never_a_partial_write(editor, enschede, origins, version):
    FinderEmbed.objects.all().delete()
    response = save(editor, origins, version)
    if "\x00" in origins:
        assert response.status_code == 400 or response.status_code == 200
        assert not FinderEmbed.objects.exists()
        return
    assert response.status_code in (200, 302)
    saved = FinderEmbed.objects.first()
    if response.status_code == 200:
        assert saved is None or saved.origins == ""
    else:
        assert all(normal_origin(line) == line for line in saved.origin_list)


def test_the_municipality_page_links_its_editors_here(editor, finder_network):
    page = editor.get(reverse("municipalities:detail", args=["enschede"])).content.decode()
    assert f'href="{SETTINGS}"' in page
    Organization.objects.get(slug="enschede")
