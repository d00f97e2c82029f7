"""JSON for Knight Lab's TimelineJS3, so a filtered timeline can be published with it.

TimelineJS renders headline and text as HTML, so every value is escaped here;
date parts the precision does not give are left out rather than invented."""

from django.http import StreamingHttpResponse
from django.utils.html import escape, format_html, format_html_join

from ..date_labels import DAY, MONTH
from .json_export import stream_json_object
from .records import export_batches


def date_parts(day, precision: str) -> dict:
    parts = {"year": str(day.year)}
    if precision in (DAY, MONTH):
        parts["month"] = str(day.month)
    if precision == DAY:
        parts["day"] = str(day.day)
    return parts


def source_link(source):
    if source.url.startswith(("https://", "http://")):
        return format_html('<a href="{}">{}</a>', source.url, source.title)
    return escape(source.title)


def slide_text(event, url: str) -> str:
    html = format_html("<p>{}</p>", event.summary) if event.summary else ""
    if event.actors:
        html += format_html("<p>{}</p>", ", ".join(event.actors))
    sources = event.sources
    if sources:
        html += format_html("<p>Sources: {}</p>", format_html_join(", ", "{}", ((source_link(s),) for s in sources)))
    html += format_html('<p><a href="{}">Event page</a></p>', url)
    return str(html)


def slide(event, url: str) -> dict:
    data = {
        "unique_id": event.slug,
        "start_date": date_parts(event.date_start, event.date_precision),
        "display_date": escape(event.date_label),
        "text": {"headline": escape(event.title), "text": slide_text(event, url)},
        "group": event.kind,
    }
    if event.date_end:
        data["end_date"] = date_parts(event.date_end, event.date_precision)
    return data


def title_slide(headline: str, description: str) -> dict:
    return {"text": {"headline": escape(headline), "text": format_html("<p>{}</p>", description)}}


def timelinejs_response(queryset, event_link, headline: str, description: str) -> StreamingHttpResponse:
    batches = ([slide(event, event_link(event.slug)) for event in batch] for batch in export_batches(queryset))
    head = {"title": title_slide(headline, description)}
    return StreamingHttpResponse(stream_json_object(head, "events", batches), content_type="application/json")
