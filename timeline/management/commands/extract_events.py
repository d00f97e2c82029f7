import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from timeline.extraction import ArticleError, extract
from timeline.extraction.articles import collect_paths, read_article
from timeline.extraction.explain import explain_document
from timeline.extraction.fixture import fixture_text, write_atomically
from timeline.knowledge_source import load_knowledge
from timeline.paths import CORPUS_DIR, TIMELINE_FIXTURE

PROGRESS_FROM = 20  # files; fewer than this and a bar is only noise


def read_all(found, show_progress: bool):
    bar = tqdm(found, desc="reading", unit="file", disable=not show_progress, file=sys.stderr)
    return [read_article(path, meta) for path, meta in bar]


class Command(BaseCommand):
    help = (
        "Extract dated, sourced events from article texts (.txt files or folders of them, with an optional "
        "sources.toml per folder) and write them as a Django fixture that loaddata loads."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="Article files or folders (default: the project's corpus, fixtures/articles/)."
        )
        parser.add_argument(
            "--output", default=str(TIMELINE_FIXTURE), help="Fixture file to write (default: fixtures/timeline.json)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Print the report without writing the fixture.")
        parser.add_argument(
            "--explain",
            metavar="ARTICLE",
            action="append",
            default=[],
            help="Print, sentence by sentence, why each sentence of this article (its file name) became an "
            "event or did not; writes nothing. Repeatable.",
        )

    def handle(self, paths, output, dry_run, verbosity, explain, **options):
        extraction = run_extraction(paths, show_progress=verbosity > 0 and not explain)
        if explain:
            self.stdout.write(explain_text(extraction, explain))
            return
        self.report(extraction, verbosity)
        if dry_run:
            self.stdout.write("Dry run: nothing written.")
            return
        try:
            write_atomically(Path(output), fixture_text(extraction))
        except OSError as exc:
            raise CommandError(f"{output}: cannot write the fixture ({exc.strerror or exc})") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {len(extraction.events)} events from {len(extraction.docs)} articles to {output}"
            )
        )

    def report(self, extraction, verbosity):
        if verbosity == 0:
            return
        by_origin = {}
        for event in extraction.events:
            for citation in event.citations:
                reported = by_origin.setdefault(citation.origin, [])
                if not any(seen is event for seen, _ in reported):
                    reported.append((event, citation))
        for doc in extraction.docs:
            reference = extraction.references[doc.origin]
            when = reference.day or reference.year or "unknown"
            self.stdout.write(self.style.MIGRATE_HEADING(f"{doc.origin}: {doc.title[:70]}"))
            self.stdout.write(f"  article date: {when}" + ("" if verbosity < 2 else f" ({reference.note})"))
            for event, citation in by_origin.get(doc.origin, []):
                self.stdout.write(f"  {event.date_label}: {event.title}")
                detail = citation.date_reasoning if verbosity >= 2 else f"from '{citation.date_text}'"
                self.stdout.write(f"      {detail}")
        for line in extraction.dropped if verbosity >= 2 else []:
            self.stdout.write(f"  left out: {line}")


def explain_text(extraction, names) -> str:
    docs = {doc.origin: doc for doc in extraction.docs}
    unknown = [name for name in names if name not in docs]
    if unknown:
        raise CommandError(f"{', '.join(unknown)}: not among the articles read ({', '.join(sorted(docs))})")
    return "\n".join(explain_document(docs[name], extraction) for name in names)


def run_extraction(paths, show_progress=False):
    """Read, check and extract; any unusable input stops the run with a message naming the file."""
    paths = paths or [CORPUS_DIR]
    try:
        found = collect_paths(paths)  # listed once: a file that vanishes later is reported, not skipped
        raws = read_all(found, show_progress and len(found) >= PROGRESS_FROM and sys.stderr.isatty())
    except ArticleError as exc:
        raise CommandError(str(exc)) from exc
    if not raws:
        raise CommandError(f"{', '.join(str(p) for p in paths)}: no .txt articles found")
    return extract(raws, load_knowledge())
