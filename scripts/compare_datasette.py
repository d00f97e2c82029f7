"""Chronicle against Datasette on one SQLite file: first the same rows for every pair of
requests, then the servers' CPU time per request. scripts/compare_datasette.sh builds the
database, starts both servers and runs this with Chronicle's settings (DATABASE_URL).

Datasette answers with SQL that datasette_sql() writes from Chronicle's filters, dates
overlapping as timeline.models.overlap() has them; tests/test_compare_datasette.py checks
that it finds the same events as Chronicle's filtered_events().
"""

import argparse
import csv
import gzip
import io
import json
import os
import platform
import re
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages

from timeline.date_labels import DAY, MONTH, YEAR, period_end, period_start  # noqa: E402

BROWSER = {"Accept-Encoding": "gzip"}  # what a browser sends: Chronicle compresses its pages, Datasette never
HTMX_RESULTS = {"HX-Request": "true", "HX-Target": "results"}
PER_PAGE = 50
ACTORS = (
    "(SELECT group_concat(a.name, '; ') FROM timeline_participation p JOIN timeline_actor a ON a.id = p.actor_id"
    " WHERE p.event_id = e.id{role}) AS {name}"
)
SOURCES = (
    "(SELECT group_concat(s.{column}, '; ') FROM timeline_source s WHERE s.id IN"
    " (SELECT source_id FROM timeline_citation c WHERE c.event_id = e.id)) AS {name}"
)
# What a listed event shows (its people, how many reports), and what a CSV row holds.
LIST_COLUMNS = (
    "e.id, e.slug, e.title, e.kind, e.date_start, e.date_end, e.date_precision, e.location, e.status, e.quote",
    ACTORS.format(role="", name="actors"),
    "(SELECT count(*) FROM timeline_citation c WHERE c.event_id = e.id) AS reports",
)
CSV_COLUMNS = (
    "e.date_start, e.date_end, e.date_precision, e.kind, e.title, e.summary",
    ACTORS.format(role="", name="actors"),
    "e.location",
    SOURCES.format(column="title", name="sources"),
    SOURCES.format(column="url", name="source_urls"),
    "e.slug, e.status",
    ACTORS.format(role=" AND p.role = 'speaker'", name="speaker"),
    "e.quote",
)
IN_ACTORS = (
    "SELECT event_id FROM timeline_participation WHERE actor_id IN (SELECT id FROM timeline_actor WHERE {actors})"
)
FTS_MATCH = (
    "e.id IN (SELECT rowid FROM timeline_event_fts WHERE timeline_event_fts MATCH :{p}"
    " UNION SELECT event_id FROM timeline_citation WHERE id IN"
    " (SELECT rowid FROM timeline_citation_fts WHERE timeline_citation_fts MATCH :{p}))"
)


# --- The SQL Datasette is asked -----------------------------------------------------------


def overlap_sql(start: date | None, end: date | None) -> tuple[list[str], dict]:
    """timeline.models.overlap() in SQL: events whose days overlap [start, end]; an open-ended
    month (year) event covers its whole month (year)."""
    clauses, params = [], {}
    if end is not None:
        clauses.append("e.date_start <= :end_day")
        params["end_day"] = end.isoformat()
    if start is not None:
        clauses.append(
            "(e.date_end >= :start_day OR (e.date_end IS NULL AND ("
            f"(e.date_precision = '{DAY}' AND e.date_start >= :start_day)"
            f" OR (e.date_precision = '{MONTH}' AND e.date_start >= :start_month)"
            f" OR (e.date_precision = '{YEAR}' AND e.date_start >= :start_year))))"
        )
        params["start_day"] = start.isoformat()
        params["start_month"] = period_start(start, MONTH).isoformat()
        params["start_year"] = period_start(start, YEAR).isoformat()
    return clauses, params


def in_list(column: str, prefix: str, values) -> tuple[str, dict]:
    values = [values] if isinstance(values, str) else list(values)
    params = {f"{prefix}{i}": value for i, value in enumerate(values)}
    return f"{column} IN ({', '.join(':' + name for name in params)})", params


