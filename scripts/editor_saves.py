"""An editor saving events while scripts/loadtest.sh runs: each save is what the
admin does (the event row, its edited flag and a history record, in one
transaction). Prints how many saves worked, how many failed and how long they took."""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")

import django  # noqa: E402

django.setup()

from django.db import DatabaseError, transaction  # noqa: E402

from timeline.models import Event  # noqa: E402


def save_one(pk: int, n: int):
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=pk)
        event.summary = f"{event.summary.split(' [edit')[0]} [edit {n}]"
        event.edited = True
        event.save()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60, help="How long to keep saving.")
    parser.add_argument("--interval", type=float, default=0.2, help="Pause between saves, in seconds.")
    args = parser.parse_args()
    pks = list(Event.objects.values_list("pk", flat=True)[:5000])
    durations, failures = [], []
    deadline = time.monotonic() + args.seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        started = time.perf_counter()
        try:
            save_one(random.choice(pks), n)
            durations.append((time.perf_counter() - started) * 1000)
        except DatabaseError as error:
            failures.append(f"{type(error).__name__}: {error}")
        time.sleep(args.interval)
    print(f"saves: {len(durations)} ok, {len(failures)} failed")
    if durations:
        q = statistics.quantiles(durations, n=100, method="inclusive") if len(durations) > 1 else durations * 99
        print(f"save ms: p50 {q[49]:.1f}, p99 {q[98]:.1f}, max {max(durations):.1f}")
    for message in sorted(set(failures))[:5]:
        print(f"failure: {message}")


if __name__ == "__main__":
    main()
