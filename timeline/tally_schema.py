"""The triggers that keep EventTally current, installed by a migration.

The database itself counts, on every insert, update and delete of an event or a
participation, whatever wrote it: the admin, a review merge or split, loading.py's
bulk loads, the synthetic generator's raw inserts and deletes. Nothing in Python
has to remember to.

Each event counts once under actor 0 (every event) and once under each of its
actors, keyed by kind, the months it starts and ends in, and its precision
(tallies.py explains why those keys answer the page's filters exactly), and
again in KindTally, keyed by actor and kind alone. Either
table may be written first: an event counts the participations already there,
a participation counts only when its event exists, and deletes undo the same
way round, so the order a cascade or a bulk load takes does not matter.

On SQLite, a later migration that rebuilds timeline_event or timeline_participation
(Django does that for most column changes) drops that table's triggers: such a
migration must end with RunPython(install, uninstall) again. tests/test_tallies.py
checks the triggers exist after all migrations.
"""

TABLE = "timeline_eventtally"
KEY = "actor_id, kind, start_month, end_month, date_precision"
ROLLUP = "timeline_kindtally"  # the same counts summed over months: (actor, kind)
ROLLUP_KEY = "actor_id, kind"
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
EVENT_COLUMNS = "kind, date_start, date_end, date_precision"


# --- SQLite -------------------------------------------------------------------


def sqlite_months(row: str) -> tuple[str, str]:
    """The first days of the months `row` (an event: new, old or e) starts and ends in."""
    last_day = (
        f"COALESCE({row}.date_end, CASE {row}.date_precision WHEN 'year' "
        f"THEN date({row}.date_start, 'start of year', '+11 months') ELSE {row}.date_start END)"
    )
    return f"date({row}.date_start, 'start of month')", f"date({last_day}, 'start of month')"


def sqlite_add(actors: str, row: str, where: str) -> str:
    """Count `row` once more under each actor id that `actors` selects (FROM ... WHERE `where`)."""
    start, end = sqlite_months(row)
    return (
        f"INSERT INTO {TABLE} ({KEY}, events) SELECT {actors}, {row}.kind, {start}, {end}, {row}.date_precision, 1 "
        f"{where} ON CONFLICT ({KEY}) DO UPDATE SET events = events + 1; "
        f"INSERT INTO {ROLLUP} ({ROLLUP_KEY}, events) SELECT {actors}, {row}.kind, 1 "
        f"{where} ON CONFLICT ({ROLLUP_KEY}) DO UPDATE SET events = events + 1;"
    )


def sqlite_remove(actors: str, row: str) -> str:
    """Count `row` once less under the actor ids `actors` (a subquery or a list)."""
    start, end = sqlite_months(row)
    return (
        f"UPDATE {TABLE} SET events = events - 1 WHERE actor_id IN ({actors}) AND kind = {row}.kind "
        f"AND start_month = {start} AND end_month = {end} AND date_precision = {row}.date_precision; "
        f"UPDATE {ROLLUP} SET events = events - 1 WHERE actor_id IN ({actors}) AND kind = {row}.kind;"
    )


def sqlite_event(row: str, add: bool) -> str:
    """The event `row` under actor 0 and under each participation it already has."""
    actors = f"SELECT actor_id FROM timeline_participation WHERE event_id = {row}.id"
    if add:
        # "WHERE true" tells SQLite's parser that ON CONFLICT belongs to the INSERT, not a join.
        return sqlite_add("0", row, "WHERE true") + sqlite_add(
            "p.actor_id", row, f"FROM timeline_participation p WHERE p.event_id = {row}.id"
        )
    return sqlite_remove(f"SELECT 0 UNION ALL {actors}", row)


def sqlite_participation(row: str, add: bool) -> str:
    """The participation `row`, counted under its actor only while its event exists."""
    if add:
        return sqlite_add(f"{row}.actor_id", "e", f"FROM timeline_event e WHERE e.id = {row}.event_id")
    start, end = sqlite_months("e")
    return (
        f"UPDATE {TABLE} SET events = events - 1 WHERE ({KEY}) IN (SELECT {row}.actor_id, e.kind, {start}, {end}, "
        f"e.date_precision FROM timeline_event e WHERE e.id = {row}.event_id); "
        f"UPDATE {ROLLUP} SET events = events - 1 WHERE ({ROLLUP_KEY}) IN (SELECT {row}.actor_id, e.kind "
        f"FROM timeline_event e WHERE e.id = {row}.event_id);"
    )


