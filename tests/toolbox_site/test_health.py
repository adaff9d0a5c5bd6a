import sqlite3
import time

from django.db.utils import OperationalError
from django.urls import reverse


def test_it_reports_a_healthy_database(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_answers_503_when_the_database_is_down(client, db, monkeypatch):
    class DownDatabase:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("toolbox_site.views.pages.connection", DownDatabase())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert "no-cache" in response["Cache-Control"]


def test_the_health_check_is_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


def test_a_load_balancer_may_ask_with_head(client, db):
    response = client.head(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b""


def sqlite_wrapper(path):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    return DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {},
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
        }
    )


def test_a_locked_sqlite_database_is_reported_unhealthy(db, tmp_path):
    from toolbox_site.views.pages import database_is_healthy

    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    probe = sqlite_wrapper(path)
    try:
        assert database_is_healthy(probe)
        holder.execute("BEGIN EXCLUSIVE")  # a stuck writer
        started = time.perf_counter()
        assert not database_is_healthy(probe)
        assert time.perf_counter() - started < 3
        holder.execute("ROLLBACK")
        assert database_is_healthy(probe)
    finally:
        probe.close()
        holder.close()
