"""The triggers that keep the tallies current, installed by a migration.

The database itself counts, on every insert, update and delete of an event or a
participation, whatever wrote it: the admin, a review merge or split, loading.py's
bulk loads, the synthetic generator's raw inserts and deletes. Nothing in Python
has to remember to.

Each event counts once under actor 0 (every event) and once under each of its
actors, in five tallies: EventTally, keyed by kind, the months it starts and
ends in and its precision (tallies.py explains why those keys answer the page's
filters exactly); YearTally, by kind and the years it starts and ends in;
KindTally, by kind alone; PlaceTally, by kind and location; PlaceMonthTally, by
kind, months and location.
Either table may be written first: an event counts the participations already
there, a participation counts only when its event exists, and deletes undo the
same way round, so the order a cascade or a bulk load takes does not matter.

On SQLite, a later migration that rebuilds timeline_event or timeline_participation
(Django does that for most column changes) drops that table's triggers: such a
migration must end with RunPython(install, uninstall) again. tests/test_tallies.py
checks the triggers exist after all migrations.
"""

from dataclasses import dataclass

from .trigger_sets import TriggerSet

EVENT_COLUMNS = ("kind", "date_start", "date_end", "date_precision", "location")
SQLITE_TRIGGERS = (
    "timeline_tally_event_insert",
    "timeline_tally_event_delete",
    "timeline_tally_event_update",
    "timeline_tally_participation_insert",
    "timeline_tally_participation_delete",
    "timeline_tally_participation_update",
)
POSTGRES_TRIGGERS = (
    ("timeline_tally_event_change", "timeline_event"),
    ("timeline_tally_event_update", "timeline_event"),
    ("timeline_tally_participation_change", "timeline_participation"),
)
POSTGRES_FUNCTIONS = (
    "timeline_tally_event()",
    "timeline_tally_participation()",
    "timeline_tally_add(bigint[], timeline_event, integer)",
)


@dataclass(frozen=True)
class Tally:
    table: str
    columns: tuple[str, ...]  # after actor_id

    @property
    def key(self) -> str:
        return ", ".join(("actor_id", *self.columns))


TALLIES = (
    Tally("timeline_eventtally", ("kind", "start_month", "end_month", "date_precision")),
    Tally("timeline_kindtally", ("kind",)),
    Tally("timeline_placetally", ("kind", "location")),
    Tally("timeline_placemonthtally", ("kind", "start_month", "end_month", "location")),
    Tally("timeline_yeartally", ("kind", "start_year", "end_year")),
)
# What migrations 0007 to 0010 kept, before 0011 added YearTally: a fresh database runs
# 0007 before that table exists, and 0011 going back must leave these triggers.
TALLIES_BEFORE_YEARS = tuple(t for t in TALLIES if t.table != "timeline_yeartally")


def sqlite_values(row: str) -> dict[str, str]:
    """Each tally column's value for `row` (an event: new, old or e), in SQLite."""
    last_day = (
        f"COALESCE({row}.date_end, CASE {row}.date_precision WHEN 'year' "
        f"THEN date({row}.date_start, 'start of year', '+11 months') ELSE {row}.date_start END)"
    )
    return {
        "kind": f"{row}.kind",
        "start_month": f"date({row}.date_start, 'start of month')",
        "end_month": f"date({last_day}, 'start of month')",
        "start_year": f"CAST(strftime('%Y', {row}.date_start) AS INTEGER)",
        # The last day's year: a year- or month-precise event without an end ends in its start's year.
        "end_year": f"CAST(strftime('%Y', COALESCE({row}.date_end, {row}.date_start)) AS INTEGER)",
        "date_precision": f"{row}.date_precision",
        "location": f"{row}.location",
    }


POSTGRES_VALUES = {
    "kind": "e.kind",
    "start_month": "date_trunc('month', e.date_start)::date",
    "end_month": "date_trunc('month', COALESCE(e.date_end, CASE WHEN e.date_precision = 'year' "
    "THEN (date_trunc('year', e.date_start) + interval '11 months')::date ELSE e.date_start END))::date",
    "start_year": "EXTRACT(YEAR FROM e.date_start)::integer",
    "end_year": "EXTRACT(YEAR FROM COALESCE(e.date_end, e.date_start))::integer",
    "date_precision": "e.date_precision",
    "location": "e.location",
}


