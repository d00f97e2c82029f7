"""Scoring the extractor against a reference set: the team scorer's rules
(timeline/evaluation.py) and the evaluate_extraction command that runs them."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.conftest import body_of
from tests.processes import run_manage
from timeline.evaluation import Thresholds, date_ok, kind_ok, people_ok, score, summary_line
from timeline.management.commands.evaluate_extraction import exported_events, run_extraction
from timeline.models import Actor

UNSEEN = Path(__file__).parent / "data" / "unseen"


def gold(**kwargs):
    kwargs.setdefault("id", "xi-putin-moscow")
    kwargs.setdefault("date_start", "2023-03-21")
    kwargs.setdefault("actors", ["Xi Jinping", "Vladimir Putin"])
    kwargs.setdefault("kind", ["meeting"])
    return kwargs


def event(**kwargs):
    kwargs.setdefault("title", "Xi Jinping meets Vladimir Putin in Moscow")
    kwargs.setdefault("kind", "meeting")
    kwargs.setdefault("date_start", "2023-03-21")
    kwargs.setdefault("date_end", None)
    kwargs.setdefault("date_precision", "day")
    kwargs.setdefault("actors", ["Xi Jinping", "Vladimir Putin"])
    return kwargs


@pytest.mark.parametrize(
    "reference, start, precision, accepted",
    [
        ({"date_start": "2023-03-21"}, "2023-03-21", "day", True),
        ({"date_start": "2023-03-21"}, "2023-03-22", "day", False),
        ({"date_start": "2023-03-21"}, "2023-03-01", "month", False),
        ({"date_start": "2023-03-01", "precision": "month"}, "2023-03-01", "month", True),
        ({"date_start": "2023-03-01", "precision": "month"}, "2023-03-21", "day", False),
        ({"date_start": "2023-01-01", "precision": "year"}, "2023-01-01", "year", True),
        ({"date_start": "2023-03-21", "accept_start": ["2023-03-21", "2023-03"]}, "2023-03-01", "month", True),
        ({"date_start": "2023-03-21", "accept_start": ["2023-03-22"]}, "2023-03-21", "day", False),
    ],
)
def test_a_month_or_year_is_accepted_only_from_an_event_that_claims_no_more(reference, start, precision, accepted):
    assert date_ok(gold(**reference), event(date_start=start, date_precision=precision)) is accepted


@pytest.mark.parametrize(
    "kinds, extracted, fits",
    [
        (["meeting"], "visit", True),
        ("summit", "meeting", True),
        (["visit"], "call", False),
        (["agreement", "statement"], "statement", True),
        ([], "call", True),
    ],
)
def test_meeting_visit_and_summit_are_one_kind_family(kinds, extracted, fits):
    assert kind_ok(gold(kind=kinds), event(kind=extracted)) is fits


def test_only_people_are_checked_against_the_reference_actors():
    shown = event(actors=["Xi Jinping", "Russia", "Sergei Lavrov"])
    kinds = {"Xi Jinping": "person", "Russia": "state", "Sergei Lavrov": "person"}
    assert people_ok(gold(actors=["Xi Jinping", "Lavrov"]), shown, kinds)
    assert not people_ok(gold(actors=["Xi Jinping"]), shown, kinds)
    assert people_ok(gold(actors=["Xi", "Lavrov"]), event(actors=["Xi Jinping", "Russia"]), {"Russia": "state"})
    # A name of unknown kind counts as a person, as in the scorer's --export mode.
    assert not people_ok(gold(actors=["Xi", "Lavrov"]), event(actors=["Xi Jinping", "Russia"]))


def test_a_second_match_is_a_duplicate_and_an_unrelated_event_a_false_positive():
    unrelated = event(title="Lavrov visits Ankara", actors=["Sergei Lavrov"])
    result = score([gold()], [event(), event(title="Xi in Moscow", actors=["Xi"]), unrelated])
    assert (result.required_found, result.duplicates, result.false_positives) == (1, 1, 1)
    assert result.precision == 0.5
    assert result.lines == [
        "  ok   REQ xi-putin-moscow: got 2023-03-21..None [day] exact — Xi Jinping meets Vladimir Putin in Moscow",
        "  DUP  2023-03-21 Xi in Moscow",
        "  FP   2023-03-21 [day] Lavrov visits Ankara (Sergei Lavrov)",
    ]


def test_required_references_are_matched_first():
    optional = gold(id="optional", required=False)
    result = score([optional, gold(id="required")], [event()])
    assert (result.required_found, result.required_total) == (1, 1)
    assert result.lines[0] == "  MISS opt optional: 2023-03-21 Xi Jinping, Vladimir Putin"


def test_merged_counts_required_references_with_several_sources_citing_them_all():
    golds = [
        gold(id="both", sources=["a.txt", "b.txt"]),
        gold(id="half", date_start="2023-03-22", sources=["a.txt", "c.txt"]),
        gold(id="optional", date_start="2023-03-23", sources=["a.txt", "d.txt"], required=False),
        gold(id="single", date_start="2023-03-24", sources=["a.txt"]),
    ]
    cited = [{"origin": "a.txt"}, {"origin": "b.txt"}]
    events = [event(date_start=day, sources=cited) for day in ("2023-03-21", "2023-03-22", "2023-03-24")]
    result = score(golds, events)
    assert (result.merged, result.multi_source) == (1, 2)


def test_strict_precision_counts_wrong_kinds_people_duplicates_and_false_events_against_it():
    kinds = {"Sergei Lavrov": "person", "Wang Yi": "person"}
    golds = [gold(id="right"), gold(id="call", date_start="2023-03-22"), gold(id="talks", date_start="2023-03-23")]
    events = [
        event(),
        event(title="A call", date_start="2023-03-22", kind="call"),
        event(title="Talks", date_start="2023-03-23", actors=["Xi Jinping", "Wang Yi"]),
        event(title="Again"),
        event(title="Elsewhere", actors=["Sergei Lavrov"]),
    ]
    result = score(golds, events, kinds)
    assert result.lines[1].endswith("exact WRONG kind — A call")
    assert result.lines[2].endswith("exact WRONG people — Talks")
    assert summary_line(result) == (
        "PASS: required 3/3 · precision 0.75 (1 false) · exact dates 3/3 · merged 0/0 · duplicates 1 "
        "· strict precision 0.20 (1 right of 5 events)"
    )


def test_summary_fails_when_a_threshold_is_not_met():
    result = score([gold(), gold(id="missed", date_start="2024-01-01")], [event()])
    assert summary_line(result, Thresholds(min_recall=0.5)).startswith("PASS: required 1/2 ")
    assert summary_line(result, Thresholds(min_recall=0.6)).startswith("FAIL: required 1/2 ")
    assert summary_line(result, Thresholds(max_duplicates=0)).startswith("PASS")
    assert summary_line(score([gold()], [event(), event()]), Thresholds(max_duplicates=0)).startswith("FAIL")


# --- The command -----------------------------------------------------------------

REPORTS = {
    "a.txt": "Leaders Meet in Moscow\n\nRussian President Vladimir Putin met Chinese President Xi Jinping "
    "in Moscow on Tuesday, the Kremlin said.\n",
    "b.txt": "Talks in Moscow\n\nXi Jinping met Vladimir Putin in Moscow on 21 March 2023, officials said.\n",
    "c.txt": "Second report\n\nChinese leader Xi Jinping held talks with Vladimir Putin in Moscow on 21 March 2023.\n",
}
REFERENCE = [
    gold(id="moscow-tuesday", date_start="2024-05-14", sources=["a.txt"]),
    gold(id="moscow-march", sources=["b.txt", "c.txt"]),
]


@pytest.fixture
def annotated(tmp_path):
    """Three invented reports, one dated only by its publication date, and their reference file."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text)
    (folder / "sources.toml").write_text('["a.txt"]\npublished = 2024-05-16\n')
    (tmp_path / "gold.json").write_text(json.dumps({"events": REFERENCE}))
    return folder, tmp_path / "gold.json"


