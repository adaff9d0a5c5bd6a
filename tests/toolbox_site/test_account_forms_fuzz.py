"""Arbitrary input on the account forms: never a server error, never a partial change.

Runs on PostgreSQL in CI too (NUL characters, long values).
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from ..factories import PASSWORD

text = st.text(max_size=400)


def fields(*names):
    return st.dictionaries(st.sampled_from([*names, "extra"]), text)


def snapshot(user):
    return (
        get_user_model()
        .objects.values("first_name", "last_name", "email", "password")
        .get(pk=user.pk)
    )


@pytest.mark.django_db
@given(data=fields("first_name", "last_name", "email", "current_password"))
def test_the_profile_form_survives_anything(client, cast, data):
    user = cast["enschede.viewer"]
    client.force_login(user)
    before = snapshot(user)
    response = client.post(reverse("profile_edit"), data)
    assert response.status_code in (200, 302, 400, 429)
    if response.status_code != 302:
        assert snapshot(user) == before


@pytest.mark.django_db
@given(data=fields("old_password", "new_password1", "new_password2"))
def test_the_password_change_form_survives_anything(client, cast, data):
    user = cast["enschede.editor"]
    client.force_login(user)
    before = snapshot(user)
    response = client.post(reverse("password_change"), data)
    assert response.status_code in (200, 302, 400, 429)
    if response.status_code != 302:
        assert snapshot(user) == before


@pytest.mark.django_db
@given(data=fields("username", "password"))
def test_the_login_form_survives_anything(client, cast, data):
    response = client.post(reverse("login"), data)
    assert response.status_code in (200, 302, 400, 429)


@pytest.mark.django_db
@given(data=fields("email"))
def test_the_password_reset_form_survives_anything(client, cast, data):
    response = client.post(reverse("password_reset"), data)
    assert response.status_code in (200, 302, 400)
    assert get_user_model().objects.get(username="enschede.editor").check_password(PASSWORD)
