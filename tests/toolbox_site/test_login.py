"""Logging in, out, throttling, and password reset."""

import re

from django.core import mail
from django.urls import reverse

from ..factories import PASSWORD


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_member_logs_in_and_lands_on_my_toolbox(client, enschede_editor):
    response = login(client, "enschede.editor", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("my_toolbox")


def test_a_wrong_password_gives_a_dutch_error_and_keeps_the_user_name(client, enschede_editor):
    response = login(client, "enschede.editor", "wrong")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in content
    assert 'value="enschede.editor"' in content


def test_five_failures_lock_the_account_with_a_clear_message(client, enschede_editor):
    for _ in range(4):
        assert login(client, "enschede.editor", "wrong").status_code == 200
    response = login(client, "enschede.editor", "wrong")
    assert response.status_code == 429
    content = response.content.decode()
    assert "Te veel mislukte pogingen om in te loggen" in content
    assert "15 minuten" in content
    # Even the right password is refused while locked.
    locked = login(client, "enschede.editor", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_block_other_users(client, enschede_editor, hengelo_editor):
    for _ in range(5):
        login(client, "enschede.editor", "wrong")
    assert login(client, "hengelo.editor", PASSWORD).status_code == 302


def test_logging_out_takes_a_post_and_ends_the_session(client, enschede_editor):
    client.force_login(enschede_editor)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_password_reset_mails_a_link_that_works(client, enschede_editor):
    response = client.post(reverse("password_reset"), {"email": "enschede.editor@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Een nieuw wachtwoord voor de Toolbox Cliëntondersteuning Twente"
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {
            "new_password1": "een nieuw lang wachtwoord",
            "new_password2": "een nieuw lang wachtwoord",
        },
    )
    assert response.status_code == 302
    enschede_editor.refresh_from_db()
    assert enschede_editor.check_password("een nieuw lang wachtwoord")


def test_a_password_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
