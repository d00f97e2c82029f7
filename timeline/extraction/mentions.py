"""Finding event mentions in one sentence: what happened, who took part, who only said or
reported it, and which time words belong to it.

A sentence is read as frames of saying ("the Kremlin said on Tuesday that ...") around the
events they report. A frame with time words of its own is a statement of its speaker; the events
it reports are dated by their own time words, never by the frame's. Whoever says or reports
something does not take part in what they report."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon
from .dates import TimeExpression, direction_at, sentence_direction
from .text import Sentence


def _alternatives(fragments) -> str:
    return r"\b(?:" + "|".join(fragments) + r")\b"


VERB_RES = [(kind, re.compile(_alternatives(words), re.I)) for kind, words in lexicon.VERB_TRIGGERS.items()]
NOUN_RES = [(kind, re.compile(_alternatives(words), re.I)) for kind, words in lexicon.NOUN_TRIGGERS.items()]
SPEECH_RE = re.compile(_alternatives(lexicon.SPEECH_VERBS), re.I)
REPORTING_RE = re.compile(_alternatives(lexicon.REPORTING_VERBS), re.I)
ACCORDING_RE = re.compile(_alternatives([lexicon.ACCORDING_TO]), re.I)
# "delivered a message from Russian President [Vladimir Putin]": the sender is not there.
ABSENT = re.compile(r"\b(?:" + "|".join(lexicon.ABSENT_MARKERS) + r")\s+(?:[\w\[.'’-]+\s+){0,3}\[?$", re.IGNORECASE)
JOINT_RE = re.compile(_alternatives(lexicon.JOINT_CUES), re.I)
PHONE_RE = re.compile(_alternatives(lexicon.NOUN_TRIGGERS["call"] + (r"by phone", r"over the phone")), re.I)
DETERMINER = r"(?i:" + "|".join(lexicon.ANAPHORIC_DETERMINERS) + r")"
# "the meeting", "their first talks": a determiner and at most one lowercase word before the noun.
ANAPHORIC = re.compile(rf"\b{DETERMINER}\s+(?:[a-z][\w-]*\s+)?$")
# "a visit", "Xi's trip", "the two-day visit": the word is a noun here, not a verb.
NOUN_CONTEXT = re.compile(
    r"(?:\b(?i:a|an|the|this|that|these|his|her|their|its|our|such|upcoming|planned|first|second|"
    r"latest|recent|official|state|working|bilateral|formal|informal|of)|['’]s|-day)\s+$"
)
CLAUSE_OPENERS = re.compile(
    r";|\s[-–—]{1,2}\s|,?\s(?=(?:as(?!\s+(?:a|an|part|well|much|long|soon|guest|host)\b)|while|whereas|because|although|but|where|who|which|"
    + "|".join(lexicon.BACKGROUND_OPENERS)
    + r")\s)",
    re.IGNORECASE,
)
BACKGROUND_START = re.compile(r"^[,\s]*(?:" + "|".join(lexicon.BACKGROUND_OPENERS) + r")\s", re.IGNORECASE)
# "confirmed the meeting": words about an event the article already told.
REFERS_BACK = re.compile(
    rf"\b{DETERMINER}\s+(?:[a-z][\w-]*\s+)?(?:"
    + "|".join(w for words in lexicon.NOUN_TRIGGERS.values() for w in words)
    + r")\b"
)
DURING = re.compile(r"\b(?:during|at|on)\s+(?:a|an|the|his|her|their)?\s*(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
RELATIVE_START = re.compile(r"^[,\s]*who\s", re.IGNORECASE)
PARTICIPLE_START = re.compile(r"^[,\s]*(?:while|when|after|before|as)\s+\w+ing\b", re.IGNORECASE)
NOT_A_DATE_LEAD = re.compile(r"\b(?:until|till|through|by|since)\s+(?:the\s+)?$", re.IGNORECASE)
# A quote may run on into the next paragraph: an opening mark with no closing one runs to the end.
QUOTED = re.compile(r"“([^”]{3,400})”|\"([^\"]{3,400})\"|“([^”]{3,400})$")
OWN_DATE_FORMS = {"date", "date_range", "month_day", "weekday", "weekday_pair", "relative_day"}
POSSESSED = re.compile(r"['’]s\s+((?:[\w-]+\s+){0,2}[\w-]+)")
# "Xi's visit", "Lavrov's plane landed": what a possessive may own and still take part in.
OWNED_EVENT = re.compile(
    _alternatives([w for words in lexicon.NOUN_TRIGGERS.values() for w in words])
    + r"|^(?:arrival|plane|delegation|greetings|invitation)",
    re.IGNORECASE,
)
SPEAKER_COLON = re.compile(r"^((?:[A-Z][\w’'-]*\s){0,3}[A-Z][\w’'-]*):\s")
DURATION = re.compile(r"\b(two|three|four|five|six|seven|\d)-day\b", re.IGNORECASE)
DURATION_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
SPEAKER_GAP_WORDS = set(lexicon.SPEAKER_FILLERS)
# Verbs that may come before their speaker ("..., said Peskov"); "told Russia's envoy" names a listener.
INVERTIBLE = {"said", "says", "added", "noted", "stressed", "wrote", "explained", "insisted", "remarked"}
# Verbs that close a sentence of reported words ("..., Denisov told reporters"); "confirmed the
# meeting" takes its object after it.
CLOSING = INVERTIBLE | {"told", "tells", "announced", "stated", "reported", "quoted"}
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
    notes: list[str] = field(default_factory=list)
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
    refers_back: bool = False  # a statement about "the meeting" already told

    @property
    def group(self) -> str:
        return "encounter" if self.kind in ENCOUNTER_KINDS else self.kind


@dataclass
class Trigger:
    start: int
    end: int
    kind: str
    word: str
    noun: bool


@dataclass
class Frame:
    """A verb of saying or reporting, who said it, its own time words and what was said."""

    start: int  # where the frame's words begin (speaker or verb)
    end: int
    verb: str
    speaker: str | None
    addressee: str | None
    expression: TimeExpression | None
    content: tuple[int, int]
    reporting: bool
    speakers: list = field(default_factory=list)  # "Xi and Putin declared": all who spoke
    shares_time: bool = False  # fronted time words that also date the event they open


def quote_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), (m.group(1) or m.group(2) or m.group(3)).strip()) for m in QUOTED.finditer(text)]


@lru_cache(maxsize=65536)
def normalise_quote(quote: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", quote.lower().replace("’", "'")))


def clause_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in CLAUSE_OPENERS.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
            start = match.start()
    bounds.append((start, len(text)))
    return bounds


def clause_of(clauses, offset) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= offset < c[1]), clauses[-1])


def inside(spans, offset) -> bool:
    return any(s <= offset < e for s, e, *_ in spans)


def find_triggers(text: str, quotes) -> tuple[list[Trigger], list[Trigger]]:
    """(event triggers, triggers that refer back to an event already told) outside quoted words."""
    verbs = []
    for kind, pattern in VERB_RES:
        for m in pattern.finditer(text):
            if not inside(quotes, m.start()) and not NOUN_CONTEXT.search(text[: m.start()]):
                verbs.append(Trigger(m.start(), m.end(), kind, m.group(), False))
    nouns, back = [], []
    for kind, pattern in NOUN_RES:
        for m in pattern.finditer(text):
            if inside(quotes, m.start()) or any(v.start <= m.start() < v.end for v in verbs):
                continue
            trigger = Trigger(m.start(), m.end(), kind, m.group(), True)
            (back if ANAPHORIC.search(text[: m.start()]) else nouns).append(trigger)
    return _first_per_place(verbs + nouns), back


def is_event_noun(word: str) -> bool:
    return any(pattern.fullmatch(word) for _, pattern in NOUN_RES)


def _first_per_place(triggers) -> list[Trigger]:
    """Where two kinds match overlapping words ("video call", "call"), the earlier-listed kind wins."""
    kept = []
    for trigger in triggers:
        if not any(k.start < trigger.end and trigger.start < k.end for k in kept):
            kept.append(trigger)
    return sorted(kept, key=lambda t: t.start)


# ---- Frames of saying ------------------------------------------------------------------------


def _gap_words(text: str) -> list[str]:
    return re.findall(r"[\w’']+", text.replace("’s", "").replace("'s", ""))


def _without(text: str, start: int, end: int, expressions) -> str:
    """text[start:end] with time expressions blanked out."""
    chars = list(text[start:end])
    for e in expressions:
        for i in range(max(e.start, start), min(e.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def _speaker_before(text, verb_start, actors, expressions):
    for pos, end, slug in reversed(actors):
        if end > verb_start:
            continue
        gap = _without(text, end, verb_start, expressions)
        appositive = re.fullmatch(r"\s*,[^,;“\"]{1,80},\s*", gap)
        if appositive or all(w.lower() in SPEAKER_GAP_WORDS for w in _gap_words(gap)) and "," not in gap:
            return pos, end, slug
        return None
    return None


def _coordinated_subject(text, verb_start, actors):
    """'As Xi left, he turned to Putin and said ...': the subject of the verbs joined by 'and'."""
    segment = text.rfind(",", 0, verb_start) + 1
    people = [(p, e, s) for p, e, s in actors if segment <= p < verb_start]
    if people and re.search(r"\band\s+(?:\w+\s+){0,2}$", text[people[-1][1] : verb_start]):
        return people[0]
    return None


def _co_speakers(text, speaker, actors) -> list[str]:
    """'Xi and Putin declared': everyone joined to the speaker by 'and'."""
    found, start = [speaker[2]], speaker[0]
    for p, e, s in reversed(actors):
        if s in found:
            continue
        if (p, e) == speaker[:2] or e <= start and re.fullmatch(r"\s*(?:,\s*)?and\s+", text[e:start]):
            found.insert(0, s)
            start = p
    return found


def _speaker_after(text, verb_end, actors):
    near = [(p, e, s) for p, e, s in actors if verb_end <= p <= verb_end + 50]
    for pos, end, slug in near:
        gap = text[verb_end:pos]
        if "," in gap or " that " in gap or len(_gap_words(gap)) > 4:
            return None
        return pos, end, slug
    return None


def _frame_time(text, speaker, verb_start, verb_end, expressions):
    found = _frame_time_words(text, speaker, verb_start, verb_end, expressions)
    return _more_specific_neighbour(text, found, expressions) if found else None


def _frame_time_words(text, speaker, verb_start, verb_end, expressions):
    """The frame's own time words: between speaker and verb, right after the verb ("said on
    Friday", "told the media on Monday"), or fronted before the speaker ("In February, Lavrov ...")."""
    for e in expressions:
        if speaker and speaker[1] <= e.start < verb_start:
            return e
    for e in expressions:
        gap = text[verb_end : e.start]
        close = 0 <= e.start - verb_end <= 40 and len(_gap_words(gap)) <= 5
        if close and "," not in gap and " that " not in f" {gap} " and not NOT_A_DATE_LEAD.search(text[: e.start]):
            return e
    if speaker:
        for e in expressions:
            if e.form == "anchored_offset" and e.text.lower().endswith(("after", "before")):
                if e.end <= speaker[0] and re.fullmatch(r"\s*(?:the\s+)?", text[e.end : speaker[0]]):
                    return e  # "The statement comes a day after the leaders pledged ..."
    if speaker:
        for e in expressions:
            between = text[e.end : speaker[0]]
            fronted = re.fullmatch(r"[^;,]*,\s*(?:[\w.'’-]+\s+){0,5}", between) and len(_gap_words(between)) <= 8
            if e.end <= speaker[0] and len(_gap_words(text[: e.start])) <= 8 and fronted:
                return e
    return None


