"""Quoted words, clauses and spans inside one sentence: what the readers of a sentence share."""

import dataclasses
import re
from functools import lru_cache

from . import lexicon


def alternatives(fragments) -> str:
    return r"\b(?:" + "|".join(fragments) + r")\b"


CLAUSE_OPENERS = re.compile(
    r";|\s[-–—]{1,2}\s|,?\s(?=(?:as(?!\s+(?:a|an|part|well|much|long|soon|guest|host)\b)|while|whereas|because|although|but|where|who|which|"
    + "|".join(lexicon.BACKGROUND_OPENERS)
    + r")\s)",
    re.IGNORECASE,
)
# A quote may run on into the next paragraph: an opening mark with no closing one runs to the end.
QUOTED = re.compile(r"“([^”]{3,400})”|\"([^\"]{3,400})\"|“([^”]{3,400})$")


def quote_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), (m.group(1) or m.group(2) or m.group(3)).strip()) for m in QUOTED.finditer(text)]


@lru_cache(maxsize=65536)
def normalise_quote(quote: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", quote.lower().replace("’", "'")))


def clause_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in CLAUSE_OPENERS.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
            start = match.start()
    bounds.append((start, len(text)))
    return bounds


def clause_of(clauses, offset) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= offset < c[1]), clauses[-1])


def inside(spans, offset) -> bool:
    return any(s <= offset < e for s, e, *_ in spans)


def gap_words(text: str) -> list[str]:
    return re.findall(r"[\w’']+", text.replace("’s", "").replace("'s", ""))


def without_times(text: str, start: int, end: int, expressions) -> str:
    """text[start:end] with time expressions blanked out."""
    chars = list(text[start:end])
    for e in expressions:
        for i in range(max(e.start, start), min(e.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def shifted(expression, offset):
    """The same time words, counted from another origin (the article's or the sentence's)."""
    return dataclasses.replace(expression, start=expression.start + offset, end=expression.end + offset)
