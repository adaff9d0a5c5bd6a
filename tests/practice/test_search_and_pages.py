"""The practice examples elsewhere in the toolbox: found by the site search (members
only), listed on their municipality's page, new ones on the start page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.models import PracticeExample
from toolbox_site import todo

pytestmark = pytest.mark.django_db


def found(client, text):
    page = client.get(reverse("search:results"), {"q": text})
    assert page.status_code == 200
    return [
        hit.url
        for kind in page.context["kinds"]
        if kind.label == "Praktijkvoorbeelden"
        for hit in kind.hits
    ]


def test_members_find_examples_and_anonymous_visitors_do_not(client, cast, practice_examples):
    example = PracticeExample.objects.filter(published=True).first()
    word = example.title.split()[0]
    assert found(client, word) == []
    client.force_login(cast["hengelo.editor"])
    assert example.get_absolute_url() in found(client, word)


def test_the_municipality_page_lists_its_examples_for_members(client, cast, practice_examples):
    example = PracticeExample.objects.filter(municipality__slug="enschede").first()
    url = reverse("municipalities:detail", args=["enschede"])
    assert example.get_absolute_url() not in client.get(url).content.decode()
    client.force_login(cast["hengelo.editor"])
    html = client.get(url).content.decode()
    assert 'id="praktijk"' in html
    if example.published:
        assert example.get_absolute_url() in html


def test_new_examples_of_other_municipalities_are_news_on_the_start_page(cast, practice_examples):
    since = timezone.now() - datetime.timedelta(days=30)
    section = todo.news(cast["hengelo.editor"], since)
    urls = [item.url for item in section.items]
    others = PracticeExample.objects.filter(published=True, published_at__gt=since).exclude(
        municipality__slug="hengelo"
    )
    assert {example.get_absolute_url() for example in others} <= set(urls)
