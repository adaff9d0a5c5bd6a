"""What the site search (``/zoeken/``) finds: each app adds its own kinds.

The search knows no pillar app. An app adds a kind of hit in its ``AppConfig.ready``::

    from search import registry
    registry.add(_("Services"), services_for, order=30)

**The contract of a provider.** ``provider(user)`` gets the visitor and returns a
:class:`Source`: the rows ``user`` may see (the app's own ``for_user`` queryset, or the
public rows; never a hand-made check), the :class:`Fields` they are searched on, and a
function that makes a :class:`Hit` of a :class:`Row` found. The search asks every
provider, then finds the hits of all kinds in ONE query (:meth:`Query.find`, a UNION ALL
of a part per kind): at most :data:`LIMIT` hits per kind, best first, and how many there
are in all, with full-text search and ranking on PostgreSQL (on the stored, indexed
vector of :class:`AddSearchIndex`) and a simpler word-for-word match elsewhere. A kind
with no hits is left out of the page. The app whose module holds the provider names
the data versions of the cached results (toolbox_site/freshness.py), so a change of its
data shows at once.

A provider in full (documents, say)::

    FIELDS = registry.Fields(titles=("title",), texts=("summary",), hit=("slug",))

    def documents(user):
        return registry.Source(Document.objects.for_user(user), FIELDS, document_hit)

    def document_hit(row):
        url = reverse("documents:detail", kwargs={"slug": row.slug})
        return registry.Hit(row.title, url, row.summary)

and one migration in the app, which PostgreSQL needs (the search reads the stored
vector it adds; nothing happens on other databases), with the fields written out as a
migration keeps them::

    registry.AddSearchIndex("document", "document_search", ("title",), ("summary",))

A test in tests/search checks that each provider's column is there and indexed.
"""

import functools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

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
    QuerySet,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.expressions import Expression, RawSQL
from django.db.models.functions import Cast, RowNumber
from django.db.models.query import EmptyQuerySet
from django.db.models.sql import Query as SQLQuery
from django.utils.translation import ngettext
from psycopg.sql import Literal

from toolbox_site.access import access_for

# The stored text-search vector of a searched table, on PostgreSQL (AddSearchIndex).
COLUMN = "search_vector"
# Hits shown per kind; the rest is counted.
LIMIT = 10
# The most fields a hit is made of beyond its title and summary (Fields.hit).
HIT_FIELDS = 2
# The columns of a row found, after the number of its kind (Query.find): the title and
# summary as shown, the whole summary (to tell where PostgreSQL's headline cut it), the
# place of the row among its kind's (its rank on PostgreSQL, its number elsewhere), and
# the fields of Fields.hit, as text (the parts of a UNION have columns of one type).
COLUMNS = (
    "search_pk",
    "search_total",
    "search_rank",
    "search_title",
    "search_summary",
    "search_text",
    *(f"search_hit_{number}" for number in range(HIT_FIELDS)),
)
# PostgreSQL's text-search configuration: Dutch stemming ("ondersteuners" finds
# "ondersteuner") and stop words.
CONFIG = "dutch"
# ts_headline marks the matched words with these (private-use characters, not found
# in texts), and so does mark_words on other databases; the page's template
# (search/jinja2/search/kinds.html) puts the pieces between them in <mark>.
START, STOP = "\ue000", "\ue001"
# ts_headline's options (constants, written into the statement): a title whole, a
# summary of 15 to 35 words around the best match.
TITLE_OPTIONS = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
SUMMARY_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15"
# On other databases the summary is this long, around the first match.
SUMMARY_CHARACTERS = 220
# The output fields of the search's expressions, made once (a field is costly to make,
# and the search's statement has a few dozen expressions).
TEXT = TextField()
VECTOR = SearchVectorField()


@dataclass(frozen=True)
class Hit:
    title: str  # the title and summary with the matched words between START and STOP
    url: str
    summary: str = ""
    detail: str = ""  # a short note beside the title: a code, who offers it

    @property
    def title_pieces(self):
        return pieces(self.title)

    @property
    def summary_pieces(self):
        return pieces(self.summary)


@dataclass(frozen=True)
class Kind:
    label: str
    hits: list
    total: int

    @property
    def more(self):
        return max(0, self.total - len(self.hits))

    @property
    def more_text(self):
        return ngettext(
            "And %(counter)s more. Add a word to find fewer.",
            "And %(counter)s more. Add a word to find fewer.",
            self.more,
        ) % {"counter": self.more}


@dataclass(frozen=True)
class Fields:
    """What a model is searched on: ``titles`` weigh more than ``texts``; ``title`` and
    ``summary`` are the fields shown (by default the first of each)."""

    titles: tuple
    texts: tuple = ()
    title: str = ""
    summary: str = ""
    # What else the hits are made of (at most HIT_FIELDS): fields, or paths through
    # relations such as "provider__name" (the Row's ``provider_name``, as text). The
    # search reads only these and the shown title and summary, not the whole rows.
    hit: tuple = ()

    def __post_init__(self):
        if len(self.hit) > HIT_FIELDS:
            raise ValueError(f"A hit is made of at most {HIT_FIELDS} fields: {self.hit}")

    @property
    def shown_title(self):
        return self.title or self.titles[0]

    @property
    def shown_summary(self):
        return self.summary or (self.texts[0] if self.texts else "")


@dataclass(frozen=True)
class Source:
    """Where the hits of a kind come from: ``rows``, the rows the visitor may see (a
    queryset); ``fields``, what they are searched on; ``hit``, a function that makes a
    :class:`Hit` of a :class:`Row`."""

    rows: QuerySet
    fields: Fields
    hit: Callable


