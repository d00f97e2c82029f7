"""Upgrading a database that holds data: the editors' migration keeps every publisher and status."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("timeline", "0004_event_indexes_hold_ids")]
AFTER = [("timeline", "0005_editors_decisions")]


@pytest.mark.django_db(transaction=True)
def test_publishers_become_outlets_and_extracted_becomes_proposed():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Source, Event = old.get_model("timeline", "Source"), old.get_model("timeline", "Event")
    Source.objects.create(title="A", publisher="TASS", origin="a.txt", text="x")
    Source.objects.create(title="B", publisher="TASS", origin="b.txt", text="y")
    Source.objects.create(title="C", publisher="", origin="c.txt", text="z")
    Event.objects.create(title="E", slug="e", date_start=date(2023, 3, 21), status="extracted")
    Event.objects.create(title="F", slug="f", date_start=date(2023, 3, 22), status="reviewed")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Source, Event, Outlet = (new.get_model("timeline", name) for name in ("Source", "Event", "Outlet"))
    assert list(Outlet.objects.values_list("name", flat=True)) == ["TASS"]
    assert dict(Source.objects.values_list("origin", "outlet__name")) == {
        "a.txt": "TASS",
        "b.txt": "TASS",
        "c.txt": None,
    }
    assert dict(Event.objects.values_list("slug", "status")) == {"e": "proposed", "f": "reviewed"}
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # leave the database as the other tests expect
