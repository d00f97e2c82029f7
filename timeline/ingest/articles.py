"""Bringing an article into the database, and extracting its events on arrival.

A new article is read together with every article already held, so that its
relative dates can lean on theirs and its events can merge with theirs; what it
proposes is loaded through the same editor-safe loader as every fixture.
"""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from django.db import transaction

from timeline.extraction import extract
from timeline.extraction.articles import RawArticle
from timeline.extraction.fixture import fixture_text
from timeline.extraction.text import fingerprint
from timeline.knowledge_source import load_knowledge
from timeline.loading import LoadReport, load_text
from timeline.models import Event, Outlet, Source

from .arrival import extract_arrivals, raw_article

MAX_TEXT_CHARS = 2_000_000


class ArticleRefused(Exception):
    """An article that cannot come in; the message says why, for the editor."""


class DuplicateArticle(ArticleRefused):
    def __init__(self, message: str, existing: Source):
        super().__init__(message)
        self.existing = existing


@dataclass
class Article:
    """What an editor (or a page, or a file) gives us."""

    text: str
    title: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published_on: date | None = None
    name: str = ""  # where it came from, for messages: a file name or an address
    fetched_from: str = ""  # the address asked for, when it differs from the canonical one


@dataclass
class Arrival:
    source: Source
    proposed: int  # events citing the new article


def clean_text(article: Article) -> str:
    text = (article.text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    where = article.name or article.title or "the article"
    if not text:
        raise ArticleRefused(f"{where}: there is no text to import")
    if "\x00" in text:
        raise ArticleRefused(f"{where}: looks like a binary file, not article text (it holds NUL bytes)")
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleRefused(f"{where}: too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    return text


def find_duplicate(text: str, *urls: str) -> Source | None:
    """The same article seen before: the same address, or the same words."""
    addresses = [url for url in urls if url]
    same = Source.objects.filter(url__in=addresses).first() if addresses else None
    return same or Source.objects.filter(text_hash=fingerprint(text)).first()


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower() if url else ""
    return host.removeprefix("www.")


def find_outlet(name: str, url: str) -> Outlet | None:
    """The outlet by its name, else by its website's host (a page's site name is often just
    its domain, or a longer form of the name); a new outlet only when neither is known."""
    name = name.strip()[:200]
    if name and (same := Outlet.objects.filter(name__iexact=name).first()):
        return same
    host = host_of(url)
    if host:
        for outlet in Outlet.objects.exclude(website=""):
            known = host_of(outlet.website)
            if known and (host == known or host.endswith("." + known) or known.endswith("." + host)):
                return outlet
    return Outlet.objects.create(name=name) if name else None


def first_line_title(text: str) -> str:
    line = text.split("\n", 1)[0].strip()
    return line if len(line) <= 200 else line[:197].rsplit(" ", 1)[0] + "…"


def store_article(article: Article) -> Source:
    """The article as a Source, unless it is one we already hold. Callers hold a transaction."""
    text = clean_text(article)
    duplicate = find_duplicate(text, article.url, article.fetched_from)
    if duplicate is not None:
        where = article.name or article.url or "This article"
        raise DuplicateArticle(f"{where}: already imported as “{duplicate.title}”", duplicate)
    outlet = find_outlet(article.outlet, article.url or article.fetched_from)
    digest = fingerprint(text)
    return Source.objects.create(
        title=(article.title.strip() or first_line_title(text))[:500],
        outlet=outlet,
        author=article.author[:300],
        url=article.url,
        published_on=article.published_on,
        origin=f"import-{digest[:20]}",
        text=text,
        text_hash=digest,
    )


def add_articles(articles: list[Article]) -> tuple[list[Arrival], LoadReport]:
    """Store the articles and propose their events in one extraction, all or nothing."""
    with transaction.atomic():
        sources = [store_article(article) for article in articles]
        report = propose_events(sources)
    return [Arrival(source, Event.objects.citing(source).count()) for source in sources], report


def propose_events(sources: list[Source]) -> LoadReport:
    """The new articles' events, read with the articles of their weeks. Callers hold a transaction."""
    return extract_arrivals([raw_article(source) for source in sources]) if sources else LoadReport()


def add_article(article: Article) -> Arrival:
    return add_articles([article])[0][0]


def held_articles(besides=()) -> list[RawArticle]:
    """Every article the database holds, except those named (by origin) in `besides`."""
    sources = Source.objects.select_related("outlet").exclude(origin__in=list(besides)).order_by("origin")
    return [raw_article(source) for source in sources]


def extract_database(raws: list[RawArticle] = ()) -> LoadReport:
    """Extract from these articles and every other one the database holds, in one reading,
    and load the result, keeping editors' decisions. Callers hold a transaction."""
    raws = [*raws, *held_articles(besides={raw.origin for raw in raws})]
    if not raws:
        return LoadReport()
    extraction = extract(raws, load_knowledge())
    return load_text(fixture_text(extraction), label="extracted events")