class Row(SimpleNamespace):
    """A row found: ``pk``, ``title`` and ``summary`` (the matched words marked on
    PostgreSQL, the summary cut around them), ``total`` (the rows of its kind that
    match) and the fields of ``Fields.hit``, "__" written "_"."""


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
    return RawSQL(f"{name(model._meta.db_table)}.{name(COLUMN)}", [], output_field=VECTOR)


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

    def find(self, sources, limit=LIMIT):
        """The best ``limit`` rows of each of ``sources`` that match, as hits, and how
        many rows match: ``[(hits, total), ...]`` in the order of ``sources``. One
        query: a UNION ALL of a part per source (the statements, not the database,
        were most of the search's time, and each its own round trip)."""
        parts = [
            part
            for number, source in enumerate(sources)
            if not isinstance(part := self._part(number, source, limit), EmptyQuerySet)
        ]
        found = [[] for _source in sources]
        if parts:
            for number, *values in parts[0].union(*parts[1:], all=True):
                found[number].append(values)
        return [self._hits(source, rows) for source, rows in zip(sources, found, strict=True)]

    def _part(self, number, source, limit):
        """The part of the query for one source: the kind's number, then the columns of
        :data:`COLUMNS`."""
        fields = source.fields
        summary = fields.shown_summary
        columns = {
            "search_kind": Value(number),
            "search_pk": F("pk"),
            "search_total": Window(Count("*")),
        }
        for place in range(HIT_FIELDS):
            columns[f"search_hit_{place}"] = (
                Cast(fields.hit[place], TEXT)
                if place < len(fields.hit)
                else Value(None, output_field=TEXT)
            )
        if full_text():
            query = self._tsquery
            stored = stored_vector(source.rows.model)
            rank = Rank(stored, query)
            # PostgreSQL makes the headlines (costly) only for the rows shown: it
            # computes them after the sort and limit of the part.
            return (
                source.rows.filter(Matches(stored, query))
                .annotate(
                    **columns,
                    search_rank=rank,
                    search_title=Headline(fields.shown_title, query, TITLE_OPTIONS),
                    search_summary=(
                        Headline(summary, query, SUMMARY_OPTIONS) if summary else Value("")
                    ),
                    search_text=F(summary) if summary else Value(""),
                )
                .order_by("-search_rank", "pk")
                .values_list("search_kind", *COLUMNS)[:limit]
            )
        # Other databases take no ORDER BY or LIMIT in the parts of a UNION: each part
        # numbers its rows and keeps the first ``limit``.
        if not self.words:  # only words left out ("-zorg"): nothing to look for
            return source.rows.none()
        first = Case(When(self._every_word(fields.titles), then=0), default=1)
        ordering = source.rows.query.order_by or source.rows.model._meta.ordering
        return (
            source.rows.filter(self._every_word((*fields.titles, *fields.texts)))
            .annotate(
                **columns,
                search_rank=Window(RowNumber(), order_by=[first, *ordering, "pk"]),
                search_title=F(fields.shown_title),
                search_summary=F(summary) if summary else Value(""),
                search_text=Value(""),
            )
            .filter(search_rank__lte=limit)
            .order_by()
            .values_list("search_kind", *COLUMNS)
        )

    def _hits(self, source, rows):
        """The hits of one source's ``rows`` (tuples of :data:`COLUMNS`), best first,
        and how many rows match."""
        if full_text():  # by rank, highest first
            rows.sort(key=lambda values: (-values[2], values[0]))
        else:  # by the number of the row in its part
            rows.sort(key=lambda values: values[2])
        found = []
        names = [path.replace("__", "_") for path in source.fields.hit]
        for pk, total, _rank, title, summary, text, *hit in rows:
            if full_text():
                summary = cut_marks(summary, text) if summary else ""
            else:
                summary = excerpt(summary or "", self.words)
            title, summary = self._marked(title or ""), self._marked(summary)
            extra = dict(zip(names, hit[: len(names)], strict=True))
            row = Row(pk=pk, total=total, title=title or "", summary=summary, **extra)
            found.append(source.hit(row))
        return found, (rows[0][1] if rows else 0)

    def _marked(self, text):
        """``text`` with the words matched marked: by PostgreSQL's headline, else (other
        databases, or a headline that marked none: a word found only within a longer
        one) each occurrence of the words typed."""
        return text if START in text else mark_words(text, self.words)

    @functools.cached_property
    def _tsquery(self):
        return WrittenOutQuery(self.text)

    def _every_word(self, names):
        """Every word in one of the fields ``names`` (the match of other databases)."""
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


def mark_words(text, words):
    """``text`` with each occurrence of one of ``words`` (case-insensitive) between
    START and STOP, as PostgreSQL's headline marks the words it matched."""
    words = sorted({word for word in words if word}, key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return pattern.sub(lambda match: f"{START}{match.group()}{STOP}", text)


def pieces(text):
    """``text`` in pieces ``(piece, is_match)``: the parts between the marks of
    :func:`mark_words` or PostgreSQL's headline, for the template, which escapes each
    piece and puts the matches in <mark>."""
    return [
        (piece, number % 2 == 1)
        for number, piece in enumerate(re.split(f"[{START}{STOP}]", text))
        if piece
    ]


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
    """The kinds with hits for ``text`` that ``user`` may see, in order: one query."""
    kinds = [(label, provider(user)) for _order, label, provider in _providers]
    found = Query(text).find([source for _label, source in kinds])
    return [
        Kind(str(label), hits, total)
        for (label, _source), (hits, total) in zip(kinds, found, strict=True)
        if total
    ]


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
