"""Frames of saying and reporting: "the Kremlin said on Tuesday that ...", "..., Denisov told
reporters", "according to Ushakov", "Lin Jian: ...". Each frame knows its speaker, its own time
words and the span of what was said; whoever says or reports an event takes no part in it."""

import re
from dataclasses import dataclass, field

from . import lexicon
from .clauses import alternatives, gap_words, inside, without_times
from .date_patterns import TimeExpression

# "During a visit to Moscow in March, Xi said": the event word the fronted time belongs to as well.
DURING = re.compile(r"\b(?:during|at|on)\s+(?:a|an|the|his|her|their)?\s*(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
SPEECH_RE = re.compile(alternatives(lexicon.SPEECH_VERBS), re.I)
REPORTING_RE = re.compile(alternatives(lexicon.REPORTING_VERBS), re.I)
ACCORDING_RE = re.compile(alternatives([lexicon.ACCORDING_TO]), re.I)
NOT_A_DATE_LEAD = re.compile(r"\b(?:" + "|".join(lexicon.NOT_DATE_LEADS) + r")\s+(?:the\s+)?$", re.IGNORECASE)
SPEAKER_COLON = re.compile(r"^((?:[A-Z][\w’'-]*\s){0,3}[A-Z][\w’'-]*):\s")
SPEAKER_GAP_WORDS = set(lexicon.SPEAKER_FILLERS)
INVERTIBLE = set(lexicon.INVERTIBLE_VERBS)
CLOSING = set(lexicon.CLOSING_VERBS)


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


def _speaker_before(text, verb_start, actors, expressions):
    for pos, end, slug in reversed(actors):
        if end > verb_start:
            continue
        gap = without_times(text, end, verb_start, expressions)
        appositive = re.fullmatch(r"\s*,[^,;“\"]{1,80},\s*", gap)
        # "China's envoy to Russia, Zhang Hanhui, said": the name is itself the apposition.
        appositive = appositive or (re.fullmatch(r"\s*,\s*", gap) and re.search(r",\s*$", text[:pos]))
        if appositive or all(w.lower() in SPEAKER_GAP_WORDS for w in gap_words(gap)) and "," not in gap:
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
    """'..., said Kremlin spokesman Dmitry Peskov': the first name right after the verb."""
    first = next(((p, e, s) for p, e, s in actors if verb_end <= p <= verb_end + 50), None)
    if first is None:
        return None
    gap = text[verb_end : first[0]]
    return None if "," in gap or " that " in gap or len(gap_words(gap)) > 4 else first


def _frame_time(text, speaker, verb_start, verb_end, expressions):
    found = _frame_time_words(text, speaker, verb_start, verb_end, expressions)
    return more_specific_neighbour(text, found, expressions) if found else None


def _frame_time_words(text, speaker, verb_start, verb_end, expressions):
    """The frame's own time words: between speaker and verb, right after the verb ("said on
    Friday", "told the media on Monday"), or fronted before the speaker ("In February, Lavrov ...")."""
    for e in expressions:
        if speaker and speaker[1] <= e.start < verb_start:
            return e
    for e in expressions:
        gap = text[verb_end : e.start]
        close = 0 <= e.start - verb_end <= 40 and len(gap_words(gap)) <= 5
        if close and "," not in gap and " that " not in f" {gap} " and not NOT_A_DATE_LEAD.search(text[: e.start]):
            return e
    if not speaker:
        return None
    before = [e for e in expressions if e.end <= speaker[0]]
    for e in before:
        connective = e.form == "anchored_offset" and e.text.lower().endswith(("after", "before"))
        if connective and re.fullmatch(r"\s*(?:the\s+)?", text[e.end : speaker[0]]):
            return e  # "The statement comes a day after the leaders pledged ..."
    for e in before:
        between = text[e.end : speaker[0]]
        fronted = re.fullmatch(r"[^;,]*,\s*(?:[\w.'’-]+\s+){0,5}", between) and len(gap_words(between)) <= 8
        if fronted and len(gap_words(text[: e.start])) <= 8:
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
        if source and "," in text[m.end() : source[0]] and not re.match(r"\s*,", text[source[1] :]):
            source = None  # "According to the report, the heads of government will ...": no apposition
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
    rest = without_times(text, end, len(text), expressions)
    # "..., Denisov told reporters on Monday.": after a comma and with little after it, the frame
    # closes the sentence and what was said came before it.
    closing = (
        m.group().lower() in CLOSING
        and speaker
        and re.search(r",\s*(?:[\w.'’-]+\s+){0,6}$", text[: speaker[0]])
        and len(gap_words(rest)) <= 4
    )
    if inverted or closing or not gap_words(rest) or re.match(r"\s*[,;(]", rest):
        # "..., the Kremlin said on Tuesday." The frame runs from the last comma before it.
        comma = text.rfind(",", 0, start)
        start = comma if comma > 0 else start
        content, end = (0, max(start, 0)), len(text)
    else:
        content = (end, len(text))
    if expression is not None and expression.start < start and not (speaker and expression.end <= speaker[0]):
        start = expression.start
    speakers = _co_speakers(text, speaker, actors) if speaker and not inverted else []
    # "During a visit to Moscow in March, Xi said ...": the words and the visit share the time.
    shares_time = bool(expression and speaker and expression.end <= speaker[0])
    return Frame(
        start,
        end,
        m.group(),
        speaker and speaker[2],
        addressee,
        expression,
        content,
        reporting,
        speakers or ([speaker[2]] if speaker else []),
        shares_time,
    )


def more_specific_neighbour(text, expression, pool):
    """'on Tuesday (March 21)', 'Tuesday evening, 17 October': the date beside a weekday says more."""
    if expression.form not in ("weekday", "weekday_pair"):
        return expression
    for other in pool:
        gap = text[expression.end : other.start]
        beside = other.start >= expression.end and re.fullmatch(r"[\s,(]{1,3}", gap)
        if beside and other.form in ("month_day", "date", "date_range"):
            return other
    return expression
