"""Scoring extracted events against a reference (gold) set, by the team's rules
(shared/tools/score_extraction.py), so the project can measure itself.

An extracted event matches a reference event when its start date is accepted
(the exact day, or 'YYYY-MM' / 'YYYY' for month or year precision) and it
shares an actor by name token ('Xi' matches 'Xi Jinping'). Each event matches
at most one reference; an unmatched event that would have matched a found
reference is a duplicate, any other a false positive. An event is "right" when
its kind fits too (meeting, visit and summit are one family) and every person
it names is among the reference's actors; strict precision is right events
over all events shown. Events are dicts in the form /events.json serves."""

import json
import os
import re
from dataclasses import dataclass, field

STOP = {"mr", "ms", "mrs", "president", "the", "of", "and", "de", "van", "von"}
KIND_FAMILY = {"meeting": "encounter", "visit": "encounter", "summit": "encounter"}


class GoldError(ValueError):
    """The reference file cannot be used; the message says why."""


def tokens(name: str) -> set[str]:
    return {t for t in re.findall(r"[a-z0-9]+", name.lower()) if len(t) >= 2 and t not in STOP}


def actor_name(actor) -> str:
    return actor if isinstance(actor, str) else actor.get("name", "")


def actors_overlap(gold_actors, extracted_actors) -> bool:
    extracted = set().union(*(tokens(actor_name(a)) for a in extracted_actors))
    return any(tokens(g) & extracted for g in gold_actors)


def is_required(gold) -> bool:
    return gold.get("required", True)


def accepted_starts(gold) -> list[str]:
    if gold.get("accept_start"):
        return gold["accept_start"]
    start, precision = gold["date_start"], gold.get("precision", "day")
    return [start[:7]] if precision == "month" else [start[:4]] if precision == "year" else [start]


def date_ok(gold, event) -> bool:
    start = (event.get("date_start") or "")[:10]
    precision = event.get("date_precision") or "day"
    # A month or year is only accepted from an event that claims no more than that.
    return any(
        (len(accepted) == 10 and start == accepted)
        or (len(accepted) == 7 and precision == "month" and start[:7] == accepted)
        or (len(accepted) == 4 and precision == "year" and start[:4] == accepted)
        for accepted in accepted_starts(gold)
    )


def kind_ok(gold, event) -> bool:
    kinds = gold.get("kind") or []
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if not kinds or not event.get("kind"):
        return True
    family = KIND_FAMILY.get(event["kind"], event["kind"])
    return any(KIND_FAMILY.get(k, k) == family for k in kinds)


def people_ok(gold, event, actor_kinds=None) -> bool:
    """Every person the event names shares a name token with a reference actor.

    States and bodies are not checked; a name missing from `actor_kinds` counts as a person."""
    gold_tokens = [tokens(g) for g in gold["actors"]]
    for name in map(actor_name, event.get("actors", [])):
        if (actor_kinds or {}).get(name, "person") != "person":
            continue
        if tokens(name) and not any(tokens(name) & g for g in gold_tokens):
            return False
    return True


def matches(gold, event) -> bool:
    return date_ok(gold, event) and actors_overlap(gold["actors"], event.get("actors", []))


def assign(golds, events) -> dict[int, int]:
    """Maximum bipartite matching (gold index -> event index), required references first."""
    owner = {}  # event index -> gold index

    def try_gold(gi, seen):
        for ei, event in enumerate(events):
            if ei in seen or not matches(golds[gi], event):
                continue
            seen.add(ei)
            if ei not in owner or try_gold(owner[ei], seen):
                owner[ei] = gi
                return True
        return False

    order = [i for i, g in enumerate(golds) if is_required(g)] + [i for i, g in enumerate(golds) if not is_required(g)]
    for gi in order:
        try_gold(gi, set())
    return {gi: ei for ei, gi in owner.items()}


def source_origins(event) -> set[str]:
    out = set()
    for source in event.get("sources", []):
        if isinstance(source, dict):
            out |= {os.path.basename(str(source[key])) for key in ("origin", "title", "url") if source.get(key)}
        else:
            out.add(os.path.basename(str(source)))
    return out


@dataclass
class Score:
    events: int
    required_total: int
    required_found: int = 0
    matched: int = 0
    false_positives: int = 0
    duplicates: int = 0
    exact_dates: int = 0
    merged: int = 0
    multi_source: int = 0
    right: int = 0
    lines: list[str] = field(default_factory=list, repr=False)  # the per-reference report

    @property
    def recall(self) -> float:
        return self.required_found / self.required_total if self.required_total else 1.0

    @property
    def precision(self) -> float:
        shown = self.matched + self.false_positives
        return self.matched / shown if shown else 0.0

    @property
    def strict_precision(self) -> float:
        return self.right / self.events if self.events else 0.0


