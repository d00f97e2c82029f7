from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from timeline.ingest.articles import extract_database
from timeline.loading import REFERENCE_FIXTURES, FixtureError, load_files
from timeline.models import Source
from timeline.paths import TIMELINE_FIXTURE


class Command(BaseCommand):
    help = (
        "Load the reference data (actors, places, calendar) and the extracted timeline fixture into the "
        "database without losing an editor's work: new rows are added, edited or reviewed events are kept, "
        "rejected ones stay away. Articles imported by editors are read again with the fixture's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fixtures",
            nargs="*",
            help="Fixture files to load (default: fixtures/reference/*.json and fixtures/timeline.json).",
        )

    def handle(self, fixtures, **options):
        paths = [Path(p) for p in fixtures] or [*REFERENCE_FIXTURES, TIMELINE_FIXTURE]
        missing = [p for p in paths if not p.exists()]
        if fixtures and missing:
            raise CommandError(f"{missing[0]}: no such fixture file")
        paths = [p for p in paths if p.exists()]
        try:
            with transaction.atomic():
                report = load_files(paths)
                imported = Source.objects.exclude(origin__in=report.source_origins)
                if report.source_origins and imported.exists():
                    # The fixture knows only the corpus: read it again with the imported articles,
                    # so that their events merge with the corpus's as they did on import.
                    report.add(extract_database())
        except FixtureError as exc:
            raise CommandError(f"{exc}; nothing was loaded") from exc
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(paths)} fixture file(s): {report.summary()}"))
