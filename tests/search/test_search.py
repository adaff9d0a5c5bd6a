"""The site search (/zoeken/): every kind the apps add, grouped, highlighted, only
what the visitor may see; clear messages for a query that cannot be searched; and on
PostgreSQL full-text search on the indexed vectors."""

import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from criteria.models import Criterion, Framework, Theme, Training
from criteria.search import CRITERION_FIELDS, TRAINING_FIELDS
from documents.models import Document
from documents.search import FIELDS as DOCUMENT_FIELDS
from glossary.models import Term
from glossary.search import FIELDS as TERM_FIELDS
from glossary.search import terms as glossary_terms
from network.models import Role, Service
from network.search import ROLE_FIELDS, SERVICE_FIELDS
from practice.models import PracticeExample
from practice.search import FIELDS as PRACTICE_FIELDS
from search import registry
from search.forms import SearchForm

pytestmark = pytest.mark.django_db
URL = reverse("search:results")
POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)


def search(client, text):
    return client.get(URL, {"q": text})


def labels(page):
    return [kind.label for kind in page.context["kinds"]]


def test_it_finds_every_kind_grouped_with_headings_and_counts(
    client, criteria_trainings, enschede_network
):
    page = search(client, "cliëntondersteuner")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<h1") == 1
    order = ["Kwaliteitscriteria", "Scholing", "Diensten", "Rollen", "Begrippen"]
    assert labels(page) == [label for label in order if label in labels(page)]
    assert {"Kwaliteitscriteria", "Scholing", "Rollen", "Begrippen"} <= set(labels(page))
    for kind in page.context["kinds"]:
        assert f'{kind.label} <span class="text-body-secondary">({kind.total})</span>' in html
        assert len(kind.hits) == min(kind.total, registry.LIMIT)
    assert "<mark>" in html
    assert 'href="/begrippen/#clientondersteuner"' in html


def test_each_hit_links_to_its_page(client, criteria_trainings, enschede_network):
    for kind in search(client, "cliëntondersteuner").context["kinds"]:
        for hit in kind.hits:
            path, _, anchor = hit.url.partition("#")
            answer = client.get(path)
            assert answer.status_code == 200, hit.url
            if anchor:
                assert f'id="{anchor}"' in answer.content.decode(), hit.url


def test_a_kind_with_more_hits_than_shown_says_how_many_more(client, enschede_network):
    page = search(client, "Enschede")
    services = next(kind for kind in page.context["kinds"] if kind.label == "Diensten")
    assert services.total > registry.LIMIT
    assert f"En nog {services.total - registry.LIMIT}." in page.content.decode()


def test_no_results_says_so_with_a_tip(client):
    html = search(client, "qwxzv").content.decode()
    assert "Niets gevonden voor “qwxzv”" in html
    assert "Tip:" in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Typ een of meer woorden"),
        ("   ", "Typ een of meer woorden"),
        ("a", "Typ minstens 2 tekens"),
        (" b  ", "Typ minstens 2 tekens"),
        ("woord " * 30, "Gebruik hoogstens 100 tekens"),
        ("zorg\x07", "onzichtbare"),
    ],
)
def test_a_query_that_cannot_be_searched_gets_a_clear_message(client, text, message):
    page = search(client, text)
    html = page.content.decode()
    assert page.status_code == 200
    assert message in html
    assert "error-summary" in html and 'href="#id_q"' in html
    assert "kinds" not in page.context


def test_the_page_without_a_query_explains_itself_without_errors(client):
    html = client.get(URL).content.decode()
    assert "Typ een of meer woorden. U vindt" in html
    assert "error-summary" not in html


def test_the_query_is_stripped_and_its_spaces_collapsed():
    form = SearchForm({"q": "  hulp \t bij  \n schulden "})
    # Tabs and line breaks are control characters in a one-line field.
    assert not form.is_valid()
    form = SearchForm({"q": "  hulp   bij  schulden "})
    assert form.is_valid() and form.cleaned_data["q"] == "hulp bij schulden"