@dataclass(frozen=True)
class Thresholds:
    min_recall: float = 0.0
    min_precision: float = 0.0
    min_strict_precision: float = 0.0
    max_duplicates: int | None = None
    require_merged: bool = False

    def met_by(self, result: Score) -> bool:
        return (
            result.recall >= self.min_recall
            and result.precision >= self.min_precision
            and result.strict_precision >= self.min_strict_precision
            and (self.max_duplicates is None or result.duplicates <= self.max_duplicates)
            and (not self.require_merged or result.merged == result.multi_source)
        )


def exact(gold, event) -> bool:
    same_start = (event.get("date_start") or "")[:10] == gold["date_start"]
    return same_start and (not gold.get("date_end") or (event.get("date_end") or "")[:10] == gold["date_end"])


def tally_match(result: Score, gold, event, actor_kinds) -> str:
    """Counts a found reference into `result`; returns its report line."""
    required, ok_exact = is_required(gold), exact(gold, event)
    result.required_found += required
    result.exact_dates += required and ok_exact
    is_right = kind_ok(gold, event) and people_ok(gold, event, actor_kinds)
    result.right += is_right
    sources = set(gold.get("sources", []))
    unmerged = ""
    if len(sources) > 1 and required:
        result.multi_source += 1
        result.merged += sources <= source_origins(event)
        missing = sources - source_origins(event)
        unmerged = f" UNMERGED (not citing {', '.join(sorted(missing))})" if missing else ""
    wrong = ("" if is_right else " WRONG " + ("kind" if not kind_ok(gold, event) else "people")) + unmerged
    return (
        f"  ok   {tag(gold)} {gold['id']}: got {event.get('date_start')}..{event.get('date_end')} "
        f"[{event.get('date_precision')}] {'exact' if ok_exact else 'accepted'}{wrong} — {event.get('title', '')[:70]}"
    )


def tag(gold) -> str:
    return "REQ" if is_required(gold) else "opt"


def miss_line(gold) -> str:
    return f"  MISS {tag(gold)} {gold['id']}: {gold['date_start']} {', '.join(gold['actors'])}"


def dup_line(event) -> str:
    return f"  DUP  {event.get('date_start')} {event.get('title', '')[:80]}"


def fp_line(event) -> str:
    names = "; ".join(map(actor_name, event.get("actors", [])))
    return f"  FP   {event.get('date_start')} [{event.get('date_precision')}] {event.get('title', '')[:80]} ({names})"


def leftovers(golds, events, by_gold) -> tuple[list, list]:
    """The unmatched events: (duplicates of a found reference, false positives)."""
    found = [golds[gi] for gi in sorted(by_gold)]
    taken = set(by_gold.values())
    dups, fps = [], []
    for ei, event in enumerate(events):
        if ei not in taken:
            (dups if any(matches(gold, event) for gold in found) else fps).append(event)
    return dups, fps


def score(golds, events, actor_kinds=None) -> Score:
    """`actor_kinds` maps an actor's name to its kind ("person", "state", ...)."""
    by_gold = assign(golds, events)
    result = Score(events=len(events), required_total=sum(map(is_required, golds)), matched=len(by_gold))
    for gi, gold in enumerate(golds):
        found = gi in by_gold
        result.lines.append(tally_match(result, gold, events[by_gold[gi]], actor_kinds) if found else miss_line(gold))
    dups, fps = leftovers(golds, events, by_gold)
    result.duplicates, result.false_positives = len(dups), len(fps)
    result.lines += [dup_line(event) for event in dups] + [fp_line(event) for event in fps]
    return result


def summary_line(result: Score, thresholds: Thresholds | None = None) -> str:
    verdict = "PASS" if (thresholds or Thresholds()).met_by(result) else "FAIL"
    return (
        f"{verdict}: required {result.required_found}/{result.required_total} "
        f"· precision {result.precision:.2f} ({result.false_positives} false) "
        f"· exact dates {result.exact_dates}/{result.required_total} "
        f"· merged {result.merged}/{result.multi_source} · duplicates {result.duplicates} "
        f"· strict precision {result.strict_precision:.2f} ({result.right} right of {result.events} events)"
    )


def parse_gold(text: str) -> list[dict]:
    """The reference events of a gold file: {"events": [{id, date_start, actors, ...}]}."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldError(f"not JSON ({exc})") from None
    golds = data.get("events") if isinstance(data, dict) else None
    if not isinstance(golds, list):
        raise GoldError('expected an object with an "events" list')
    for i, gold in enumerate(golds):
        missing = [key for key in ("id", "date_start", "actors") if not isinstance(gold, dict) or key not in gold]
        if missing:
            raise GoldError(f"event {i + 1} lacks {', '.join(missing)}")
        if not isinstance(gold["actors"], list):
            raise GoldError(f"event {i + 1}: actors must be a list of names")
    return golds
