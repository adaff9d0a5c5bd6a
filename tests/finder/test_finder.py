"""The resident finder: /vind-een-clientondersteuner/."""

import html
import re
from urllib.parse import urlencode

import pytest
import textstat
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from finder.models import FinderSearch
from network.models import Service
from tests.factories import make_organization

from ..network.once import on_the_module_network

pytestmark = on_the_module_network(__name__)

URL = "/vind-een-clientondersteuner/"


def finder_url(**params):
    return f"{reverse('finder:index')}?{urlencode(params)}"


def main_text(response):
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    text = re.sub(r"<[^>]+>", " ", main)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def test_the_finder_lives_at_its_dutch_address():
    assert reverse("finder:index") == URL


def test_the_form_asks_for_municipality_and_situation(client, finder_network):
    response = client.get(URL)
    assert response.status_code == 200
    text = main_text(response)
    assert "In welke gemeente woont u?" in text
    assert "Waar gaat uw vraag over?" in text
    assert "Ik maak me zorgen over geld" in text
    assert 'method="get"' in response.content.decode()


def test_a_municipal_website_can_preselect_the_municipality(client, finder_network):
    response = client.get(finder_url(gemeente="enschede"))
    assert response.status_code == 200
    assert '<option value="enschede" selected>' in response.content.decode()
    assert "alert-danger" not in response.content.decode()


def test_an_unknown_municipality_in_the_link_is_explained(client, finder_network):
    response = client.get(finder_url(gemeente="atlantis"))
    assert response.status_code == 200
    assert "Deze gemeente kennen we niet." in main_text(response)


def test_the_result_page_shows_who_can_help_and_how_to_reach_them(client, finder_network):
    response = client.get(finder_url(gemeente="enschede", situatie="geldzorgen"))
    assert response.status_code == 200
    text = main_text(response)
    page = response.content.decode()
    assert "Wie kan u helpen in Enschede?" in text
    assert "Onafhankelijke cliëntondersteuning Enschede" in text
    assert "Waarom dit bij u past" in text
    assert "Deze hulp is onafhankelijk: zij staan aan uw kant." in text
    assert "Gratis" in text
    assert "Wat gebeurt er als u belt?" in text
    assert 'href="tel:' in page
    assert 'href="mailto:' in page
    assert "Openingstijden" in text
    assert "Klopt er iets niet?" in text
    # the Wmo desk is always there as the next step
    assert "Het Wmo-loket van Enschede" in text
    assert 'href="tel:14053"' in page


def test_independent_support_is_listed_before_the_others(client, finder_network):
    text = main_text(client.get(finder_url(gemeente="enschede", situatie="geldzorgen")))
    assert text.index("Onafhankelijke cliëntondersteuning") < text.index("Zij kunnen ook helpen")


def test_archived_services_and_other_municipalities_never_appear(client, finder_network):
    Service.objects.filter(name="Onafhankelijke cliëntondersteuning Enschede").update(archived=True)
    text = main_text(client.get(finder_url(gemeente="enschede", situatie="geldzorgen")))
    assert "Onafhankelijke cliëntondersteuning Enschede" not in text
    assert "Hengelo" not in text


def test_when_nothing_fits_it_shows_the_wmo_desk_and_the_wlz_route(client, finder_network, twente):
    empty = make_organization(twente, "Lege gemeente", phone="14 074")
    response = client.get(finder_url(gemeente=empty.slug, situatie="geldzorgen"))
    assert response.status_code == 200
    text = main_text(response)
    assert "We vonden geen cliëntondersteuner voor deze vraag" in text
    assert "Het Wmo-loket van Lege gemeente" in text
    assert 'href="tel:14074"' in response.content.decode()
    assert "Hebt u lang zorg nodig? (Wlz)" in text
    assert "CIZ" in text
    assert "Menzis zorgkantoor" in text


def test_long_term_care_always_explains_the_care_office_route(client, finder_network):
    text = main_text(client.get(finder_url(gemeente="enschede", situatie="langdurige-zorg")))
    assert "Wlz-cliëntondersteuning via het zorgkantoor" in text
    assert "U vraagt langdurige zorg aan bij het CIZ." in text


@pytest.mark.parametrize(
    "params",
    [
        {"gemeente": "atlantis", "situatie": "geldzorgen"},
        {"gemeente": "enschede", "situatie": "bestaat-niet"},
        {"gemeente": "enschede", "situatie": "geldzorgen", "leeftijd": "999"},
        {"gemeente": "enschede", "situatie": "geldzorgen", "taal": "Klingon"},
        {"gemeente": "enschede\x01", "situatie": "geldzorgen"},
        {"gemeente": "", "situatie": ""},
    ],
)
def test_bad_input_gets_a_clear_message_and_is_not_counted(client, finder_network, params):
    response = client.get(finder_url(**params))
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert not FinderSearch.objects.exists()


def test_invalid_utf8_gets_a_clear_message(client, finder_network):
    response = client.get(URL + "?gemeente=%ff%fe&situatie=%c3%28")
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()