@pytest.mark.parametrize("text", ["-0", "-zorg", '""', "' '", "- -", "--", "%s %(x)s", "50%"])
def test_search_syntax_alone_gives_a_page(client, text):
    page = search(client, text)
    assert page.status_code == 200
    assert "kinds" in page.context


@given(text=st.text(max_size=300))
def test_any_query_gives_a_page_never_a_server_error(client, text):
    page = search(client, text)
    if "\x00" in text:  # refused for the whole site (toolbox_site/middleware.py)
        assert page.status_code == 400
        return
    assert page.status_code == 200
    assert page.content.decode().count("<h1") == 1


@given(
    text=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]),
        min_size=2,
        max_size=40,
    ).filter(lambda text: len(" ".join(text.split())) >= 2)
)
def test_any_unicode_query_of_a_fitting_length_is_searched(client, text):
    page = search(client, text)
    assert page.status_code == 200
    assert "kinds" in page.context


def test_an_archived_service_is_found_only_by_members_of_its_organization(
    client, cast, enschede, enschede_network
):
    service = Service.objects.filter(owning_organization=enschede).first()
    Service.objects.filter(pk=service.pk).update(archived=True, name="Zzgeheimdienst Enschede")

    def found(username):
        client.logout()
        if username:
            client.force_login(cast[username])
        page = search(client, "Zzgeheimdienst")
        return [hit.url for kind in page.context["kinds"] for hit in kind.hits]

    assert found(None) == []
    assert found("hengelo.editor") == []
    assert found("enschede.viewer") == [service.get_absolute_url()]


def test_criteria_and_services_are_those_of_the_visitors_region(client, cast, elsewhere):
    other = Framework.objects.create(
        region=elsewhere.region, name="Kader", status=Framework.Status.PUBLISHED
    )
    theme = Theme.objects.create(framework=other, name="Thema")
    Criterion.objects.create(theme=theme, code="AH-1", title="Achterhoekse afspraak")
    client.force_login(cast["enschede.editor"])
    assert search(client, "Achterhoekse").context["kinds"] == []


def test_a_change_shows_at_once_through_the_cached_results(client, enschede, enschede_network):
    assert search(client, "Kwartelkoning").context["kinds"] == []
    service = Service.objects.filter(owning_organization=enschede).first()
    service.name = "Kwartelkoning Enschede"
    service.save()
    page = search(client, "Kwartelkoning")
    assert [hit.url for hit in page.context["kinds"][0].hits] == [service.get_absolute_url()]


def test_the_role_page_has_the_anchor_the_search_links_to(client):
    role = Role.objects.first()
    html = client.get(reverse("network:roles")).content.decode()
    assert f'id="rol-{role.slug}"' in html


def test_every_page_has_the_search_box(client):
    html = client.get(reverse("home")).content.decode()
    assert f'action="{URL}"' in html and 'role="search"' in html
    assert '<label class="visually-hidden" for="site-search-q">' in html


# --- Highlighting ---------------------------------------------------------------------------


def render(title, words, summary=""):
    """The list of hits of the search page with one hit, its words marked as the search
    marks them (on PostgreSQL when its headline marked none)."""
    query = registry.Query(" ".join(words))
    hit = registry.Hit(query._marked(title), "/", query._marked(summary))
    html = Template("{% load toolbox %}{% jinja 'search/kinds.html' kinds=kinds %}").render(
        Context({"kinds": [registry.Kind("Soort", [hit], 1)]})
    )
    return re.search(r'<a href="/">(.*?)</a>', html, re.S)[1]


def test_the_marks_are_escaped_with_the_text_around_them():
    html = render("<b>Hulp</b> & hulpmiddel", ["hulp"])
    assert html == "&lt;b&gt;<mark>Hulp</mark>&lt;/b&gt; &amp; <mark>hulp</mark>middel"
    # A word that looks like markup is found and escaped as well.
    assert render("a <b> c", ["<b>"]) == "a <mark>&lt;b&gt;</mark> c"


