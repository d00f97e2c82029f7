"""Build a fresh database, fill it with N synthetic events, and measure the
pages, the search, the exports and the extractor, warm and in-process.

    python -m benchmarks.run --events 100000            # temporary SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m benchmarks.run
        # creates chronicle_bench on that server, and drops it afterwards

Prints a table and writes bench-results.json (medians) for comparing runs.
"""

import argparse
import os
import sys
import time

from .database import fresh_database

# Up to this many events every export is warmed, repeated and its memory traced; above, each runs once.
FULL_MEASURES_UP_TO = 100_000


def arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events to generate (default 100,000)")
    parser.add_argument("--seed", type=int, default=1, help="seed for the synthetic data (default 1)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=30,
        help="timed repetitions per page (default 30; fewer, at least 5, once a page has taken 10 s)",
    )
    parser.add_argument(
        "--export-repeat",
        type=int,
        help="timed repetitions per export (default 30; 1 above 100,000 events, where one JSON export takes a minute)",
    )
    parser.add_argument(
        "--varied",
        type=int,
        default=300,
        help="distinct actor x kind x period filters for the varied run (default 300)",
    )
    parser.add_argument(
        "--articles", type=int, default=1000, help="generated articles for the extractor (default 1,000)"
    )
    parser.add_argument("--output", default="bench-results.json", help="where to write the results")
    parser.add_argument("--database-name", default="chronicle_bench", help="PostgreSQL: the database to create")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument(
        "--sqlite-cache-mb",
        type=int,
        help="what-if: give each SQLite connection this page cache (PRAGMA cache_size) instead of the default 2 MB",
    )
    return parser.parse_args(argv)


def main(argv=None):
    started = time.perf_counter()
    args = arguments(argv)
    args.started = started  # the whole run is timed: issue 13 asks a million events of it within 15 minutes
    if args.export_repeat is None:
        args.export_repeat = 30 if args.events <= FULL_MEASURES_UP_TO else 1
    database = fresh_database(args.database_name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")
    # Persistent connections, as the README asks of a production server: a new
    # PostgreSQL connection for every request would add milliseconds to each.
    os.environ.setdefault("DJANGO_CONN_MAX_AGE", "600")
    import django

    django.setup()
    from django.conf import settings

    # Measure the app as served, not the debug toolbar of it: no query log, no debug templates.
    settings.DEBUG = False
    if args.sqlite_cache_mb:
        sqlite_page_cache(args.sqlite_cache_mb)
    try:
        return run(args, database.label)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"kept the benchmark database: {database.url}")
        else:
            database.drop()


def sqlite_page_cache(megabytes: int):
    from django.db.backends.signals import connection_created

    def configure(sender, connection, **kwargs):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {-1024 * int(megabytes)}")

    connection_created.connect(configure, weak=False)


