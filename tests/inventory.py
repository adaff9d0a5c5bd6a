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
PAGES += []


# criteria
SLUG_OF_A_TRAINING = "levensbreed-werken-in-de-praktijk"  # made by criteria/demo.py
PAGES += [
    # regions, the current framework's criteria with theme, framework and the count of
    # municipalities that agreed (a subquery)
    Page("criteria:index", queries=2, fixtures=("criteria_framework",)),
    # session, user, regions, the user's access, criteria with theme, framework and counts
    Page("criteria:index", user="enschede.editor", queries=5, fixtures=("criteria_agreements",)),
    Page(
        "criteria:index",
        queries=2,
        fixtures=("criteria_framework",),
        query="voor=informal&q=vrijwillig",
        label="filtered",
    ),
    # regions, criterion with theme and framework, linked trainings
    Page("criteria:detail", kwargs={"code": "ON-2"}, queries=3, fixtures=("criteria_trainings",)),
    # session, user, regions, access, criterion, linked trainings, the region's
    # municipalities with their agreement on it (one LEFT JOIN)
    Page(
        "criteria:detail",
        user="enschede.viewer",
        kwargs={"code": "ON-2"},
        queries=7,
        fixtures=("criteria_agreements", "criteria_trainings"),
    ),
    # regions, themes with their framework, their criteria (prefetch)
    Page("criteria:guide", queries=3, fixtures=("criteria_framework",)),
    Page(
        "criteria:guide",
        queries=3,
        fixtures=("criteria_framework",),
        query="voor=formal",
        label="formal",
    ),
    # session, user, regions, access, criteria with theme and framework, municipalities,
    # agreements
    Page("criteria:matrix", user="enschede.editor", queries=7, fixtures=("criteria_agreements",)),
    Page(
        "criteria:matrix",
        user="twente.coordinator",
        queries=7,
        fixtures=("criteria_agreements",),
        query="gebied=quality",
        label="area",
    ),
    # session, user, municipality with region, access, criteria with theme, framework and
    # the municipality's agreement with its editor (one LEFT JOIN), recent history with user
    # and criterion
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
        queries=6,
        fixtures=("criteria_agreements",),
        label="reading",
    ),
    # regions, topics, trainings, their topics, their upcoming sessions
    Page("training:index", queries=5, fixtures=("criteria_trainings",)),
    Page(
        "training:index",
        queries=5,
        fixtures=("criteria_trainings",),
        query="voor=formal&voorbij=on",
        label="past",
    ),
    # admin: session, user, access, regions for the filter, count, count of all, user
    # permissions, group permissions, the frameworks with region
    Page(
        "admin:criteria_framework_changelist",
        user="twente.coordinator",
        queries=9,
        fixtures=("criteria_framework",),
    ),
    # admin: session, user, access, regions for the filter, the frameworks of the criteria
    # shown (filter), count, count of all, user permissions, group permissions, the criteria with
    # theme and framework
    Page(
        "admin:criteria_criterion_changelist",
        user="twente.coordinator",
        queries=10,
        fixtures=("criteria_framework",),
    ),
    # admin: session, user, access, regions for the filter, count, user permissions, group
    # permissions, the agreements with municipality and criterion
    Page(
        "admin:criteria_localagreement_changelist",
        user="twente.coordinator",
        queries=8,
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
PAGES += []