def test_the_marks_of_postgresqls_headline_are_taken_as_they_are():
    text = f"De {registry.START}ondersteuners{registry.STOP} <script>"
    assert render(text, ["ondersteuner"]) == "De <mark>ondersteuners</mark> &lt;script&gt;"


def test_the_summary_is_cut_around_the_first_match():
    text = "begin " * 100 + "schulden " + "eind " * 100
    summary = registry.excerpt(text, ["schulden"])
    assert "schulden" in summary and summary.startswith("… ") and summary.endswith(" …")
    assert len(summary) <= registry.SUMMARY_CHARACTERS + 4


# --- PostgreSQL ----------------------------------------------------------------------------


@POSTGRES
def test_dutch_stemming_finds_other_forms_of_a_word(client, criteria_trainings):
    page = search(client, "ondersteuners")
    criteria = next(kind for kind in page.context["kinds"] if kind.label == "Kwaliteitscriteria")
    assert any("ondersteuner" in hit.summary for hit in criteria.hits)


@POSTGRES
@pytest.mark.parametrize(
    ("model", "fields", "index"),
    [
        (Criterion, CRITERION_FIELDS, "criterion_search"),
        (Training, TRAINING_FIELDS, "training_search"),
        (Service, SERVICE_FIELDS, "service_search"),
        (Role, ROLE_FIELDS, "role_search"),
        (Term, TERM_FIELDS, "term_search"),
        (Document, DOCUMENT_FIELDS, "document_search"),
        (PracticeExample, PRACTICE_FIELDS, "practiceexample_search"),
    ],
)
def test_the_search_reads_the_stored_vector_through_its_index(model, fields, index):
    """Each searched table has the stored vector its migration adds, and the search's
    query reads it through the GIN index (search.registry.AddSearchIndex)."""
    with CaptureQueriesContext(connection) as captured:
        registry.Query("ondersteuner").find([registry.Source(model.objects.all(), fields, vars)])
    with connection.cursor() as cursor:
        # Neither a table scan nor a plain index scan (the planner may walk another
        # index for the ORDER BY … LIMIT when the table holds few rows): what remains
        # is a bitmap scan, which the match can only take through the GIN index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {captured.captured_queries[0]['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan
    assert "to_tsvector" not in plan  # read, not computed


@POSTGRES
def test_the_stored_vector_follows_the_row(enschede):
    """PostgreSQL keeps the generated column up to date, bulk inserts included."""
    Term.objects.bulk_create([Term(slug="zzvoorbeeld", name="Zzvoorbeeld", explanation="Uitleg.")])
    assert [hit.url for hit in search_terms("zzvoorbeeld")] == ["/begrippen/#zzvoorbeeld"]
    Term.objects.filter(slug="zzvoorbeeld").update(name="Anders", explanation="Iets anders.")
    assert search_terms("zzvoorbeeld") == []


def search_terms(text):
    [(hits, _total)] = registry.Query(text).find([glossary_terms(None)])
    return hits


def test_a_headline_says_where_it_cut_the_text():
    marked = f"brengen en {registry.START}schulden{registry.STOP} te voorkomen."
    text = "Helpt de post op orde te brengen en schulden te voorkomen."
    assert registry.cut_marks(marked, text) == f"… {marked}"
    assert registry.cut_marks(marked, "brengen en schulden te voorkomen. Meer.").endswith(" …")
    whole = f"{registry.START}Schulden{registry.STOP}"
    assert registry.cut_marks(whole, "Schulden") == whole


def test_the_english_page_is_english_and_names_the_english_term(client):
    client.cookies["django_language"] = "en"
    page = search(client, "mantelzorger")
    html = page.content.decode()
    assert "Glossary" in labels(page)
    assert "<h1>Search</h1>" in html and "Informal carer" in html
    assert "Type at least 2 characters." in search(client, "x").content.decode()
