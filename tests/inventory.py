"""Every page of the site, in one list.

The browser suite (axe-core, one h1), the query-count tests and the benchmark
all read this list, so a new page is added here once and is then checked
everywhere. ``user`` is a username from the cast in ``tests/conftest.py`` (or
None for an anonymous visitor); ``kwargs`` may name fixtures' slugs.

Pages of objects that have no slug (``<int:pk>``) give ``kwargs`` as a function
that looks the object up by a natural key, and name in ``fixtures`` the pytest
fixtures that create it. The benchmark resolves the same function against the
demo data, so a fixture creates the object as the app's ``demo.py`` does.
``query`` is an optional query string (without "?").
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class Page:
    name: str  # URL name
    user: str | None = None  # who looks at it; None is anonymous
    kwargs: dict | Callable = field(default_factory=dict)
    status: int = 200
    # Queries the page may make, whatever the data size (asserted by the tests).
    queries: int = 0
    # Of those, statements PostgreSQL is sent and SQLite is not (``SET LOCAL …``).
    postgresql_only: int = 0
    fixtures: tuple = ()  # pytest fixtures the page needs (beyond the cast)
    query: str | Callable = ""  # query string, e.g. "gemeente=borne" (or a function giving it)
    label: str = ""  # tells two entries of one URL name apart in ids
    html: bool = True  # False for downloads and JSON: no axe check in the browser

    @property
    def id(self):
        who = self.user or "anonymous"
        extra = f", {self.label}" if self.label else ""
        return f"{self.name}[{who}{extra}]"

    def queries_on(self, vendor):
        """The queries the page makes on a database of ``vendor``."""
        return self.queries if vendor == "postgresql" else self.queries - self.postgresql_only

    def url(self):
        kwargs = self.kwargs() if callable(self.kwargs) else self.kwargs
        path = reverse(self.name, kwargs=kwargs)
        query = self.query() if callable(self.query) else self.query
        return f"{path}?{query}" if query else path


# The queries, per page, on a cold cache. A logged-in request starts with its session,
# read with the user and their access (memberships; one query: toolbox_site/sessions.py); a
# page with cached parts reads the data versions of its scope (toolbox_site/freshness.py:
# the first read of a request takes the national and shared ones too, and those of the
# scope asked and of the visitor's own region; another scope takes one more read); while
# they hold, the parts that name them below come from the cache:
PAGES = [
    # the data versions, the municipalities and the life situations of the residents' box
    Page("home", queries=3),
    # session with user and access, the data versions, municipalities, life situations
    Page("home", user="enschede.editor", queries=4),
    Page("accessibility"),
    # the terms
    Page("glossary:index", queries=1),
    # The header's language link: a redirect that sets only the language cookie.
    Page(
        "switch_language",
        kwargs={"code": "en"},
        query="next=/",
        status=302,
        html=False,
    ),
    Page("privacy"),
    Page("login"),
    Page("password_reset"),
    # session with user and access, memberships with organization and region (for the page)
    Page("account", user="enschede.editor", queries=2),
    Page("account", user="twente.coordinator", queries=2),
    # session with user and access
    Page("password_change", user="enschede.viewer", queries=1),
    # session with user and access
    Page("profile_edit", user="menzis.adviser", queries=1),
    # session with user and access, organization with region
    Page("organization_edit", user="enschede.editor", kwargs={"slug": "enschede"}, queries=2),
    # session with user and access, organization with region
    Page("organization_invite", user="twente.coordinator", kwargs={"slug": "enschede"}, queries=2),
    # the account the link names (none: the link is not valid)
    Page(
        "invitation_accept",
        kwargs={"uidb64": "MA", "token": "c0ffee-0123456789abcdef"},
        queries=1,
        label="invalid link",
    ),
    Page("admin:login"),
    # session with user and access, user and group permissions (ModelBackend), recent actions
    Page("admin:index", user="twente.coordinator", queries=4),
    # session with user and access, user and group permissions, count, count of all,
    # the organizations
    # with region, the region filter's choices
    Page("admin:toolbox_site_organization_changelist", user="twente.coordinator", queries=6),
    # session with user and access, the user's regions for the filter, count (no count of all:
    # the log only grows), the events with organization and user, the date hierarchy's
    # first/last and years, the actions for the filter
    Page("admin:toolbox_site_auditevent_changelist", user="twente.coordinator", queries=7),
    # The start page (toolbox_site/todo.py): session with user and access, the previous
    # visit (what is new since), the data versions; then (cached while they hold)
    # monitoring: the user's reporting organizations with their format's period type,
    # (who fills in for one: the open periods, their reports; a coordinator: the reports
    # awaiting approval); network: the organizations the user may change, each with its
    # entries not checked and the roles its services play (one query); finder: the open
    # residents' reports; criteria: the agreements due for review, the trainings soon;
    # callbacks: the new call-back requests; new since the previous visit: documents,
    # practice examples
    Page("my_toolbox", user="enschede.editor", fixtures=("network",), queries=13),
    Page("my_toolbox", user="twente.coordinator", fixtures=("network",), queries=12),
    # session with user and access, the previous visit, the data versions, monitoring's
    # organizations (a viewer fills in nothing), criteria's trainings, new documents and
    # examples (a viewer changes nothing: no agreements to review, nothing of the network)
    Page("my_toolbox", user="enschede.viewer", queries=7),
    # The audit trail: session with user and access, the region's organizations (the
    # filter's choices), the count, the data versions, the page of events with their
    # account's and organization's columns (the content types come from Django's cache
    # of them); while the count and the versions hold, the rows come from the cache
    Page("audit_trail", user="twente.coordinator", fixtures=("audit_events",), queries=5),
    Page(
        "audit_trail",
        user="twente.coordinator",
        query="actie=toolbox_site.organization.changed&gebruiker=editor&pagina=2",
        label="filtered",
        fixtures=("audit_events",),
        queries=5,
    ),
    # a wrong filter: the error next to its field, the valid ones still apply
    Page(
        "audit_trail",
        user="twente.coordinator",
        query="van=2026-12-05&tot=2026-01-01&gebruiker=editor",
        label="invalid filter",
        fixtures=("audit_events",),
        queries=5,
    ),
    # session with user and access: not a coordinator
    Page("audit_trail", user="enschede.editor", status=403, queries=1),
]


# --- The pillar apps: each adds its pages in its own block (keep the blocks apart) ---


# network
def _service(name):
    """URL kwargs of the demo's service ``name`` (looked up when the page is opened)."""

    def kwargs():
        from network.models import Service

        return {"pk": Service.objects.get(name=name).pk}

    return kwargs


