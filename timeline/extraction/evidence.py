"""The evidence an article's own text and the other articles of a run give for its date.

Each function adds weighted, explained votes for candidate years (and, where it can, a day)
to a YearEvidence; reference.choose weighs them."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from .dates import sentence_direction, weekday_years
from .similarity import linked_for_dating as linked
from .similarity import quote_keys

DAY_FORMS = {"date", "date_range", "month_day"}
YEARLESS_DAY_FORMS = {"month_day", "date_range"}
WEEKDAY_FORMS = {"weekday", "weekday_pair"}


@dataclass
class YearEvidence:
    scores: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    reasons: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    anchors: dict[int, list[tuple[date, str, bool]]] = field(default_factory=lambda: defaultdict(list))
    floors: list[tuple[int, str]] = field(default_factory=list)
    floor_days: list[date] = field(default_factory=list)  # the last days of what it names as past

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
    """An article is not older than the latest past year it names ('since 2022', 'in February 2022').
    Page chrome after its last event (related headlines, footers) is not the article."""
    body_end = max((m.sentence.end for m in doc.mentions), default=len(doc.text))
    years = [e.year for e in doc.expressions if _has_year(e) and e.year <= window.stop - 1 and e.start < body_end]
    return max(years) if years else None


THIS_YEAR = re.compile(r"\bthis year\b", re.IGNORECASE)
CURRENT_WORDS = ("this week", "today", "tonight", "this month", "upcoming", "on the eve of", "ahead of")


STOP_WORDS = {"the", "of", "in", "a", "an", "on", "and", "for", "with", "between", "to", "at"}


def _tokens(text) -> list[str]:
    """Words, a possessive read as its name: 'Putin's state visit to China' is named by 'Putin is on
    a state visit to China' as well."""
    return [re.sub(r"'s$", "", w) for w in re.findall(r"[\w'-]+", text.lower().replace("’", "'"))]


def keyword_words(keyword) -> list[str]:
    return [w for w in _tokens(keyword) if w not in STOP_WORDS]


def keyword_sentence(sentences, tokens, keyword):
    """The first sentence naming the keyword: a keyword of one or two words as written, a longer
    one by all its words ('Samarkand for the SCO summit' names the 'SCO summit in Samarkand').
    `tokens` holds each sentence's words, read once per article."""
    words = keyword_words(keyword)
    if not words:
        return None
    # "Putin's state visit to China" is one phrase: its words stand close together, or it is not named.
    possessive = re.search(r"['’]s\b", keyword)
    match = _close_together if possessive else lambda content, wanted: set(wanted) <= set(content)
    for sentence, found in zip(sentences, tokens, strict=True):
        content = [w for w in found if w not in STOP_WORDS]  # "summit in Tianjin" as the keyword reads it
        if _as_written(content, words) if len(words) <= 2 else match(content, words):
            return sentence
    return None


KEYWORD_SLACK = 4  # other words that may stand among a long keyword's ('Putin is on a state visit to China')


def _close_together(tokens, words) -> bool:
    """Every word of the keyword, in any order, within a stretch not much longer than the keyword:
    a long sentence that names 'Putin', 'state visit' and 'China' far apart does not name Putin's
    state visit to China."""
    wanted, reach = set(words), len(set(words)) + KEYWORD_SLACK
    if not wanted <= set(tokens):
        return False
    positions = [(i, w) for i, w in enumerate(tokens) if w in wanted]
    for start, (i, _) in enumerate(positions):
        seen = {w for j, w in positions[start:] if j - i < reach}
        if seen == wanted:
            return True
    return False


def _as_written(tokens, words) -> bool:
    return any(tokens[i : i + len(words)] == words for i in range(len(tokens) - len(words) + 1))


CALENDAR_WEEKDAY_WEIGHT = 4.0  # a named calendar day and a weekday that agree
PAGE_DATE_WEIGHT = 5.0  # a date at the head of the page, as its publication date
LEAD_SENTENCES = 4  # a weekday in the first sentences is the day of the article's news
NEAR_WORDS = ("weekday", "weekday_pair", "relative_day")


