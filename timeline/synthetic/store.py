"""Writing a synthetic plan to the database in bulk, and telling synthetic rows from real ones.

Synthetic sources carry an origin under "synthetic/", so every synthetic event
cites one; synthetic actors carry a fixed description. No model field is needed.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import batched

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from .. import appearance_schema, tally_schema
from ..models import (
    Actor,
    Appearance,
    Citation,
    Event,
    EventTally,
    KindTally,
    Outlet,
    Participation,
    PlaceMonthTally,
    PlaceTally,
    Source,
    own_columns,
)
from .plan import SyntheticPlan

ORIGIN_PREFIX = "synthetic/"
ACTOR_NOTE = "Synthetic actor, generated for benchmarks; not a real person or body."
BATCH_SIZE = 2000


def synthetic_sources():
    return Source.objects.filter(origin__startswith=ORIGIN_PREFIX)


def synthetic_events():
    return Event.objects.filter(
        Exists(Citation.objects.filter(event=OuterRef("pk"), source__origin__startswith=ORIGIN_PREFIX))
    )


def real_events():
    return Event.objects.exclude(
        Exists(Citation.objects.filter(event=OuterRef("pk"), source__origin__startswith=ORIGIN_PREFIX))
    )


def clear_synthetic() -> int:
    """Remove earlier synthetic rows. Raw deletes: the collector would load
    every row and write a history record for each, which takes minutes at 100,000."""
    with transaction.atomic():
        event_ids = list(synthetic_events().values_list("pk", flat=True))
        for ids in batched(event_ids, 5000):
            Citation.objects.filter(event__in=ids)._raw_delete(Citation.objects.db)
            Participation.objects.filter(event__in=ids)._raw_delete(Participation.objects.db)
            Event.objects.filter(pk__in=ids)._raw_delete(Event.objects.db)
        Citation.objects.filter(source__origin__startswith=ORIGIN_PREFIX)._raw_delete(Citation.objects.db)
        synthetic_sources()._raw_delete(Source.objects.db)
        Actor.objects.filter(description=ACTOR_NOTE, participations__isnull=True)._raw_delete(Actor.objects.db)
    return len(event_ids)


def insert_rows(model, names: list[str], rows: list[tuple]) -> int:
    """Rows straight into the table: bulk_create spends most of its time building
    model instances (half a minute at 100,000 events). PostgreSQL takes COPY,
    ten times faster than multi-row INSERTs; others take parameterised INSERTs."""
    fields = [model._meta.get_field(name) for name in names]
    table, columns = model._meta.db_table, [field.column for field in fields]
    if connection.vendor == "postgresql":
        _copy_rows(table, columns, rows)
        return len(rows)
    ops = connection.ops
    dates = [i for i, field in enumerate(fields) if field.get_internal_type() == "DateField"]
    rows = [_adapt_dates(row, dates) for row in rows] if dates else rows
    per_statement = min(500, (connection.features.max_query_params or 999) // len(fields))
    head = f"INSERT INTO {ops.quote_name(table)} ({', '.join(map(ops.quote_name, columns))}) VALUES "
    placeholders = "({})".format(", ".join(["%s"] * len(fields)))
    with connection.cursor() as cursor:
        for batch in batched(rows, per_statement):
            cursor.execute(head + ", ".join([placeholders] * len(batch)), [value for row in batch for value in row])
    return len(rows)


def _copy_rows(table: str, columns: list[str], rows: list[tuple]):
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _adapt_dates(row: tuple, positions: list[int]) -> tuple:
    values = list(row)
    for i in positions:
        values[i] = connection.ops.adapt_datefield_value(values[i])
    return tuple(values)


def write_plan(plan: SyntheticPlan, progress: Callable[[int], None] = lambda done: None) -> dict:
    """Insert the plan in batches inside one transaction; returns row counts."""
    with (
        transaction.atomic(),
        sqlite_cache(megabytes=128),
        tally_schema.TRIGGERS.rebuilt_afterwards(connection),
        appearance_schema.TRIGGERS.rebuilt_afterwards(connection),
    ):
        actors = Actor.objects.bulk_create(
            [
                Actor(name=a.name, slug=a.slug, kind=a.kind, country=a.country, role=a.role, description=ACTOR_NOTE)
                for a in plan.actors
            ],
            batch_size=BATCH_SIZE,
        )
        outlets = {
            name: Outlet.objects.get_or_create(name=name)[0] for name in sorted({s.publisher for s in plan.sources})
        }
        sources = Source.objects.bulk_create(
            [
                Source(
                    title=s.title,
                    outlet=outlets[s.publisher],
                    url=s.url,
                    published_on=s.published_on,
                    origin=f"{ORIGIN_PREFIX}{s.number:05d}.txt",
                    text=s.text,
                    language="en",
                    reference_date=s.published_on,
                    reference_note="Synthetic: the publication date.",
                    reference_confidence=1.0,
                )
                for s in plan.sources
            ],
            batch_size=BATCH_SIZE,
        )
        ids = EventIds(actors=[a.pk for a in actors], sources=[s.pk for s in sources], plan=plan)
        counts = {"actors": len(actors), "sources": len(sources), "events": 0, "participations": 0, "citations": 0}
        first_id = (Event.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        for offset in range(0, len(plan.events), BATCH_SIZE):
            chunk = plan.events[offset : offset + BATCH_SIZE]
            for name, n in _write_events(chunk, first_id + offset, ids).items():
                counts[name] += n
            progress(counts["events"])
        _reset_sequences()
    return counts


@contextmanager
def sqlite_cache(megabytes: int):
    """A big insert into SQLite spends most of its time re-reading index pages
    evicted from the default 2 MB page cache; a larger cache makes it I/O-free."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-1024 * int(megabytes)}")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