def _link():
    from network.models import Link

    link = Link.objects.get(
        municipality__slug="enschede",
        from_service__name="Wijkteam Enschede",
        to_service__name="Onafhankelijke cliëntondersteuning Enschede",
    )
    return {"pk": link.pk}


_OCO = _service("Onafhankelijke cliëntondersteuning Enschede")
_STOPPED = _service("Formulierenspreekuur Enschede (gestopt)")
_NET = ("enschede_network",)

PAGES += [
    # regions (region choice), municipalities with their steps done (GROUP BY), role
    # categories with their role counts (GROUP BY), the services serving the municipalities
    # (ids), those services' role/category/check date (by id), the number of steps; and
    # the data versions first (while they hold, a cached copy is used: only regions, versions)
    Page("network:index", fixtures=_NET, queries=7),
    # session with user and access (own region), then the 7 above
    Page("network:index", user="enschede.editor", fixtures=_NET, queries=8),
    Page("network:index", query="sorteer=-ontbrekend", fixtures=_NET, queries=7, label="sorted"),
    # municipality, the data versions (a cached copy is used while they hold: then no more),
    # the roles with their categories and the four filter lists (one UNION), the services
    # serving it (a subquery on the ids) with their provider's name, the map's links
    Page("network:map", kwargs={"slug": "enschede"}, fixtures=_NET, queries=5),
    # the 5 above and the ids of the services that match the filters
    Page(
        "network:map",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        query="categorie=toegang&wet=wmo&soort=formal&levensgebied=wonen&doelgroep=ouderen",
        queries=6,
        label="filtered",
    ),
    # session with user and access, the 5 above (edit links), the open residents'
    # reports about the user's entries (finder: open_reports_notice.html), the number of
    # the municipality's practice examples (practice: map_examples.html)
    Page(
        "network:map",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        queries=8,
    ),
    # service with role/category/provider/owner/checker, its links with services and map,
    # its municipalities, life domains, target groups and laws (one UNION), and the data
    # versions (while they hold, a cached copy is used: only the service and the versions)
    Page("network:service_detail", kwargs=_OCO, fixtures=_NET, queries=5),
    # session with user and access, the 4 above (archived ones only for members: a
    # subquery), history with users
    Page("network:service_detail", user="enschede.editor", kwargs=_OCO, fixtures=_NET, queries=7),
    # categories, their roles, the roles' laws
    Page("network:roles", queries=4),
    # steps
    Page("network:step_plan", queries=1),
    # session with user and access, municipality, data versions; and on a cold cache:
    # progress with users, steps
    Page(
        "network:municipality_steps",
        user="enschede.viewer",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        queries=5,
    ),
    # session with user and access, municipality, step, progress record
    Page(
        "network:step_progress_edit",
        user="enschede.editor",
        kwargs={"slug": "enschede", "number": 2},
        fixtures=_NET,
        queries=4,
    ),
    # session with user and access, organization, its services with their roles
    Page(
        "network:organization",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        queries=4,
    ),
    # session with user and access, organization, then the form's choices: roles, providers,
    # municipalities, life domains, target groups, laws
    Page(
        "network:service_create",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        queries=9,
    ),
    # session with user and access, service with organization, newest history record, the six
    # choice lists and the four current many-to-many values (on a cold cache; a warm one
    # keeps the unbound form's fields and builds no form)
    Page("network:service_edit", user="enschede.editor", kwargs=_OCO, fixtures=_NET, queries=14),
    # session with user and access, service
    Page("network:service_archive", user="enschede.editor", kwargs=_OCO, fixtures=_NET, queries=2),
    Page(
        "network:service_unarchive",
        user="enschede.editor",
        kwargs=_STOPPED,
        fixtures=_NET,
        queries=2,
    ),
    # session with user and access, municipality, the services to choose from (read once for
    # "from" and "to")
    Page(
        "network:link_create",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        queries=3,
    ),
    # session with user and access, link with municipality and services, the services to choose from
    Page("network:link_edit", user="enschede.editor", kwargs=_link, fixtures=_NET, queries=3),
    # session with user and access, link with municipality and services
    Page("network:link_delete", user="enschede.editor", kwargs=_link, fixtures=_NET, queries=2),
    # session with user and access, organization, the codes the columns accept (one union)
    Page("network:import", user="enschede.editor", kwargs={"slug": "enschede"}, queries=3),
    # session with user and access, organization, the organization's services and their related
    # lists (prefetched): 9, whatever the number of services
    Page(
        "network:export",
        user="enschede.editor",
        kwargs={"slug": "enschede", "file_format": "csv"},
        fixtures=_NET,
        queries=7,
        html=False,
    ),
]

