"""Working out each article's reference date: the day its relative words
('on Monday', 'this week') are read against.

Given a publication date, that is the answer. Otherwise the date is inferred
from evidence, and every step is recorded: full dates in the text, years it
mentions, well-known events from the calendar it names, and the other articles
of the same run (a weekday here that agrees with a day and month there in only
one year; the same quoted words dated elsewhere). Weak or conflicting evidence
lowers the confidence; no evidence leaves the date unknown."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from .dates import resolve
from .evidence import (
    DAY_FORMS,
    YearEvidence,
    calendar_evidence,
    dateline,
    dateline_evidence,
    explicit_evidence,
    index_mentions,
    link_evidence,
    lower_bound,
    page_date_evidence,
    term_evidence,
    weekday_date_evidence,
)


@dataclass
class Reference:
    day: date | None = None
    year: int | None = None
    approximate: bool = False  # known only to within days or weeks (from the calendar)
    earliest: date | None = None  # when approximate: the first day it can have been written
    confidence: float = 0.0
    reasons: list[str] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.day is not None or self.year is not None

    @property
    def note(self) -> str:
        return "; ".join(self.reasons)


def choose(doc, evidence, window) -> Reference:
    floors = [(y, f"the text names {y}") for y in [lower_bound(doc, window)] if y] + evidence.floors
    floor, floor_reason = max(floors) if floors else (None, "")
    candidates = {y: s for y, s in evidence.scores.items() if s > 0 and (floor is None or y >= floor)}
    if not candidates:
        return _dateline_in_floor_year(doc, floor, floor_reason, evidence, window) or Reference(
            reasons=["no evidence for the article's date: relative dates stay unresolved"]
        )
    ranked = sorted(candidates.items(), key=lambda item: (-item[1], item[0]))
    year, score = ranked[0]
    margin = score - (ranked[1][1] if len(ranked) > 1 else 0.0)
    if margin <= 0:
        return Reference(reasons=[f"conflicting evidence: {', '.join(str(y) for y, _ in ranked[:3])} equally likely"])
    reasons = list(dict.fromkeys(evidence.reasons[year]))
    if floor:
        reasons.append(f"{floor_reason}, so it is not older than {floor}")
    if len(ranked) > 1:
        reasons.append(f"weaker evidence for {', '.join(str(y) for y, _ in ranked[1:3])}")
    confidence = round(min(0.95, 0.35 + 0.1 * margin), 2)
    return _pick_day(doc, year, evidence.anchors.get(year, []), reasons, confidence)


def _dateline_in_floor_year(doc, floor, floor_reason, evidence, window) -> Reference | None:
    """'MOSCOW, March 14. /TASS/.', with nothing to date it but the latest year it names as past: a
    wire story tells the day's news and names what led up to it, so its dateline is read in that
    year, if it falls after every dated thing the article names as past in it. Weak, and said so."""
    line, _ = dateline(doc)
    if line is None or floor is None or floor not in window:
        return None
    day = _valid(floor, line.month, line.day)
    if day is None or any(past > day for past in evidence.floor_days):
        return None
    why = f"{floor_reason}, and nothing else dates it: its dateline '{line.text}' is read in {floor}"
    return Reference(day=day, year=floor, confidence=0.3, reasons=[why])


def _pick_day(doc, year, anchors, reasons, confidence) -> Reference:
    """A day within the chosen year: after every day the article reports as past and not after
    any day it speaks of as still to come. When those leave a gap of more than a week, or the day
    comes only from the calendar, the reference is approximate and relative words keep only the month.
    A wire story's dateline ('MOSCOW, March 14. /TASS/.') is the day of its news: it wins."""
    line, _ = dateline(doc)
    if line is not None and (day := _valid(year, line.month, line.day)):
        reasons.append(f"relative words read against its dateline '{line.text}', {day:%-d %B %Y}")
        return Reference(day=day, year=year, confidence=confidence, reasons=reasons)
    past, future = [], []
    for mention in doc.mentions:
        expr = mention.expression
        if expr is None or expr.form not in DAY_FORMS or (expr.year not in (None, year)):
            continue
        resolved = resolve(expr, None, direction=mention.direction, year=year)
        if resolved:
            (future if mention.direction == "future" else past).append((resolved.start, f"'{expr.text}'"))
    past += [(day, "the date found above") for day, why, exact in anchors if exact]
    if past or future:
        latest_past, earliest_future = max(past) if past else None, min(future) if future else None
        day, words = earliest_future or latest_past
        approximate = bool(latest_past and earliest_future and (earliest_future[0] - latest_past[0]).days > 7)
        if approximate:
            reasons.append(
                f"written between {latest_past[0]:%-d %B} ({latest_past[1]}) and {day:%-d %B %Y} ({words}): "
                "relative words keep only the month"
            )
            confidence = min(confidence, 0.6)
        elif not past and _next_week(doc):
            # "They will meet next week": the article is of the week before the day still to come.
            day = earliest_future[0] - timedelta(days=earliest_future[0].weekday() + 1)
            reasons.append(
                f"{words} is 'next week', so relative words are read against the week before, to {day:%-d %B %Y}"
            )
        else:
            reasons.append(f"relative words read against {day:%-d %B %Y} ({words})")
        earliest = latest_past[0] if approximate else None
        return Reference(
            day=day, year=year, approximate=approximate, earliest=earliest, confidence=confidence, reasons=reasons
        )
    if anchors:
        day, why, _ = anchors[0]
        reasons.append(f"so the article is from around {day:%-d %B %Y}: only the month is certain")
        return Reference(day=day, year=year, approximate=True, confidence=min(confidence, 0.5), reasons=reasons)
    return Reference(year=year, confidence=confidence, reasons=reasons)


def _next_week(doc) -> bool:
    """Does the article say that what it tells as still to come happens 'next week'?"""
    return any(
        e.form == "relative_unit" and e.unit == "week" and e.shift == 1 and m.sentence.start <= e.start < m.sentence.end
        for m in doc.mentions
        if m.direction == "future"
        for e in doc.expressions
    )


def _valid(year, month, day) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_references(docs, knowledge, window, date_mentions, rounds: int = 4) -> dict[str, Reference]:
    """Reference per article origin. `date_mentions(doc, reference)` dates a document's mentions
    so that later rounds can use them as evidence for the others."""
    references: dict[str, Reference] = {}
    for doc in docs:
        if doc.published:
            references[doc.origin] = Reference(
                day=doc.published,
                year=doc.published.year,
                confidence=1.0,
                reasons=["publication date given in sources.toml"],
            )
            date_mentions(doc, references[doc.origin])
    index = index_mentions(docs)
    for _ in range(rounds):
        changed = False
        for doc in docs:
            if doc.origin in references and references[doc.origin].known:
                continue
            evidence = YearEvidence()
            explicit_evidence(doc, window, evidence)
            dateline_evidence(doc, window, evidence)
            weekday_date_evidence(doc, window, evidence)
            page_date_evidence(doc, window, evidence)
            calendar_evidence(doc, knowledge, window, evidence)
            term_evidence(doc, knowledge, window, evidence)
            link_evidence(doc, index, references, window, evidence)
            reference = choose(doc, evidence, window)
            references[doc.origin] = reference
            if reference.known:
                date_mentions(doc, reference)
                changed = True
        if not changed:
            break
    for doc in docs:
        if not references[doc.origin].known:
            date_mentions(doc, references[doc.origin])  # words with their own year still date themselves
    return references