def find_frames(text, actors, expressions, quotes, event_words=()) -> list[Frame]:
    frames = []
    for m in SPEECH_RE.finditer(text):
        if inside(quotes, m.start()):
            continue
        frames.append(_speech_frame(text, m, actors, expressions, False, event_words))
    for m in REPORTING_RE.finditer(text):
        if not inside(quotes, m.start()) and not any(f.start <= m.start() < f.end for f in frames):
            frames.append(_speech_frame(text, m, actors, expressions, True, event_words))
    colon = SPEAKER_COLON.match(text)
    if colon:
        # "Lin Jian: President Xi is on a state visit ...": a transcript names who speaks.
        speaker = next((slug for p, e, slug in actors if p == colon.start(1)), None)
        if speaker:
            frames.append(Frame(0, colon.end(), ":", speaker, None, None, (colon.end(), len(text)), True))
    for m in ACCORDING_RE.finditer(text):
        if inside(quotes, m.start()):
            continue
        source = next(((p, e, s) for p, e, s in actors if m.end() <= p <= m.end() + 80), None)
        end = source[1] if source else m.end()
        comma = re.match(r"\s*,", text[end:])
        end = end + comma.end() if comma else end
        content = (0, m.start()) if m.start() > 0 else (end, len(text))
        frames.append(Frame(m.start(), end, m.group(), source and source[2], None, None, content, True))
    return frames


