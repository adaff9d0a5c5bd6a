"""/netwerk/vraag-zonder-aanbod/: searches and the share without a match, per
municipality, life situation and month; members see their own municipality,
coordinators their region."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models_finder import FinderSearch, LifeSituation
from network.services import unmet_demand

pytestmark = pytest.mark.django_db

URL = "/netwerk/vraag-zonder-aanbod/"


@pytest.fixture
def searches(life_situations, enschede, hengelo, elsewhere):
    money = LifeSituation.objects.get(slug="geldzorgen")
    lonely = LifeSituation.objects.get(slug="eenzaam")
    today = timezone.localdate()
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    rows = [
        (enschede, money, True, today),
        (enschede, money, False, today),
        (enschede, money, False, today),
        (enschede, money, True, last_month),
        (enschede, lonely, True, today),
        (hengelo, money, False, today),
        (elsewhere, money, False, today),
    ]
    FinderSearch.objects.bulk_create(
        FinderSearch(
            municipality=m,
            situation=s,
            result_count=3 if found else 0,
            independent_found=found,
            date=d,
        )
        for m, s, found, d in rows
    )


def test_the_page_lives_at_its_dutch_address():
    assert reverse("network:unmet_demand") == URL


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_counts_are_grouped_by_month_municipality_and_situation(searches, enschede):
    rows = list(unmet_demand([enschede]))
    this_month = [r for r in rows if r["month"] == timezone.localdate().replace(day=1)]
    money = next(r for r in this_month if r["situation__name"] == "Ik maak me zorgen over geld")
    assert (money["searches"], money["without_match"]) == (3, 2)
    assert len(rows) == 3


@pytest.mark.parametrize(
    "who, sees, does_not_see",
    [
        ("enschede.editor", ["Enschede"], ["Hengelo", "Winterswijk"]),
        ("enschede.viewer", ["Enschede"], ["Hengelo", "Winterswijk"]),
        ("hengelo.editor", ["Hengelo"], ["Enschede", "Winterswijk"]),
        ("menzis.adviser", [], ["Enschede", "Hengelo", "Winterswijk"]),
        ("twente.coordinator", ["Enschede", "Hengelo"], ["Winterswijk"]),
    ],
)
def test_each_member_sees_their_own_municipality_and_coordinators_their_region(
    client, cast, searches, who, sees, does_not_see
):
    client.force_login(cast[who])
    response = client.get(URL)
    assert response.status_code == 200
    municipalities = {row["municipality__name"] for row in response.context["rows"]}
    assert municipalities == set(sees)
    for name in does_not_see:
        assert name not in municipalities


def test_the_share_without_a_match_is_shown(client, cast, searches):
    client.force_login(cast["enschede.editor"])
    response = client.get(URL)
    assert "67%" in response.content.decode()


def test_the_csv_export_has_the_same_rows(client, cast, searches):
    client.force_login(cast["twente.coordinator"])
    response = client.get(reverse("network:unmet_demand_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("maand;gemeente;levenssituatie;zoekvragen")
    assert len(lines) == 1 + 4  # Enschede: 3 groups, Hengelo: 1
    assert any(";Enschede;Ik maak me zorgen over geld;3;2;67" in line for line in lines)


def test_the_privacy_page_says_searches_are_counted_anonymously(client):
    text = client.get(reverse("privacy")).content.decode()
    assert "nooit vrije tekst, uw ip-adres" in text.lower()
