from django.urls import reverse


def test_the_editor_updates_the_contact_details(client, enschede_editor, enschede):
    client.force_login(enschede_editor)
    response = client.post(
        reverse("organization_edit", kwargs={"slug": "enschede"}),
        {"email": "wmo@enschede.example", "phone": "14 053", "website": "www.enschede.nl"},
        follow=True,
    )
    enschede.refresh_from_db()
    assert enschede.email == "wmo@enschede.example"
    assert enschede.website == "https://www.enschede.nl"
    assert "De contactgegevens van Enschede zijn opgeslagen." in response.content.decode()


def test_bad_input_is_explained_next_to_the_field_and_nothing_is_saved(
    client, enschede_editor, enschede
):
    enschede.email = "oud@enschede.example"
    enschede.save()
    client.force_login(enschede_editor)
    response = client.post(
        reverse("organization_edit", kwargs={"slug": "enschede"}),
        {"email": "geen e-mailadres", "phone": "14 053", "website": "niet//goed"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Verbeter het volgende" in content
    assert 'href="#id_email"' in content
    assert "Voer een geldig e-mailadres in." in content
    assert "Voer een geldige URL in." in content
    # What was typed stays in the form.
    assert 'value="geen e-mailadres"' in content
    enschede.refresh_from_db()
    assert enschede.email == "oud@enschede.example"


def test_the_account_page_lists_organizations_and_roles(client, enschede_viewer, hengelo):
    from toolbox_site.models import Membership

    Membership.objects.create(user=enschede_viewer, organization=hengelo, role="editor")
    client.force_login(enschede_viewer)
    content = client.get(reverse("account")).content.decode()
    assert "Enschede" in content and "Hengelo" in content
    assert "Lezer" in content and "Redacteur" in content
    # Only where the user may edit is there an edit link.
    assert reverse("organization_edit", kwargs={"slug": "hengelo"}) in content
    assert reverse("organization_edit", kwargs={"slug": "enschede"}) not in content