def evaluate(*articles, gold, **options):
    out = StringIO()
    call_command("evaluate_extraction", articles=[str(a) for a in articles], gold=str(gold), stdout=out, **options)
    return out.getvalue().splitlines()


def test_command_scores_annotated_articles_without_a_database(annotated):
    # No `db` fixture: any query would fail the test.
    assert evaluate(*annotated[:1], gold=annotated[1]) == [
        "  ok   REQ moscow-tuesday: got 2024-05-14..None [day] exact — Putin meets Xi in Moscow",
        "  ok   REQ moscow-march: got 2023-03-21..None [day] exact — Xi meets Putin in Moscow",
        "PASS: required 2/2 · precision 1.00 (0 false) · exact dates 2/2 · merged 1/1 · duplicates 0 "
        "· strict precision 1.00 (2 right of 2 events)",
    ]


def test_no_dates_ignores_publication_dates_so_a_bare_weekday_cannot_be_dated(annotated):
    lines = evaluate(*annotated[:1], gold=annotated[1], no_dates=True, quiet=True)
    assert lines == [
        "PASS: required 1/2 · precision 1.00 (0 false) · exact dates 1/2 · merged 1/1 · duplicates 0 "
        "· strict precision 1.00 (1 right of 1 events)"
    ]


def test_an_unmet_threshold_fails_with_the_summary(annotated):
    with pytest.raises(CommandError, match=r"^FAIL: required 1/2 · "):
        evaluate(*annotated[:1], gold=annotated[1], no_dates=True, quiet=True, min_recall=0.9)
    with pytest.raises(CommandError, match=r"^FAIL: .* strict precision 1\.00"):
        evaluate(*annotated[:1], gold=annotated[1], require_merged=True, max_duplicates=0, min_strict_precision=1.1)


