"""Where editors bring in articles, review what the extractor proposes, and correct
events, actors and sources. One module per part of that work."""

from . import decisions, events, reference, review, sources  # noqa: F401  (each registers its admins)
