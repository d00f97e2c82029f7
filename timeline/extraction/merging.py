"""Merging the mentions that report the same event, within an article and across articles."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from .similarity import compatible_kinds, linked, quote_keys, shared_quote, similarity


@dataclass
class Cluster:
    members: list = field(default_factory=list)
    attached: list = field(default_factory=list)  # undated or states-only reports matched by quote
    reasons: list[str] = field(default_factory=list)
    common: tuple | None = None  # the days every member's date allows
    pinned: tuple | None = None  # the one span its day-precise members share, if any
    visit: object = None  # the visit whose days hold a summit among the members: its dates are the event's

    @classmethod
    def of(cls, mention):
        return cls(members=[mention], common=span(mention), pinned=span(mention) if _pinned(mention) else None)

    def can_join(self, other, nested=False) -> bool:
        """Intervals that pairwise overlap share a common day, so comparing summaries is enough.
        `nested`: a summit held during a visit, whose pinned days lie within the visit's."""
        lo, hi = max(self.common[0], other.common[0]), min(self.common[1], other.common[1])
        pinned_ok = self.pinned is None or other.pinned is None or self.pinned[0] == other.pinned[0]
        pinned_ok = pinned_ok or (nested and _within(self.pinned, other.pinned))
        return lo <= hi and pinned_ok and len(self.groups() | other.groups()) <= 1

    def groups(self) -> set[str]:
        """What kind of happening the cluster is; words said and unspecified talks fit any."""
        return {m.group for m in self.members} - {"statement", "talk"}

    def absorb(self, other, reason):
        self.members += other.members
        self.reasons += [reason, *other.reasons]
        self.common = (max(self.common[0], other.common[0]), min(self.common[1], other.common[1]))
        if self.pinned is None or (other.pinned and _within(self.pinned, other.pinned)):
            self.pinned = other.pinned if other.pinned and _length(other.pinned) > _length(self.pinned) else self.pinned


def _length(days) -> int:
    return (days[1] - days[0]).days if days else -1


def _within(a, b) -> bool:
    """One span of days lies inside the other."""
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def span(mention):
    cached = getattr(mention, "span_cache", None)
    if cached is None or cached[0] is not mention.date:
        start = mention.date.start - timedelta(days=ONGOING_DAYS) if _ongoing(mention) else mention.date.start
        cached = (mention.date, (start, mention.date.end or _period_end(mention.date)))
        mention.span_cache = cached
    return cached[1]


ONGOING_DAYS = 3


def _ongoing(mention) -> bool:
    """'Putin is in Beijing' in an article of the 19th may be the visit that began on the 17th."""
    return mention.expression is None and mention.date.precision == "day"


def _pinned(mention) -> bool:
    return mention.specificity >= 3


def _period_end(resolved):
    from timeline.date_labels import period_end

    return period_end(resolved.start, resolved.precision)


def overlap(a, b) -> bool:
    (a0, a1), (b0, b1) = span(a), span(b)
    return a0 <= b1 and b0 <= a1


def _precise_conflict(a, b) -> bool:
    """Two reports each pinned to their own days are different events unless they start on the
    same day: the talks on the first day of a visit open it, the talks two days later are their own."""
    return _pinned(a) and _pinned(b) and span(a)[0] != span(b)[0]


def summit_of_visit(a, b) -> bool:
    """'Putin arrived on a four-day visit to China to attend the SCO summit': the summit held in
    the country he visits, on a day of his visit, is what the visit was for."""
    summit, visit = (a, b) if a.kind == "summit" else (b, a)
    return (
        summit.kind == "summit"
        and visit.kind == "visit"
        and visit.date.end is not None
        and _within(span(visit), span(summit))
        and bool(set(summit.people) & set(visit.people))
        and bool(summit.where)
        and summit.where == visit.where
    )


def pair_reason(a, b) -> str | None:
    """Why a and b are the same event, or None."""
    if summit_of_visit(a, b) and (a.origin != b.origin or _same_people(a, b)):
        return f"“{a.article}” and “{b.article}”: a summit on a day of the visit, in the country visited"
    if not overlap(a, b) or _precise_conflict(a, b):
        return None
    words = _words_at_encounter(a, b) or _words_at_encounter(b, a)
    if words:
        return words
    if not compatible_kinds(a, b, []) and not (a.origin != b.origin and shared_quote(a, b)):
        return None
    if a.kind == "statement" and a.actors[:1] != b.actors[:1]:
        return None  # two speakers, two statements
    if a.origin == b.origin:
        return _same_article(a, b)
    if not linked(a, b):
        return None
    return f"“{a.article}” and “{b.article}”: " + "; ".join(similarity(a, b)[1])


