"""On SQLite an editor's save must not wait for, or fail behind, a long read
such as a big CSV export (the load test found saves failing with "database is
locked" in SQLite's default journal). Checked on a real database file, in a
fresh process with the project's settings; the test database is in memory."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a child process with a database of its own

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, threading, time, django
django.setup()
from django.core.management import call_command
from django.db import connection, connections, transaction
call_command("migrate", verbosity=0)
from timeline.models import Actor
Actor.objects.bulk_create([Actor(name=f"Actor {n}", slug=f"actor-{n}") for n in range(2000)])
journal = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
reader = connection.cursor()
reader.execute("SELECT id, name FROM timeline_actor")
reader.fetchmany(10)  # a read still streaming, like an export half sent
outcome = {}
def save():
    started = time.perf_counter()
    try:
        with transaction.atomic():
            Actor.objects.filter(slug="actor-1").update(name="Edited")
        outcome["save"] = "ok"
    except Exception as error:
        outcome["save"] = f"{type(error).__name__}: {error}"
    finally:
        outcome["seconds"] = time.perf_counter() - started
        connections.close_all()
thread = threading.Thread(target=save)
thread.start()
thread.join(30)
reader.fetchall()
print(json.dumps({"journal": journal, **outcome}))
"""


def test_an_editors_save_goes_through_while_a_long_read_is_streaming(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="chronicle.settings", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["journal"] == "wal"
    assert outcome["save"] == "ok", outcome
