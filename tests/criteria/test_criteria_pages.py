"""The criteria of the region, one criterion, and the conversation guide."""

import pytest
from django.conf import settings
from django.urls import reverse

from criteria.models import Criterion, LocalAgreement

INDEX = reverse("criteria:index")


def test_the_criteria_are_grouped_by_theme_with_one_heading_each(client, criteria_framework):
    content = client.get(INDEX).content.decode()
    assert content.count("<h2>") == 10
    assert content.count("<h1>") == 1
    assert "ON-1" in content and "SG-3" in content


def test_each_criterion_shows_how_many_municipalities_agreed(
    client, criteria_framework, enschede, hengelo
):
    on1 = Criterion.objects.get(code="ON-1")
    for municipality in (enschede, hengelo):
        LocalAgreement.objects.create(municipality=municipality, criterion=on1, status="agreed")
    content = client.get(INDEX).content.decode()
    assert "2 gemeenten hebben dit afgesproken" in content


def test_it_filters_by_theme(client, criteria_framework):
    theme = criteria_framework.themes.get(name="Signalering")
    content = client.get(INDEX, {"thema": theme.pk}).content.decode()
    assert "SG-1" in content
    assert "ON-1" not in content


def test_informal_shows_criteria_for_informal_and_both(client, criteria_framework):
    content = client.get(INDEX, {"voor": "informal"}).content.decode()
    assert "DK-3" in content  # informal
    assert "ON-1" in content  # both
    assert "ON-2" not in content  # formal only


def test_it_searches_in_title_and_explanation(client, criteria_framework):
    content = client.get(INDEX, {"q": "keukentafelgesprek"}).content.decode()
    assert "BV-2" in content
    assert "1 criterium" in content


@pytest.mark.parametrize(
    "query", [{"thema": "abc"}, {"voor": "alien"}, {"thema": "99999999999999999999"}]
)
def test_bad_filters_are_ignored_with_a_message(client, criteria_framework, query):
    response = client.get(INDEX, query)
    assert response.status_code == 200


def test_a_nul_character_in_the_search_is_a_bad_request(client, criteria_framework):
    assert client.get(INDEX, {"q": "\x00"}).status_code == 400


def test_a_region_without_criteria_says_so(client, twente):
    assert "nog geen kwaliteitscriteria" in client.get(INDEX).content.decode()


def test_another_region_is_shown_when_chosen(client, criteria_framework, achterhoek_framework):
    response = client.get(INDEX, {"regio": "achterhoek"})
    assert response.context["region_choice"].region == achterhoek_framework.region
    assert response.context["page"]["count"] == 41
    assert 'name="regio"' in response.content.decode()


def test_a_criterion_page_shows_explanation_questions_and_trainings(client, criteria_trainings):
    response = client.get(reverse("criteria:detail", kwargs={"code": "ON-1"}))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Weten inwoners dat de ondersteuner niet beslist?" in content
    assert "Onafhankelijk blijven: een intervisiereeks" in content


def test_anonymous_visitors_do_not_see_the_agreements(client, criteria_agreements):
    content = client.get(reverse("criteria:detail", kwargs={"code": "ON-1"})).content.decode()
    assert "Wat de gemeenten hebben afgesproken" not in content


def test_members_see_every_municipalitys_agreement(client, cast, criteria_framework, enschede):
    on1 = Criterion.objects.get(code="ON-1")
    LocalAgreement.objects.create(
        municipality=enschede, criterion=on1, status="agreed", text="In het contract."
    )
    client.force_login(cast["hengelo.editor"])
    content = client.get(reverse("criteria:detail", kwargs={"code": "ON-1"})).content.decode()
    assert "In het contract." in content
    assert "Hengelo" in content  # also the municipalities without an agreement


@pytest.mark.parametrize("status", LocalAgreement.Status.values)
def test_each_agreement_state_on_a_criterion_page_has_the_class_the_stylesheet_colours(
    client, cast, criteria_framework, enschede, status
):
    """The page wrote ``status-in_discussion``; the stylesheet defines
    ``.status-in-discussion`` (class names use hyphens only, everywhere)."""
    on1 = Criterion.objects.get(code="ON-1")
    LocalAgreement.objects.create(municipality=enschede, criterion=on1, status=status)
    client.force_login(cast["hengelo.editor"])
    content = client.get(reverse("criteria:detail", kwargs={"code": "ON-1"})).content.decode()
    css_class = "status-" + status.replace("_", "-")
    assert f'<span class="status {css_class}">' in content
    assert f".{css_class} {{" in (settings.BASE_DIR / "static/css/site.css").read_text()


@pytest.mark.parametrize(
    "path",
    [
        "/criteria/XX-1/",
        "/criteria/on-1/",
        "/criteria/ON-1%C3%A9/",
        "/criteria/ON-99/",
        "/criteria/" + "A" * 300 + "/",
    ],
)
def test_an_unknown_code_is_not_found(client, criteria_framework, path):
    assert client.get(path).status_code == 404


def test_a_code_of_an_archived_version_is_not_shown_as_current(client, criteria_framework):
    criteria_framework.status = "archived"
    criteria_framework.save()
    assert client.get("/criteria/ON-1/").status_code == 404


def test_the_code_routes_with_a_hyphen(client, criteria_framework):
    assert reverse("criteria:detail", kwargs={"code": "ON-2"}) == "/criteria/ON-2/"
    assert client.get("/criteria/ON-2/").status_code == 200


def test_the_guide_has_every_theme_and_the_questions(client, criteria_framework):
    content = client.get(reverse("criteria:guide")).content.decode()
    assert content.count('class="guide-theme"') == 10
    assert "Welke reactietermijn spreken we af" in content
    assert "guide-print.css" in content


def test_the_guide_for_informal_support_leaves_formal_criteria_out(client, criteria_framework):
    content = client.get(reverse("criteria:guide"), {"voor": "informal"}).content.decode()
    assert "DK-3" in content
    assert "DK-1 " not in content
    assert "Informele cliëntondersteuning" in content