# --- SQLite -------------------------------------------------------------------


def sqlite_add(actors: str, row: str, where: str, tallies=TALLIES) -> str:
    """Count `row` once more under each actor id that `actors` selects (FROM ... WHERE `where`)."""
    values = sqlite_values(row)
    return " ".join(
        f"INSERT INTO {t.table} ({t.key}, events) SELECT {actors}, {', '.join(values[c] for c in t.columns)}, 1 "
        f"{where} ON CONFLICT ({t.key}) DO UPDATE SET events = events + 1;"
        for t in tallies
    )


def sqlite_remove(actors: str, row: str, tallies=TALLIES) -> str:
    """Count `row` once less under the actor ids `actors` (a subquery)."""
    values = sqlite_values(row)
    return " ".join(
        f"UPDATE {t.table} SET events = events - 1 WHERE actor_id IN ({actors}) AND "
        + " AND ".join(f"{c} = {values[c]}" for c in t.columns)
        + ";"
        for t in tallies
    )


def sqlite_event(row: str, add: bool, tallies=TALLIES) -> str:
    """The event `row` under actor 0 and under each participation it already has."""
    if add:
        # "WHERE true" tells SQLite's parser that ON CONFLICT belongs to the INSERT, not a join.
        return sqlite_add("0", row, "WHERE true", tallies) + sqlite_add(
            "p.actor_id", row, f"FROM timeline_participation p WHERE p.event_id = {row}.id", tallies
        )
    return sqlite_remove(
        f"SELECT 0 UNION ALL SELECT actor_id FROM timeline_participation WHERE event_id = {row}.id", row, tallies
    )


def sqlite_participation(row: str, add: bool, tallies=TALLIES) -> str:
    """The participation `row`, counted under its actor only while its event exists."""
    if add:
        return sqlite_add(f"{row}.actor_id", "e", f"FROM timeline_event e WHERE e.id = {row}.event_id", tallies)
    values = sqlite_values("e")
    return " ".join(
        f"UPDATE {t.table} SET events = events - 1 WHERE ({t.key}) IN (SELECT {row}.actor_id, "
        f"{', '.join(values[c] for c in t.columns)} FROM timeline_event e WHERE e.id = {row}.event_id);"
        for t in tallies
    )


def sqlite_statements(tallies=TALLIES) -> list[str]:
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in EVENT_COLUMNS)
    moved = "old.event_id IS NOT new.event_id OR old.actor_id IS NOT new.actor_id"
    return [
        "CREATE TRIGGER timeline_tally_event_insert AFTER INSERT ON timeline_event "
        f"BEGIN {sqlite_event('new', True, tallies)} END",
        "CREATE TRIGGER timeline_tally_event_delete AFTER DELETE ON timeline_event "
        f"BEGIN {sqlite_event('old', False, tallies)} END",
        f"CREATE TRIGGER timeline_tally_event_update AFTER UPDATE OF {', '.join(EVENT_COLUMNS)} ON timeline_event "
        f"WHEN {changed} BEGIN {sqlite_event('old', False, tallies)} {sqlite_event('new', True, tallies)} END",
        "CREATE TRIGGER timeline_tally_participation_insert AFTER INSERT ON timeline_participation "
        f"BEGIN {sqlite_participation('new', True, tallies)} END",
        "CREATE TRIGGER timeline_tally_participation_delete AFTER DELETE ON timeline_participation "
        f"BEGIN {sqlite_participation('old', False, tallies)} END",
        "CREATE TRIGGER timeline_tally_participation_update "
        "AFTER UPDATE OF event_id, actor_id ON timeline_participation "
        f"WHEN {moved} BEGIN {sqlite_participation('old', False, tallies)} "
        f"{sqlite_participation('new', True, tallies)} END",
    ]


# --- PostgreSQL ----------------------------------------------------------------