def generate_elsewhere(events: int, seed: int):
    """Fills the database from a child process, so that the measuring process
    starts like a server's: its garbage collector then never walks the
    generator's millions of objects (that alone made the partial 40% slower)."""
    import subprocess
    from pathlib import Path

    manage = Path(__file__).resolve().parent.parent / "manage.py"
    command = [sys.executable, str(manage), "generate_events", "--events", str(events), "--seed", str(seed)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def settle_database():
    """Measure the database as it would be served, long after its load: on SQLite, whatever the
    generator left in the write-ahead log is checkpointed into the database file and the log emptied,
    so no figure can depend on it. The generator's connection usually does that as it closes (the
    runs so far found 0 pages); the line printed says which."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        busy, log_frames, _ = cursor.fetchone()
    print(f"SQLite write-ahead log checkpointed ({log_frames:,} pages{', busy' if busy else ''})")


def row_counts() -> dict:
    from timeline.models import Actor, Citation, Event, Participation, Source

    models = {
        "actors": Actor,
        "sources": Source,
        "events": Event,
        "participations": Participation,
        "citations": Citation,
    }
    return {name: model.objects.count() for name, model in models.items()}


def run(args, label):
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from .extraction import arrival_ms, extraction_rate
    from .measure import PeakRss, Unavailable, count_calls, fetch, nothing, peak_memory, reference_loop_ms, timed
    from .report import print_table, verdicts, write_results
    from .scenarios import export_scenarios, page_scenarios, partial_sizes
    from .varied import varied_run

    cache_note = f", SQLite page cache {args.sqlite_cache_mb} MB" if args.sqlite_cache_mb else ""
    print(f"Chronicle benchmark: {args.events:,} events on {label}{cache_note}")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    generate_elsewhere(args.events, args.seed)
    generate_s = time.perf_counter() - started
    settle_database()
    counts = row_counts()
    print(f"generated {', '.join(f'{n:,} {name}' for name, n in counts.items())} in {generate_s:.1f} s")

    yardstick_before = reference_loop_ms()
    print(f"machine speed: a fixed Python loop takes {yardstick_before:.1f} ms (lower is faster)")
    client = Client()
    results, rows = {"events": args.events}, []
    for scenario in page_scenarios() + export_scenarios():
        row = {"label": scenario.label, "key": scenario.key, "url": scenario.url}
        repeat = args.export_repeat if scenario.rows is not None else args.repeat
        try:
            # An export is long enough to warm itself; above 100,000 events it is not run untimed at all,
            # and its memory is watched in its one timed run instead of two runs more (one of them traced,
            # and slower: they took four minutes of a million-event run).
            warmup = (1 if args.events <= FULL_MEASURES_UP_TO else 0) if scenario.rows is not None else 3
            watch = PeakRss() if scenario.memory and args.events > FULL_MEASURES_UP_TO else None
            before = watch.start if watch else cache.clear if scenario.cold else nothing
            timing = timed(lambda s=scenario: fetch(client, s.url, s.headers), repeat, warmup, before)
        except Unavailable as exc:
            rows.append(row | {"error": str(exc)})
            print(f"  {scenario.label}: n/a ({exc})", flush=True)
            continue
        row |= {
            "median_ms": timing.median_ms,
            "p95_ms": timing.p95_ms,
            "cpu_ms": timing.cpu_median_ms,
            "queries": timing.queries,
        }
        if scenario.rows is not None:
            row["rows"] = scenario.rows
            row["rows_per_s"] = scenario.rows / (timing.median_ms / 1000)
        if scenario.cold:  # one more request, untimed, for its count of function calls
            cache.clear()
            row["calls"] = count_calls(lambda s=scenario: fetch(client, s.url, s.headers))
        if watch:
            row["rss_mb"] = watch.grown_mb()
        elif scenario.memory:
            memory = peak_memory(lambda s=scenario: fetch(client, s.url, s.headers))
            row |= {"peak_mb": memory.traced_peak_mb, "rss_mb": memory.rss_peak_mb}
        rows.append(row)
        print(f"  {scenario.label}: {timing.median_ms:.1f} ms median ({timing.cpu_median_ms:.1f} ms CPU)", flush=True)

    by_key = {row["key"]: row for row in rows if not row.get("error")}
    for key in ("page_full_ms", "page_filtered_ms", "search_ms", "event_page_ms"):
        results[key] = by_key.get(key, {}).get("median_ms")
        results[f"cold_{key}"] = by_key.get(f"cold_{key}", {}).get("median_ms")
        results[f"cold_{key.removesuffix('_ms')}_cpu_ms"] = by_key.get(f"cold_{key}", {}).get("cpu_ms")
        results[f"cold_{key.removesuffix('_ms')}_calls"] = by_key.get(f"cold_{key}", {}).get("calls")
    results |= partial_sizes(client)
    per_event = results["partial_bytes_per_event"] or 0
    print(f"  partial: {results['partial_kb']:.1f} KB, {per_event:.0f} bytes per listed event")
    varied = varied_run(client, args.varied, args.seed)
    results |= varied.results
    rows.extend(varied.rows)
    for fmt in ("csv", "json"):
        results[f"{fmt}_rows_per_s"] = by_key.get(f"{fmt}_all", {}).get("rows_per_s")
    results["csv_peak_mb"] = by_key.get("csv_all", {}).get("peak_mb")

    extraction = {"label": f"extraction, {args.articles:,} articles (per s)"}
    try:
        rate, found = extraction_rate(args.articles, args.seed)
        results["extract_articles_per_s"] = rate
        extraction |= {"rows_per_s": rate, "events_found": found}
    except Unavailable as exc:
        results["extract_articles_per_s"] = None
        extraction["error"] = str(exc)
    rows.append(extraction)
    arrival = {"label": "add one article and propose its events"}
    try:
        ms, context = arrival_ms(args.seed)
        results["add_article_ms"] = ms
        arrival |= {"median_ms": ms, "label": f"add one article, read with {context} others (ms)"}
    except Unavailable as exc:
        results["add_article_ms"] = None
        arrival["error"] = str(exc)
    rows.append(arrival)

    yardstick_after = reference_loop_ms()
    print()
    print_table(rows)
    print(f"\nmachine speed: the fixed loop took {yardstick_before:.1f} ms before and {yardstick_after:.1f} ms after")
    print("function calls per cold request (the same however busy the machine is):")
    counted = [f"{row['label'].removesuffix(', cold')} {row['calls']:,}" for row in rows if row.get("calls")]
    print("  " + "; ".join(counted))
    results["run_s"] = time.perf_counter() - args.started
    minutes, seconds = divmod(round(results["run_s"]), 60)
    print(f"the whole run: {minutes} min {seconds} s (issue 13: within 15 min for 1,000,000 events)")
    print()
    print("Targets (issues 6 and 13; set for 100,000 events on SQLite):")
    for line in verdicts(results):
        print(f"  {line}")
    details = {
        "database": label,
        "sqlite_cache_mb": args.sqlite_cache_mb,
        "seed": args.seed,
        "generate_s": generate_s,
        "reference_loop_ms": [yardstick_before, yardstick_after],
        "counts": counts,
        "measures": rows,
    }
    write_results(args.output, results, details)
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
