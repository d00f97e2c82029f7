"""Reading article files and their optional sources.toml, with errors that name the file."""

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

MAX_ARTICLE_BYTES = 25 * 1024 * 1024
SOURCE_FIELDS = {"title", "publisher", "url", "published"}


class ArticleError(Exception):
    """A file the pipeline cannot use; the message names it."""


@dataclass(frozen=True)
class SourceMeta:
    title: str = ""
    publisher: str = ""
    url: str = ""
    published: date | None = None


@dataclass
class RawArticle:
    origin: str  # the file name, the Source's natural key
    path: Path
    text: str
    meta: SourceMeta = field(default_factory=SourceMeta)


def _parse_published(value, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ArticleError(f"{where}: 'published' must be a date like 2023-03-22, not {value!r}") from None


def read_sources_toml(folder: Path) -> dict[str, SourceMeta]:
    path = folder / "sources.toml"
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ArticleError(f"{path}: malformed sources.toml ({exc})") from exc
    metas = {}
    for name, entry in data.items():
        if not isinstance(entry, dict):
            raise ArticleError(f"{path}: entry [{name}] must be a table of title/publisher/url/published")
        unknown = set(entry) - SOURCE_FIELDS
        if unknown:
            raise ArticleError(f"{path}: entry [{name}] has unknown field(s) {', '.join(sorted(unknown))}")
        metas[name] = SourceMeta(
            title=str(entry.get("title", "")),
            publisher=str(entry.get("publisher", "")),
            url=str(entry.get("url", "")),
            published=_parse_published(entry.get("published"), f"{path} [{name}]"),
        )
    return metas


def read_article(path: Path, meta: SourceMeta | None = None) -> RawArticle:
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{path}: too large ({size // 1024 // 1024} MB; the limit is 25 MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: the file disappeared before it could be read") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if b"\x00" in data:
        # Text never holds NUL bytes, and PostgreSQL text columns cannot store them.
        raise ArticleError(f"{path}: looks like a binary file, not article text (it holds NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 text (bad byte at position {exc.start})") from None
    if not text.strip():
        raise ArticleError(f"{path}: the file is empty")
    return RawArticle(origin=path.name, path=path, text=text, meta=meta or SourceMeta())


def collect_paths(paths) -> list[tuple[Path, SourceMeta | None]]:
    """Expand files and folders into (article path, metadata), sorted for determinism."""
    found: dict[str, tuple[Path, SourceMeta | None]] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            metas = read_sources_toml(path)
            for file in sorted(path.glob("*.txt")):
                _add(found, file, metas.get(file.name))
        elif path.is_file():
            _add(found, path, read_sources_toml(path.parent).get(path.name))
        else:
            raise ArticleError(f"{path}: no such file or folder")
    return [found[name] for name in sorted(found)]


def _add(found, file: Path, meta):
    if file.name in found and found[file.name][0].resolve() != file.resolve():
        raise ArticleError(f"{file}: another article has the same file name ({found[file.name][0]})")
    found[file.name] = (file, meta)


def read_articles(paths) -> list[RawArticle]:
    return [read_article(path, meta) for path, meta in collect_paths(paths)]
