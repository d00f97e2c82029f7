"""Event page addresses for the page and every export, built without a URL reversal per event."""

from collections.abc import Callable

from django.urls import reverse

_PLACEHOLDER = "slug-placeholder"


def event_path_parts() -> tuple[str, str]:
    """('/events/', '/'): what comes before and after the slug in an event's path."""
    path = reverse("timeline:event_detail", args=[_PLACEHOLDER])
    before, _, after = path.partition(_PLACEHOLDER)
    return before, after


def event_link_maker(request=None) -> Callable[[str], str]:
    """slug → the event page's path, or its absolute URL when a request is given.
    Slugs are URL-safe, so joining strings gives what reverse() would."""
    before, after = event_path_parts()
    if request is not None:
        before = request.build_absolute_uri(before)
    return lambda slug: f"{before}{slug}{after}"
