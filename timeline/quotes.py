"""Finding a quoted sentence in its article, so that nobody types character offsets."""

import re


def find_quote(text: str, quote: str, near: int | None = None) -> tuple[int, int] | None:
    """(start, end) of the quote in the text: exactly, or with any run of whitespace
    (a pasted sentence loses its line breaks). Of several places, the one nearest `near`."""
    quote = quote.strip()
    if not quote or not text:
        return None
    words = quote.split()
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    spans = [match.span() for match in pattern.finditer(text)]
    if not spans:
        return None
    if near is None:
        return spans[0]
    return min(spans, key=lambda span: abs(span[0] - near))