def sqlite_statements() -> list[str]:
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in EVENT_COLUMNS.split(", "))
    moved = "old.event_id IS NOT new.event_id OR old.actor_id IS NOT new.actor_id"
    return [
        "CREATE TRIGGER timeline_tally_event_insert AFTER INSERT ON timeline_event "
        f"BEGIN {sqlite_event('new', True)} END",
        "CREATE TRIGGER timeline_tally_event_delete AFTER DELETE ON timeline_event "
        f"BEGIN {sqlite_event('old', False)} END",
        f"CREATE TRIGGER timeline_tally_event_update AFTER UPDATE OF {EVENT_COLUMNS} ON timeline_event "
        f"WHEN {changed} BEGIN {sqlite_event('old', False)} {sqlite_event('new', True)} END",
        "CREATE TRIGGER timeline_tally_participation_insert AFTER INSERT ON timeline_participation "
        f"BEGIN {sqlite_participation('new', True)} END",
        "CREATE TRIGGER timeline_tally_participation_delete AFTER DELETE ON timeline_participation "
        f"BEGIN {sqlite_participation('old', False)} END",
        "CREATE TRIGGER timeline_tally_participation_update "
        "AFTER UPDATE OF event_id, actor_id ON timeline_participation "
        f"WHEN {moved} BEGIN {sqlite_participation('old', False)} {sqlite_participation('new', True)} END",
    ]


def sqlite_rebuild() -> list[str]:
    start, end = sqlite_months("e")
    return rebuild_from(f"e.kind, {start}, {end}, e.date_precision")


# --- PostgreSQL ----------------------------------------------------------------

POSTGRES_MONTHS = """
    date_trunc('month', e.date_start)::date,
    date_trunc('month', COALESCE(e.date_end, CASE WHEN e.date_precision = 'year'
        THEN (date_trunc('year', e.date_start) + interval '11 months')::date ELSE e.date_start END))::date"""


def postgres_statements() -> list[str]:
    return [
        f"""CREATE FUNCTION timeline_tally_add(actors bigint[], e timeline_event, delta integer) RETURNS void AS $$
            INSERT INTO {TABLE} ({KEY}, events)
            SELECT actor, e.kind, {POSTGRES_MONTHS}, e.date_precision, delta FROM unnest(actors) AS actor
            ON CONFLICT ({KEY}) DO UPDATE SET events = {TABLE}.events + EXCLUDED.events;
            INSERT INTO {ROLLUP} ({ROLLUP_KEY}, events)
            SELECT actor, e.kind, delta FROM unnest(actors) AS actor
            ON CONFLICT ({ROLLUP_KEY}) DO UPDATE SET events = {ROLLUP}.events + EXCLUDED.events
        $$ LANGUAGE sql""",
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
        f"CREATE TRIGGER timeline_tally_event_update AFTER UPDATE OF {EVENT_COLUMNS} ON timeline_event FOR EACH ROW "
        f"WHEN (({', '.join('OLD.' + c for c in EVENT_COLUMNS.split(', '))}) IS DISTINCT FROM "
        f"({', '.join('NEW.' + c for c in EVENT_COLUMNS.split(', '))})) EXECUTE FUNCTION timeline_tally_event()",
        "CREATE TRIGGER timeline_tally_participation_change AFTER INSERT OR DELETE OR UPDATE OF event_id, actor_id "
        "ON timeline_participation FOR EACH ROW EXECUTE FUNCTION timeline_tally_participation()",
    ]


def postgres_rebuild() -> list[str]:
    return rebuild_from(f"e.kind, {POSTGRES_MONTHS}, e.date_precision")


# --- Installing ------------------------------------------------------------------


def rebuild_from(counted: str) -> list[str]:
    """Statements that count every event afresh; `counted` is the tally key after the actor."""
    return [
        f"DELETE FROM {TABLE}",
        f"DELETE FROM {ROLLUP}",
        f"INSERT INTO {TABLE} ({KEY}, events) SELECT 0, {counted}, COUNT(*) FROM timeline_event e GROUP BY 2, 3, 4, 5",
        f"INSERT INTO {TABLE} ({KEY}, events) SELECT p.actor_id, {counted}, COUNT(*) FROM timeline_participation p "
        "JOIN timeline_event e ON e.id = p.event_id GROUP BY 1, 2, 3, 4, 5",
        f"INSERT INTO {ROLLUP} ({ROLLUP_KEY}, events) SELECT actor_id, kind, SUM(events) FROM {TABLE} GROUP BY 1, 2",
    ]


def rebuild_statements(vendor: str) -> list[str]:
    return postgres_rebuild() if vendor == "postgresql" else sqlite_rebuild()


def rebuild(connection):
    """Count every event afresh: after installing, and where a test compares."""
    with connection.cursor() as cursor:
        for statement in rebuild_statements(connection.vendor):
            cursor.execute(statement)


def install(apps, schema_editor):
    uninstall(apps, schema_editor)
    vendor = schema_editor.connection.vendor
    statements = postgres_statements() if vendor == "postgresql" else sqlite_statements()
    for statement in statements + rebuild_statements(vendor):
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, table in POSTGRES_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}", params=None)
        for function in POSTGRES_FUNCTIONS:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}", params=None)
    else:
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)