# network: finder, unmet demand, HSDS


def _enschede_support():
    from network.models import Service

    return Service.objects.get(
        owning_organization__slug="enschede", name="Onafhankelijke cliëntondersteuning Enschede"
    )


def _enschede_support_at_location():
    from network.hsds.documents import service_at_location_id

    return service_at_location_id(_enschede_support())


def _roles_taxonomy():
    from network.hsds.documents import taxonomy_id

    return taxonomy_id("roles")


def _enschede_report():
    from finder.models import ServiceReport

    return ServiceReport.objects.filter(service=_enschede_support()).order_by("pk").first()


PAGES += [
    # the data versions, municipalities, life situations (the last two cached while the
    # versions hold; no session: the finder is cookie-free)
    Page("finder:index", fixtures=("finder_network",), queries=3),
    Page(
        "finder:index",
        fixtures=("finder_network",),
        query="gemeente=enschede",
        queries=3,
        label="municipality chosen",
    ),
    # the data versions, municipalities, life situations, the situation's life domains,
    # roles and target groups (one query), the services serving the municipality with
    # provider and role, their life domains and target groups (one query), the care
    # office, the glossary's terms (to link their first use), the anonymous count and its
    # month's tally (in one transaction: a savepoint in the tests, on PostgreSQL the
    # setting that its commit need not wait for the disk, the search, the tally's row if
    # new, the tally's count, the release). While the versions hold, all but the versions
    # and the count come from the cache.
    Page(
        "finder:index",
        fixtures=("finder_network",),
        query="gemeente=enschede&situatie=geldzorgen",
        queries=15,
        postgresql_only=1,
        label="results",
    ),
    # the service
    Page(
        "finder:report",
        kwargs=lambda: {"pk": _enschede_support().pk},
        fixtures=("finder_network",),
        queries=1,
    ),
    # the service
    Page(
        "finder:report_thanks",
        kwargs=lambda: {"pk": _enschede_support().pk},
        fixtures=("finder_network",),
        queries=1,
    ),
    # The finder on a municipality's website: the municipality (with its counter), the
    # data versions, its framing websites, the life situations; warm only the versions
    Page("finder:embedded", kwargs={"slug": "enschede"}, fixtures=("finder_network",), queries=4),
    # the same, then the results as on the finder's own page
    Page(
        "finder:embedded",
        kwargs={"slug": "enschede"},
        fixtures=("finder_network",),
        query="situatie=geldzorgen",
        queries=15,
        postgresql_only=1,
        label="results",
    ),
    # the script a municipality's website loads next to the frame
    Page("finder:embed_script", html=False),
    # session with user and access, the municipality, its framing websites (none yet)
    Page(
        "finder:embed_settings",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        fixtures=("finder_network",),
        queries=3,
    ),
    Page(
        "finder:embed_settings",
        user="enschede.viewer",
        kwargs={"slug": "enschede"},
        status=403,
        queries=2,
    ),
    # session with user and access, open reports, closed reports
    Page("finder:report_queue", user="enschede.editor", fixtures=("open_report",), queries=3),
    # session with user and access, the report with service and organization
    Page(
        "finder:report_close",
        user="enschede.editor",
        kwargs=lambda: {"pk": _enschede_report().pk},
        fixtures=("open_report",),
        queries=2,
    ),
    # session with user and access, versions, the municipalities in the user's scope
    # and the life situations (the filters' choices), the version of their search counts
    # (count, highest and sum of ids), one page of the counts grouped by month,
    # municipality and situation with the number of rows in all. Warm (the table and the
    # choices cached): session with user and access, versions, the version of the search counts.
    Page("finder:unmet_demand", user="enschede.editor", queries=6),
    Page("finder:unmet_demand", user="twente.coordinator", queries=6),
    Page(
        "finder:unmet_demand",
        user="twente.coordinator",
        query="situatie=geldzorgen&tekort=on&sorteer=share",
        label="filtered and sorted",
        queries=6,
    ),
    # HSDS (JSON, no session): the index and OpenAPI make no queries. The others read the
    # data versions first (+1 below); while those hold, the cached document is sent.
    Page("hsds:index"),
    Page("hsds:openapi"),
    # count, the page of services with provider and role, their municipalities, life
    # domains and target groups
    Page("hsds:services", fixtures=("finder_network",), queries=6),
    Page(
        "hsds:services",
        fixtures=("finder_network",),
        query="municipality=GM0153&per_page=100",
        queries=6,
        label="one municipality",
    ),
    # the service with provider and role, its municipalities, life domains, target groups
    Page(
        "hsds:service",
        kwargs=lambda: {"id": _enschede_support().uuid},
        fixtures=("finder_network",),
        queries=5,
    ),
    # count, the page of providers
    Page("hsds:organizations", fixtures=("finder_network",), queries=3),
    # the provider, its active services
    Page(
        "hsds:organization",
        kwargs=lambda: {"id": _enschede_support().provider.uuid},
        fixtures=("finder_network",),
        queries=3,
    ),
    Page("hsds:taxonomies", queries=1),
    # roles, life domains, target groups
    Page("hsds:taxonomy_terms", queries=4),
    # HSDS, the rest of the operations (services at locations, the taxonomies' details)
    # and the bulk download.
    # count, the page of services at locations with provider and role
    Page("hsds:service_at_locations", fixtures=("finder_network",), queries=3),
    Page(
        "hsds:service_at_locations",
        fixtures=("finder_network",),
        query="postcode=0000XX&minimum_age=18&per_page=100",
        queries=3,
        label="postcode and age",
    ),
    # the service its id reads back to, with provider and role, its municipalities, life
    # domains, target groups
    Page(
        "hsds:service_at_location",
        kwargs=lambda: {"id": _enschede_support_at_location()},
        fixtures=("finder_network",),
        queries=5,
    ),
    Page("hsds:taxonomy", kwargs=lambda: {"id": _roles_taxonomy()}, queries=1),
    # the term, found in the first of the three lists
    Page(
        "hsds:taxonomy_term",
        kwargs=lambda: {"id": _enschede_support().role.uuid},
        fixtures=("finder_network",),
        queries=2,
    ),
    # all public services with provider and role, their municipalities, life domains and
    # target groups, the providers, the three taxonomies' terms: the same whatever the size
    Page("hsds:download", fixtures=("finder_network",), queries=9, html=False),
    # an unknown API path: a JSON 404, no queries
    Page("hsds:not_found", kwargs={"rest": "bestaat-niet"}, status=404, html=False),
]


