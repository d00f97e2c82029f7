"""The curated reference fixtures: actors, places and the calendar of well-known events.

The extractor trusts these as general knowledge, so they must load cleanly and
must not mislead it: no alias shared by two actors, no alias that is an
everyday word, no calendar keyword that an ordinary sentence could match.
"""

import json
import re
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.text import slugify

from timeline.extraction.knowledge import role_terms
from timeline.models import Actor, CalendarEntry, Place

REFERENCE = Path(__file__).resolve().parent.parent / "fixtures" / "reference"
ACTORS, PLACES, CALENDAR = (REFERENCE / name for name in ("actors.json", "places.json", "calendar.json"))
FILES = [ACTORS, PLACES, CALENDAR]

# Everyday words an alias or a bare calendar keyword must never be (compared case-insensitively).
STOPLIST = set(
    """
    a an and as at by for from in it may march of on or the to us we will said says
    president premier minister leader party state china summit meeting forum talks visit call parade
    day week today new city capital government ministry council congress union republic people chinese russian
    mr ms mr. ms. li wang zhang kim khan beijing moscow washington
    """.split()
)


def records(path):
    return [item["fields"] for item in json.loads(path.read_text(encoding="utf-8"))]


def lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def is_acronym(word):
    """'US', 'SCO', 'U.S.': written in capitals, matched case-sensitively by the extractor."""
    letters = re.sub(r"[.\-]", "", word)
    return letters.isalpha() and letters.isupper() and len(letters) >= 2


def test_reference_fixtures_use_natural_keys_not_primary_keys():
    for path in FILES:
        for item in json.loads(path.read_text(encoding="utf-8")):
            assert "pk" not in item, f"{path.name}: {item['fields']['slug']} carries a pk"


def test_reference_fixtures_load_with_loaddata_into_an_empty_database(db):
    call_command("loaddata", *map(str, FILES), verbosity=0)
    assert Actor.objects.count() == len(records(ACTORS))
    assert Place.objects.count() == len(records(PLACES))
    assert CalendarEntry.objects.count() == len(records(CALENDAR))
    samarkand = CalendarEntry.objects.get(slug="sco-summit-in-samarkand-2022")
    assert samarkand.date_start == date(2022, 9, 15)
    assert {"xi-jinping", "vladimir-putin"} <= set(samarkand.actors.values_list("slug", flat=True))


def test_reference_fixtures_load_with_load_timeline_and_reloading_adds_nothing(db):
    call_command("load_timeline", *map(str, FILES), verbosity=0)
    counts = (Actor.objects.count(), Place.objects.count(), CalendarEntry.objects.count())
    assert counts == (len(records(ACTORS)), len(records(PLACES)), len(records(CALENDAR)))
    call_command("load_timeline", *map(str, FILES), verbosity=0)
    assert (Actor.objects.count(), Place.objects.count(), CalendarEntry.objects.count()) == counts


def test_reference_data_is_broad_enough_to_cover_china_russia_relations():
    actors = records(ACTORS)
    kinds = Counter(a["kind"] for a in actors)
    assert 80 <= len(actors) <= 150
    assert kinds["person"] >= 60 and kinds["organisation"] >= 15 and kinds["state"] >= 10
    assert 40 <= len(records(PLACES)) <= 80
    assert 50 <= len(records(CALENDAR)) <= 90


def test_every_actor_slug_is_unique_and_is_the_slugified_name():
    actors = records(ACTORS)
    for actor in actors:
        assert actor["slug"] == slugify(actor["name"]), actor["name"]
    duplicates = [slug for slug, n in Counter(a["slug"] for a in actors).items() if n > 1]
    assert duplicates == []


def test_actors_are_curated_with_valid_kind_and_a_role():
    for actor in records(ACTORS):
        assert actor["kind"] in {"person", "organisation", "state"}, actor["name"]
        assert actor["needs_review"] is False, actor["name"]
        assert actor["role"].strip(), f"{actor['name']} has no role"


def test_no_name_or_alias_belongs_to_two_actors():
    owners = {}
    clashes = []
    for actor in records(ACTORS):
        for alias in {actor["name"].casefold(), *(a.casefold() for a in lines(actor["aliases"]))}:
            if alias in owners and owners[alias] != actor["slug"]:
                clashes.append((alias, owners[alias], actor["slug"]))
            owners[alias] = actor["slug"]
    assert clashes == []


def test_no_actor_lists_the_same_alias_twice():
    for actor in records(ACTORS):
        aliases = [a.casefold() for a in lines(actor["aliases"])]
        assert len(aliases) == len(set(aliases)), actor["name"]
        assert actor["name"].casefold() not in aliases, actor["name"]


def test_no_actor_alias_is_a_common_english_word():
    offenders = [
        (actor["slug"], alias)
        for actor in records(ACTORS)
        for alias in lines(actor["aliases"])
        if alias.casefold() in STOPLIST and not is_acronym(alias)
    ]
    assert offenders == []


@pytest.mark.parametrize("word, expected", [("US", True), ("U.S.", True), ("SCO", True), ("us", False), ("Xi", False)])
def test_is_acronym_recognises_capitalised_abbreviations(word, expected):
    assert is_acronym(word) is expected


def test_state_aliases_never_name_a_place():
    """A capital used as a metonym ('Beijing said') is ambiguous with the city."""
    place_words = {word.casefold() for place in records(PLACES) for word in [place["name"], *lines(place["aliases"])]}
    for actor in records(ACTORS):
        if actor["kind"] == "state":
            named = {actor["name"].casefold(), *(a.casefold() for a in lines(actor["aliases"]))}
            assert named.isdisjoint(place_words), actor["name"]


