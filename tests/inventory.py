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
    fixtures: tuple = ()  # pytest fixtures the page needs (beyond the cast)
    query: str = ""  # query string, e.g. "gemeente=borne"
    label: str = ""  # tells two entries of one URL name apart in ids

    @property
    def id(self):
        who = self.user or "anonymous"
        extra = f", {self.label}" if self.label else ""
        return f"{self.name}[{who}{extra}]"

    def url(self):
        kwargs = self.kwargs() if callable(self.kwargs) else self.kwargs
        path = reverse(self.name, kwargs=kwargs)
        return f"{path}?{self.query}" if self.query else path


# The queries, per page (a logged-in request always starts with the session and the user):
PAGES = [
    # municipalities for the residents' list
    Page("home", queries=1),
    # session, user, municipalities
    Page("home", user="enschede.editor", queries=3),
    Page("accessibility"),
    Page("privacy"),
    Page("login"),
    Page("password_reset"),
    # session, user, memberships with organization and region, the user's access
    Page("account", user="enschede.editor", queries=4),
    Page("account", user="twente.coordinator", queries=4),
    # session, user
    Page("password_change", user="enschede.viewer", queries=2),
    # session, user
    Page("profile_edit", user="menzis.adviser", queries=2),
    # session, user, organization with region, the user's access
    Page("organization_edit", user="enschede.editor", kwargs={"slug": "enschede"}, queries=4),
    Page("admin:login"),
    # session, user, user and group permissions (ModelBackend), the user's access, recent actions
    Page("admin:index", user="twente.coordinator", queries=6),
    # session, user, user and group permissions, access, count, count of all, the organizations
    # with region, the region filter's choices
    Page("admin:toolbox_site_organization_changelist", user="twente.coordinator", queries=9),
    # session, user, access, regions for the filter, count, count of all, user and group
    # permissions, the events with organization and user, the date hierarchy's first/last
    # and years, the actions for the filter
    Page("admin:toolbox_site_auditevent_changelist", user="twente.coordinator", queries=12),
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
    # regions (region choice), municipalities, role categories, services per category (GROUP
    # BY), services/roles/stale per municipality (GROUP BY), role count, step count, steps done
    Page("network:index", queries=8),
    # session, user, the user's access (own region), then the 8 above
    Page("network:index", user="enschede.editor", queries=11),
    Page("network:index", query="sorteer=-ontbrekend", queries=8, label="sorted"),
    # municipality, services with role/category/provider/checker, categories, missing roles,
    # links with both services, the filter choices: categories, life domains, target groups, laws
    Page("network:map", kwargs={"slug": "enschede"}, fixtures=_NET, queries=9),
    # the 9 above and the four chosen filter values, each validated against its list
    Page(
        "network:map",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        query="categorie=toegang&wet=wmo&soort=formal&levensgebied=wonen&doelgroep=ouderen",
        queries=13,
        label="filtered",
    ),
    # session, user, the 9 above, the user's access (edit links), the open residents'
    # reports about the user's entries (finder: open_reports_notice.html)
    Page(
        "network:map",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        queries=13,
    ),
    # service with role/category/provider/owner/checker, its links with services and map,
    # municipalities, life domains, target groups, laws
    Page("network:service_detail", kwargs=_OCO, fixtures=_NET, queries=6),
    # session, user, the 6 above (archived ones only for members: a subquery), history with
    # users, the user's access
    Page("network:service_detail", user="enschede.editor", kwargs=_OCO, fixtures=_NET, queries=10),
    # categories, their roles, the roles' laws
    Page("network:roles", queries=3),
    # steps
    Page("network:step_plan", queries=1),
    # session, user, municipality, progress with users, steps, the user's access
    Page(
        "network:municipality_steps",
        user="enschede.viewer",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        queries=6,
    ),
    # session, user, municipality, the user's access, step, progress record
    Page(
        "network:step_progress_edit",
        user="enschede.editor",
        kwargs={"slug": "enschede", "number": 2},
        fixtures=_NET,
        queries=6,
    ),
    # session, user, organization, the user's access, its services with role/provider/checker
    Page(
        "network:organization",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        queries=5,
    ),
    # session, user, organization, access, then the form's choices: roles, providers,
    # municipalities, life domains, target groups, laws
    Page(
        "network:service_create",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        queries=10,
    ),
    # session, user, service, access, newest history record, the six choice lists and the
    # four current many-to-many values
    Page("network:service_edit", user="enschede.editor", kwargs=_OCO, fixtures=_NET, queries=15),
    # session, user, service, access
    Page("network:service_archive", user="enschede.editor", kwargs=_OCO, fixtures=_NET, queries=4),
    Page(
        "network:service_unarchive",
        user="enschede.editor",
        kwargs=_STOPPED,
        fixtures=_NET,
        queries=4,
    ),
    # session, user, municipality, access, the services for "from" and for "to"
    Page(
        "network:link_create",
        user="enschede.editor",
        kwargs={"slug": "enschede"},
        fixtures=_NET,
        queries=6,
    ),
    # session, user, link with municipality and services, access, "from" and "to" choices
    Page("network:link_edit", user="enschede.editor", kwargs=_link, fixtures=_NET, queries=6),
    # session, user, link with municipality and services, access
    Page("network:link_delete", user="enschede.editor", kwargs=_link, fixtures=_NET, queries=4),
    # session, user, organization, access
    Page("network:import", user="enschede.editor", kwargs={"slug": "enschede"}, queries=4),
]

