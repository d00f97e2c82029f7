"""The extractor's parts, each on text it has never seen."""

from datetime import date

import pytest

from timeline.extraction.knowledge import ActorInfo, CalendarInfo, Knowledge, PlaceInfo
from timeline.extraction.people import find_people
from timeline.extraction.text import clean, split_sentences

PAGE = """Skip to content
Lavrov Arrives in Beijing for Talks
Sign up for our Daily Briefing newsletter
ALERT: Something unrelated is trending
Russian Foreign Minister Sergey Lavrov arrived in Beijing on Monday. He met Wang Yi.
Photo: Reuters
Read also:
Another story
Yet another story
"""


def test_clean_drops_page_furniture_and_takes_the_title():
    article = clean(PAGE)
    assert article.title == "Lavrov Arrives in Beijing for Talks"
    for furniture in ("Skip to content", "newsletter", "ALERT", "Photo:", "Another story"):
        assert furniture not in article.text
    assert "arrived in Beijing on Monday" in article.text


@pytest.mark.parametrize(
    "line, dropped",
    [
        ("From The Epoch Times", True),
        ("Sources: ntv.de, [1] mdi/dpa/AFP", True),
        ("From Moscow, Putin said.", False),
        ("Sign up for NTD Daily", True),
        ("Xi Jinping met Vladimir Putin on Monday.", False),
    ],
)
def test_credit_lines_are_furniture_but_sentences_are_not(line, dropped):
    article = clean(f"Title of the story\n{line}\nXi Jinping spoke on Tuesday.")
    assert (line not in article.text) is dropped


def test_clean_derives_a_title_when_the_page_has_none():
    article = clean("Xi Jinping met Vladimir Putin in Moscow on Tuesday and the two signed a long list of agreements.")
    assert article.title.startswith("Xi Jinping met Vladimir Putin")
    assert article.title.endswith("…")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Putin met Mr. Xi. They talked.", ["Mr. Putin met Mr. Xi.", "They talked."]),
        ("The U.S. objected on Oct. 17. Beijing did not.", ["The U.S. objected on Oct. 17.", "Beijing did not."]),
        ("It ended.Then Xi spoke.", ["It ended.", "Then Xi spoke."]),
        ("“We agree,” he said. Putin nodded.", ["“We agree,” he said.", "Putin nodded."]),
        ("1. The first point is this.", ["1. The first point is this."]),
    ],
)
def test_sentences_split_where_a_reader_would(text, expected):
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)


def knowledge():
    actors = {
        "xi-jinping": ActorInfo("xi-jinping", "Xi Jinping", "person", "China", aliases=("President Xi",)),
        "sergey-lavrov": ActorInfo("sergey-lavrov", "Sergey Lavrov", "person", "Russia", aliases=("Sergei Lavrov",)),
        "russia": ActorInfo("russia", "Russia", "state"),
    }
    places = {"beijing": PlaceInfo("beijing", "Beijing", "China")}
    calendar = [CalendarInfo("x", "X", date(2023, 1, 1), None, False, "Beijing", ("X forum",))]
    return Knowledge(actors, places, calendar)


def test_short_forms_count_only_after_the_full_name_and_new_people_are_found():
    text = (
        "Xi Jinping hosted Sergei Lavrov. Later Xi spoke, and Mr. Lavrov replied. "
        "Kremlin aide Yuri Ushakov agreed, said Patricia Kim, a fellow at the Brookings Institution. "
        "Ms. Kim added more."
    )
    mentions, newcomers = find_people(text, knowledge())
    named = [(text[m.start : m.end], m.slug) for m in mentions]
    assert ("Xi", "xi-jinping") in named and ("Mr. Lavrov", "sergey-lavrov") in named
    assert {"yuri-ushakov", "patricia-kim"} <= set(newcomers)
    assert newcomers["patricia-kim"].needs_review
    assert "fellow" in newcomers["patricia-kim"].role
    assert ("Ms. Kim", "patricia-kim") in named


def test_a_short_alias_is_not_found_inside_a_longer_word():
    text = "Xi Jinping flew to Xi'an. Xi's plane landed."
    mentions, _ = find_people(text, knowledge())
    assert [text[m.start : m.end] for m in mentions] == ["Xi Jinping", "Xi"]


def test_whoever_reports_a_meeting_does_not_take_part_in_it():
    from timeline.extraction.mentions import sentence_mentions
    from timeline.extraction.text import split_sentences

    text = "Xi Jinping met Sergey Lavrov in Beijing on Monday, the state-run Russia news service reported."
    [sentence] = split_sentences(text)
    mentions, _ = find_people(text, knowledge())
    from timeline.extraction.sides import ActorLookup

    lookup = ActorLookup(knowledge().actors)
    [meeting], why = sentence_mentions("a.txt", sentence, mentions, [], [], lookup)
    assert meeting.kind == "meeting" and meeting.actors == ["xi-jinping", "sergey-lavrov"]
    assert why == "meeting ('met')"


def test_clashing_slugs_do_not_depend_on_which_event_comes_first():
    from timeline.extraction.assemble import ExtractedCitation, ExtractedEvent, assign_slugs

    def event(origin):
        citation = ExtractedCitation(origin, "Quote.", 0, 6, "", "")
        return ExtractedEvent(
            "",
            "Statement by Xi Jinping",
            "statement",
            date(2023, 3, 21),
            None,
            "day",
            "",
            "",
            "",
            1.0,
            "",
            citations=[citation],
        )

    first, second = event("a.txt"), event("b.txt")
    assign_slugs([first, second])
    slugs = (first.slug, second.slug)
    first, second = event("a.txt"), event("b.txt")
    assign_slugs([second, first])
    assert (first.slug, second.slug) == slugs and slugs[0] != slugs[1]
    assert all(s.startswith("2023-03-21-statement-by-xi-jinping-") for s in slugs)
