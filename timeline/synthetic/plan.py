"""A deterministic plan of a synthetic timeline, as plain data (no database).

The same seed and size always give the same plan. Events cluster around a
few invented summit dates each year, actors follow a long-tail (Zipf-like)
distribution, and each citation quotes a real sentence of its source's text.
"""

import bisect
import calendar
import functools
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.text import slugify

from ..date_labels import DAY, MONTH, YEAR
from . import vocabulary as words

FIRST_DAY, LAST_DAY = date(2022, 1, 1), date(2025, 12, 31)
SPAN_DAYS = (LAST_DAY - FIRST_DAY).days + 1
SUMMITS_PER_YEAR = 4
BURST_SHARE = 0.35
BURST_SPREAD_DAYS = 4.0
ZIPF_EXPONENT = 1.1
KIND_WEIGHTS = {"meeting": 25, "statement": 22, "call": 12, "visit": 12, "agreement": 10, "summit": 7, "other": 12}
PRECISION_WEIGHTS = {DAY: 85, MONTH: 10, YEAR: 5}
# How many actors, and how many citations, an event has: 1, 2 or 3.
COUNT_WEIGHTS = (45, 38, 17)
SOURCE_WINDOW_DAYS = 14


@dataclass
class PlannedActor:
    name: str
    slug: str
    kind: str
    country: str
    role: str


@dataclass
class PlannedSource:
    title: str
    publisher: str
    url: str
    published_on: date
    number: int
    text: str
    sentence_spans: list[tuple[int, int]]


@dataclass
class PlannedEvent:
    title: str
    slug: str
    kind: str
    date_start: date
    date_end: date | None
    date_precision: str
    location: str
    summary: str
    status: str
    confidence: float
    actors: list[int]  # indexes into SyntheticPlan.actors
    citations: list[tuple[int, int, str]] = field(default_factory=list)  # (source index, sentence index, date words)


@dataclass
class SyntheticPlan:
    actors: list[PlannedActor]
    sources: list[PlannedSource]
    events: list[PlannedEvent]


def weighted(rng: random.Random, weights: dict):
    return rng.choices(tuple(weights), cum_weights=cumulative(weights))[0]


@functools.cache
def _cumulative(values: tuple) -> list:
    return list(itertools.accumulate(values))


def cumulative(weights: dict) -> list:
    return _cumulative(tuple(weights.values()))


def unique_slug(base: str, taken: set[str]) -> str:
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def plan_actors(rng: random.Random, count: int, taken_slugs: set[str]) -> list[PlannedActor]:
    """States and organisations first (they appear most), then people."""
    actors = [PlannedActor(state, "", "state", state, "") for state in words.STATES]
    actors += [PlannedActor(name, "", "organisation", country, "") for name, country in words.ORGANISATIONS]
    names = {actor.name for actor in actors}
    while len(actors) < count:
        country = weighted(rng, {"Russia": 45, "China": 45, "other": 10})
        if country == "Russia":
            given, family = rng.choice(words.RUSSIAN_GIVEN), rng.choice(words.RUSSIAN_FAMILY)
            name = f"{given} {family}a" if given in words.RUSSIAN_FEMININE else f"{given} {family}"
        elif country == "China":
            name = f"{rng.choice(words.CHINESE_FAMILY)} {rng.choice(words.CHINESE_GIVEN)}"
        else:
            given, family, country = rng.choice(words.OTHER_PEOPLE)
            name = f"{given} {family}"
        if name in names:
            continue
        names.add(name)
        role = rng.choice(words.ROLES.get(country, words.ROLES["other"]))
        actors.append(PlannedActor(name, "", "person", country, role))
    # The long tail: shuffle so that which actor is prominent depends on the seed.
    head = actors[:2]
    tail = actors[2:count]
    rng.shuffle(tail)
    actors = head + tail
    for actor in actors:
        actor.slug = unique_slug(slugify(actor.name), taken_slugs)
    return actors


