"""The session engine (toolbox_site/sessions.py): the session read with its account
and memberships in one query, handed to the backend once, for that account only,
and never kept past the request. Logging in and out, a deactivated or deleted
account and a changed membership behave as with Django's own engine."""

import datetime

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session as OldSession
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, make_user
from toolbox_site import sessions
from toolbox_site.access import access_for
from toolbox_site.backends import AccountBackend
from toolbox_site.models import Membership, Session


def log_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return Session.objects.get(session_key=client.session.session_key)


def account_page(client):
    return client.get(reverse("account"))


def assert_sent_to_login(response):
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.django_db
def test_a_session_names_its_account_from_login_to_logout(client, enschede):
    user = make_user("sessie.gebruiker", enschede)
    session = log_in(client, user)
    assert session.user_id == user.pk
    client.post(reverse("logout"))
    assert not Session.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_a_logged_in_request_reads_session_account_and_access_in_one_query(
    client, enschede, django_assert_num_queries
):
    user = make_user("sessie.gebruiker", enschede, Membership.Role.EDITOR)
    key = log_in(client, user).session_key
    request = RequestFactory().get("/")
    request.session = sessions.SessionStore(key)
    backend = AccountBackend()
    with django_assert_num_queries(1):
        user_id = int(request.session[SESSION_KEY])
        found = backend.get_user(user_id)
        assert access_for(found).roles == {enschede.pk: Membership.Role.EDITOR}
    assert found == user
    # Handed over once: asking again reads the account itself.
    with django_assert_num_queries(1):
        assert backend.get_user(user_id) == user


@pytest.mark.django_db
def test_the_rows_go_only_to_the_account_the_session_names(client, enschede):
    user = make_user("sessie.gebruiker", enschede)
    other = make_user("iemand.anders", enschede)
    store = sessions.SessionStore(log_in(client, user).session_key)
    store.load()
    assert sessions.account_rows(other.pk) is None
    assert sessions.account_rows(user.pk)[0][0] == user.pk


@pytest.mark.django_db
def test_the_statement_built_once_reads_what_the_orm_reads(client, enschede, hengelo):
    user = make_user("sessie.gebruiker", enschede, Membership.Role.EDITOR)
    Membership.objects.create(user=user, organization=hengelo, role=Membership.Role.VIEWER)
    key = log_in(client, user).session_key
    user.refresh_from_db()
    assert user.last_login is not None
    now = timezone.now()
    statement = sessions.statement(connection.alias)
    expected = list(
        Session.objects.filter(session_key=key, expire_date__gt=now)
        .values_list("session_data", *sessions.account_columns("user__"))
        .order_by("user__memberships__organization_id")
    )
    rows = sorted(statement.rows(key, now), key=lambda row: row[-4])
    assert rows == expected and len(rows) == 2
    # The same types as the ORM's (on SQLite the converters make them so).
    fields = sessions.account_fields()
    assert rows[0][1 + fields.index("last_login")] == user.last_login
    assert rows[0][1 + fields.index("is_active")] is True
    # Expired, unknown or odd keys read nothing.
    assert statement.rows(key, now + datetime.timedelta(weeks=1000)) == []
    for other in ("", "x" * 40, "x" * 400, "' OR 1=1 --"):
        assert statement.rows(other, now) == []


@pytest.mark.django_db
def test_nothing_is_kept_after_the_request(client, enschede):
    user = make_user("sessie.gebruiker", enschede)
    log_in(client, user)
    assert account_page(client).status_code == 200
    assert sessions.account_rows(user.pk) is None


@pytest.mark.django_db
def test_a_changed_membership_shows_at_the_next_request(client, enschede, hengelo):
    user = make_user("sessie.gebruiker", enschede, Membership.Role.VIEWER)
    log_in(client, user)
    assert account_page(client).context["user"]._toolbox_access.roles == {
        enschede.pk: Membership.Role.VIEWER
    }
    Membership.objects.filter(user=user).update(role=Membership.Role.EDITOR)
    Membership.objects.create(user=user, organization=hengelo, role=Membership.Role.VIEWER)
    assert account_page(client).context["user"]._toolbox_access.roles == {
        enschede.pk: Membership.Role.EDITOR,
        hengelo.pk: Membership.Role.VIEWER,
    }


@pytest.mark.django_db
def test_a_deactivated_account_is_logged_out_at_the_next_request(client, enschede):
    user = make_user("sessie.gebruiker", enschede)
    log_in(client, user)
    user.is_active = False
    user.save()
    assert_sent_to_login(account_page(client))


@pytest.mark.django_db
def test_a_deleted_account_takes_its_sessions_and_a_stray_session_is_anonymous(client, enschede):
    user = make_user("sessie.gebruiker", enschede)
    session = log_in(client, user)
    user.delete()
    assert not Session.objects.filter(pk=session.pk).exists()
    # A session that still names an account that is gone (saved during the deletion):
    # no database constraint refuses it, and it logs nobody in.
    session.save()
    assert_sent_to_login(account_page(client))


@pytest.mark.django_db
def test_a_password_change_elsewhere_ends_this_session(client, enschede):
    user = make_user("sessie.gebruiker", enschede)
    log_in(client, user)
    user.set_password("een ander wachtwoord dat lang genoeg is")
    user.save()
    assert_sent_to_login(account_page(client))


@pytest.mark.upgrade
@pytest.mark.django_db(transaction=True)
def test_the_upgrade_keeps_the_open_sessions_with_their_accounts(enschede):
    """Migration 0005 moves Django's open sessions to the new table: nobody is
    logged out by the upgrade, and a session's account is recorded."""
    user = make_user("sessie.gebruiker", enschede)
    store = SessionBase()
    executor = MigrationExecutor(connection)
    executor.migrate([("toolbox_site", "0004_phone_and_contact_checks")])
    try:
        now = timezone.now()
        later, earlier = now + datetime.timedelta(days=1), now - datetime.timedelta(days=1)
        OldSession.objects.bulk_create(
            [
                OldSession("ingelogd", store.encode({SESSION_KEY: str(user.pk)}), later),
                OldSession("anoniem", store.encode({"taal": "nl"}), later),
                OldSession("verlopen", store.encode({SESSION_KEY: str(user.pk)}), earlier),
                OldSession("kapot", "geen geldige sessie", later),
                OldSession("verdwenen", store.encode({SESSION_KEY: "987654"}), later),
            ]
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    moved = dict(Session.objects.values_list("session_key", "user_id"))
    assert moved == {"ingelogd": user.pk, "anoniem": None, "kapot": None, "verdwenen": None}