def _speech_frame(text, m, actors, expressions, reporting, event_words) -> Frame:
    speaker = _speaker_before(text, m.start(), actors, expressions) or _coordinated_subject(text, m.start(), actors)
    inverted = False
    if speaker is None and m.group().lower() in INVERTIBLE:
        speaker = _speaker_after(text, m.end(), actors)
        inverted = speaker is not None
    # A fronted time belongs to the frame only when no event word stands before the speaker
    # ("In a series of talks on Tuesday, Putin hailed ...": Tuesday is the talks').
    opening = [w for w in event_words if speaker and w < speaker[0] and not DURING.search(text[:w])]
    fronting = speaker and not inverted and not opening
    expression = _frame_time(text, speaker if fronting else None, m.start(), m.end(), expressions)
    addressee = None
    if m.group().lower() in ("told", "tells") and not inverted:
        after = _speaker_after(text, m.end(), actors)
        addressee = after and after[2]
    start = min(speaker[0] if speaker else m.start(), m.start())
    end = max(speaker[1] if speaker and inverted else m.end(), expression.end if expression else 0)
    rest = _without(text, end, len(text), expressions)
    # "..., Denisov told reporters on Monday.": after a comma and with little after it, the frame
    # closes the sentence and what was said came before it.
    closing = (
        m.group().lower() in CLOSING
        and speaker
        and re.search(r",\s*(?:[\w.'’-]+\s+){0,6}$", text[: speaker[0]])
        and len(_gap_words(rest)) <= 4
    )
    if inverted or closing or not _gap_words(rest) or re.match(r"\s*[,;(]", rest):
        # "..., the Kremlin said on Tuesday." The frame runs from the last comma before it.
        comma = text.rfind(",", 0, start)
        start = comma if comma > 0 else start
        content, end = (0, max(start, 0)), len(text)
    else:
        content = (end, len(text))
    if expression is not None and expression.start < start and not (speaker and expression.end <= speaker[0]):
        start = expression.start
    speakers = _co_speakers(text, speaker, actors) if speaker and not inverted else []
    frame = Frame(start, end, m.group(), speaker and speaker[2], addressee, expression, content, reporting)
    # "During a visit to Moscow in March, Xi said ...": the words and the visit share the time.
    frame.shares_time = bool(expression and speaker and expression.end <= speaker[0])
    frame.speakers = speakers or ([speaker[2]] if speaker else [])
    return frame


