"""The filters in force as a tidy query string, and the links that change them.

Every link on the page (chips, facets, month bars, exports) is built from the
same canonical parameters, so shared URLs stay short and stable.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse

from .filters import EventFilter, active_filters
from .models import Event

FILTER_ORDER = ("q", "actor", "kind", "status", "start", "end", "location", "source", "order")
DEFAULT_ORDER = "asc"
STATUS_CHIPS = {Event.Status.REVIEWED: "reviewed only", Event.Status.PROPOSED: "not yet reviewed"}


@dataclass(frozen=True)
class Chip:
    """One active filter value, with the link that removes it."""

    name: str
    label: str
    value: str
    url: str


def canonical_params(filterset: EventFilter) -> QueryDict:
    """The valid filters, in a fixed order, without empty or default values."""
    active = active_filters(filterset)
    params = QueryDict(mutable=True)
    for name in FILTER_ORDER:
        value = active.get(name)
        if isinstance(value, list):
            if value:
                params.setlist(name, value)
        elif value not in (None, "") and not (name == "order" and value == DEFAULT_ORDER):
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
    return index_url(params, **{name: remaining or None})


def chips(filterset: EventFilter, params: QueryDict) -> list[Chip]:
    data = filterset.form.cleaned_data
    display = {
        "actor": {actor.slug: actor.name for actor in data.get("actor") or []},
        "kind": dict(Event.Kind.choices),
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
