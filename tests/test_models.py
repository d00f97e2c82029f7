from datetime import date

import pytest
from django.db import IntegrityError, transaction

from timeline.date_labels import date_label
from timeline.models import Event


@pytest.mark.parametrize(
    "start, end, precision, expected",
    [
        (date(2022, 9, 12), None, "day", "12 September 2022"),
        (date(2022, 9, 15), date(2022, 9, 16), "day", "15–16 September 2022"),
        (date(2023, 3, 20), date(2023, 3, 22), "day", "20–22 March 2023"),
        (date(2022, 9, 30), date(2022, 10, 2), "day", "30 September – 2 October 2022"),
        (date(2022, 12, 30), date(2023, 1, 2), "day", "30 December 2022 – 2 January 2023"),
        (date(2022, 9, 12), date(2022, 9, 12), "day", "12 September 2022"),
        (date(2022, 2, 1), None, "month", "February 2022"),
        (date(2022, 2, 1), date(2022, 3, 31), "month", "February–March 2022"),
        (date(2022, 12, 1), date(2023, 1, 31), "month", "December 2022 – January 2023"),
        (date(2022, 1, 1), None, "year", "2022"),
        (date(2022, 1, 1), date(2023, 12, 31), "year", "2022–2023"),
    ],
)
def test_date_label_says_only_what_the_precision_supports(start, end, precision, expected):
    assert date_label(start, end, precision) == expected


@pytest.mark.parametrize(
    "fields",
    [
        {"date_start": date(2022, 9, 16), "date_end": date(2022, 9, 15)},
        {"date_start": date(2022, 9, 12), "date_precision": "month"},
        {"date_start": date(2022, 9, 1), "date_precision": "year"},
        {"date_start": date(2022, 9, 1), "date_precision": "week"},
        {"date_start": date(2022, 9, 1), "kind": "party"},
    ],
)
def test_database_rejects_dishonest_dates_and_unknown_choices(db, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(title="Bad", slug="bad", **fields)


def test_database_accepts_honest_month_and_year_precision(db):
    Event.objects.create(title="Month", slug="m", date_start=date(2022, 2, 1), date_precision="month")
    Event.objects.create(title="Year", slug="y", date_start=date(2022, 1, 1), date_precision="year")
    assert Event.objects.count() == 2


def test_overlapping_treats_month_precision_as_the_whole_month(make_event):
    month = make_event(title="February", date_start=date(2022, 2, 1), date_precision="month")
    day = make_event(title="Day", date_start=date(2022, 2, 24))
    ranged = make_event(title="Range", date_start=date(2022, 1, 30), date_end=date(2022, 2, 2))
    found = set(Event.objects.overlapping(date(2022, 2, 10), date(2022, 2, 28)))
    assert found == {month, day}
    assert set(Event.objects.overlapping(date(2022, 2, 2), None)) == {month, day, ranged}
    assert set(Event.objects.overlapping(None, date(2022, 1, 31))) == {ranged}


def test_protected_events_are_the_edited_and_the_reviewed(make_event):
    make_event(title="Plain")
    edited = make_event(title="Edited", edited=True)
    reviewed = make_event(title="Reviewed", status="reviewed")
    assert set(Event.objects.protected()) == {edited, reviewed}


@pytest.mark.django_db
def test_on_postgresql_the_event_indexes_hold_the_id_for_index_only_scans():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's indexes always hold the row id")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN ('event_dates_idx', 'event_kind_dates_idx')"
        )
        definitions = dict(cursor.fetchall())
    assert "INCLUDE (id)" in definitions["event_kind_dates_idx"]
    assert "INCLUDE (date_precision, id)" in definitions["event_dates_idx"]
