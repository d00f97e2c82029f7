"""Dating one mention against its article's reference, honestly."""

import dataclasses
import re
from datetime import date, timedelta

from .dates import ResolvedDate, resolve
from .lexicon import NOW_TRIGGER_WORDS

SPECIFICITY = {
    "date": 5,
    "date_range": 5,
    "month_day": 5,
    "weekday": 4,
    "weekday_pair": 4,
    "relative_day": 4,
    "anchored_offset": 4,
    "relative_unit": 2,
    "month": 1,
    "month_year": 1,
    "month_range": 1,
    "year": 0,
}
ONGOING = 2  # "is in Moscow": true on the article's day, but the visit may have begun days before
RELATIVE_FORMS = {"weekday", "weekday_pair", "relative_day", "relative_unit", "anchored_offset"}


def as_month(resolved: ResolvedDate, why: str) -> ResolvedDate:
    start = resolved.start.replace(day=1)
    end_month = (resolved.end or resolved.start).replace(day=1)
    return ResolvedDate(
        start,
        None if end_month == start else _month_end(end_month),
        "month",
        f"{resolved.reasoning}; {why}, so only the month is kept",
    )


def _month_end(first: date) -> date:
    from timeline.date_labels import period_end

    return period_end(first, "month")


def _anchored(expr, trigger_start, sentence_start):
    """'The statement comes a day after the leaders pledged': the pledge is a day *before* the anchor."""
    connective = expr.text.lower().rstrip().endswith(("after", "before"))
    if connective and trigger_start + sentence_start > expr.start and expr.offset_days is not None:
        return dataclasses.replace(expr, offset_days=-expr.offset_days)
    return expr


# "Her visit began a day after she met an envoy in Malta": the day counts from the event the
# clause after the connective tells, which is not the one the article dated last.
NEW_CLAUSE = re.compile(r"\s*(?:he|she|they|it|we)\s+\w+", re.IGNORECASE)


def _counts_from_a_new_clause(mention, expr) -> bool:
    if not expr.text.lower().rstrip().endswith(("after", "before")):
        return False
    text, start = mention.sentence.text, mention.sentence.start
    return mention.trigger_start + start < expr.start and bool(NEW_CLAUSE.match(text, expr.end - start))


def _shifted_range(expr, anchor: ResolvedDate) -> ResolvedDate:
    """'On the same day' after 'last week' is as uncertain as 'last week': shift the whole range."""
    shift = timedelta(days=expr.offset_days)
    start, end = anchor.start + shift, anchor.end + shift
    return ResolvedDate(
        start,
        end,
        "day",
        f"'{expr.text}' counted from the range {anchor.reasoning.split(' → ')[-1]} "
        f"→ {start:%-d %B} – {end:%-d %B %Y}, no narrower",
    )


def _happening_now(mention) -> bool:
    trigger = mention.trigger.lower().strip()
    return mention.direction == "present" and trigger.startswith(NOW_TRIGGER_WORDS)


def with_duration(mention) -> ResolvedDate | None:
    """'Arrived on Monday for a two-day visit': the visit runs from that day for two days."""
    resolved = mention.date
    if resolved is None or not mention.duration_days or mention.kind not in ("visit", "summit", "meeting"):
        return resolved
    if resolved.precision != "day" or resolved.end is not None:
        return resolved
    end = resolved.start + timedelta(days=mention.duration_days - 1)
    return ResolvedDate(
        resolved.start,
        end,
        "day",
        f"{resolved.reasoning}; a {mention.duration_days}-day {mention.kind} → to {end:%-d %B %Y}",
    )


def _window_one_month(reference) -> bool:
    """'Wang is in Moscow', written some day between April 1 and May 9: which month is not known."""
    first = reference.earliest
    return first is None or (first.year, first.month) == (reference.day.year, reference.day.month)


def _the_named_day(expr, direction, reference) -> ResolvedDate | None:
    """'The minister was received in Moscow on 4 March. ... The two met on Tuesday': written
    after that Tuesday, the first day of its window, 'on Tuesday' is that very day."""
    first = reference.earliest
    if first is None or expr.form != "weekday" or direction != "past" or first.weekday() not in expr.weekdays:
        return None
    why = f"'{expr.text}' is the weekday of {first:%-d %B %Y}, the last day the text names as past"
    return ResolvedDate(first, None, "day", why)


def _one_month(expr, direction, reference, resolved) -> bool:
    """Written some day between two dates the text gives ('April 1' past, 'May 9' to come), 'on
    Tuesday' is a Tuesday of that window: only when the whole window gives it one month is the month
    known. Read against the window's first day, it must fall in the same month as against its last."""
    if reference.earliest is None:
        return True
    early = resolve(expr, reference.earliest, direction=direction)
    return early is not None and (early.start.year, early.start.month) == (resolved.start.year, resolved.start.month)


def date_mention(mention, reference, anchor: ResolvedDate | None) -> tuple[ResolvedDate | None, int]:
    """(date, specificity) for a mention, or (None, 0) when the text does not support one."""
    expr = mention.expression
    day = reference.day
    if expr is None:
        if _happening_now(mention) and day and _window_one_month(reference):
            resolved = ResolvedDate(
                day, None, "day", f"present tense '{mention.trigger}' → the article's date, {day:%-d %B %Y}"
            )
            return (
                (as_month(resolved, "the article's own date is approximate"), 1)
                if reference.approximate
                else (resolved, ONGOING)
            )
        return None, 0
    if expr.form == "anchored_offset":
        if _counts_from_a_new_clause(mention, expr):
            return None, 0
        expr = _anchored(expr, mention.trigger_start, mention.sentence.start)
        ranged = anchor is not None and anchor.end and anchor.precision == "day"
        if ranged and expr.offset_days is not None and not expr.unit:
            return _shifted_range(expr, anchor), SPECIFICITY["relative_unit"]
    resolved = resolve(expr, day, direction=mention.direction, anchor=anchor, year=None if day else reference.year)
    if resolved is None:
        return None, 0
    specificity = SPECIFICITY.get(expr.form, 0)
    if reference.approximate and expr.form in RELATIVE_FORMS and resolved.precision == "day":
        if (same := _the_named_day(expr, mention.direction, reference)) is not None:
            return same, SPECIFICITY["weekday"]
        if not _one_month(expr, mention.direction, reference, resolved):
            return None, 0
        return as_month(resolved, "the article's own date is approximate"), 1
    if expr.form == "relative_unit" and resolved.precision != "day":
        specificity = 0
    if expr.form == "relative_unit" and expr.unit in ("week", "weekend"):
        # Our convention: "last week" is asserted only to the month (a reader cannot check the week).
        return as_month(resolved, "a week is not a day"), 1
    return resolved, specificity