# criteria
SLUG_OF_A_TRAINING = "levensbreed-werken-in-de-praktijk"  # made by criteria/demo.py
PAGES += [
    # regions, the data versions (a cached copy is used while they hold: then no more), the
    # current framework's criteria with theme, framework and the count of municipalities
    # that agreed (a subquery)
    Page("criteria:index", queries=3, fixtures=("criteria_framework",)),
    # session with user and access, regions, versions, criteria with theme, framework
    # and counts
    Page("criteria:index", user="enschede.editor", queries=4, fixtures=("criteria_agreements",)),
    Page(
        "criteria:index",
        queries=3,
        fixtures=("criteria_framework",),
        query="voor=informal&q=vrijwillig",
        label="filtered",
    ),
    # regions, the data versions (a cached copy is used while they hold: then no more),
    # criterion with theme, framework and region (remembered under the versions too), linked
    # trainings + monitoring's part (monitoring/criteria_links.py, under its own versions, read
    # with the page's): the linked indicators (none here)
    Page("criteria:detail", kwargs={"code": "ON-2"}, queries=5, fixtures=("criteria_trainings",)),
    # the same, with linked indicators: their region figures (the region's name comes with
    # the criterion)
    Page(
        "criteria:detail",
        kwargs={"code": "BV-1"},
        queries=6,
        fixtures=("criteria_trainings", "monitoring_demo"),
        label="with indicators",
    ),
    # session with user and access, regions, versions, criterion, linked trainings, the region's
    # municipalities with their agreement on it (one LEFT JOIN), the linked indicators,
    # the published practice examples of the criterion (practice: criterion_examples.html)
    Page(
        "criteria:detail",
        user="enschede.viewer",
        kwargs={"code": "ON-2"},
        queries=8,
        fixtures=("criteria_agreements", "criteria_trainings"),
    ),
    # regions, the data versions (a cached copy is used while they hold: then no more),
    # themes with their framework, their criteria (prefetch)
    Page("criteria:guide", queries=4, fixtures=("criteria_framework",)),
    Page(
        "criteria:guide",
        queries=4,
        fixtures=("criteria_framework",),
        query="voor=formal",
        label="formal",
    ),
    # session with user and access, regions, the data versions (a cached copy is used while they
    # hold: then no more), criteria with theme and framework, municipalities, agreements
    Page("criteria:matrix", user="enschede.editor", queries=6, fixtures=("criteria_agreements",)),
    Page(
        "criteria:matrix",
        user="twente.coordinator",
        queries=6,
        fixtures=("criteria_agreements",),
        query="gebied=quality",
        label="area",
    ),
    # session with user and access, municipality with region, the data versions (cached fragments
    # are used while they hold: then no more), the current framework (likewise), criteria with
    # theme, framework and the municipality's agreement with its editor (one LEFT JOIN),
    # recent history with user and criterion
    Page(
        "criteria:agreements",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        queries=6,
        fixtures=("criteria_agreements",),
    ),
    Page(
        "criteria:agreements",
        user="hengelo.editor",
        kwargs={"slug": "enschede"},
        queries=7,
        fixtures=("criteria_agreements",),
        label="reading",
    ),
    # regions, the data versions (a cached copy is used while they hold: then no more),
    # topics, trainings, their topics, their upcoming sessions
    Page("training:index", queries=6, fixtures=("criteria_trainings",)),
    Page(
        "training:index",
        queries=6,
        fixtures=("criteria_trainings",),
        query="voor=formal&voorbij=on",
        label="past",
    ),
    # admin: session with user and access, regions for the filter, count, count of all, the
    # frameworks with region
    Page(
        "admin:criteria_framework_changelist",
        user="twente.coordinator",
        queries=4,
        fixtures=("criteria_framework",),
    ),
    # admin: session with user and access, regions for the filter, the frameworks of the criteria
    # shown (filter), count, count of all, the criteria with theme and framework
    Page(
        "admin:criteria_criterion_changelist",
        user="twente.coordinator",
        queries=5,
        fixtures=("criteria_framework",),
    ),
    # admin: session with user and access, regions for the filter, count, the agreements with
    # municipality and criterion
    Page(
        "admin:criteria_localagreement_changelist",
        user="twente.coordinator",
        queries=4,
        fixtures=("criteria_agreements",),
    ),
    # training with region, topics, upcoming sessions, linked criteria
    Page(
        "training:detail",
        kwargs={"slug": SLUG_OF_A_TRAINING},
        queries=4,
        fixtures=("criteria_trainings",),
    ),
]


