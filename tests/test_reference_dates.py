"""How an article without a publication date gets one, and says how."""

from datetime import date

import pytest

from timeline.extraction.articles import RawArticle
from timeline.extraction.knowledge import ActorInfo, CalendarInfo, Knowledge, PlaceInfo
from timeline.extraction.pipeline import extract


def knowledge(calendar=()):
    actors = {
        slug: ActorInfo(slug, name, "person", country)
        for slug, name, country in [
            ("xi-jinping", "Xi Jinping", "China"),
            ("vladimir-putin", "Vladimir Putin", "Russia"),
            ("wang-yi", "Wang Yi", "China"),
            ("sergey-lavrov", "Sergey Lavrov", "Russia"),
        ]
    }
    places = {p: PlaceInfo(p, p.capitalize(), c) for p, c in [("beijing", "China"), ("moscow", "Russia")]}
    return Knowledge(actors, places, list(calendar))


def article(name, text):
    return RawArticle(origin=name, path=None, text=text)


def run(*articles, calendar=()):
    return extract(list(articles), knowledge(calendar))


def test_a_weekday_here_and_a_day_there_agree_in_only_one_year():
    result = run(
        article("a.txt", "Wang Yi met Sergey Lavrov in Beijing on September 12."),
        article("b.txt", "Wang Yi met Sergey Lavrov in Beijing on Monday, officials said."),
    )
    assert result.references["a.txt"].year == 2022  # 12 September was a Monday only in 2022 of 2022–2025
    assert result.references["b.txt"].day == date(2022, 9, 12)
    [event] = result.events
    assert event.date_start == date(2022, 9, 12) and {c.origin for c in event.citations} == {"a.txt", "b.txt"}
    assert "only 2022" in result.references["a.txt"].note


def test_a_lone_weekday_with_no_evidence_gives_no_event():
    result = run(article("a.txt", "Wang Yi met Sergey Lavrov in Beijing on Monday."))
    assert not result.references["a.txt"].known
    assert result.events == []


FORUM = CalendarInfo(
    "forum-2023",
    "Big Forum 2023",
    date(2023, 10, 17),
    date(2023, 10, 18),
    False,
    "Beijing",
    ("Big Forum",),
    ("vladimir-putin", "xi-jinping"),
)


def test_a_calendar_event_named_as_current_dates_the_article():
    result = run(
        article("a.txt", "Vladimir Putin will meet Xi Jinping at the Big Forum in Beijing on Oct. 17–18."),
        calendar=[FORUM],
    )
    reference = result.references["a.txt"]
    assert reference.year == 2023 and "Big Forum" in reference.note
    assert (result.events[0].date_start, result.events[0].date_end) == (date(2023, 10, 17), date(2023, 10, 18))


def test_a_calendar_event_named_as_background_only_bounds_the_year():
    result = run(
        article("a.txt", "Since the Big Forum, Wang Yi met Sergey Lavrov in Moscow on Monday."), calendar=[FORUM]
    )
    assert not result.references["a.txt"].known
    assert result.events == []


def test_a_wire_dateline_and_a_weekday_in_the_lead_date_the_article():
    text = "Talks in Beijing\n\nBEIJING, April 9 – Wang Yi met Sergey Lavrov in Beijing on Tuesday, officials said."
    result = run(article("a.txt", text))
    assert result.references["a.txt"].day == date(2024, 4, 9)
    assert result.events[0].date_start == date(2024, 4, 9)


@pytest.mark.parametrize(
    "published, expected", [(date(2023, 3, 23), date(2023, 3, 22)), (date(2024, 1, 3), date(2024, 1, 2))]
)
def test_a_given_publication_date_is_used_as_is(published, expected):
    from timeline.extraction.articles import SourceMeta

    raw = RawArticle(
        "a.txt", None, "Xi Jinping met Vladimir Putin in Moscow yesterday.", SourceMeta(published=published)
    )
    result = extract([raw], knowledge())
    assert result.references["a.txt"].confidence == 1.0
    assert result.events[0].date_start == expected and result.events[0].date_precision == "day"
