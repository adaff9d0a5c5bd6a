"""Cached network pages follow the data at once (toolbox_site/freshness.py)."""

from django.urls import reverse

from .once import on_the_module_network

pytestmark = on_the_module_network(__name__)


def rename(service, name):
    service.name = name
    service.save()


def test_the_overview_counts_a_new_service_at_once(client, network, enschede):
    url = reverse("network:index")
    before = client.get(url).context["page"]["rows"]
    enschede_row = next(row for row in before if row["municipality"] == enschede)
    service = network["enschede"]["maatjes"]
    service.archived = True
    service.save()
    after = client.get(url).context["page"]["rows"]
    assert next(row for row in after if row["municipality"] == enschede)["services"] == (
        enschede_row["services"] - 1
    )


def test_the_service_page_shows_a_new_life_domain_and_history_at_once(client, cast, network):
    from network.models import LifeDomain

    service = network["enschede"]["oco"]
    url = service.get_absolute_url()
    client.get(url)
    domain = LifeDomain.objects.exclude(pk__in=service.life_domains.all()).first()
    service.life_domains.add(domain)
    assert domain.name in client.get(url).content.decode()
    client.force_login(cast["enschede.editor"])
    assert "Geschiedenis" in client.get(url).content.decode()
    client.logout()
    assert "Geschiedenis" not in client.get(url).content.decode()  # never the members' copy


def test_finder_results_follow_a_renamed_service(client, finder_network, enschede_service):
    url = reverse("finder:index") + "?gemeente=enschede&situatie=geldzorgen"
    assert enschede_service.name in client.get(url).content.decode()
    rename(enschede_service, "Cliëntondersteuning Enschede Noord")
    assert "Cliëntondersteuning Enschede Noord" in client.get(url).content.decode()


def test_the_finder_form_follows_a_renamed_municipality_and_keeps_the_choice(
    client, finder_network, enschede
):
    url = reverse("finder:index")
    assert ">Enschede</option>" in client.get(url).content.decode()
    chosen = client.get(url + "?gemeente=enschede").content.decode()
    assert '<option value="enschede" selected>' in chosen
    assert '<option value="enschede" selected>' not in client.get(url).content.decode()
    enschede.name = "Enschede (stad)"
    enschede.save()
    html = client.get(url).content.decode()
    assert ">Enschede (stad)</option>" in html
    assert ">Enschede</option>" not in html


def test_a_finder_form_with_errors_is_never_the_cached_one(client, finder_network):
    url = reverse("finder:index")
    client.get(url)
    html = client.get(url + "?gemeente=enschede&situatie=").content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-invalid="true"' not in client.get(url).content.decode()


def test_every_search_is_counted_also_from_the_cache(client, finder_network):
    from finder.models import FinderSearch

    url = reverse("finder:index") + "?gemeente=enschede&situatie=geldzorgen"
    client.get(url)
    client.get(url)
    assert FinderSearch.objects.count() == 2
    assert len(set(FinderSearch.objects.values_list("result_count", "independent_found"))) == 1


def test_the_open_data_follow_an_archived_service(client, finder_network, enschede_service):
    url = f"/api/hsds/services/{enschede_service.uuid}"
    assert client.get(url).status_code == 200
    enschede_service.archived = True
    enschede_service.save()
    assert client.get(url).status_code == 404
    assert str(enschede_service.uuid) not in client.get("/api/hsds/services").content.decode()


def test_the_open_data_addresses_follow_the_host(client, finder_network):
    first = client.get("/api/hsds/organizations", HTTP_HOST="testserver").json()
    other = client.get("/api/hsds/organizations", HTTP_HOST="localhost").json()
    assert first["contents"][0]["uri"].startswith("http://testserver/")
    assert other["contents"][0]["uri"].startswith("http://localhost/")


def test_an_archived_service_is_shown_to_members_only_also_from_the_cache(client, cast, network):
    from network.models import Service

    stopped = Service.objects.get(name="Formulierenspreekuur Enschede (gestopt)")
    url = stopped.get_absolute_url()
    for user, status in [
        ("enschede.viewer", 200),
        ("hengelo.editor", 404),
        ("twente.coordinator", 200),
        (None, 404),
        ("enschede.editor", 200),
    ]:
        client.logout()
        if user:
            client.force_login(cast[user])
        assert client.get(url).status_code == status, user
