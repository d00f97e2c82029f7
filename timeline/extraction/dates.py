"""Resolve time expressions to honest dates: never more precise than the words, never filled from today.

`date_patterns` finds the expressions; this module dates them against an article's reference date.
dateparser reads the single-point forms (month names and abbreviations, ordinals, full dates) and
picks their year relative to the reference; ranges, weekdays, weeks and offsets are plain arithmetic.
dateparser's `search_dates` is not used as a finder: on the seed articles it added only false hits
("may", "Now", "40% of", "in 100 years") and split "Oct. 17–18" into "on Oct" and "17–18" (read as 2018).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from timeline.date_labels import DAY, MONTH, YEAR, date_label, period_end

from .date_patterns import APPROX, FORMS, SHIFT, WEEKDAY, TimeExpression, find_time_expressions, range_years

__all__ = [
    "FORMS",
    "ResolvedDate",
    "TimeExpression",
    "direction_at",
    "find_time_expressions",
    "resolve",
    "sentence_direction",
    "weekday_years",
]

DIRECTIONS = ("past", "future", "present")

# Every dateparser setting lives here. PREFER_DAY_OF_MONTH/PREFER_MONTH_OF_YEAR "first" stop a missing
# day or month being taken from a date (dateparser's default is "current", i.e. today's); the base
# date is always the article's reference (or a fixed date when the words carry their own year).
DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_MONTH_OF_YEAR": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
DATEPARSER_LANGUAGES = ["en"]
PREFER_DATES_FROM = {"past": "past", "future": "future", "present": "current_period"}
# Base for words that carry their own year: any fixed date works, it only must not be today.
FIXED_BASE = date(2000, 1, 1)


# "will attend the Victory Day celebrations": a yearly holiday's name that names a day is that day.
DAY_NAME = re.compile(r"\bDay\b", re.IGNORECASE)
HOLIDAY = "holiday"  # the unit of a day named by its holiday: dateparser reads its day and month


def holiday_expressions(text: str, calendar_entries, found: list[TimeExpression]) -> list[TimeExpression]:
    """`found` plus the names of fixed-day yearly holidays ('Victory Day', 'Russia Day') as
    yearless days, where no other time words stand. The year comes from the sentence's tense and
    the article, as for 'on May 9'."""
    holidays = []
    for entry in calendar_entries:
        if not entry.recurs_yearly:
            continue
        for keyword in entry.keywords:
            if not DAY_NAME.search(keyword):
                continue  # "victory over Nazi Germany" names what happened in 1945, not a day
            for m in re.finditer(r"\b" + re.escape(keyword) + r"\b", text, re.IGNORECASE):
                month, day = entry.start.month, entry.start.day
                holidays.append(
                    TimeExpression(m.group(), m.start(), m.end(), "month_day", month=month, day=day, unit=HOLIDAY)
                )
    taken = [(e.start, e.end) for e in found]
    kept = []
    for h in sorted(holidays, key=lambda h: (h.start, -(h.end - h.start))):
        if not any(s < h.end and h.start < e for s, e in taken):
            kept.append(h)
            taken.append((h.start, h.end))
    return sorted(found + kept, key=lambda e: e.start)


@lru_cache(maxsize=64)
def date_parser(base: date, direction: str) -> DateDataParser:
    """The one place a dateparser parser is configured."""
    settings = {
        **DATEPARSER_SETTINGS,
        "RELATIVE_BASE": datetime.combine(base, datetime.min.time()),
        "PREFER_DATES_FROM": PREFER_DATES_FROM[direction],
    }
    return DateDataParser(languages=DATEPARSER_LANGUAGES, settings=settings)


@lru_cache(maxsize=8192)
def read_date(words: str, base: date, direction: str) -> tuple[date, str] | None:
    """dateparser's reading of `words`: the date and its period ("day", "month", "year")."""
    data = date_parser(base, direction).get_date_data(words)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period


@dataclass(frozen=True)
class ResolvedDate:
    start: date
    end: date | None
    precision: str
    reasoning: str

    @property
    def label(self) -> str:
        return date_label(self.start, self.end, self.precision)


# What dateparser should read: the words without "early", "last" or a leading weekday.
NOT_DATEPARSER_WORDS = re.compile(rf"^(?:{APPROX}|{SHIFT}\s+)?(?:{WEEKDAY},?\s+)?")


def _words_to_read(expr: TimeExpression) -> str:
    if expr.unit == HOLIDAY:
        return f"{calendar.month_name[expr.month]} {expr.day}"
    if expr.form == "year":
        return str(expr.year)  # "spring 2022", "2022-23": the year is all dateparser need see
    return NOT_DATEPARSER_WORDS.sub("", expr.text, count=1)