def summit_days(rng: random.Random) -> list[int]:
    days = []
    for year in range(FIRST_DAY.year, LAST_DAY.year + 1):
        offset = (date(year, 1, 1) - FIRST_DAY).days
        days += [offset + rng.randrange(20, 345) for _ in range(SUMMITS_PER_YEAR)]
    return sorted(days)


def event_day(rng: random.Random, summits: list[int]) -> int:
    if rng.random() < BURST_SHARE:
        day = round(rng.choice(summits) + rng.gauss(0, BURST_SPREAD_DAYS))
        return min(max(day, 0), SPAN_DAYS - 1)
    return rng.randrange(SPAN_DAYS)


DAY_WORDS = (
    "on {weekday}",
    "on {day} {month}",
    "on {month} {day}",
    "this week",
    "yesterday",
    "on {day} {month} {year}",
)
MONTH_WORDS = ("in {month}", "in {month} {year}")
YEAR_WORDS = ("in {year}", "this year", "earlier this year")
MONTH_NAMES = tuple(calendar.month_name)  # calendar.month_name calls strftime on every lookup


def when_words(rng: random.Random, day: date, precision: str) -> str:
    """How an article might have said the date, at no more than its precision."""
    pattern = rng.choice({DAY: DAY_WORDS, MONTH: MONTH_WORDS, YEAR: YEAR_WORDS}[precision])
    return pattern.format(
        weekday=words.WEEKDAYS[day.weekday()], day=day.day, month=MONTH_NAMES[day.month], year=day.year
    )


def article_sentences(rng: random.Random, people: list[str], published: date) -> list[str]:
    sentences = []
    for _ in range(rng.randint(6, 12)):
        a, b = rng.sample(people, 2)
        template = rng.choice(words.SENTENCE_TEMPLATES)
        sentences.append(
            template.format(
                a=a,
                b=b,
                place=rng.choice(words.PLACES),
                topic=rng.choice(words.TOPICS),
                when=when_words(rng, published, DAY),
            )
        )
    return sentences


def plan_sources(rng: random.Random, count: int, summits: list[int], actor_names: list[str]) -> list[PlannedSource]:
    """Articles sorted by publication date, each knowing where its sentences start and end."""
    sources = []
    for number in range(1, count + 1):
        published = FIRST_DAY + timedelta(days=event_day(rng, summits))
        people = rng.sample(actor_names, min(4, len(actor_names)))
        title = f"{people[0]} and {people[1]} discuss {rng.choice(words.TOPICS)} in {rng.choice(words.PLACES)}"
        spans, offset = [], len(title) + 2
        sentences = article_sentences(rng, people, published)
        for sentence in sentences:
            spans.append((offset, offset + len(sentence)))
            offset += len(sentence) + 1
        publisher = rng.choice(words.PUBLISHERS)
        url = f"https://{slugify(publisher)}.example/{published:%Y/%m/%d}/{slugify(title)[:80]}-{number}"
        text = title + "\n\n" + " ".join(sentences)
        sources.append(PlannedSource(title, publisher, url, published, number, text, spans))
    sources.sort(key=lambda source: (source.published_on, source.number))
    return sources


def planned_dates(rng: random.Random, day: date) -> tuple[date, date | None, str]:
    precision = weighted(rng, PRECISION_WEIGHTS)
    if precision == YEAR:
        start = date(day.year, 1, 1)
        end = date(min(day.year + 1, LAST_DAY.year), 12, 31) if rng.random() < 0.1 else None
        return start, end if end and end.year > start.year else None, YEAR
    if precision == MONTH:
        start = date(day.year, day.month, 1)
        if rng.random() < 0.2 and day.month < 12:
            last_month = min(day.month + rng.randint(1, 2), 12)
            return start, date(day.year, last_month, calendar.monthrange(day.year, last_month)[1]), MONTH
        return start, None, MONTH
    if rng.random() < 0.12:
        return day, min(day + timedelta(days=rng.randint(1, 3)), LAST_DAY), DAY
    return day, None, DAY