# ---- Events ----------------------------------------------------------------------------------


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
    context = SentenceContext(origin, sentence, local, places, free_exprs, quotes, clauses, attribution, lookup)
    context.all_actors = [(a.start - offset, a.end - offset, a.slug) for a in actors]
    mentions = [m for m in _event_mentions(context, triggers) if m is not None]
    for mention in mentions:
        at = mention.trigger_start - sentence.start
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
    all_actors: list = field(default_factory=list)  # quoted names too: what a statement speaks of

    @property
    def text(self):
        return self.sentence.text


def _event_mentions(ctx, triggers) -> list:
    """The main event of the sentence, plus any other with time words of its own."""
    ranked = sorted(triggers, key=lambda t: (_background(ctx, t), t.noun, t.start))
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
        and not NOT_A_DATE_LEAD.search(text[: e.start])
        and not inside([(s, e_) for s, e_, _ in ctx.attribution], e.start)
    ]
    if not usable:
        return None
    after = [e for e in usable if e.start >= trigger.start]
    chosen = min(after, key=lambda e: e.start) if after else max(usable, key=lambda e: e.start)
    return _more_specific_neighbour(text, chosen, usable)


def _more_specific_neighbour(text, expression, pool):
    """'on Tuesday (March 21)', 'Tuesday evening, 17 October': the date beside a weekday says more."""
    if expression.form not in ("weekday", "weekday_pair"):
        return expression
    for other in pool:
        gap = text[expression.end : other.start]
        if (
            other.start >= expression.end
            and re.fullmatch(r"[\s,(]{1,3}", gap)
            and other.form
            in (
                "month_day",
                "date",
                "date_range",
            )
        ):
            return other
    return expression


