"""The four facet counts of a text search that is the page's only filter, in one query.

A search's matches are a list of event ids (search.TextSearch). Counted by the ORM,
each facet looked up every matching event again: a broad search at a million events
matches 160,000, and four passes over them were most of its second and a half. Here
the events are read once for the kinds, days and locations (a materialised WITH),
and the participations straight off their (event, actor) index, in one query.
"""

from .facets import DayCount
from .models import Event, Participation
from .search import Matches
from .sql_rows import as_date, read_rows, table

KIND, DAY, LOCATION, ACTOR = "kind", "day", "location", "actor"


def match_counts(matches: Matches) -> tuple[dict, list, dict, dict]:
    """(events per kind, per start day, per actor id, per location) of a text search's
    `matches`, as browse.facet_counts returns them."""
    (event_is_match, params), (participation_is_match, participation_params) = (
        matches.condition("id"),
        matches.condition("event_id"),
    )
    events, participations = table(Event), table(Participation)
    # Rows of (facet, value, day, precision, actor, events); the unused columns are NULL, typed
    # in the first SELECT, from which PostgreSQL takes the columns' types.
    sql = (
        f"WITH m AS MATERIALIZED (SELECT kind, date_start, date_precision, location FROM {events} "
        f"WHERE {event_is_match}) "
        f"SELECT '{KIND}', kind, CAST(NULL AS date), NULL, CAST(NULL AS bigint), COUNT(*) FROM m GROUP BY kind "
        f"UNION ALL SELECT '{DAY}', NULL, date_start, date_precision, NULL, COUNT(*) FROM m "
        "GROUP BY date_start, date_precision "
        f"UNION ALL SELECT '{LOCATION}', location, NULL, NULL, NULL, COUNT(*) FROM m WHERE location <> '' "
        "GROUP BY location "
        f"UNION ALL SELECT '{ACTOR}', NULL, NULL, NULL, actor_id, COUNT(*) FROM {participations} "
        f"WHERE {participation_is_match} GROUP BY actor_id"
    )
    kinds, days, actors, locations = {}, [], {}, {}
    for facet, value, day, precision, actor, n in read_rows(sql, [*params, *participation_params]):
        if facet == KIND:
            kinds[value] = n
        elif facet == DAY:
            days.append(DayCount(as_date(day), precision, n))
        elif facet == LOCATION:
            locations[value] = n
        else:
            actors[actor] = n
    return kinds, days, actors, locations
