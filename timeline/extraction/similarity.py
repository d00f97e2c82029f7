"""Whether two mentions report the same happening: shared quoted words, shared
people or bodies, the same place. Used both to date one article by another and
to merge reports into one event."""

from .mentions import normalise_quote

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
    if a.location and a.location == b.location:
        score += 1
        reasons.append(f"the same place ({a.location})")
    return score, reasons


def compatible_kinds(a, b, score_reasons) -> bool:
    if a.group == b.group:
        return True
    return any(r.startswith("the same quoted words") for r in score_reasons)


def linked(a, b) -> bool:
    score, reasons = similarity(a, b)
    shared_people = sum(1 for slug in a.principals if slug in b.principals)
    return score >= 3 and (compatible_kinds(a, b, reasons) or shared_people >= 2)
