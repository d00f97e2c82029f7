from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from timeline.extraction.articles import ArticleError, read_sources_toml
from timeline.ingest.articles import ArticleRefused, DuplicateArticle, propose_events, store_article
from timeline.ingest.inputs import HTML_SUFFIXES, TEXT_SUFFIXES, from_file, from_url, with_overrides
from timeline.models import Event

URL_LIST_SUFFIXES = {".urls", ".list"}


def is_address(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def addresses_in(path: Path) -> list[str]:
    """A list of addresses, one per line; blank lines and # comments are skipped."""
    lines = [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    addresses = [line for line in lines if line]
    wrong = [line for line in addresses if not is_address(line)]
    if wrong:
        raise CommandError(f"{path}: {wrong[0]!r} is not an http(s) address")
    return addresses


def article_files(folder: Path) -> list[Path]:
    suffixes = HTML_SUFFIXES | TEXT_SUFFIXES
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes)


def read_file(path: Path, metas: dict):
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    article = from_file(str(path), data)
    meta = metas.get(path.name)
    if meta is None:
        return article
    return with_overrides(article, title=meta.title, outlet=meta.publisher, url=meta.url, published_on=meta.published)


class Command(BaseCommand):
    help = (
        "Bring articles in, as the admin's 'Add article' does: files (.html or .txt, with an optional "
        "sources.toml beside them), folders of them, web addresses, or lists of addresses (a .urls file, one per "
        "line). Each is read at once and its events arrive in the review queue as proposed. An article already "
        "held (same address or same text) is skipped. Any unusable article stops the whole import with a "
        "message naming it, and the database is left as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("items", nargs="+", metavar="PATH|URL", help="Files, folders, addresses or .urls lists.")

    def handle(self, items, verbosity, **options):
        try:
            articles = self.read_all(items)
        except (ArticleRefused, ArticleError) as exc:
            raise CommandError(f"{exc}; nothing was imported") from exc
        added, skipped = [], []
        try:
            with transaction.atomic():
                for article in articles:
                    try:
                        added.append(store_article(article))
                    except DuplicateArticle as exc:
                        skipped.append(str(exc))
                report = propose_events(added) if added else None
        except ArticleRefused as exc:
            raise CommandError(f"{exc}; nothing was imported") from exc
        for line in skipped:
            self.stdout.write(f"skipped: {line}")
        for source in added:
            proposed = Event.objects.citing(source).count()
            self.stdout.write(f"imported: {source.title} ({proposed} event(s) proposed)")
        summary = f"Imported {len(added)} article(s), skipped {len(skipped)} already held"
        if report is not None and verbosity >= 2:
            summary += f": {report.summary()}"
        self.stdout.write(self.style.SUCCESS(summary + "."))

    def read_all(self, items) -> list:
        articles = []
        for item in items:
            if is_address(item):
                articles.append(from_url(item))
                continue
            path = Path(item)
            if path.is_dir():
                metas = read_sources_toml(path)
                articles += [read_file(file, metas) for file in article_files(path)]
            elif path.is_file() and path.suffix.lower() in URL_LIST_SUFFIXES:
                articles += [from_url(address) for address in addresses_in(path)]
            elif path.is_file():
                articles.append(read_file(path, read_sources_toml(path.parent)))
            else:
                raise CommandError(f"{item}: no such file or folder, and not an http(s) address")
        return articles