def test_places_have_unique_slugs_names_and_aliases():
    places = records(PLACES)
    for place in places:
        assert place["slug"] == slugify(place["name"]), place["name"]
    words = Counter(w.casefold() for place in places for w in [place["name"], *lines(place["aliases"])])
    assert [w for w, n in words.items() if n > 1] == []
    assert len({p["slug"] for p in places}) == len(places)


def test_calendar_entries_have_valid_dates_and_known_actors():
    actor_slugs = {a["slug"] for a in records(ACTORS)}
    entries = records(CALENDAR)
    assert len({e["slug"] for e in entries}) == len(entries)
    for entry in entries:
        start = date.fromisoformat(entry["date_start"])
        if entry["date_end"]:
            assert date.fromisoformat(entry["date_end"]) >= start, entry["slug"]
        if not entry["recurs_yearly"]:
            assert date(2021, 1, 1) <= start <= date(2025, 12, 31), entry["slug"]
        missing = {key[0] for key in entry["actors"]} - actor_slugs
        assert not missing, f"{entry['slug']} names unknown actors {missing}"


def test_calendar_keywords_are_specific_phrases():
    """One ordinary word ('summit') would date half the corpus by accident."""
    for entry in records(CALENDAR):
        keywords = lines(entry["keywords"])
        assert keywords, entry["slug"]
        for keyword in keywords:
            single_word = len(keyword.split()) == 1
            assert not single_word or is_acronym(keyword), f"{entry['slug']}: {keyword!r}"
            assert keyword.casefold() not in STOPLIST, f"{entry['slug']}: {keyword!r}"


def test_recurring_calendar_entries_are_single_fixed_day_holidays():
    for entry in records(CALENDAR):
        if entry["recurs_yearly"]:
            assert entry["date_end"] is None, entry["slug"]


# --- The unseen test articles and their reference events ---------------------

UNSEEN = Path(__file__).resolve().parent / "data" / "unseen"
EVENT_KINDS = {"meeting", "visit", "summit", "call", "statement", "agreement", "other"}


def unseen_expected():
    return json.loads((UNSEEN / "expected.json").read_text(encoding="utf-8"))


def test_unseen_sources_toml_names_existing_articles_with_publication_dates():
    sources = tomllib.loads((UNSEEN / "sources.toml").read_text(encoding="utf-8"))
    articles = {path.name for path in UNSEEN.glob("*.txt")}
    assert set(sources) <= articles
    assert all(isinstance(entry["published"], date) for entry in sources.values())
    undated = articles - set(sources)
    assert undated == {"106_lavrov_meets_xi.txt"}, "exactly one article must have its date inferred"


def test_unseen_reference_events_are_well_formed_and_cite_existing_articles():
    expected = unseen_expected()
    ids = [event["id"] for event in expected["events"]]
    assert len(ids) == len(set(ids))
    for event in expected["events"]:
        assert set(event["kind"]) <= EVENT_KINDS, event["id"]
        assert event["actors"] and event["sources"], event["id"]
        assert all((UNSEEN / name).is_file() for name in event["sources"]), event["id"]
        start = date.fromisoformat(event["date_start"])
        if event["date_end"]:
            assert date.fromisoformat(event["date_end"]) >= start, event["id"]
        assert any(event["date_start"].startswith(accepted) for accepted in event["accept_start"]), event["id"]
    assert {name for event in expected["events"] for name in event["sources"]} == set(expected["articles"])


def test_unseen_undated_article_agrees_with_one_year_only():
    """The claim expected.json makes: 'April 9' and 'on Tuesday' fit one year of 2022-2025."""
    text = (UNSEEN / "106_lavrov_meets_xi.txt").read_text(encoding="utf-8")
    assert "BEIJING, April 9" in text and "on Tuesday" in text
    years = [year for year in range(2022, 2026) if date(year, 4, 9).strftime("%A") == "Tuesday"]
    assert years == [2024]
    assert unseen_expected()["articles"]["106_lavrov_meets_xi.txt"]["reference_date"] == "2024-04-09"


def test_unseen_articles_are_news_length():
    for path in UNSEEN.glob("*.txt"):
        assert 400 <= len(path.read_text(encoding="utf-8").split()) <= 900, path.name


@pytest.mark.parametrize(
    "role, periods",
    [
        ("Foreign Minister of Russia", []),
        ("Deputy Prime Minister of Russia (energy)", []),
        ("Premier of China (from March 2023)", [(date(2023, 3, 1), None)]),
        ("Defence Minister of Russia (2012–May 2024)", [(date(2012, 1, 1), date(2024, 5, 31))]),
        ("Minister of National Defence of China (March–October 2023)", [(date(2023, 3, 1), date(2023, 10, 31))]),
        (
            "Foreign Minister of China (2013–December 2022, again from July 2023)",
            [(date(2013, 1, 1), date(2022, 12, 31)), (date(2023, 7, 1), None)],
        ),
    ],
)
def test_an_actors_role_gives_the_terms_of_the_titles_it_dates(role, periods):
    terms = role_terms(role, "China")
    assert [p for term in terms for p in term.periods] == periods
    assert all("china" not in term.title_words and "of" not in term.title_words for term in terms)


def test_every_bracket_of_years_in_a_role_is_read_as_a_term():
    for actor in records(ACTORS):
        role = actor["role"]
        if re.search(r"\(\D*\d{4}", role):
            assert role_terms(role, actor["country"]), f"{actor['name']}: no term read from '{role}'"
