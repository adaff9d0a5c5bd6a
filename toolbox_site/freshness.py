"""The one way to cache: page parts kept under the versions of the data they show.

A view names a part of its page and the data under it::

    part = freshness.part("network-map", "network", "toolbox_site",
                          municipality=municipality, request=request)

(an app's pages name their data once: ``page_part = freshness.parts_for("network",
"toolbox_site")``, then ``page_part("map", request, municipality=municipality)``)
and the template wraps the expensive markup in ``{% cached part %}…{% endcached %}``
(``{% load freshness %}``), handing it the data as a lazy object, so a hit runs no
query beyond the one that reads the versions. Python code asks
``freshness.cached(part, build)``. The key is built here and nowhere else: it always
holds the versions, the language and the day, and with ``request`` the visitor's
scope (which organizations' data they see) and the full path with its query string.
``vary`` adds what else the part depends on.

**Versions follow the data's scope.** Every save, delete and many-to-many change of
a model raises, once its transaction commits, counters of its app:

- ``network`` — every change (the national pages, such as the HSDS list);
- ``network@r12`` — a change of data of region 12 or one of its municipalities;
- ``network@w12`` — a change of data of region 12 that belongs to no single
  municipality (the region's framework, a regional organization);
- ``network@m345`` — a change of data of municipality 345;
- ``network@*`` — a change whose scope is not known (reference data such as roles).

A model says where its data belongs with ``data_scope`` (toolbox_site/data_scope.py):
paths to the organizations or regions that own or use a row, such as
``("owning_organization", "municipalities")``.
A region's page reads ``@*`` and ``@r<region>``; a municipality's page ``@*``,
``@w<region>`` and ``@m<municipality>``; so a write in Enschede leaves Achterhoek's
pages, and Hengelo's municipal pages, warm. The scope is read before a save or
delete (where the row was) and after (where it is now). Code that writes with
``bulk_create``, ``bulk_update`` or ``QuerySet.update`` sends no signals and calls
:func:`changed` itself, with the objects it changed.

The counters live in the database, one row a scope with a column per app
(``ScopeVersions``: ``all``, ``*``, ``r12``, ``w12``, ``m345``), so a page reads its few
scopes by primary key, and the cache may be per process (the local-memory default) or
shared (Redis, ``CACHE_URL``): a key built from an old version is simply never asked
for again and ages out.
"""

import hashlib
import threading
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F, Subquery
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.template import Node, TemplateSyntaxError
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import data_scope
from .access import access_for
from .choices import OrganizationKind
from .permissions import visibility_key

# The apps whose data the pages show (and django.contrib.auth, counted as toolbox_site).
APPS = (
    "toolbox_site",
    "network",
    "finder",
    "criteria",
    "monitoring",
    "glossary",
    "municipalities",
    "documents",
    "practice",
)
# Logs and bookkeeping, written often (a finder search on every search), shown on
# no cached page.
IGNORED = {
    "toolbox_site.auditevent",
    "toolbox_site.scopeversions",
    "toolbox_site.session",
    "toolbox_site.visit",
    "finder.findersearch",
    "finder.searchtally",
    "network.verificationreminder",
    "network.serviceimport",
    "monitoring.remindersent",
}
# Raise versions once the transaction commits. The test suite runs every test
# inside a transaction that never commits, so it raises them at the next read of the
# versions instead (tests/conftest.py): a test's writes show at its next request, and
# a fixture's thousand saves raise each counter once. tests/toolbox_site/test_freshness.py
# covers both.
DEFER = True
# Without DEFER: the counters to raise at the next read, and the lookups made since.
_unraised = set()
_lookups = {}
# A part's lifetime in seconds: a safety net only, the versions decide.
TIMEOUT = 3600
# The cache alias of page parts (rate limits have their own, "limits").
ALIAS = "default"
UNSCOPED = "*"
NATIONAL = "all"  # the scope of the counters that every change raises


_request = threading.local()


