"""The CSV export: one row per event, streamed chunk by chunk, safe to open in a spreadsheet."""

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
    "status",  # after the first columns, so readers that count columns from the left keep working
    "speaker",
    "quote",
)
JOINER = "; "
BOM = "\ufeff"
LINE_END = "\r\n"  # as csv.writer and RFC 4180 end a record


def quoted(cell: str) -> str:
    """A cell in double quotes, its own quotes doubled (RFC 4180): valid whatever
    it holds, commas and line breaks included."""
    return '"' + cell.replace('"', '""') + '"'


def csv_lines(chunk, event_link) -> list[str]:
    """One CSV record per event of a records.Chunk.

    Every text cell is quoted rather than only those that need it: deciding that
    is what makes csv.writer scan each character, and it cost more than the rest
    of the export (tests/test_export_csv.py reads the result back with the csv
    module). ISO dates, precision, kind, status and the event's address (a
    validated host and a slug) are ours and hold no comma, quote or line break.

    Text cells are also made spreadsheet-safe: the event's own here, actor names
    and source titles and URLs as they were read (csv_chunks), so each piece of a
    joined cell is safe too ("Text to columns" on "; " would otherwise expose a
    formula)."""
    lines = []
    append, join, safe = lines.append, JOINER.join, spreadsheet_safe
    actors_of, speakers_of, sources_of = chunk.actors.get, chunk.speakers.get, chunk.sources.get
    for event_id, slug, title, kind, start, end, precision, location, summary, status, quote in chunk.rows:
        sources = sources_of(event_id, EMPTY)
        append(
            f"{start.isoformat()},{end.isoformat() if end else ''},{precision},"
            f"{quoted(cached_date_label(start, end, precision))},{kind},"
            f"{quoted(safe(title))},{quoted(safe(summary))},{quoted(join(actors_of(event_id, EMPTY)))},"
            f"{quoted(safe(location))},{quoted(join([source.title for source in sources]))},"
            f"{quoted(join([source.url for source in sources if source.url]))},{event_link(slug)},{status},"
            f"{quoted(join(speakers_of(event_id, EMPTY)))},{quoted(safe(quote))}{LINE_END}"
        )
    return lines


def csv_chunks(queryset, event_link, bom: bool = False):
    """CSV text, a chunk of records at a time; `event_link` turns a slug into the url column."""
    yield (BOM if bom else "") + ",".join(HEADER) + LINE_END  # plain names: nothing to quote
    for chunk in export_chunks(queryset, cell=spreadsheet_safe):
        yield "".join(csv_lines(chunk, event_link))


def csv_response(queryset, event_link, filename: str, bom: bool = False) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        csv_chunks(queryset, event_link, bom),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
