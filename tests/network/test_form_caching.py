"""The editor form pages keep the fields of an unbound form by data version
(includes/form.html, network/views/common.py ``cached_form``): they follow the data at once, a
form with errors is always rendered afresh, and no organization gets another's copy."""

import re

from django.urls import reverse

from network.models import Link, StepProgress

from ..factories import make_organization, make_user
from .once import on_the_module_network

pytestmark = on_the_module_network(__name__)


def inputs(html, name):
    return re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)


def checked_values(html, name):
    return {
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in inputs(html, name)
        if re.search(r"\bchecked\b", tag)
    }


def hidden_value(html, name):
    return re.search(r'value="([^"]*)"', inputs(html, name)[0]).group(1)


def test_the_new_service_form_lists_a_new_municipality_of_the_region_at_once(
    client, network, enschede_editor, twente
):
    client.force_login(enschede_editor)
    url = reverse("network:service_create", kwargs={"slug": "enschede"})
    assert "Gemeente Nieuwstad" not in client.get(url).content.decode()
    make_organization(twente, name="Gemeente Nieuwstad")
    assert "Gemeente Nieuwstad" in client.get(url).content.decode()


def test_the_service_form_shows_a_renamed_role_at_once(client, network, enschede_editor):
    service = network["enschede"]["oco"]
    client.force_login(enschede_editor)
    url = reverse("network:service_edit", kwargs={"pk": service.pk})
    client.get(url)
    role = service.role
    role.name = "Steun en toeverlaat"
    role.save()
    assert f"{role.category.code}. Steun en toeverlaat" in client.get(url).content.decode()


def test_the_service_form_shows_the_saved_values_and_version_after_a_save(
    client, network, enschede_editor
):
    service = network["enschede"]["oco"]
    client.force_login(enschede_editor)
    url = reverse("network:service_edit", kwargs={"pk": service.pk})
    before = client.get(url).content.decode()
    assert hidden_value(before, "version") == str(service.version)
    data = {k: v for k, v in client.get(url).context["form"].initial.items() if v is not None}
    data.update(
        name="Cliëntondersteuning Enschede Zuid",
        municipalities=[m.pk for m in service.municipalities.all()],
        life_domains=[d.pk for d in service.life_domains.all()],
        target_groups=[g.pk for g in service.target_groups.all()],
        laws=[law.pk for law in service.laws.all()],
        role=service.role_id,
        provider=service.provider_id,
    )
    assert client.post(url, data).status_code == 302
    service.refresh_from_db()
    after = client.get(url).content.decode()
    assert 'value="Cliëntondersteuning Enschede Zuid"' in after
    assert hidden_value(after, "version") == str(service.version)
    assert hidden_value(after, "based_on") != hidden_value(before, "based_on")


def test_a_service_form_with_errors_is_never_the_cached_one(client, network, enschede_editor):
    client.force_login(enschede_editor)
    url = reverse("network:service_create", kwargs={"slug": "enschede"})
    client.get(url)
    first = client.post(url, {"name": "Getypte naam", "version": 1}).content.decode()
    assert "is-invalid" in first
    assert 'value="Getypte naam"' in first
    second = client.post(url, {"name": "Andere naam", "version": 1}).content.decode()
    assert 'value="Andere naam"' in second
    assert "Getypte naam" not in second
    fresh = client.get(url).content.decode()
    assert "is-invalid" not in fresh
    assert "Getypte naam" not in fresh
    assert "Andere naam" not in fresh


def test_each_organization_gets_its_own_new_service_form(
    client, network, enschede, elsewhere, enschede_editor
):
    client.force_login(enschede_editor)
    mine = client.get(reverse("network:service_create", kwargs={"slug": "enschede"}))
    assert enschede.name in mine.content.decode()
    client.force_login(make_user(organization=elsewhere))
    theirs = client.get(reverse("network:service_create", kwargs={"slug": elsewhere.slug}))
    html = theirs.content.decode()
    assert elsewhere.name in html
    assert f'value="{enschede.pk}"' not in "".join(inputs(html, "municipalities"))