class VersionsMiddleware:
    """Read each version once per GET or HEAD request, however many parts of the
    page ask."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.request = request
        _request.memo = {} if request.method in ("GET", "HEAD") else None
        try:
            return self.get_response(request)
        finally:
            _request.memo = _request.request = None


# --- Reading versions ----------------------------------------------------------------------


def _counters():
    """The model of the counters (toolbox_site.models.ScopeVersions), from the app
    registry: the models' querysets ask the user's access, so this module imports
    no model."""
    return apps.get_model("toolbox_site", "ScopeVersions")


def _scope(name):
    """The scope of a counter's name: ``network@r12`` → ``r12``, ``network`` → ``all``."""
    return name.partition("@")[2] or NATIONAL


def _name(app, scope):
    return app if scope == NATIONAL else f"{app}@{scope}"


def flush():
    """Without DEFER (the test suite): raise the counters written since the last read."""
    if _unraised:
        _bump(set(_unraised))
        _unraised.clear()
        _lookups.clear()


def _numbers(names):
    """The counters named (one query for those not yet read in this request)."""
    flush()
    memo = getattr(_request, "memo", None)
    if memo is None:
        memo = {}
    missing = [name for name in names if name not in memo]
    if missing:
        scopes = {_scope(name) for name in missing}
        if not memo:
            scopes = _first_read(scopes)
        found = dict.fromkeys(scopes, (0,) * len(APPS))
        found.update(
            (row[0], row[1:])
            for row in _counters().objects.filter(scope__in=scopes).values_list("scope", *APPS)
        )
        for scope, numbers in found.items():
            pairs = zip(APPS, numbers, strict=True)
            memo.update((_name(app, scope), number) for app, number in pairs)
    return memo


def _first_read(scopes):
    """The scopes a request's first read takes, so that it is most often its only one:
    those asked, the national and shared ones, and those of the visitor's own
    municipalities and regions (the pages they see most, and the notices on every page
    they see). Each row holds every app's counter."""
    scopes = set(scopes) | {NATIONAL, UNSCOPED}
    for scope in list(scopes):
        if scope[0] in "rw":  # a region's pages and its municipalities' share data
            scopes |= {f"r{scope[1:]}", f"w{scope[1:]}"}
    # The visitor only if the request has read them already (Django's authentication
    # middleware keeps them there): the finder never touches the session.
    user = getattr(getattr(_request, "request", None), "_cached_user", None)
    if user is not None and user.is_authenticated:
        access = access_for(user)
        scopes |= {f"m{pk}" for pk in access.municipalities}
        for region_id in access.member_regions | access.coordinated_regions:
            scopes |= {f"r{region_id}", f"w{region_id}"}
    return sorted(scopes)


def counter_names(app, region=None, municipality=None, shared=False):
    """The counters a page of ``app``'s data in this scope depends on."""
    if shared:  # only data that belongs to no region (life situations, roles, names)
        return [f"{app}@{UNSCOPED}"]
    if municipality is not None and municipality.kind != OrganizationKind.MUNICIPALITY:
        region = municipality.region_id  # the care office, a region team: their region's
    elif municipality is not None:
        return [
            f"{app}@{UNSCOPED}",
            f"{app}@w{municipality.region_id}",
            f"{app}@m{municipality.pk}",
        ]
    if region is not None:
        region_id = getattr(region, "pk", region)
        return [f"{app}@{UNSCOPED}", f"{app}@r{region_id}"]
    return [app]


def versions(*app_names, region=None, municipality=None, shared=False):
    """The versions of the named apps' data in a scope, as one key part: the whole
    country, one region, one municipality (with its region's own data), or only the
    data that belongs to no region (``shared``)."""
    names = [name for app in app_names for name in counter_names(app, region, municipality, shared)]
    numbers = _numbers(names)
    return "-".join(f"{name}.{numbers.get(name, 0)}" for name in names)


# --- Keys and cached parts -----------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A cached part of a page: its key, built by :func:`part`."""

    key: str


