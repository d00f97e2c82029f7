"""An event's slug begins with its date, and follows the date when an editor corrects it."""

import re

from django.utils.text import slugify

from .models import Event, EventAlias

DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-?")
MAX_LENGTH = 190


def dated_slug(event: Event) -> str:
    words = DATE_PREFIX.sub("", event.slug or "") or slugify(event.title) or "event"
    return f"{event.date_start:%Y-%m-%d}-{words}"[:MAX_LENGTH].rstrip("-")


def free_slug(base: str, event: Event | None = None) -> str:
    """base, or base-2, base-3…: never a slug another event has now or had before."""
    others = Event.objects.exclude(pk=getattr(event, "pk", None))
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= set(EventAlias.objects.exclude(event=event).filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def follow_date(event: Event, keep_alias: bool = True) -> str:
    """Give the event the slug of its (corrected) date; the old slug keeps answering as an alias."""
    old, new = event.slug, free_slug(dated_slug(event), event if event.pk else None)
    if new != old:
        if keep_alias and old and event.pk:
            EventAlias.objects.update_or_create(slug=old, defaults={"event": event})
        EventAlias.objects.filter(slug=new).delete()  # the event takes back a slug it once had
        event.slug = new
    return new
