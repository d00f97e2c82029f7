"""One plain sentence that says how an event's date was read, for people; the full
reasoning stays one click away."""

from .date_labels import DAY, MONTH, YEAR

PRECISION_WORDS = {MONTH: ", known only to the month", YEAR: ", known only to the year", DAY: ""}


def _day(value) -> str:
    return f"{value.day} {value:%B %Y}"


def article_phrase(source) -> str:
    if source.published_on:
        return f"an article published on {_day(source.published_on)}"
    if source.reference_date:
        return f"an article of about {_day(source.reference_date)} (its date inferred)"
    return "an article of unknown date"


def date_sentence(event, citations) -> str:
    """'Dated 15–16 September 2022 from “Thursday and Friday” in an article published on
    12 September 2022.' The report read first is the one with date words and a stated date."""
    worded = [c for c in citations if c.date_text]
    if not worded:
        return f"Dated {event.date_label}{PRECISION_WORDS.get(event.date_precision, '')}."
    best = min(worded, key=lambda c: (c.source.published_on is None, c.source.reference_date is None, c.pk or 0))
    sentence = f"Dated {event.date_label} from “{best.date_text}” in {article_phrase(best.source)}"
    others = len({c.source_id for c in worded} - {best.source_id})
    if others:
        sentence += f"; {others} other report{'s' if others > 1 else ''} agree{'' if others > 1 else 's'}"
    return sentence + PRECISION_WORDS.get(event.date_precision, "") + "."