def part(name, *app_names, region=None, municipality=None, shared=False, request=None, vary=()):
    """The key of the part ``name`` that shows ``app_names``' data in a scope.

    Always in the key: the versions, the language and today's date. With
    ``request``: what the visitor may see and the full path (query parameters).
    ``vary``: anything else the part depends on."""
    bits = [
        versions(*app_names, region=region, municipality=municipality, shared=shared),
        get_language() or "",
        timezone.localdate().isoformat(),
    ]
    if request is not None:
        bits += [visibility_key(request.user), request.get_full_path()]
    bits += [str(value) for value in vary]
    return Part(_key("part", name, bits))


def _key(kind, name, bits):
    """The cache key of every kept thing: its kind, its name and a digest of what
    it depends on."""
    digest = hashlib.sha256("\x1f".join(str(bit) for bit in bits).encode()).hexdigest()
    return f"{kind}:{name}:{digest}"


def parts_for(app, *other_apps):
    """The part function of one app's pages, which names the app's data once:
    ``parts_for("network", "toolbox_site")("map", region=…)`` is
    ``part("network-map", "network", "toolbox_site", region=…)``."""

    def page_part(name, request=None, region=None, municipality=None, vary=(), shared=False):
        return part(
            f"{app}-{name}",
            app,
            *other_apps,
            region=region,
            municipality=municipality,
            shared=shared,
            request=request,
            vary=vary,
        )

    return page_part


def cached(part, build):
    """``build()``, or its copy kept under ``part``. None is kept too (an unknown
    object stays unknown until the data changes)."""
    cache = caches[ALIAS]
    found = cache.get(part.key)
    if found is None:
        found = (build(),)
        cache.set(part.key, found, TIMEOUT)
    return found[0]


def cached_row(name, queryset, scope, *key):
    """The one row of ``queryset`` (None if there is none), kept under ``name`` and
    ``key`` until its app's unscoped counter goes up: for the organization named in an
    address, which a page needs before it knows which versions to read.

    Only for models every change of which raises that counter (organizations and
    regions, toolbox_site/data_scope.py). The row is read together with the counter,
    in one statement, so a copy never holds older data than its counter says. A kept
    copy is checked in the page's first read of the versions, which then also takes
    those of the row's own scope (``scope(row)``: the keywords of
    :func:`counter_names`), the ones the page reads next. Nothing is kept for None.
    """
    app = queryset.model._meta.app_label
    guard = f"{app}@{UNSCOPED}"
    cache = caches[ALIAS]
    cache_key = _key("row", name, key)
    found = cache.get(cache_key)
    if found is not None:
        row, number = found
        if _numbers([guard, *counter_names(app, **scope(row))])[guard] == number:
            return row
    flush()
    counter = _counters().objects.filter(scope=UNSCOPED).values(app)
    row = queryset.annotate(freshness_guard=Subquery(counter)).first()
    if row is not None:
        cache.set(cache_key, (row, row.freshness_guard or 0), TIMEOUT)
    return row


class CachedNode(Node):
    """``{% cached part %}…{% endcached %}``: the markup kept under ``part``; rendered
    every time when ``part`` is empty (a bound form, a page that must not be kept)."""

    def __init__(self, nodelist, part):
        self.nodelist = nodelist
        self.part = part

    def render(self, context):
        found = self.part.resolve(context)
        if not found:
            return self.nodelist.render(context)
        if not isinstance(found, Part):
            raise TemplateSyntaxError("{% cached %} takes a part built by freshness.part().")
        return mark_safe(cached(found, lambda: self.nodelist.render(context)))


# --- Raising versions ----------------------------------------------------------------------


def _bump(names):
    ScopeVersions = _counters()
    by_scope = {}
    for name in names:
        by_scope.setdefault(_scope(name), set()).add(name.partition("@")[0])
    for scope in sorted(by_scope):  # one row a statement: concurrent writers never deadlock
        raised = {app: F(app) + 1 for app in sorted(by_scope[scope])}
        if ScopeVersions.objects.filter(scope=scope).update(**raised):
            continue
        try:
            with transaction.atomic():
                ScopeVersions.objects.create(scope=scope, **dict.fromkeys(raised, 1))
        except IntegrityError:  # created at the same moment by another writer
            ScopeVersions.objects.filter(scope=scope).update(**raised)


