"""Whether two mentions report the same happening: shared quoted words, shared
people or bodies, the same place. Used both to date one article by another and
to merge reports into one event."""

from .clauses import normalise_quote

MIN_QUOTE_WORDS = 2


def quote_keys(mention) -> set:
    """Word pairs of a mention's quotes: a short quote inside a longer one still shares one of them."""
    keys = set()
    for quote in mention.quotes:
        words = normalise_quote(quote).split()[:40]
        if len(words) >= MIN_QUOTE_WORDS:
            keys |= {("quote", words[i], words[i + 1]) for i in range(len(words) - 1)}
    return keys


def shared_quote(a, b) -> str | None:
    for qa in a.quotes:
        na = normalise_quote(qa)
        if len(na.split()) < MIN_QUOTE_WORDS:
            continue
        for qb in b.quotes:
            nb = normalise_quote(qb)
            if len(nb.split()) >= MIN_QUOTE_WORDS and (na in nb or nb in na):
                return qa if len(na) <= len(nb) else qb
    return None


def similarity(a, b) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    quote = shared_quote(a, b)
    if quote:
        score += 3
        reasons.append(f"the same quoted words “{quote}”")
    shared = [slug for slug in a.principals if slug in b.principals]
    if shared:
        score += 2 if len(shared) >= 2 else 1
        reasons.append("the same actors (" + ", ".join(shared) + ")")
    if same_place(a, b):
        score += 1
        reasons.append(f"the same place ({a.location or a.where})")
    return score, reasons


def same_place(a, b) -> bool:
    """'Beijing' and 'China' are one place for this purpose: a city lies in its country."""
    if a.location and a.location == b.location:
        return True
    return bool(a.where and a.where == b.where)


def compatible_kinds(a, b, score_reasons) -> bool:
    if a.group == b.group:
        return True
    if "talk" in (a.group, b.group) and {a.group, b.group} <= {"talk", "call", "encounter"}:
        return True  # "they discussed ..." fits a call or a meeting
    return any(r.startswith("the same quoted words") for r in score_reasons)


def linked(a, b) -> bool:
    """Reports in two articles of one event: shared quoted words, or the same kind of event with
    the same principals (two of them, or one in the same place, or one when neither is a meeting)."""
    if shared_quote(a, b):
        return True
    shared = shared_principals(a, b)
    if not compatible_kinds(a, b, []) or not shared:
        return False
    if shared >= 2 or same_place(a, b):
        return True
    if a.group == "encounter" and one_day(a, b):
        return True  # Li Qiang meets Mishustin, and then Putin, on the day of his visit: one round of talks
    return a.group in ("statement", "other", "summit") and a.date.start == b.date.start


def one_day(a, b) -> bool:
    """Both pinned to the same single day."""
    days = {(m.date.start, m.date.end or m.date.start, m.date.precision) for m in (a, b)}
    return len(days) == 1 and next(iter(days))[2] == "day" and a.date.end is None


def shared_principals(a, b) -> int:
    return sum(1 for slug in a.principals if slug in b.principals)


def linked_for_dating(a, b) -> bool:
    """Stricter than `linked`: one article dates another only through the same quoted words, or
    two principals in the same place. Xi and Putin meet every year; only this pins which time."""
    if shared_quote(a, b):
        return True
    return compatible_kinds(a, b, []) and shared_principals(a, b) >= 2 and bool(a.location) and a.location == b.location
