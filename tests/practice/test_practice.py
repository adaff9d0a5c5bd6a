"""The practice exchange: who reads and writes what, the pages, the writes (locked,
versioned, audited), the links from the network map and a criterion's page, bad input."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from criteria.models import Criterion, Framework, Theme
from practice import queries, services
from practice.forms import PublishForm
from practice.models import PracticeExample
from practice.todo import new_examples
from toolbox_site.audit_trail import actions
from toolbox_site.models import AuditEvent

from ..factories import make_organization, make_user
from .fixtures import DRAFT, ENSCHEDE, HENGELO, make_example

pytestmark = pytest.mark.usefixtures("practice_examples")


def post_data(enschede, **changes):
    data = {
        "title": "Samen met de huisarts",
        "municipality": enschede.pk,
        "pillar": "network",
        "what_was_done": "Eerste alinea.\n\nTweede alinea.",
        "what_it_brought": "Meer verwijzingen.",
        "version": 1,
    }
    data.update(changes)
    return data


def slugs(queryset):
    return set(queryset.values_list("slug", flat=True))


# --- Who reads, who writes -----------------------------------------------------------------


@pytest.mark.parametrize(
    "who, sees",
    [
        ("enschede.editor", {ENSCHEDE, HENGELO, DRAFT}),
        ("enschede.viewer", {ENSCHEDE, HENGELO, DRAFT}),
        ("hengelo.editor", {ENSCHEDE, HENGELO}),
        ("menzis.adviser", {ENSCHEDE, HENGELO}),
        ("twente.coordinator", {ENSCHEDE, HENGELO, DRAFT}),
    ],
)
def test_every_member_reads_the_published_examples_and_their_own_drafts(cast, who, sees):
    assert slugs(PracticeExample.objects.for_user(cast[who])) == sees


def test_a_coordinator_of_another_region_reads_only_the_published_ones(elsewhere):
    team = make_organization(elsewhere.region, "Regioteam Achterhoek", kind="region_team")
    coordinator = make_user("achterhoek.coordinator", team, "coordinator")
    assert slugs(PracticeExample.objects.for_user(coordinator)) == {ENSCHEDE, HENGELO}
    assert not PracticeExample.objects.editable_by(coordinator).exists()


def test_an_account_without_an_organization_reads_nothing(db):
    assert not PracticeExample.objects.for_user(make_user("zonder.organisatie")).exists()


@pytest.mark.parametrize(
    "who, may_change",
    [
        ("enschede.editor", {ENSCHEDE, DRAFT}),
        ("enschede.viewer", set()),
        ("hengelo.editor", {HENGELO}),
        ("menzis.adviser", set()),
        ("twente.coordinator", {ENSCHEDE, HENGELO, DRAFT}),
    ],
)
def test_the_rules_and_the_querysets_agree_on_who_changes_what(cast, who, may_change):
    user = cast[who]
    assert slugs(PracticeExample.objects.editable_by(user)) == may_change
    for example in PracticeExample.objects.all():
        assert user.has_perm("practice.change_example", example) == (example.slug in may_change)
        readable = PracticeExample.objects.for_user(user).filter(pk=example.pk).exists()
        assert user.has_perm("practice.read_example", example) == readable


@pytest.mark.parametrize(
    "name, kwargs", [("practice:index", {}), ("practice:detail", {"slug": HENGELO})]
)
def test_anonymous_visitors_are_asked_to_log_in(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_municipalitys_draft_is_not_found(client, cast):
    client.force_login(cast["hengelo.editor"])
    assert client.get(reverse("practice:detail", kwargs={"slug": DRAFT})).status_code == 404


# --- The pages -----------------------------------------------------------------------------


def test_the_list_shows_drafts_first_then_the_newest(client, cast):
    client.force_login(cast["enschede.editor"])
    response = client.get(reverse("practice:index"))
    titles = [row["title"] for row in response.context["page"]["rows"]]
    assert titles[0] == "Een concept van Enschede"
    assert titles[1].startswith("Warme overdracht")  # published a day ago
    assert "Deel een voorbeeld" in response.content.decode()


def test_a_viewer_is_not_offered_to_write(client, cast):
    client.force_login(cast["enschede.viewer"])
    content = client.get(reverse("practice:index")).content.decode()
    assert "Deel een voorbeeld" not in content


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"gemeente": "hengelo"}, [HENGELO]),
        ({"pijler": "awareness"}, [ENSCHEDE]),
        ({"rol": "wlz-clientondersteuner"}, [HENGELO]),
    ],
)
def test_the_list_filters_by_what_other_pages_link_to(client, cast, query, expected):
    client.force_login(cast["menzis.adviser"])
    response = client.get(reverse("practice:index"), query)
    urls = [row["url"] for row in response.context["page"]["rows"]]
    assert urls == [reverse("practice:detail", kwargs={"slug": slug}) for slug in expected]


def test_a_criterion_filter_finds_its_examples_in_a_new_framework_version_too(
    client, cast, practice_examples, criteria_framework
):
    criterion = Criterion.objects.get(framework=criteria_framework, code="SW-3")
    client.force_login(cast["enschede.viewer"])
    response = client.get(reverse("practice:index"), {"criterium": criterion.pk})
    assert [row["title"] for row in response.context["page"]["rows"]] == [
        practice_examples["hengelo"].title
    ]


def test_a_link_names_a_municipality_of_another_region_and_the_list_follows_it(
    client, cast, elsewhere
):
    make_example(elsewhere, "Voorbeeld uit Winterswijk")
    client.force_login(cast["enschede.viewer"])
    response = client.get(reverse("practice:index"), {"gemeente": "winterswijk"})
    assert [row["title"] for row in response.context["page"]["rows"]] == [
        "Voorbeeld uit Winterswijk"
    ]


def test_an_invalid_filter_is_reported_and_ignored(client, cast):
    client.force_login(cast["enschede.viewer"])
    response = client.get(reverse("practice:index"), {"pijler": "bestaat-niet", "rol": "x"})
    assert response.status_code == 200
    assert len(response.context["page"]["rows"]) == 3
    assert "Een filter was niet geldig" in response.content.decode()


def test_the_list_is_paged(client, cast, enschede):
    for number in range(15):
        make_example(enschede, f"Extra voorbeeld {number}")
    client.force_login(cast["enschede.viewer"])
    first = client.get(reverse("practice:index"))
    assert len(first.context["page"]["rows"]) == 12
    second = client.get(reverse("practice:index"), {"pagina": "2"})
    assert len(second.context["page"]["rows"]) == 6
    assert 'rel="prev"' in second.content.decode()


def test_the_detail_shows_paragraphs_and_links_to_criteria_and_roles(client, cast):
    client.force_login(cast["enschede.viewer"])
    content = client.get(reverse("practice:detail", kwargs={"slug": HENGELO})).content.decode()
    assert content.count("<h1>") == 1
    assert "/criteria/SW-3/?regio=twente" in content
    assert "rol=wlz-clientondersteuner" in content
    assert "<p>Samen met Menzis zorgkantoor" in content  # paragraphs (linebreaks)
    assert "Publiceren" not in content


def test_the_english_page_is_in_english(client, cast):
    client.force_login(cast["enschede.editor"])
    client.cookies["django_language"] = "en"
    content = client.get(reverse("practice:detail", kwargs={"slug": DRAFT})).content.decode()
    assert "What was done" in content
    assert "Publish" in content


# --- The writes ----------------------------------------------------------------------------


def test_an_editor_writes_a_draft_and_publishes_it(client, cast, enschede, criteria_framework):
    client.force_login(cast["enschede.editor"])
    criterion = Criterion.objects.get(framework=criteria_framework, code="SW-1")
    response = client.post(reverse("practice:create"), post_data(enschede, criteria=[criterion.pk]))
    example = PracticeExample.objects.get(title="Samen met de huisarts")
    assert response["Location"] == example.get_absolute_url()
    assert (example.slug, example.published, list(example.criteria.all())) == (
        "samen-met-de-huisarts",
        False,
        [criterion],
    )
    assert not PracticeExample.objects.for_user(cast["hengelo.editor"]).filter(pk=example.pk)
    client.post(reverse("practice:publish", kwargs={"slug": example.slug}), {"version": 1})
    example.refresh_from_db()
    assert example.published and example.published_at and example.version == 2
    assert PracticeExample.objects.for_user(cast["hengelo.editor"]).filter(pk=example.pk)
    client.post(reverse("practice:unpublish", kwargs={"slug": example.slug}), {"version": 2})
    example.refresh_from_db()
    assert not example.published
    actions = list(
        AuditEvent.objects.filter(object_id=str(example.pk))
        .order_by("pk")
        .values_list("action", "organization__slug", "user__username")
    )
    assert actions == [
        ("practice.example.created", "enschede", "enschede.editor"),
        ("practice.example.published", "enschede", "enschede.editor"),
        ("practice.example.unpublished", "enschede", "enschede.editor"),
    ]


def test_the_audit_trail_names_the_actions():
    assert str(actions()["practice.example.published"]) == "Praktijkvoorbeeld gepubliceerd"


def test_an_edit_keeps_the_address_and_is_audited(client, cast, enschede, practice_examples):
    example = practice_examples["enschede"]
    client.force_login(cast["enschede.editor"])
    response = client.post(
        reverse("practice:edit", kwargs={"slug": example.slug}),
        post_data(enschede, title="Een nieuwe titel"),
    )
    assert response.status_code == 302
    example.refresh_from_db()
    assert (example.title, example.slug, example.version, example.published) == (
        "Een nieuwe titel",
        ENSCHEDE,
        2,
        True,
    )
    event = AuditEvent.objects.get(action="practice.example.changed")
    assert event.data["changes"]["title"]["new"] == "Een nieuwe titel"


def test_the_second_of_two_editors_gets_a_clear_message_and_keeps_what_they_typed(
    client, cast, enschede, practice_examples
):
    example = practice_examples["draft"]
    url = reverse("practice:edit", kwargs={"slug": example.slug})
    client.force_login(cast["enschede.editor"])
    assert client.post(url, post_data(enschede, title="Eerst")).status_code == 302
    response = client.post(url, post_data(enschede, title="Mijn versie"))  # still version 1
    assert response.status_code == 200
    content = response.content.decode()
    assert "heeft dit intussen gewijzigd" in content and "Mijn versie" in content
    assert response.context["form"].data["version"] == 2
    example.refresh_from_db()
    assert (example.title, example.version) == ("Eerst", 2)


def test_publishing_an_example_that_changed_meanwhile_changes_nothing(
    client, cast, practice_examples
):
    example = practice_examples["draft"]
    example.version = 3
    example.save()
    client.force_login(cast["enschede.editor"])
    response = client.post(
        reverse("practice:publish", kwargs={"slug": example.slug}), {"version": 1}, follow=True
    )
    assert "Iemand anders heeft dit voorbeeld gewijzigd" in response.content.decode()
    example.refresh_from_db()
    assert not example.published


def test_criteria_and_contact_organizations_of_another_region_are_refused(
    client, cast, enschede, elsewhere, criteria_framework
):
    coordinator = make_user("landelijk", is_superuser=True)
    framework = Framework.objects.create(
        region=elsewhere.region, name="Elders", version=1, status="published"
    )
    theme = Theme.objects.create(framework=framework, name="Elders", order=1)
    other = Criterion.objects.create(theme=theme, code="ON-1", title="Elders")
    client.force_login(coordinator)
    response = client.post(
        reverse("practice:create"),
        post_data(enschede, criteria=[other.pk], contact_organization=elsewhere.pk),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "criteria" in errors and "contact_organization" in errors
    assert not PracticeExample.objects.filter(title="Samen met de huisarts").exists()


def test_a_title_gets_an_address_of_its_own(enschede):
    make_example(enschede, "Nieuw")
    assert services.unique_slug("Nieuw") == "nieuw-3"  # "nieuw" is the form's address
    assert services.unique_slug("Warme overdracht van Wmo naar Wlz: pilot met het zorgkantoor") == (
        f"{HENGELO}-2"
    )


# --- Bad input: never a server error, nothing written in part ---------------------------


text = st.text(max_size=300) | st.sampled_from(["", " ", "\x00", "a" * 20001, "<script>"])


@given(
    title=text,
    pillar=st.sampled_from(["network", "quality", "awareness", "", "x"]),
    done=text,
    brought=text,
    version=st.sampled_from(["1", "", "-1", "99999999999", "abc"]),
    municipality=st.sampled_from(["own", "other", "", "x", "999999"]),
    criteria=st.lists(st.sampled_from(["sw3", "1", "x", "-5", "99999999999999999999"]), max_size=3),
)
def test_any_input_to_the_form_is_saved_whole_or_refused_whole(
    client,
    cast,
    enschede,
    hengelo,
    practice_examples,
    criteria_framework,
    title,
    pillar,
    done,
    brought,
    version,
    municipality,
    criteria,
):
    sw3 = str(Criterion.objects.get(framework=criteria_framework, code="SW-3").pk)
    client.force_login(cast["enschede.editor"])
    before = PracticeExample.objects.count()
    data = {
        "title": title,
        "pillar": pillar,
        "what_was_done": done,
        "what_it_brought": brought,
        "version": version,
        "municipality": {"own": str(enschede.pk), "other": str(hengelo.pk)}.get(
            municipality, municipality
        ),
        "criteria": [sw3 if value == "sw3" else value for value in criteria],
    }
    response = client.post(reverse("practice:create"), data)
    # A NUL character is refused for the whole site (toolbox_site/middleware.py): 400.
    assert response.status_code in (200, 302, 400)
    if response.status_code == 400:
        assert "\x00" in title + done + brought
        assert PracticeExample.objects.count() == before
    elif response.status_code == 302:
        assert PracticeExample.objects.count() == before + 1
        PracticeExample.objects.filter(pk=PracticeExample.objects.latest("pk").pk).delete()
    else:
        assert PracticeExample.objects.count() == before
        assert response.context["form"].errors
        content = response.content.decode()
        assert "error-summary" in content
        if title and "\x00" not in title and len(title) < 200:
            assert response.context["form"].data["title"] == title  # kept as typed


@given(
    st.dictionaries(
        st.sampled_from(["pijler", "gemeente", "criterium", "rol", "pagina", "regio", "x"]),
        st.text(max_size=40) | st.sampled_from(["0", "-1", "99999999999999999999", "1e3"]),
        max_size=5,
    )
)
def test_any_query_string_gives_the_list_never_an_error(client, cast, query):
    client.force_login(cast["hengelo.editor"])
    expected = 400 if any("\x00" in key + value for key, value in query.items()) else 200
    assert client.get(reverse("practice:index"), query).status_code == expected


# --- Links from other pages -------------------------------------------------------------------


def test_the_network_map_links_to_the_municipalitys_examples(client, cast, hengelo):
    client.force_login(cast["enschede.viewer"])
    content = client.get(reverse("network:map", kwargs={"slug": "hengelo"})).content.decode()
    assert "/praktijk/?regio=twente&amp;gemeente=hengelo" in content
    assert "1 voorbeeld van deze gemeente" in content


def test_the_network_map_has_no_line_without_examples_or_for_anonymous_visitors(
    client, cast, elsewhere, hengelo
):
    client.force_login(cast["enschede.viewer"])
    content = client.get(reverse("network:map", kwargs={"slug": "winterswijk"})).content.decode()
    assert "/praktijk/?" not in content
    client.logout()
    content = client.get(reverse("network:map", kwargs={"slug": "hengelo"})).content.decode()
    assert "/praktijk/?" not in content


def test_a_criterions_page_lists_its_published_examples_for_members(client, cast):
    url = reverse("criteria:detail", kwargs={"code": "SW-3"})
    assert f"/praktijk/{HENGELO}/" not in client.get(url).content.decode()
    client.force_login(cast["hengelo.editor"])
    content = client.get(url).content.decode()
    assert f'href="/praktijk/{HENGELO}/">Warme overdracht' in content
    assert '(<a href="/gemeenten/hengelo/">Hengelo</a>)' in content


def test_a_new_example_shows_on_the_criterions_page_at_the_next_request(
    client, cast, enschede, criteria_framework
):
    client.force_login(cast["enschede.viewer"])
    url = reverse("criteria:detail", kwargs={"code": "ON-4"})
    assert "Melden en oplossen" not in client.get(url).content.decode()
    make_example(
        enschede,
        "Melden en oplossen",
        criteria=[Criterion.objects.get(framework=criteria_framework, code="ON-4")],
    )
    assert "Melden en oplossen" in client.get(url).content.decode()


def test_the_municipality_page_gets_the_examples_each_member_may_read(cast, enschede):
    own = queries.examples_for_municipality(cast["enschede.viewer"], enschede)
    assert [row["published"] for row in own] == [True, False]
    other = queries.examples_for_municipality(cast["hengelo.editor"], enschede)
    assert [row["title"] for row in other] == [
        "Cliëntondersteuning genoemd in elke uitnodiging voor het keukentafelgesprek"
    ]


def test_the_network_map_counts_the_examples_each_member_may_read(cast, enschede):
    assert queries.example_count_for_municipality(cast["enschede.viewer"], enschede) == 2
    assert queries.example_count_for_municipality(cast["hengelo.editor"], enschede) == 1
    assert queries.example_count_for_municipality(AnonymousUser(), enschede) == 0


def test_the_start_page_hook_names_examples_published_since(cast):
    since = timezone.now() - datetime.timedelta(days=20)  # Hengelo's: 12 days ago
    items = new_examples(cast["enschede.viewer"], since)
    assert [item.url for item in items] == [reverse("practice:detail", kwargs={"slug": HENGELO})]
    assert "Hengelo" in items[0].text
    assert new_examples(cast["hengelo.editor"], since) == []  # their own


def test_the_demo_has_a_wmo_wlz_hand_over_pilot_with_the_care_office():
    from practice.demo import DATA

    pilot = next(row for row in DATA["examples"] if "SW-3" in row["criteria"])
    assert pilot["contact_organization"] == "menzis"
    assert "zorgkantoor-ciz" in pilot["roles"]
    assert len(DATA["examples"]) >= 4


@given(version=st.text(max_size=30) | st.integers(-(2**70), 2**70).map(str))
def test_any_version_to_publish_publishes_only_the_version_shown(
    client, cast, practice_examples, version
):
    example = practice_examples["draft"]
    client.force_login(cast["enschede.editor"])
    url = reverse("practice:publish", kwargs={"slug": example.slug})
    response = client.post(url, {"version": version})
    example.refresh_from_db()
    assert response.status_code == (400 if "\x00" in version else 302)
    form = PublishForm({"version": version})
    shown = "\x00" not in version and form.is_valid() and form.cleaned_data["version"] == 1
    assert example.published == shown
    if example.published:  # back to the draft for the next example
        PracticeExample.objects.filter(pk=example.pk).update(published=False, version=1)


def test_the_coordinator_keeps_the_regions_examples_in_the_admin(client, cast, practice_examples):
    client.force_login(cast["twente.coordinator"])
    changelist = client.get(reverse("admin:practice_practiceexample_changelist"))
    assert changelist.status_code == 200
    assert "Warme overdracht" in changelist.content.decode()
    example = practice_examples["hengelo"]
    change = client.get(reverse("admin:practice_practiceexample_change", args=[example.pk]))
    assert change.status_code == 200


def test_a_coordinator_of_another_region_does_not_see_them_in_the_admin(client, elsewhere):
    team = make_organization(elsewhere.region, "Regioteam Achterhoek", kind="region_team")
    client.force_login(make_user("achterhoek.coordinator", team, "coordinator", is_staff=True))
    changelist = client.get(reverse("admin:practice_practiceexample_changelist"))
    assert changelist.status_code == 200
    assert "Warme overdracht" not in changelist.content.decode()


def test_the_form_offers_the_criteria_of_a_new_framework_version_by_their_code(
    client, cast, practice_examples, criteria_framework
):
    from criteria.services import publish_framework

    example = practice_examples["hengelo"]
    new = Framework.objects.create(region=criteria_framework.region, name="Versie 2", version=2)
    theme = Theme.objects.create(framework=new, name="Samenwerking", order=1)
    sw3 = Criterion.objects.create(theme=theme, code="SW-3", title="Warme overdracht")
    publish_framework(new)
    client.force_login(cast["hengelo.editor"])
    form = client.get(reverse("practice:edit", kwargs={"slug": example.slug})).context["form"]
    assert form.initial["criteria"] == [sw3.pk]
    content = client.get(reverse("criteria:detail", kwargs={"code": "SW-3"})).content.decode()
    assert example.get_absolute_url() in content  # linked by its code


def test_a_deletion_in_the_admin_is_audited(client, cast, practice_examples):
    example = practice_examples["draft"]
    client.force_login(cast["twente.coordinator"])
    url = reverse("admin:practice_practiceexample_delete", args=[example.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not PracticeExample.objects.filter(pk=example.pk).exists()
    event = AuditEvent.objects.get(action="practice.example.deleted")
    assert (event.data["slug"], event.organization.slug) == (DRAFT, "enschede")
