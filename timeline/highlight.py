"""An article's text with its quoted sentences marked, built from escaped
pieces so that nothing in the article can become markup."""

from dataclasses import dataclass, field

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .models import Citation
from .quotes import find_quote


@dataclass
class Span:
    start: int
    end: int
    citations: list[Citation] = field(default_factory=list)


def locate(text: str, citation: Citation) -> tuple[int, int] | None:
    """The quote's offsets when they fit the text, else where the quote is found."""
    if 0 <= citation.quote_start < citation.quote_end <= len(text):
        return citation.quote_start, citation.quote_end
    return find_quote(text, citation.quote)


def merged_spans(text: str, citations: list[Citation]) -> tuple[list[Span], list[Citation]]:
    """Overlapping quotes (two events citing one sentence) become one span."""
    located, unplaced = [], []
    for citation in citations:
        where = locate(text, citation)
        if where is None:
            unplaced.append(citation)
        else:
            located.append((where, citation))
    spans: list[Span] = []
    for (start, end), citation in sorted(located, key=lambda item: item[0]):
        if spans and start < spans[-1].end:
            spans[-1].end = max(spans[-1].end, end)
        else:
            spans.append(Span(start, end))
        spans[-1].citations.append(citation)
    return spans, unplaced


def _event_links(span: Span) -> SafeString:
    events = {c.event_id: c.event for c in span.citations}.values()
    return format_html_join(
        "",
        ' <a class="quote-event" href="{}"><span class="visually-hidden">Event: </span>{}</a>',
        ((event.get_absolute_url(), event.title) for event in events),
    )


def highlighted_text(text: str, citations: list[Citation]) -> tuple[SafeString, list[Citation]]:
    """(the article as safe HTML with <mark>ed quotes, the citations not found in it)."""
    spans, unplaced = merged_spans(text, citations)
    pieces, position = [], 0
    for number, span in enumerate(spans, start=1):
        pieces.append(escape(text[position : span.start]))
        pieces.append(
            format_html(
                '<mark class="quote" id="quote-{}">{}</mark>{}',
                number,
                text[span.start : span.end],
                _event_links(span),
            )
        )
        position = span.end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces)), unplaced
