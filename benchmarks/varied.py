"""The varied-filter run: hundreds of distinct actor x kind x period filters, each
asked for once with the cache as a busy server would have it, then all again.

A single repeated URL always finds its facet counts cached; an analyst who keeps
changing filters mostly does not. The first pass measures that (every filter new
to the cache), the second the same filters once they are cached."""

import statistics
import time
from dataclasses import dataclass

from .measure import fetch
from .scenarios import HTMX_RESULTS, varied_urls


@dataclass
class VariedRun:
    results: dict
    rows: list


def _pass(client, urls: list[str]) -> tuple[list[float], list[float]]:
    seconds, cpu_seconds = [], []
    for url in urls:
        started, cpu_started = time.perf_counter(), time.process_time()
        fetch(client, url, HTMX_RESULTS)
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(time.process_time() - cpu_started)
    return seconds, cpu_seconds


def _row(label: str, seconds: list[float], cpu_seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    return {
        "label": label,
        "key": "",
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000,
        "cpu_ms": statistics.median(cpu_seconds) * 1000,
    }


def varied_run(client, count: int, seed: int) -> VariedRun:
    from django.core.cache import cache

    urls = varied_urls(count, seed)
    cache.clear()
    first = _row(f"varied partials, {len(urls)} filters, first sight", *_pass(client, urls))
    again = _row(f"varied partials, {len(urls)} filters, cached", *_pass(client, urls))
    for row in (first, again):
        print(
            f"  {row['label']}: {row['median_ms']:.1f} ms median, p95 {row['p95_ms']:.1f} ({row['cpu_ms']:.1f} ms CPU)"
        )
    results = {
        "varied_filters": len(urls),
        "varied_partial_ms": first["median_ms"],
        "varied_partial_p95_ms": first["p95_ms"],
        "varied_partial_cached_ms": again["median_ms"],
    }
    return VariedRun(results, [first, again])
