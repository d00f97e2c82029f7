"""Read the article out of a web page, or the text out of an uploaded .txt file.

trafilatura drops menus, footers and cookie banners and finds the metadata; this module
turns what it gives into the plain values Chronicle stores.
"""

import codecs
import re
from dataclasses import dataclass
from datetime import date

import trafilatura
from trafilatura.settings import set_date_params
from trafilatura.xml import xmltotxt

# Fewer words than this is a menu, a sign-in form or a cookie notice, never an article:
# trafilatura returns those rather than nothing ("Home World", "Sign in").
MIN_ARTICLE_WORDS = 20
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class PageText:
    title: str
    text: str
    site_name: str
    author: str
    published: date | None
    canonical_url: str


class PageError(Exception):
    pass


def read_page(html: str | bytes, url: str = "", encoding: str | None = None) -> PageText:
    """`encoding` is the charset from the HTTP header, if any; it wins over the page's <meta>."""
    document = trafilatura.bare_extraction(
        _decoded(html, encoding),
        url=url or None,
        with_metadata=True,
        favor_precision=True,
        # htmldate's extensive search reads dates out of the article text, and so takes a date
        # the story merely mentions ("talks began on 3 January") for the day it was published.
        date_extraction_params=set_date_params(extensive=False),
    )
    text = _paragraphs(document.body) if document is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise PageError(f"{url}: no article text found in this page" if url else "no article text found in this page")
    return PageText(
        title=document.title or "",
        text=text,
        site_name=document.sitename or "",
        author=document.author or "",
        published=_iso_date(document.date),
        canonical_url=document.url or url,
    )


def read_plain_text(data: bytes) -> str:
    # Notepad's "Unicode" is UTF-16 with a byte-order mark; anything else must be UTF-8.
    codec = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise PageError(
            f"the file is not UTF-8 text (byte {error.start + 1} cannot be read); save it as UTF-8 and upload it again"
        ) from None
    if "\x00" in text:
        raise PageError("the file contains NUL characters, so it is not a plain text file")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise PageError("the file is empty")
    return text


def _decoded(html, encoding):
    # trafilatura ignores both the header and <meta charset>: it tries UTF-8, then guesses,
    # and guesses Windows-1252 Spanish as Central European ("Seńor Peńa").
    if isinstance(html, str):
        return html
    if html.startswith(codecs.BOM_UTF8):
        return html.decode("utf-8-sig", errors="replace")
    declared = META_CHARSET.search(html[:4096])
    for label in filter(None, (encoding, declared and declared.group(1).decode("ascii"))):
        try:
            return html.decode(_codec(label), errors="replace")
        except LookupError:  # an unknown label, or a codec such as rot13 that is not a text encoding
            continue
    return html


def _codec(label):
    name = codecs.lookup(label.strip()).name
    # Browsers read pages labelled Latin-1 or ASCII as Windows-1252, and such pages rely on it for curly quotes.
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def _paragraphs(body):
    # trafilatura's own .text puts one newline between blocks and one for each <br>, so
    # paragraphs cannot be told apart afterwards; convert block by block instead.
    blocks = (_tidy(xmltotxt(block, include_formatting=False)) for block in body)
    return "\n\n".join(block for block in blocks if block)


def _tidy(block):
    return "\n".join(line.rstrip() for line in block.strip().splitlines() if line.strip())


def _iso_date(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
