"""What the extractor knows in general: actors and their aliases, places, and a
calendar of well-known events. `timeline.knowledge_source` reads it from the database (so
editors' changes count); this module reads the reference fixtures the project ships, and knows
nothing of the database."""

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.utils.text import slugify

from ..paths import REFERENCE_DIR
from .lexicon import NATIONALITIES

# Family name first: the short form of "Xi Jinping" is "Xi", of "Patricia Kim" is "Kim".
FAMILY_NAME_FIRST = {"china", "taiwan", "hong kong", "north korea", "south korea", "korea", "vietnam", "mongolia"}
HONORIFICS = ("Mr.", "Mr", "Ms.", "Ms", "Mrs.", "Mrs", "Dr.", "President", "Premier", "Minister")


@dataclass(frozen=True)
class Term:
    """A title held for a time: 'Foreign Minister of China (2013–2022, again from July 2023)'."""

    title_words: frozenset[str]
    periods: tuple[tuple[date, date | None], ...]

    def holds(self, day: date) -> bool:
        return any(start <= day and (end is None or day <= end) for start, end in self.periods)


TITLE_STOP_WORDS = {"of", "the", "and", "for", "on", "to", "in", "a"}
MONTH_YEAR = re.compile(r"^(?:(?P<m>[A-Z][a-z]+)\s+)?(?P<y>(?:19|20)\d\d)$")
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


def role_terms(role: str, country: str = "") -> tuple[Term, ...]:
    """The titles in an actor's role whose years are given in brackets; a title without years
    ('Foreign Minister of Russia') is taken to be held throughout and says nothing of the date."""
    terms = []
    for segment in role.split(";"):
        title, _, bracket = segment.partition("(")
        periods = tuple(p for part in bracket.rstrip(") ").split(",") if (p := _period(part)))
        words = frozenset(re.findall(r"[a-z]+", title.lower())) - TITLE_STOP_WORDS - set(country.lower().split())
        if periods and words:
            terms.append(Term(words, periods))
    return tuple(terms)


def _period(text: str) -> tuple[date, date | None] | None:
    text = text.strip().removeprefix("again ").strip()
    if text.startswith("from "):
        start = _month_year(text[5:], first=True)
        return (start, None) if start else None
    first, dash, last = text.partition("–")
    end = _month_year(last.strip(), first=False) if dash else None
    if end is None:
        return None
    first = first.strip()
    start = _month_year(first if first[-1:].isdigit() else f"{first} {end.year}", first=True)
    return (start, end) if start else None


