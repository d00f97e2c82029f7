"""The trace of one article in words: for every sentence, why it became an event or did not."""

import textwrap

QUOTE_CHARS = 110


def explain_document(doc, extraction) -> str:
    reference = extraction.references[doc.origin]
    when = reference.day or reference.year or "unknown"
    lines = [f"{doc.origin}: {doc.title}", f"  read against: {when} ({reference.note or 'no reasoning recorded'})"]
    for sentence in doc.sentences:
        text = sentence.text if len(sentence.text) <= QUOTE_CHARS else sentence.text[: QUOTE_CHARS - 1] + "…"
        lines.append(f"  [{sentence.index + 1}] {text}")
        for why in doc.trace.get(sentence.index, ["no event: not read"]):
            lines.append(textwrap.indent(why, "        → "))
    events = [e for e in extraction.events if any(c.origin == doc.origin for c in e.citations)]
    lines.append(f"  events citing it: {len(events)}")
    lines += [
        f"    {e.date_label}: {e.title} ({e.kind})" + (f" — {e.merge_note}" if e.merge_note else "") for e in events
    ]
    return "\n".join(lines)
