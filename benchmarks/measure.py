"""Timing, query counting and memory for in-process requests through Django's test client."""

import cProfile
import gc
import pstats
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

WARMUP = 3
TIME_BUDGET_S = 10.0
MIN_SAMPLES = 5


class Unavailable(Exception):
    """The view answered with an error or does not exist: reported as n/a."""


@dataclass
class Timing:
    median_ms: float
    p95_ms: float
    cpu_median_ms: float  # this process's CPU time: what the wall time would be on an idle machine, for SQLite
    queries: int
    samples: int

    @classmethod
    def of(cls, seconds: list[float], cpu_seconds: list[float], queries: int) -> "Timing":
        ordered = sorted(seconds)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return cls(
            statistics.median(ordered) * 1000, p95 * 1000, statistics.median(cpu_seconds) * 1000, queries, len(ordered)
        )


def fetch(client, url: str, headers: dict | None = None) -> int:
    """One request, its body read to the end and thrown away; returns the body's size."""
    response = client.get(url, headers=headers or {})
    if response.status_code != 200:
        raise Unavailable(f"HTTP {response.status_code} for {url}")
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def count_queries(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def nothing():
    pass


def timed(
    action: Callable[[], object],
    repeat: int,
    warmup: int = WARMUP,
    before: Callable[[], object] = nothing,
    budget_s: float = TIME_BUDGET_S,
) -> Timing:
    """`before` runs ahead of every request, untimed: emptying the cache measures it cold.
    The queries are counted in the last warm-up request, or with no warm-up in the first timed
    one (an export of a million events takes a minute: no request is made only to count).
    Repetitions stop early once they have taken `budget_s`, after MIN_SAMPLES of them."""
    queries = None
    for n in range(warmup):
        before()
        if n == warmup - 1:
            queries = count_queries(action)
        else:
            action()
    seconds, cpu_seconds = [], []
    for _ in range(repeat):
        if len(seconds) >= MIN_SAMPLES and sum(seconds) > budget_s:
            break  # a request of seconds (a cold search of a million events) needs no thirty samples
        before()
        started, cpu_started = time.perf_counter(), time.process_time()
        if queries is None:
            queries = count_queries(action)
        else:
            action()
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(time.process_time() - cpu_started)
    return Timing.of(seconds, cpu_seconds, queries)


def count_calls(action: Callable[[], object]) -> int:
    """The Python function calls one run of `action` makes. Unlike its time, the count is the same
    however busy the machine is (this 2-core machine ran unchanged code at half speed within one
    run), so two runs, or two versions of the code, compare by it."""
    profile = cProfile.Profile()
    profile.enable()
    try:
        action()
    finally:
        profile.disable()
    return pstats.Stats(profile).total_calls


@dataclass
class Memory:
    traced_peak_mb: float  # Python allocations during the request, above what was live before it
    rss_peak_mb: float | None  # the process's peak resident size above its size before, where Linux says


def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak_rss() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM, the peak resident size
        return True
    except OSError:
        return False


class PeakRss:
    """How far the process's resident size rises between start() and grown_mb(), read off the
    kernel's high-water mark: it costs the run it watches nothing (None where Linux cannot say)."""

    def start(self):
        gc.collect()
        self.tracked = _reset_peak_rss()
        self.before = _status_kb("VmRSS")

    def grown_mb(self) -> float | None:
        peak = _status_kb("VmHWM")
        return (peak - self.before) / 1024 if self.tracked and self.before and peak else None


def peak_memory(action: Callable[[], object]) -> Memory:
    """Two more runs of `action`: one watched by the kernel, one traced by Python (which slows it)."""
    watch = PeakRss()
    watch.start()
    action()
    rss = watch.grown_mb()
    gc.collect()
    tracemalloc.start()
    try:
        action()
        _, traced_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return Memory(traced_peak / 2**20, rss)


def reference_loop_ms(repeat: int = 15) -> float:
    """The median time of a fixed piece of pure Python: a yardstick for the
    machine's speed at the moment, since a shared virtual machine can run the
    same code twice as slowly from one hour to the next. Runs are comparable
    when their yardsticks are."""
    samples = []
    for _ in range(repeat):
        started = time.process_time()
        sum(n * n for n in range(200_000))
        samples.append(time.process_time() - started)
    return statistics.median(samples) * 1000
