"""Small template helpers for the timeline pages."""

from urllib.parse import urlsplit

from django import template

from timeline import date_evidence, listing
from timeline.entry_html import entries_html

register = template.Library()


@register.filter
def web_url(url: str) -> str:
    """The URL if it is an http(s) address, else '' (a fixture could hold a javascript: link)."""
    return url if url and urlsplit(url.strip()).scheme.lower() in ("http", "https") else ""


@register.filter
def machine_date(event) -> str:
    """A <time datetime> value with no more precision than the event's date has."""
    return listing.machine_date(event)


@register.simple_tag
def date_sentence(event, citations) -> str:
    """How the event's date was read, in one sentence (timeline/date_evidence.py)."""
    return date_evidence.date_sentence(event, citations)


@register.simple_tag
def event_entries(items, compact=False, focus_first=False) -> str:
    """A list of listing.TimelineItems as entries (timeline/entry_html.py)."""
    return entries_html(items, compact=bool(compact), focus_first=bool(focus_first))
