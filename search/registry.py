"""What the site search (``/zoeken/``) finds: each app adds its own kinds.

The search knows no pillar app. An app adds a kind of hit in its ``AppConfig.ready``::

    from search import registry
    registry.add(_("Services"), services_for, order=30)

**The contract of a provider.** ``provider(user, query)`` gets the visitor and a
:class:`Query` (the cleaned text, its words) and returns ``(hits, total)``: at most
:data:`LIMIT` :class:`Hit` objects, best first, and how many there are in all. It shows
only what ``user`` may see: it starts from the app's own ``for_user`` queryset (or the
public rows), never from a hand-made check. It makes ONE query: :func:`find` gives the
hits and the total together, with full-text search and ranking on PostgreSQL (on the
stored, indexed vector of :class:`AddSearchIndex`) and a simpler word-for-word match
elsewhere. A kind
with no hits is left out of the page. The app whose module holds the provider names
the data versions of the cached results (toolbox_site/freshness.py), so a change of its
data shows at once.

A provider in full (documents, say)::

    FIELDS = registry.Fields(titles=("title",), texts=("summary",), hit=("slug",))

    def documents(user, query):
        rows, total = query.find(Document.objects.for_user(user), FIELDS)
        return [
            registry.Hit(row.search_title, row.get_absolute_url(), row.search_summary)
            for row in rows
        ], total

and one migration in the app, which PostgreSQL needs (the search reads the stored
vector it adds; nothing happens on other databases), with the fields written out as a
migration keeps them::

    registry.AddSearchIndex("document", "document_search", ("title",), ("summary",))

A test in tests/search checks that each provider's column is there and indexed.
"""

import functools
import operator
import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import SearchQueryField, SearchVector, SearchVectorField
from django.db import connection
from django.db.migrations.operations.base import Operation
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    Func,
    Q,
    TextField,
    When,
    Window,
)
from django.db.models.expressions import Expression, RawSQL
from django.db.models.sql import Query as SQLQuery
from psycopg.sql import Literal

from toolbox_site.access import access_for

# The stored text-search vector of a searched table, on PostgreSQL (AddSearchIndex).
COLUMN = "search_vector"
# Hits shown per kind; the rest is counted.
LIMIT = 10
# PostgreSQL's text-search configuration: Dutch stemming ("ondersteuners" finds
# "ondersteuner") and stop words.
CONFIG = "dutch"
# ts_headline marks the matched words with these (private-use characters, not found
# in texts); the ``highlight`` filter escapes the text and makes them <mark>.
START, STOP = "\ue000", "\ue001"
# ts_headline's options (constants, written into the statement): a title whole, a
# summary of 15 to 35 words around the best match.
TITLE_OPTIONS = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
SUMMARY_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15"
# On other databases the summary is this long, around the first match.
SUMMARY_CHARACTERS = 220


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    summary: str = ""
    detail: str = ""  # a short note beside the title: a code, who offers it


@dataclass(frozen=True)
class Kind:
    label: str
    hits: list
    total: int

    @property
    def more(self):
        return max(0, self.total - len(self.hits))


@dataclass(frozen=True)
class Fields:
    """What a model is searched on: ``titles`` weigh more than ``texts``; ``title`` and
    ``summary`` are the fields shown (by default the first of each)."""

    titles: tuple
    texts: tuple = ()
    title: str = ""
    summary: str = ""
    # What else the hits are made of (fields, or paths through select_related
    # relations such as "provider__name"): the search reads only these and the shown
    # title and summary, not the whole rows.
    hit: tuple = ()

    @property
    def shown_title(self):
        return self.title or self.titles[0]

    @property
    def shown_summary(self):
        return self.summary or (self.texts[0] if self.texts else "")

    @property
    def read(self):
        shown = (
            (self.shown_title, self.shown_summary) if self.shown_summary else (self.shown_title,)
        )
        return (*shown, *self.hit)


def vector(fields):
    """The text-search vector of a model's ``fields``, titles weighing more: PostgreSQL
    keeps it in a stored column (:class:`AddSearchIndex`)."""
    found = SearchVector(*fields.titles, weight="A", config=CONFIG)
    if fields.texts:
        found = found + SearchVector(*fields.texts, weight="B", config=CONFIG)
    return found


def stored_vector(model):
    """The stored vector of a model's rows (the column :class:`AddSearchIndex` adds on
    PostgreSQL)."""
    name = connection.ops.quote_name
    return RawSQL(
        f"{name(model._meta.db_table)}.{name(COLUMN)}", [], output_field=SearchVectorField()
    )