def _event(ctx, trigger, expression) -> Mention | None:
    text = ctx.text
    clause = clause_of(ctx.clauses, trigger.start)
    taking_part = [
        (start, slug)
        for start, end, slug in ctx.actors
        if clause[0] <= start < clause[1]
        and not _attributed(ctx.attribution, start, trigger.start)
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
        location=_location(text, ctx.sentence.start, ctx.places, ctx.quotes, clause),
        expression=_absolute(expression, ctx.sentence.start),
        direction=direction,
        quotes=tuple(q for _, _, q in ctx.quotes),
        trigger_start=trigger.start,
        duration_days=_duration(text[clause[0] : clause[1]]),
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


def _duration(clause_text) -> int | None:
    m = DURATION.search(clause_text)
    if not m:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else DURATION_WORDS[word]


def _absolute(expression, offset):
    if expression is None:
        return None
    return shifted(expression, offset)


def shifted(expression, offset):
    return expression.__class__(
        **{**expression.__dict__, "start": expression.start + offset, "end": expression.end + offset}
    )


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
        expression=_absolute(frame.expression, ctx.sentence.start) if frame.expression else None,
        direction="present" if frame.verb.lower().endswith("s") else "past",  # words said, not planned
        quotes=tuple(q for _, _, q in ctx.quotes),
        trigger_start=frame.start,
        about=list(dict.fromkeys(about)),
        gist=re.sub(r"^(?:that|it)\s+", "", content),
        refers_back=bool(REFERS_BACK.search(content)),
        outlet_speaker=frame.speaker in lookup.outlets,
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


def _location(text, offset, places, quotes, clause) -> str | None:
    local = [
        (s - offset, slug)
        for s, e, slug in places
        if offset <= s < offset + len(text) and not any(qs <= s - offset < qe for qs, qe, _ in quotes)
    ]
    in_clause = [(pos, slug) for pos, slug in local if clause[0] <= pos < clause[1]] or local
    for pos, slug in in_clause:
        if re.search(
            r"\b(?:in|at|to|from|visit(?:s|ed|ing)?|tour(?:s|ed|ing)?)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", text[:pos]
        ):
            return slug
    return None  # a place named without "in", "at" or "to" ("Beijing's stance") is not where it happened
