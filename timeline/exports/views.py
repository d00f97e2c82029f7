"""The export endpoints and the Atom feed. Each reads the page's own filters, so a download
holds exactly the events the user filtered, all of them, not just one page."""

from functools import wraps

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from ..filters import InvalidFilters, active_filters, filtered_events
from .csv_export import csv_response
from .feed import TITLE, FilteredEventsFeed
from .filenames import export_filename, filter_words
from .ical import ical_response
from .json_export import json_response
from .links import event_link_maker
from .timelinejs import timelinejs_response

MAX_MESSAGE = 300


def invalid_filters_response(error: InvalidFilters) -> HttpResponse:
    lines = [message[:MAX_MESSAGE] for message in error.messages] or ["The filters could not be read."]
    return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")


def with_filtered_events(view):
    """Calls view(request, events, filters), or answers 400 with why the filters are wrong."""

    @wraps(view)
    @require_safe
    def wrapper(request):
        try:
            events, filterset = filtered_events(request.GET)
        except InvalidFilters as error:
            return invalid_filters_response(error)
        return view(request, events, active_filters(filterset))

    return wrapper


def describe(filters: dict) -> str:
    words = filter_words(filters)
    return "Filtered by: " + " ".join(words) if words else "All events"


@with_filtered_events
def events_json(request, events, filters):
    return json_response(events, filters, event_link_maker())


@with_filtered_events
def events_csv(request, events, filters):
    bom = request.GET.get("bom") == "1"
    return csv_response(events, event_link_maker(request), export_filename(filter_words(filters), "csv"), bom=bom)


@with_filtered_events
def events_ics(request, events, filters):
    return ical_response(events, event_link_maker(request), export_filename(filter_words(filters), "ics"), TITLE)


@with_filtered_events
def events_timelinejs(request, events, filters):
    return timelinejs_response(events, event_link_maker(request), TITLE, describe(filters))


FEED = FilteredEventsFeed()


@require_safe
def events_atom(request):
    try:
        return FEED(request)
    except InvalidFilters as error:
        return invalid_filters_response(error)
