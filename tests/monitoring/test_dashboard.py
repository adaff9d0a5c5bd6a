"""The regional trend dashboard: approved reports only, region figures, per 10,000,
small-number suppression, region scoping and bad input."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from monitoring import dashboards

URL = reverse("monitoring:dashboard")


def get(client, user, query=""):
    client.force_login(user)
    return client.get(f"{URL}?{query}")


def region_table(response):
    return next(table for table in response.context["page"]["tables"] if table.key == "region")


def municipal_table(response):
    return next(
        table for table in response.context["page"]["tables"] if table.key == "municipalities"
    )


def row_for(table, period):
    return next(row for row in table.rows if row[0] == period.label)


def shown(row):
    return [value if isinstance(value, str) else value.shown for value in row]


def test_it_asks_for_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302


def test_it_shows_the_region_figures_of_approved_reports_only(client, cast, figures):
    response = get(client, cast["twente.coordinator"], "indicator=clients_total")
    assert response.status_code == 200
    rows = region_table(response).rows
    first = figures["periods"][0]
    # Enschede 100, Hengelo 50, Borne 20 = 170; 170 per 266,900 inhabitants * 10,000 = 6.4
    assert shown(rows[0]) == [first.label, "170", "6,4", "56,7", "50,0", "3"]
    assert "9999" not in response.content.decode()
    assert "Alleen goedgekeurde rapportages tellen mee" in response.content.decode()


def test_a_total_that_would_reveal_a_small_number_is_hidden(client, cast, figures):
    response = get(client, cast["twente.coordinator"], "indicator=clients_total")
    last = row_for(region_table(response), figures["periods"][-1])
    # Hengelo reported 3: the total (103 + 3 + 20) would give it away with the others shown.
    assert shown(last)[1:4] == ["×", "×", "×"]
    assert shown(last)[4] == "20,0"  # the median is Borne's 20, not the hidden value
    assert response.context["page"]["charts"]["line"]["datasets"][0]["data"][-2] is None


def test_a_small_number_shows_as_less_than_five_outside_the_reporting_organization(
    client, cast, figures
):
    response = get(client, cast["enschede.editor"], "indicator=clients_total&gemeente=hengelo")
    assert shown(row_for(municipal_table(response), figures["periods"][-1]))[1] == "< 5"
    assert response.context["page"]["charts"]["line"]["datasets"][0]["data"][-2] is None


def test_the_reporting_organization_sees_its_own_small_number(client, cast, figures):
    response = get(client, cast["hengelo.editor"], "indicator=clients_total&gemeente=hengelo")
    assert shown(row_for(municipal_table(response), figures["periods"][-1]))[1] == "3"
    assert response.context["page"]["charts"]["line"]["datasets"][0]["data"][-2] == 3.0


def test_averages_and_durations_are_not_suppressed(client, cast, figures):
    response = get(client, cast["enschede.editor"], "indicator=waiting_days&gemeente=hengelo")
    assert shown(row_for(municipal_table(response), figures["periods"][-1]))[1] == "3,0"


def test_municipalities_are_shown_per_10000_inhabitants(client, cast, figures):
    query = "indicator=clients_total&gemeente=enschede&gemeente=borne&maat=per10000"
    response = get(client, cast["enschede.editor"], query)
    # Enschede 100 / 161,000 * 10,000 = 6.2; Borne 20 / 24,000 * 10,000 = 8.3
    assert shown(municipal_table(response).rows[0])[1:] == ["6,2", "8,3"]


def test_the_breakdown_has_a_bar_chart_and_a_table_with_the_same_numbers(client, cast, figures):
    from .dashboard_fixtures import report

    period = figures["periods"][-1]
    report(
        figures["borne"],
        period,
        {"clients_new": 23},
        items={("clients_new", "self"): 12, ("clients_new", "gp"): 2, ("clients_new", "ggd"): 9},
    )
    response = get(client, cast["enschede.editor"], "indicator=clients_new")
    table = next(table for table in response.context["page"]["tables"] if table.key == "breakdown")
    cells = {row[0]: row[1].shown for row in table.rows}
    # 2 is hidden; with the total known the smallest other cell (9) goes too.
    assert cells == {
        "Op eigen initiatief": "12",
        "Huisarts of praktijkondersteuner": "< 5",
        "GGD": "×",
    }
    assert response.context["page"]["charts"]["bar"]["datasets"][0]["data"] == [12.0, None, None]


def test_nothing_of_another_region_shows(client, cast, figures, other_region):
    response = get(client, cast["twente.coordinator"], "regio=achterhoek&gemeente=winterswijk")
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["region"].slug == "twente"
    assert "777" not in content
    assert "Winterswijk" not in content.replace("winterswijk", "")
    assert "alleen de monitoring van uw eigen regio" in content


@pytest.mark.parametrize(
    "query, message",
    [
        ("indicator=bestaat_niet", "bestaat hier niet"),
        ("van=zzz", "is geen periode"),
        ("tot=2024-13-45", "is geen periode"),
        ("van=2030-01-01&tot=2000-01-01", "andersom"),
        ("gemeente=winterswijk", "is geen gemeente van Twente"),
        ("gemeente=%01", "is geen gemeente van Twente"),
        ("indicator=%01&van=%01", "bestaat hier niet"),
        ("maat=veel", "Kies"),
        ("export=pdf", "CSV of XLSX"),
    ],
)
def test_bad_input_gets_a_clear_message(client, cast, figures, other_region, query, message):
    response = get(client, cast["enschede.editor"], query)
    assert response.status_code == 200
    assert message in " ".join([*response.context["errors"], *response.context["page"]["errors"]])


def test_an_export_with_bad_input_shows_the_page_instead(client, cast, figures):
    response = get(client, cast["enschede.editor"], "van=zzz&export=csv")
    assert response["Content-Type"].startswith("text/html")


@given(
    query=st.dictionaries(
        st.sampled_from(
            ["indicator", "van", "tot", "gemeente", "maat", "export", "regio", "uitsplitsing"]
        ),
        st.text(max_size=30),
        max_size=6,
    )
)
def test_arbitrary_query_strings_never_fail(client, cast, figures, query):
    client.force_login(cast["enschede.editor"])
    response = client.get(URL, query)
    assert response.status_code < 500


def test_the_aggregation_runs_in_one_grouped_query(cast, figures, django_assert_num_queries):
    indicator = next(
        choice
        for choice in dashboards.region_indicators(figures["enschede"].region)
        if choice.code == "clients_total"
    )
    period_ids = [period.pk for period in figures["periods"]]
    with django_assert_num_queries(1):
        per_organization, per_period = dashboards.series(
            indicator, period_ids, figures["enschede"].region_id
        )
    assert len(per_organization) == 12
    assert per_period[period_ids[0]]["total"] == 170


def test_the_breakdown_can_be_left_out(client, cast, figures):
    response = get(client, cast["enschede.editor"], "indicator=clients_new&uitsplitsing=nee")
    assert [table.key for table in response.context["page"]["tables"]] == ["region"]
    assert "bar" not in response.context["page"]["charts"]
    response = get(client, cast["enschede.editor"], "indicator=clients_new&uitsplitsing=%01")
    assert "uitsplitsing" in " ".join(
        [*response.context["errors"], *response.context["page"]["errors"]]
    )