def _names(app, places):
    """The counters to raise for a change of ``app``'s data at ``places`` (None:
    not known)."""
    names = {app}
    if places is None:
        return names | {f"{app}@{UNSCOPED}"}
    for kind, pk, region_id in places:
        names.add(f"{app}@r{region_id}")
        names.add(f"{app}@m{pk}" if kind == "municipality" else f"{app}@w{region_id}")
    return names


def _raise(names, using=None):
    if not DEFER:
        _unraised.update(names)
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _bump(names)
        return
    pending = _pending(connection)
    if pending is None:

        def hook():
            connection.__dict__.pop("freshness_pending", None)
            _bump(pending["names"])

        pending = {"names": set(), "hook": hook, "memo": {}}
        connection.__dict__["freshness_pending"] = pending
        transaction.on_commit(hook, using=using)
    pending["names"].update(names)


def _pending(connection):
    """What this transaction will raise at its commit (None if nothing is queued:
    after a rollback Django drops the queue)."""
    pending = connection.__dict__.get("freshness_pending")
    if pending is not None and any(
        hook is pending["hook"] for _, hook, _ in connection.run_on_commit
    ):
        return pending
    return None


def _memo(using=None):
    """Lookups of this transaction (an organization's region, a report's
    organization), so a cascade of a thousand values asks once."""
    if not DEFER:
        return _lookups
    pending = _pending(transaction.get_connection(using))
    return pending["memo"] if pending else {}


def changed(app, *objects, using=None):
    """``app``'s data changed: raise its versions when the transaction commits.

    ``objects`` are the rows changed (their ``data_scope`` says where they belong);
    without them, or for rows whose place is not known, every page of the app is
    built anew."""
    places = set()
    for obj in objects:
        found = data_scope.places(obj, memo=_memo(using))
        if found is None:
            places = None
            break
        places |= found
    _raise(_names(app, places if objects else None), using=using)


# --- Signals -------------------------------------------------------------------------------


def _app_of(model):
    # Accounts, groups and permissions belong with the organizations.
    label = model._meta.app_label
    return "toolbox_site" if label == "auth" else label


def _on_pre_save(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    # Where the row was: a service moved to another organization leaves its old pages.
    if raw or instance.pk is None or instance._state.adding:
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    places = data_scope.places(instance, stored=True, memo=_memo(using))
    if places:
        _raise(_names(_app_of(sender), places), using=using)


def _on_save(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    # A login writes last_login: no page shows it.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    _raise(
        _names(_app_of(sender), None if raw else data_scope.places(instance, memo=_memo(using))),
        using=using,
    )


def _on_delete(sender, instance, using=None, **kwargs):
    # Before the delete: the rows it goes through are still there.
    _raise(_names(_app_of(sender), data_scope.places(instance, memo=_memo(using))), using=using)


def _on_m2m(sender, instance, action, model, pk_set, using=None, **kwargs):
    if action not in ("pre_clear", "post_add", "post_remove"):
        return
    app = _app_of(type(instance))
    places = data_scope.places(instance, memo=_memo(using))
    label = model._meta.label_lower
    # The rows added or removed on the other side belong somewhere too.
    if places is not None and label == "toolbox_site.organization":
        found = data_scope.where(pk_set or (), (), _memo(using))
    elif places is not None and label == "toolbox_site.region":
        found = data_scope.where((), pk_set or (), {})
    elif places is not None and data_scope.paths_of(model):
        found = data_scope.places_of_rows(model, pk_set or (), _memo(using))
    else:
        found = set()
    _raise(_names(app, None if found is None or places is None else places | found), using=using)


def connect():
    for label in (*APPS, "auth"):
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in IGNORED or model.__name__.startswith("Historical"):
                continue
            uid = f"freshness-{model._meta.label_lower}"
            pre_save.connect(_on_pre_save, sender=model, dispatch_uid=f"{uid}-pre-save")
            post_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}-save")
            pre_delete.connect(_on_delete, sender=model, dispatch_uid=f"{uid}-delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _on_m2m, sender=field.remote_field.through, dispatch_uid=f"freshness-{field}"
                )