@pytest.mark.slow
def test_command_exits_non_zero_on_an_unmet_threshold_and_never_opens_the_database(annotated, tmp_path):
    folder, reference = annotated
    database = tmp_path / "untouched.sqlite3"
    args = ("evaluate_extraction", "--articles", str(folder), "--gold", str(reference), "--quiet")
    passed = run_manage(*args, "--min-recall", "1", DATABASE_URL=f"sqlite:///{database}")
    failed = run_manage(*args, "--no-dates", "--min-recall", "1", DATABASE_URL=f"sqlite:///{database}")
    assert passed.returncode == 0 and passed.stdout.startswith("PASS: required 2/2 "), passed.stderr
    assert failed.returncode == 1 and "CommandError: FAIL: required 1/2 " in failed.stderr
    assert not database.exists()  # SQLite creates the file on the first connection


def test_bad_input_is_named(tmp_path, annotated):
    folder, reference = annotated
    with pytest.raises(CommandError, match="no-such-folder: no such file or folder"):
        evaluate(tmp_path / "no-such-folder", gold=reference)
    with pytest.raises(CommandError, match="missing.json: cannot read the reference file"):
        evaluate(folder, gold=tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    for text, problem in [("[", "not JSON"), ("[]", '"events" list'), ('{"events": [{"id": 1}]}', "lacks date_start")]:
        broken.write_text(text)
        with pytest.raises(CommandError, match=f"broken.json: not a usable reference file: .*{problem}"):
            evaluate(folder, gold=broken)


def as_shown(event) -> tuple:
    """What scoring reads of an event; the order of its quotes does not count."""
    fields = ("title", "kind", "date_start", "date_end", "date_precision", "actors")
    sources = sorted((s["origin"], s["title"], s["url"]) for s in event["sources"])
    return (*[event[f] for f in fields], sources)


def test_command_scores_exactly_what_the_json_export_shows(db, tmp_path):
    """The command's in-memory events mirror /events.json after a real extract and load."""
    golds = json.loads((UNSEEN / "expected.json").read_text())["events"]
    fixture = tmp_path / "unseen.json"
    call_command("extract_events", str(UNSEEN), output=str(fixture), verbosity=0)
    call_command("loaddata", str(fixture), verbosity=0)
    response = Client().get("/events.json")
    exported = json.loads(body_of(response))["events"]
    in_memory = exported_events(run_extraction([UNSEEN], no_dates=False))
    # Databases sort an empty end date differently; the command orders one day's events by title.
    exported.sort(key=lambda e: (e["date_start"], e["date_end"] or e["date_start"], e["title"]))
    assert list(map(as_shown, in_memory)) == list(map(as_shown, exported))
    loaded = score(golds, exported, dict(Actor.objects.values_list("name", "kind")))
    assert evaluate(UNSEEN, gold=UNSEEN / "expected.json") == [*loaded.lines, summary_line(loaded)]
    assert loaded.required_found and loaded.events  # the comparison is not vacuous
