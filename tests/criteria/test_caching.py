"""The criteria pages keep their data part in cached fragments keyed by data
versions (toolbox_site/freshness.py): a change shows at once, and nobody is
served a copy made for someone who sees something else."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from criteria.models import Criterion, LocalAgreement, Training, TrainingSession

from .conftest import agreements_post

INDEX = reverse("criteria:index")
MATRIX = reverse("criteria:matrix")
GUIDE = reverse("criteria:guide")
TRAININGS = reverse("training:index")
AGREEMENTS = reverse("criteria:agreements", kwargs={"slug": "enschede"})


def detail_url(code):
    return reverse("criteria:detail", kwargs={"code": code})


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def on1(criteria_framework):
    return Criterion.objects.get(framework=criteria_framework, code="ON-1")


def test_a_changed_criterion_shows_at_once_on_every_page(client, criteria_agreements, on1, cast):
    viewer = logged_in(cast["enschede.viewer"])
    pages = [(client, INDEX), (client, GUIDE), (client, detail_url("ON-1")), (viewer, MATRIX)]
    for who, url in pages:
        assert on1.title in who.get(url).content.decode()  # warm
    on1.title = "Een geheel nieuwe titel"
    on1.save()
    for who, url in pages:
        assert "Een geheel nieuwe titel" in who.get(url).content.decode(), url


def test_the_index_links_to_the_matrix_only_for_members(client, criteria_framework, cast):
    matrix_link = f'href="{MATRIX}'
    assert matrix_link not in client.get(INDEX).content.decode()
    viewer = logged_in(cast["enschede.viewer"])
    assert matrix_link in viewer.get(INDEX).content.decode()
    assert matrix_link not in client.get(INDEX).content.decode()


def test_anonymous_visitors_never_get_the_members_copy_of_a_criterion(
    client, criteria_agreements, cast
):
    viewer = logged_in(cast["enschede.viewer"])
    url = detail_url("ON-1")
    assert "Hengelo" in viewer.get(url).content.decode()
    content = client.get(url).content.decode()
    assert "Hengelo" not in content
    assert reverse("login") in content
    assert "Hengelo" in viewer.get(url).content.decode()


def test_an_unknown_criterion_is_not_found_also_when_asked_again(client, criteria_framework):
    assert client.get(detail_url("XX-9")).status_code == 404
    assert client.get(detail_url("XX-9")).status_code == 404


def test_a_bad_filter_is_reported_also_from_the_cache(client, criteria_framework, cast):
    viewer = logged_in(cast["enschede.viewer"])
    for who, url in [(client, INDEX), (viewer, MATRIX), (client, TRAININGS)]:
        for _ in range(2):
            response = who.get(url, {"voor": "alien", "thema": "abc"}, follow=True)
            assert "is genegeerd" in response.content.decode(), url
        response = who.get(url)
        assert "is genegeerd" not in response.content.decode(), url


def test_a_filter_is_part_of_the_key(client, criteria_framework):
    assert client.get(INDEX, {"q": "keukentafelgesprek"}).context["page"]["count"] == 1
    assert client.get(INDEX).context["page"]["count"] == 41
    assert "1 criterium" in client.get(INDEX, {"q": "keukentafelgesprek"}).content.decode()


def test_a_saved_agreement_shows_at_once(criteria_agreements, cast, on1):
    editor = logged_in(cast["enschede.editor"])
    viewer = logged_in(cast["enschede.viewer"])
    criteria = list(Criterion.objects.filter(framework=criteria_agreements).order_by("pk"))
    editor.get(AGREEMENTS)
    viewer.get(MATRIX)
    viewer.get(detail_url("ON-1"))
    text = "Afgesproken met de wijkteams, zonder indicatie."
    data = agreements_post(criteria, **{"ON-1": {"status": "agreed", "text": text}})
    assert editor.post(AGREEMENTS, data).status_code == 302
    assert text in editor.get(AGREEMENTS).content.decode()
    assert text in viewer.get(detail_url("ON-1")).content.decode()
    agreement = LocalAgreement.objects.get(criterion=on1, municipality__slug="enschede")
    assert str(agreement.version) in editor.get(AGREEMENTS).content.decode()
    page = viewer.get(MATRIX).context["page"]
    column = [m["name"] for m in page["municipalities"]].index("Enschede")
    row = next(row for row in page["rows"] if row["code"] == "ON-1")
    assert row["statuses"][column][0] == "agreed"


def test_readers_and_editors_never_share_the_agreements_form(criteria_agreements, cast):
    reader = logged_in(cast["hengelo.editor"])
    editor = logged_in(cast["enschede.editor"])
    disabled = '<fieldset class="agreement border rounded p-3 mb-3" disabled'
    for _ in range(2):  # the first round fills the cache, the second reads it
        reading = reader.get(AGREEMENTS).content.decode()
        assert disabled in reading
        assert "Afspraken opslaan" not in reading
        editing = editor.get(AGREEMENTS).content.decode()
        assert disabled not in editing
        assert "Afspraken opslaan" in editing
        assert "csrfmiddlewaretoken" in editing


def test_each_form_gets_its_own_csrf_token(criteria_agreements, cast):
    one = logged_in(cast["enschede.editor"])
    other = logged_in(cast["enschede.editor"])

    def token(client):
        content = client.get(AGREEMENTS).content.decode()
        return content.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    assert token(one) and token(other)
    assert one.cookies["csrftoken"].value != other.cookies["csrftoken"].value


def test_a_rejected_form_shows_what_was_typed_not_the_cached_copy(criteria_agreements, cast):
    editor = logged_in(cast["enschede.editor"])
    criteria = list(Criterion.objects.filter(framework=criteria_agreements).order_by("pk"))
    editor.get(AGREEMENTS)  # warm
    data = agreements_post(criteria, **{"ON-1": {"review_date": "not a date", "text": "Getypt"}})
    response = editor.post(AGREEMENTS, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Getypt" in content
    assert "is-invalid" in content
    assert "Getypt" not in editor.get(AGREEMENTS).content.decode()


def test_a_new_training_session_shows_at_once(client, criteria_trainings):
    training = Training.objects.order_by("title").first()
    client.get(TRAININGS)
    TrainingSession.objects.create(
        training=training,
        date=datetime.date.today() + datetime.timedelta(days=3),
        place="Oldenzaal",
    )
    assert "Oldenzaal" in client.get(TRAININGS).content.decode()


def test_a_training_page_shows_a_new_session_and_a_linked_criterion_at_once(
    client, criteria_trainings, on1
):
    training = Training.objects.order_by("title").first()
    url = reverse("training:detail", kwargs={"slug": training.slug})
    queries = ({}, {"voorbij": "on"})
    for query in queries:
        client.get(url, query)
    TrainingSession.objects.create(
        training=training,
        date=datetime.date.today() + datetime.timedelta(days=3),
        place="Oldenzaal",
    )
    for query in queries:
        assert "Oldenzaal" in client.get(url, query).content.decode()
    training.criteria.add(on1)
    for query in queries:
        assert detail_url("ON-1") in client.get(url, query).content.decode()


def test_another_region_has_its_own_copy(client, criteria_framework, achterhoek_framework):
    assert client.get(INDEX).context["region_choice"].region == criteria_framework.region
    twente = client.get(INDEX).content.decode()
    achterhoek = client.get(INDEX, {"regio": "achterhoek"}).content.decode()
    assert twente != achterhoek
    assert achterhoek_framework.region.name in achterhoek
