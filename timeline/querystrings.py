"""The filters in force as a tidy query string, and the links that change them.

Every link on the page (chips, facets, month bars, exports) is built from the
same canonical parameters, so shared URLs stay short and stable.
"""

from collections.abc import Callable
from functools import lru_cache
from urllib.parse import quote_plus, urlencode

from django.http import QueryDict
from django.urls import get_script_prefix, reverse

from .filters import ANY_ACTOR, EVERYWHERE, EventFilter, active_filters

FILTER_ORDER = (
    "q",
    "q_in",
    "actor",
    "actors_match",
    "kind",
    "status",
    "start",
    "end",
    "place",
    "location",
    "source",
    "order",
)
DEFAULTS = {"order": "asc", "actors_match": ANY_ACTOR, "q_in": EVERYWHERE}


def canonical_params(filterset: EventFilter) -> QueryDict:
    """The valid filters, in a fixed order, without empty or default values
    (nor how to match actors, while fewer than two are chosen, nor where to search without words)."""
    active = active_filters(filterset)
    if len(active["actor"]) < 2:
        active["actors_match"] = ANY_ACTOR
    if not active["q"]:
        active["q_in"] = EVERYWHERE
    params = QueryDict(mutable=True)
    for name in FILTER_ORDER:
        value = active.get(name)
        if isinstance(value, list):
            if value:
                params.setlist(name, value)
        elif value not in (None, "", DEFAULTS.get(name)):
            params[name] = str(value)
    return params


def index_url(params: QueryDict | None = None, **changes) -> str:
    """The timeline's address with `params` changed: a key set to a value (a list sets
    every value) or removed (None). Built from plain pairs: a page holds about a hundred
    such links, and copying a QueryDict (a deep copy) for each cost more than the facets."""
    pairs = []
    for key, values in (params or QueryDict()).lists():
        pairs.extend((key, value) for value in (_as_values(changes[key]) if key in changes else values))
    for key, value in changes.items():
        if params is None or key not in params:
            pairs.extend((key, item) for item in _as_values(value))
    base = _index_path(get_script_prefix())
    return f"{base}?{urlencode(pairs)}" if pairs else base


# Stands for the value while a link maker encodes the rest once. No filter value can hold it:
# the form refuses NUL characters, and a maker checks it found the marker where it put it.
_MARKER = "\x00"


def index_url_maker(params: QueryDict | None, *keys: str, **changes) -> Callable[[object], str]:
    """value → index_url(params, **changes) with every one of `keys` set to value: a link per
    actor or per month differs only there, so the rest of its query is encoded once."""
    parts = index_url(params, **changes, **dict.fromkeys(keys, _MARKER)).split(quote_plus(_MARKER))
    if len(parts) != len(keys) + 1:
        return lambda value: index_url(params, **changes, **dict.fromkeys(keys, value))
    return lambda value: quote_plus(str(value)).join(parts)


def _as_values(value) -> list[str]:
    if value is None:
        return []
    return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]


@lru_cache
def _index_path(script_prefix: str) -> str:
    return reverse("timeline:index")  # under this prefix, which is the one reverse() reads


def query_string(params: QueryDict) -> str:
    """'?actor=x&kind=y', or '' when no filter is set (for export links)."""
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""
