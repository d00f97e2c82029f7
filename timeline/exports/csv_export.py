"""The CSV export: one row per event, streamed chunk by chunk, safe to open in a spreadsheet."""

import csv

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


def csv_rows(chunk, event_link) -> list[tuple[str, ...]]:
    """One row per event of a records.Chunk. Dates, precision, kind, label and url
    are ours (ISO dates, choices, a slug after our own address) and cannot start
    a formula; the text cells can, so they are neutralised: the event's own here,
    actor names and source titles and URLs as they were read (csv_chunks), so each
    piece of a joined cell is safe too ("Text to columns" on "; " would otherwise
    expose a formula)."""
    rows = []
    append, join, safe = rows.append, JOINER.join, spreadsheet_safe
    actors_of, sources_of = chunk.actors.get, chunk.sources.get
    for event_id, slug, title, kind, start, end, precision, location, summary, _ in chunk.rows:
        sources = sources_of(event_id, EMPTY)
        append(
            (
                start.isoformat(),
                end.isoformat() if end else "",
                precision,
                cached_date_label(start, end, precision),
                kind,
                safe(title),
                safe(summary),
                join(actors_of(event_id, EMPTY)),
                safe(location),
                join([source.title for source in sources]),
                join([source.url for source in sources if source.url]),
                event_link(slug),
            )
        )
    return rows


class Pieces(list):
    """A file-like list for csv.writer: the chunk's text is joined once at the end."""

    write = list.append


def csv_chunks(queryset, event_link, bom: bool = False):
    """CSV text, a chunk of rows at a time; `event_link` turns a slug into the url column."""
    pieces = Pieces()
    writer = csv.writer(pieces)
    if bom:
        pieces.write(BOM)
    writer.writerow(HEADER)
    for chunk in export_chunks(queryset, cell=spreadsheet_safe):
        writer.writerows(csv_rows(chunk, event_link))
        yield "".join(pieces)
        pieces.clear()
    if pieces:
        yield "".join(pieces)


def csv_response(queryset, event_link, filename: str, bom: bool = False) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        csv_chunks(queryset, event_link, bom),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