def _is_current(doc, sentence, keyword) -> bool:
    """Is it named as the news, rather than as background? News of the day names a weekday or
    'yesterday' beside it, or speaks of it in the present or future; 'since' makes it background."""
    if _background(sentence, keyword):
        return False
    text = sentence.text.lower()
    near = any(sentence.start <= e.start < sentence.end and e.form in NEAR_WORDS for e in doc.expressions)
    just_done = re.search(r"\b(?:has|have)\s+\w+ed\b", text)
    tense = sentence_direction(sentence.text) in ("present", "future")
    return bool(near or just_done or tense or any(w in text for w in CURRENT_WORDS))


def _background(sentence, keyword) -> bool:
    text = sentence.text.lower().replace("’", "'")
    at = min((text.find(w) for w in keyword_words(keyword) if w in text), default=0)
    return bool(re.search(r"\b(?:since|after|before|ahead of|amid|following|prior to)\b[^.;,]*$", text[:at]))


def _day_match(doc, start, end):
    days = {(d.month, d.day) for d in (start, end)}
    return next(
        (e for e in doc.expressions if e.form in YEARLESS_DAY_FORMS and e.year is None and (e.month, e.day) in days),
        None,
    )


def calendar_evidence(doc, knowledge, window, evidence):
    """Well-known events the article names. Named as background ('since the invasion') they only
    say the article is not older; named as current, or with their day and month, they date it."""
    actor_slugs = {m.slug for m in doc.actor_mentions}
    tokens = [_tokens(sentence.text) for sentence in doc.sentences]
    sharing = Counter(k for e in knowledge.calendar if not e.recurs_yearly for k in e.keywords)
    for entry in knowledge.calendar:
        named = ((k, keyword_sentence(doc.sentences, tokens, k)) for k in entry.keywords)
        keyword, sentence = next(((k, s) for k, s in named if s is not None), (None, None))
        if keyword is None:
            continue
        shared_by = max(1, sharing[keyword])  # "video call between Xi and Putin" names several
        day_match = None if entry.recurs_yearly else _day_match(doc, entry.start, entry.end or entry.start)
        current = _is_current(doc, sentence, keyword)
        # "The two countries are this year marking the 75th anniversary": the year, not its day.
        this_year = not current and not _background(sentence, keyword) and THIS_YEAR.search(sentence.text)
        # Still to come, it agrees only with a weekday beside it ("will meet in Astana on Wednesday"),
        # and it dates the year but not the day: the article precedes it.
        ahead = sentence_direction(sentence.text) == "future"
        if not _background(sentence, keyword) and _weekday_agrees(doc, sentence, entry, window, evidence, ahead):
            continue
        if not entry.recurs_yearly and _weekday_after(doc, sentence, keyword, entry, evidence):
            continue
        if not day_match and not current and not this_year:
            if not entry.recurs_yearly and shared_by == 1:
                evidence.floors.append((entry.start.year, f"it mentions {entry.name} as past"))
                evidence.floor_days.append(entry.end or entry.start)
            continue
        if shared_by > 1 and not day_match:
            continue  # "a phone call between Xi and Putin" names a kind of event, one of many, not this one
        for candidate in _candidates(entry, knowledge.calendar, window):
            shared = actor_slugs & set(candidate.actor_slugs)
            weight = (1.5 + min(0.5 * len(shared), 1.5) + (3.0 if day_match else 0.0)) / shared_by
            if entry.recurs_yearly and candidate is entry:
                weight = 0.5  # a yearly holiday alone says nothing about the year
            day = candidate.on_day(candidate.start.year) if not candidate.recurs_yearly else None
            for year in [day.year] if day else list(window):
                anchor = day or entry.on_day(year)
                why = (
                    f"calendar: names '{keyword}' ({candidate.name}"
                    + (f", with {', '.join(sorted(shared))}" if shared else "")
                    + ")"
                )
                if day_match:
                    why += f", and the text's '{day_match.text}' is its date"
                if ahead:
                    why += ", still to come"
                if this_year:
                    why += ", named as this year's"
                fixes_day = not (day_match or ahead or this_year)
                evidence.add(year, weight, f"{why} → {anchor:%-d %B %Y}", anchor=anchor if fixes_day else None)


