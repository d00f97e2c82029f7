from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.evaluation import GoldError, Thresholds, parse_gold, score, summary_line
from timeline.extraction import ArticleError, extract, read_articles
from timeline.extraction.knowledge import load_reference_files

THRESHOLDS = ("min_recall", "min_precision", "min_strict_precision", "max_duplicates", "require_merged")


class Command(BaseCommand):
    help = (
        "Run the extractor on annotated articles, in memory (the database is never read or written), and score "
        "its events against a reference file by the team's rules (shared/tools/score_extraction.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", nargs="+", required=True, help="Article files or folders, as extract_events takes them."
        )
        parser.add_argument("--gold", required=True, help='Reference file: {"events": [{id, date_start, ...}]}.')
        parser.add_argument(
            "--no-dates", action="store_true", help="Ignore the 'published' dates of sources.toml files."
        )
        parser.add_argument("--min-recall", type=float, default=0.0, help="Fail below this share of required events.")
        parser.add_argument("--min-precision", type=float, default=0.0, help="Fail below this precision.")
        parser.add_argument(
            "--min-strict-precision",
            type=float,
            default=0.0,
            help="Fail below this share of events right in date, kind and people.",
        )
        parser.add_argument("--max-duplicates", type=int, help="Fail above this many duplicate events.")
        parser.add_argument(
            "--require-merged", action="store_true", help="Fail unless every multi-source event cites all its sources."
        )
        parser.add_argument("--quiet", action="store_true", help="Print only the summary line.")

    def handle(self, articles, gold, no_dates, quiet, **options):
        golds = read_gold(gold)
        extraction = run_extraction(articles, no_dates)
        result = score(golds, exported_events(extraction), actor_kinds(extraction))
        if not quiet and result.lines:
            self.stdout.write("\n".join(result.lines))
        thresholds = Thresholds(**{name: options[name] for name in THRESHOLDS})
        if not thresholds.met_by(result):
            raise CommandError(summary_line(result, thresholds))
        self.stdout.write(self.style.SUCCESS(summary_line(result, thresholds)))


def read_gold(path) -> list[dict]:
    try:
        return parse_gold(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: cannot read the reference file ({getattr(exc, 'strerror', None) or exc})") from exc
    except GoldError as exc:
        raise CommandError(f"{path}: not a usable reference file: {exc}") from exc


def run_extraction(paths, no_dates: bool):
    try:
        raws = read_articles(paths)
    except ArticleError as exc:
        raise CommandError(str(exc)) from exc
    if not raws:
        raise CommandError(f"{', '.join(map(str, paths))}: no .txt articles found")
    if no_dates:
        raws = [replace(raw, meta=replace(raw.meta, published=None)) for raw in raws]
    # The reference files, as on a fresh database: the scorer's setting, and no database is touched.
    return extract(raws, load_reference_files())


def exported_events(extraction) -> list[dict]:
    """The events as /events.json lists them once the fixture is loaded, each with every participant
    whatever its role, in chronological order; events of one day go by title, so that the score
    does not depend on how a database sorts an empty end date."""
    docs = {doc.origin: doc for doc in extraction.docs}
    ordered = sorted(extraction.events, key=lambda e: (e.date_start, e.date_end or e.date_start, e.title))
    return [event_dict(event, extraction.actors, docs) for event in ordered]


def event_dict(event, actors, docs) -> dict:
    return {
        "title": event.title,
        "kind": event.kind,
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "date_precision": event.date_precision,
        "actors": [actors[slug].name for slug, _ in event.participants],
        "sources": [source_dict(docs[citation.origin]) for citation in event.citations],
    }


def source_dict(doc) -> dict:
    # The title and URL as the fixture stores them: the scorer also matches a source by their file names.
    return {"origin": doc.origin, "title": doc.display_title, "url": doc.raw.meta.url}


def actor_kinds(extraction) -> dict[str, str]:
    return {actor.name: actor.kind for actor in extraction.actors.values()}
