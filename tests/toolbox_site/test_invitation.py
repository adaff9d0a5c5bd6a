"""A coordinator invites a new colleague; the colleague chooses a password through a link."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from toolbox_site.models import AuditEvent, Membership
from toolbox_site.tokens import invitation_token_generator

URL = reverse("organization_invite", kwargs={"slug": "enschede"})


def invite(client, **fields):
    data = {
        "first_name": "Sanne",
        "last_name": "de Vries",
        "email": "S.deVries@enschede.example",
        "role": "editor",
        **fields,
    }
    return client.post(URL, data)


def link_in(message):
    return re.search(r"https?://[^/]+(/\S+)", message.body).group(1)


def test_the_coordinator_invites_a_colleague_with_a_one_time_link(client, coordinator, enschede):
    client.force_login(coordinator)
    assert client.get(URL).status_code == 200
    response = invite(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="s.devries@enschede.example")
    assert user.username == "s.devries@enschede.example"
    assert user.get_full_name() == "Sanne de Vries"
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).organization == enschede
    assert Membership.objects.get(user=user).role == "editor"
    event = AuditEvent.objects.get()
    assert (event.action, event.user, event.organization) == (
        "toolbox_site.membership.invited",
        coordinator,
        enschede,
    )
    assert event.data["username"] == "s.devries@enschede.example"

    (message,) = mail.outbox
    assert message.to == ["s.devries@enschede.example"]
    assert "Enschede" in message.subject
    assert "s.devries@enschede.example" in message.body
    assert "7 dagen" in message.body

    client.logout()
    response = client.get(link_in(message), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    password = "een eigen lang wachtwoord"
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(password)
    # One time only.
    again = client.get(link_in(message), follow=True).content.decode()
    assert "niet meer geldig" in again
    response = client.post(
        reverse("login"), {"username": "s.devries@enschede.example", "password": password}
    )
    assert response.status_code == 302


def test_an_existing_e_mail_address_gets_a_clear_error(client, coordinator, enschede_editor):
    client.force_login(coordinator)
    response = invite(client, email="ENSCHEDE.editor@example.org")
    assert response.status_code == 200
    assert "Er bestaat al een account met dit e-mailadres." in response.content.decode()
    assert mail.outbox == []
    assert not AuditEvent.objects.exists()


def test_the_invitation_link_expires_after_the_configured_days(coordinator, settings):
    settings.INVITATION_TIMEOUT_DAYS = 7
    user = get_user_model().objects.create_user("nieuw", "nieuw@example.org")
    token = invitation_token_generator.make_token(user)
    now = invitation_token_generator._now()
    with mock.patch.object(
        type(invitation_token_generator), "_now", return_value=now + timedelta(days=6)
    ):
        assert invitation_token_generator.check_token(user, token)
    with mock.patch.object(
        type(invitation_token_generator), "_now", return_value=now + timedelta(days=8)
    ):
        assert not invitation_token_generator.check_token(user, token)


def test_an_invitation_link_is_no_password_reset_link_and_the_other_way_round(db):
    from django.contrib.auth.tokens import default_token_generator

    user = get_user_model().objects.create_user("nieuw", "nieuw@example.org")
    assert not default_token_generator.check_token(
        user, invitation_token_generator.make_token(user)
    )
    assert not invitation_token_generator.check_token(
        user, default_token_generator.make_token(user)
    )


def test_the_coordinator_role_is_offered_only_for_the_region_team(client, coordinator, enschede):
    client.force_login(coordinator)
    assert 'value="coordinator"' not in client.get(URL).content.decode()
    response = invite(client, role="coordinator")
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="s.devries@enschede.example").exists()
    team = reverse("organization_invite", kwargs={"slug": "ggd-twente"})
    assert 'value="coordinator"' in client.get(team).content.decode()


def test_an_editor_of_the_organization_may_not_invite(client, enschede_editor, enschede):
    client.force_login(enschede_editor)
    assert client.get(URL).status_code == 403
    assert invite(client).status_code == 403


@pytest.mark.django_db
@given(
    data=st.dictionaries(
        st.sampled_from(["first_name", "last_name", "email", "role", "extra"]),
        st.text(max_size=300),
    )
)
def test_arbitrary_input_never_gives_a_server_error_or_a_partial_account(client, cast, data):
    client.force_login(cast["twente.coordinator"])
    users_before = get_user_model().objects.count()
    response = client.post(URL, data)
    assert response.status_code in (200, 302, 400)
    if response.status_code != 302:
        assert get_user_model().objects.count() == users_before
        assert not AuditEvent.objects.filter(action="toolbox_site.membership.invited").exists()
    else:
        assert not get_user_model().objects.filter(memberships__isnull=True).exists()
