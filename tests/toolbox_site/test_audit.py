from django.urls import reverse

from toolbox_site.models import AuditEvent


def edit_contact(client, user, **data):
    client.force_login(user)
    return client.post(
        reverse("organization_edit", kwargs={"slug": "enschede"}),
        {"email": "", "phone": "", "website": "", **data},
    )


def test_a_change_of_contact_details_is_logged_with_old_and_new_values(
    client, enschede_editor, enschede
):
    edit_contact(client, enschede_editor, phone="14 053")
    event = AuditEvent.objects.get()
    assert event.action == "toolbox_site.organization.changed"
    assert (event.user, event.organization, event.object_repr) == (
        enschede_editor,
        enschede,
        "Enschede",
    )
    assert event.data == {"changes": {"phone": {"old": "", "new": "14 053"}}}


def test_saving_without_changes_or_with_errors_logs_nothing(client, enschede_editor, enschede):
    edit_contact(client, enschede_editor)
    edit_contact(client, enschede_editor, email="geen adres")
    assert not AuditEvent.objects.exists()


def test_the_coordinator_reads_the_log_of_the_region_only(
    client, enschede_editor, coordinator, elsewhere
):
    from toolbox_site.audit import log_action

    edit_contact(client, enschede_editor, phone="14 053")
    log_action(None, elsewhere, "toolbox_site.organization.changed")
    client.force_login(coordinator)
    page = client.get(reverse("admin:toolbox_site_auditevent_changelist")).content.decode()
    assert "Enschede" in page and "Winterswijk" not in page
    event = AuditEvent.objects.get(organization__slug="enschede")
    change_url = reverse("admin:toolbox_site_auditevent_change", args=[event.pk])
    assert client.get(change_url).status_code == 200
    delete_url = reverse("admin:toolbox_site_auditevent_delete", args=[event.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_an_editor_cannot_read_the_log_in_the_admin(client, enschede_editor):
    client.force_login(enschede_editor)
    response = client.get(reverse("admin:toolbox_site_auditevent_changelist"))
    assert response.status_code == 302