def full_text():
    return connection.vendor == "postgresql"


class WrittenOutQuery(Expression):
    """PostgreSQL's websearch query of the text, written into the statement as a
    constant (quoted by the driver) rather than as a parameter: the site binds
    parameters on the server and prepares statements that run often, and the generic
    plan of a prepared statement computes a parameter's tsquery again for every row it
    meets (3-10 ms instead of under 1 on the national data). Quoted once per search,
    and no sub-expressions to resolve: the search's statements are compiled for every
    kind on every search, which is most of the search's time."""

    output_field = SearchQueryField()

    def __init__(self, text):
        super().__init__()
        connection.ensure_connection()
        literal = Literal(text).as_string(connection.connection).replace("%", "%%")
        self.sql = f"websearch_to_tsquery('{CONFIG}'::regconfig, {literal})"

    def as_sql(self, compiler, connection):
        return self.sql, []


class Matches(Func):
    """``vector @@ query``: the row matches (the GIN index of :class:`AddSearchIndex`)."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


class Rank(Func):
    function = "ts_rank"
    output_field = FloatField()


class Headline(Func):
    """``ts_headline`` of a field, its options written out as a constant (Django's
    SearchHeadline quotes them through the driver for every statement)."""

    function = "ts_headline"
    template = f"%(function)s('{CONFIG}'::regconfig, %(expressions)s, '%(options)s')"
    output_field = TextField()

    def __init__(self, field, query, options):
        super().__init__(F(field), query, options=options)


@dataclass(frozen=True)
class Query:
    """What the visitor typed, cleaned by the form (stripped, single spaces, 2 to 100
    characters without control characters)."""

    text: str

    @property
    def words(self):
        """The words to find, without the quotes of the search syntax and the words
        left out with a minus sign (PostgreSQL's websearch syntax)."""
        found = (word.strip("\"'") for word in self.text.split() if not word.startswith("-"))
        return [word for word in found if word]

    def find(self, queryset, fields, limit=LIMIT):
        """The best ``limit`` rows of ``queryset`` that match, each with
        ``search_title`` and ``search_summary`` (matches marked on PostgreSQL), and the
        number of rows that match: one query."""
        total = Window(Count("*"))
        queryset = queryset.only(*fields.read)
        if full_text():
            query = self._tsquery
            stored = stored_vector(queryset.model)
            rank = Rank(stored, query)
            shown = {"search_title": Headline(fields.shown_title, query, TITLE_OPTIONS)}
            if fields.shown_summary:
                shown["search_summary"] = Headline(fields.shown_summary, query, SUMMARY_OPTIONS)
            # PostgreSQL makes the headlines (costly) only for the rows shown: it
            # computes them after the sort and limit.
            rows = list(
                queryset.filter(Matches(stored, query))
                .annotate(search_rank=rank, search_total=total, **shown)
                .order_by(rank.desc(), "pk")[:limit]
            )
            for row in rows:
                if fields.shown_summary:
                    row.search_summary = cut_marks(
                        row.search_summary, getattr(row, fields.shown_summary)
                    )
        else:
            rows = list(self._matching(queryset, fields).annotate(search_total=total)[:limit])
            for row in rows:
                row.search_title = getattr(row, fields.shown_title)
                text = getattr(row, fields.shown_summary) if fields.shown_summary else ""
                row.search_summary = excerpt(text, self.words)
        for row in rows:
            row.search_summary = getattr(row, "search_summary", "")
        return rows, (rows[0].search_total if rows else 0)

    @functools.cached_property
    def _tsquery(self):
        return WrittenOutQuery(self.text)

    def _matching(self, queryset, fields):
        """Every word in one of the fields (the fallback of other databases); rows with
        every word in their titles first."""

        def every_word(names):
            return functools.reduce(
                operator.and_,
                (
                    functools.reduce(
                        operator.or_, (Q(**{f"{name}__icontains": word}) for name in names)
                    )
                    for word in self.words
                ),
                Q(),
            )

        if not self.words:  # only words left out ("-zorg"): nothing to look for
            return queryset.none()
        ordering = queryset.query.order_by or queryset.model._meta.ordering
        return (
            queryset.filter(every_word((*fields.titles, *fields.texts)))
            .annotate(search_first=Case(When(every_word(fields.titles), then=0), default=1))
            .order_by("search_first", *ordering, "pk")
        )


def excerpt(text, words, size=SUMMARY_CHARACTERS):
    """About ``size`` characters of ``text`` around the first of ``words`` found, at
    word boundaries, with "…" where it was cut."""
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    found = [text.casefold().find(word.casefold()) for word in words]
    first = min((at for at in found if at >= 0), default=0)
    start = max(0, first - size // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + size
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    return f"{'… ' if start else ''}{text[start:end]}{' …' if end < len(text) else ''}"


def cut_marks(headline, text):
    """PostgreSQL's headline with "…" where it cut ``text``."""
    shown = " ".join(headline.replace(START, "").replace(STOP, "").split())
    whole = " ".join(text.split())
    if not shown or shown == whole:
        return headline
    start = "" if whole.startswith(shown) else "… "
    end = "" if whole.endswith(shown) else " …"
    return f"{start}{headline.strip()}{end}"


def marked(text, words):
    """``text`` in pieces ``(piece, is_match)``: the parts between the markers of
    PostgreSQL's headline, else each occurrence of one of ``words`` (case-insensitive).
    For the ``highlight`` template filter, which escapes each piece."""
    if START in text:
        pieces = []
        for number, piece in enumerate(re.split(f"[{START}{STOP}]", text)):
            if piece:
                pieces.append((piece, number % 2 == 1))
        return pieces
    words = sorted({word for word in words if word}, key=len, reverse=True)
    if not words:
        return [(text, False)] if text else []
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    pieces, at = [], 0
    for match in pattern.finditer(text):
        if match.start() > at:
            pieces.append((text[at : match.start()], False))
        pieces.append((match.group(), True))
        at = match.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


# --- The kinds -----------------------------------------------------------------------------

_providers = []


def add(label, provider, order):
    """Search ``provider(user, query)`` under the heading ``label``; kinds by ``order``."""
    if all(existing is not provider for _order, _label, existing in _providers):
        _providers.append((order, label, provider))
        _providers.sort(key=lambda entry: entry[0])


def app_labels():
    """The apps whose data the search shows (for the versions of the cached results)."""
    labels = {
        apps.get_containing_app_config(provider.__module__).label
        for _order, _label, provider in _providers
    }
    return sorted(labels)


def search(user, text):
    """The kinds with hits for ``text`` that ``user`` may see, in order."""
    query = Query(text)
    kinds = []
    for _order, label, provider in _providers:
        hits, total = provider(user, query)
        if total:
            kinds.append(Kind(str(label), list(hits), total))
    return kinds


# --- The indexes ---------------------------------------------------------------------------


class AddSearchIndex(Operation):
    """On PostgreSQL, a stored column ``search_vector`` generated from :func:`vector` of
    the fields, with a GIN index on it: the search reads the vector, never computes it
    (other databases search without them). Neither is part of the model's state, so the
    model is the same on every database and SQLite migrates as before. PostgreSQL keeps
    the column up to date itself, bulk inserts included; to change the type of one of
    its fields, remove the column first (``migrations.RunPython`` backwards of this)."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, model_name, name, titles, texts=()):
        self.model_name = model_name
        self.name = name
        self.titles = tuple(titles)
        self.texts = tuple(texts)

    def deconstruct(self):
        return (
            self.__class__.__qualname__,
            [self.model_name, self.name, self.titles, self.texts],
            {},
        )

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        query = SQLQuery(model, alias_cols=False)
        compiler = query.get_compiler(connection=schema_editor.connection)
        expression = vector(Fields(self.titles, self.texts)).resolve_expression(query)
        sql, params = compiler.compile(expression)
        sql = sql % tuple(schema_editor.quote_value(param) for param in params)
        table = schema_editor.quote_name(model._meta.db_table)
        column = schema_editor.quote_name(COLUMN)
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} tsvector GENERATED ALWAYS AS ({sql}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {schema_editor.quote_name(self.name)} ON {table} USING gin ({column})"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        # The index goes with the column.
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN {schema_editor.quote_name(COLUMN)}")

    def describe(self):
        return f"Add the text-search column and index {self.name} on {self.model_name} (PostgreSQL)"

    @property
    def migration_name_fragment(self):
        return self.name.lower()


# --- Helpers for providers -----------------------------------------------------------------


def in_home_region(user, path):
    """A filter on ``path`` (a region): the visitor's own regions (where they coordinate or
    belong), else the site's default region, as the region-wide pages show them first
    (toolbox_site/regions.py). No query: the access is read with the session."""
    access = access_for(user)
    own = access.coordinated_regions or access.member_regions
    if own:
        return Q(**{f"{path}__in": sorted(own)})
    return Q(**{f"{path}__slug": settings.DEFAULT_REGION})
