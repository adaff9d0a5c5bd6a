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
    # regions (region choice), municipalities with their steps done (GROUP BY), role
    # categories with their role counts (GROUP BY), the services serving the municipalities
    # (ids), those services' role/category/check date (by id), the number of steps
    Page("network:index", fixtures=_NET, queries=6),
    # session, user, the user's access (own region), then the 6 above
    Page("network:index", user="enschede.editor", fixtures=_NET, queries=9),
    Page("network:index", query="sorteer=-ontbrekend", fixtures=_NET, queries=6, label="sorted"),
    # municipality, the services serving it (a subquery on the ids) with role/category/
    # provider/checker, the four filter lists (one UNION), roles with category (missing
    # ones, groups), the map's links
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
    # session, user, the 5 above, the user's access (edit links)
    Page(
        "network:map", user="enschede.editor", kwargs={"slug": "enschede"}, fixtures=_NET, queries=8
    ),
    # service with role/category/provider/owner/checker, its links with services and map,
    # its municipalities, life domains, target groups and laws (one UNION)
    Page("network:service_detail", kwargs=_OCO, fixtures=_NET, queries=3),
    # session, user, the 3 above (archived ones only for members: a subquery), history with
    # users, the user's access
    Page("network:service_detail", user="enschede.editor", kwargs=_OCO, fixtures=_NET, queries=7),
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


# criteria
PAGES += []


# monitoring
PAGES += []