def postgres_statements(tallies=TALLIES) -> list[str]:
    upserts = ";\n".join(
        f"INSERT INTO {t.table} ({t.key}, events) "
        f"SELECT actor, {', '.join(POSTGRES_VALUES[c] for c in t.columns)}, delta FROM unnest(actors) AS actor "
        f"ON CONFLICT ({t.key}) DO UPDATE SET events = {t.table}.events + EXCLUDED.events"
        for t in tallies
    )
    changed = ", ".join(EVENT_COLUMNS)
    return [
        f"CREATE FUNCTION timeline_tally_add(actors bigint[], e timeline_event, delta integer) RETURNS void AS $$\n"
        f"{upserts}\n$$ LANGUAGE sql",
        """CREATE FUNCTION timeline_tally_event() RETURNS trigger AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                PERFORM timeline_tally_add(
                    ARRAY[0] || ARRAY(SELECT actor_id FROM timeline_participation WHERE event_id = OLD.id), OLD, -1);
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN
                PERFORM timeline_tally_add(
                    ARRAY[0] || ARRAY(SELECT actor_id FROM timeline_participation WHERE event_id = NEW.id), NEW, 1);
            END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        """CREATE FUNCTION timeline_tally_participation() RETURNS trigger AS $$
        DECLARE e timeline_event;
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                SELECT * INTO e FROM timeline_event WHERE id = OLD.event_id;
                IF FOUND THEN PERFORM timeline_tally_add(ARRAY[OLD.actor_id], e, -1); END IF;
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN
                SELECT * INTO e FROM timeline_event WHERE id = NEW.event_id;
                IF FOUND THEN PERFORM timeline_tally_add(ARRAY[NEW.actor_id], e, 1); END IF;
            END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        "CREATE TRIGGER timeline_tally_event_change AFTER INSERT OR DELETE ON timeline_event "
        "FOR EACH ROW EXECUTE FUNCTION timeline_tally_event()",
        f"CREATE TRIGGER timeline_tally_event_update AFTER UPDATE OF {changed} ON timeline_event FOR EACH ROW "
        f"WHEN ((OLD.{', OLD.'.join(EVENT_COLUMNS)}) IS DISTINCT FROM (NEW.{', NEW.'.join(EVENT_COLUMNS)})) "
        "EXECUTE FUNCTION timeline_tally_event()",
        "CREATE TRIGGER timeline_tally_participation_change AFTER INSERT OR DELETE OR UPDATE OF event_id, actor_id "
        "ON timeline_participation FOR EACH ROW EXECUTE FUNCTION timeline_tally_participation()",
    ]


# --- Installing ------------------------------------------------------------------


def rebuild_statements(vendor: str, tallies=TALLIES) -> list[str]:
    """Statements that count every event afresh."""
    values = POSTGRES_VALUES if vendor == "postgresql" else sqlite_values("e")
    statements = []
    for t in tallies:
        counted = ", ".join(values[c] for c in t.columns)
        groups = ", ".join(str(n) for n in range(2, len(t.columns) + 2))
        statements += [
            f"DELETE FROM {t.table}",
            f"INSERT INTO {t.table} ({t.key}, events) SELECT 0, {counted}, COUNT(*) FROM timeline_event e "
            f"GROUP BY {groups}",
            f"INSERT INTO {t.table} ({t.key}, events) SELECT p.actor_id, {counted}, COUNT(*) "
            f"FROM timeline_participation p JOIN timeline_event e ON e.id = p.event_id GROUP BY 1, {groups}",
        ]
    return statements


def rebuild(connection, tallies=TALLIES):
    """Count every event afresh: after installing, and where a test compares."""
    with connection.cursor() as cursor:
        for statement in rebuild_statements(connection.vendor, tallies):
            cursor.execute(statement)


def trigger_set(tallies=TALLIES) -> TriggerSet:
    """The triggers that keep `tallies` current (a migration going back names the tallies it had)."""
    return TriggerSet(
        SQLITE_TRIGGERS,
        POSTGRES_TRIGGERS,
        POSTGRES_FUNCTIONS,
        lambda: sqlite_statements(tallies),
        lambda: postgres_statements(tallies),
        lambda connection: rebuild(connection, tallies),
    )


TRIGGERS = trigger_set()
install, uninstall = TRIGGERS.install, TRIGGERS.uninstall  # what the migrations name
