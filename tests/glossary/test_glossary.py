"""The glossary (/begrippen/): the terms in plain Dutch and in English, A to Z, and
the first use of a term on the finder's pages linked to its explanation."""

import re

import pytest
import textstat
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from glossary import terms
from glossary.linking import link_terms
from glossary.models import Term

pytestmark = pytest.mark.django_db
URL = reverse("glossary:index")


def test_the_migration_loads_every_term_of_the_data_file():
    assert set(Term.objects.values_list("slug", flat=True)) >= {row["slug"] for row in terms.read()}
    assert terms.load() == 0  # loading again adds nothing


def test_the_page_lists_the_terms_from_a_to_z(client):
    page = client.get(URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<h1") == 1
    assert 'id="wmo"' in html and 'href="#letter-W"' in html
    names = [term.name for group in page.context["letters"] for term in group["terms"]]
    assert names == sorted(names, key=str.casefold)


def test_the_english_page_shows_the_english_words(client):
    client.cookies["django_language"] = "en"
    html = client.get(URL).content.decode()
    assert "Social Support Act" in html and "Kitchen-table talk" in html


def test_the_explanations_are_plain_dutch():
    """Flesch-Douma at or above 60 (B1), as the finder's own texts."""
    textstat.set_lang("nl")
    text = " ".join(Term.objects.values_list("explanation", flat=True))
    assert textstat.flesch_reading_ease(text) >= 60


def test_the_first_use_of_a_term_is_linked():
    html = str(link_terms("De Wmo en de Wlz. Nog eens de Wmo."))
    assert html.count('href="/begrippen/#wmo"') == 1
    assert html.count('href="/begrippen/#wlz"') == 1
    # The longest form first; whole words only.
    long = str(link_terms("Onafhankelijke cliëntondersteuning is gratis."))
    assert 'href="/begrippen/#onafhankelijke-clientondersteuning"' in long
    assert "#clientondersteuner" not in long
    assert "href" not in str(link_terms("Wmovoorziening en pgbtje"))
    # Other forms link too, in any case.
    assert 'href="/begrippen/#mantelzorger"' in str(link_terms("Voor MANTELZORGERS"))


@given(text=st.text(max_size=300))
def test_any_text_is_escaped_and_kept_as_it_was(text):
    html = str(link_terms(text))
    assert "<script" not in html.lower() or "&lt;script" in html.lower()
    without_links = re.sub(r'<a class="glossary-term" href="[^"]*">([^<]*)</a>', r"\1", html)
    assert "<" not in without_links
    from html import unescape

    assert unescape(strip_tags(html)) == text


def test_a_changed_term_shows_on_the_finder_at_the_next_request(client, finder_network):
    from finder.models import LifeSituation

    situation = LifeSituation.objects.get(slug="langdurige-zorg")
    situation.explanation = "Soms is er zorg nodig volgens de Wlz."
    situation.save()
    url = reverse("finder:index") + "?gemeente=enschede&situatie=langdurige-zorg"
    assert 'href="/begrippen/#wlz"' in client.get(url).content.decode()
    Term.objects.filter(slug="wlz").get().delete()
    assert 'href="/begrippen/#wlz"' not in client.get(url).content.decode()


def test_link_terms_without_terms_only_escapes():
    Term.objects.all().delete()
    with override("nl"):
        assert str(link_terms("<b>Wmo</b>")) == "&lt;b&gt;Wmo&lt;/b&gt;"