def _base_and_preference(reference: date, precision: str, direction: str, shift: int = 0):
    """dateparser's RELATIVE_BASE and PREFER_DATES_FROM for one reading.

    dateparser's "future" means strictly after its base; ours includes the reference day (or month),
    so the base steps back to just before it. "last March" is strictly before the reference month,
    "next March" strictly after it."""
    month_before = reference.replace(day=1) - timedelta(days=1)
    if shift < 0:
        return month_before, "past"
    if shift > 0:
        return reference, "future"
    if direction != "future":
        return reference, direction
    return (month_before if precision == MONTH else reference - timedelta(days=1)), direction


def _precision(expr: TimeExpression) -> str:
    return DAY if expr.day else MONTH if expr.month else YEAR


def _point(expr, reference, direction, year) -> tuple[date | None, str]:
    """The date of a point form (date, month_day, month_year, month, year) and how it was found."""
    precision = _precision(expr)
    if expr.year is not None:
        reading, how = read_date(_words_to_read(expr), FIXED_BASE, "past"), "the words give the year"
    elif year is not None:
        return _valid_date(year, expr.month, expr.day or 1), f"with the year {year} established elsewhere"
    elif reference is None:
        return None, "no reference date and no year"
    else:
        base, preference = _base_and_preference(reference, precision, direction, expr.shift)
        reading, how = read_date(_words_to_read(expr), base, preference), _seen_from(reference, direction)
    # The reading must say exactly what the finder saw: no part filled in, none read differently.
    if reading is None or reading[1] != precision:
        return None, "dateparser cannot read it"
    found = reading[0]
    if (found.month, found.day) != (expr.month or 1, expr.day or 1) or found.year != (expr.year or found.year):
        return None, "dateparser reads it differently"
    return found, how


