"""Events ready for export, read in chunks together with their actors and sources.

Each chunk of events costs one query for its actors and one for its
citations (for CSV both are answered from the covering unique indexes), plus
one each for the actors and sources not met before: the number of queries
depends on the number of chunks, never on what is in them. Rows are plain
values rather than model instances: this is what keeps a 100,000-event export
fast and its memory flat."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from django.db import connections
from django.db.models import F, Lookup
from django.db.models.sql.constants import MULTI

from ..date_labels import date_label
from ..models import Actor, Citation, Participation, Source

SPEAKER = Participation.Role.SPEAKER.value

CHUNK_SIZE = 2000
# Actors and sources are few next to events; the caches are emptied past this size to keep memory flat.
CACHE_LIMIT = 20_000
EVENT_FIELDS = (
    "id",
    "slug",
    "title",
    "kind",
    "date_start",
    "date_end",
    "date_precision",
    "location",
    "summary",
    "status",
    "quote",
)

# Many events share their dates, so each label is worked out once.
cached_date_label = lru_cache(maxsize=4096)(date_label)


class SourceInfo(NamedTuple):
    id: int
    title: str
    publisher: str
    url: str
    published_on: date | None
    origin: str


class Cited(NamedTuple):
    source: SourceInfo
    quote: str
    date_text: str


EMPTY = ()


@dataclass(slots=True, frozen=True)
class ExportEvent:
    id: int
    slug: str
    title: str
    kind: str
    date_start: date
    date_end: date | None
    date_precision: str
    location: str
    summary: str
    status: str
    quote: str  # a statement's words, as quoted
    actors: Sequence[str]
    speakers: Sequence[str]  # who made the statement
    sources: Sequence[SourceInfo]  # each article once, by origin
    citations: Sequence[Cited]  # every quoted sentence, when quotes were asked for

    @property
    def date_label(self) -> str:
        return cached_date_label(self.date_start, self.date_end, self.date_precision)


class Chunk(NamedTuple):
    """Up to CHUNK_SIZE event rows (EVENT_FIELDS) and, by event id, what they refer to."""

    rows: tuple[tuple, ...]
    actors: dict[int, list[str]]
    speakers: dict[int, list[str]]
    sources: dict[int, list[SourceInfo]]
    citations: dict[int, list[Cited]]


class IdIn(Lookup):
    """`column IN (ids)` for ids that are already integers read from the database.

    Django's own `__in` prepares and checks every value in Python, which costs
    more than the rest of a chunk's work; these values only need int()."""

    lookup_name = "id_in"

    def get_prep_lookup(self):
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.lhs)
        placeholders = ", ".join(["%s"] * len(self.rhs)) or "NULL"
        return f"{column} IN ({placeholders})", [*params, *self.rhs]

    def as_postgresql(self, compiler, connection):
        # One parameter, an array literal: PostgreSQL plans it at once instead of
        # thousands of placeholders, and the driver quotes one string, not each number.
        column, params = compiler.compile(self.lhs)
        return f"{column} = ANY(%s::bigint[])", [*params, "{" + ",".join(map(str, self.rhs)) + "}"]


def with_ids(queryset, column: str, ids):
    return queryset.filter(IdIn(F(column), list(ids)))


def fetch(queryset, *fields) -> list[tuple]:
    """A chunk's worth of rows straight from the cursor, all at once.

    Only integers, text and dates are read this way, which both databases'
    drivers already return as Python values (Django's SQLite backend declares
    its date converter to the driver), so Django's per-row conversion machinery,
    most of the cost of these small rows, is skipped."""
    sql, params = queryset.values_list(*fields).query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def row_chunks(queryset, fields, size: int):
    """The rows of `values_list(*fields)`, `size` at a time, as the cursor gives
    them: server-side on PostgreSQL, so memory stays flat, and without Django's
    per-row conversion, which `fetch` explains."""
    compiler = queryset.values_list(*fields).query.get_compiler(queryset.db)
    return compiler.execute_sql(MULTI, chunked_fetch=True, chunk_size=size)


def unchanged(text: str) -> str:
    return text


class RowCache:
    """id → row for the actors or sources met so far; one query per chunk fetches the new ones."""

    def __init__(self, queryset, fields, make):
        self.queryset, self.fields, self.make, self.rows = queryset, fields, make, {}

    def load(self, ids) -> dict:
        wanted = set(ids)
        missing = wanted.difference(self.rows)
        if missing:
            if len(self.rows) + len(missing) > CACHE_LIMIT:
                self.rows, missing = {}, wanted
            for row in fetch(with_ids(self.queryset, "id", missing), *self.fields):
                self.rows[row[0]] = self.make(*row)
        return self.rows


