"""A municipality's own view: its values next to the region's average and median."""

from django.urls import reverse

URL = reverse("monitoring:own")


def rows(response):
    return {row["indicator"].code: row for row in response.context["page"]["rows"]}


def test_a_municipality_sees_its_values_next_to_the_region(client, cast, figures):
    client.force_login(cast["hengelo.editor"])
    period = figures["periods"][-1]
    response = client.get(f"{URL}?periode={period.start}")
    assert response.status_code == 200
    assert response.context["organization"].slug == "hengelo"
    clients = rows(response)["clients_total"]
    assert clients["own"].shown == "3"  # its own small number
    # Enschede 103, Borne 20 and Hengelo's own 3: nothing hidden for Hengelo.
    assert clients["average"].shown == "42,0"
    assert clients["median"].shown == "20,0"
    assert clients["count"] == 3
    waiting = rows(response)["waiting_days"]
    assert (waiting["own"].shown, waiting["average"].shown) == ("3,0", "8,5")


def test_another_municipality_protects_the_small_number(client, cast, figures):
    client.force_login(cast["enschede.editor"])
    period = figures["periods"][-1]
    response = client.get(f"{URL}?periode={period.start}")
    clients = rows(response)["clients_total"]
    assert clients["own"].shown == "103"
    assert clients["average"].shown == "×"  # 3 * average - 103 - 20 would give Hengelo's 3


def test_only_own_municipalities_can_be_chosen(client, cast, figures):
    client.force_login(cast["enschede.editor"])
    response = client.get(f"{URL}?gemeente=hengelo&periode=zzz")
    assert response.context["organization"].slug == "enschede"
    assert len(response.context["page"]["errors"]) == 2


def test_the_care_office_has_no_municipality_to_show(client, cast, figures):
    client.force_login(cast["menzis.adviser"])
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["organization"] is None


def test_it_asks_for_a_login(client):
    assert client.get(URL).status_code == 302


def test_the_link_to_it_is_offered_only_to_who_has_a_municipality_to_show(client, cast, figures):
    """The care office was offered 'Mijn gemeente naast de regio', which led nowhere."""
    for pages in ("monitoring:index", "monitoring:dashboard"):
        for username, offered in [
            ("menzis.adviser", False),
            ("enschede.editor", True),
            ("twente.coordinator", True),
        ]:
            client.force_login(cast[username])
            content = client.get(reverse(pages)).content.decode()
            assert (f'href="{URL}"' in content) is offered, (pages, username)
