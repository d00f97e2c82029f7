"""Honest, human date labels: say exactly as much as the stored precision supports."""

import calendar
from datetime import date

DAY, MONTH, YEAR = "day", "month", "year"
DASH = "\u2013"


def month_name(day: date) -> str:
    return calendar.month_name[day.month]


def _day_label(start: date, end: date | None) -> str:
    if end is None or end == start:
        return f"{start.day} {month_name(start)} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{DASH}{end.day} {month_name(end)} {end.year}"
    if start.year == end.year:
        return f"{start.day} {month_name(start)} {DASH} {end.day} {month_name(end)} {end.year}"
    return f"{_day_label(start, None)} {DASH} {_day_label(end, None)}"


def _month_label(start: date, end: date | None) -> str:
    if end is None or (start.year, start.month) == (end.year, end.month):
        return f"{month_name(start)} {start.year}"
    if start.year == end.year:
        return f"{month_name(start)}{DASH}{month_name(end)} {end.year}"
    return f"{month_name(start)} {start.year} {DASH} {month_name(end)} {end.year}"


def _year_label(start: date, end: date | None) -> str:
    if end is None or end.year == start.year:
        return str(start.year)
    return f"{start.year}{DASH}{end.year}"


def date_label(start: date, end: date | None, precision: str) -> str:
    """'12 September 2022', '15–16 September 2022', 'February 2022', '2022'."""
    label = {DAY: _day_label, MONTH: _month_label, YEAR: _year_label}[precision]
    return label(start, end)


def period_end(start: date, precision: str) -> date:
    """The last day a date of this precision could mean."""
    if precision == YEAR:
        return date(start.year, 12, 31)
    if precision == MONTH:
        return date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start


def period_start(day: date, precision: str) -> date:
    if precision == YEAR:
        return date(day.year, 1, 1)
    if precision == MONTH:
        return date(day.year, day.month, 1)
    return day
