"""An Atom feed of any filtered timeline, so an analyst can follow it in a feed reader.

The feed takes its events from filters.filtered_events like every other export,
newest additions first: a reader wants to see what is new, not what is oldest."""

import re

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.utils.feedgenerator import Atom1Feed

from ..filter_words import title_words
from ..filters import filtered_events
from ..models import Citation
from ..querystrings import canonical_params, index_url

TITLE = "Chronicle: China–Russia relations"
# XML 1.0 cannot hold these, and a search or an article may bring them in.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FEED_ITEMS = 50


def xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


class FilteredEventsFeed(Feed):
    """get_object raises filters.InvalidFilters on a bad filter; the view answers 400."""

    feed_type = Atom1Feed

    def get_object(self, request):
        return filtered_events(request.GET)

    def title(self, obj):
        _, filterset = obj
        words = title_words(filterset, canonical_params(filterset))
        return xml_text(f"{TITLE}: {' · '.join(words)}" if words else TITLE)

    def subtitle(self, obj):
        return "Events as they are added to the timeline, each with the articles that report it."

    def link(self, obj):
        return index_url(canonical_params(obj[1]))

    def items(self, obj):
        events, _ = obj
        sources = Prefetch("citations", Citation.objects.select_related("source__outlet").order_by("source__origin"))
        return events.order_by("-created_at", "-id").prefetch_related(sources)[:FEED_ITEMS]

    def item_title(self, event):
        return xml_text(f"{event.date_label}: {event.title}")

    def item_description(self, event):
        reports = {citation.source_id: citation.source for citation in event.citations.all()}.values()
        lines = [event.summary] if event.summary else []
        lines += [f"Reported in {source.title}" + (f" ({source.url})" if source.url else "") for source in reports]
        return xml_text("\n".join(lines))

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.created_at

    def item_categories(self, event):
        return [event.kind]
