"""What a list shows beside its events, for fifty events at a time: how many articles report
each, its actors by name, and who said a statement's words. Read in SQL: each is one plain
query over the page's ids, which the ORM took longer to build than the database to answer."""

from dataclasses import dataclass

from .models import Actor, Citation, Event, Participation
from .sql_rows import placeholders, read_rows, table


@dataclass(frozen=True)
class ListedActor:
    name: str
    slug: str


def _read(sql: str, ids: list[int], *params) -> list[tuple]:
    """Rows of `sql`, whose {ids} stands for the events' ids and whose %s are `params` after them."""
    return read_rows(sql.replace("{ids}", placeholders(len(ids))), [*ids, *params])


def _participants() -> str:
    """Participations with their actors, as `p` and `a`."""
    return f"{table(Participation)} p JOIN {table(Actor)} a ON a.id = p.actor_id"


def report_counts(events: list[Event]) -> dict[int, int]:
    """How many distinct articles report each event."""
    if not events:
        return {}
    sql = (
        f"SELECT event_id, COUNT(DISTINCT source_id) FROM {table(Citation)}"
        " WHERE event_id IN ({ids}) GROUP BY event_id"
    )
    return dict(_read(sql, [event.pk for event in events]))


def listed_actors(events: list[Event]) -> dict[int, list[ListedActor]]:
    """Each event's actors by name (then by id, for namesakes)."""
    if not events:
        return {}
    sql = (
        f"SELECT p.event_id, a.name, a.slug FROM {_participants()} WHERE p.event_id IN ({{ids}})"
        " ORDER BY a.name, p.actor_id"
    )
    found = {}
    for event_id, name, slug in _read(sql, [event.pk for event in events]):
        found.setdefault(event_id, []).append(ListedActor(name, slug))
    return found


def speakers(events: list[Event]) -> dict[int, list[tuple[str, str]]]:
    """For each statement with quoted words, (role, name) of who spoke and who was spoken to,
    in the order they were recorded."""
    quoted = [event.pk for event in events if event.quote]
    if not quoted:
        return {}
    sql = (
        f"SELECT p.event_id, p.role, a.name FROM {_participants()}"
        " WHERE p.event_id IN ({ids}) AND p.role IN (%s, %s) ORDER BY p.id"
    )
    by_event = {}
    for event_id, role, name in _read(sql, quoted, Participation.Role.SPEAKER, Participation.Role.ADDRESSEE):
        by_event.setdefault(event_id, []).append((role, name))
    return by_event
