"""The finder and room for new clients: services with room first, said in plain words."""

import datetime

import pytest
from django.utils import timezone

from finder.models import LifeSituation
from finder.services import capacity_words, finder_candidates, rank_services
from network.capacity import Capacity, State
from network.models import Service

from ..network.once import on_the_module_network
from .test_finder import dutch_reading_ease, finder_url, main_text, result_card

pytestmark = on_the_module_network(__name__)


def state(name, accepts, weeks=None, days_ago=0):
    Service.objects.filter(name=name).update(
        accepts_new_clients=accepts,
        waiting_weeks=weeks,
        capacity_stated_on=timezone.localdate() - datetime.timedelta(days=days_ago),
    )


@pytest.mark.parametrize(
    ("capacity", "words"),
    [
        (Capacity(State.YES), "Heeft nu plek"),
        (Capacity(State.WAITING, 3), "Wachttijd ongeveer 3 weken"),
        (Capacity(State.WAITING, 1), "Wachttijd ongeveer 1 week"),
        (Capacity(State.WAITING, 0), "Wachttijd korter dan een week"),
        (Capacity(State.WAITING), "Heeft een wachtlijst"),
        (Capacity(State.NOT_NOW), "Neemt nu geen nieuwe cliënten aan"),
        (Capacity(State.UNKNOWN), ""),
    ],
)
def test_the_words_for_room(capacity, words):
    assert capacity_words(capacity) == words


def test_the_words_are_easy_to_read():
    words = ". ".join(
        capacity_words(Capacity(state, 3)) for state in (State.YES, State.WAITING, State.NOT_NOW)
    )
    assert dutch_reading_ease(words) >= 60, words


def test_services_with_room_come_first_within_their_group(finder_network, enschede):
    situation = LifeSituation.objects.get(slug="beperking-of-ziekte")
    before = [r.service.name for r in rank_services(finder_candidates(enschede), situation)]
    others = [
        r.service.name
        for r in rank_services(finder_candidates(enschede), situation)
        if not r.independent_support
    ]
    first, second, third, last = others[-1], others[-2], others[-3], others[0]
    state(last, "not_now")
    state(third, "waiting_list", 8)
    state(second, "waiting_list", 2)
    state(first, "yes")
    results = rank_services(finder_candidates(enschede), situation)
    ranked = [r.service.name for r in results if not r.independent_support]
    assert ranked[:3] == [first, second, third]
    assert ranked[-1] == last
    # independent client support still comes first
    assert [r.independent_support for r in results] == sorted(
        (r.independent_support for r in results), reverse=True
    )
    assert sorted(ranked) == sorted(others) and len(before) == len(results)


def test_an_old_statement_counts_as_unknown(finder_network, enschede):
    situation = LifeSituation.objects.get(slug="geldzorgen")
    others = [
        r.service.name
        for r in rank_services(finder_candidates(enschede), situation)
        if not r.independent_support
    ]
    state(others[-1], "yes", days_ago=200)
    ranked = [
        r
        for r in rank_services(finder_candidates(enschede), situation)
        if not r.independent_support
    ]
    assert [r.service.name for r in ranked] == others
    assert all(r.capacity_line == "" for r in ranked)


def test_the_card_says_it_in_words(client, finder_network):
    name = "Onafhankelijke cliëntondersteuning Enschede"
    state(name, "waiting_list", 3)
    response = client.get(finder_url(gemeente="enschede", situatie="geldzorgen"))
    card = result_card(response.content.decode(), name)
    assert "Wachttijd ongeveer 3 weken" in card
    assert "Heeft nu plek" not in main_text(response)  # unknown says nothing
