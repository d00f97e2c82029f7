"""The filters in force as a tidy query string, and the links that change them.

Every link on the page (chips, facets, month bars, exports) is built from the
same canonical parameters, so shared URLs stay short and stable.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse

from .filters import ACTORS_MATCH_CHOICES, ANY_ACTOR, EventFilter, active_filters
from .models import Event

FILTER_ORDER = ("q", "actor", "actors_match", "kind", "status", "start", "end", "location", "source", "order")
DEFAULTS = {"order": "asc", "actors_match": ANY_ACTOR}
KIND_PLURALS = {kind: f"{kind}s" for kind in Event.Kind.values} | {Event.Kind.OTHER: "other events"}
STATUS_CHIPS = {Event.Status.REVIEWED: "reviewed only", Event.Status.PROPOSED: "not yet reviewed"}


@dataclass(frozen=True)
class Chip:
    """One active filter value, with the link that removes it."""

    name: str
    label: str
    value: str
    url: str


def canonical_params(filterset: EventFilter) -> QueryDict:
    """The valid filters, in a fixed order, without empty or default values
    (nor how to match actors, while fewer than two are chosen)."""
    active = active_filters(filterset)
    if len(active["actor"]) < 2:
        active["actors_match"] = ANY_ACTOR
    params = QueryDict(mutable=True)
    for name in FILTER_ORDER:
        value = active.get(name)
        if isinstance(value, list):
            if value:
                params.setlist(name, value)
        elif value not in (None, "", DEFAULTS.get(name)):
            params[name] = str(value)
    return params


def with_params(params: QueryDict, **changes) -> QueryDict:
    """A copy of `params` with keys set (a list sets every value) or removed (None)."""
    query = params.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        elif isinstance(value, list | tuple):
            query.setlist(key, list(value))
        else:
            query[key] = str(value)
    return query


def index_url(params: QueryDict | None = None, **changes) -> str:
    query = with_params(params or QueryDict(), **changes).urlencode()
    base = reverse("timeline:index")
    return f"{base}?{query}" if query else base


def query_string(params: QueryDict) -> str:
    """'?actor=x&kind=y', or '' when no filter is set (for export links)."""
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""


def _without_value(params: QueryDict, name: str, value: str) -> str:
    remaining = [v for v in params.getlist(name) if v != value]
    changes = {name: remaining or None}
    if name == "actor" and len(remaining) < 2:
        changes["actors_match"] = None  # all or any of one actor is the same
    return index_url(params, **changes)


def chips(filterset: EventFilter, params: QueryDict) -> list[Chip]:
    data = filterset.form.cleaned_data
    display = {
        "actor": {actor.slug: actor.name for actor in data.get("actor") or []},
        "kind": dict(Event.Kind.choices),
        "actors_match": dict(ACTORS_MATCH_CHOICES),
        "status": STATUS_CHIPS,
        "source": {str(data["source"].pk): data["source"].title} if data.get("source") else {},
        "order": dict(filterset.filters["order"].extra["choices"]),
    }
    result = []
    for name in FILTER_ORDER:
        label = filterset.filters[name].label
        for value in params.getlist(name):
            shown = display.get(name, {}).get(value, value)
            result.append(Chip(name, label, shown, _without_value(params, name, value)))
    return result


def _either(words: list[str], joiner: str = " or ") -> str:
    return ", ".join(words[:-1]) + joiner + words[-1] if len(words) > 1 else "".join(words)


def title_words(filterset: EventFilter, params: QueryDict) -> list[str]:
    """The filters in force as a browser tab would name them: 'Xi Jinping · meetings · 2023'."""
    data = filterset.form.cleaned_data
    words = []
    if params.get("q"):
        words.append(f"“{params['q']}”")
    actors = [actor.name for actor in data.get("actor") or []]
    if actors:
        words.append(_either(actors, " and " if params.get("actors_match") else " or "))
    if params.getlist("kind"):
        words.append(_either([KIND_PLURALS.get(kind, kind) for kind in params.getlist("kind")]))
    start, end = params.get("start"), params.get("end")
    if start and end:
        words.append(start if start == end else f"{start} to {end}")
    elif start or end:
        words.append(f"from {start}" if start else f"until {end}")
    if params.get("status"):
        words.append(STATUS_CHIPS.get(params["status"], params["status"]))
    if params.get("location"):
        words.append(f"in {params['location']}")
    if data.get("source"):
        words.append(f"reported in “{data['source'].title[:60]}”")
    return words
