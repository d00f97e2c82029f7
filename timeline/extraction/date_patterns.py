"""Find time expressions in English news text with precompiled regular expressions.

Finding is pure pattern matching (linear in the text); turning an expression into a date is
`dates.resolve`'s job. Month and weekday names must be capitalised, which is what keeps "may" the
verb and "a protest march" out.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

FORMS = (
    "date",
    "date_range",
    "month_day",
    "month_year",
    "month_range",
    "month",
    "year",
    "weekday",
    "weekday_pair",
    "relative_day",
    "relative_unit",
    "anchored_offset",
)


@dataclass(frozen=True)
class TimeExpression:
    """One expression as written. `text` leaves out a leading "on"/"in"; `weekdays` count Monday as 0;
    `offset_days` belongs to relative_day and anchored_offset; `shift` (last -1, this 0, next +1) to
    relative_unit, weekday and month; a range's missing year is filled only from its other end."""

    text: str
    start: int
    end: int
    form: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    weekdays: tuple[int, ...] = ()
    offset_days: int | None = None
    unit: str | None = None
    shift: int = 0
    approximate: bool = False


MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
FULL_MONTHS = set(MONTH_NUMBERS)
MONTH_NUMBERS |= {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAY_NUMBERS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
SHIFTS = {"last": -1, "this": 0, "next": 1, "coming": 1}
UNIT_DAYS = {"day": 1, "night": 1, "morning": 1, "evening": 1, "week": 7}

# Speed: the text is scanned once per kind of first word ("trigger": a month, a digit, a weekday, or
# one of a few words such as "today", "the", "days"), and each pattern is tried only where its
# trigger occurs. Optional leading words ("early", "from", "Monday,") are matched backwards from the
# trigger by a "lead" pattern that ends there (\Z at endpos). Month words are checked against
# MONTH_NUMBERS afterwards ("Marching" is not a month).
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*(?:(?:(?<=\b(?!May)[A-Z][a-z]{2})|(?<=Sept))\.)?"
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
DAY = r"\d\d?(?:st|nd|rd|th)?(?![\d%])(?!,\d)(?!\s*(?:per\s?cent|%))"
YEAR = r"[12]\d\d\d(?![\d%])(?!s\b|,\d|\.\d)"
# A number of units is a quantity, not a year ("1950 km", "2000 troops").
NOT_QUANTITY = (
    r"(?!\s+(?:per\s?cent|km|kilomet|miles?\b|metres|meters|tons|tonnes|barrels|people|troops|"
    r"soldiers|units|dollars|yuan|rubles|roubles|euros|cubic))"
)
NUMBER = r"(?P<n>(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d\d?))"
APPROX = (
    r"\b(?P<approx>(?i:early|mid|late|around|about|circa|on\s+or\s+about|"
    r"(?:the\s+)?(?:end|beginning|start|middle|turn)\s+of(?:\s+the)?))[\s-]+"
)
RANGE_SEP = r"(?P<sep>\s*[-–—]\s*|\s+(?:to|until|till|through|and)\s+)"
WEEKDAY_SEP = r"(?:\s*[-–—]\s*|\s+(?:and|to|until|through)\s+)"
SHIFT = r"(?P<rel>(?i:last|this|next|coming))"

RANGE_LEAD = r"(?:\b(?P<lead>(?i:from|between))\s+)?"
POINT_LEAD = rf"(?:{APPROX})?(?:\b(?P<wd>{WEEKDAY}),?\s+)?"
DAY_LEAD = POINT_LEAD + r"(?:\bthe\s+)?"
MONTH_CONTEXT = r"\b(?P<ctx>(?i:in|since|until|till|by|from|during|through|throughout|before|after))\s+"
UNITS_LATER = ("day", "days", "week", "weeks", "night", "nights")
UNITS_AGO = ("month", "months", "year", "years")
SHIFT_WORDS = ("this", "last", "next", "coming")

# (form, trigger, lead, core). The trigger is "month", "digit", "weekday" or a tuple of words the
# core starts with. A lead is optional or required context; its `ctx` group is not part of the text.
PATTERNS = [
    (
        "date_range",
        "digit",
        RANGE_LEAD + r"(?:\bthe\s+)?",
        rf"(?P<d1>{DAY})(?:(?:\s+of)?\s+(?P<m1>{MONTH})(?:,?\s+(?P<y1>{YEAR}))?)?{RANGE_SEP}(?:the\s+)?"
        rf"(?P<d2>{DAY})(?:\s+of)?\s+(?P<m2>{MONTH})(?:,?\s+(?P<y2>{YEAR}))?",
    ),
    (
        "date_range",
        "month",
        RANGE_LEAD,
        rf"(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?:,?\s+(?P<y1>{YEAR}))?{RANGE_SEP}(?:(?P<m2>{MONTH})\s+)?"
        rf"(?P<d2>{DAY})(?:,?\s+(?P<y2>{YEAR}))?",
    ),
    ("date", "digit", DAY_LEAD, rf"(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{MONTH}),?\s+(?P<y>{YEAR})"),
    ("date", "month", POINT_LEAD, rf"(?P<m>{MONTH})\s+(?:the\s+)?(?P<d>{DAY}),?\s+(?P<y>{YEAR})"),
    # "Published September 18,2023": a page's date line with the space after the comma lost.
    ("date", "month", POINT_LEAD, rf"(?P<m>{MONTH})\s+(?P<d>\d\d?),(?P<y>(?:19|20)\d\d)(?![\d%]|,\d|\.\d)"),
    (
        "date",
        "digit",
        None,
        r"(?P<y>[12]\d\d\d)(?P<s>[-/])(?P<m>0[1-9]|1[0-2])(?P=s)(?P<d>0[1-9]|[12]\d|3[01])(?![\d/-])",
    ),
    ("date", "digit", None, r"(?P<a>\d\d?)(?P<s>[/.])(?P<b>\d\d?)(?P=s)(?P<y>[12]\d\d\d)(?![\d/]|\.\d)"),
    ("month_day", "digit", DAY_LEAD, rf"(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{MONTH})"),
    ("month_day", "month", POINT_LEAD, rf"(?P<m>{MONTH})\s+(?:the\s+)?(?P<d>{DAY})"),
    (
        "month_range",
        "month",
        RANGE_LEAD,
        rf"(?P<m1>{MONTH})(?:,?\s+(?P<y1>{YEAR}))?{RANGE_SEP}(?P<m2>{MONTH})(?:,?\s+(?P<y2>{YEAR}))?",
    ),
    ("month_year", "month", f"(?:{APPROX})?", rf"(?P<m>{MONTH}),?\s+(?P<y>{YEAR})"),
    ("month", "month", rf"(?:{MONTH_CONTEXT}|{APPROX}|\b{SHIFT}\s+)", rf"(?P<m>{MONTH})"),
    ("year", "digit", f"(?:{APPROX})?", r"(?P<y>[12]\d\d\d)(?P<sep>[-–/])(?P<y2>\d\d(?:\d\d)?)(?![\d%])"),
    (
        "year",
        "digit",
        rf"(?:{APPROX})?(?:\b(?P<season>(?i:spring|summer|autumn|fall|winter))(?:\s+of)?\s+)?",
        rf"(?P<y>{YEAR}){NOT_QUANTITY}",
    ),
    ("weekday_pair", "weekday", None, rf"(?P<wd1>{WEEKDAY}){WEEKDAY_SEP}(?P<wd2>{WEEKDAY})"),
    ("weekday", "weekday", rf"(?:\b{SHIFT}\s+)?", rf"(?P<wd>{WEEKDAY})(?:\s+(?:night|morning|afternoon|evening))?"),
    (
        "relative_day",
        ("today", "tonight", "tomorrow", "yesterday", "overnight"),
        None,
        r"(?i:(?P<rd>today|tonight|tomorrow|yesterday|overnight))\b",
    ),
    (
        "relative_day",
        ("earlier", "later", "last", "this"),
        None,
        r"(?i:(?P<rd>(?:earlier|later)\s+today|last\s+night|this\s+(?:morning|afternoon|evening)))\b",
    ),
    ("relative_day", ("the",), None, r"(?i:(?P<rd>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)))\b"),
    ("relative_day", UNITS_LATER, rf"\b{NUMBER}\s+", r"(?P<u>days?|weeks?)\s+ago\b"),
    ("relative_unit", UNITS_AGO, rf"\b{NUMBER}\s+", r"(?P<u>months?|years?)\s+ago\b"),
    (
        "relative_unit",
        SHIFT_WORDS,
        rf"(?:(?:{APPROX})|\b(?i:earlier|later)\s+)?",
        r"(?i:(?P<rel>this|last|next|coming)\s+(?P<u>week|month|year|weekend))\b",
    ),
    (
        "anchored_offset",
        UNITS_LATER,
        rf"\b{NUMBER}\s+",
        r"(?P<u>days?|weeks?|nights?)\s+(?P<dir>later|after|afterwards|earlier|before|previously|prior)\b",
    ),
    (
        "anchored_offset",
        ("earlier", "later"),
        None,
        r"(?i:(?P<which>earlier|later)\s+(?P<sd>in\s+the\s+day|that\s+day|(?:on\s+)?the\s+same\s+day))\b",
    ),
    # "Following the talks, Gazprom announced ...": no later than the event just told (see dating).
    (
        "anchored_offset",
        ("following", "after"),
        None,
        r"(?i:(?P<after>following|after)\s+(?:the|their|this)\s+(?:meeting|talks|call|conversation|summit|visit))\b",
    ),
    (
        "anchored_offset",
        ("the",),
        None,
        r"(?i:the\s+(?P<which>next|following|previous|preceding|prior|same)\s+"
        r"(?P<u>day|morning|evening|night|week))\b",
    ),
    ("anchored_offset", ("the",), None, r"(?i:the\s+day\s+(?P<dir>before|after))\b"),
    # "On the eve of his visit": the day before the first day of the event it names.
    (
        "anchored_offset",
        ("the",),
        None,
        r"(?i:the\s+eve\s+of\s+(?:the|his|her|their|this|that|its)\s+(?:[\w-]+\s+){0,2}"
        r"(?P<eve>visit|trip|talks|summit|meeting))\b",
    ),
]
TRIGGERS = {
    "month": r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
    "digit": r"\d+",
    "weekday": r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day",
}


def _compile(patterns):
    """Per trigger: its scanning regex and the (form, lead, core, optional) entries to try there."""
    by_trigger, by_word = {}, {}
    for form, trigger, lead, core in patterns:
        optional = lead is None or re.fullmatch(lead, "") is not None
        entry = (form, lead and re.compile(lead + r"\Z"), re.compile(core), optional)
        if isinstance(trigger, str):
            by_trigger.setdefault(trigger, []).append(entry)
        else:
            for word in trigger:
                by_word.setdefault(word, []).append(entry)
    table = [(re.compile(TRIGGERS[name]), lambda hit, entries=entries: entries) for name, entries in by_trigger.items()]
    # Literal alternatives keep the scan fast; a capitalised variant covers the start of a sentence.
    words = sorted({variant for word in by_word for variant in (word, word.capitalize())}, key=len, reverse=True)
    table.append((re.compile("|".join(words)), lambda hit: by_word[hit.group().lower()]))
    return table


COMPILED = _compile(PATTERNS)
LEAD_WINDOW = 60
LEAD_END_WORDS = (
    {
        "from",
        "between",
        "the",
        "of",
        "early",
        "mid",
        "late",
        "around",
        "about",
        "circa",
        "earlier",
        "later",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "in",
        "since",
        "until",
        "till",
        "by",
        "during",
        "through",
        "throughout",
        "before",
        "after",
    }
    | set(SHIFTS)
    | set(WEEKDAY_NUMBERS)
    | set(NUMBER_WORDS)
)
# "Russia Today", "USA Today": a capitalised "Today" after a capitalised word names a title.
TITLE_TODAY = re.compile(r"[A-Z]\w*\s+$")
NOT_BEFORE_A_NUMBER = set(".,$€£¥#/")
EVERY = re.compile(r"\b(?i:every|each)\s+$")


def find_time_expressions(text: str) -> list[TimeExpression]:
    """All time expressions in `text`, in order, non-overlapping; the leftmost, then longest, wins."""
    candidates = []
    for trigger, entries_for in COMPILED:
        for hit in trigger.finditer(text):
            start = hit.start()
            previous = text[start - 1] if start else " "
            if previous.isalnum() or (previous in NOT_BEFORE_A_NUMBER and text[start].isdigit()):
                continue
            candidate = _longest_at(entries_for(hit), text, start)
            if candidate:
                candidates.append(candidate)
    candidates.sort(key=lambda c: (c[0], -c[1]))
    chosen, reached = [], 0
    for start, end, form, fields in candidates:
        if start >= reached:
            chosen.append(TimeExpression(text=text[start:end], start=start, end=end, form=form, **fields))
            reached = end
    return chosen


def _longest_at(entries, text, start):
    """The longest valid expression whose core starts at `start`: (start, end, form, fields) or None."""
    matches = [(match, entry) for entry in entries if (match := entry[2].match(text, start))]
    matches.sort(key=lambda pair: -pair[0].end())
    lead_possible = None
    for match, (form, lead, _, optional) in matches:
        groups = match.groupdict()
        begin = start
        if lead is not None:
            if lead_possible is None:  # searching backwards is the slow part: only after a lead's last word
                lead_possible = _may_end_a_lead(text, start)
            found = lead.search(text, max(0, start - LEAD_WINDOW), start) if lead_possible else None
            if found is None and not optional:
                continue
            if found is not None:
                groups |= found.groupdict()
                begin = start if groups.get("ctx") else found.start()
        fields = BUILDERS[form](groups, text[max(0, begin - 40) : begin])
        if fields is not None:
            return begin, match.end(), form, fields
    return None


def _may_end_a_lead(text, start):
    words = text[max(0, start - 24) : start].rstrip(" \t\r\n,-\u00a0").rsplit(None, 1)
    word = words[-1].lstrip("([\"'\u201c\u2018").lower() if words else ""
    return word in LEAD_END_WORDS or word.isdigit()


def _month(name):
    return MONTH_NUMBERS.get(name.rstrip(".").lower()) if name else None


def _year_number(value):
    """The year the digits name, or None: only 1900–2100 count as years."""
    return int(value) if value and 1900 <= int(value) <= 2100 else None


def _number(word):
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _int(value):
    return int(re.match(r"\d+", value).group()) if value else None


def _valid(year, month, day):
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: "29 February" alone stays possible
    except ValueError:
        return False
    return True


def _approximate(groups):
    return bool(groups.get("approx") or groups.get("season"))


def _weekdays(*names):
    return tuple(WEEKDAY_NUMBERS[name.lower()] for name in names if name)


def _date(g, before):
    if g.get("a"):  # d/m/Y or m/d/Y: accepted only when one reading is impossible
        a, b = int(g["a"]), int(g["b"])
        if (a > 12) == (b > 12):
            return None
        g = {**g, "d": str(max(a, b)), "m": min(a, b)}
    month = g["m"] if isinstance(g["m"], int) else int(g["m"]) if g["m"].isdigit() else _month(g["m"])
    year, day = _year_number(g["y"]), _int(g["d"])
    if not (year and month and _valid(year, month, day)):
        return None
    return dict(year=year, month=month, day=day, weekdays=_weekdays(g.get("wd")), approximate=_approximate(g))


def _month_day(g, before):
    month, day = _month(g["m"]), _int(g["d"])
    if not (month and _valid(None, month, day)):
        return None
    return dict(month=month, day=day, weekdays=_weekdays(g.get("wd")), approximate=_approximate(g))


def _runs_forward(first_year, first, last_year, last):
    """Whether a range runs forward; without a first year it may start in the year before the last."""
    if first_year is None or last_year is None:
        return first < last or (first_year is None and last[0] < first[0])
    return (first_year, *first) < (last_year, *last)


def range_years(first_year, first, last_year, last):
    """Years the words imply: "Oct. 17–18, 2023" starts in 2023, "Dec. 30, 2022 – Jan. 2" ends in 2023."""
    crosses_new_year = last < first
    if first_year is None and last_year is not None:
        first_year = last_year - crosses_new_year
    elif last_year is None and first_year is not None:
        last_year = first_year + crosses_new_year
    return first_year, last_year


def _date_range(g, before):
    m2 = _month(g["m2"])
    m1 = _month(g["m1"]) if g["m1"] else m2
    m2 = m2 if g["m2"] else m1
    d1, d2 = _int(g["d1"]), _int(g["d2"])
    y1, y2 = _year_number(g["y1"]), _year_number(g["y2"])
    if not (m1 and m2) or (g["y1"] and not y1) or (g["y2"] and not y2):
        return None
    lead = (g.get("lead") or "").lower()
    if "and" in g["sep"] and lead != "between" and g["m1"] and g["m2"]:
        return None  # "12 September and 14 October" are two dates, not a range
    if not _runs_forward(y1, (m1, d1), y2, (m2, d2)):
        return None
    if not (_valid(y1, m1, d1) and _valid(y2, m2, d2)):
        return None
    y1, y2 = range_years(y1, (m1, d1), y2, (m2, d2))
    return dict(year=y1, month=m1, day=d1, end_year=y2, end_month=m2, end_day=d2)


def _month_range(g, before):
    m1, m2 = _month(g["m1"]), _month(g["m2"])
    y1, y2 = _year_number(g["y1"]), _year_number(g["y2"])
    if not (m1 and m2) or (g["y1"] and not y1) or (g["y2"] and not y2):
        return None
    spelled = g["sep"].strip() not in "-–—"
    lead = (g.get("lead") or "").lower()
    if (spelled and not lead) or ("and" in g["sep"] and lead != "between"):
        return None  # "in January and March" names two months; only "between/from ... to" is a span
    if not _runs_forward(y1, (m1,), y2, (m2,)):
        return None
    y1, y2 = range_years(y1, (m1,), y2, (m2,))
    return dict(year=y1, month=m1, end_year=y2, end_month=m2)


def _month_year(g, before):
    year, month = _year_number(g["y"]), _month(g["m"])
    if not (year and month):
        return None
    return dict(year=year, month=month, approximate=_approximate(g))


def _bare_month(g, before):
    if g["m"].lower() not in FULL_MONTHS:
        return None  # an abbreviation alone ("in Dec") is too often something else
    return dict(month=_month(g["m"]), shift=_shift(g), approximate=_approximate(g))


def _shift(g):
    return SHIFTS.get((g.get("rel") or "").lower(), 0)


def _year(g, before):
    year = _year_number(g["y"])
    if year is None:
        return None
    fields = dict(year=year, approximate=_approximate(g))
    if g.get("y2"):
        end = int(g["y2"]) if len(g["y2"]) == 4 else year // 100 * 100 + int(g["y2"])
        if not year < end <= 2100 or (g["sep"] == "/" and len(g["y2"]) == 4 and end != year + 1):
            return None
        fields["end_year"] = end
    return fields


def _weekday(g, before):
    if EVERY.search(before):
        return None  # "every Friday" recurs; it dates nothing
    return dict(weekdays=_weekdays(g["wd"]), shift=_shift(g))


def _weekday_pair(g, before):
    first, last = _weekdays(g["wd1"], g["wd2"])
    return dict(weekdays=(first, last)) if first != last else None


RELATIVE_DAYS = {
    "today": 0,
    "tonight": 0,
    "overnight": -1,
    "yesterday": -1,
    "tomorrow": 1,
    "last night": -1,
    "earlier today": 0,
    "later today": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def _relative_day(g, before):
    if g.get("n"):
        return dict(offset_days=-_number(g["n"]) * UNIT_DAYS[g["u"].lower().rstrip("s")])
    words = " ".join(g["rd"].lower().split())
    if g["rd"] == "Today" and TITLE_TODAY.search(before[-40:]):
        return None
    return dict(offset_days=RELATIVE_DAYS[words])


def _relative_unit(g, before):
    unit = g["u"].lower().rstrip("s")
    if g.get("n"):
        return dict(unit=unit, shift=-_number(g["n"]))
    return dict(unit=unit, shift=_shift(g), approximate=_approximate(g))


BACKWARD = {"earlier", "before", "previously", "prior", "previous", "preceding"}


def _anchored_offset(g, before):
    if g.get("eve"):
        return dict(offset_days=-1, unit=g["eve"].lower())  # counted from that event, not the last day told
    if g.get("sd") or g.get("after"):
        return dict(offset_days=0)  # "earlier in the day", "following the talks": the anchor's own day
    unit = UNIT_DAYS[(g.get("u") or "day").lower().rstrip("s")]
    count = _number(g["n"]) if g.get("n") else 1
    direction = (g.get("dir") or g.get("which")).lower()
    if direction == "next" and unit == 7:
        return None  # "over the next week" looks ahead from the article, it is not anchored
    if direction == "same":
        if unit != 1:
            return None  # "the same week" is not a day
        count = 0
    return dict(offset_days=-count * unit if direction in BACKWARD else count * unit)


BUILDERS = {
    "date": _date,
    "date_range": _date_range,
    "month_day": _month_day,
    "month_year": _month_year,
    "month_range": _month_range,
    "month": _bare_month,
    "year": _year,
    "weekday": _weekday,
    "weekday_pair": _weekday_pair,
    "relative_day": _relative_day,
    "relative_unit": _relative_unit,
    "anchored_offset": _anchored_offset,
}
