from urllib.parse import urlparse

from django.urls import reverse

from network import taxonomy
from network.models import Role, StepProgress
from toolbox_site.models import AuditEvent


def test_the_roles_page_explains_every_role(client, reference_lists):
    content = client.get(reverse("network:roles")).content.decode()
    for role in Role.objects.all():
        assert role.name in content
    assert "Doet niet:" in content


def test_the_roles_page_follows_a_changed_role_at_once(client, reference_lists):
    url = reverse("network:roles")
    client.get(url)
    role = Role.objects.first()
    role.description = "Helpt bij de aanvraag van een indicatie."
    role.save()
    assert "Helpt bij de aanvraag van een indicatie." in client.get(url).content.decode()
    role.laws.clear()
    assert role.name in client.get(url).content.decode()


def test_the_step_plan_shows_every_step_with_its_deliverables(client, reference_lists):
    content = client.get(reverse("network:step_plan")).content.decode()
    for step in taxonomy.STEPS:
        assert step["title"] in content
        assert step["deliverables"].splitlines()[0] in content


def test_a_municipalitys_progress_is_readable_by_everyone_logged_in(
    client, network, hengelo_editor
):
    client.force_login(hengelo_editor)
    response = client.get(reverse("network:municipality_steps", kwargs={"slug": "enschede"}))
    assert response.status_code == 200
    assert response.context["can_change"] is False


def test_progress_is_not_public(client, network):
    response = client.get(reverse("network:municipality_steps", kwargs={"slug": "enschede"}))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("login")


def test_the_editor_updates_a_step_and_it_is_logged(client, network, enschede, enschede_editor):
    client.force_login(enschede_editor)
    record = StepProgress.objects.get(municipality=enschede, step__number=5)
    url = reverse("network:step_progress_edit", kwargs={"slug": "enschede", "number": 5})
    response = client.post(
        url, {"status": "in_progress", "note": "Gestart.", "date": "", "version": record.version}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.note, record.updated_by) == (
        "in_progress",
        "Gestart.",
        enschede_editor,
    )
    assert AuditEvent.objects.filter(action="network.step.changed").exists()


def test_a_second_save_of_a_step_gets_a_conflict(client, network, enschede, enschede_editor):
    client.force_login(enschede_editor)
    record = StepProgress.objects.get(municipality=enschede, step__number=5)
    url = reverse("network:step_progress_edit", kwargs={"slug": "enschede", "number": 5})
    old = record.version
    client.post(url, {"status": "done", "note": "Eerste", "version": old})
    response = client.post(url, {"status": "not_started", "note": "Tweede", "version": old})
    assert response.status_code == 200
    assert "intussen gewijzigd" in response.content.decode()
    record.refresh_from_db()
    assert record.note == "Eerste"
    assert 'value="Tweede"' in response.content.decode() or "Tweede" in response.content.decode()


def test_a_saved_step_shows_on_the_kept_progress_page_at_once(
    client, network, enschede, enschede_editor
):
    client.force_login(enschede_editor)
    page = reverse("network:municipality_steps", kwargs={"slug": "enschede"})
    client.get(page)  # kept from here on
    record = StepProgress.objects.get(municipality=enschede, step__number=5)
    url = reverse("network:step_progress_edit", kwargs={"slug": "enschede", "number": 5})
    client.post(url, {"status": "done", "note": "Afgerond met Menzis.", "version": record.version})
    assert "Afgerond met Menzis." in client.get(page).content.decode()
    enschede_editor.first_name, enschede_editor.last_name = "Ilse", "Wolters"
    enschede_editor.save()
    assert "Ilse Wolters" in client.get(page).content.decode()


def test_a_reader_never_gets_the_editors_kept_progress_page(
    client, network, enschede_editor, hengelo_editor
):
    page = reverse("network:municipality_steps", kwargs={"slug": "enschede"})
    edit = reverse("network:step_progress_edit", kwargs={"slug": "enschede", "number": 5})
    client.force_login(enschede_editor)
    assert edit in client.get(page).content.decode()
    client.force_login(hengelo_editor)
    assert edit not in client.get(page).content.decode()
    client.force_login(enschede_editor)
    assert edit in client.get(page).content.decode()
