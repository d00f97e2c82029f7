"""The filters in force as a tidy query string, and the links that change them.

Every link on the page (chips, facets, month bars, exports) is built from the
same canonical parameters, so shared URLs stay short and stable.
"""

from django.http import QueryDict
from django.urls import reverse

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
