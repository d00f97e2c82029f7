"""Download names that say what was exported and when, e.g.
timeline-xi-jinping-2023-20261123.csv."""

import re
from datetime import date

from django.utils import timezone
from django.utils.text import slugify

MAX_STEM = 80


def export_filename(words: list[str], extension: str, today: date | None = None) -> str:
    """Only ASCII letters, digits, hyphens and underscores, so the name is safe in a header and on any disk."""
    today = today or timezone.localdate()
    # Punctuation separates words ("a/b" → "a-b") rather than gluing them together.
    spaced = re.sub(r"[\W_]+", "-", "-".join(["timeline", *words]))
    stem = slugify(spaced)[:MAX_STEM].rstrip("-")
    return f"{stem or 'timeline'}-{today:%Y%m%d}.{extension}"