def _weekday_agrees(doc, sentence, entry, window, evidence, beside_only=False) -> bool:
    """'Russia's annual Victory Day parade on Friday': 9 May is a Friday in one year of the window
    only, so the article is of that week. A dated event's own weekday dates the article to it. The
    weekday may stand in the same sentence or in the lead."""
    lead_end = doc.sentences[min(LEAD_SENTENCES, len(doc.sentences)) - 1].end
    for expr in doc.expressions:
        near = sentence.start <= expr.start < sentence.end or (expr.start < lead_end and not beside_only)
        if not near or expr.form != "weekday":
            continue
        if not entry.recurs_yearly:
            if expr.weekdays[0] == entry.start.weekday():
                why = f"calendar: names '{entry.name}', and the text's '{expr.text}' is its weekday"
                evidence.add(
                    entry.start.year, CALENDAR_WEEKDAY_WEIGHT, f"{why} → {entry.start:%-d %B %Y}", entry.start, True
                )
                return True
            continue
        why = f"calendar: names '{entry.name}' on a {expr.text.split()[0]}, which agree only in"
        month, day = entry.start.month, entry.start.day
        if add_weekday_agreement(evidence, month, day, expr.weekdays[0], window, CALENDAR_WEEKDAY_WEIGHT, why):
            return True
    return False


FOLLOWED = re.compile(r"\b(?:followed|follows|came after|comes after|on the heels of)\s+(?:[\w-]+\s+){0,4}$", re.I)
DAYS_AFTER = 3  # "the talks followed the summit": within days of its end


def _weekday_after(doc, sentence, keyword, entry, evidence) -> bool:
    """'The leaders held talks on Tuesday. The talks followed a regional summit the calendar knows': the lead's
    weekday is the first such day just after the named event ends, in the event's year."""
    text = sentence.text.lower().replace("’", "'")
    at = min((text.find(w) for w in keyword_words(keyword) if w in text), default=-1)
    if at < 0 or not FOLLOWED.search(sentence.text[:at]):
        return False
    lead_end = doc.sentences[min(LEAD_SENTENCES, len(doc.sentences)) - 1].end
    end = entry.end or entry.start
    for expr in doc.expressions:
        if expr.form != "weekday" or expr.start >= lead_end:
            continue
        after = next(
            (
                end + timedelta(days=k)
                for k in range(1, DAYS_AFTER + 1)
                if (end + timedelta(days=k)).weekday() == expr.weekdays[0]
            ),
            None,
        )
        if after is not None:
            why = f"calendar: '{expr.text}' follows '{entry.name}', which ended {end:%-d %B %Y}"
            evidence.add(after.year, CALENDAR_WEEKDAY_WEIGHT, f"{why} → {after:%-d %B %Y}", after, True)
            evidence.floors.append((end.year, f"it mentions {entry.name} as past"))
            evidence.floor_days.append(end)
            return True
    return False


def page_date_evidence(doc, window, evidence):
    """A full date on a short line at the head of a page ('24 February 2025 - 13:13') is the date
    the page was published."""
    for expr in doc.expressions:
        if expr.start > HEAD_CHARS:
            break
        if expr.form != "date" or expr.year not in window:
            continue
        line_start = doc.text.rfind("\n", 0, expr.start) + 1
        line_end = doc.text.find("\n", expr.end)
        line = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)]
        clock = CLOCK.match(doc.text, expr.end)  # "24 February 2025 - 13:13 By ..."
        # "Mar 30, 2022 • 1 hour ago • 2 minute read": a byline strip that opens with the date.
        strip = expr.start == line_start and CHROME_SEPARATOR.match(doc.text, expr.end)
        if len(line.split()) <= HEAD_LINE_WORDS or clock or strip:
            day = date(expr.year, expr.month, expr.day)
            why = f"'{expr.text}' stands at the head of the page: its date"
            evidence.add(expr.year, PAGE_DATE_WEIGHT, why, day, True)
            return


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


HEAD_CHARS = 400
LINK_WEIGHT = 3.0  # a weekday agreeing with another report: the same two leaders meet every year
HEAD_LINE_WORDS = 12
CLOCK = re.compile(r"\s*[-|/,]?\s*\d{1,2}:\d\d\b")
CHROME_SEPARATOR = re.compile(r"\s*[•|·]")
DATELINE = re.compile(r"^[A-Z][A-Za-z.'’ -]{1,40},\s*(?:[A-Z][A-Za-z. ]{1,30},\s*)?$")