def test_the_link_form_lists_a_renamed_service_at_once(client, network, enschede_editor):
    client.force_login(enschede_editor)
    url = reverse("network:link_create", kwargs={"slug": "enschede"})
    client.get(url)
    service = network["enschede"]["huisarts"]
    service.name = "Huisartsenpraktijk De Nieuwe Tuin"
    service.save()
    assert "Huisartsenpraktijk De Nieuwe Tuin" in client.get(url).content.decode()


def test_the_link_form_shows_the_saved_note_and_version(client, network, enschede_editor):
    link = Link.objects.filter(municipality__slug="enschede").first()
    client.force_login(enschede_editor)
    url = reverse("network:link_edit", kwargs={"pk": link.pk})
    client.get(url)
    data = {
        "from_service": link.from_service_id,
        "to_service": link.to_service_id,
        "kind": link.kind,
        "note": "Alleen op afspraak.",
        "version": link.version,
    }
    assert client.post(url, data).status_code == 302
    link.refresh_from_db()
    html = client.get(url).content.decode()
    assert "Alleen op afspraak." in html
    assert hidden_value(html, "version") == str(link.version)


def test_the_step_form_shows_the_saved_progress(client, network, enschede, enschede_editor):
    client.force_login(enschede_editor)
    url = reverse("network:step_progress_edit", kwargs={"slug": "enschede", "number": 4})
    html = client.get(url).content.decode()
    record = StepProgress.objects.filter(municipality=enschede, step__number=4).first()
    version = record.version if record else 0
    assert hidden_value(html, "version") == str(version)
    data = {"status": "in_progress", "note": "Eerste overleg gepland.", "version": version}
    assert client.post(url, data).status_code == 302
    html = client.get(url).content.decode()
    assert "Eerste overleg gepland." in html
    assert checked_values(html, "status") == {"in_progress"}
    assert hidden_value(html, "version") == str(version + 1)


def test_a_step_form_with_errors_is_never_the_cached_one(client, network, enschede_editor):
    client.force_login(enschede_editor)
    url = reverse("network:step_progress_edit", kwargs={"slug": "enschede", "number": 4})
    client.get(url)
    html = client.post(url, {"status": "nonsense", "note": "Getypt", "version": 0})
    assert "is-invalid" in html.content.decode()
    assert "Getypt" not in client.get(url).content.decode()


def test_the_organization_page_lists_a_renamed_service_at_once(
    client, network, enschede_editor, enschede_viewer
):
    url = reverse("network:organization", kwargs={"slug": "enschede"})
    client.force_login(enschede_editor)
    html = client.get(url).content.decode()
    add = reverse("network:service_create", kwargs={"slug": "enschede"})
    assert add in html
    service = network["enschede"]["oco"]
    service.name = "Cliëntondersteuning Enschede Oost"
    service.save()
    assert "Cliëntondersteuning Enschede Oost" in client.get(url).content.decode()
    client.force_login(enschede_viewer)
    html = client.get(url).content.decode()
    assert "Cliëntondersteuning Enschede Oost" in html
    assert add not in html  # the editor's links are not in the cached part


def test_a_form_with_errors_lists_a_new_provider_and_a_renamed_service_at_once(
    client, network, enschede, enschede_editor
):
    from network.models import Provider

    client.force_login(enschede_editor)
    url = reverse("network:service_create", kwargs={"slug": "enschede"})
    client.post(url, {"name": "Getypt", "version": 1})  # the choice lists are kept now
    Provider.objects.create(maintained_by=enschede, name="Stichting Nieuw Begin")
    html = client.post(url, {"name": "Getypt", "version": 1}).content.decode()
    assert ">Stichting Nieuw Begin</option>" in html
    url = reverse("network:link_create", kwargs={"slug": "enschede"})
    client.post(url, {"kind": "refers_to", "version": 1})
    service = network["enschede"]["huisarts"]
    service.name = "Huisartsenpraktijk De Nieuwe Tuin"
    service.save()
    html = client.post(url, {"kind": "refers_to", "version": 1}).content.decode()
    assert f">Huisartsenpraktijk De Nieuwe Tuin ({service.role.name})</option>" in html
