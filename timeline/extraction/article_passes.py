"""What one sentence learns from the others of its article: whether unspecified talks were a
call, where an event took place, who an outlet quoted, whose event a bare noun names ("The
September 3 parade ..."), and which time words an undated event borrows."""

import dataclasses
import re

from . import lexicon
from .evidence import dateline
from .triggers import ANAPHORIC, PHONE_RE, is_event_noun

GOING_TO = re.compile(r"\b(?:to|in)\s+$")
CONTINUATION_REACH = 3  # sentences: how far back a dated follow-up may look for its undated event


def resolve_talk(doc) -> None:
    """'Putin spoke with Xi': a call when the article speaks of a call or video link, a meeting when
    it says they met in person; otherwise it stays open, and a report of the same talks elsewhere
    decides (a meeting if none does)."""
    remote = PHONE_RE.search(doc.text) is not None
    for mention in doc.mentions:
        if mention.kind == "talk":
            if any(cue in mention.sentence.text.lower() for cue in lexicon.IN_PERSON_CUES):
                mention.kind = "meeting"
            elif remote:
                mention.kind = "call"
            doc.note(
                mention,
                f"'{mention.trigger}' read as "
                + (f"a {mention.kind}" if mention.kind != "talk" else "talks of either kind"),
            )


def locate(doc, lookup) -> None:
    """The country each event happens in: its place's, or the state it goes 'to' or is 'in'."""
    for mention in doc.mentions:
        if mention.location:
            mention.where = lookup.place_country(mention.location)
            continue
        text, offset = mention.sentence.text, mention.sentence.start
        for actor in doc.actor_mentions:
            at = actor.start - offset
            if 0 <= at < len(text) and lookup.is_state(actor.slug) and GOING_TO.search(text[:at]):
                mention.where = lookup.country(actor.slug)
                break


def name_quoted_speakers(doc, lookup) -> None:
    """'TASS said on Monday ... It quoted Kremlin spokesman Dmitry Peskov as saying': the statement
    is Peskov's. An outlet that quotes nobody has made no statement of its own."""
    kept = []
    for mention in doc.mentions:
        if mention.kind == "statement" and mention.outlet_speaker:
            speaker = _quoted_person(doc, mention, lookup)
            if speaker is None:
                doc.note(mention, "statement dropped: a news outlet reports, it names no speaker")
                continue
            mention.actors = [speaker] + [s for s in mention.actors[1:] if s != speaker]
            mention.principals = mention.people = [speaker]
            mention.outlet_speaker = False
            doc.note(mention, f"the outlet quotes {speaker}: the statement is theirs")
        kept.append(mention)
    doc.mentions = kept


def _quoted_person(doc, mention, lookup):
    index = mention.sentence.index
    for sentence in doc.sentences[index : index + 2]:
        at = sentence.text.find("quoted")
        if at < 0:
            continue
        for actor in doc.actor_mentions:
            if sentence.start + at < actor.start < sentence.end and lookup.is_person(actor.slug):
                return actor.slug
    return None


def borrow_actors(doc) -> None:
    """'The September 3 parade ...' names nobody: it is the parade the sentence before told of
    (or the visit of the meeting just told: 'During the December 20-21 visit, ...')."""
    for mention in doc.mentions:
        if mention.principals or mention.expression is None or not is_event_noun(mention.trigger):
            continue  # "Russia hosted ...": a verb with its own subject is no event told before
        near = [
            m
            for m in doc.mentions
            if m.principals
            and m.group == mention.group
            and -1 <= mention.sentence.index - m.sentence.index <= CONTINUATION_REACH
            and m is not mention
        ]
        # The one told just before, else the one the next sentence tells ("... a security dialogue on
        # Tuesday. Shoigu met Wang Yi ...").
        earlier = [m for m in near if m.sentence.index < mention.sentence.index]
        if near:
            source = earlier[-1] if earlier else near[0]
            mention.actors, mention.principals, mention.weak = list(source.actors), list(source.principals), False
            mention.location = mention.location or source.location
            doc.note(mention, f"takes its people from the {source.kind} told in sentence {source.sentence.index + 1}")


LED_BY = re.compile(r"\b(?:" + "|".join(lexicon.LED_BY) + r")\s+(?:[\w'’-]+\s+){0,6}$", re.IGNORECASE)
LEADER_REACH = 60  # characters from "led by" to the leader's name ("led by Foreign Minister Wang Yi")


