"""The benchmark's parts work on generated data (its figures are measured by `make bench`, never asserted)."""

import io
import json

import pytest
from django.core.management import call_command

from benchmarks.extraction import extraction_rate
from benchmarks.measure import PeakRss, Timing, Unavailable, count_calls, count_queries, fetch, peak_memory, timed
from benchmarks.report import RESULT_KEYS, verdicts, write_results
from benchmarks.scenarios import export_scenarios, page_scenarios


@pytest.fixture
def generated(db):
    call_command("generate_events", events=80, sources=25, actors=60, seed=3, stdout=io.StringIO())


def test_every_benchmark_request_answers_on_generated_data(client, generated):
    for scenario in page_scenarios() + export_scenarios():
        assert fetch(client, scenario.url, scenario.headers) > 0, scenario.label


def test_the_filtered_scenario_is_an_htmx_partial(client, generated):
    filtered = next(s for s in page_scenarios() if s.key == "page_filtered_ms")
    body = client.get(filtered.url, headers=filtered.headers).content.decode()
    assert "<html" not in body


def test_export_scenarios_know_how_many_rows_they_hold(client, generated):
    rows = {scenario.key: scenario.rows for scenario in export_scenarios()}
    assert rows["csv_all"] == 80
    assert 0 < rows["csv_kind"] < 80


def test_a_missing_view_is_reported_as_unavailable(client, db):
    with pytest.raises(Unavailable, match="HTTP 404"):
        fetch(client, "/no-such-page/")


def test_queries_and_memory_are_measured(client, generated):
    assert count_queries(lambda: fetch(client, "/")) > 0
    memory = peak_memory(lambda: fetch(client, "/events.csv"))
    assert memory.traced_peak_mb > 0


def test_the_peak_resident_size_is_watched_at_no_cost_to_the_run():
    watch = PeakRss()
    watch.start()
    block = bytearray(64 * 2**20)  # 64 MB, every page touched
    grown = watch.grown_mb()
    del block
    if grown is None:
        pytest.skip("this kernel does not say (no /proc/self/clear_refs)")
    assert 50 < grown < 200


def test_function_calls_are_counted_exactly_whatever_the_machine():
    def step():
        pass

    ten, twenty = (count_calls(lambda n=n: [step() for _ in range(n)]) for n in (10, 20))
    assert twenty - ten == 10
    assert count_calls(lambda: [step() for _ in range(10)]) == ten


def test_timing_gives_median_and_p95():
    timing = Timing.of([0.001 * n for n in range(1, 21)], [0.001] * 20, queries=4)
    assert timing.median_ms == pytest.approx(10.5)
    assert timing.p95_ms == pytest.approx(19.0)
    assert (timing.cpu_median_ms, timing.queries, timing.samples) == (pytest.approx(1.0), 4, 20)


def test_results_file_has_the_keys_runs_are_compared_by(tmp_path):
    path = tmp_path / "bench-results.json"
    write_results(str(path), {"events": 10, "page_full_ms": 12.5}, {"database": "SQLite"})
    document = json.loads(path.read_text())
    assert list(document) == [*RESULT_KEYS, "details"]
    assert document["page_full_ms"] == 12.5 and document["csv_rows_per_s"] is None


def test_verdicts_compare_with_the_targets():
    lines = verdicts({"page_full_ms": 30, "csv_rows_per_s": 10_000})
    assert "page_full_ms <= 40: 30.0 -> met" in lines
    assert "csv_rows_per_s >= 50,000: 10,000.0 -> MISSED" in lines
    assert "search_ms <= 60: n/a -> n/a" in lines


def test_extraction_rate_runs_the_extractor_on_generated_articles(db):
    rate, events = extraction_rate(20, seed=1, repeat=1)
    assert rate > 0 and events > 0, "generated articles report events, and the extractor finds them"


@pytest.mark.slow
def test_the_whole_benchmark_runs_and_writes_every_result(tmp_path):
    """`make bench` end to end, tiny: a fresh SQLite file, generation in a child process, every measure."""
    from tests.processes import run_in_project

    output = tmp_path / "bench-results.json"
    sizes = ["--events", "300", "--repeat", "2", "--export-repeat", "1", "--articles", "5"]
    result = run_in_project(
        "-m", "benchmarks.run", *sizes, "--output", str(output), timeout=300, drop=("DATABASE_URL",)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "300 events" in result.stdout and "Targets (issues 6 and 13" in result.stdout
    assert "machine speed: the fixed loop took" in result.stdout
    assert "SQLite write-ahead log checkpointed" in result.stdout
    assert "function calls per cold request" in result.stdout
    assert "the whole run: " in result.stdout
    document = json.loads(output.read_text())
    assert document["events"] == 300
    assert all(document[key] is not None for key in RESULT_KEYS), document
    assert len(document["details"]["reference_loop_ms"]) == 2


def test_cold_scenarios_empty_the_cache_before_every_request(client, generated):
    from django.core.cache import cache

    from benchmarks.measure import timed

    cold = {s.key: s for s in page_scenarios() if s.cold}
    assert set(cold) == {"cold_page_full_ms", "cold_page_filtered_ms", "cold_search_ms", "cold_event_page_ms"}
    fetch(client, "/")
    seen = []
    timed(lambda: seen.append(len(cache._cache)), repeat=3, warmup=1, before=cache.clear)
    assert seen == [0, 0, 0, 0]  # the warm-up (counted) and three timed requests


def test_partial_sizes_are_measured_per_listed_event(client, db):
    from benchmarks.scenarios import partial_sizes

    call_command("generate_events", events=400, sources=25, actors=8, seed=3, stdout=io.StringIO())
    sizes = partial_sizes(client)
    assert sizes["partial_kb"] > 1
    assert 300 < sizes["partial_bytes_per_event"] < 2000


def test_the_varied_run_asks_for_hundreds_of_distinct_filters(client, db):
    from urllib.parse import parse_qs, urlsplit

    from benchmarks.scenarios import varied_urls
    from benchmarks.varied import varied_run

    call_command("generate_events", events=300, sources=25, actors=60, seed=3, stdout=io.StringIO())
    urls = varied_urls(300)
    assert len(set(urls)) == 300
    assert all(parse_qs(urlsplit(url).query)["actor"] for url in urls)
    run = varied_run(client, 40, seed=1)
    assert run.results["varied_filters"] == 40 and run.results["varied_partial_ms"] > 0


def test_slow_requests_stop_repeating_once_their_time_budget_is_spent(monkeypatch, db):
    clock = [0.0]
    monkeypatch.setattr("benchmarks.measure.time.perf_counter", lambda: clock[0])

    def slow_request():
        clock[0] += 4.0  # seconds each, as a cold search of a million events

    timing = timed(slow_request, repeat=30, warmup=0, budget_s=10.0, before=lambda: None)
    assert timing.samples == 5  # the minimum, though the budget was spent after three
    quick = timed(lambda: clock.__setitem__(0, clock[0] + 0.01), repeat=30, warmup=0, budget_s=10.0)
    assert quick.samples == 30
