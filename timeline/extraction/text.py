"""Cleaning pasted web pages into article text, and splitting it into sentences with offsets."""

import re
from dataclasses import dataclass

# Lines that are page furniture, not reporting. Matched against a whole stripped line.
BOILERPLATE = [
    r"skip to (main )?content",
    r"(alert|breaking|watch|listen|related|recommended|advertisement|sponsored)\s*:.*",
    r"read (also|more)\s*:?.*",
    r"(also read|see also|more on this|trending|latest|most read|popular)\s*:?",
    r".*\bnewsletter\b.*",
    r"sign up\b.*",
    r"subscribe\b.*",
    r"by (registering|subscribing|signing up)\b.*",
    r"stay informed\b.*",
    r"what you need to know\b.*",
    r"(share|share this|follow us|print|email|comments?)\s*(on .*)?",
    r"(photo|image|video)\s*(credit)?\s*:.*",
    r"(copyright|©).*",
    r"sources?\s*:.{0,80}",  # a credit line: "Sources: ntv.de, dpa/AFP"
    r"from\s+(?:\S+\s*){1,5}(?<![.!?])",  # an outlet credit: "From The Epoch Times" (not a sentence)
    r"click here\b.*",
    r"\d+\s*(min(ute)?s?|comments?)\s*(read)?",
]
BOILERPLATE_RE = re.compile(r"^(?:" + "|".join(BOILERPLATE) + r")$", re.IGNORECASE)
TITLE_MAX = 160
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "sen",
    "rep",
    "st",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "a.m",
    "p.m",
    "i.e",
    "e.g",
    "lt",
    "col",
    "gov",
    "pres",
    "amb",
}
# A sentence ends at . ! ? (plus closing quotes), before whitespace and an opening capital or quote;
# also where a full stop runs straight into the next sentence ("order.Xi's").
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|(?<=[a-z]{2})\.(?=[A-Z][a-z])")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass
class CleanArticle:
    title: str
    text: str  # title and body, boilerplate removed; quotes' offsets refer to this


# "May 8, 2025 / 9:14 AM", "Updated: 08.05.2025 14:20 GMT": a page's dateline, not a headline.
DATE_LINE_WORDS = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*"
    r"|[ap]m|gmt|utc|msk|updated|published|posted|on|at|\d+(?:st|nd|rd|th)?",
    re.IGNORECASE,
)


def _is_date_line(line: str) -> bool:
    """Nothing but a date, a time and their words, with a year."""
    words = re.findall(r"[^\s,/:|.()-]+", line)
    has_year = any(re.fullmatch(r"(?:19|20)\d{2}", word) for word in words)
    return has_year and all(DATE_LINE_WORDS.fullmatch(word) for word in words)


def _looks_like_title(line: str) -> bool:
    return len(line) <= TITLE_MAX and not line.endswith((".", "”", '"')) and line[:1].isupper()


def clean(raw: str) -> CleanArticle:
    """Drop page furniture and repeated lines; take the first line as the title when it looks like one."""
    lines, seen = [], set()
    after_link_list = False
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = " ".join(line.split())
        if not stripped:
            continue
        if re.match(r"^read (also|more)\b", stripped, re.IGNORECASE):
            after_link_list = True  # what follows "Read also:" is a list of links
            continue
        if after_link_list and len(stripped) < 120 and not stripped.endswith("."):
            continue
        after_link_list = False
        if BOILERPLATE_RE.match(stripped) or stripped.lower() in seen:
            continue
        seen.add(stripped.lower())
        lines.append(stripped)
    if not lines:
        return CleanArticle(title="", text="")
    first = next((i for i, line in enumerate(lines[:3]) if not _is_date_line(line)), 0)
    headline = lines[first]
    title = headline if _looks_like_title(headline) and len(lines) > first + 1 else derive_title(headline)
    return CleanArticle(title=title, text="\n\n".join(lines))


def derive_title(first_line: str, words: int = 12) -> str:
    first = split_sentences(first_line)
    sentence = first[0].text if first else first_line
    parts = sentence.split()
    return " ".join(parts[:words]).rstrip(",;:") + ("…" if len(parts) > words else "")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with character offsets into `text`; paragraphs never join."""
    sentences = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for match in SENTENCE_END.finditer(para.group()):
            end = para.start() + match.end()
            if _ends_with_abbreviation(text[start:end]):
                continue
            _append(sentences, text, start, end)
            start = end
        _append(sentences, text, start, para.end())
    return sentences


def _ends_with_abbreviation(chunk: str) -> bool:
    match = re.search(r"(\b[\w.]+)\.[\"”’')\]]*$", chunk)
    if not match:
        return False
    word = match.group(1).lower()
    if word.isdigit() and chunk.strip()[:-1].isdigit():
        return True  # a list number such as "1." starts its item, it does not end a sentence
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _append(sentences, text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end]))


def fingerprint(text: str) -> str:
    """The same article twice, whitespace and case aside, has the same fingerprint."""
    import hashlib

    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()
