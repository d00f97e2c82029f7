from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from timeline.extraction.fixture import fixture_text
from timeline.loading import REFERENCE_FIXTURES, FixtureError, load_files, load_text

from .extract_events import run_extraction


class Command(BaseCommand):
    help = (
        "Extract events from articles and load them in one transaction, keeping every event an editor has "
        "edited or reviewed. New articles add events and citations; the same articles again add nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="Article files or folders (default: the project's corpus, fixtures/articles/)."
        )

    def handle(self, paths, verbosity, **options):
        extraction = run_extraction(paths, show_progress=verbosity > 0)
        try:
            with transaction.atomic():
                reference = load_files(REFERENCE_FIXTURES)
                report = load_text(fixture_text(extraction), label="extracted events")
        except FixtureError as exc:
            raise CommandError(f"{exc}; the database is unchanged") from exc
        if verbosity >= 2:
            self.stdout.write(f"Reference data: {reference.summary()}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Refreshed from {len(extraction.docs)} articles ({len(extraction.events)} events): {report.summary()}"
            )
        )
