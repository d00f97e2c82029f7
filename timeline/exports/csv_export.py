"""The CSV export: one row per event, streamed chunk by chunk, safe to open in a spreadsheet."""

import csv
import io

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

from .csv_safety import spreadsheet_safe
from .records import EMPTY, cached_date_label, export_chunks

HEADER = (
    "date_start",
    "date_end",
    "date_precision",
    "date_label",
    "kind",
    "title",
    "summary",
    "actors",
    "location",
    "sources",
    "source_urls",
    "url",
)
JOINER = "; "
BOM = "\ufeff"


def joined(values) -> str:
    # Each piece is made safe too: "Text to columns" on "; " would otherwise expose a formula.
    if len(values) == 1:
        return spreadsheet_safe(values[0])
    return JOINER.join([spreadsheet_safe(value) for value in values])


def csv_rows(chunk, event_link) -> list[tuple[str, ...]]:
    """One row per event of a records.Chunk. Dates, precision, kind, label and url
    are ours (ISO dates, choices, a slug after our own address) and cannot start
    a formula; the text cells can, so only they are neutralised."""
    rows = []
    for event_id, slug, title, kind, start, end, precision, location, summary, _ in chunk.rows:
        sources = chunk.sources.get(event_id, EMPTY)
        rows.append(
            (
                start.isoformat(),
                end.isoformat() if end else "",
                precision,
                cached_date_label(start, end, precision),
                kind,
                spreadsheet_safe(title),
                spreadsheet_safe(summary),
                joined(chunk.actors.get(event_id, EMPTY)),
                spreadsheet_safe(location),
                joined([source.title for source in sources]),
                joined([source.url for source in sources if source.url]),
                event_link(slug),
            )
        )
    return rows


def csv_chunks(queryset, event_link, bom: bool = False):
    """CSV text, a chunk of rows at a time; `event_link` turns a slug into the url column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if bom:
        buffer.write(BOM)
    writer.writerow(HEADER)
    for chunk in export_chunks(queryset):
        writer.writerows(csv_rows(chunk, event_link))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def csv_response(queryset, event_link, filename: str, bom: bool = False) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        csv_chunks(queryset, event_link, bom),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
