"""Finding event mentions in one sentence: what happened, who took part, and which time words
belong to it. The sentence is read as frames of saying (frames.py) around the events they report
(triggers.py): a frame with time words of its own is a statement of its speaker; the events it
reports are dated by their own time words, never by the frame's."""

import re
from dataclasses import dataclass, field

from . import lexicon
from .clauses import alternatives, clause_bounds, clause_of, inside, quote_spans, shifted
from .dates import HOLIDAY, TimeExpression, direction_at, sentence_direction
from .frames import NOT_A_DATE_LEAD, find_frames, more_specific_neighbour
from .text import Sentence
from .triggers import DETERMINER, EVENT_NOUNS, PHONE_RE, find_triggers

# "delivered a message from Russian President [Vladimir Putin]": the sender is not there.
ABSENT = re.compile(r"\b(?:" + "|".join(lexicon.ABSENT_MARKERS) + r")\s+(?:[\w\[.'’-]+\s+){0,3}\[?$", re.IGNORECASE)
JOINT_RE = re.compile(alternatives(lexicon.JOINT_CUES), re.I)
BACKGROUND_START = re.compile(r"^[,\s]*(?:" + "|".join(lexicon.BACKGROUND_OPENERS) + r")\s", re.IGNORECASE)
# "confirmed the meeting": words about an event the article already told.
REFERS_BACK = re.compile(rf"\b{DETERMINER}\s+(?:[a-z][\w-]*\s+)?{EVENT_NOUNS}")
# "This is what Peskov said on Monday": what was said is the sentence before.
SAYS_PREVIOUS = re.compile(r"^\W*(?:this|that|such)\s+(?:is|was)\s+(?:what|how)\s", re.IGNORECASE)
# "Putin said at a meeting with Han Zheng", "said Wang Yi during a meeting with Rudenko on
# Wednesday": the meeting is where the words were said; whoever said them took part in it.
SAID_AT = re.compile(
    r"\b(?:" + "|".join(lexicon.SPEECH_VERBS) + r")\b(?:(?!\bthat\b)[^.,;:“”\"]){0,80}?"
    r"\b(?:at|during|in)\s+(?:a|an|the|their|his|her)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
INTENDED = re.compile(r"\b(?:propos\w*|expect\w*|hop\w*|want\w*|wish\w*|plan\w*|intend\w*|seek\w*)\s+to\s+$", re.I)
RELATIVE_START = re.compile(r"^[,\s]*who\s", re.IGNORECASE)
PARTICIPLE_START = re.compile(r"^[,\s]*(?:while|when|after|before|as)\s+\w+ing\b", re.IGNORECASE)
OWN_DATE_FORMS = {"date", "date_range", "month_day", "weekday", "weekday_pair", "relative_day"}
POSSESSED = re.compile(r"['’]s\s+((?:[\w-]+\s+){0,2}[\w-]+)")
# "Xi's visit", "Lavrov's plane landed": what a possessive may own and still take part in.
OWNED_EVENT = re.compile(EVENT_NOUNS + r"|^(?:" + "|".join(lexicon.OWNED_BY_A_PARTICIPANT) + ")", re.IGNORECASE)
DURATION = re.compile(r"\b(two|three|four|five|six|seven|\d)-day\b", re.IGNORECASE)
DURATION_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
ENCOUNTER_KINDS = set(lexicon.ENCOUNTER_KINDS)


@dataclass
class Mention:
    origin: str
    sentence: Sentence
    kind: str
    trigger: str
    actors: list[str]  # slugs in order of appearance: who took part (or, for a statement, who spoke)
    location: str | None  # place slug
    expression: TimeExpression | None
    direction: str
    quotes: tuple[str, ...]
    trigger_start: int
    date: object = None  # ResolvedDate once dated
    specificity: int = 0
    weak: bool = False  # no principal named: never an event alone
    principals: list[str] = field(default_factory=list)  # the actors that are not states
    people: list[str] = field(default_factory=list)  # the principals that are persons
    reference_day: object = None  # the date of the article it comes from, when known
    about: list[str] = field(default_factory=list)  # for a statement: who it speaks of
    gist: str = ""  # for a statement: what was said, in the sentence's words
    outlet_speaker: bool = False  # a news outlet "said": the real speaker is whom it quotes
    duration_days: int | None = None  # "a three-day visit"
    joint: bool = False  # third parties took part together with both sides
    where: str = ""  # the country it happens in, from its place or "a visit to China"
    reported_by: list[str] = field(default_factory=list)  # who said or reported it (not a participant)
    anchored_to: object = None  # the mention whose day "following the talks" counts from
    speaker_count: int = 1  # "Xi and Putin declared": the first actors who spoke
    people_countries: set = field(default_factory=set)  # the countries of its people, once known
    speaker_countries: set = field(default_factory=set)
    about_people: list[str] = field(default_factory=list)  # the persons a statement speaks of
    refers_back: bool = False  # a statement about "the meeting" already told
    says_previous: bool = False  # "This is what Peskov said ...": the words are the sentence before
    article: str = ""  # the title of its article, as reasons name it for readers

    @property
    def group(self) -> str:
        return "encounter" if self.kind in ENCOUNTER_KINDS else self.kind


def sentence_mentions(origin, sentence: Sentence, actors, places, expressions, lookup) -> tuple[list[Mention], str]:
    """The events a sentence reports, and a line saying why (for `extract_events --explain`)."""
    text, offset = sentence.text, sentence.start
    quotes = quote_spans(text)
    local = [(a.start - offset, a.end - offset, a.slug) for a in actors if not inside(quotes, a.start - offset)]
    exprs = [shifted(e, -offset) for e in expressions if not inside(quotes, e.start - offset)]
    triggers, back = find_triggers(text, quotes)
    frames = find_frames(text, local, exprs, quotes, [t.start for t in triggers])
    triggers = triggers + [t for t in back if _own_time(text, t, exprs)]
    claimed = {id(f.expression) for f in frames if f.expression is not None and not (f.reporting or f.shares_time)}
    free_exprs = [e for e in exprs if id(e) not in claimed]
    attribution = [(f.start, f.end, f.content) for f in frames]
    clauses = clause_bounds(text)
    everyone = [(a.start - offset, a.end - offset, a.slug) for a in actors]
    context = SentenceContext(
        origin, sentence, local, places, free_exprs, quotes, clauses, attribution, lookup, everyone
    )
    mentions = [m for m in _event_mentions(context, triggers) if m is not None]
    for mention in mentions:
        at = mention.trigger_start  # both relative to the sentence
        mention.reported_by = [f.speaker for f in frames if f.speaker and f.content[0] <= at < f.content[1]]
    statements = [m for m in (_statement(context, f) for f in frames) if m is not None]
    statements = [s for s in statements if not _said_during(s, mentions)]
    if statements:
        for mention in mentions:
            mention.quotes = ()  # the quoted words are the statement's, not the meeting's or visit's
    mentions += statements
    if not mentions:
        why = "no event word" if not triggers and not frames else "no event with a named actor or date"
        return [], why
    return mentions, "; ".join(f"{m.kind} ({m.trigger!r})" for m in mentions)


@dataclass
class SentenceContext:
    origin: str
    sentence: Sentence
    actors: list  # (start, end, slug) relative to the sentence
    places: list
    expressions: list  # time words not claimed by a frame of saying
    quotes: list
    clauses: list
    attribution: list  # spans of frames of saying: who said or reported, not who took part
    lookup: object
    all_actors: list  # quoted names too: what a statement speaks of

    @property
    def text(self):
        return self.sentence.text


def _event_mentions(ctx, triggers) -> list:
    """The main event of the sentence, plus any other with time words of its own."""
    ranked = sorted(triggers, key=lambda t: (_background(ctx, t), _intended(ctx, t), t.noun, t.start))
    chosen, used_expressions = [], set()
    for trigger in ranked:
        expression = _time_expression(ctx, trigger)
        key = id(expression) if expression is not None else None
        if chosen and (expression is None or key in used_expressions):
            continue
        mention = _event(ctx, trigger, expression)
        if mention is None:
            continue
        chosen.append(mention)
        if key is not None:
            used_expressions.add(key)
    return chosen


def _said_at(ctx, trigger) -> bool:
    return trigger.noun and bool(SAID_AT.search(ctx.text[: trigger.start]))


def _intended(ctx, trigger) -> bool:
    """'I propose to hold a meeting,' he said at a meeting with Han': the meeting that took place
    tells the sentence's event before the one only wished for."""
    return bool(INTENDED.search(ctx.text[: trigger.start]))


def _background(ctx, trigger) -> bool:
    clause = clause_of(ctx.clauses, trigger.start)
    return bool(BACKGROUND_START.match(ctx.text[clause[0] : clause[1]]))


def _time_expression(ctx, trigger) -> TimeExpression | None:
    text = ctx.text
    clause = clause_of(ctx.clauses, trigger.start)
    usable = [
        e
        for e in ctx.expressions
        if clause[0] <= e.start < clause[1]
        and (e.unit != HOLIDAY or _names(text, e, trigger))
        and not NOT_A_DATE_LEAD.search(text[: e.start])
        and (not inside(ctx.attribution, e.start) or _said_at(ctx, trigger))
    ]
    if not usable:
        return None
    after = [e for e in usable if e.start >= trigger.start]
    chosen = min(after, key=lambda e: e.start) if after else max(usable, key=lambda e: e.start)
    fronted = [e for e in usable if e.start < trigger.start and _fronted(text, clause[0], e)]
    if after and fronted and "," in text[trigger.end : chosen.start]:
        chosen = fronted[0]  # "In late December, Putin held a call, inviting Xi ... in the spring of 2023"
    return more_specific_neighbour(text, chosen, usable)


def _names(text, holiday, trigger) -> bool:
    """'the Victory Day parade': a holiday's name dates the event noun it stands before, nothing else."""
    if trigger.start <= holiday.start and holiday.end <= trigger.end:
        return True  # "attend the Victory Day parade"
    return trigger.noun and holiday.end <= trigger.start and not text[holiday.end : trigger.start].strip(" '’s")


def _fronted(text, clause_start, expression) -> bool:
    """A time phrase that opens its clause and is set off by a comma ('In late December, ...')."""
    lead = text[clause_start : expression.start]
    return bool(re.fullmatch(r"\W*(?:\w+\s+)?", lead) and re.match(r"\s*,", text[expression.end :]))


def _event(ctx, trigger, expression) -> Mention | None:
    text = ctx.text
    clause = clause_of(ctx.clauses, trigger.start)
    taking_part = [
        (start, slug)
        for start, end, slug in ctx.actors
        if clause[0] <= start < clause[1]
        and (not _attributed(ctx.attribution, start, trigger.start) or _said_at(ctx, trigger))
        and not (ctx.lookup.is_person(slug) and _possessor(text, end))
        and not ABSENT.search(text[:start])
    ]
    if PARTICIPLE_START.match(text[clause[0] : clause[1]]):
        # "Yang made the remarks while speaking with Denisov": the clause's subject is the sentence's.
        subject = [(s, slug) for s, e, slug in ctx.actors if e <= clause[0] and ctx.lookup.is_person(slug)]
        taking_part = subject[:1] + taking_part
    if RELATIVE_START.match(text[clause[0] : clause[1]]):
        antecedent = [(s, slug) for s, e, slug in ctx.actors if e <= clause[0] and ctx.lookup.is_person(slug)]
        taking_part = antecedent[-1:] + taking_part
    slugs = list(dict.fromkeys(slug for _, slug in taking_part if slug not in ctx.lookup.outlets))
    if all(ctx.lookup.is_state(slug) for slug in slugs):
        slugs += _announcing_bodies(ctx, trigger)
    if not slugs and not (trigger.noun and expression):
        return None  # an event noun with its own date may still name who, in the sentence before
    kind = trigger.kind
    if kind == "talk" and PHONE_RE.search(text):
        kind = "call"
    direction = direction_at(text, expression.start) if expression else sentence_direction(text)
    mention = Mention(
        origin=ctx.origin,
        sentence=ctx.sentence,
        kind=kind,
        trigger=trigger.word,
        actors=slugs,
        location=_location(text, ctx.sentence.start, ctx.places, ctx.quotes, clause, trigger.start),
        expression=shifted(expression, ctx.sentence.start) if expression else None,
        direction=direction,
        quotes=tuple(q for _, _, q in ctx.quotes),
        trigger_start=trigger.start,
        duration_days=_duration(text[clause[0] : clause[1]]) if kind != "meeting" else _own_duration(text, trigger),
        joint=bool(JOINT_RE.search(text)),
    )
    return _finish(mention, ctx.lookup)


def _announcing_bodies(ctx, trigger) -> list[str]:
    """'Gazprom announced the signing of an agreement': with no person named, the body that
    announces what it did takes part in it."""
    return [
        slug
        for start, end, slug in ctx.actors
        if ctx.lookup.kind(slug) == "organisation"
        and slug not in ctx.lookup.outlets
        and _attributed(ctx.attribution, start, trigger.start)
    ]


def _attributed(attribution, actor_start, trigger_start) -> bool:
    """Is the actor the one who says or reports the event at trigger_start (not one who takes part)?"""
    return any(s <= actor_start < e and c[0] <= trigger_start < c[1] for s, e, c in attribution)


def _own_time(text, trigger, expressions) -> bool:
    """'The main negotiations are scheduled for September 2': a noun that refers back, but with a
    date of its own in its clause, still tells when."""
    after = any(
        e.start > trigger.end
        and e.form in OWN_DATE_FORMS
        and not NOT_A_DATE_LEAD.search(text[: e.start])
        and not e.text.lower().endswith(("after", "before"))  # "comes a day after ...": dates the other
        for e in expressions
    )
    framed = re.search(r"\b(?:since|during|at|after|before)\s+(?:\w+\s+){0,2}$", text[: trigger.start], re.I)
    return after and not framed


def _possessor(text, end) -> bool:
    """'Putin's Security Council': a name that only owns the next noun does not take part."""
    m = POSSESSED.match(text, end)
    return bool(m) and not OWNED_EVENT.search(m.group(1))


def _own_duration(text, trigger) -> int | None:
    """'a three-day round of consultations': talks last days only when the words say so of them."""
    if not trigger.noun:
        return None
    m = re.search(r"(\S+-day)\s+(?:[\w-]+\s+){0,3}$", text[: trigger.start])
    return _duration(m.group(1)) if m else None


def _duration(clause_text) -> int | None:
    m = DURATION.search(clause_text)
    if not m:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else DURATION_WORDS[word]


def _statement(ctx, frame) -> Mention | None:
    """A frame with its own time words and a speaker who can make statements is a statement."""
    lookup = ctx.lookup
    if frame.reporting or frame.speaker is None or (frame.expression is None and not ctx.quotes):
        return None  # undated words count only when quoted: another report may date them
    if lookup.country(frame.speaker) and not lookup.on_a_side(frame.speaker) and not lookup.is_state(frame.speaker):
        return None  # an Indian diplomat's briefing is not China–Russia news, whatever it says
    if lookup.is_state(frame.speaker) and not ctx.quotes:
        return None  # "China declared ...": who spoke for it is not named; quoted, it may match a report
    text = ctx.text
    content = text[frame.content[0] : frame.content[1]].strip(" ,.")
    about = [slug for start, _, slug in ctx.all_actors if frame.content[0] <= start < frame.content[1]]
    speakers = frame.speakers + ([frame.addressee] if frame.addressee else [])
    # "Xi told Russia's top diplomat on Tuesday that ...": told to someone of the other side, in
    # words the text dates, the two talked; the article or another report says how.
    talked = frame.addressee and frame.expression and _other_side(lookup, frame.speaker, frame.addressee)
    kind = "talk" if talked else "statement"
    mention = Mention(
        origin=ctx.origin,
        sentence=ctx.sentence,
        kind=kind,
        trigger=frame.verb,
        actors=list(dict.fromkeys(speakers)),
        location=None,
        expression=shifted(frame.expression, ctx.sentence.start) if frame.expression else None,
        direction="present" if frame.verb.lower().endswith("s") else "past",  # words said, not planned
        quotes=tuple(q for _, _, q in ctx.quotes),
        trigger_start=frame.start,
        about=list(dict.fromkeys(about)),
        gist=re.sub(r"^(?:that|it)\s+", "", content),
        refers_back=bool(REFERS_BACK.search(content)),
        says_previous=bool(SAYS_PREVIOUS.match(text)),
        outlet_speaker=frame.speaker in lookup.outlets,
        speaker_count=len(frame.speakers),
    )
    return _finish(mention, lookup)


def _said_during(statement, events) -> bool:
    """'Wang Yi expressed China's stance in a phone call with his counterpart on Friday': the words
    are the call's, not an event of their own."""
    return any(
        e.kind in ("call", "meeting", "talk")  # words said on a visit may be news of their own
        and statement.actors[:1]
        and statement.actors[0] in e.actors
        and (e.expression is None or statement.expression is None or e.expression.start == statement.expression.start)
        for e in events
    )


def _other_side(lookup, one, other) -> bool:
    countries = {lookup.country(one), lookup.country(other)}
    return len(countries) == 2 and countries <= set(lookup.sides)


def _finish(mention, lookup):
    mention.principals = [slug for slug in mention.actors if not lookup.is_state(slug)]
    mention.weak = not mention.principals
    return mention


def _location(text, offset, places, quotes, clause, trigger_at) -> str | None:
    """Where it happened: a place after 'in', 'at' or 'to', the nearest after the event word
    first ('Xi, seen here in Beijing in 2024, met Putin in Moscow'), else the nearest before it."""
    local = [
        (s - offset, slug)
        for s, e, slug in places
        if offset <= s < offset + len(text) and not inside(quotes, s - offset)
    ]
    in_clause = [(pos, slug) for pos, slug in local if clause[0] <= pos < clause[1]] or local
    in_clause.sort(key=lambda place: (place[0] < trigger_at, abs(place[0] - trigger_at)))
    for pos, slug in in_clause:
        if re.search(
            r"\b(?:in|at|to|from|visit(?:s|ed|ing)?|tour(?:s|ed|ing)?)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", text[:pos]
        ):
            return slug
    return None  # a place named without "in", "at" or "to" ("Beijing's stance") is not where it happened
