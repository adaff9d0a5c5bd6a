"""Data versions follow the data's scope (toolbox_site/freshness.py): a write in one
region leaves another region's cached pages warm, and every page that shows the
change builds it anew at the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from toolbox_site import freshness

pytestmark = pytest.mark.django_db


def queries(client, url):
    freshness.flush()  # the writes before it raise their versions now, not in the request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


def achterhoek_pages(elsewhere):
    """Pages of Achterhoek and of its municipality Winterswijk, each with a cached part."""
    region = "?regio=achterhoek"
    return [
        reverse("network:index") + region,
        reverse("network:map", kwargs={"slug": elsewhere.slug}),
        reverse("criteria:index") + region,
        reverse("training:index") + region,
        reverse("monitoring:public") + region,
        reverse("finder:index") + f"?gemeente={elsewhere.slug}&situatie=geldzorgen",
    ]


def write_in_enschede(network, enschede, kind):
    from criteria.models import LocalAgreement
    from monitoring.models import Report

    if kind == "service":
        service = network["enschede"]["oco"]
        service.name = "Cliëntondersteuning Enschede-West"
        service.save()
    elif kind == "many-to-many":
        network["enschede"]["oco"].municipalities.remove(enschede)
    elif kind == "agreement":
        agreement = LocalAgreement.objects.filter(municipality=enschede).first()
        agreement.text = "Anders afgesproken"
        agreement.save()
    elif kind == "report":
        Report.objects.filter(organization=enschede).first().save()


@pytest.mark.parametrize("kind", ["service", "many-to-many", "agreement", "report"])
def test_a_write_in_one_region_leaves_another_regions_pages_warm(
    client, network, enschede, elsewhere, life_situations, kind, request
):
    if kind == "agreement":
        request.getfixturevalue("criteria_agreements")
    if kind == "report":
        request.getfixturevalue("monitoring_demo")
    pages = achterhoek_pages(elsewhere)
    warm = {}
    for url in pages:
        queries(client, url)  # built and kept
        warm[url] = queries(client, url)[0]
    write_in_enschede(network, enschede, kind)
    for url in pages:
        assert queries(client, url)[0] == warm[url], f"{url} was built anew"


def test_the_writing_regions_pages_show_the_change_at_the_next_request(
    client, network, enschede, elsewhere, life_situations
):
    url = reverse("network:map", kwargs={"slug": "enschede"})
    overview = reverse("network:index") + "?regio=twente"
    queries(client, url)
    queries(client, overview)
    write_in_enschede(network, enschede, "service")
    assert "Enschede-West" in queries(client, url)[1]
    assert "Enschede-West" in queries(client, network["enschede"]["oco"].get_absolute_url())[1]


def test_a_municipality_write_leaves_its_neighbours_municipal_pages_warm(
    client, network, enschede, hengelo
):
    url = reverse("network:map", kwargs={"slug": "hengelo"})
    queries(client, url)
    warm = queries(client, url)[0]
    before = freshness.versions("network", region=enschede.region)
    from network.models import StepProgress

    progress = StepProgress.objects.filter(municipality=enschede).first()
    progress.note = "Besproken in het overleg"
    progress.save()
    assert freshness.versions("network", region=enschede.region) != before  # the region's
    assert queries(client, url)[0] == warm  # Hengelo's map stays warm


def test_which_counters_a_write_raises(network, enschede, hengelo, elsewhere):
    from network.models import Role

    def numbers():
        return {
            "national": freshness.versions("network"),
            "twente": freshness.versions("network", region=enschede.region_id),
            "achterhoek": freshness.versions("network", region=elsewhere.region_id),
            "enschede": freshness.versions("network", municipality=enschede),
            "hengelo": freshness.versions("network", municipality=hengelo),
            "winterswijk": freshness.versions("network", municipality=elsewhere),
        }

    start = numbers()
    service = network["enschede"]["oco"]
    service.municipalities.add(elsewhere)  # now serves Winterswijk too
    added = numbers()
    assert {name for name in start if start[name] != added[name]} == {
        "national",
        "twente",
        "achterhoek",
        "enschede",
        "winterswijk",
    }
    # Reference data belongs to no region: every page of the app is built anew.
    role = Role.objects.first()
    role.name = "Anders genoemd"
    role.save()
    after_role = numbers()
    assert all(after_role[name] != added[name] for name in start)


def test_a_service_moved_to_another_region_leaves_its_old_pages(network, enschede, elsewhere):
    service = network["enschede"]["maatjes"]
    service.municipalities.clear()
    before = freshness.versions("network", municipality=enschede)
    service.owning_organization = elsewhere
    service.save()
    assert freshness.versions("network", municipality=enschede) != before  # where it was


def test_a_cascade_asks_once_per_parent(monitoring_demo, enschede, monkeypatch):
    """Deleting a report deletes its values: their scope is read once in the
    transaction, not once per value."""
    from monitoring.models import Value

    monkeypatch.setattr(freshness, "DEFER", True)  # as in production: a memo per transaction
    report = monitoring_demo["enschede_previous"]
    assert Value.objects.filter(report=report).count() > 3
    with CaptureQueriesContext(connection) as captured:
        report.delete()
    report_reads = [
        q["sql"]
        for q in captured
        if q["sql"].startswith('SELECT "monitoring_report"."organization_id"')
    ]
    region_reads = [
        q["sql"] for q in captured if '"toolbox_site_organization"."region_id"' in q["sql"]
    ]
    assert len(report_reads) <= 2
    assert len(region_reads) <= 2


def test_the_region_choice_follows_a_new_and_a_renamed_region(client, twente):
    from toolbox_site.models import Region

    url = reverse("monitoring:public")
    assert "Achterhoek" not in client.get(url).content.decode()
    region = Region.objects.create(name="Achterhoek", slug="achterhoek")
    assert ">Achterhoek<" in client.get(url).content.decode()
    region.name = "Achterhoek en Liemers"
    region.save()
    html = client.get(url).content.decode()
    assert ">Achterhoek en Liemers<" in html and ">Achterhoek<" not in html
