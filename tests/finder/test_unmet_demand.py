"""/netwerk/vraag-zonder-aanbod/: searches and the share without a match, per
municipality, life situation and month; members see their own municipality,
coordinators their region."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from finder.models import FinderSearch, LifeSituation, SearchTally
from finder.services import count_search, recount_searches, unmet_demand
from toolbox_site.models import Organization

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
    recount_searches([enschede, hengelo, elsewhere])


def test_the_page_lives_at_its_dutch_address():
    assert reverse("finder:unmet_demand") == URL


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_counts_are_grouped_by_month_municipality_and_situation(searches, enschede):
    rows = list(unmet_demand([enschede]))
    this_month = [r for r in rows if r["month"] == timezone.localdate().replace(day=1)]
    money = next(r for r in this_month if r["situation_name"] == "Ik maak me zorgen over geld")
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
    municipalities = {row["municipality_name"] for row in response.context["page"]["rows"]}
    assert municipalities == set(sees)
    for name in does_not_see:
        assert name not in municipalities


def test_the_share_without_a_match_is_shown(client, cast, searches):
    client.force_login(cast["enschede.editor"])
    response = client.get(URL)
    assert "67%" in response.content.decode()


def test_the_csv_export_has_the_same_rows(client, cast, searches):
    client.force_login(cast["twente.coordinator"])
    response = client.get(reverse("finder:unmet_demand_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("maand;gemeente;levenssituatie;zoekvragen")
    assert len(lines) == 1 + 4  # Enschede: 3 groups, Hengelo: 1
    assert any(";Enschede;Ik maak me zorgen over geld;3;2;67" in line for line in lines)


def test_the_privacy_page_says_searches_are_counted_anonymously(client):
    text = client.get(reverse("privacy")).content.decode()
    assert "nooit vrije tekst, uw ip-adres" in text.lower()


# The table is cached (toolbox_site/freshness.py): searches raise no data version, so
# the key holds a version of the search counts themselves.


def counts(response):
    return {
        (row["municipality_name"], row["situation_name"], row["month"]): row["searches"]
        for row in response.context["page"]["rows"]
    }


def test_a_new_search_shows_at_once_from_the_cached_page(client, cast, searches, enschede):
    from finder.services import count_search

    client.force_login(cast["twente.coordinator"])
    client.get(URL)
    before = client.get(URL).content.decode()
    assert ">3</td>" in before and ">4</td>" not in before
    count_search(
        enschede,
        LifeSituation.objects.get(slug="geldzorgen"),
        age_group="",
        preference="",
        language="",
        result_count=0,
        independent_found=False,
    )
    html = client.get(URL).content.decode()
    assert ">4</td>" in html  # Enschede, money, this month: 3 + 1
    assert "75%" in html  # 3 of 4 without a match


def test_a_deleted_search_shows_at_once_from_the_cached_page(client, cast, searches, hengelo):
    client.force_login(cast["twente.coordinator"])
    assert "Hengelo" in client.get(URL).content.decode()
    FinderSearch.objects.filter(municipality=hengelo).delete()
    assert ">Hengelo</a>" not in client.get(URL).content.decode()


def test_a_renamed_situation_shows_at_once_from_the_cached_page(client, cast, searches):
    client.force_login(cast["enschede.editor"])
    client.get(URL)
    situation = LifeSituation.objects.get(slug="geldzorgen")
    situation.name = "Geldzorgen en schulden"
    situation.save()
    assert "Geldzorgen en schulden" in client.get(URL).content.decode()


def test_no_user_gets_the_cached_table_of_another_scope(client, cast, searches):
    for who in ("twente.coordinator", "enschede.editor", "hengelo.editor", "menzis.adviser"):
        client.force_login(cast[who])
        client.get(URL)  # warm every scope first
    for who, sees, does_not_see in [
        ("enschede.editor", ">Enschede</a>", ">Hengelo</a>"),
        ("hengelo.editor", ">Hengelo</a>", ">Enschede</a>"),
        ("twente.coordinator", ">Hengelo</a>", ">Winterswijk</a>"),
    ]:
        client.force_login(cast[who])
        html = client.get(URL).content.decode()
        assert sees in html and does_not_see not in html, who
    client.force_login(cast["menzis.adviser"])
    assert "</table>" not in client.get(URL).content.decode()


def test_a_member_who_moves_sees_the_other_municipality_at_once(client, cast, searches, hengelo):
    from toolbox_site.models import Membership

    editor = cast["enschede.editor"]
    client.force_login(editor)
    assert ">Enschede</a>" in client.get(URL).content.decode()
    membership = Membership.objects.get(user=editor)
    membership.organization = hengelo
    membership.save()
    html = client.get(URL).content.decode()
    assert ">Hengelo</a>" in html and ">Enschede</a>" not in html


def test_the_csv_export_has_exactly_the_rows_of_the_page(client, cast, searches):
    client.force_login(cast["twente.coordinator"])
    client.get(URL)  # the page cached
    rows = client.get(URL).context["page"]["rows"]
    lines = client.get(reverse("finder:unmet_demand_csv")).content.decode("utf-8-sig")
    expected = [
        ";".join(
            str(value)
            for value in (
                row["month"].strftime("%Y-%m"),
                row["municipality_name"],
                row["situation_name"],
                row["searches"],
                row["without_match"],
                row["share"],
                *row["counts"],  # the counts other apps add (call-back requests)
            )
        )
        for row in rows
    ]
    assert lines.strip().splitlines()[1:] == expected


# --- Filters, order and pages (a region has about a thousand rows) --------------------------


def rows_of(response):
    return [
        (row["municipality_name"], row["situation_name"], row["searches"])
        for row in response.context["page"]["rows"]
    ]


def test_the_filters_narrow_the_rows(client, cast, searches):
    client.force_login(cast["twente.coordinator"])
    rows = rows_of(client.get(URL, {"gemeente": "hengelo"}))
    assert {name for name, _situation, _count in rows} == {"Hengelo"}
    rows = rows_of(client.get(URL, {"situatie": "eenzaam"}))
    assert rows
    assert all("eenzaam" in situation.lower() for _name, situation, _count in rows)
    this_month = timezone.localdate().strftime("%Y-%m")
    response = client.get(URL, {"maand": this_month})
    assert {row["month"] for row in response.context["page"]["rows"]} == {
        timezone.localdate().replace(day=1)
    }


def test_only_the_rows_without_a_match_when_asked(client, cast, searches):
    client.force_login(cast["twente.coordinator"])
    response = client.get(URL, {"tekort": "on"})
    assert response.context["page"]["rows"]
    assert all(row["without_match"] > 0 for row in response.context["page"]["rows"])
    assert len(response.context["page"]["rows"]) < len(client.get(URL).context["page"]["rows"])


def test_sorting_by_share_puts_the_largest_gap_first_and_marks_the_column(client, cast, searches):
    client.force_login(cast["twente.coordinator"])
    response = client.get(URL, {"sorteer": "share"})
    shares = [row["share"] for row in response.context["page"]["rows"]]
    assert shares == sorted(shares, reverse=True)
    html = response.content.decode()
    print(html[html.index("<thead>") : html.index("</thead>")])
    assert 'aria-sort="descending"><a href="?sorteer=share">Deel zonder passend aanbod' in html
    names = [
        row["municipality_name"]
        for row in client.get(URL, {"sorteer": "municipality"}).context["page"]["rows"]
    ]
    assert names == sorted(names)


def test_a_long_list_comes_in_pages_of_fifty(client, cast, life_situations, enschede):
    situations = list(LifeSituation.objects.all()[:6])
    today = timezone.localdate()
    months, month = [], today.replace(day=1)
    for _ in range(11):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    FinderSearch.objects.bulk_create(
        FinderSearch(
            municipality=enschede,
            situation=situation,
            result_count=0,
            independent_found=False,
            date=month,
        )
        for situation in situations
        for month in months
    )
    recount_searches([enschede])
    total = len(situations) * len(months)
    assert total > 50
    client.force_login(cast["enschede.editor"])
    first = client.get(URL)
    assert len(first.context["page"]["rows"]) == 50
    html = first.content.decode()
    assert 'aria-current="page">1</a>' in html
    assert 'href="?pagina=2" rel="next"' in html
    second = client.get(URL, {"pagina": "2"})
    assert len(second.context["page"]["rows"]) == total - 50
    past_the_end = client.get(URL, {"pagina": "999"})
    assert rows_of(past_the_end) == rows_of(second)  # the last page
    csv_lines = client.get(reverse("finder:unmet_demand_csv")).content.decode("utf-8-sig")
    assert len(csv_lines.strip().splitlines()) == 1 + total  # the export is not paged
    # Every row has the same share: the pages still hold each row once.
    by_share = [
        (row["month"], row["situation_name"])
        for number in ("1", "2")
        for row in client.get(URL, {"sorteer": "share", "pagina": number}).context["page"]["rows"]
    ]
    assert len(by_share) == len(set(by_share)) == total


def test_the_export_takes_the_same_filters(client, cast, searches):
    client.force_login(cast["twente.coordinator"])
    lines = client.get(reverse("finder:unmet_demand_csv"), {"gemeente": "hengelo"})
    body = lines.content.decode("utf-8-sig").strip().splitlines()
    assert len(body) == 2 and ";Hengelo;" in body[1]


def test_the_filter_offers_no_municipality_outside_the_users_scope(client, cast, searches):
    client.force_login(cast["enschede.editor"])
    response = client.get(URL, {"gemeente": "winterswijk"})
    assert response.status_code == 200
    assert "winterswijk" not in dict(response.context["form"].fields["gemeente"].choices)
    assert {row["municipality_name"] for row in response.context["page"]["rows"]} == {"Enschede"}
    assert 'href="#id_gemeente"' in response.content.decode()  # said, next to the field


TYPED = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
PARAMETERS = ["regio", "gemeente", "situatie", "maand", "tekort", "sorteer", "pagina", "x"]


@given(
    params=st.dictionaries(
        st.sampled_from(PARAMETERS),
        st.one_of(
            st.text(
                st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                max_size=12,
            ),
            st.sampled_from(["enschede", "geldzorgen", "share", "2026-13", "-1", "99999999", "on"]),
        ),
        max_size=5,
    )
)
def test_any_parameters_give_the_page_never_a_server_error(client, cast, searches, params):
    client.force_login(cast["twente.coordinator"])
    assert client.get(URL, params).status_code == 200
    assert client.get(reverse("finder:unmet_demand_csv"), params).status_code == 200


@given(
    steps=st.lists(
        st.tuples(
            st.booleans(),  # add a search (True) or delete one (False)
            st.sampled_from(["enschede", "hengelo"]),
            st.sampled_from(["geldzorgen", "eenzaam"]),
            st.booleans(),  # independent client support found
            st.integers(min_value=0, max_value=400),  # days ago
        ),
        max_size=25,
    )
)
def test_the_tallies_always_equal_the_searches_counted_anew(db, searches, enschede, hengelo, steps):
    """Searches added one by one (count_search) and deleted (the admin) keep the
    monthly tallies exactly what counting every search again gives."""
    places = {"enschede": enschede, "hengelo": hengelo}
    situations = {s.slug: s for s in LifeSituation.objects.all()}
    for add, town, situation, found, days in steps:
        if add:
            day = timezone.localdate() - datetime.timedelta(days=days)
            with mock.patch("django.utils.timezone.localdate", return_value=day):
                count_search(
                    places[town],
                    situations[situation],
                    age_group="",
                    preference="",
                    language="",
                    result_count=1,
                    independent_found=found,
                )
        else:
            search = FinderSearch.objects.filter(municipality=places[town]).first()
            if search is not None:
                search.delete()

    def tallies():
        return sorted(
            SearchTally.objects.filter(searches__gt=0).values_list(
                "municipality_id", "situation_id", "month", "searches", "without_match"
            )
        )

    counted_one_by_one = tallies()
    recount_searches(Organization.objects.municipalities())
    assert counted_one_by_one == tallies()