def test_the_finder_sets_no_cookie_and_does_not_touch_the_session(client, finder_network):
    for url in (
        URL,
        finder_url(gemeente="borne"),
        finder_url(gemeente="enschede", situatie="eenzaam"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers
        assert not response.wsgi_request.session.accessed


def test_a_logged_in_visitor_gets_the_same_cookie_free_page(client, finder_network, cast):
    client.force_login(cast["enschede.editor"])
    response = client.get(finder_url(gemeente="enschede", situatie="eenzaam"))
    assert not response.cookies
    assert not response.wsgi_request.session.accessed


def test_the_finder_answers_only_get(client, finder_network):
    assert client.post(URL, {"gemeente": "enschede"}).status_code == 405


def test_each_search_is_counted_without_anything_personal(client, finder_network, enschede):
    client.get(
        finder_url(
            gemeente="enschede",
            situatie="geldzorgen",
            leeftijd="volwassene",
            voorkeur="beroepskracht",
            taal="Engels",
        ),
        HTTP_USER_AGENT="Secret browser",
        REMOTE_ADDR="203.0.113.9",
    )
    search = FinderSearch.objects.get()
    assert search.municipality == enschede
    assert search.situation.slug == "geldzorgen"
    assert (search.age_group, search.preference, search.language) == (
        "volwassene",
        "beroepskracht",
        "Engels",
    )
    assert search.result_count > 0
    assert search.independent_found is True
    fields = {field.name for field in FinderSearch._meta.get_fields()}
    assert fields == {
        "id",
        "municipality",
        "situation",
        "age_group",
        "preference",
        "language",
        "result_count",
        "independent_found",
        "date",
    }


def test_a_search_without_independent_support_is_counted_as_such(client, finder_network, twente):
    empty = make_organization(twente, "Lege gemeente")
    client.get(finder_url(gemeente=empty.slug, situatie="geldzorgen"))
    search = FinderSearch.objects.get()
    assert (search.result_count, search.independent_found) == (0, False)


def test_the_result_page_has_a_print_style(client, finder_network):
    response = client.get(finder_url(gemeente="enschede", situatie="geldzorgen"))
    assert "network/finder.css" in response.content.decode()


def test_the_home_page_leads_residents_to_the_finder(client, finder_network):
    page = client.get("/").content.decode()
    assert f'action="{URL}"' in page
    assert 'name="gemeente"' in page
    assert '<option value="enschede">Enschede</option>' in page


def dutch_reading_ease(text):
    textstat.set_lang("nl")
    return textstat.flesch_reading_ease(text)


def test_the_finders_own_texts_are_easy_to_read(client, finder_network, twente):
    """Flesch-Douma (Dutch) at or above 60: B1 level. Measured on the form page and
    on a result page with only the finder's own texts (no services' descriptions)."""
    from finder.views.search import next_step

    form_text = main_text(client.get(URL))
    empty = make_organization(twente, "Lege gemeente")
    nothing_text = main_text(
        client.get(finder_url(gemeente=empty.slug, situatie="langdurige-zorg"))
    )
    steps = " ".join(
        next_step(service)
        for service in Service.objects.select_related("role__category").filter(
            owning_organization__slug="enschede"
        )
    )
    for text in (form_text, nothing_text, steps):
        assert dutch_reading_ease(text) >= 60, text


@given(
    params=st.dictionaries(
        st.sampled_from(["gemeente", "situatie", "leeftijd", "voorkeur", "taal", "x", "page"]),
        st.text(max_size=300),
        max_size=6,
    )
)
def test_arbitrary_query_strings_never_break_the_finder(client, finder_network, params):
    response = client.get(URL + "?" + urlencode(params))
    # A NUL character is refused by the site before the finder sees it.
    nul = any("\x00" in value for value in params.values())
    assert response.status_code == (400 if nul else 200)


@given(raw=st.binary(max_size=200))
def test_arbitrary_raw_query_bytes_never_break_the_finder(client, finder_network, raw):
    from urllib.parse import quote_from_bytes

    response = client.get(URL + "?gemeente=enschede&situatie=" + quote_from_bytes(raw))
    # A NUL byte is refused by the site before the finder sees it.
    assert response.status_code == (400 if b"\x00" in raw else 200)


@pytest.mark.parametrize(
    "params",
    [
        {"gemeente": "enschede", "leeftijd": "", "voorkeur": "", "taal": ""},  # the finder
        {"gemeente": "enschede", "situatie": ""},  # the home page's box
        {"gemeente": "", "taal": ""},
    ],
)
def test_a_skipped_question_shows_the_error_summary_and_the_field_error(
    client, finder_network, params
):
    response = client.get(finder_url(**params))
    assert response.status_code == 200
    page = response.content.decode()
    summary = page[page.index('class="alert alert-danger error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert "Kies waar uw vraag over gaat." in summary
    assert "over?:" not in summary  # no colon after the label's question mark
    assert 'href="#id_situatie_0"' in summary
    # and again at the field itself, below the summary
    after_summary = page[page.index("</ul>", page.index("error-summary")) :]
    assert "Kies waar uw vraag over gaat." in after_summary
    assert 'id="id_situatie_0"' in after_summary
    assert not FinderSearch.objects.exists()


def test_the_home_page_s_box_leads_straight_to_phone_numbers(client, finder_network):
    home = client.get(reverse("home")).content.decode()
    assert 'id="home-situation" name="situatie"' in home
    assert '<option value="geldzorgen">' in home
    response = client.get(finder_url(gemeente="enschede", situatie="geldzorgen"))
    assert "Wie kan u helpen in Enschede?" in main_text(response)
    assert 'href="tel:' in response.content.decode()


def test_for_long_term_care_the_care_office_route_comes_first(client, finder_network):
    response = client.get(finder_url(gemeente="enschede", situatie="langdurige-zorg"))
    text = main_text(response)
    route = text.index("Hebt u lang zorg nodig? (Wlz)")
    assert route < text.index("Onafhankelijke cliëntondersteuning")
    assert route < text.index("Het Wmo-loket van Enschede")
    assert "Het CIZ is de organisatie die beslist wie deze zorg krijgt." in text
    page = response.content.decode()
    assert page.index('href="tel:0530001234"') < page.index('id="support-title"')


def test_for_other_questions_the_care_office_route_follows_the_results(
    client, twente, finder_network
):
    empty = make_organization(twente, "Lege gemeente", phone="14 099")
    text = main_text(client.get(finder_url(gemeente=empty.slug, situatie="geldzorgen")))
    assert text.index("We vonden geen cliëntondersteuner") < text.index("Hebt u lang zorg nodig?")


def result_card(page, name):
    start = page.index(f'<h3 class="h4 card-title">{name}</h3>')
    return page[start : page.index("</li>\n", page.index("finder-report", start))]


def test_the_care_office_card_describes_the_care_office(client, finder_network):
    page = client.get(finder_url(gemeente="enschede", situatie="langdurige-zorg")).content.decode()
    card = html.unescape(
        re.sub(r"<[^>]+>", " ", result_card(page, "Zorgkantoor: advies over langdurige zorg"))
    )
    assert "gemeente" not in card
    assert "Zij leggen uit hoe langdurige zorg (Wlz) werkt." in card
    assert "Daarna regelt het zorgkantoor uw zorg." in card
    desk = html.unescape(result_card(page, "Wmo-loket Enschede"))
    assert "Zij kijken wat de gemeente voor u kan doen." in desk


def test_an_access_decider_outside_the_municipality_is_not_called_the_municipality(finder_network):
    from finder.views.search import next_step

    service = Service.objects.select_related("provider", "role").get(name="Wmo-loket Enschede")
    service.provider.kind = service.provider.Kind.OTHER
    assert "gemeente" not in next_step(service)
    assert "welke zorg of hulp u kunt krijgen" in next_step(service)


def test_texts_of_a_service_are_escaped_and_opening_hours_keep_their_lines(client, finder_network):
    # The results are rendered by Jinja2 (finder/jinja2/finder/results_body.html).
    service = Service.objects.get(name="Onafhankelijke cliëntondersteuning Enschede")
    service.description = "Hulp <b>bij</b> alles & meer"
    service.opening_hours = "Ma 9-12 <uur>\nDi 13-17"
    service.website = "javascript:alert(1)"
    service.save()
    page = client.get(finder_url(gemeente="enschede", situatie="geldzorgen")).content.decode()
    card = result_card(page, "Onafhankelijke cliëntondersteuning Enschede")
    assert "Hulp &lt;b&gt;bij&lt;/b&gt; alles &amp; meer" in card
    assert "Ma 9-12 &lt;uur&gt;<br>Di 13-17" in card
    # An address that is no web address is text, not a link.
    assert "<dd>javascript:alert(1)</dd>" in card
    assert "Het Wmo-loket van Enschede" in page


def test_a_search_that_cannot_be_counted_still_gets_its_answer(
    client, finder_network, monkeypatch, caplog
):
    # The search is counted after the page is sent (finder.views.search.CountedResults).
    def broken(*args, **kwargs):
        raise RuntimeError("the database is busy")

    monkeypatch.setattr("finder.services.count_search", broken)
    response = client.get(finder_url(gemeente="enschede", situatie="geldzorgen"))
    assert response.status_code == 200
    assert "Onafhankelijke cliëntondersteuning Enschede" in main_text(response)
    assert "A finder search could not be counted." in caplog.text
    assert not FinderSearch.objects.exists()


def test_the_search_is_counted_once_the_page_is_sent(client, finder_network):
    response = client.get(finder_url(gemeente="enschede", situatie="geldzorgen"))
    assert response.closed  # the test client closes it, as a WSGI server does
    search = FinderSearch.objects.get()
    assert (search.municipality.slug, search.situation.slug) == ("enschede", "geldzorgen")
