"""Login throttling behind a proxy, long login names, password reset and change.

CI runs this file on PostgreSQL too (the long login name gave a 500 there).
"""

import re
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from ..factories import PASSWORD


def login(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


# --- 3. The client's address behind a proxy ---------------------------------------


def behind_proxy(address):
    """What the app sees of a visitor behind one proxy at 10.0.0.1."""
    return {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": address}


def test_behind_a_proxy_a_lockout_from_one_client_does_not_stop_another(
    client, enschede_editor, settings
):
    settings.PROXY_COUNT = 1
    for _ in range(5):
        login(client, "enschede.editor", "wrong", **behind_proxy("198.51.100.7"))
    assert (
        login(client, "enschede.editor", PASSWORD, **behind_proxy("198.51.100.7")).status_code
        == 429
    )
    response = login(client, "enschede.editor", PASSWORD, **behind_proxy("203.0.113.20"))
    assert response.status_code == 302
    assert AccessAttempt.objects.filter(ip_address="198.51.100.7").exists()


def test_behind_a_proxy_a_forged_forwarded_header_does_not_dodge_the_lockout(
    client, enschede_editor, settings
):
    settings.PROXY_COUNT = 1
    for number in range(5):
        # The client sends its own X-Forwarded-For; the proxy appends the real address.
        login(client, "enschede.editor", "wrong", **behind_proxy(f"1.2.3.{number}, 198.51.100.7"))
    response = login(client, "enschede.editor", PASSWORD, **behind_proxy("9.9.9.9, 198.51.100.7"))
    assert response.status_code == 429


def test_without_a_proxy_the_forwarded_header_is_ignored(client, enschede_editor, settings):
    settings.PROXY_COUNT = 0
    for number in range(5):
        login(client, "enschede.editor", "wrong", HTTP_X_FORWARDED_FOR=f"1.2.3.{number}")
    assert login(client, "enschede.editor", PASSWORD).status_code == 429


def test_the_proxy_count_is_read_from_the_environment():
    from .test_settings import manage

    shown = "from django.conf import settings; print(settings.PROXY_COUNT)"
    result = manage("shell", "-v", "0", "-c", shown, DEBUG="True", PROXY_COUNT="2")
    assert result.stdout.split()[-1] == "2", result.stderr


# --- 4. Long login names ----------------------------------------------------------


@pytest.mark.parametrize("length", [151, 255, 256, 300, 5000])
def test_a_login_name_of_any_length_gets_the_normal_error(client, enschede_editor, length):
    response = login(client, "a" * length, "wrong")
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


@pytest.mark.parametrize("length", [256, 1000])
def test_a_long_login_name_in_the_admin_login_does_not_break_the_lockout_records(
    client, db, length
):
    response = client.post(reverse("admin:login"), {"username": "b" * length, "password": "x"})
    assert response.status_code == 200
    assert all(len(a.username) <= 255 for a in AccessAttempt.objects.all())


# --- 5. Password reset: no timing difference, limited -------------------------------


def test_the_reset_mail_is_sent_after_the_response(rf, enschede_editor):
    from toolbox_site.views.accounts import PasswordResetView

    request = rf.post(reverse("password_reset"), {"email": "enschede.editor@example.org"})
    request.session = {}
    request._dont_enforce_csrf_checks = True
    response = PasswordResetView.as_view()(request)
    assert response.status_code == 302
    assert mail.outbox == []  # not inside the request
    response.close()  # what the server does once the response is sent
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["enschede.editor@example.org"]


def test_a_reset_takes_as_long_for_a_known_as_for_an_unknown_address(
    rf, enschede_editor, monkeypatch
):
    # Sending is slow, as with an SMTP server: the response must not wait for it.
    from django.core.mail.backends.locmem import EmailBackend

    from toolbox_site.views.accounts import PasswordResetView

    original = EmailBackend.send_messages

    def slow_send(self, messages):
        time.sleep(0.3)
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow_send)
    timings, responses = {}, []
    for email in ("enschede.editor@example.org", "niemand@example.org"):
        request = rf.post(reverse("password_reset"), {"email": email})
        request.session = {}
        request._dont_enforce_csrf_checks = True
        started = time.perf_counter()
        responses.append(PasswordResetView.as_view()(request))
        timings[email] = time.perf_counter() - started
    assert timings["enschede.editor@example.org"] < 0.25
    assert abs(timings["enschede.editor@example.org"] - timings["niemand@example.org"]) < 0.2
    for response in responses:
        response.close()
    assert len(mail.outbox) == 1


def test_reset_mails_to_one_address_are_limited(client, enschede_editor, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
    for number in range(6):
        response = client.post(
            reverse("password_reset"),
            {"email": "Enschede.Editor@example.org"},
            REMOTE_ADDR=f"192.0.2.{number}",
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 3


def test_reset_requests_from_one_client_are_limited(client, db, settings):
    from ..factories import make_user

    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 4
    users = [make_user(f"lid{number}") for number in range(6)]
    for user in users:
        response = client.post(reverse("password_reset"), {"email": user.email})
        assert response.status_code == 302
    assert len(mail.outbox) == 4


# --- 6. A completed reset lifts the lockout -----------------------------------------


def reset_link(client, email):
    client.post(reverse("password_reset"), {"email": email})
    return re.search(r"https?://[^/]+(/\S+)", mail.outbox[-1].body).group(1)


def test_a_completed_password_reset_lifts_the_lockout(client, enschede_editor):
    for _ in range(5):
        login(client, "enschede.editor", "wrong")
    assert login(client, "enschede.editor", PASSWORD).status_code == 429
    response = client.get(reset_link(client, "enschede.editor@example.org"), follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "een nieuw lang wachtwoord"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert login(client, "enschede.editor", new).status_code == 302


# --- 7. Wrong old passwords count like failed logins --------------------------------


def change_password(client, old):
    new = "een nieuw en lang wachtwoord"
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_wrong_old_passwords_lock_the_password_change_form(client, enschede_editor):
    client.force_login(enschede_editor)
    for _ in range(4):
        response = change_password(client, "geraden")
        assert response.status_code == 200
        assert "Uw oude wachtwoord is niet juist ingevoerd" in response.content.decode()
    assert change_password(client, "geraden").status_code == 429
    # Locked: even the right old password does not work now, nor logging in.
    assert change_password(client, PASSWORD).status_code == 429
    enschede_editor.refresh_from_db()
    assert enschede_editor.check_password(PASSWORD)
    client.logout()
    assert login(client, "enschede.editor", PASSWORD).status_code == 429


def test_the_right_old_password_changes_it(client, enschede_editor):
    client.force_login(enschede_editor)
    assert change_password(client, PASSWORD).status_code == 302
    user = get_user_model().objects.get(pk=enschede_editor.pk)
    assert user.check_password("een nieuw en lang wachtwoord")


def test_the_admin_s_password_change_is_ours_which_counts_wrong_passwords(client, coordinator):
    client.force_login(coordinator)
    for method in (client.get, client.post):
        response = method(reverse("admin:password_change"))
        assert response.status_code == 302
        assert response["Location"] == reverse("password_change")