def _valid_date(year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _holiday_days_ahead(expr, reference: date) -> int:
    day = _valid_date(reference.year, expr.month, expr.day)
    return (day - reference).days if day and day >= reference else HOLIDAY_AHEAD + 1


def _seen_from(reference: date, direction: str) -> str:
    return f"({direction} tense) in an article of {date_label(reference, None, DAY)}"


def _result(expr, start, end, precision, how) -> ResolvedDate:
    if end == start:
        end = None
    label = date_label(start, end, precision)
    if expr.approximate:
        label += " (approximate)"
    return ResolvedDate(start, end, precision, f"'{expr.text}' {how} → {label}")


HOLIDAY_AHEAD = 7  # days: "Xi heads to Moscow for Victory Day" two days before it


def _resolve_point(expr, reference, direction, anchor, year):
    if expr.unit == HOLIDAY and reference is not None and _holiday_days_ahead(expr, reference) <= HOLIDAY_AHEAD:
        direction = "future"  # a holiday days away is the one being prepared for, whatever the tense
    found, how = _point(expr, reference, direction, year)
    if found is None:
        return None
    precision = _precision(expr)
    if expr.approximate and precision == DAY:
        precision = MONTH  # "around 20 March" promises the month, not the day
    start = found.replace(day=1) if precision == MONTH else found
    end = date(expr.end_year, 12, 31) if expr.end_year else None
    if expr.weekdays and expr.weekdays[0] != found.weekday():
        how += f", though {date_label(found, None, DAY)} was a {calendar.day_name[found.weekday()]}"
    return _result(expr, start, end, precision, how)


def _resolve_range(expr, reference, direction, anchor, year):
    precision = DAY if expr.form == "date_range" else MONTH
    first, last = (expr.month, expr.day or 1), (expr.end_month, expr.end_day or 1)
    first_year, last_year = range_years(expr.year, first, expr.end_year, last)
    how = "the words give the year"
    if first_year is None:
        if year is not None:
            first_year, how = year, f"with the year {year} established elsewhere"
        elif reference is None:
            return None
        else:
            first_year, how = _choose_year(first, precision, reference, direction), _seen_from(reference, direction)
        last_year = range_years(first_year, first, None, last)[1]
    start, end = _valid_date(first_year, *first), _valid_date(last_year, *last)
    if start is None or end is None:
        return None
    return _result(expr, start, period_end(end, precision), precision, how)


def _choose_year(first: tuple[int, int], precision: str, reference: date, direction: str) -> int:
    """The year of a range's first day (or month), as dateparser reads it from the reference."""
    month, day = first
    words = f"{day} {calendar.month_name[month]}" if precision == DAY else calendar.month_name[month]
    reading = read_date(words, *_base_and_preference(reference, precision, direction))
    return reading[0].year


def _weekday_date(reference: date, weekday: int, direction: str, shift: int) -> date:
    """Nearest `weekday` to the reference: last/next exclude the reference day, past/future include it."""
    back, ahead = (reference.weekday() - weekday) % 7, (weekday - reference.weekday()) % 7
    if shift < 0 or (shift == 0 and direction == "past"):
        return reference - timedelta(days=back or (7 if shift < 0 else 0))
    if shift > 0 or direction == "future":
        return reference + timedelta(days=ahead or (7 if shift > 0 else 0))
    return reference - timedelta(days=reference.weekday() - weekday)  # present: the reference's week


def _resolve_weekday(expr, reference, direction, anchor, year):
    if reference is None:
        return None
    day = _weekday_date(reference, expr.weekdays[0], direction, expr.shift)
    return _result(expr, day, None, DAY, _seen_from(reference, direction))


def _resolve_weekday_pair(expr, reference, direction, anchor, year):
    if reference is None:
        return None
    first, last = expr.weekdays
    length = timedelta(days=(last - first) % 7)
    if direction == "past":  # both days on or before the reference
        end = _weekday_date(reference, last, direction, 0)
        start = end - length
    else:
        start = _weekday_date(reference, first, direction, 0)
        end = start + length
    return _result(expr, start, end, DAY, _seen_from(reference, direction))


def _resolve_relative_day(expr, reference, direction, anchor, year):
    if reference is None:
        return None
    day = reference + timedelta(days=expr.offset_days)
    return _result(expr, day, None, DAY, f"in an article of {date_label(reference, None, DAY)}")


def _resolve_relative_unit(expr, reference, direction, anchor, year):
    if reference is None:
        return None
    how = _seen_from(reference, direction)
    if expr.unit == "year":
        return _result(expr, date(reference.year + expr.shift, 1, 1), None, YEAR, how)
    if expr.unit == "month":
        months = reference.year * 12 + reference.month - 1 + expr.shift
        return _result(expr, date(months // 12, months % 12 + 1, 1), None, MONTH, how)
    start, end = _week(reference, expr.unit, expr.shift, direction)
    return _result(expr, start, end, DAY, how)


def _week(reference: date, unit: str, shift: int, direction: str) -> tuple[date, date]:
    """Monday..Sunday (or Saturday..Sunday for "weekend"); "this week" stops or starts at the reference."""
    monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=shift)
    if unit == "weekend":
        if shift == 0 and direction == "past" and reference.weekday() < 5:
            monday -= timedelta(weeks=1)  # on a weekday, "this weekend" in the past tense is the last one
        return monday + timedelta(days=5), monday + timedelta(days=6)
    start, end = monday, monday + timedelta(days=6)
    if shift == 0 and direction == "past":
        end = reference
    elif shift == 0 and direction == "future":
        start = reference
    return start, end


def _resolve_anchored_offset(expr, reference, direction, anchor, year):
    if anchor is None or anchor.precision != DAY:
        return None  # a number of days counts only from a known day
    base = anchor.start if expr.offset_days < 0 else anchor.end or anchor.start
    if expr.offset_days == 0:
        return _result(expr, anchor.start, anchor.end, DAY, f"is the day of {anchor.label}")
    day = base + timedelta(days=expr.offset_days)
    return _result(expr, day, None, DAY, f"counted from {date_label(base, None, DAY)}")


RESOLVERS = {
    "date": _resolve_point,
    "month_day": _resolve_point,
    "month_year": _resolve_point,
    "month": _resolve_point,
    "year": _resolve_point,
    "date_range": _resolve_range,
    "month_range": _resolve_range,
    "weekday": _resolve_weekday,
    "weekday_pair": _resolve_weekday_pair,
    "relative_day": _resolve_relative_day,
    "relative_unit": _resolve_relative_unit,
    "anchored_offset": _resolve_anchored_offset,
}


def resolve(
    expr: TimeExpression,
    reference: date | None,
    *,
    direction: str = "past",
    anchor: ResolvedDate | None = None,
    year: int | None = None,
) -> ResolvedDate | None:
    """Date one expression as precisely as its words allow, or None when they do not allow it.

    `direction` is the sentence's tense: a bare weekday, month or month/day looks back ("past": on or
    before the reference), ahead ("future": on or after) or at the reference's own week or year
    ("present"). `year` is a year established elsewhere for words without one; `anchor` is the date
    an anchored offset ("a day later") counts from. "Overnight" and "last night" are the day before
    the reference: news is written the morning after."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    return RESOLVERS[expr.form](expr, reference, direction, anchor, year)


FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|would(?!\s+have)|upcoming|(?:is|are|was|were)\s+(?:set|due|scheduled|expected|slated|going|poised)\s+to|"
    r"(?:is|are)\s+to\s+\w+|plans?\s+to|(?:readies|prepares|gears\s+up|(?:is|are)\s+(?:readying|preparing|gearing\s+up))\s+for|"
    r"intends?\s+to|(?:scheduled|set|slated|planned)\s+for|next\s+(?:week|month|year|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|"
    r"November|December))\b",
    re.IGNORECASE,
)
# A headline's "Xi to meet Putin" announces; there is no verb before "to".
HEADLINE_FUTURE = re.compile(
    r"^[^.!?]*\b[A-Z][\w.-]*\s+to\s+(?i:meet|visit|travel|hold|host|attend|sign|"
    r"discuss|talk|speak|call|head|fly|tour|pay|make|confer)\b(?![^.!?]*[.!?]\s*$)"
)
# "Xi is the guest of honour at the parade on Friday": a present copula speaks of this week.
PRESENT_CUES = re.compile(r"\b(?:is|are|am)\s+(?:(?:in|at)\s+[A-Z]|(?:now\s+)?\w+ing\b|the\s+guest|the\s+main)")


def sentence_direction(sentence: str) -> str:
    """'future', 'present' or 'past' from English tense cues; past when nothing says otherwise.

    Future: will, shall, is set/due/expected/scheduled to, is to, plans to, upcoming, next week, and a
    headline's "X to meet Y". Present: "is in Beijing", "are meeting", "is visiting". A sentence
    mixing tenses takes the future."""
    if FUTURE_CUES.search(sentence) or HEADLINE_FUTURE.search(sentence.strip()):
        return "future"
    if PRESENT_CUES.search(sentence):
        return "present"
    return "past"


# "have agreed to hold a meeting from August 31", "accepted an invitation to attend the parade on
# May 9": what was agreed or accepted lies ahead of the words beside it.
INTENT_CUES = re.compile(
    r"\b(?:(?:agreed|decided|promised|pledged|vowed|hopes?)\s+to\s+\w+|"
    r"(?:accepted|extended|received|declined)\s+(?:an?\s+|the\s+|his\s+|her\s+)?invitation\s+to\s+\w+)",
    re.IGNORECASE,
)
CLAUSE_START = re.compile(
    r"[,;:()\u2014\u2013]|\b(?:that|since|when|after|before|because|while|as|who|which|"
    r"where|and|but|until)\b",
    re.IGNORECASE,
)
PAST_CUES = re.compile(
    r"\b(?:\w+ed|said|says|met|held|made|took|came|went|left|told|spoke|gave|saw|began|"
    r"sent|won|flew|wrote|was|were|had|did|struck|brought|found|led|ran|became)\b",
    re.IGNORECASE,
)


# "his highly orchestrated parade", "the planned talks": an -ed word after a determiner describes a noun.
ATTRIBUTIVE = re.compile(r"\b(?:the|a|an|his|her|its|their|this|that|['’]s)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def direction_at(sentence: str, start: int) -> str:
    """The tense governing the words at `start`: that of the clause leading up to them, else the sentence's.

    "...will be the first event since Russia invaded Ukraine in February" is past at "February";
    "An official said this week that ties will grow" is past at "this week"."""
    clause_start = max((m.end() for m in CLAUSE_START.finditer(sentence, 0, start)), default=0)
    cues = [(m.end(), "future") for m in FUTURE_CUES.finditer(sentence, clause_start, start)]
    cues += [(m.end(), "future") for m in INTENT_CUES.finditer(sentence, clause_start, start)]
    cues += [(m.end(), "present") for m in PRESENT_CUES.finditer(sentence, clause_start, start)]
    # "the summit, held in Samarkand on ...": a participle after a comma describes, it is no tense.
    cues += [
        (m.end(), "past")
        for m in PAST_CUES.finditer(sentence, clause_start, start)
        if not re.search(r",\s*$", sentence[: m.start()]) and not ATTRIBUTIVE.search(sentence[: m.start()])
    ]
    if not cues:
        return sentence_direction(sentence)
    return max(cues)[1]  # the cue nearest the words


def weekday_years(month: int, day: int, weekday: int, years) -> list[int]:
    """The years among `years` in which month/day falls on `weekday` (Monday = 0)."""
    return [y for y in years if (d := _valid_date(y, month, day)) is not None and d.weekday() == weekday]
