"""The session engine: Django's database sessions, read together with the account.

Every logged-in request reads its session, then the account with its memberships
(toolbox_site/backends.py): two queries before the page starts. Here the session row
names its account (``Session.user``, toolbox_site/models.py), so loading the session
reads the account and its memberships in the same query, and the authentication
backend takes them from there instead of asking again.

What the backend is handed is this request's: the store that loaded last in this
thread is remembered only until the request ends, the account is handed over once,
and only for the account the session names. Django still checks the session's
password hash and the backend whether the account may log in, as before.
"""

import datetime
import functools
import logging
from contextvars import ContextVar

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.core.signals import request_finished
from django.db import connections, router
from django.utils import timezone

from .access import MEMBERSHIP_FIELDS
from .models import Session

_loaded = ContextVar("toolbox_session_loaded", default=None)


@functools.cache
def account_fields():
    """The account's columns as the backend reads them (the primary key first); worked
    out once, as every logged-in request asks."""
    User = get_user_model()
    others = [field.attname for field in User._meta.concrete_fields if not field.primary_key]
    return (User._meta.pk.attname, *others)


@functools.cache
def account_columns(prefix=""):
    """The columns of an account row and its memberships (one row per membership)."""
    return (
        *(f"{prefix}{name}" for name in account_fields()),
        *(f"{prefix}memberships__{name}" for name in MEMBERSHIP_FIELDS),
    )


class Statement:
    """The session's query, with its account and memberships, as the ORM writes it.

    Every logged-in request sends it, and the ORM took longer to build it than the
    database to answer (0.4 ms against 0.2), so it is built once per process and
    database; a request sends it with its own session key and time. The rows go
    through the ORM's converters, as a queryset's do.
    """

    KEY = "session-key"  # stand-ins, to find each value's place among the parameters
    NOW = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)

    def __init__(self, alias):
        self.alias = alias
        self.expire_date = Session._meta.get_field("expire_date")
        queryset = (
            Session.objects.using(alias)
            .filter(session_key=self.KEY, expire_date__gt=self.NOW)
            .values_list("session_data", *account_columns("user__"))
        )
        self.compiler = queryset.query.get_compiler(using=alias)
        self.sql, params = self.compiler.as_sql()
        now = self.expire_date.get_db_prep_value(self.NOW, connections[alias])
        self.key_first = list(params) == [self.KEY, now]
        if not self.key_first and list(params) != [now, self.KEY]:
            raise ValueError(f"Unexpected parameters of the session query: {params!r}")

    def rows(self, session_key, now):
        connection = connections[self.alias]
        now = self.expire_date.get_db_prep_value(now, connection)
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [session_key, now] if self.key_first else [now, session_key])
            found = cursor.fetchall()
        return list(self.compiler.results_iter([found], tuple_expected=True))


@functools.cache
def statement(alias):
    return Statement(alias)


class SessionStore(db.SessionStore):
    _account_rows = None  # the account and memberships read with the session

    @classmethod
    def get_model_class(cls):
        return Session

    def load(self):
        self._account_rows = None
        try:
            alias = router.db_for_read(Session)
            rows = statement(alias).rows(self.session_key, timezone.now())
        except SuspiciousOperation as error:  # as Django's store: logged, no session
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            rows = []
        if not rows:
            self._session_key = None
            return {}
        # The account's columns are all empty when the session names none, or one
        # that is gone (its primary key comes from the session's own column).
        account = rows[0][2 : 1 + len(account_fields())]
        if any(value is not None for value in account):
            self._account_rows = [row[1:] for row in rows]
            _loaded.set(self)
        return self.decode(rows[0][0])

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = get_user_model()._meta.pk.to_python(data.get(SESSION_KEY))
        except ValidationError:
            session.user_id = None
        return session


def account_rows(user_id):
    """The rows of ``user_id``'s account and memberships that this request's session
    read with it (see the module's text), or None: then the backend asks."""
    store = _loaded.get()
    rows = getattr(store, "_account_rows", None)
    if not rows or rows[0][0] != user_id:
        return None
    store._account_rows = None
    return rows


def _forget(**kwargs):
    _loaded.set(None)


request_finished.connect(_forget, dispatch_uid="toolbox-session-forget")
