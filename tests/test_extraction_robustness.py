"""The extraction command against broken input: every unusable file stops the
run with one line naming it and a non-zero exit; the output fixture is replaced
atomically or not at all; refresh_timeline loads in one transaction.

(The basic empty/binary/Latin-1 cases live in test_extraction_pipeline.py.)"""

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from timeline.models import Citation, Event, Source
from timeline.paths import CORPUS_DIR

ROOT = Path(__file__).resolve().parent.parent
GOOD = "Xi Jinping met Vladimir Putin in Moscow on 21 March 2023 for talks on trade.\n"
PREVIOUS = '[{"previous": "fixture"}]'


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "articles"
    path.mkdir()
    (path / "good.txt").write_text(GOOD)
    return path


@pytest.fixture
def output(tmp_path):
    path = tmp_path / "out" / "timeline.json"
    path.parent.mkdir()
    path.write_text(PREVIOUS)
    return path


def leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir() if p.name != output.name)


def extract(*paths, output):
    call_command("extract_events", *map(str, paths), output=str(output), verbosity=0)


def assert_refused(paths, output, *named):
    """One line naming the file, the old fixture intact, nothing left beside it."""
    with pytest.raises(CommandError) as error:
        extract(*paths, output=output)
    message = str(error.value)
    assert "\n" not in message.strip(), message
    for name in named:
        assert name in message, message
    assert output.read_text() == PREVIOUS
    assert leftovers(output) == []
    return message


# --- Broken article files --------------------------------------------------------

BAD_ARTICLES = [
    ("zero.txt", b"", "empty"),
    ("blank.txt", b" \n\t\r\n \n", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("utf16.txt", GOOD.encode("utf-16"), ""),
    ("latin1.txt", "Caf\xe9 talks in Moscow".encode("latin-1"), "UTF-8"),
    ("cp1252.txt", "\u201cXi met Putin\u201d on 21 March 2023.".encode("cp1252"), "UTF-8"),
    ("truncated.txt", GOOD.encode() + "Путин".encode()[:-1], "UTF-8"),
    ("overlong.txt", b"Xi met Putin \xc0\xaf in Moscow.", "UTF-8"),
    ("surrogate.txt", b"Xi met Putin \xed\xa0\x80 in Moscow.", "UTF-8"),
]


@pytest.mark.parametrize("name, content, problem", BAD_ARTICLES, ids=[case[0] for case in BAD_ARTICLES])
def test_an_unreadable_article_is_named_and_nothing_is_written(db, folder, output, name, content, problem):
    (folder / name).write_bytes(content)
    assert problem in assert_refused([folder], output, name)


def test_an_article_over_the_size_limit_is_refused_before_it_is_read(db, folder, output):
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(26 * 1024 * 1024)  # sparse: costs no disk
    assert "too large" in assert_refused([folder], output, "huge.txt")


def test_nul_bytes_deep_inside_an_article_never_reach_the_fixture(db, folder, output):
    # Binary detection looks at the start; a NUL further in would break PostgreSQL text columns.
    (folder / "late_nul.txt").write_bytes(GOOD.encode() * 200 + b"\x00\x00" + GOOD.encode())
    try:
        extract(folder, output=output)
    except CommandError as error:
        assert "late_nul.txt" in str(error) and output.read_text() == PREVIOUS
    else:
        assert "\\u0000" not in output.read_text()


def test_a_missing_path_among_good_ones_is_named(db, folder, output):
    assert_refused([folder, folder.parent / "gone"], output, "gone", "no such file")


def test_a_folder_without_articles_is_named(db, tmp_path, output):
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    (empty / "notes.md").write_text("not an article")
    assert_refused([empty], output, "nothing-here", "no .txt")


def test_two_articles_with_the_same_file_name_are_refused(db, folder, tmp_path, output):
    other = tmp_path / "other"
    other.mkdir()
    (other / "good.txt").write_text(GOOD)
    assert_refused([folder, other], output, "good.txt", "same file name")


# --- Malformed sources.toml ---------------------------------------------------------

BAD_TOML = [
    ("syntax", b'["good.txt"\ntitle = ', "malformed"),
    ("not a table", b'"good.txt" = "Xi meets Putin"\n', "must be a table"),
    ("unknown field", b'["good.txt"]\nauthor = "someone"\n', "unknown field"),
    ("bad date", b'["good.txt"]\npublished = "last Tuesday"\n', "published"),
    ("list for date", b'["good.txt"]\npublished = [2023, 3, 21]\n', "published"),
    ("not UTF-8", b'["good.txt"]\ntitle = "Caf\xe9"\n', "sources.toml"),
    ("binary", b"\x00\x01\x02\x03", "sources.toml"),
]


@pytest.mark.parametrize("content, problem", [case[1:] for case in BAD_TOML], ids=[case[0] for case in BAD_TOML])
def test_a_malformed_sources_toml_is_named_and_nothing_is_written(db, folder, output, content, problem):
    (folder / "sources.toml").write_bytes(content)
    assert problem in assert_refused([folder], output, "sources.toml")


def test_a_sources_toml_that_is_a_folder_is_named(db, folder, output):
    (folder / "sources.toml").mkdir()
    assert_refused([folder], output, "sources.toml")


# --- A file that disappears mid-run ------------------------------------------------------


def test_an_article_deleted_after_listing_is_named(db, folder, output, monkeypatch):
    from timeline.management.commands import extract_events as command

    (folder / "vanishing.txt").write_text(GOOD)
    real_read = command.read_article

    def read_after_someone_deletes_it(path, meta=None):
        if path.name == "vanishing.txt":
            path.unlink()
        return real_read(path, meta)

    monkeypatch.setattr(command, "read_article", read_after_someone_deletes_it)
    assert "disappeared" in assert_refused([folder], output, "vanishing.txt")


# --- The output is replaced atomically ----------------------------------------------------


def test_a_failed_write_keeps_the_old_fixture_and_leaves_no_temporary_file(db, folder, output, monkeypatch):
    from timeline.extraction import fixture

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fixture.os, "replace", disk_full)
    assert "No space left" in assert_refused([folder], output, str(output))


