"""The export endpoints: the JSON contract, the CSV, the iCalendar feed and
TimelineJS, all driven by the page's filters, streamed, with bounded queries."""

from datetime import date

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from tests.export_helpers import (
    EXPORT_URLS,
    body,
    build_timeline,
    bulk_events,
    read_csv,
    read_ics,
    read_json,
    slugs_in,
)
from timeline.models import Event


@pytest.fixture
def timeline(make_actor, make_source, make_event):
    return build_timeline(make_actor, make_source, make_event)


# --- JSON -------------------------------------------------------------------


def test_json_export_lists_every_event_in_chronological_order(client, timeline):
    response = client.get("/events.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = read_json(response)
    assert data["count"] == 4
    assert [event["slug"] for event in data["events"]] == [
        "xi-putin-call",
        "xi-visits-moscow",
        "lavrov-statement",
        "victory-day-meeting",
    ]
    assert list(data) == ["count", "filters", "events"]
    assert data["filters"] == {
        "actor": [],
        "actors_match": "any",
        "kind": [],
        "status": None,
        "start": None,
        "end": None,
        "q": None,
        "q_in": "all",
        "place": [],
        "location": None,
        "source": None,
        "order": "asc",
    }


def test_json_export_follows_the_contract_for_each_event(client, timeline):
    summit = next(e for e in read_json(client.get("/events.json"))["events"] if e["slug"] == "xi-visits-moscow")
    tass, xinhua = timeline["tass"], timeline["xinhua"]
    from_tass = {
        "id": tass.pk,
        "title": "Xi arrives in Moscow",
        "publisher": "TASS",
        "url": "https://example.org/xi-moscow",
        "published_on": "2023-03-20",
        "origin": "003_moscow.txt",
    }
    assert summit == {
        "id": timeline["summit"].pk,
        "slug": "xi-visits-moscow",
        "url": "/events/xi-visits-moscow/",
        "title": "Xi visits Moscow",
        "kind": "visit",
        "date_start": "2023-03-20",
        "date_end": "2023-03-22",
        "date_precision": "day",
        "date_label": "20–22 March 2023",
        "location": "Moscow",
        "summary": "A three-day state visit.",
        "status": "reviewed",
        "actors": ["Xi Jinping", "Vladimir Putin"],
        "speaker": [],
        "quote": "",
        "sources": [
            {
                "id": xinhua.pk,
                "title": "习近平抵达莫斯科",
                "publisher": "Xinhua",
                "url": "",
                "published_on": None,
                "origin": "001_xinhua.txt",
                "quote": "Xi and Putin spoke by phone in February.",
                "date_text": "",
            },
            {**from_tass, "quote": "Xi Jinping arrived in Moscow on Monday.", "date_text": ""},
            {**from_tass, "quote": "The talks lasted three days.", "date_text": ""},
        ],
    }


def test_json_export_keeps_the_precision_of_month_and_year_dates(client, timeline):
    events = {e["slug"]: e for e in read_json(client.get("/events.json"))["events"]}
    assert (events["xi-putin-call"]["date_precision"], events["xi-putin-call"]["date_label"]) == (
        "month",
        "February 2022",
    )
    assert (events["lavrov-statement"]["date_precision"], events["lavrov-statement"]["date_label"]) == ("year", "2024")
    assert events["victory-day-meeting"]["sources"] == []
    assert events["xi-putin-call"]["actors"] == ["Vladimir Putin", "Xi Jinping"]


def test_json_export_respects_actor_and_year_filters(client, timeline):
    data = read_json(client.get("/events.json?actor=xi-jinping&start=2023&end=2023"))
    assert data["count"] == 1
    assert [event["slug"] for event in data["events"]] == ["xi-visits-moscow"]
    assert data["filters"]["actor"] == ["xi-jinping"]
    assert (data["filters"]["start"], data["filters"]["end"]) == ("2023", "2023")


def test_json_export_honours_descending_order(client, timeline):
    data = read_json(client.get("/events.json?order=desc"))
    assert [event["slug"] for event in data["events"]] == [
        "victory-day-meeting",
        "lavrov-statement",
        "xi-visits-moscow",
        "xi-putin-call",
    ]
    assert data["filters"]["order"] == "desc"


def test_json_export_of_an_empty_selection_is_valid_json(client, timeline):
    data = read_json(client.get("/events.json?kind=agreement"))
    assert data == {"count": 0, "filters": data["filters"], "events": []}


# --- CSV --------------------------------------------------------------------

HEADER = (
    "date_start,date_end,date_precision,date_label,kind,title,summary,actors,location,sources,source_urls,url,status,"
    "speaker,quote"
)


def test_csv_export_has_the_exact_header_and_one_row_per_event(client, timeline):
    response = client.get("/events.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = body(response).decode("utf-8").split("\r\n")
    assert lines[0] == HEADER
    # Text cells are always quoted (csv_export.csv_lines says why); dates, kinds and our links are not.
    assert lines[2] == (
        '2023-03-20,2023-03-22,day,"20–22 March 2023",visit,"Xi visits Moscow","A three-day state visit.",'
        '"Xi Jinping; Vladimir Putin","Moscow","习近平抵达莫斯科; Xi arrives in Moscow","https://example.org/xi-moscow",'
        'http://testserver/events/xi-visits-moscow/,reviewed,"",""'
    )
    assert len(read_csv(client.get("/events.csv"))) == 4


def test_csv_export_respects_actor_filter(client, timeline):
    rows = read_csv(client.get("/events.csv?actor=sergey-lavrov"))
    assert [(row["title"], row["actors"], row["date_label"]) for row in rows] == [
        ("Lavrov statement", "Сергей Лавров", "2024")
    ]


def test_csv_export_repeated_actor_means_any_of_them(client, timeline):
    rows = read_csv(client.get("/events.csv?actor=sergey-lavrov&actor=vladimir-putin&order=desc"))
    assert [row["title"] for row in rows] == [
        "Victory Day meeting",
        "Lavrov statement",
        "Xi visits Moscow",
        "Xi and Putin speak by phone",
    ]


def test_csv_download_is_named_after_the_filters_and_today(client, timeline, monkeypatch):
    monkeypatch.setattr("timeline.exports.filenames.timezone.localdate", lambda: date(2026, 11, 23))
    response = client.get("/events.csv?actor=xi-jinping&start=2023")
    assert response["Content-Disposition"] == 'attachment; filename="timeline-xi-jinping-2023-20261123.csv"'
    unfiltered = client.get("/events.csv")
    assert unfiltered["Content-Disposition"] == 'attachment; filename="timeline-20261123.csv"'


def test_csv_bom_is_added_only_when_asked_for(client, timeline):
    with_bom = body(client.get("/events.csv?bom=1"))
    without = body(client.get("/events.csv"))
    assert with_bom.startswith(b"\xef\xbb\xbfdate_start,")
    assert without.startswith(b"date_start,")
    assert with_bom[3:] == without


# --- iCalendar and TimelineJS -------------------------------------------------


def test_ics_export_has_all_day_events_spanning_their_precision(client, timeline):
    response = client.get("/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = body(response).decode("utf-8")
    assert "DTSTART;VALUE=DATE:20230320" in raw and "DTEND;VALUE=DATE:20230323" in raw
    vevents = {str(v["UID"]): v for v in read_ics(client.get("/events.ics"))}
    assert list(vevents) == [
        "xi-putin-call@chronicle",
        "xi-visits-moscow@chronicle",
        "lavrov-statement@chronicle",
        "victory-day-meeting@chronicle",
    ]
    spans = {uid: (v.decoded("DTSTART"), v.decoded("DTEND")) for uid, v in vevents.items()}
    assert spans == {
        "xi-putin-call@chronicle": (date(2022, 2, 1), date(2022, 3, 1)),
        "xi-visits-moscow@chronicle": (date(2023, 3, 20), date(2023, 3, 23)),
        "lavrov-statement@chronicle": (date(2024, 1, 1), date(2025, 1, 1)),
        "victory-day-meeting@chronicle": (date(2025, 5, 8), date(2025, 5, 9)),
    }
    assert str(vevents["xi-putin-call@chronicle"]["SUMMARY"]) == "Xi and Putin speak by phone (date known to the month)"
    assert str(vevents["lavrov-statement@chronicle"]["SUMMARY"]) == "Lavrov statement (date known to the year)"
    assert str(vevents["xi-visits-moscow@chronicle"]["SUMMARY"]) == "Xi visits Moscow"
    assert str(vevents["xi-visits-moscow@chronicle"]["URL"]) == "http://testserver/events/xi-visits-moscow/"
    assert "Xi Jinping, Vladimir Putin" in str(vevents["xi-visits-moscow@chronicle"]["DESCRIPTION"])


def test_ics_export_respects_kind_filter(client, timeline):
    uids = [str(v["UID"]) for v in read_ics(client.get("/events.ics?kind=call&kind=statement"))]
    assert uids == ["xi-putin-call@chronicle", "lavrov-statement@chronicle"]


def test_timelinejs_export_gives_only_the_date_parts_the_precision_supports(client, timeline):
    response = client.get("/events.timelinejs.json")
    assert response["Content-Type"] == "application/json"
    data = read_json(response)
    assert data["title"]["text"]["headline"] == "Chronicle: China–Russia relations"
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    assert slides["xi-visits-moscow"]["start_date"] == {"year": "2023", "month": "3", "day": "20"}
    assert slides["xi-visits-moscow"]["end_date"] == {"year": "2023", "month": "3", "day": "22"}
    assert slides["xi-putin-call"]["start_date"] == {"year": "2022", "month": "2"}
    assert slides["lavrov-statement"]["start_date"] == {"year": "2024"}
    assert "end_date" not in slides["victory-day-meeting"]
    assert slides["victory-day-meeting"]["group"] == "meeting"
    assert slides["xi-visits-moscow"]["display_date"] == "20–22 March 2023"
    assert (
        '<a href="https://example.org/xi-moscow">Xi arrives in Moscow</a>' in slides["xi-visits-moscow"]["text"]["text"]
    )


def test_timelinejs_export_respects_filters(client, timeline):
    data = read_json(client.get("/events.timelinejs.json?location=moscow"))
    assert [slide["unique_id"] for slide in data["events"]] == ["xi-visits-moscow", "victory-day-meeting"]
    assert "moscow" in data["title"]["text"]["text"]


# --- The same filters give the same events everywhere -----------------------

FILTER_SETS = [
    "",
    "actor=xi-jinping",
    "actor=xi-jinping&actor=sergey-lavrov&order=desc",
    "kind=visit&kind=call",
    "start=2023-03-21&end=2024",
    "start=2022-02-15",
    "q=phone",
    "q=MOSCOW",
    "location=moscow",
    "source={xinhua}",
    "actor=vladimir-putin&start=2023&q=talks",
    "kind=agreement",
]


@pytest.mark.parametrize("query", FILTER_SETS)
def test_every_format_gives_the_same_events_for_the_same_filters(client, timeline, query):
    query = query.format(xinhua=timeline["xinhua"].pk)
    found = {url: slugs_in(url, client.get(f"{url}?{query}")) for url in EXPORT_URLS}
    expected = found["/events.json"]
    assert all(slugs == expected for slugs in found.values()), found
    assert read_json(client.get(f"/events.json?{query}"))["count"] == len(expected)


def test_filters_select_what_they_say(client, timeline):
    def slugs(query):
        return slugs_in("/events.json", client.get(f"/events.json?{query}"))

    assert slugs("start=2022-02-15") == ["xi-putin-call", "xi-visits-moscow", "lavrov-statement", "victory-day-meeting"]
    assert slugs("start=2023-03-21&end=2024") == ["xi-visits-moscow", "lavrov-statement"]
    assert slugs("q=talks") == ["xi-visits-moscow"]
    assert slugs(f"source={timeline['tass'].pk}") == ["xi-visits-moscow"]


def test_unknown_parameters_are_ignored(client, timeline):
    data = read_json(client.get("/events.json?colour=blue&page=7&kind=call"))
    assert [event["slug"] for event in data["events"]] == ["xi-putin-call"]


# --- Invalid filters ----------------------------------------------------------

INVALID = [
    ("start=banana", "From: 'banana' is not a date"),
    ("end=2023-02-30", "To: '2023-02-30' is not a real date."),
    ("actor=no-such-person", "Actor: Select a valid choice. no-such-person"),
    ("kind=x", "Kind: Select a valid choice. x"),
    ("start=2024&end=2023", "The end date comes before the start date."),
    ("q=" + "a" * 10_000, "Search: Ensure this value has at most 200 characters"),
    ("source=abc", "Source: Select a valid choice."),
    ("source=999999", "Source: Select a valid choice."),
    ("order=sideways", "Order: Select a valid choice."),
]


@pytest.mark.parametrize("url", EXPORT_URLS)
@pytest.mark.parametrize("query, message", INVALID)
def test_invalid_filters_answer_400_with_a_short_plain_message(client, timeline, url, query, message):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode("utf-8")
    assert message in text
    assert all(len(line) <= 300 for line in text.splitlines())


def test_every_problem_is_reported_one_per_line(client, timeline):
    response = client.get("/events.csv?start=banana&kind=x&actor=nobody")
    lines = response.content.decode("utf-8").splitlines()
    assert response.status_code == 400
    assert len(lines) == 3
    assert {line.split(":")[0] for line in lines} == {"From", "Kind", "Actor"}


# --- Streaming and the number of queries ------------------------------------


@pytest.mark.parametrize("url", EXPORT_URLS)
@pytest.mark.parametrize("query", ["", "actor=xi-jinping&kind=visit"])
def test_exports_are_streamed(client, timeline, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert body(response)


def queries_for_export(client, url: str) -> tuple[int, int]:
    """(queries, events exported) for a fully consumed export."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        exported = slugs_in(url, response)
    return len(queries), len(exported)


@pytest.mark.parametrize("url", [f"{u}?q=generated&start=2022" for u in EXPORT_URLS] + list(EXPORT_URLS))
def test_export_query_count_does_not_grow_with_the_number_of_events(client, make_actor, make_source, url):
    actors = [make_actor(f"Actor {n}") for n in range(5)]
    sources = [make_source() for _ in range(5)]
    bulk_events(10, actors, sources)
    few, exported = queries_for_export(client, url)
    assert exported == 10
    bulk_events(990, actors, sources, first=10)
    many, exported = queries_for_export(client, url)
    assert exported == 1000
    assert few == many
    # A count (JSON), the events, their actors and citations, the actors' and sources' own rows.
    assert many <= 6


def test_export_reads_actors_and_citations_once_per_chunk(client, make_actor, make_source, monkeypatch):
    monkeypatch.setattr("timeline.exports.records.CHUNK_SIZE", 100)
    bulk_events(250, [make_actor()], [make_source()])
    queries, exported = queries_for_export(client, "/events.csv")
    assert exported == 250
    # The events; actors and citations for each of three chunks; the one actor and source, once.
    assert queries == 1 + 3 * 2 + 2


def test_exports_stay_right_when_the_name_caches_are_emptied(client, make_actor, make_source, monkeypatch):
    monkeypatch.setattr("timeline.exports.records.CHUNK_SIZE", 7)
    monkeypatch.setattr("timeline.exports.records.CACHE_LIMIT", 3)
    actors = [make_actor(f"Actor {n}") for n in range(6)]
    sources = [make_source(title=f"Source {n}") for n in range(6)]
    bulk_events(30, actors, sources)
    expected = {
        event.slug: (
            [p.actor.name for p in event.participations.order_by("id")],
            sorted({c.source.origin: c.source.title for c in event.citations.all()}.items()),
        )
        for event in Event.objects.prefetch_related("participations__actor", "citations__source")
    }
    for row in read_csv(client.get("/events.csv")):
        actor_names, titles = expected[row["url"].rstrip("/").rsplit("/", 1)[-1]]
        assert row["actors"] == "; ".join(actor_names)
        assert row["sources"] == "; ".join(title for _, title in titles)


def test_id_lookup_of_no_ids_matches_nothing(db):
    from timeline.exports.records import with_ids

    assert list(with_ids(Event.objects, "id", [])) == []
