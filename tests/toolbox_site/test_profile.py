from django.core import mail
from django.urls import reverse

from ..factories import PASSWORD


def test_a_member_changes_their_name_and_e_mail_address(client, enschede_viewer):
    client.force_login(enschede_viewer)
    response = client.post(
        reverse("profile_edit"),
        {
            "first_name": "Erik",
            "last_name": "Nijhuis",
            "email": "e.nijhuis@enschede.example",
            "current_password": PASSWORD,
        },
        follow=True,
    )
    enschede_viewer.refresh_from_db()
    assert enschede_viewer.get_full_name() == "Erik Nijhuis"
    assert enschede_viewer.email == "e.nijhuis@enschede.example"
    assert "Uw gegevens zijn opgeslagen." in response.content.decode()


def test_an_e_mail_address_of_another_account_is_refused(client, enschede_viewer, hengelo_editor):
    client.force_login(enschede_viewer)
    response = client.post(
        reverse("profile_edit"),
        {"first_name": "Erik", "last_name": "", "email": "HENGELO.editor@example.org"},
    )
    assert response.status_code == 200
    assert "Een ander account gebruikt dit e-mailadres al." in response.content.decode()
    enschede_viewer.refresh_from_db()
    assert enschede_viewer.email == "enschede.viewer@example.org"
    assert enschede_viewer.first_name == ""


def test_the_e_mail_address_is_required(client, enschede_viewer):
    client.force_login(enschede_viewer)
    response = client.post(reverse("profile_edit"), {"first_name": "Erik", "email": ""})
    assert response.status_code == 200
    assert 'href="#id_email"' in response.content.decode()


def change_email(client, **extra):
    return client.post(
        reverse("profile_edit"),
        {"first_name": "Erik", "last_name": "", "email": "nieuw@example.org", **extra},
    )


def test_changing_the_e_mail_address_asks_for_the_current_password(client, enschede_viewer):
    client.force_login(enschede_viewer)
    response = change_email(client)
    assert response.status_code == 200
    assert (
        "Vul uw huidige wachtwoord in om uw e-mailadres te wijzigen." in response.content.decode()
    )
    enschede_viewer.refresh_from_db()
    assert enschede_viewer.email == "enschede.viewer@example.org"
    assert mail.outbox == []


def test_a_wrong_current_password_keeps_the_e_mail_address(client, enschede_viewer):
    client.force_login(enschede_viewer)
    response = change_email(client, current_password="geraden")
    assert "Uw huidige wachtwoord is niet juist ingevoerd." in response.content.decode()
    enschede_viewer.refresh_from_db()
    assert enschede_viewer.email == "enschede.viewer@example.org"


def test_wrong_current_passwords_count_as_failed_logins(client, enschede_viewer):
    client.force_login(enschede_viewer)
    for _ in range(4):
        assert change_email(client, current_password="geraden").status_code == 200
    assert change_email(client, current_password="geraden").status_code == 429
    assert change_email(client, current_password=PASSWORD).status_code == 429
    enschede_viewer.refresh_from_db()
    assert enschede_viewer.email == "enschede.viewer@example.org"


def test_the_old_address_is_told_that_the_e_mail_address_changed(client, enschede_viewer):
    client.force_login(enschede_viewer)
    response = change_email(client, current_password=PASSWORD)
    assert response.status_code == 302
    enschede_viewer.refresh_from_db()
    assert enschede_viewer.email == "nieuw@example.org"
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["enschede.viewer@example.org"]
    assert notice.subject == "Het e-mailadres van uw account is gewijzigd"
    assert "nieuw@example.org" in notice.body


def test_a_name_change_needs_no_password(client, enschede_viewer):
    client.force_login(enschede_viewer)
    response = client.post(
        reverse("profile_edit"),
        {"first_name": "Erik", "last_name": "", "email": "ENSCHEDE.viewer@example.org"},
    )
    assert response.status_code == 302
    assert mail.outbox == []