# monitoring
def _monitoring_report(slug, previous=False):
    """The report of ``slug`` for the current quarter (or the one before), as in the demo."""

    def kwargs():
        from tests.monitoring.fixtures import current_report, previous_report

        report = previous_report(slug) if previous else current_report(slug)
        return {"pk": report.pk}

    return kwargs


_MONITORING = ("monitoring_demo",)
PAGES += [
    # session with user and access, data versions; and on a cold cache: the user's reporting
    # organizations with their format's period type, periods, reports
    Page("monitoring:index", user="enschede.editor", queries=5, fixtures=_MONITORING),
    # the same, and the submitted reports that await approval in the region
    Page("monitoring:index", user="twente.coordinator", queries=6, fixtures=_MONITORING),
    # session with user and access, report with organization/format/period/submitter, access,
    # the values of the report
    # and of the organization's earlier periods (for the warnings), the report's history
    # (audit events with user); and, the first time a process shows a format (then kept,
    # as a format with reports never changes): sections, indicators with breakdown,
    # breakdown items, rules
    Page(
        "monitoring:report",
        user="enschede.editor",
        kwargs=_monitoring_report("enschede"),
        queries=8,
        fixtures=_MONITORING,
        label="draft",
    ),
    Page(
        "monitoring:report",
        user="twente.coordinator",
        kwargs=_monitoring_report("enschede", previous=True),
        queries=8,
        fixtures=_MONITORING,
        label="awaiting approval",
    ),
    Page(
        "monitoring:report",
        user="enschede.viewer",
        kwargs=_monitoring_report("enschede"),
        queries=8,
        fixtures=_MONITORING,
        label="read only",
    ),
    # admin: session with user and access, the region filter's choices, count, count of all, the
    # formats with their region team
    Page(
        "admin:monitoring_monitoringformat_changelist",
        user="twente.coordinator",
        queries=4,
        fixtures=_MONITORING,
    ),
    # admin: session with user and access, the period filter's choices, the region filter's choices,
    # count, count of all, the reports with organization, period and format
    Page(
        "admin:monitoring_report_changelist",
        user="twente.coordinator",
        queries=5,
        fixtures=_MONITORING,
    ),
    # session with user and access, report with organization/format/period/submitter
    Page(
        "monitoring:upload",
        user="enschede.editor",
        kwargs=_monitoring_report("enschede"),
        queries=2,
        fixtures=_MONITORING,
    ),
    # the report as an XLSX file to fill in offline: session with user and access, report, the
    # format's structure and the values (8, whatever the number of indicators)
    Page(
        "monitoring:download",
        user="enschede.editor",
        kwargs=_monitoring_report("enschede"),
        queries=6,
        fixtures=_MONITORING,
        html=False,
    ),
]