def dateline(doc):
    """'BEIJING, April 9 – ...': a wire story's own date, without its year."""
    for sentence in doc.sentences[:4]:
        for expr in doc.expressions:
            if expr.form == "month_day" and sentence.start <= expr.start < sentence.start + 60:
                if DATELINE.match(doc.text[sentence.start : expr.start]):
                    return expr, sentence
    return None, None


WEEKDAY_DATE_WEIGHT = 4.0  # "on Monday, December 26": the text names both, so its own calendar must agree


def weekday_date_evidence(doc, window, evidence):
    """'Peskov said at a briefing on Monday, December 26', 'on Thursday and Friday (May 16-17)': a
    day and month with their weekday fall together in only one year of the window, whatever the
    article's date."""
    for expr, weekday in _days_with_weekdays(doc):
        years = weekday_years(expr.month, expr.day, weekday, window)
        if len(years) == 1:
            evidence.add(years[0], WEEKDAY_DATE_WEIGHT, f"'{expr.text}' falls on its weekday only in {years[0]}")


def _days_with_weekdays(doc):
    exprs = doc.expressions
    for i, expr in enumerate(exprs):
        if expr.form == "month_day" and expr.year is None and len(expr.weekdays) == 1:
            yield expr, expr.weekdays[0]
        elif expr.form in WEEKDAY_FORMS and i + 1 < len(exprs):
            after = exprs[i + 1]
            beside = re.fullmatch(r"[\s,(]{1,3}", doc.text[expr.end : after.start])
            if beside and after.form in YEARLESS_DAY_FORMS and after.year is None:
                yield after, expr.weekdays[0]


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


TERM_WEIGHT = 2.5  # titles held for part of the window, and the dateline's day falls in only one year
TITLE_REACH = 100  # characters before a name where its title stands ("Security Council Secretary ...")
NOT_CURRENT_TITLE = re.compile(r"\b(?:former|ex|then|late|outgoing|incoming)\b", re.IGNORECASE)


def term_evidence(doc, knowledge, window, evidence):
    """'BEIJING, September 18. /TASS/. ... Foreign Minister Wang Yi ... Security Council Secretary
    Nikolai Patrushev': each title is held only for part of the window (the reference data gives
    the terms), so the dateline's day falls within all of them in fewer years, perhaps one."""
    line, _ = dateline(doc)
    if line is None:
        return
    years, titles, previous_end = set(window), [], 0
    for mention in sorted(doc.actor_mentions, key=lambda m: m.start):
        actor = knowledge.actors.get(mention.slug)
        if actor is None or actor.kind != "person":
            continue  # "Commission of China, Chinese Foreign Minister Wang Yi": a country ends no title
        before = doc.text[max(previous_end, mention.start - TITLE_REACH) : mention.start]
        previous_end = max(previous_end, mention.end)
        if NOT_CURRENT_TITLE.search(before):
            continue
        words = set(re.findall(r"[a-z]+", before.lower()))
        for term in actor.terms:
            if term.title_words <= words:
                years = {y for y in years if (day := _valid_day(y, line)) and term.holds(day)}
                titles.append(f"{actor.name} as {' '.join(sorted(term.title_words))}")
    if titles and len(years) == 1:
        year = years.pop()
        why = f"the dateline '{line.text}' falls within the terms of {', '.join(dict.fromkeys(titles))} only in"
        evidence.add(year, TERM_WEIGHT, f"{why} {year}")


def _valid_day(year, expr):
    try:
        return date(year, expr.month, expr.day)
    except ValueError:
        return None


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
                LINK_WEIGHT / len(years),
                f"'{mine.text}' is the '{theirs.text}' of the same event in “{other_doc.display_title}”: "
                f"{'only' if len(years) == 1 else 'one of the years'} {year} in the window agrees",
            )
    elif mine.form in WEEKDAY_FORMS and theirs.form in YEARLESS_DAY_FORMS and theirs.year is None:
        elsewhere = other_doc.display_title
        why = f"'{mine.text}' here is '{theirs.text}' in “{elsewhere}”, which falls on that weekday only in"
        add_weekday_agreement(evidence, theirs.month, theirs.day, mine.weekdays[0], window, LINK_WEIGHT, why)


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
            f"'{expr.text}' reports the same event as “{other_doc.display_title}”, dated {other.date.start.year} there",
        )
