"""The triggers that keep models.Appearance, an actor's events with their kinds and
dates, current on every write of an event or a participation, whatever wrote it.

As with the tallies (tally_schema.py), either table may be written first: a
participation appears once its event exists, and an event brings in the
participations already there. An event's new kind or dates are copied to its
appearances; deleting either side removes them.

On SQLite, a later migration that rebuilds timeline_event or timeline_participation
drops these triggers too: it must end with RunPython(install, uninstall) again.
tests/test_appearances.py checks they exist after all migrations.
"""

from .trigger_sets import TriggerSet

COPIED = ("kind", "date_start", "date_end", "date_precision")
TABLE = "timeline_appearance"
COLUMNS = f"actor_id, event_id, {', '.join(COPIED)}"
SQLITE_TRIGGERS = (
    "timeline_appearance_event_insert",
    "timeline_appearance_event_update",
    "timeline_appearance_event_delete",
    "timeline_appearance_participation_insert",
    "timeline_appearance_participation_update",
    "timeline_appearance_participation_delete",
)
POSTGRES_TRIGGERS = (
    ("timeline_appearance_event", "timeline_event"),
    ("timeline_appearance_participation", "timeline_participation"),
)
POSTGRES_FUNCTIONS = ("timeline_appearance_event()", "timeline_appearance_participation()")


def _copied(row: str) -> str:
    return ", ".join(f"{row}.{column}" for column in COPIED)


def _event_arrives(row: str) -> str:
    return (
        f"INSERT INTO {TABLE} ({COLUMNS}) SELECT p.actor_id, {row}.id, {_copied(row)} "
        f"FROM timeline_participation p WHERE p.event_id = {row}.id;"
    )


def _event_changes(row: str) -> str:
    assignments = ", ".join(f"{column} = {row}.{column}" for column in COPIED)
    return f"UPDATE {TABLE} SET {assignments} WHERE event_id = {row}.id;"


def _participation_arrives(row: str) -> str:
    return (
        f"INSERT INTO {TABLE} ({COLUMNS}) SELECT {row}.actor_id, e.id, {_copied('e')} "
        f"FROM timeline_event e WHERE e.id = {row}.event_id;"
    )


def _participation_leaves(row: str) -> str:
    return f"DELETE FROM {TABLE} WHERE actor_id = {row}.actor_id AND event_id = {row}.event_id;"


def sqlite_statements() -> list[str]:
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in COPIED)
    moved = "old.event_id IS NOT new.event_id OR old.actor_id IS NOT new.actor_id"
    return [
        f"CREATE TRIGGER timeline_appearance_event_insert AFTER INSERT ON timeline_event "
        f"BEGIN {_event_arrives('new')} END",
        f"CREATE TRIGGER timeline_appearance_event_update AFTER UPDATE OF {', '.join(COPIED)} ON timeline_event "
        f"WHEN {changed} BEGIN {_event_changes('new')} END",
        f"CREATE TRIGGER timeline_appearance_event_delete AFTER DELETE ON timeline_event "
        f"BEGIN DELETE FROM {TABLE} WHERE event_id = old.id; END",
        f"CREATE TRIGGER timeline_appearance_participation_insert AFTER INSERT ON timeline_participation "
        f"BEGIN {_participation_arrives('new')} END",
        "CREATE TRIGGER timeline_appearance_participation_update "
        "AFTER UPDATE OF event_id, actor_id ON timeline_participation "
        f"WHEN {moved} BEGIN {_participation_leaves('old')} {_participation_arrives('new')} END",
        f"CREATE TRIGGER timeline_appearance_participation_delete AFTER DELETE ON timeline_participation "
        f"BEGIN {_participation_leaves('old')} END",
    ]


def postgres_statements() -> list[str]:
    changed = ", ".join(COPIED)
    return [
        f"""CREATE FUNCTION timeline_appearance_event() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM {TABLE} WHERE event_id = OLD.id;
            ELSIF TG_OP = 'UPDATE' THEN
                {_event_changes("NEW")}
            ELSE
                {_event_arrives("NEW")}
            END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE FUNCTION timeline_appearance_participation() RETURNS trigger AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                {_participation_leaves("OLD")}
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN
                {_participation_arrives("NEW")}
            END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        f"CREATE TRIGGER timeline_appearance_event AFTER INSERT OR DELETE OR UPDATE OF {changed} ON timeline_event "
        "FOR EACH ROW EXECUTE FUNCTION timeline_appearance_event()",
        "CREATE TRIGGER timeline_appearance_participation AFTER INSERT OR DELETE OR UPDATE OF event_id, actor_id "
        "ON timeline_participation FOR EACH ROW EXECUTE FUNCTION timeline_appearance_participation()",
    ]


def rebuild(connection):
    """Every appearance afresh from the participations and their events."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(
            f"INSERT INTO {TABLE} ({COLUMNS}) SELECT p.actor_id, e.id, {_copied('e')} "
            "FROM timeline_participation p JOIN timeline_event e ON e.id = p.event_id"
        )


TRIGGERS = TriggerSet(
    SQLITE_TRIGGERS, POSTGRES_TRIGGERS, POSTGRES_FUNCTIONS, sqlite_statements, postgres_statements, rebuild
)
install, uninstall = TRIGGERS.install, TRIGGERS.uninstall  # what the migrations name
