"""Where the project's data lives: the one place that spells out the fixtures' paths.

Pure (no Django), so the settings and the extractor can both use it."""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
FIXTURES_DIR = PROJECT_DIR / "fixtures"
REFERENCE_DIR = FIXTURES_DIR / "reference"  # actors, places, calendar, outlets: knowledge editors can read
TIMELINE_FIXTURE = FIXTURES_DIR / "timeline.json"  # what extract_events writes and load_timeline loads
CORPUS_DIR = FIXTURES_DIR / "articles"  # the project's own copy of the seed articles


def reference_fixtures() -> list[Path]:
    return sorted(REFERENCE_DIR.glob("*.json"))