# monitoring: dashboards
PAGES += [
    # session with user and access, regions, data versions; and on a cold cache: organizations,
    # periods, reports, approved per period
    Page("monitoring:completeness", user="twente.coordinator", queries=7, fixtures=_MONITORING),
    Page("monitoring:completeness", user="enschede.viewer", queries=7, fixtures=_MONITORING),
    # session with user and access, regions, data versions; and on a cold cache: indicators,
    # periods, municipalities, values per municipality and period (the region figures per
    # period are added up from them), breakdown per item, the indicator's criteria
    Page(
        "monitoring:dashboard",
        user="twente.coordinator",
        query="indicator=clients_total&van=2016-01-01",
        queries=9,
        fixtures=_MONITORING,
        label="whole region, 10 years",
    ),
    Page(
        "monitoring:dashboard",
        user="enschede.editor",
        query="indicator=clients_new&gemeente=enschede&gemeente=hengelo&maat=per10000",
        queries=9,
        fixtures=_MONITORING,
        label="municipalities per 10,000",
    ),
    # the same, anonymous: data versions; and on a cold cache: regions, indicators,
    # periods, municipalities, the series, breakdown per item, the indicator's criteria
    Page("monitoring:public", queries=8, fixtures=_MONITORING),
    # session with user and access, data versions; and on a cold cache: regions and the
    # municipalities to choose from, periods, indicators,
    # latest approved period, values per indicator and municipality (the region figures per
    # indicator are added up from them)
    Page("monitoring:own", user="enschede.editor", queries=8, fixtures=_MONITORING),
]


# municipalities: the region's overview and a municipality's page
def _contact_of(slug):
    from municipalities.models import ContactPerson

    def kwargs():
        contact = ContactPerson.objects.filter(municipality__slug=slug).order_by("pk").first()
        return {"slug": slug, "pk": contact.pk}

    return kwargs


_PLACES = ("network", *_MONITORING, "contact_persons")
PAGES += [
    # regions, data versions; and on a cold cache: municipalities with their steps done,
    # the network's three
    Page("municipalities:overview", queries=7, fixtures=_PLACES),
    # session with user and access, data versions, regions, the search counts' version;
    # cold: municipalities, the network's three, the agreements, the reports, the
    # searches and the criteria (the region's; a coordinator's region's)
    Page("municipalities:overview", user="enschede.editor", queries=13, fixtures=_PLACES),
    Page(
        "municipalities:overview",
        user="twente.coordinator",
        query="sorteer=-zonder",
        label="sorted",
        queries=13,
        fixtures=_PLACES,
    ),
    # the municipality, data versions; cold: the network's four (roles with their
    # categories, services served, services, the steps with those done), the indicators
    # and their last values
    Page("municipalities:detail", kwargs={"slug": "enschede"}, queries=8, fixtures=_PLACES),
    # session with user and access, the searches with their counts' version, data
    # versions with the municipality; cold: the network's four, the reports, the
    # agreements, the criteria, indicators, values, practice examples and contact persons
    # (Hengelo's editor: no reports or searches)
    Page(
        "municipalities:detail",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        queries=15,
        fixtures=_PLACES,
    ),
    Page(
        "municipalities:detail",
        user="hengelo.editor",
        kwargs={"slug": "enschede"},
        queries=13,
        fixtures=_PLACES,
    ),
    # session with user and access, the municipality
    Page(
        "municipalities:contact_create",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        queries=2,
    ),
    # session with user and access, the contact with its municipality, its history
    Page(
        "municipalities:contact_edit",
        user="enschede.editor",
        kwargs=_contact_of("enschede"),
        queries=3,
        fixtures=("contact_persons",),
    ),
    Page(
        "municipalities:contact_remove",
        user="twente.coordinator",
        kwargs=_contact_of("enschede"),
        queries=2,
        fixtures=("contact_persons",),
    ),
]