def borrow_leaders(doc, lookup) -> None:
    """'The two countries will hold defence talks on Monday. China's team will be headed by Dong
    Jun, and Russia's side will be led by Andrei Belousov': talks that name no person of their own
    take the people the next sentence says lead them."""
    events_at = {m.sentence.index for m in doc.mentions}
    for mention in doc.mentions:
        i = mention.sentence.index
        own = [s for s in mention.principals if lookup.is_person(s) and s not in mention.reported_by]
        if own or mention.group != "encounter" or i + 1 >= len(doc.sentences) or i + 1 in events_at:
            continue
        after = doc.sentences[i + 1]
        leaders = [
            a.slug
            for a in doc.actor_mentions
            if after.start <= a.start < after.end
            and lookup.is_person(a.slug)
            and LED_BY.search(doc.text[max(after.start, a.start - LEADER_REACH) : a.start].split(",")[-1])
        ]
        if len(set(leaders)) < 2:
            continue
        states = [s for s in mention.actors if lookup.is_state(s)]
        mention.actors = list(dict.fromkeys(leaders)) + states
        mention.principals, mention.weak = list(dict.fromkeys(leaders)), False
        doc.note(mention, f"takes its people from sentence {i + 2}, which says who leads each side")


# "During the December 20-21 visit, the parties also discussed ...": the dates of the visit just told.
DURING_DATED = re.compile(r"(?:During|In the course of)\s+(?:the|his|her|their)\s+", re.IGNORECASE)


DURING_REACH = 30  # characters from the sentence's start to its time words


def borrow_dates(doc, by_sentence, lookup) -> None:
    """'Xi and Putin held a video call ... On Tuesday, Xi and Putin both ...': a sentence that names
    the same two people with time words and no event of its own dates the event just told; so does
    a sentence that opens 'During the December 20-21 visit'."""
    events_at = {m.sentence.index for m in doc.mentions}
    for i, sentence in enumerate(doc.sentences):
        exprs = by_sentence["expressions"][i]
        people = {a.slug for a in by_sentence["actors"][i] if lookup.is_person(a.slug)}
        during = DURING_DATED.match(sentence.text) and exprs and exprs[0].start - sentence.start < DURING_REACH
        if not during and (i in events_at or not exprs or len(people) < 2):
            continue
        undated = [
            m
            for m in doc.mentions
            if m.expression is None
            and m.kind != "statement"
            and 0 < i - m.sentence.index <= CONTINUATION_REACH
            and (people <= set(m.actors) if not during else m.group == "encounter")
        ]
        if undated:
            target = undated[-1]
            target.expression = exprs[0]
            why = "it opens 'During the …'" if during else "the same people, no event of its own"
            doc.note(target, f"its time words come from sentence {i + 1} ({why})")


AGENDA = re.compile(r"\b(?:" + "|".join(lexicon.AGENDA_NOUNS) + r")\s+(?:for|on)\s+$", re.IGNORECASE)
AGENDA_REACH = 2  # sentences after a day's programme that tell its items
AGENDA_FORMS = {"date", "month_day", "weekday"}


def borrow_agenda_dates(doc, by_sentence) -> None:
    """'Lavrov's programme for Friday, June 6, has two items. He will first meet ...': a sentence
    setting out a day's programme, with no event of its own, dates the plans told just after it
    that have no time words."""
    events_at = {m.sentence.index for m in doc.mentions}
    for i, sentence in enumerate(doc.sentences):
        if i in events_at:
            continue
        days = [
            e
            for e in by_sentence["expressions"][i]
            if e.form in AGENDA_FORMS and AGENDA.search(doc.text[sentence.start : e.start])
        ]
        if not days:
            continue
        for mention in doc.mentions:
            if mention.expression is None and mention.direction == "future" and mention.kind != "statement":
                if 0 < mention.sentence.index - i <= AGENDA_REACH:
                    mention.expression = days[-1]
                    doc.note(mention, f"its time words come from sentence {i + 1} (the programme of that day)")


