"""The training offer: filters by topic, audience and date; past sessions hidden."""

import datetime

import pytest
from django.urls import reverse

from criteria.models import Training, TrainingSession

URL = reverse("training:index")


def test_there_are_at_least_ten_trainings_with_past_and_future_sessions(criteria_trainings):
    today = datetime.date.today()
    assert Training.objects.count() >= 10
    assert TrainingSession.objects.filter(date__lt=today).exists()
    assert TrainingSession.objects.filter(date__gte=today).exists()


def test_past_sessions_are_hidden_by_default(client, criteria_trainings):
    response = client.get(URL)
    today = datetime.date.today()
    for training in response.context["page"]["trainings"]:
        assert all(session["date"] >= today for session in training["shown_sessions"])


def test_past_sessions_are_shown_on_request(client, criteria_trainings):
    response = client.get(URL, {"voorbij": "on"})
    today = datetime.date.today()
    trainings = response.context["page"]["trainings"]
    dates = [s["date"] for t in trainings for s in t["shown_sessions"]]
    assert any(date < today for date in dates)


def test_it_filters_by_topic(client, criteria_trainings):
    response = client.get(URL, {"onderwerp": "bezwaar-en-beroep"})
    assert [t["title"] for t in response.context["page"]["trainings"]] == [
        "Bezwaar en beroep: wat mag de ondersteuner?"
    ]


def test_informal_shows_training_for_informal_and_both(client, criteria_trainings):
    response = client.get(URL, {"voor": "informal"})
    audiences = {t["audience"] for t in response.context["page"]["trainings"]}
    assert audiences == {"informal", "both"}


def test_it_filters_by_date(client, criteria_trainings):
    later = datetime.date.today() + datetime.timedelta(days=150)
    response = client.get(URL, {"vanaf": later.isoformat()})
    trainings = response.context["page"]["trainings"]
    assert trainings
    for training in trainings:
        assert training["shown_sessions"]
        assert all(session["date"] >= later for session in training["shown_sessions"])


@pytest.mark.parametrize("query", [{"vanaf": "gisteren"}, {"onderwerp": "\x01"}, {"voor": "x"}])
def test_bad_filters_are_ignored(client, criteria_trainings, query):
    assert client.get(URL, query).status_code == 200


def test_a_training_page_links_to_the_criteria_it_strengthens(client, criteria_trainings):
    response = client.get(
        reverse("training:detail", kwargs={"slug": "onafhankelijk-blijven-een-intervisiereeks"})
    )
    content = response.content.decode()
    assert reverse("criteria:detail", kwargs={"code": "ON-1"}) in content
    assert "Intervisiegroep" in content


def test_a_training_page_hides_past_sessions_unless_asked(client, criteria_trainings):
    url = reverse("training:detail", kwargs={"slug": "levensbreed-werken-in-de-praktijk"})
    today = datetime.date.today()
    assert all(s["date"] >= today for s in client.get(url).context["page"]["sessions"])
    past = client.get(url, {"voorbij": "on"}).context["page"]["sessions"]
    assert any(s["date"] < today for s in past)


def test_an_unknown_training_is_not_found(client, criteria_trainings):
    assert (
        client.get(reverse("training:detail", kwargs={"slug": "bestaat-niet"})).status_code == 404
    )
