"""Shared by the export tests: a small awkward timeline, many generated
events, and readers that consume a streamed response the way a client would."""

import csv
import io
import json
from datetime import date

from icalendar import Calendar

from tests.conftest import body_of as body

EXPORT_URLS = ("/events.json", "/events.csv", "/events.ics", "/events.timelinejs.json")


def read_json(response) -> dict:
    return json.loads(body(response).decode("utf-8"))


def read_csv(response) -> list[dict]:
    text = body(response).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_ics(response) -> list:
    return Calendar.from_ical(body(response)).walk("VEVENT")


def slugs_in(url: str, response) -> list[str]:
    """The events of any export, as slugs in the order the export lists them."""
    if url.startswith("/events.csv"):
        return [row["url"].rstrip("/").rsplit("/", 1)[-1] for row in read_csv(response)]
    if url.startswith("/events.ics"):
        return [str(vevent["UID"]).removesuffix("@chronicle") for vevent in read_ics(response)]
    if url.startswith("/events.timelinejs.json"):
        return [slide["unique_id"] for slide in read_json(response)["events"]]
    return [event["slug"] for event in read_json(response)["events"]]


def build_timeline(make_actor, make_source, make_event) -> dict:
    """Four events over four years with every precision, two sources quoted
    twice, and names in three scripts."""
    xi = make_actor("Xi Jinping", slug="xi-jinping")
    putin = make_actor("Vladimir Putin", slug="vladimir-putin")
    lavrov = make_actor("Сергей Лавров", slug="sergey-lavrov")
    tass = make_source(
        title="Xi arrives in Moscow",
        publisher="TASS",
        url="https://example.org/xi-moscow",
        published_on=date(2023, 3, 20),
        origin="003_moscow.txt",
        text="Xi Jinping arrived in Moscow on Monday. The talks lasted three days.",
    )
    xinhua = make_source(
        title="习近平抵达莫斯科",
        publisher="Xinhua",
        url="",
        origin="001_xinhua.txt",
        text="Xi and Putin spoke by phone in February. Lavrov spoke in 2024.",
    )
    events = {
        "summit": make_event(
            title="Xi visits Moscow",
            slug="xi-visits-moscow",
            kind="visit",
            location="Moscow",
            date_start=date(2023, 3, 20),
            date_end=date(2023, 3, 22),
            summary="A three-day state visit.",
            status="reviewed",
            actors=[xi, putin],
            sources=[
                (tass, "Xi Jinping arrived in Moscow on Monday."),
                (tass, "The talks lasted three days."),
                (xinhua, "Xi and Putin spoke by phone in February."),
            ],
        ),
        "call": make_event(
            title="Xi and Putin speak by phone",
            slug="xi-putin-call",
            kind="call",
            date_start=date(2022, 2, 1),
            date_precision="month",
            actors=[putin, xi],
            sources=[(xinhua, "Xi and Putin spoke by phone in February.")],
        ),
        "statement": make_event(
            title="Lavrov statement",
            slug="lavrov-statement",
            kind="statement",
            date_start=date(2024, 1, 1),
            date_precision="year",
            actors=[lavrov],
            sources=[(xinhua, "Lavrov spoke in 2024.")],
        ),
        "meeting": make_event(
            title="Victory Day meeting",
            slug="victory-day-meeting",
            kind="meeting",
            location="Moscow",
            date_start=date(2025, 5, 8),
            actors=[xi, putin],
        ),
    }
    return {"xi": xi, "putin": putin, "lavrov": lavrov, "tass": tass, "xinhua": xinhua, **events}


def bulk_events(count: int, actors, sources, first: int = 0):
    """`count` events numbered from `first`, each with two actors and two
    citations, spread over 2022–2025 and inserted in bulk."""
    from datetime import timedelta

    from timeline.models import Citation, Event, Participation

    events = Event.objects.bulk_create(
        Event(
            title=f"Generated event {n}",
            slug=f"generated-{n}",
            kind="meeting",
            date_start=date(2022, 1, 1) + timedelta(days=n % 1400),
            summary="Generated.",
        )
        for n in range(first, first + count)
    )
    Participation.objects.bulk_create(
        Participation(event=event, actor=actors[(n + k) % len(actors)])
        for n, event in enumerate(events)
        for k in range(min(2, len(actors)))
    )
    Citation.objects.bulk_create(
        Citation(
            event=event, source=sources[(n + k) % len(sources)], quote=f"Quote {n}.{k}", quote_start=k, quote_end=k + 5
        )
        for n, event in enumerate(events)
        for k in range(2)
    )
    return events