# documents
_DOCUMENTS = ("documents_demo",)
PAGES += [
    # regions (region choice), the data versions; and on a cold cache: the documents
    # the visitor reads, their audiences, their files
    Page("documents:index", queries=5, fixtures=_DOCUMENTS),
    # the same after the session with user and access
    Page("documents:index", user="enschede.editor", queries=6, fixtures=_DOCUMENTS),
    Page(
        "documents:index",
        user="twente.coordinator",
        query="pijler=quality&voor=municipality",
        queries=6,
        fixtures=_DOCUMENTS,
        label="filtered",
    ),
    # the document with its region, the data versions; and on a cold cache: its audiences,
    # its versions
    Page(
        "documents:detail",
        kwargs={"slug": "folder-gratis-hulp-clientondersteuner"},
        queries=4,
        fixtures=_DOCUMENTS,
    ),
    # the same after the session with user and access
    Page(
        "documents:detail",
        user="twente.coordinator",
        kwargs={"slug": "stappenplan-netwerkgericht-werken"},
        queries=5,
        fixtures=_DOCUMENTS,
    ),
    # The files, served only through the view: the document, its audiences (who may read
    # it), its newest version (or the one asked for); a member after the session
    Page(
        "documents:download",
        kwargs={"slug": "folder-gratis-hulp-clientondersteuner"},
        queries=3,
        fixtures=_DOCUMENTS,
        html=False,
    ),
    Page(
        "documents:version",
        user="enschede.viewer",
        kwargs={"slug": "stappenplan-netwerkgericht-werken", "number": 1},
        queries=4,
        fixtures=_DOCUMENTS,
        html=False,
    ),
    # session with user and access, the regions to choose from
    Page("documents:create", user="twente.coordinator", queries=2),
    # session with user and access, the document with region, its audiences, the newest
    # history record (for a conflict message), the regions to choose from
    Page(
        "documents:edit",
        user="twente.coordinator",
        kwargs={"slug": "handleiding-monitoring"},
        queries=5,
        fixtures=_DOCUMENTS,
    ),
    # session with user and access, the document with region and audiences, the newest
    # history record
    Page(
        "documents:replace",
        user="twente.coordinator",
        kwargs={"slug": "stappenplan-netwerkgericht-werken"},
        queries=4,
        fixtures=_DOCUMENTS,
    ),
    # admin: session with user and access, the regions of the filter, the audiences of the
    # filter, count, the documents with region
    Page(
        "admin:documents_document_changelist",
        user="twente.coordinator",
        queries=5,
        fixtures=_DOCUMENTS,
    ),
]


# search: the site search (/zoeken/), every kind the apps add
_SEARCH = ("criteria_trainings", "enschede_network")
PAGES += [
    # the data versions; and on a cold cache: the hits of every kind and their counts,
    # in one query (a part per kind: criteria, trainings, services, roles, documents,
    # glossary terms; the practice examples are for members only: no part)
    Page(
        "search:results",
        query="q=cli%C3%ABntondersteuner",
        fixtures=_SEARCH,
        queries=2,
    ),
    # session with user and access, the data versions, the hits of the seven kinds
    Page(
        "search:results",
        user="enschede.editor",
        query="q=cli%C3%ABntondersteuner",
        fixtures=_SEARCH,
        queries=3,
    ),
    # a query too short: the form's error, no search, nothing read
    Page("search:results", query="q=a", label="too short"),
]


