"""The table of sample sentences: one row per difficulty met in real news, in our own words.

Adding a row is the fastest way to pin a fix: write the sentence, say what a careful reader
would date from it (or why nothing), and run this file."""

import json
from datetime import date
from pathlib import Path

import pytest

from timeline.extraction import extract, load_reference_files
from timeline.extraction.articles import RawArticle, SourceMeta

TABLE = json.loads((Path(__file__).parent / "data" / "sample_sentences.json").read_text(encoding="utf-8"))["rows"]
KNOWLEDGE = load_reference_files()


def run(row):
    published = date.fromisoformat(row["published"]) if row["published"] else None
    article = RawArticle("row.txt", Path("row.txt"), row["text"], SourceMeta(published=published))
    return extract([article], KNOWLEDGE)


def seen(event, actors) -> dict:
    taking_part = [slug for slug, role in event.participants if role != "mentioned"]
    return {
        "kind": event.kind,
        "people": sorted(actors[s].name for s in taking_part if actors[s].kind == "person"),
        "bodies": sorted(actors[s].name for s in taking_part if actors[s].kind == "organisation"),
        "start": event.date_start.isoformat(),
        "end": event.date_end.isoformat() if event.date_end else None,
        "precision": event.date_precision,
    }


def wanted(expected) -> dict:
    return {
        "kind": expected["kind"],
        "people": sorted(_canonical(name) for name in expected["people"]),
        "bodies": sorted(expected.get("bodies", [])),
        "start": expected["start"],
        "end": expected.get("end"),
        "precision": expected.get("precision", "day"),
    }


def _canonical(name) -> str:
    """The reference list's spelling of a name the table may spell otherwise (Sergei/Sergey)."""
    for actor in KNOWLEDGE.actors.values():
        if name == actor.name or name in actor.aliases:
            return actor.name
    return name


@pytest.mark.parametrize("row", [r for r in TABLE if "expect" in r], ids=lambda r: r["difficulty"][:60])
def test_sample_sentence_yields_the_events_a_careful_reader_dates(row):
    extraction = run(row)
    got = sorted((seen(e, extraction.actors) for e in extraction.events), key=lambda e: (e["start"], e["kind"]))
    expected = sorted((wanted(e) for e in row["expect"]), key=lambda e: (e["start"], e["kind"]))
    assert got == expected


@pytest.mark.parametrize("row", [r for r in TABLE if "no_event" in r], ids=lambda r: r["difficulty"][:60])
def test_sample_sentence_yields_no_event_and_the_trace_says_why(row):
    extraction = run(row)
    assert extraction.events == []
    trace = [why for doc in extraction.docs for notes in doc.trace.values() for why in notes]
    assert any(row["no_event"] in why for why in trace), trace
