"""The filters in force, in words: the chips on the page, the browser tab's title,
an export's file name and its description. A new filter is described here once."""

from dataclasses import dataclass

from django.http import QueryDict

from .filters import ACTORS_MATCH_CHOICES, ALL_ACTORS, Q_IN_CHOICES, QUOTES, EventFilter
from .models import Event
from .querystrings import FILTER_ORDER, index_url

KIND_PLURALS = {kind: f"{kind}s" for kind in Event.Kind.values} | {Event.Kind.OTHER: "other events"}
STATUS_WORDS = {Event.Status.REVIEWED: "reviewed only", Event.Status.PROPOSED: "not yet reviewed"}
# A download is named by who, what and when first; the words searched and the article come last.
SEARCH_AND_SOURCE = ("q", "q_in", "source")
FILE_WORD_ORDER = (
    *(name for name in FILTER_ORDER if name not in (*SEARCH_AND_SOURCE, "order")),
    *SEARCH_AND_SOURCE,
)


@dataclass(frozen=True)
class Chip:
    """One active filter value, with the link that removes it."""

    name: str
    label: str
    value: str
    url: str


def value_labels(filterset: EventFilter) -> dict[str, dict[str, str]]:
    """How a reader reads each filter's values (a value not listed reads as itself)."""
    data = filterset.form.cleaned_data
    return {
        "actor": {actor.slug: actor.name for actor in data.get("actor") or []},
        "kind": dict(Event.Kind.choices),
        "actors_match": dict(ACTORS_MATCH_CHOICES),
        "q_in": dict(Q_IN_CHOICES),
        "place": {place.slug: place.name for place in data.get("place") or []},
        "status": STATUS_WORDS,
        "source": {str(data["source"].pk): data["source"].title} if data.get("source") else {},
        "order": dict(filterset.filters["order"].extra["choices"]),
    }


def _without_value(params: QueryDict, name: str, value: str) -> str:
    remaining = [v for v in params.getlist(name) if v != value]
    changes = {name: remaining or None}
    if name == "actor" and len(remaining) < 2:
        changes["actors_match"] = None  # all or any of one actor is the same
    if name == "q":
        changes["q_in"] = None  # where to look means nothing without words
    return index_url(params, **changes)


def chips(filterset: EventFilter, params: QueryDict) -> list[Chip]:
    labels = value_labels(filterset)
    return [
        Chip(
            name,
            filterset.filters[name].label,
            labels.get(name, {}).get(value, value),
            _without_value(params, name, value),
        )
        for name in FILTER_ORDER
        for value in params.getlist(name)
    ]


def _either(words: list[str], joiner: str = " or ") -> str:
    return ", ".join(words[:-1]) + joiner + words[-1] if len(words) > 1 else "".join(words)


def title_words(filterset: EventFilter, params: QueryDict) -> list[str]:
    """The filters in force as a browser tab would name them: 'Xi Jinping · meetings · 2023'."""
    labels = value_labels(filterset)
    words = []
    if params.get("q"):
        words.append(f"“{params['q']}”" + (" in quotes" if params.get("q_in") == QUOTES else ""))
    actors = [labels["actor"].get(slug, slug) for slug in params.getlist("actor")]
    if actors:
        words.append(_either(actors, " and " if params.get("actors_match") == ALL_ACTORS else " or "))
    if params.getlist("kind"):
        words.append(_either([KIND_PLURALS.get(kind, kind) for kind in params.getlist("kind")]))
    start, end = params.get("start"), params.get("end")
    if start and end:
        words.append(start if start == end else f"{start} to {end}")
    elif start or end:
        words.append(f"from {start}" if start else f"until {end}")
    if params.get("status"):
        words.append(STATUS_WORDS.get(params["status"], params["status"]))
    places = [labels["place"].get(slug, slug) for slug in params.getlist("place")]
    if places:
        words.append("in " + _either(places))
    if params.get("location"):
        words.append(f"in {params['location']}")
    if params.get("source"):
        words.append(f"reported in “{labels['source'].get(params['source'], params['source'])[:60]}”")
    return words


def description(filterset: EventFilter, params: QueryDict) -> str:
    """One line for an export's heading: 'Filtered by: Xi Jinping · meetings', or 'All events'."""
    words = title_words(filterset, params)
    return "Filtered by: " + " · ".join(words) if words else "All events"


def file_words(params: QueryDict) -> list[str]:
    """The canonical filters as words for a download's name (values as in the URL, never labels,
    so the name stays short and ASCII-friendly)."""
    words = []
    for name in FILE_WORD_ORDER:
        for value in params.getlist(name):
            if name == "actors_match":
                words.append("together" if value == ALL_ACTORS and len(params.getlist("actor")) > 1 else "")
            elif name == "q_in":
                words.append("in-quotes" if value == QUOTES else "")
            elif name == "end":
                words += ["to", value]
            elif name == "source":
                words += ["source", value]
            else:
                words.append(value)
    return [word for word in words if word]
