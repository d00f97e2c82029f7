"""The export endpoints and the Atom feed. Each reads the page's own filters, so a download
holds exactly the events the user filtered, all of them, not just one page."""

from functools import wraps

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from ..event_links import event_link_maker
from ..filter_words import description, file_words
from ..filters import InvalidFilters, active_filters, filtered_events
from ..querystrings import canonical_params
from .csv_export import csv_response
from .feed import TITLE, FilteredEventsFeed
from .filenames import export_filename
from .ical import ical_response
from .json_export import json_response
from .timelinejs import timelinejs_response

MAX_MESSAGE = 300


def invalid_filters_response(error: InvalidFilters) -> HttpResponse:
    lines = [message[:MAX_MESSAGE] for message in error.messages] or ["The filters could not be read."]
    return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")


def with_filtered_events(view):
    """Calls view(request, events, filterset), or answers 400 with why the filters are wrong."""

    @wraps(view)
    @require_safe
    def wrapper(request):
        try:
            events, filterset = filtered_events(request.GET)
        except InvalidFilters as error:
            return invalid_filters_response(error)
        return view(request, events, filterset)

    return wrapper


def download_name(filterset, extension: str) -> str:
    return export_filename(file_words(canonical_params(filterset)), extension)


@with_filtered_events
def events_json(request, events, filterset):
    return json_response(events, active_filters(filterset), event_link_maker())


@with_filtered_events
def events_csv(request, events, filterset):
    bom = request.GET.get("bom") == "1"
    return csv_response(events, event_link_maker(request), download_name(filterset, "csv"), bom=bom)


@with_filtered_events
def events_ics(request, events, filterset):
    return ical_response(events, event_link_maker(request), download_name(filterset, "ics"), TITLE)


@with_filtered_events
def events_timelinejs(request, events, filterset):
    heading = description(filterset, canonical_params(filterset))
    return timelinejs_response(events, event_link_maker(request), TITLE, heading)


FEED = FilteredEventsFeed()


@require_safe
def events_atom(request):
    try:
        return FEED(request)
    except InvalidFilters as error:
        return invalid_filters_response(error)
