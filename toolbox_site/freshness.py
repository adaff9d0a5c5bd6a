"""Data versions for cached page fragments.

A page whose data part is expensive wraps it in ``{% cache %}`` with the
versions of the apps it shows in the key::

    {% cache 3600 network-map versions LANGUAGE_CODE municipality.pk request.get_full_path %}

and hands the template its data as a lazy object, so a cache hit runs no query
beyond the one that reads the versions. Every save, delete and many-to-many
change of an app's models raises the app's version once the transaction
commits (after the commit: no lock is held on the counter while the
transaction runs, so concurrent writers never deadlock on it). Code that
writes with ``bulk_create``, ``bulk_update`` or ``QuerySet.update`` sends no
signals and calls :func:`changed` itself.

The counters live in the database, so the cache may be per process (the
default local-memory cache): a key built from an old version is simply never
asked for again and ages out.
"""

import threading

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

# The apps whose data public and dashboard pages show (and django.contrib.auth, counted
# as toolbox_site).
APPS = ("toolbox_site", "network", "finder", "criteria", "monitoring")
# Logs and bookkeeping, written often (a finder search on every search), shown on
# no cached page.
IGNORED = {
    "toolbox_site.auditevent",
    "toolbox_site.dataversion",
    "finder.findersearch",
    "network.verificationreminder",
    "network.serviceimport",
    "monitoring.remindersent",
}
# Raise versions once the transaction commits. The test suite runs every test
# inside a transaction that never commits, so it raises them at once instead
# (tests/conftest.py); tests/toolbox_site/test_freshness.py covers both.
DEFER = True
# A cached fragment's lifetime in seconds: a safety net only, the versions decide.
TIMEOUT = 3600


_request = threading.local()


class VersionsMiddleware:
    """Read the versions once per GET or HEAD request, however many parts of the
    page ask (the user, the access, the regions and the page's own fragments)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.memo = {} if request.method in ("GET", "HEAD") else None
        try:
            return self.get_response(request)
        finally:
            _request.memo = None


def _counters():
    """The model of the counters (toolbox_site.models.DataVersion), from the app
    registry: the models' querysets ask the user's access, which asks this module,
    so this module imports no model."""
    return apps.get_model("toolbox_site", "DataVersion")


def _numbers(names):
    DataVersion = _counters()
    memo = getattr(_request, "memo", None)
    if memo is None:  # outside a GET request: read them now
        return dict(DataVersion.objects.filter(name__in=names).values_list("name", "number"))
    if "" not in memo:  # the first ask of this request reads every app's (one query)
        memo.update(DataVersion.objects.values_list("name", "number"))
        memo[""] = True
    return memo


def versions(*names):
    """The current versions of the named apps as one cache-key part (one query,
    and none more in the same GET request)."""
    numbers = _numbers(names)
    return "-".join(f"{name}.{numbers.get(name, 0)}" for name in names)


def cached(key, build):
    """``build()``, or its copy cached under ``key`` (which must hold the versions).
    None is kept too (an unknown object stays unknown until the data changes)."""
    found = cache.get(key)
    if found is None:
        found = (build(),)
        cache.set(key, found, TIMEOUT)
    return found[0]


def bump(name):
    DataVersion = _counters()
    if not DataVersion.objects.filter(name=name).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(name=name, defaults={"number": 1})


def changed(name, using=None):
    """The app's data changed: raise its version when the transaction commits.

    Once per app and transaction, however many rows change (a cascading
    delete of a report's values sends a signal per value)."""
    if not DEFER:
        bump(name)
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        bump(name)
        return
    pending = connection.__dict__.setdefault("freshness_pending", {})
    callback = pending.get(name)
    # Still queued for this transaction? (After a rollback Django drops the queue.)
    if callback is not None and any(hook is callback for _, hook, _ in connection.run_on_commit):
        return

    def callback():
        pending.pop(name, None)
        bump(name)

    pending[name] = callback
    transaction.on_commit(callback, using=using)


def _version_of(model):
    # Accounts, groups and permissions belong with the organizations: the users are
    # cached under that version (toolbox_site/backends.py), and their names are shown.
    label = model._meta.app_label
    return "toolbox_site" if label == "auth" else label


def _on_change(sender, using=None, **kwargs):
    changed(_version_of(sender), using=using)


def _on_m2m(sender, action, using=None, **kwargs):
    if action.startswith("post_"):
        changed(_version_of(sender), using=using)


def _on_save(sender, using=None, update_fields=None, **kwargs):
    # A login writes last_login: no page shows it.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    changed(_version_of(sender), using=using)


def connect():
    for label in (*APPS, "auth"):
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in IGNORED or model.__name__.startswith("Historical"):
                continue
            post_save.connect(_on_save, sender=model, dispatch_uid=f"freshness-save-{model}")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"freshness-del-{model}")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _on_m2m, sender=field.remote_field.through, dispatch_uid=f"freshness-{field}"
                )
