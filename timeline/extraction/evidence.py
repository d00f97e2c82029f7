"""The evidence an article's own text and the other articles of a run give for its date.

Each function adds weighted, explained votes for candidate years (and, where it can, a day)
to a YearEvidence; reference.choose weighs them."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from .dates import sentence_direction, weekday_years
from .similarity import linked, quote_keys

DAY_FORMS = {"date", "date_range", "month_day"}
YEARLESS_DAY_FORMS = {"month_day", "date_range"}
WEEKDAY_FORMS = {"weekday", "weekday_pair"}


@dataclass
class YearEvidence:
    scores: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    reasons: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    anchors: dict[int, list[tuple[date, str, bool]]] = field(default_factory=lambda: defaultdict(list))
    floors: list[tuple[int, str]] = field(default_factory=list)

    def add(self, year, weight, reason, anchor=None, exact=False):
        self.scores[year] += weight
        self.reasons[year].append(reason)
        if anchor:
            self.anchors[year].append((anchor, reason, exact))


def _has_year(expr) -> bool:
    return expr.year is not None


def explicit_evidence(doc, window, evidence):
    for expr in doc.expressions:
        if expr.form in ("date", "date_range") and _has_year(expr) and expr.year in window:
            evidence.add(expr.year, 2.0, f"full date '{expr.text}' in the text")


def lower_bound(doc, window) -> int | None:
    """An article is not older than the latest past year it names ('since 2022', 'in February 2022')."""
    years = [e.year for e in doc.expressions if _has_year(e) and e.year <= window.stop - 1]
    return max(years) if years else None


CURRENT_WORDS = ("this week", "today", "tonight", "this month", "upcoming", "on the eve of", "ahead of")


def _keyword_sentence(doc, keyword):
    at = doc.text.lower().find(keyword.lower())
    return next((s for s in doc.sentences if s.start <= at < s.end), None)


def _is_current(sentence, keyword) -> bool:
    """Does the article speak of this as happening now or soon, rather than as background?"""
    text = sentence.text.lower()
    before = text[: text.find(keyword.lower())]
    if re.search(r"\b(?:since|after|before)\b[^.;]*$", before):
        return False  # "the first meeting since Russia invaded Ukraine"
    return sentence_direction(sentence.text) in ("present", "future") or any(w in text for w in CURRENT_WORDS)


def _day_match(doc, start, end):
    days = {(d.month, d.day) for d in (start, end)}
    return next(
        (e for e in doc.expressions if e.form in YEARLESS_DAY_FORMS and e.year is None and (e.month, e.day) in days),
        None,
    )


def calendar_evidence(doc, knowledge, window, evidence):
    """Well-known events the article names. Named as background ('since the invasion') they only
    say the article is not older; named as current, or with their day and month, they date it."""
    text = doc.text.lower()
    actor_slugs = {m.slug for m in doc.actor_mentions}
    for entry in knowledge.calendar:
        hits = [k for k in entry.keywords if k.lower() in text]
        if not hits:
            continue
        sentence = _keyword_sentence(doc, hits[0])
        end = entry.end or entry.start
        day_match = None if entry.recurs_yearly else _day_match(doc, entry.start, end)
        if not day_match and not (sentence and _is_current(sentence, hits[0])):
            if not entry.recurs_yearly:
                evidence.floors.append((entry.start.year, f"it mentions {entry.name} as past"))
            continue
        for candidate in _candidates(entry, knowledge.calendar, window):
            shared = actor_slugs & set(candidate.actor_slugs)
            weight = 1.5 + min(0.5 * len(shared), 1.5) + (3.0 if day_match else 0.0)
            if entry.recurs_yearly and candidate is entry:
                weight = 0.5  # a yearly holiday alone says nothing about the year
            day = candidate.on_day(candidate.start.year) if not candidate.recurs_yearly else None
            for year in [day.year] if day else list(window):
                anchor = day or entry.on_day(year)
                why = (
                    f"calendar: names '{hits[0]}' ({candidate.name}"
                    + (f", with {', '.join(sorted(shared))}" if shared else "")
                    + ")"
                )
                if day_match:
                    why += f", and the text's '{day_match.text}' is its date"
                evidence.add(year, weight, f"{why} → {anchor:%-d %B %Y}", anchor=None if day_match else anchor)


def _candidates(entry, calendar, window):
    """A yearly holiday stands for the dated occasions on that day and place (the 2025 parade, ...)."""
    if not entry.recurs_yearly:
        return [entry]
    same_day = [
        other
        for other in calendar
        if not other.recurs_yearly
        and other.start.year in window
        and (other.start.month, other.start.day) == (entry.start.month, entry.start.day)
        and other.location == entry.location
    ]
    return same_day or [entry]


DATELINE = re.compile(r"^[A-Z][A-Za-z.'’ -]{1,40},\s*(?:[A-Z][A-Za-z. ]{1,30},\s*)?$")


def dateline(doc):
    """'BEIJING, April 9 – ...': a wire story's own date, without its year."""
    for sentence in doc.sentences[:4]:
        for expr in doc.expressions:
            if expr.form == "month_day" and sentence.start <= expr.start < sentence.start + 60:
                if DATELINE.match(doc.text[sentence.start : expr.start]):
                    return expr, sentence
    return None, None