def actor_lookup(cell=unchanged) -> RowCache:
    return RowCache(Actor.objects.order_by(), ("id", "name"), make=lambda pk, name: cell(name))


def source_lookup(cell=unchanged) -> RowCache:
    def make(pk, title, outlet, url, published_on, origin):
        return SourceInfo(pk, cell(title), cell(outlet or ""), cell(url) if url else url, published_on, origin)

    columns = ("id", "title", "outlet__name", "url", "published_on", "origin")
    return RowCache(Source.objects.order_by(), columns, make=make)


def actor_names_by_event(ids: list[int], names: RowCache) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """(every actor's name, the speakers' names) in the order they were recorded for each event."""
    rows = with_ids(Participation.objects, "event_id", ids).order_by("event_id", "id")
    rows = fetch(rows, "event_id", "actor_id", "role")
    known = names.load(row[1] for row in rows)
    found, speakers = defaultdict(list), defaultdict(list)
    for event_id, actor_id, role in rows:
        found[event_id].append(known[actor_id])
        if role == SPEAKER:
            speakers[event_id].append(known[actor_id])
    return found, speakers


def by_origin(source: SourceInfo) -> str:
    return source.origin


def sources_by_event(ids: list[int], sources: RowCache) -> dict[int, list[SourceInfo]]:
    """Each cited article once per event, ordered by origin."""
    pairs = with_ids(Citation.objects, "event_id", ids).order_by("event_id", "source_id").distinct()
    pairs = fetch(pairs, "event_id", "source_id")
    known = sources.load(source for _, source in pairs)
    found = defaultdict(list)
    for event_id, source_id in pairs:
        found[event_id].append(known[source_id])
    for cited in found.values():
        if len(cited) > 1:
            cited.sort(key=by_origin)
    return found


def citations_by_event(ids: list[int], sources: RowCache) -> dict[int, list[Cited]]:
    """Every quoted sentence, by article (origin) and then position in it."""
    rows = with_ids(Citation.objects, "event_id", ids).order_by("event_id", "source_id", "quote_start")
    rows = fetch(rows, "event_id", "source_id", "quote", "date_text")
    known = sources.load(row[1] for row in rows)
    found = defaultdict(list)
    for event_id, source_id, quote, date_text in rows:
        found[event_id].append(Cited(known[source_id], quote, date_text))
    for cited in found.values():
        if len(cited) > 1:
            cited.sort(key=lambda item: item.source.origin)  # stable: positions stay in order
    return found


def distinct_sources(citations: dict[int, list[Cited]]) -> dict[int, list[SourceInfo]]:
    return {
        event_id: list({item.source.id: item.source for item in cited}.values())
        for event_id, cited in citations.items()
    }


def export_chunks(queryset, quotes: bool = False, chunk_size: int | None = None, cell=unchanged):
    """Chunks of the queryset's events, in its order; `quotes=True` also loads
    every quoted sentence (the JSON export shows them). `cell` rewrites actor
    names and source titles and URLs once, as they are first read, rather than
    in every row that repeats them (the CSV export makes them spreadsheet-safe)."""
    size = chunk_size or CHUNK_SIZE
    names, sources = actor_lookup(cell), source_lookup(cell)
    for rows in row_chunks(queryset, EVENT_FIELDS, size):
        ids = [row[0] for row in rows]
        actors, speakers = actor_names_by_event(ids, names)
        if quotes:
            citations = citations_by_event(ids, sources)
            yield Chunk(rows, actors, speakers, distinct_sources(citations), citations)
        else:
            yield Chunk(rows, actors, speakers, sources_by_event(ids, sources), {})


def export_batches(queryset, quotes: bool = False, chunk_size: int | None = None):
    """The same chunks as lists of ExportEvent, for the formats that are not about raw speed."""
    for chunk in export_chunks(queryset, quotes, chunk_size):
        get_actors, get_speakers = chunk.actors.get, chunk.speakers.get
        get_sources, get_citations = chunk.sources.get, chunk.citations.get
        yield [
            ExportEvent(
                *row,
                get_actors(row[0], EMPTY),
                get_speakers(row[0], EMPTY),
                get_sources(row[0], EMPTY),
                get_citations(row[0], EMPTY),
            )
            for row in chunk.rows
        ]
