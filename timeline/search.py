"""Full-text search over events: every word of the query must appear in the
event's title, summary or one of its quoted sentences; each word also matches
as a prefix ("summ" finds "summit"), so results appear while a user types.

SQLite uses the FTS5 tables and PostgreSQL the GIN indexes that
timeline/search_schema.py installs. Any other database, or a query with no
words in it, falls back to case-insensitive substring matching. User text
only ever reaches the database as a query parameter.
"""

import functools
import json
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import BooleanField, F, Func, Q, Value
from django.db.models.expressions import RawSQL

from .search_schema import CITATION_FTS, CONFIG, EVENT_FTS, event_document, quote_document, sqlite_has_fts5

MAX_WORDS = 12
# Letters and digits in any script; the same runs both databases' tokenizers index.
WORD = re.compile(r"[^\W_]+")

SQLITE_MATCH = (
    f"SELECT rowid FROM {EVENT_FTS} WHERE {EVENT_FTS} MATCH %s "
    f"UNION SELECT event_id FROM timeline_citation WHERE id IN "
    f"(SELECT rowid FROM {CITATION_FTS} WHERE {CITATION_FTS} MATCH %s)"
)


def search_words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text or "")][:MAX_WORDS]


def fts5_prefix_query(word: str) -> str:
    """A quoted FTS5 string is a literal phrase: no operator or column syntax inside it can act."""
    return '"' + word.replace('"', '""') + '"*'


def tsquery_prefix(word: str) -> str:
    # search_words leaves only letters and digits, none of which is tsquery syntax.
    return f"{word}:*"


@functools.cache
def _fts5_available() -> bool:
    return sqlite_has_fts5()


def _has_index(vendor: str) -> bool:
    """Whether words are matched on a full-text index on this database (else by substrings)."""
    return vendor == "postgresql" or (vendor == "sqlite" and _fts5_available())


def search_events(queryset, text: str, *, walk: bool = False):
    """Events of `queryset` matching every word of `text` (see module docstring). `walk`: a
    list of many matches, better walked in order than looked up (see WALK_FROM)."""
    words = search_words(text)
    if not words:
        return substring_search(queryset, text)
    vendor = connections[queryset.db].vendor
    if not _has_index(vendor):
        return substring_search(queryset, text)
    if walk:
        queryset, column = walked(queryset), "walked_id"
    else:
        column = "pk"
    if vendor == "sqlite":
        return _sqlite_search(queryset, words, column)
    return _postgres_search(queryset, words, column)


def walked(queryset):
    """`queryset` with its id as an expression, walked_id: no index can answer a test of it, so
    the database walks the index the query's order or other filters choose, and tests each
    event against the matches as it comes."""
    return queryset.alias(walked_id=F("pk") + 0)


# From this many matches, a page of the list is found faster by walking the events in the
# list's order and keeping the matched ones (for a broad search, a few hundred index entries
# give fifty) than by looking up every match and sorting them all. SQLite cannot tell which
# without statistics; PostgreSQL estimates the matches and chooses itself (told to walk, it
# tested every event against every match), so only SQLite is told.
WALK_FROM = 10_000
# Beyond this many matches the ids are not kept (a few megabytes a request): every use
# then matches the words again, as before there was a TextSearch.
MAX_KEPT = 250_000


@dataclass(frozen=True)
class Matches:
    """A search's matching events, as the database tests them best: on SQLite a subquery (the
    kept ids as a JSON list, or past MAX_KEPT the match itself), on PostgreSQL the kept ids as
    an array's text (see AnyOf)."""

    count: int  # at least this many
    subquery: RawSQL | None = None
    array: str = ""

    def filter(self, queryset, column: str = "pk"):
        """`queryset`, kept to the events whose `column` is a match."""
        if self.array:
            return queryset.filter(AnyOf(F(column), Value(self.array)))
        return queryset.filter(**{f"{column}__in": self.subquery})

    def condition(self, column: str) -> tuple[str, list]:
        """(SQL, params) true where `column` (SQL the caller writes) is a match."""
        if self.array:
            return f"{column} = ANY(CAST(%s AS bigint[]))", [self.array]
        return f"{column} IN ({self.subquery.sql})", list(self.subquery.params)