def add_weekday_agreement(evidence, month, day, weekday, window, weight, why) -> bool:
    """A weekday that falls on this day and month in only one year of the window pins the date."""
    years = weekday_years(month, day, weekday, window)
    if len(years) != 1:
        return False
    anchor = date(years[0], month, day)
    evidence.add(years[0], weight, f"{why} {years[0]} → {anchor:%-d %B %Y}", anchor=anchor, exact=True)
    return True


def dateline_evidence(doc, window, evidence):
    """Wire stories report the day's news under that day's dateline: a weekday in the lead that
    falls on the dateline's day in only one year of the window dates the article."""
    expr, lead = dateline(doc)
    if expr is None:
        return
    for mention in doc.mentions:
        weekday = mention.expression
        if mention.sentence.index > lead.index + 1 or weekday is None or weekday.form != "weekday":
            continue
        why = f"dateline '{expr.text}' and '{weekday.text}' in the lead agree only in"
        if add_weekday_agreement(evidence, expr.month, expr.day, weekday.weekdays[0], window, 3.0, why):
            return


def link_keys(mention):
    """Keys under which a mention can be linked: its quoted words, or its place with each pair of
    its actors. Two mentions can only be linked (see similarity.linked) if they share a key."""
    keys = quote_keys(mention)
    if mention.location:
        people = sorted(set(mention.principals))
        keys |= {("pair", mention.location, a, b) for i, a in enumerate(people) for b in people[i + 1 :]}
    return keys


def index_mentions(docs):
    index = defaultdict(list)
    for doc in docs:
        for mention in doc.mentions:
            if mention.expression is not None:
                for key in link_keys(mention):
                    index[key].append((doc, mention))
    return index


def link_evidence(doc, index, references, window, evidence):
    """Evidence from the same event reported in another article of the run."""
    for mention in doc.mentions:
        expr = mention.expression
        if expr is None or expr.year is not None:
            continue
        seen = set()
        for key in link_keys(mention):
            for other_doc, other in index.get(key, ()):
                if other_doc is doc or id(other) in seen or not linked(mention, other):
                    continue
                seen.add(id(other))
                _weekday_link(mention, other, other_doc, window, evidence)
                _dated_link(mention, other, other_doc, references, evidence)


def _weekday_link(mention, other, other_doc, window, evidence):
    mine, theirs = mention.expression, other.expression
    if mine.form in YEARLESS_DAY_FORMS and mine.year is None and theirs.form in WEEKDAY_FORMS:
        years = weekday_years(mine.month, mine.day, theirs.weekdays[0], window)
        for year in years:
            evidence.add(
                year,
                6.0 / len(years),
                f"'{mine.text}' is the '{theirs.text}' of the same event in {other_doc.origin}: "
                f"{'only' if len(years) == 1 else 'one of the years'} {year} in the window agrees",
            )
    elif mine.form in WEEKDAY_FORMS and theirs.form in YEARLESS_DAY_FORMS and theirs.year is None:
        why = f"'{mine.text}' here is '{theirs.text}' in {other_doc.origin}, which falls on that weekday only in"
        add_weekday_agreement(evidence, theirs.month, theirs.day, mine.weekdays[0], window, 6.0, why)


def _dated_link(mention, other, other_doc, references, evidence):
    if other.date is None or not references[other_doc.origin].known:
        return
    expr = mention.expression
    if (
        expr.year is None
        and expr.month
        and expr.month in {other.date.start.month, (other.date.end or other.date.start).month}
    ):
        evidence.add(
            other.date.start.year,
            4.0,
            f"'{expr.text}' reports the same event as {other_doc.origin}, dated {other.date.start.year} there",
        )