@dataclass
class EventIds:
    actors: list[int]
    sources: list[int]
    plan: SyntheticPlan


EVENT_COLUMNS = ["id", *own_columns(Event)]
PARTICIPATION_COLUMNS = ["event", "actor", "role"]
CITATION_COLUMNS = ["event", "source", "quote", "quote_start", "quote_end", "date_text", "date_reasoning"]


def _write_events(chunk: list, first_id: int, ids: EventIds) -> dict:
    events, participations, citations = [], [], []
    created_at = timezone.now()
    for event_id, e in enumerate(chunk, start=first_id):
        events.append(
            (
                event_id,
                e.title,
                e.slug,
                e.kind,
                e.date_start,
                e.date_end,
                e.date_precision,
                f"Synthetic: read from '{e.citations[0][2]}'.",
                e.location,
                e.summary,
                "",  # quote: synthetic statements quote nobody
                e.status,
                False,
                e.confidence,
                "",
                None,
                created_at,
            )
        )
        for position, actor in enumerate(e.actors):
            role = "host" if position == 0 and len(e.actors) > 1 else "participant"
            participations.append((event_id, ids.actors[actor], role))
        for source, sentence, date_text in e.citations:
            start, end = ids.plan.sources[source].sentence_spans[sentence]
            quote = ids.plan.sources[source].text[start:end]
            reasoning = f"Synthetic: '{date_text}' read against the publication date."
            citations.append((event_id, ids.sources[source], quote, start, end, date_text, reasoning))
    return {
        "events": insert_rows(Event, EVENT_COLUMNS, events),
        "participations": insert_rows(Participation, PARTICIPATION_COLUMNS, participations),
        "citations": insert_rows(Citation, CITATION_COLUMNS, citations),
    }


def refresh_statistics():
    """Freshly bulk-loaded PostgreSQL tables have no planner statistics (and no
    visibility map for index-only scans) until autovacuum comes by, minutes later;
    until then the planner guesses badly, so a loader gathers them at once."""
    if connection.vendor != "postgresql":
        return
    # VACUUM cannot run inside a transaction (a test's, for one); ANALYZE can.
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        # The tables the triggers filled are bulk-loaded too: without statistics the planner
        # takes a year of appearances for one row, and each index-only scan visits the heap.
        derived = (Appearance, EventTally, KindTally, PlaceTally, PlaceMonthTally)
        for model in (Actor, Source, Event, Participation, Citation, *derived):
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


def _reset_sequences():
    """Events were inserted with explicit ids; PostgreSQL's sequence must move past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Event])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