def filter_clauses(filters: dict) -> tuple[list[str], dict]:
    from timeline.filters import parse_partial_date
    from timeline.search import fts5_prefix_query, search_words

    clauses, params = [], {}
    if filters.get("actor"):
        actors, params = in_list("slug", "actor", filters["actor"])
        clauses.append(f"e.id IN ({IN_ACTORS.format(actors=actors)})")
    if filters.get("kind"):
        kinds, kind_params = in_list("e.kind", "kind", filters["kind"])
        clauses.append(kinds)
        params |= kind_params
    start = period_start(*parse_partial_date(filters["start"])) if filters.get("start") else None
    end = period_end(*parse_partial_date(filters["end"])) if filters.get("end") else None
    overlap, overlap_params = overlap_sql(start, end)
    clauses += overlap
    params |= overlap_params
    for i, word in enumerate(search_words(filters.get("q", ""))):
        clauses.append(FTS_MATCH.format(p=f"word{i}"))
        params[f"word{i}"] = fts5_prefix_query(word)
    return clauses, params


def datasette_sql(filters: dict, columns=LIST_COLUMNS, limit: int | None = PER_PAGE) -> tuple[str, dict]:
    """(SQL with named parameters, their values) for Chronicle's `actor` (any of them), `kind`,
    `start`, `end` (YYYY, YYYY-MM or YYYY-MM-DD) and `q`, in Chronicle's order."""
    clauses, params = filter_clauses(filters)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = f"SELECT {', '.join(columns)} FROM timeline_event e{where} ORDER BY e.date_start, e.date_end, e.id"
    return sql + (f" LIMIT {limit}" if limit else ""), params


# --- The pairs ----------------------------------------------------------------------------


@dataclass
class Side:
    path: str
    headers: dict = field(default_factory=dict)
    check: str = ""  # Datasette: the JSON twin of path, whose rows are compared


@dataclass
class Pair:
    key: str
    label: str
    chronicle: Side
    datasette: Side
    rows: str  # how the rows are read: "list" (event ids), "csv" (slugs), "event" (one slug)


def query_path(database: str, filters: dict, suffix: str = "", **options) -> str:
    sql, params = datasette_sql(filters, **options)
    return f"/{database}{suffix}?" + urlencode({"sql": sql, **params})


def pairs(database: str) -> list[Pair]:
    from benchmarks.scenarios import FILTER_KIND, FILTER_YEAR, busiest_person, typical_event

    person, event = busiest_person(), typical_event()
    filters = {"actor": person.slug, "kind": FILTER_KIND, "start": FILTER_YEAR, "end": FILTER_YEAR}
    search = {"q": person.name.split()[-1]}
    table = f"/{database}/timeline_event"
    by_date = "_sort=date_start&_size=50"

    def sql_side(chosen: dict) -> Side:
        return Side(query_path(database, chosen), check=query_path(database, chosen, ".json") + "&_shape=array")

    return [
        Pair(
            "page",
            "first page (Datasette table view)",
            Side("/"),
            Side(f"{table}?{by_date}", check=f"{table}.json?{by_date}&_shape=array"),
            "list",
        ),
        Pair("page_sql", "first page (Datasette SQL page)", Side("/"), sql_side({}), "list"),
        Pair("filtered_page", "filtered page", Side(f"/?{urlencode(filters)}"), sql_side(filters), "list"),
        Pair(
            "filtered_partial",
            "filtered htmx partial",
            Side(f"/?{urlencode(filters)}", HTMX_RESULTS),
            sql_side(filters),
            "list",
        ),
        Pair(
            "search_partial",
            f"search '{search['q']}' partial",
            Side(f"/?{urlencode(search)}", HTMX_RESULTS),
            sql_side(search),
            "list",
        ),
        Pair(
            "event_page",
            "event page",
            Side(f"/events/{event.slug}/"),
            Side(f"{table}/{event.pk}", check=f"{table}/{event.pk}.json?_shape=array"),
            "event",
        ),
        Pair(
            "csv",
            "CSV, filtered",
            Side(f"/events.csv?{urlencode(filters)}"),
            Side(query_path(database, filters, ".csv", columns=CSV_COLUMNS, limit=None) + "&_stream=on"),
            "csv",
        ),
    ]


