import datetime

from django.urls import reverse
from django.utils import timezone

from network.models import Provider, Role, Service
from toolbox_site.models import AuditEvent

from .once import on_the_module_network

pytestmark = on_the_module_network(__name__)


def service_data(service=None, **overrides):
    data = {
        "name": "Nieuwe dienst",
        "role": Role.objects.get(slug="wijkteam").pk,
        "provider": "",
        "new_provider": "Stichting Nieuw",
        "description": "Helpt inwoners.",
        "municipalities": [service.municipalities.first().pk] if service else [],
        "formality": "formal",
        "languages": "Nederlands",
        "phone": "053 000 0000",
        "email": "",
        "website": "",
        "version": service.version if service else 1,
    }
    data.update(overrides)
    return data


def test_the_detail_page_shows_the_service_and_its_links(client, network):
    service = network["enschede"]["oco"]
    response = client.get(service.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert service.name in content
    assert "Wijkteam Enschede" in content  # refers to this service
    assert "Geschiedenis" not in content  # history is for logged-in users


def test_logged_in_users_see_the_history(client, network, enschede_viewer):
    service = network["enschede"]["oco"]
    client.force_login(enschede_viewer)
    response = client.get(service.get_absolute_url())
    assert response.context["page"]["history"]
    assert response.context["can_change"] is False


def test_an_archived_service_is_hidden_from_outsiders(client, network, hengelo_editor):
    stopped = Service.objects.get(name="Formulierenspreekuur Enschede (gestopt)")
    assert client.get(stopped.get_absolute_url()).status_code == 404
    client.force_login(hengelo_editor)
    assert client.get(stopped.get_absolute_url()).status_code == 404


def test_the_editor_adds_a_service_with_a_new_provider(client, network, enschede, enschede_editor):
    client.force_login(enschede_editor)
    url = reverse("network:service_create", kwargs={"slug": "enschede"})
    response = client.post(url, service_data(municipalities=[enschede.pk]))
    assert response.status_code == 302
    service = Service.objects.get(name="Nieuwe dienst")
    assert service.owning_organization == enschede
    assert service.provider == Provider.objects.get(name="Stichting Nieuw", maintained_by=enschede)
    assert service.verified_on == timezone.localdate()
    assert AuditEvent.objects.filter(action="network.service.created").exists()


def test_a_new_service_of_a_municipality_serves_it_unless_changed(
    client, network, enschede, enschede_editor
):
    client.force_login(enschede_editor)
    url = reverse("network:service_create", kwargs={"slug": "enschede"})
    form = client.get(url).context["form"]
    assert form.initial["municipalities"] == [enschede.pk]
    html = client.get(url).content.decode()
    assert f'value="{enschede.pk}" ' in html
    checked = [
        tag
        for tag in html.split("<input")
        if 'name="municipalities"' in tag and f'value="{enschede.pk}"' in tag
    ]
    assert len(checked) == 1 and "checked" in checked[0]


def test_the_form_keeps_typed_values_and_links_the_errors(client, network, enschede_editor):
    client.force_login(enschede_editor)
    url = reverse("network:service_create", kwargs={"slug": "enschede"})
    response = client.post(url, service_data(name="", description="Mijn tekst", new_provider=""))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="#id_name"' in content
    assert 'href="#id_provider"' in content
    assert "Mijn tekst" in content
    assert not Service.objects.filter(description="Mijn tekst").exists()


def test_a_service_may_only_serve_municipalities_of_its_region(
    client, network, enschede_editor, elsewhere
):
    client.force_login(enschede_editor)
    url = reverse("network:service_create", kwargs={"slug": "enschede"})
    response = client.post(url, service_data(municipalities=[elsewhere.pk]))
    assert response.status_code == 200
    assert response.context["form"].errors["municipalities"]


def test_the_editor_changes_a_service_and_the_history_says_what(client, network, enschede_editor):
    service = network["enschede"]["oco"]
    client.force_login(enschede_editor)
    url = reverse("network:service_edit", kwargs={"pk": service.pk})
    form = client.get(url).context["form"]
    data = {**form.initial, "name": "Cliëntondersteuning Enschede", "phone": "053 011 1111"}
    data = {key: value for key, value in data.items() if value is not None}
    data["municipalities"] = [m.pk for m in service.municipalities.all()]
    data["life_domains"] = [d.pk for d in service.life_domains.all()]
    data["target_groups"] = [g.pk for g in service.target_groups.all()]
    data["laws"] = [law.pk for law in service.laws.all()]
    data["role"] = service.role_id
    data["provider"] = service.provider_id
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    service.refresh_from_db()
    assert service.name == "Cliëntondersteuning Enschede"
    assert service.version == 2
    detail = client.get(service.get_absolute_url())
    assert "naam" in detail.context["page"]["history"][0]["changed"]


def test_two_editors_saving_the_same_service_get_a_conflict(client, network, enschede_editor):
    service = network["enschede"]["oco"]
    client.force_login(enschede_editor)
    url = reverse("network:service_edit", kwargs={"pk": service.pk})
    initial = client.get(url).context["form"].initial
    first = service_data(
        service,
        name="Eerste versie",
        new_provider="",
        provider=service.provider_id,
        based_on=initial["based_on"],
    )
    second = {**first, "name": "Tweede versie", "phone": "053 022 2222"}
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 200
    content = response.content.decode()
    assert "intussen gewijzigd" in content
    assert "naam" in content
    assert "Tweede versie" in content  # what they typed is kept
    service.refresh_from_db()
    assert service.name == "Eerste versie"
    # Saving again, deliberately, goes through.
    resubmit = {**second, "version": response.context["form"].data["version"]}
    assert client.post(url, resubmit).status_code == 302


def test_archiving_is_reversible_and_keeps_the_history(client, network, enschede_editor):
    service = network["enschede"]["oco"]
    client.force_login(enschede_editor)
    page = client.get(reverse("network:service_archive", kwargs={"pk": service.pk}))
    assert "staat niet meer op de kaarten" in page.content.decode()
    client.post(reverse("network:service_archive", kwargs={"pk": service.pk}), {"version": 1})
    service.refresh_from_db()
    assert service.archived
    page = client.get(reverse("network:service_unarchive", kwargs={"pk": service.pk}))
    assert ">Terugzetten</button>" in page.content.decode()  # one page, told by the state
    client.post(reverse("network:service_unarchive", kwargs={"pk": service.pk}), {"version": 2})
    service.refresh_from_db()
    assert not service.archived
    assert service.history.count() >= 3
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"network.service.archived", "network.service.unarchived"} <= actions


def test_checked_today_sets_the_date_and_the_checker_in_one_click(client, network, enschede_editor):
    service = network["enschede"]["oco"]
    service.verified_on = datetime.date(2020, 1, 1)
    service.save()
    client.force_login(enschede_editor)
    response = client.post(
        reverse("network:service_verify", kwargs={"pk": service.pk}), {"version": service.version}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.verified_on == timezone.localdate()
    assert service.verified_by == enschede_editor


def test_checked_today_without_a_version_is_a_bad_request(client, network, enschede_editor):
    service = network["enschede"]["oco"]
    client.force_login(enschede_editor)
    response = client.post(reverse("network:service_verify", kwargs={"pk": service.pk}), {})
    assert response.status_code == 400


def test_the_coordinator_edits_a_care_office_service(client, network, coordinator):
    service = network["enschede"]["wlz-co"]
    client.force_login(coordinator)
    response = client.get(reverse("network:service_edit", kwargs={"pk": service.pk}))
    assert response.status_code == 200