def _same_article(a, b) -> str | None:
    score, reasons = similarity(a, b)
    near = abs(a.sentence.index - b.sentence.index) <= 2
    shared = set(a.people) & set(b.people)
    one_day = span(a)[0] == span(b)[0]
    # Wang Yi meeting Lavrov, then Putin, on one day of one trip is one visit to Moscow.
    if (score >= 1 or near) and (_same_people(a, b) or (a.group == "encounter" and one_day and shared)):
        return f"“{a.article}”: the same {a.group} told twice" + (f" ({'; '.join(reasons)})" if reasons else "")
    return None


def _words_at_encounter(statement, event) -> str | None:
    """'Putin said on Thursday he understood Xi's concerns', on the day the two met: what a leader
    says of the other on the day they meet or speak is part of that meeting, not an event of its own."""
    if statement.kind != "statement" or event.kind == "statement" or event.group not in ("encounter", "call", "talk"):
        return None
    speaker = statement.actors[0] if statement.actors else None
    others = set(statement.about) - {speaker}
    one_day = _pinned(statement) and _pinned(event) and span(statement)[0] == span(event)[0]
    about_it = others & set(event.people) or statement.refers_back  # "his visit is aimed at ..."
    if one_day and _body_of_a_side(statement, event):
        return f"“{statement.article}”: what {speaker} said that day is about the {event.kind}"
    if not one_day or speaker not in event.people or not about_it:
        return None
    return f"“{statement.article}”: {speaker}'s words on the day of the {event.kind} belong to it"


def _body_of_a_side(statement, event) -> bool:
    """'An exchange of views took place,' the Russian Foreign Ministry said on the day Lavrov met
    Li Hui: a side's own body reporting its talks, naming nobody else, reports that meeting."""
    return (
        not statement.people
        and not statement.about_people
        and bool(statement.speaker_countries & event.people_countries)
    )


def _same_people(a, b) -> bool:
    """Within one article, two reports are one event only if one's people include the other's:
    Putin meeting Wang and Wang meeting Lavrov on different days are two meetings."""
    pa, pb = set(a.people), set(b.people)
    return pa <= pb or pb <= pa


def merge(mentions) -> list[Cluster]:
    clusters = {id(m): Cluster.of(m) for m in mentions}
    owner = {id(m): id(m) for m in mentions}
    mentions = sorted(mentions, key=span)
    pairs = []
    for i, a in enumerate(mentions):
        a_end = span(a)[1]
        # Sorted by start: once b starts after a ends, no later b can overlap a.
        for j in range(i + 1, len(mentions)):
            b = mentions[j]
            if span(b)[0] > a_end:
                break
            reason = pair_reason(a, b)
            if reason:
                pairs.append((-similarity(a, b)[0], i, j, reason))
    for _, i, j, reason in sorted(pairs):
        left, right = owner[id(mentions[i])], owner[id(mentions[j])]
        nested = summit_of_visit(mentions[i], mentions[j])
        if left == right or not clusters[left].can_join(clusters[right], nested):
            continue
        clusters[left].absorb(clusters[right], reason)
        if nested:
            clusters[left].visit = next(m for m in (mentions[i], mentions[j]) if m.kind == "visit")
        for member in clusters.pop(right).members:
            owner[id(member)] = left
    return list(clusters.values())


def _reported_after(extra, member) -> bool:
    """An article cannot report, as past, an event later than itself."""
    written = extra.reference_day
    return written is None or member.date.start <= written + timedelta(days=31)


def _same_side(extra, member, countries) -> bool:
    """The same people, or 'China and Russia declared ...' quoting what their leaders said."""
    if set(extra.actors) & set(member.actors):
        return True
    return bool(extra.weak and {countries.get(s) for s in extra.actors} & {countries.get(s) for s in member.people})


def attach(clusters, extras, countries=None) -> None:
    """Undated or states-only reports join the event whose quoted words they share.
    `countries` maps actor slugs to their countries, for reports that name only states."""
    countries = countries or {}
    index = defaultdict(list)
    for cluster in clusters:
        for member in cluster.members:
            for key in quote_keys(member):
                index[key].append((cluster, member))
    for extra in extras:
        best = None
        candidates = {id(m): (c, m) for key in quote_keys(extra) for c, m in index.get(key, ())}
        for cluster, member in candidates.values():
            quote = shared_quote(extra, member) if _same_side(extra, member, countries) else None
            dates_fit = overlap(extra, member) if extra.date else _reported_after(extra, member)
            if quote and dates_fit and (best is None or len(quote) > len(best[1])):
                best = (cluster, quote)
        if best:
            best[0].attached.append(extra)
            best[0].reasons.append(f"“{extra.article}” quotes the same words “{best[1]}”")
