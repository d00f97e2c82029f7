"""The three ways an article arrives (an address, a file, pasted text), each made into one Article.

What the editor typed wins over what the page says about itself: an editor who
gives a title or an outlet is correcting the page.
"""

from dataclasses import replace
from datetime import date
from pathlib import PurePath

from .articles import Article, ArticleRefused
from .fetch import FetchError, fetch_page
from .page import PageError, read_page, read_plain_text

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}


def with_overrides(article: Article, title="", outlet="", url="", published_on: date | None = None) -> Article:
    """The editor's metadata over the page's; a fetched page keeps the canonical address it gave."""
    url = "" if article.fetched_from else url.strip()
    given = {"title": title.strip(), "outlet": outlet.strip(), "url": url, "published_on": published_on}
    return replace(article, **{name: value for name, value in given.items() if value})


def from_html(html: str | bytes, url: str = "", name: str = "", encoding: str | None = None) -> Article:
    try:
        page = read_page(html, url=url, encoding=encoding)
    except PageError as exc:
        raise ArticleRefused(str(exc)) from exc
    return Article(
        text=page.text,
        title=page.title,
        outlet=page.site_name,
        author=page.author,
        url=page.canonical_url or url,
        published_on=page.published,
        name=name or url,
    )


def from_url(url: str) -> Article:
    try:
        fetched = fetch_page(url)
    except FetchError as exc:
        raise ArticleRefused(str(exc)) from exc
    if fetched.content_type == "text/plain":
        return Article(text=_decode_plain(fetched.body, url), url=fetched.url, name=url, fetched_from=url)
    return replace(from_html(fetched.body, url=fetched.url, name=url, encoding=fetched.encoding), fetched_from=url)


def from_file(name: str, data: bytes) -> Article:
    suffix = PurePath(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return from_html(data, name=name)
    if suffix in TEXT_SUFFIXES or not suffix:
        return Article(text=_decode_plain(data, name), name=name)
    raise ArticleRefused(f"{name}: not an article file (give an .html or a .txt file)")


def from_text(text: str) -> Article:
    return Article(text=text, name="the pasted text")


def _decode_plain(data: bytes, name: str) -> str:
    try:
        return read_plain_text(data)
    except PageError as exc:
        raise ArticleRefused(f"{name}: {exc}") from exc
