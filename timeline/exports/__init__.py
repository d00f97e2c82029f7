"""Exports of any filtered timeline: JSON, CSV, iCalendar and TimelineJS.

Every format reads the same filtered queryset (timeline.filters) through
`records.export_batches`, and streams its output."""