class AnyOf(Func):
    """`expression` = ANY(an array of ids given as its text). PostgreSQL estimates the rows this
    keeps from the array; of "IN (SELECT unnest(...))" it guessed 200, and so looked up every one
    of a broad search's matches by key (at a million events, 160,000 of them: 0.7 s for the list,
    against 43 ms walking the date index with the ids hashed)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        (column, column_params), (array, array_params) = (compiler.compile(e) for e in self.source_expressions)
        return f"{column} = ANY(CAST({array} AS bigint[]))", [*column_params, *array_params]


class TextSearch:
    """One text search, matched against the index once however many querysets it filters.

    A page applies its search to the list of events and to each of its four facet counts;
    matched afresh each time, the index was read five times (at 100,000 events, most of a
    two-word search's time). The first use reads the matching event ids, and every use
    filters by that list.
    Make one per request: the ids are not kept current with later edits."""

    def __init__(self, text: str):
        self.text = text
        self._matches = {}  # by database alias; None when nothing matches
        # How many events the list holds, when that is known before it is built (from the cached
        # facets) and the matches are not read: a long list is then walked in order all the same.
        self.listed = None

    def indexed(self, using: str) -> bool:
        """Whether the words are matched on an index (else by substrings, with nothing to keep)."""
        return bool(search_words(self.text)) and _has_index(connections[using].vendor)

    def pays_to_keep(self, using: str, *, alone: bool) -> bool:
        """Whether reading the matching ids once beats matching at every use. On SQLite it
        does: each match is two index reads, a union, and a lookup of every matching quote's
        event. On PostgreSQL one word's GIN match costs about what filtering by the list does,
        so it pays for a search on its own (its facets are then counted in one query) or of
        several words (each one more match, and their intersection)."""
        return alone or connections[using].vendor == "sqlite" or len(search_words(self.text)) > 1

    def filter(self, queryset, *, in_order: bool = False):
        """`queryset`, kept to the matches. `in_order`: it is a list, read in its order a page
        at a time: it uses the matches if a count has read them, and on SQLite walks the
        events in order from WALK_FROM of them (a count wants every match looked up instead).
        Read for the list alone, every id would cost more than matching in its own query."""
        walks = in_order and connections[queryset.db].vendor == "sqlite"
        if not self.indexed(queryset.db) or (in_order and queryset.db not in self._matches):
            return search_events(queryset, self.text, walk=walks and (self.listed or 0) >= WALK_FROM)
        matches = self.matches(queryset.model, queryset.db)
        if matches is None:
            return queryset.none()
        if walks and matches.count >= WALK_FROM:
            return matches.filter(walked(queryset), "walked_id")
        return matches.filter(queryset)

    def matches(self, model, using: str) -> Matches | None:
        """The `model` events that match, None when none does; read on the first call.
        Only for an indexed search."""
        if using not in self._matches:
            self._matches[using] = self._read(model, using)
        return self._matches[using]

    def _read(self, model, using: str) -> Matches | None:
        sql, params = matching_ids(model, using, self.text)
        # Read with a plain cursor: tens of thousands of ids through the ORM's iterator
        # cost as much as matching them.
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchmany(MAX_KEPT + 1)]
        if len(ids) > MAX_KEPT:
            return Matches(len(ids), RawSQL(sql, params))
        return kept(ids, connections[using].vendor) if ids else None


def kept(ids: list[int], vendor: str) -> Matches:
    """`ids` as Matches, passed as one parameter however many there are (a parameter per id
    would soon pass SQLite's and PostgreSQL's limits). PostgreSQL's array is written as text
    once: adapted as a list, it was converted again at every use."""
    if vendor == "postgresql":
        return Matches(len(ids), array="{" + ",".join(map(str, ids)) + "}")
    return Matches(len(ids), RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),)))


def matching_ids(model, using: str, text: str) -> tuple[str, list]:
    """(SQL, params) yielding the id of every event matching every word of `text` (indexed)."""
    if connections[using].vendor == "sqlite":
        # Off the indexes alone: each word's matches are the union of the matching events and
        # the events of the matching quotes, and the words' matches intersect. Filtering the
        # events by them looked every id up in the events again: 10-20% of a search's time
        # at 100,000 events. Every id the indexes give is an event's (the triggers keep the
        # FTS tables so, and a citation's event is a foreign key).
        selects, params = [], []
        for number, word in enumerate(search_words(text)):
            sql, word_params = _sqlite_matches(word)
            selects.append(f"SELECT * FROM ({sql}) AS word{number}")
            params += word_params
        return " INTERSECT ".join(selects), params
    words = search_words(text)
    if len(words) == 1:
        # One word's matches as they are: filtering the events by them joined every event (at a
        # million events, 160,000 matches: 350-440 ms, against 250 read alone).
        return _postgres_matches(model, words[0]).query.get_compiler(using=using).as_sql()
    # PostgreSQL plans a filter of the events by each word better than the intersection of
    # the words' matches (three words at 100,000 events: 143 ms, against 203).
    everything = model._base_manager.db_manager(using).all()
    matching = search_events(everything, text).order_by().values_list("pk")
    return matching.query.get_compiler(using=using).as_sql()


def _sqlite_search(queryset, words, column: str):
    for word in words:
        queryset = queryset.filter(**{f"{column}__in": RawSQL(*_sqlite_matches(word))})
    return queryset


def _sqlite_matches(word: str) -> tuple[str, list]:
    """The ids of the events matching `word`, in their text or a quote's."""
    match = fts5_prefix_query(word)
    return SQLITE_MATCH, [match, match]


def _postgres_search(queryset, words, column: str):
    for word in words:
        # One UNION subquery, not "IN a OR IN b": PostgreSQL can then read both GIN
        # indexes and join, instead of testing every event against two hashed lists.
        queryset = queryset.filter(**{f"{column}__in": _postgres_matches(queryset.model, word)})
    return queryset


def _postgres_matches(Event, word: str):
    """The ids of the events matching `word`, in their text or a quote's: a UNION of two GIN reads.
    The models come from the caller, so this module needs none of models.py (which imports it)."""
    Citation = Event._meta.get_field("citations").related_model
    query = SearchQuery(tsquery_prefix(word), search_type="raw", config=CONFIG)
    in_events = Event.objects.annotate(document=event_document()).filter(document=query).values("pk").order_by()
    in_quotes = Citation.objects.annotate(document=quote_document()).filter(document=query).values("event_id")
    return in_events.union(in_quotes.order_by()).order_by()


def substring_search(queryset, text: str):
    """The fallback: every whitespace-separated part must appear somewhere."""
    for part in (text or "").split()[:MAX_WORDS]:
        queryset = queryset.filter(
            Q(title__icontains=part) | Q(summary__icontains=part) | Q(citations__quote__icontains=part)
        )
    return queryset.distinct()
