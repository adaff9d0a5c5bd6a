from django.urls import reverse


def test_a_member_changes_their_name_and_e_mail_address(client, enschede_viewer):
    client.force_login(enschede_viewer)
    response = client.post(
        reverse("profile_edit"),
        {"first_name": "Erik", "last_name": "Nijhuis", "email": "e.nijhuis@enschede.example"},
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