def _month_year(text: str, first: bool) -> date | None:
    m = MONTH_YEAR.match(text)
    if not m or (m["m"] and m["m"] not in MONTHS):
        return None
    year = int(m["y"])
    month = MONTHS[m["m"]] if m["m"] else (1 if first else 12)
    return date(year, month, 1 if first else calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class ActorInfo:
    slug: str
    name: str
    kind: str = "person"
    country: str = ""
    role: str = ""
    aliases: tuple[str, ...] = ()
    description: str = ""
    needs_review: bool = False

    @property
    def terms(self) -> tuple[Term, ...]:
        return role_terms(self.role, self.country)

    @property
    def short_name(self) -> str | None:
        parts = self.name.split()
        if self.kind != "person" or len(parts) < 2:
            return None
        return parts[0] if self.country.lower() in FAMILY_NAME_FIRST else parts[-1]


@dataclass(frozen=True)
class PlaceInfo:
    slug: str
    name: str
    country: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarInfo:
    slug: str
    name: str
    start: date
    end: date | None
    recurs_yearly: bool
    location: str
    keywords: tuple[str, ...]
    actor_slugs: tuple[str, ...] = ()

    def on_day(self, year: int) -> date:
        return self.start.replace(year=year) if self.recurs_yearly else self.start


@dataclass
class Knowledge:
    actors: dict[str, ActorInfo]
    places: dict[str, PlaceInfo]
    calendar: list[CalendarInfo]
    origin: str = "database"
    _actor_pattern: re.Pattern | None = field(default=None, repr=False)
    _alias_to_actor: dict[str, str] = field(default_factory=dict, repr=False)
    _place_pattern: re.Pattern | None = field(default=None, repr=False)
    _alias_to_place: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._alias_to_actor = alias_index((a.slug, (a.name, *a.aliases)) for a in self.actors.values())
        self._actor_pattern = alias_pattern(self._alias_to_actor)
        self._alias_to_place = alias_index((p.slug, (p.name, *p.aliases)) for p in self.places.values())
        self._place_pattern = alias_pattern(self._alias_to_place)

    def find_actors(self, text: str):
        """(start, end, actor slug) for every known name or alias in `text`. 'President Xi Jinping'
        is one mention, though the alias 'President Xi' matched first."""
        found = []
        for m in self._actor_pattern.finditer(text):
            slug = self._alias_to_actor[m.group()]
            last = self.actors[slug].name.split()[-1] if slug in self.actors else ""
            end = m.end() + len(last) + 1 if last and text.startswith(" " + last, m.end()) else m.end()
            found.append((m.start(), end, slug))
        return found

    def find_places(self, text: str):
        return [(m.start(), m.end(), self._alias_to_place[m.group()]) for m in self._place_pattern.finditer(text)]

    def is_known_name(self, name: str) -> bool:
        return name in self._alias_to_actor or name in self._alias_to_place


def alias_index(entries) -> dict[str, str]:
    index = {}
    for slug, names in entries:
        for name in names:
            name = name.strip()
            if name:
                index.setdefault(name, slug)
    return index


def alias_pattern(index: dict[str, str]) -> re.Pattern:
    # Longest first, so "Xi Jinping" wins over "Xi"; names are case-sensitive proper nouns.
    return _names_pattern(tuple(sorted(index, key=lambda name: (-len(name), name))))


@lru_cache(maxsize=4096)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern:
    """One compiled pattern per set of names: articles of a run name the same people again."""
    if not names:
        return re.compile(r"(?!x)x")
    # Not inside a longer word: "Xi" must not match in "Xi'an", but does in "Xi's".
    # Nor as the first half of a compound adjective: "the Russia-led bloc" names no actor.
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w|['’](?!s\b)\w|-[a-z])")


def lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def load_reference_files(folder: Path = REFERENCE_DIR) -> Knowledge:
    records = []
    for path in sorted(folder.glob("*.json")):
        records.extend(json.loads(path.read_text(encoding="utf-8")))
    actors, places, calendar = {}, {}, []
    for record in records:
        model, f = record["model"], record["fields"]
        if model == "timeline.actor":
            actors[f["slug"]] = ActorInfo(
                f["slug"],
                f["name"],
                f.get("kind", "person"),
                f.get("country", ""),
                f.get("role", ""),
                lines(f.get("aliases", "")),
                f.get("description", ""),
            )
        elif model == "timeline.place":
            places[f["slug"]] = PlaceInfo(f["slug"], f["name"], f.get("country", ""), lines(f.get("aliases", "")))
        elif model == "timeline.calendarentry":
            calendar.append(
                CalendarInfo(
                    f["slug"],
                    f["name"],
                    date.fromisoformat(f["date_start"]),
                    date.fromisoformat(f["date_end"]) if f.get("date_end") else None,
                    bool(f.get("recurs_yearly")),
                    f.get("location", ""),
                    lines(f.get("keywords", "")),
                    tuple(sorted(key[0] for key in f.get("actors", []))),
                )
            )
    return Knowledge(actors, places, calendar, origin=f"reference files in {folder.name}/")


NATIONALITY_WORD = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in sorted(NATIONALITIES, key=len, reverse=True)) + r")\b"
)


def new_actor(name: str, role: str) -> ActorInfo:
    """A person the text introduces; "Russian presidential aide" also says which side they are on."""
    found = NATIONALITY_WORD.search(role)
    country = NATIONALITIES[found.group()] if found else ""
    return ActorInfo(slug=slugify(name), name=name, kind="person", country=country, role=role, needs_review=True)
