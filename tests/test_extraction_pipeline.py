"""The extractor end to end: the seeds score fully, the fixture is deterministic,
and bad input stops with a message naming the file while nothing is written."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.conftest import body_of
from timeline.evaluation import score
from timeline.paths import CORPUS_DIR

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((Path(__file__).parent / "data" / "seed_gold.json").read_text())["events"]


def extract_to(tmp_path, *paths, name="out.json"):
    output = tmp_path / name
    call_command("extract_events", *[str(p) for p in paths], output=str(output), verbosity=0)
    return output


def exported_events(client):
    response = client.get("/events.json")
    assert response.status_code == 200
    body = body_of(response)
    return json.loads(body)["events"]


@pytest.fixture
def seed_timeline(db, tmp_path):
    call_command("loaddata", str(extract_to(tmp_path, CORPUS_DIR)), verbosity=0)


def test_seed_articles_score_every_required_event_without_duplicates(seed_timeline):
    result = score(GOLD, exported_events(Client()))
    assert result.required_found == result.required_total
    assert result.duplicates == 0
    assert result.precision >= 0.9
    assert result.merged == result.multi_source


def test_committed_fixture_is_what_the_extractor_writes_today(db, tmp_path):
    regenerated = extract_to(tmp_path, CORPUS_DIR).read_bytes()
    assert regenerated == (ROOT / "fixtures" / "timeline.json").read_bytes()


def test_extraction_is_deterministic(db, tmp_path):
    first = extract_to(tmp_path, CORPUS_DIR, name="a.json").read_bytes()
    second = extract_to(tmp_path, CORPUS_DIR, name="b.json").read_bytes()
    assert first == second


def test_every_citation_quotes_its_source_exactly(seed_timeline):
    from timeline.models import Citation

    citations = list(Citation.objects.select_related("source"))
    assert citations
    for citation in citations:
        assert citation.source.text[citation.quote_start : citation.quote_end] == citation.quote


def test_sources_toml_metadata_is_used_and_published_date_wins(db, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Leaders Meet in Moscow\n\nRussian President Vladimir Putin met Chinese President Xi Jinping "
        "in Moscow on Tuesday, the Kremlin said.\n"
    )
    (folder / "sources.toml").write_text(
        '["a.txt"]\ntitle = "Leaders meet"\npublisher = "Example Wire"\n'
        'url = "https://example.com/a"\npublished = 2024-05-16\n'
    )
    records = json.loads(extract_to(tmp_path, folder).read_text())
    source = next(r["fields"] for r in records if r["model"] == "timeline.source")
    assert (source["title"], source["outlet"], source["published_on"]) == (
        "Leaders meet",
        ["Example Wire"],
        "2024-05-16",
    )
    event = next(r["fields"] for r in records if r["model"] == "timeline.event")
    assert (event["date_start"], event["date_precision"]) == ("2024-05-14", "day")


def test_missing_path_and_malformed_sources_toml_are_named(db, tmp_path):
    with pytest.raises(CommandError, match="no-such-folder: no such file or folder"):
        call_command("extract_events", str(tmp_path / "no-such-folder"), dry_run=True, verbosity=0)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Xi Jinping met Vladimir Putin in Moscow on 21 March 2023.")
    (folder / "sources.toml").write_text('["a.txt"\npublished = ')
    with pytest.raises(CommandError, match=r"sources\.toml: malformed"):
        call_command("extract_events", str(folder), dry_run=True, verbosity=0)


def test_dry_run_reports_dates_and_writes_nothing(db, tmp_path, capsys):
    output = tmp_path / "never.json"
    call_command("extract_events", str(CORPUS_DIR), output=str(output), dry_run=True, verbosity=2)
    printed = capsys.readouterr().out
    assert not output.exists()
    assert "12 September 2022" in printed and "Dry run" in printed
    assert "article date:" in printed


UNSEEN = Path(__file__).parent / "data" / "unseen"


def test_articles_never_seen_while_building_the_extractor_mostly_extract(db, tmp_path, client):
    """Other outlets, other meetings: a floor that records today's level, so it can only go up."""
    call_command("loaddata", str(extract_to(tmp_path, UNSEEN)), verbosity=0)
    from timeline.models import Actor

    golds = json.loads((UNSEEN / "expected.json").read_text())["events"]
    kinds = dict(Actor.objects.values_list("name", "kind"))  # states and bodies are not people to check
    result = score(golds, exported_events(client), kinds)
    assert result.required_found == result.required_total, result
    assert result.precision >= 0.95, result
    assert result.strict_precision >= 0.75, result
    assert result.duplicates <= 1, result
