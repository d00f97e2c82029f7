from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from timeline.extraction import ArticleError
from timeline.extraction.articles import collect_paths, read_article
from timeline.ingest.articles import extract_database
from timeline.loading import REFERENCE_FIXTURES, FixtureError, load_files
from timeline.paths import CORPUS_DIR


class Command(BaseCommand):
    help = (
        "Extract events from the corpus articles, together with every article already imported, and load them "
        "in one transaction. Every editor's decision stays: edited and reviewed events, rejections, removed "
        "actors and citations. New articles add events; the same articles again add nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="Article files or folders (default: the project's corpus, fixtures/articles/)."
        )

    def handle(self, paths, verbosity, **options):
        try:
            raws = [read_article(path, meta) for path, meta in collect_paths(paths or [CORPUS_DIR])]
        except ArticleError as exc:
            raise CommandError(str(exc)) from exc
        if not raws:
            raise CommandError(f"{', '.join(map(str, paths or [CORPUS_DIR]))}: no .txt articles found")
        try:
            with transaction.atomic():
                reference = load_files(REFERENCE_FIXTURES)
                report = extract_database(raws)
        except FixtureError as exc:
            raise CommandError(f"{exc}; the database is unchanged") from exc
        if verbosity >= 2:
            self.stdout.write(f"Reference data: {reference.summary()}")
        self.stdout.write(self.style.SUCCESS(f"Refreshed from {len(raws)} article file(s): {report.summary()}"))
