"""What is new since the user's previous visit: every login keeps the one before, and
the start page's "new since your last visit" lists what the apps add from then on."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from toolbox_site import todo, visits
from toolbox_site.models import Visit
from toolbox_site.todo import Item

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client):
    response = client.post(reverse("login"), {"username": "enschede.editor", "password": PASSWORD})
    assert response.status_code == 302


def test_a_login_keeps_the_login_before_it(client, cast):
    user = cast["enschede.editor"]
    earlier = timezone.now() - datetime.timedelta(days=3)
    type(user).objects.filter(pk=user.pk).update(last_login=earlier)
    log_in(client)
    assert Visit.objects.get(user=user).previous_login == earlier
    user.refresh_from_db()
    assert user.last_login > earlier  # Django's own update ran after ours
    client.logout()
    log_in(client)
    assert Visit.objects.get(user=user).previous_login == user.last_login


def test_a_first_visit_counts_the_last_days_as_new(cast):
    since = visits.since(cast["enschede.editor"])
    first_day = timezone.localdate() - datetime.timedelta(days=visits.FIRST_VISIT_DAYS)
    # From the start of that day in Amsterdam: the same moment at every request of the
    # day, so the start page's kept part (which varies with it) is found again.
    assert timezone.localtime(since).date() == first_day
    assert timezone.localtime(since).time() == datetime.time.min
    assert visits.since(cast["enschede.editor"]) == since


@pytest.fixture
def news_provider():
    seen = []

    def provider(user, since):
        seen.append(since)
        return [Item("Nieuw document: Stappenplan", "/documenten/stappenplan/", "vandaag")]

    todo.add_news(provider, order=99)
    yield seen
    todo._news[:] = [pair for pair in todo._news if pair[1] is not provider]


def test_the_start_page_lists_what_is_new_since_the_last_visit(client, cast, news_provider):
    user = cast["enschede.editor"]
    earlier = timezone.now() - datetime.timedelta(days=3)
    user.last_login = earlier
    user.save()
    client.force_login(user)  # a login: keeps the one before
    page = client.get(reverse("my_toolbox"))
    html = page.content.decode()
    assert "Nieuw sinds uw vorige bezoek" in html
    assert 'href="/documenten/stappenplan/"' in html
    assert news_provider == [earlier]


def test_nothing_new_says_so_with_the_date(client, cast):
    user = cast["enschede.editor"]
    Visit.objects.create(user=user, previous_login=timezone.now() - datetime.timedelta(days=3))
    section = todo.news(user, visits.since(user))
    if section is not None:  # apps that add news are installed
        assert section.items or "Niets nieuw" in section.done
