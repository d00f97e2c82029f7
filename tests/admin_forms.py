"""POST data for the admin's change forms, as a browser would send them."""


def event_form(event, **changes):
    """The event change form, with empty actor and citation inlines."""
    data = {
        "title": event.title,
        "slug": event.slug,
        "kind": event.kind,
        "location": event.location,
        "summary": event.summary,
        "status": event.status,
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat() if event.date_end else "",
        "date_precision": event.date_precision,
        "date_note": event.date_note,
        "confidence": str(event.confidence),
    }
    for prefix in ("participations", "citations"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data