def test_an_output_path_that_is_a_folder_is_named(db, folder, tmp_path):
    target = tmp_path / "a-folder"
    target.mkdir()
    with pytest.raises(CommandError, match="a-folder"):
        extract(folder, output=target)
    assert list(target.iterdir()) == []


def test_a_successful_run_replaces_the_fixture_whole_and_leaves_nothing_else(db, folder, output):
    extract(folder, output=output)
    records = json.loads(output.read_text())
    assert any(r["model"] == "timeline.event" for r in records)
    assert leftovers(output) == []


# --- Size and number of files -----------------------------------------------------------------


def realistic_text(size: int) -> str:
    """Real news prose (the seed corpus) repeated to `size` characters: a long digest."""
    body = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(CORPUS_DIR.glob("*.txt")))
    return (body + "\n\n") * (size // (len(body) + 2)) + body[: size % (len(body) + 2)]


@pytest.mark.parametrize("size", [1_000_000, 20_000_000], ids=["1MB", "20MB"])
def test_a_very_long_article_is_extracted(db, tmp_path, output, size):
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "digest.txt").write_text(realistic_text(size))
    extract(folder, output=output)
    records = json.loads(output.read_text())
    assert sum(r["model"] == "timeline.source" for r in records) == 1
    assert sum(r["model"] == "timeline.event" for r in records) > 0


@pytest.mark.slow
def test_thousands_of_articles_in_one_folder_are_extracted(db, tmp_path, output):
    from timeline.extraction.knowledge import load_reference_files
    from timeline.synthetic import plan_articles

    folder = tmp_path / "many"
    folder.mkdir()
    people = [actor.name for actor in load_reference_files().actors.values() if actor.kind == "person"]
    for n, article in enumerate(plan_articles(2000, seed=7, names=people)):
        (folder / f"{n:05d}.txt").write_text(article.text)
    extract(folder, output=output)
    records = json.loads(output.read_text())
    assert sum(r["model"] == "timeline.source" for r in records) == 2000
    # Generated articles pair people at random; only those with both sides (about half) are events here.
    assert sum(r["model"] == "timeline.event" for r in records) > 800


# --- The command line: exit status and a single line -----------------------------------------


def run_command(*args, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    return subprocess.run(
        [sys.executable, "manage.py", "extract_events", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow  # a child process
@pytest.mark.parametrize("name, content", [("empty.txt", b""), ("binary.txt", b"\x00\xff" * 64)])
def test_the_command_exits_non_zero_with_one_line_naming_the_file(folder, output, tmp_path, name, content):
    (folder / name).write_bytes(content)
    result = run_command(str(folder), "--output", str(output), tmp_path=tmp_path)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0] and "Traceback" not in result.stderr, result.stderr
    assert output.read_text() == PREVIOUS


@pytest.mark.slow  # a child process
def test_the_command_names_a_malformed_sources_toml_and_exits_non_zero(folder, output, tmp_path):
    (folder / "sources.toml").write_text('["good.txt"\n')
    result = run_command(str(folder), "--output", str(output), tmp_path=tmp_path)
    assert result.returncode != 0 and "sources.toml" in result.stderr and "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1


# --- refresh_timeline: one transaction ------------------------------------------------------


def database_rows():
    return (
        sorted(Event.objects.values_list("slug", "title", "edited")),
        sorted(Citation.objects.values_list("event__slug", "source__origin", "quote_start")),
        sorted(Source.objects.values_list("origin", "title")),
    )


@pytest.mark.django_db(transaction=True)
def test_a_refresh_that_fails_half_way_through_loading_changes_nothing(monkeypatch):
    from timeline import loading

    call_command("refresh_timeline", str(CORPUS_DIR), verbosity=0)
    Event.objects.update(edited=False, status="proposed")  # so the refresh would rewrite every event
    before = database_rows()
    saved = {"events": 0}
    real_save_event = loading.Loader.save_event

    def fail_on_the_third_event(loader, item):
        saved["events"] += 1
        if saved["events"] == 3:
            raise loading.FixtureError("simulated failure while loading the third event")
        item.object.title = "half-loaded " + item.object.title
        return real_save_event(loader, item)

    monkeypatch.setattr(loading.Loader, "save_event", fail_on_the_third_event)
    with pytest.raises(CommandError, match="unchanged"):
        call_command("refresh_timeline", str(CORPUS_DIR), verbosity=0)
    assert saved["events"] == 3
    assert database_rows() == before


@pytest.mark.django_db(transaction=True)
def test_a_refresh_with_a_late_nul_byte_loads_or_refuses_cleanly(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "late_nul.txt").write_bytes(GOOD.encode() * 200 + b"\x00" + GOOD.encode())
    try:
        call_command("refresh_timeline", str(folder), verbosity=0)
    except CommandError as error:
        assert "late_nul.txt" in str(error)
        assert Source.objects.count() == 0
    else:
        assert "\x00" not in Source.objects.get(origin="late_nul.txt").text
