"""The table a person reads and the JSON file runs are compared with."""

import json
import os
import platform

RESULT_KEYS = (
    "events",
    "page_full_ms",
    "page_filtered_ms",
    "search_ms",
    "event_page_ms",
    "cold_page_full_ms",
    "cold_page_filtered_ms",
    "cold_search_ms",
    "cold_event_page_ms",
    "cold_page_full_cpu_ms",
    "cold_page_filtered_cpu_ms",
    "cold_search_cpu_ms",
    "cold_event_page_cpu_ms",
    "cold_page_full_calls",
    "cold_page_filtered_calls",
    "cold_search_calls",
    "cold_event_page_calls",
    "partial_kb",
    "partial_bytes_per_event",
    "varied_filters",
    "varied_partial_ms",
    "varied_partial_p95_ms",
    "varied_partial_cached_ms",
    "csv_rows_per_s",
    "csv_peak_mb",
    "json_rows_per_s",
    "extract_articles_per_s",
    "run_s",
)
TARGETS = {  # issue 6, at 100,000 events on SQLite: (key, comparison, limit)
    "page_filtered_ms": ("<=", 20),
    "page_full_ms": ("<=", 40),
    "search_ms": ("<=", 60),
    "event_page_ms": ("<=", 10),
    "csv_rows_per_s": (">=", 50_000),
    "csv_peak_mb": ("<", 50),
    # issue 13: with the cache emptied before each request, and lean over the wire
    "cold_page_filtered_ms": ("<=", 15),
    "cold_page_full_ms": ("<=", 25),
    "partial_bytes_per_event": ("<=", 1024),
}


def na(value, digits=1):
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}"


def print_table(rows: list[dict], write=print):
    write(
        f"{'measure':<38} {'median ms':>10} {'p95 ms':>9} {'CPU ms':>8} {'queries':>8} {'rows/s':>10} {'peak MB':>14}"
    )
    write("-" * 103)
    for row in rows:
        if row.get("error"):
            write(f"{row['label']:<38} {'n/a':>10}   ({row['error']})")
            continue
        peak = row.get("peak_mb")
        rss_text = f"({row['rss_mb']:.0f} RSS)" if row.get("rss_mb") is not None else ""
        peak_text = " ".join(part for part in ("" if peak is None else f"{peak:.1f}", rss_text) if part)
        rate = na(row["rows_per_s"], 0) if "rows_per_s" in row else ""
        median, p95, cpu = (na(row[key]) if key in row else "" for key in ("median_ms", "p95_ms", "cpu_ms"))
        write(
            f"{row['label']:<38} {median:>10} {p95:>9} {cpu:>8} {row.get('queries', ''):>8} {rate:>10} {peak_text:>14}"
        )


def verdicts(results: dict) -> list[str]:
    lines = []
    for key, (op, limit) in TARGETS.items():
        value = results.get(key)
        met = value is not None and (value <= limit if op == "<=" else value >= limit if op == ">=" else value < limit)
        state = "n/a" if value is None else ("met" if met else "MISSED")
        lines.append(f"{key} {op} {limit:,}: {na(value)} -> {state}")
    return lines


def write_results(path: str, results: dict, details: dict):
    document = {key: results.get(key) for key in RESULT_KEYS}
    document["details"] = details | {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }
    with open(path, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=2)
        file.write("\n")
