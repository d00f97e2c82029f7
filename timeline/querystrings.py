"""The filters in force as a tidy query string, and the links that change them.

Every link on the page (chips, facets, month bars, exports) is built from the
same canonical parameters, so shared URLs stay short and stable.
"""

from functools import lru_cache
from urllib.parse import urlencode

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