# --- Fetching and checking ----------------------------------------------------------------


def fetch(base: str, side: Side, path: str | None = None) -> bytes:
    request = urllib.request.Request(base + (path or side.path), headers=BROWSER | side.headers)
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read()
        return gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body


LISTED = re.compile(rb'<article class="event" id="event-(\d+)"')


def chronicle_rows(pair: Pair, body: bytes) -> list[str]:
    if pair.rows == "list":
        return [number.decode() for number in LISTED.findall(body)]
    if pair.rows == "csv":
        return [row["url"].rstrip("/").rsplit("/", 1)[-1] for row in csv.DictReader(io.StringIO(body.decode()))]
    return [pair.chronicle.path.rstrip("/").rsplit("/", 1)[-1]]


def datasette_rows(pair: Pair, base: str) -> list[str]:
    body = fetch(base, pair.datasette)
    if pair.rows == "csv":
        return [row["slug"] for row in csv.DictReader(io.StringIO(body.decode()))]
    rows = json.loads(fetch(base, pair.datasette, pair.datasette.check))
    shown = body.decode()
    missing = [row["slug"] for row in rows if row["slug"] not in shown]
    if missing:
        raise SystemExit(f"{pair.key}: Datasette's page does not show {missing[:3]}")
    return [row["slug"] if pair.rows == "event" else str(row["id"]) for row in rows]


def check_rows(pair: Pair, chronicle: str, datasette: str) -> int:
    """The number of rows both return, the same in the same order; exits when they differ."""
    ours, theirs = chronicle_rows(pair, fetch(chronicle, pair.chronicle)), datasette_rows(pair, datasette)
    if ours != theirs or not ours:
        raise SystemExit(
            f"{pair.key}: the rows differ: Chronicle {len(ours)} {ours[:5]}, Datasette {len(theirs)} {theirs[:5]}"
        )
    return len(ours)


# --- Measuring ----------------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def stat_fields(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd on (the name may hold spaces)