def borrow_forum_dates(doc, lookup) -> None:
    """'Putin expects to meet Xi during the BRICS summit in Kazan. ... The BRICS summit is scheduled
    for October 22-24': the one dated summit of a body in an article dates its undated ones."""
    for mention in doc.mentions:
        people = [s for s in mention.principals if lookup.is_person(s)]
        if mention.expression is not None or mention.kind == "statement" or not people:
            continue
        forums = {s for s in mention.actors if lookup.kind(s) == "organisation" and not lookup.on_a_side(s)}
        dated = [
            m
            for m in doc.mentions
            if m.expression is not None
            and m.kind == mention.kind
            and forums & set(m.actors)
            and not any(lookup.is_person(s) for s in m.principals)
        ]
        if len(dated) == 1:
            mention.expression, mention.direction = dated[0].expression, dated[0].direction
            doc.note(
                mention,
                f"its time words come from sentence {dated[0].sentence.index + 1} (the same forum's {mention.kind})",
            )


DATELINE_LEAD = 3  # sentences after a wire story's dateline that tell the day's news
EARLIER = re.compile(r"\b(?:earlier|previously|last|ago|since|before|recently|once|ever|first time)\b", re.IGNORECASE)
# "expects to meet", "proposed to hold talks": an intention, not what happened.
INTENDED = re.compile(r"\bto\s+$", re.IGNORECASE)
# "..., according to a statement from the company": the statement is that day's news; the talks it
# tells of may be days older.
WRITTEN_STATEMENT = re.compile(
    r"\b(?:according\s+to\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:statement|readout|press\s+release)|"
    r"(?:said|says|reported)\s+in\s+(?:a|an|its)\s+(?:\w+\s+){0,2}(?:statement|readout|press\s+release))",
    re.IGNORECASE,
)
WISHED = re.compile(r"\b(?:expect|hope|want|wish|plan|intend|propose|seek)s?\s+to\b", re.IGNORECASE)
# "said at a meeting with Han Zheng": an event noun told as the occasion of the news.
OCCASION = re.compile(r"\b(?:at|during|in)\s+(?:a|an|the|their|his|her)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def date_the_lead(doc, by_sentence) -> None:
    """'VLADIVOSTOK, September 4. /TASS/. ... the Russian leader said at a meeting with Han Zheng':
    a wire story's lead tells the news of its dateline's day; an event there with no time words
    of its own (and none saying it is older) took place that day."""
    line, first = dateline(doc)
    if line is None:
        return
    for mention in doc.mentions:
        i = mention.sentence.index
        undated = mention.expression is None and mention.direction != "future"
        if not undated or mention.kind == "statement" or not 0 <= i - first.index <= DATELINE_LEAD:
            continue  # a statement undated and unquoted stays for another report to date
        if any(e is not line for e in by_sentence["expressions"][i]) or EARLIER.search(mention.sentence.text):
            continue
        if WRITTEN_STATEMENT.search(mention.sentence.text):
            doc.note(mention, "not dated by the dateline: the day's news is the statement that tells of it")
            continue
        before = mention.sentence.text[: mention.trigger_start]
        noun = is_event_noun(mention.trigger)
        clause = re.split(r"[,;\"“”]", before)[-1]
        occasion = noun and mention.group == "encounter" and OCCASION.search(before)
        if INTENDED.search(before) or WISHED.search(clause) or (noun and not occasion):
            continue  # a forum or briefing named in the lead is no news of that day by itself
        mention.expression = line
        doc.note(mention, f"dated by the dateline '{line.text}': the lead tells that day's news")


def fold_back_references(doc) -> None:
    """'... three days of talks from Tuesday. The talks will end on Thursday':
    words that refer back to an event already told, on its first or last day, tell more of it,
    not another event. Runs once the mentions are dated."""
    kept = []
    for mention in doc.mentions:
        back = is_event_noun(mention.trigger) and ANAPHORIC.search(mention.sentence.text[: mention.trigger_start])
        told = back and mention.date and next((m for m in kept if _holds_day(m, mention)), None)
        if told:
            doc.note(
                mention, f"part of the {told.kind} told in sentence {told.sentence.index + 1}, not an event of its own"
            )
            continue
        kept.append(mention)
    doc.mentions = kept


def _holds_day(event, mention) -> bool:
    span = event.date
    if (
        span is None
        or span.end is None
        or event.group != mention.group
        or set(event.principals) != set(mention.principals)
    ):
        return False
    return mention.date.end is None and mention.date.start in (span.start, span.end)  # "will conclude on Thursday"


TENSE_REACH = 2  # days: "has arrived" in a lead written the morning after "arrived late Monday"
PERFECT = re.compile(r"(?:has|have)\s", re.IGNORECASE)  # "has arrived": done, on a day it does not say


def prefer_told_day(doc) -> None:
    """'The premier has arrived in China ... The premier arrived late Tuesday in Harbin': a lead dated
    only by its tense or by the article's own date ('has arrived', done on a day it does not say)
    tells the arrival that another sentence dates by its own words; those words win, and the
    article's day is no second event. Runs once the mentions are dated."""
    dated = [m for m in doc.mentions if m.expression is not None and m.date and m.date.precision == "day"]
    kept = []
    for mention in doc.mentions:
        by_tense = mention.expression is None or PERFECT.match(mention.trigger)
        told = by_tense and mention.date and next((m for m in dated if _same_told(m, mention)), None)
        if told:
            doc.note(
                mention,
                f"its day is only the article's; the same {told.kind} is dated '{told.expression.text}' "
                f"in sentence {told.sentence.index + 1}, not an event of its own",
            )
            continue
        kept.append(mention)
    doc.mentions = kept


def _same_told(dated, mention) -> bool:
    """The same kind of event, of the same traveller or speaker, a day or two before the article's day."""
    if dated.kind != mention.kind or not dated.principals or not mention.principals:
        return False
    if dated.principals[0] != mention.principals[0]:
        return False
    return 0 < (mention.date.start - dated.date.start).days <= TENSE_REACH


UNNAMED_SPEAKER = re.compile(
    r"\b(?:[Aa]|[Aa]n)\s+(?:senior\s+|top\s+|high-ranking\s+)?(?P<side>"
    + "|".join(w for words in lexicon.UNNAMED_SPEAKERS.values() for w in words)
    + r")\s+(?:government\s+|foreign\s+ministry\s+)?(?:"
    + "|".join(lexicon.UNNAMED_SPEAKER_NOUNS)
    + r")\s+(?:said|told\s+\w+)\s*(?:on\s+)?$",
)
NAMED_SAYING = re.compile(r"\b(?:told\s+(?:reporters|journalists|the\s+media)|said)\b")


def name_unnamed_speakers(doc, lookup, by_sentence) -> list:
    """'The leaders will meet next month, a Russian official said Friday. The two presidents will meet
    at the summit there, the Russian ambassador, named, told reporters.' The sentence
    after words said by an official it does not name names him: his statement, on that day. Only a
    person of that side, saying words without a day of their own, in the very next sentence."""
    found = []
    for i, sentence in enumerate(doc.sentences[:-1]):
        for expr in by_sentence["expressions"][i]:
            if expr.form not in ("weekday", "relative_day"):
                continue
            said = UNNAMED_SPEAKER.search(doc.text, sentence.start, expr.start)
            if said is None:
                continue
            side = next(c for c, words in lexicon.UNNAMED_SPEAKERS.items() if said.group("side") in words)
            statement = _named_next(doc, lookup, by_sentence, i + 1, side, expr, sentence)
            if statement is not None:
                found.append(statement)
    return found


def _named_next(doc, lookup, by_sentence, index, side, expr, said_in):
    from .mentions import Mention  # the mentions module builds every other mention; one kind borrowed here

    sentence = doc.sentences[index]
    if any(e.form not in ("date", "date_range", "month_day") for e in by_sentence["expressions"][index]):
        return None  # words with a day of their own are dated by it
    verb = NAMED_SAYING.search(sentence.text)
    if verb is None:
        return None
    people = [a for a in by_sentence["actors"][index] if lookup.is_person(a.slug)]
    speaker = next(
        (a for a in reversed(people) if a.start - sentence.start < verb.start() and lookup.country(a.slug) == side),
        None,
    )
    if speaker is None or verb.start() - (speaker.end - sentence.start) > 60:
        return None
    about = [a.slug for a in by_sentence["actors"][index - 1] + people if a.slug != speaker.slug]
    mention = Mention(
        origin=doc.origin,
        sentence=sentence,
        kind="statement",
        trigger=verb.group(),
        actors=[speaker.slug],
        location=None,
        expression=dataclasses.replace(expr),
        direction="past",
        quotes=(),
        trigger_start=verb.start(),
        about=list(dict.fromkeys(about)),
        gist=sentence.text[: speaker.start - sentence.start].strip(" ,"),
    )
    mention.principals = mention.people = [speaker.slug]
    mention.article = doc.display_title
    doc.trace.setdefault(index, []).append(
        f"found statement ('{verb.group()}'): {speaker.slug} is the official sentence {said_in.index + 1} "
        f"quotes unnamed, on '{expr.text}'"
    )
    return mention