def report_window(source_days: list[int], day: date) -> range:
    """Indexes of the sources published from `day` to a fortnight later (at least three)."""
    low = bisect.bisect_left(source_days, day.toordinal())
    high = bisect.bisect_right(source_days, day.toordinal() + SOURCE_WINDOW_DAYS)
    low = max(min(low, len(source_days) - 3), 0)
    return range(low, min(max(high, low + 3), len(source_days)))


def plan_event(rng, number, actors, cum_weights, summits, sources, source_days, taken_slugs):
    day = FIRST_DAY + timedelta(days=event_day(rng, summits))
    start, end, precision = planned_dates(rng, day)
    kind = weighted(rng, KIND_WEIGHTS)
    how_many = rng.choices((1, 2, 3), weights=COUNT_WEIGHTS)[0]
    chosen = list(dict.fromkeys(rng.choices(range(len(actors)), cum_weights=cum_weights, k=how_many + 1)))[:how_many]
    a = actors[chosen[0]].name
    b = actors[chosen[1]].name if len(chosen) > 1 else rng.choice(("Chinese officials", "Russian officials"))
    place = rng.choice(words.PLACES)
    topic, topic2 = rng.sample(words.TOPICS, 2)
    title = rng.choice(words.TITLE_TEMPLATES[kind]).format(a=a, b=b, place=place, topic=topic)
    title = title[0].upper() + title[1:]
    summary = words.SUMMARY_TEMPLATE.format(
        a=a, b=b, topic=topic, topic2=topic2, place=place, extra=rng.choice(words.SUMMARY_EXTRAS)
    )
    event = PlannedEvent(
        title=title,
        slug=unique_slug(f"{slugify(title)[:120]}-{number}", taken_slugs),
        kind=kind,
        date_start=start,
        date_end=end,
        date_precision=precision,
        location=place,
        summary=summary,
        status="reviewed" if rng.random() < 0.1 else "proposed",
        confidence=round(rng.uniform(0.5, 1.0), 2),
        actors=chosen,
    )
    # Reports appear on the day of the event or within the following fortnight.
    window = report_window(source_days, day)
    cited = rng.sample(window, k=min(rng.choices((1, 2, 3), weights=COUNT_WEIGHTS)[0], len(window)))
    for index in cited:
        sentence = rng.randrange(len(sources[index].sentence_spans))
        event.citations.append((index, sentence, when_words(rng, start, precision)))
    return event


def build_plan(
    events: int, seed: int = 1, actors: int = 300, sources: int = 5000, taken_actor_slugs=(), taken_event_slugs=()
) -> SyntheticPlan:
    rng = random.Random(seed)
    summits = summit_days(rng)
    actor_plan = plan_actors(rng, actors, set(taken_actor_slugs))
    people = [actor.name for actor in actor_plan if actor.kind == "person"]
    source_plan = plan_sources(rng, sources, summits, people if len(people) >= 4 else [a.name for a in actor_plan])
    source_days = [source.published_on.toordinal() for source in source_plan]
    cum_weights = list(itertools.accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, len(actor_plan) + 1)))
    taken = set(taken_event_slugs)
    event_plan = [
        plan_event(rng, number, actor_plan, cum_weights, summits, source_plan, source_days, taken)
        for number in range(1, events + 1)
    ]
    return SyntheticPlan(actor_plan, source_plan, event_plan)


def plan_articles(count: int, seed: int = 1, names: list[str] | None = None) -> list[PlannedSource]:
    """Article texts alone (for the extractor's benchmark), naming `names` or invented people."""
    rng = random.Random(seed)
    summits = summit_days(rng)
    if not names:
        names = [actor.name for actor in plan_actors(rng, 300, set()) if actor.kind == "person"]
    return plan_sources(rng, count, summits, names)