# practice: the practice exchange (/praktijk/), for members only
_PRACTICE = ("practice_examples",)
_HENGELO_PILOT = {"slug": "warme-overdracht-van-wmo-naar-wlz-pilot-met-het-zorgkantoor"}
_ENSCHEDE_EXAMPLE = {
    "slug": "clientondersteuning-genoemd-in-elke-uitnodiging-voor-het-keukentafelgesprek"
}
PAGES += [
    # anonymous visitors: the login page
    Page("practice:index", status=302, html=False),
    # session with user and access, the data versions (the regions are kept under them);
    # on a cold cache: regions, the region's municipalities, its criteria and the roles
    # (the filters), the examples' count and one page of them with their municipality
    Page("practice:index", user="enschede.editor", fixtures=_PRACTICE, queries=8),
    # the same, filtered; a municipality named without a region: its region, first
    Page(
        "practice:index",
        user="hengelo.editor",
        fixtures=_PRACTICE,
        query="pijler=network&gemeente=hengelo&rol=wlz-clientondersteuner",
        queries=9,
        label="filtered",
    ),
    # session with user and access, the example with municipality, region and contact
    # organization, the data versions (a cached copy is used while they hold: then no
    # more), its criteria, its roles
    Page(
        "practice:detail",
        user="enschede.viewer",
        kwargs=_HENGELO_PILOT,
        fixtures=_PRACTICE,
        queries=5,
    ),
    Page(
        "practice:detail",
        user="enschede.editor",
        kwargs=_ENSCHEDE_EXAMPLE,
        fixtures=_PRACTICE,
        queries=5,
    ),
    # session with user and access, the data versions (while they hold, the fields come from
    # the cache: then no more), the municipalities the user may edit (the choice, read once:
    # the only one is chosen), the criteria of their regions' frameworks, the roles, the
    # organizations of their regions
    Page("practice:create", user="enschede.editor", fixtures=_PRACTICE, queries=6),
    # session with user and access, the example, the data versions, its newest history
    # record (the lock), the choices as above, the example's criteria and roles (the initial
    # values: the current framework's criteria of the same codes, found among the choices)
    Page(
        "practice:edit",
        user="enschede.editor",
        kwargs=_ENSCHEDE_EXAMPLE,
        fixtures=_PRACTICE,
        queries=10,
    ),
]
PAGES += [
    # session with user and access, the regions (filter), the count and one page of the
    # examples of the coordinator's region with their municipality
    Page(
        "admin:practice_practiceexample_changelist",
        user="twente.coordinator",
        fixtures=_PRACTICE,
        queries=4,
    ),
]


# material: a municipality's poster, flyer and referral card (/gemeenten/<slug>/materiaal/),
# for its editors and its region's coordinators
_MATERIAL = ("enschede_network",)
_ENSCHEDE = {"slug": "enschede"}
PAGES += [
    # anonymous visitors: the login page, nothing read
    Page("material:preview", kwargs=_ENSCHEDE, status=302, html=False),
    # session with user and access, the municipality (kept under the versions: checked
    # in their read), the data versions; on a cold cache: the services of the card's
    # roles with provider and role, the region's care office and region team
    Page(
        "material:preview", user="enschede.editor", kwargs=_ENSCHEDE, queries=5, fixtures=_MATERIAL
    ),
    Page(
        "material:preview",
        user="twente.coordinator",
        kwargs=_ENSCHEDE,
        queries=5,
        fixtures=_MATERIAL,
    ),
    # session with user and access, the municipality: a viewer may not
    Page(
        "material:preview",
        user="enschede.viewer",
        kwargs=_ENSCHEDE,
        status=403,
        queries=2,
        html=False,
    ),
    # The QR code of the poster and the flyer, an image of its own: session with user
    # and access, the municipality; drawn from the address, nothing else read
    Page(
        "material:qr",
        user="enschede.editor",
        kwargs=_ENSCHEDE,
        queries=2,
        fixtures=_MATERIAL,
        html=False,
    ),
    Page(
        "material:qr",
        user="enschede.viewer",
        kwargs=_ENSCHEDE,
        status=403,
        queries=2,
        html=False,
    ),
    Page("material:qr", kwargs=_ENSCHEDE, status=302, html=False),
    # The PDFs: the same queries as the preview; on a warm cache the PDF itself is kept
    Page(
        "material:download",
        user="enschede.editor",
        kwargs={**_ENSCHEDE, "item": "poster", "language": "nl"},
        queries=5,
        fixtures=_MATERIAL,
        html=False,
    ),
    Page(
        "material:download",
        user="twente.coordinator",
        kwargs={**_ENSCHEDE, "item": "verwijskaart", "language": "en"},
        queries=5,
        fixtures=_MATERIAL,
        html=False,
    ),
    Page(
        "material:download",
        user="enschede.viewer",
        kwargs={**_ENSCHEDE, "item": "flyer", "language": "nl"},
        status=403,
        queries=2,
        html=False,
    ),
    Page(
        "material:download",
        kwargs={**_ENSCHEDE, "item": "flyer", "language": "nl"},
        status=302,
        html=False,
    ),
]


# callbacks: "Bel mij terug" (a resident asks the maintaining organization to call back)


def _callback_query():
    return f"dienst={_enschede_support().pk}&gemeente=enschede&situatie=geldzorgen"


PAGES += [
    # the municipality (with its counter), the data versions, the service serving it with
    # its organization, the life situations; warm only the versions (no session: the page
    # is cookie-free until the resident posts)
    Page("callbacks:create", fixtures=("finder_network",), query=_callback_query, queries=4),
    Page("callbacks:thanks", fixtures=("finder_network",), query=_callback_query, queries=4),
    # session with user and access, the requests with service, municipality, situation
    Page("callbacks:queue", user="enschede.editor", fixtures=("callback_request",), queries=2),
]