# network: finder, unmet demand, HSDS


def _enschede_support():
    from network.models import Service

    return Service.objects.get(
        owning_organization__slug="enschede", name="Onafhankelijke cliëntondersteuning Enschede"
    )


def _enschede_report():
    from network.models_finder import ServiceReport

    return ServiceReport.objects.filter(service=_enschede_support()).order_by("pk").first()


PAGES += [
    # municipalities, life situations (no session: the finder is cookie-free)
    Page("network:finder", fixtures=("finder_network",), queries=2),
    Page(
        "network:finder",
        fixtures=("finder_network",),
        query="gemeente=enschede",
        queries=2,
        label="municipality chosen",
    ),
    # municipalities, life situations, the situation's life domains, roles and target
    # groups, the services serving the municipality with provider and role, their life
    # domains, their target groups, the anonymous count (insert), the care office
    Page(
        "network:finder",
        fixtures=("finder_network",),
        query="gemeente=enschede&situatie=geldzorgen",
        queries=10,
        label="results",
    ),
    # the service
    Page(
        "network:report",
        kwargs=lambda: {"pk": _enschede_support().pk},
        fixtures=("finder_network",),
        queries=1,
    ),
    # the service
    Page(
        "network:report_thanks",
        kwargs=lambda: {"pk": _enschede_support().pk},
        fixtures=("finder_network",),
        queries=1,
    ),
    # session, user, open reports, closed reports, the user's access
    Page("network:report_queue", user="enschede.editor", fixtures=("open_report",), queries=5),
    # session, user, the report with service and organization, the user's access
    Page(
        "network:report_close",
        user="enschede.editor",
        kwargs=lambda: {"pk": _enschede_report().pk},
        fixtures=("open_report",),
        queries=4,
    ),
    # session, user, the user's access, the counts grouped by month, municipality
    # and situation
    Page("network:unmet_demand", user="enschede.editor", queries=4),
    Page("network:unmet_demand", user="twente.coordinator", queries=4),
    # HSDS (JSON, no session): the index and OpenAPI make no queries
    Page("hsds:index"),
    Page("hsds:openapi"),
    # count, the page of services with provider and role, their municipalities, life
    # domains and target groups
    Page("hsds:services", fixtures=("finder_network",), queries=5),
    Page(
        "hsds:services",
        fixtures=("finder_network",),
        query="municipality=GM0153&per_page=100",
        queries=5,
        label="one municipality",
    ),
    # the service with provider and role, its municipalities, life domains, target groups
    Page(
        "hsds:service",
        kwargs=lambda: {"id": _enschede_support().uuid},
        fixtures=("finder_network",),
        queries=4,
    ),
    # count, the page of providers
    Page("hsds:organizations", fixtures=("finder_network",), queries=2),
    # the provider, its active services
    Page(
        "hsds:organization",
        kwargs=lambda: {"id": _enschede_support().provider.uuid},
        fixtures=("finder_network",),
        queries=2,
    ),
    Page("hsds:taxonomies"),
    # roles, life domains, target groups
    Page("hsds:taxonomy_terms", queries=3),
]


# criteria
PAGES += []


# monitoring
PAGES += []
