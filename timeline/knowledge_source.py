"""The extractor's general knowledge as editors keep it: read from the database, so that their
corrections to actors, aliases, places and the calendar count at the next extraction. Kept
outside the pure `timeline.extraction` package."""

from django.db import DatabaseError

from timeline.extraction.knowledge import ActorInfo, CalendarInfo, Knowledge, PlaceInfo, lines, load_reference_files


def load_knowledge() -> Knowledge:
    """The database's knowledge; the shipped reference files while it is empty or not yet migrated."""
    from timeline.models import Actor

    try:
        empty = not Actor.objects.exists()
    except DatabaseError:
        empty = True  # no tables yet: extraction needs no database of its own
    return load_reference_files() if empty else _from_database()


def _from_database() -> Knowledge:
    from timeline.models import Actor, CalendarEntry, Place

    actors = {
        a.slug: ActorInfo(a.slug, a.name, a.kind, a.country, a.role, lines(a.aliases), a.description, a.needs_review)
        for a in Actor.objects.all()
    }
    places = {p.slug: PlaceInfo(p.slug, p.name, p.country, lines(p.aliases)) for p in Place.objects.all()}
    calendar = [
        CalendarInfo(
            c.slug,
            c.name,
            c.date_start,
            c.date_end,
            c.recurs_yearly,
            c.location,
            lines(c.keywords),
            tuple(sorted(a.slug for a in c.actors.all())),
        )
        for c in CalendarEntry.objects.prefetch_related("actors")
    ]
    return Knowledge(actors, places, calendar, origin="database")
