"""The public dashboard: public indicators, for everyone, small numbers hidden for everyone."""

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from .test_dashboard import municipal_table, row_for, shown

URL = reverse("monitoring:public")


def test_it_needs_no_login(client, figures):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["public"]


def test_it_offers_only_public_indicators(client, figures):
    response = client.get(URL)
    codes = [indicator.code for indicator in response.context["page"]["indicators"]]
    assert "clients_total" in codes
    assert "clients_ongoing" not in codes  # not public in the demo format
    response = client.get(f"{URL}?indicator=clients_ongoing")
    assert "bestaat hier niet" in " ".join(
        [*response.context["errors"], *response.context["page"]["errors"]]
    )


def test_small_numbers_are_hidden_even_for_the_reporting_organization(client, cast, figures):
    client.force_login(cast["hengelo.editor"])
    response = client.get(f"{URL}?indicator=clients_total&gemeente=hengelo")
    assert shown(row_for(municipal_table(response), figures["periods"][-1]))[1] == "< 5"


def test_it_shows_any_region_but_only_that_region(client, figures, other_region):
    response = client.get(f"{URL}?regio=achterhoek")
    content = response.content.decode()
    assert response.context["region"].slug == "achterhoek"
    assert "Enschede" not in content
    response = client.get(URL)
    assert "777" not in response.content.decode()


def test_it_exports_what_it_shows(client, figures):
    response = client.get(f"{URL}?indicator=clients_total&gemeente=hengelo&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "< 5" in response.content.decode("utf-8-sig")


@given(
    query=st.dictionaries(
        st.sampled_from(["indicator", "van", "tot", "gemeente", "maat", "export", "regio"]),
        st.text(max_size=30),
        max_size=6,
    )
)
def test_arbitrary_query_strings_never_fail(client, figures, query):
    assert client.get(URL, query).status_code < 500