def process_tree(root: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(stat_fields(int(entry.name))[1])
            except (FileNotFoundError, ProcessLookupError):
                continue
    tree, grew = {root}, True
    while grew:
        added = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= added
        grew = bool(added)
    return sorted(tree)


def cpu_seconds(root: int) -> float:
    """utime + stime of a server and all its processes, with their children already waited for."""
    total = 0
    for pid in process_tree(root):
        try:
            fields = stat_fields(pid)
        except FileNotFoundError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return total / TICK


def measure(base: str, pid: int, side: Side, requests: int, warmup: int) -> tuple[float, float, int]:
    """(CPU ms, wall ms) per request, and the body's size, for `requests` sequential requests."""
    for _ in range(warmup):
        fetch(base, side)
    before, started = cpu_seconds(pid), time.perf_counter()
    for _ in range(requests):
        size = len(fetch(base, side))
    wall, cpu = time.perf_counter() - started, cpu_seconds(pid) - before
    return cpu * 1000 / requests, wall * 1000 / requests, size


def run(args) -> dict:
    servers = {"chronicle": (args.chronicle, args.chronicle_pid), "datasette": (args.datasette, args.datasette_pid)}
    chosen = pairs(args.database)
    if args.only:
        chosen = [pair for pair in chosen if pair.key in args.only.split(",")]
    rows = {pair.key: check_rows(pair, args.chronicle, args.datasette) for pair in chosen}
    print(f"== The same rows in the same order for all {len(chosen)} pairs; measuring", flush=True)
    samples = {(pair.key, name): [] for pair in chosen for name in servers}
    for number in range(1, args.passes + 1):
        for pair in chosen:  # both servers in turn, pair by pair, so a busy moment hits both alike
            for name, (base, pid) in servers.items():
                samples[pair.key, name].append(measure(base, pid, getattr(pair, name), args.requests, args.warmup))
        print(f"   pass {number}/{args.passes} done", flush=True)
    return report(args, chosen, rows, samples)


def median_of(samples: list, index: int) -> float:
    return statistics.median(sample[index] for sample in samples)


def report(args, chosen: list[Pair], rows: dict, samples: dict) -> dict:
    from timeline.models import Event

    results = []
    for pair in chosen:
        ours, theirs = samples[pair.key, "chronicle"], samples[pair.key, "datasette"]
        cpu_ours, cpu_theirs = median_of(ours, 0), median_of(theirs, 0)
        results.append(
            {
                "key": pair.key,
                "request": pair.label,
                "rows_equal": rows[pair.key],
                "chronicle_cpu_ms": round(cpu_ours, 2),
                "datasette_cpu_ms": round(cpu_theirs, 2),
                "ratio": round(cpu_ours / cpu_theirs, 2) if cpu_theirs else None,
                "chronicle_wall_ms": round(median_of(ours, 1), 2),
                "datasette_wall_ms": round(median_of(theirs, 1), 2),
                "chronicle_bytes": ours[-1][2],
                "datasette_bytes": theirs[-1][2],
                "chronicle": {"url": pair.chronicle.path, "headers": pair.chronicle.headers},
                "datasette": {"url": pair.datasette.path},
                "passes": {"chronicle": ours, "datasette": theirs},
            }
        )
    return {
        "events": Event.objects.count(),
        "passes": args.passes,
        "requests_per_pass": args.requests,
        "warmup": args.warmup,
        "cpu_tick_ms": 1000 / TICK,
        "chronicle": args.chronicle_label,
        "datasette": args.datasette_label,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "pairs": results,
    }


def print_table(results: dict):
    runs = f"medians of {results['passes']} pass(es) of {results['requests_per_pass']} requests"
    print(f"\n{results['events']:,} events; {runs}")
    print(f"Chronicle: {results['chronicle']}\nDatasette: {results['datasette']}\n")
    head = (
        "request",
        "Chronicle CPU ms/req",
        "Datasette CPU ms/req",
        "ratio (C/D)",
        "wall ms C / D",
        "rows checked equal",
    )
    print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for pair in results["pairs"]:
        ratio = f"{pair['ratio']:.2f}x" if pair["ratio"] is not None else "n/a"
        print(
            f"| {pair['request']} | {pair['chronicle_cpu_ms']:.1f} | {pair['datasette_cpu_ms']:.1f} | {ratio} "
            f"| {pair['chronicle_wall_ms']:.1f} / {pair['datasette_wall_ms']:.1f} | {pair['rows_equal']:,} |"
        )
    print("\nChronicle's requests (Datasette's are in the JSON):")
    for pair in results["pairs"]:
        htmx = " (htmx)" if pair["chronicle"]["headers"] else ""
        print(f"  {pair['key']:17} {pair['chronicle']['url']}{htmx}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chronicle", required=True, help="Chronicle's base URL")
    parser.add_argument("--chronicle-pid", type=int, required=True, help="gunicorn's master process")
    parser.add_argument("--chronicle-label", default="gunicorn", help="how Chronicle is served, for the report")
    parser.add_argument("--datasette", required=True, help="Datasette's base URL")
    parser.add_argument("--datasette-pid", type=int, required=True, help="Datasette's process")
    parser.add_argument("--datasette-label", default="datasette", help="how Datasette is served, for the report")
    parser.add_argument("--database", default="db", help="Datasette's name for the file (its stem)")
    parser.add_argument("--passes", type=int, default=3, help="passes; each figure is their median")
    parser.add_argument("--requests", type=int, default=50, help="measured requests per pair, server and pass")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests before them")
    parser.add_argument("--only", default="", help="comma-separated pair keys (default: all)")
    parser.add_argument("--output", default="compare-results.json", help="where the results go")
    args = parser.parse_args()

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")
    django.setup()
    results = run(args)
    print_table(results)
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWritten to {args.output}")


if __name__ == "__main__":
    main()
