"""Hostile and random query parameters on every public URL: never a 500, never
a traceback; a page, a 404 for an unknown object, or a 400 that says why.

Hypothesis generates the requests: HOSTILE_EXAMPLES per URL (default 300, so
about 3,300 requests a run across the URLs below; more for a deeper search)."""

import json
import os
from datetime import date
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from public_pages import EXPORT_PATHS, detail_paths

from tests.conftest import body_of

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

pytestmark = pytest.mark.slow  # property-based: hundreds of generated queries per test

FILTERS = ("actor", "actors_match", "kind", "status", "start", "end", "q", "location", "source", "order")
OTHER_PARAMETERS = ("page", "bom", "cursor", "per_page", "limit", "format", "callback", "sort")

MALICIOUS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR '1'='1",
    "1; DROP TABLE timeline_event; --",
    "%' OR 1=1 --",
    "\\",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: evil=1",
    "../../../../etc/passwd",
    "${jndi:ldap://x}",
    "{{7*7}}",
    '=HYPERLINK("http://x")',
    '"',
    "*",
    "NEAR(a b)",
    "a AND OR NOT b",
    "^x",
    "col:value",
    "(((",
    "\u202etxt.exe",
    "\ufeff",
    "𝕏𝕚 习近平 Путин",
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "0x10",
    "2023-02-30",
    "2023-13",
    "0000",
    "0001-01-01",
    "9999-12-31",
    "9999",
    "2023-00-00",
    " 2023 ",
    "2023-1-1",
    "xi-jinping",
    "meeting",
    "desc",
    "x" * 5000,
]

no_surrogates = st.characters(exclude_categories=("Cs",))
dates = st.builds(
    lambda y, m, d, shape: shape.format(y=y, m=m, d=d),
    st.integers(-10, 100_000),
    st.integers(-1, 99),
    st.integers(-1, 99),
    st.sampled_from(["{y}", "{y}-{m}", "{y}-{m}-{d}", "{y:04d}-{m:02d}-{d:02d}", "{d}/{m}/{y}"]),
)
values = st.one_of(
    st.sampled_from(MALICIOUS),
    st.text(no_surrogates, max_size=60),
    st.text(no_surrogates, min_size=200, max_size=1200),
    st.integers(-(10**30), 10**30).map(str),
    dates,
)
parameter_names = st.one_of(
    st.sampled_from(FILTERS + OTHER_PARAMETERS), st.text(no_surrogates, min_size=1, max_size=12)
)
query = st.dictionaries(parameter_names, st.lists(values, min_size=1, max_size=3), max_size=6)
htmx_headers = st.fixed_dictionaries(
    {"HTTP_HX_REQUEST": st.just("true")},
    optional={
        "HTTP_HX_TARGET": st.text(no_surrogates, max_size=40),
        "HTTP_HX_TRIGGER": st.text(no_surrogates, max_size=40),
        "HTTP_HX_CURRENT_URL": st.one_of(st.text(no_surrogates, max_size=80), st.just("http://[::1")),
        "HTTP_HX_BOOSTED": st.sampled_from(["true", "false", ""]),
        "HTTP_HX_HISTORY_RESTORE_REQUEST": st.sampled_from(["true", "false", "x"]),
    },
)


def latin1_safe(headers: dict) -> dict:
    # WSGI headers are latin-1 on the wire; anything else never reaches Django.
    return {key: value.encode("utf-8").decode("latin-1") for key, value in headers.items()}


@pytest.fixture
def timeline(make_actor, make_source, make_event):
    xi = make_actor("Xi Jinping", aliases="Xi\nMr. Xi")
    putin = make_actor("Vladimir Putin")
    lavrov = make_actor("Sergey Lavrov")
    sources = [make_source(title=f"Report {n}", url=f"https://news.example.org/{n}") for n in range(3)]
    events = []
    for n in range(30):
        day = date(2022 + n % 4, 1 + n % 12, 1 + n % 28)
        events.append(
            make_event(
                title=f"Talks {n} in Moscow",
                kind=["meeting", "call", "visit", "statement"][n % 4],
                date_start=day,
                location=["Moscow", "Beijing", "Samarkand"][n % 3],
                summary="Xi and Putin discussed trade.",
                actors=[xi, [putin, lavrov][n % 2]],
                sources=[(sources[n % 3], "Xi Jinping met Vladimir Putin")],
            )
        )
    make_event(title="A month", date_start=date(2023, 3, 1), date_precision="month", actors=[putin])
    make_event(title="A year", date_start=date(2024, 1, 1), date_precision="year")
    make_event(title="A range", date_start=date(2022, 9, 15), date_end=date(2022, 9, 16), actors=[xi])
    return events[0], xi, sources[0]


def assert_handled(response, path):
    """A helpful answer: the page, a 404 for an unknown object, or a short 400."""
    body = body_of(response)
    assert response.status_code in (200, 400, 404), (path, response.status_code)
    assert b"Traceback" not in body
    if response.status_code == 400 and path in EXPORT_PATHS:
        assert 0 < len(body) < 4000
    if response.status_code == 200 and path.endswith(".json"):
        json.loads(body)
    if response.status_code == 200 and path.endswith((".csv", ".ics")):
        body.decode("utf-8")
    return body


# --- Random and malicious values for every parameter of every URL -------------


@pytest.mark.parametrize("path", ["/", *EXPORT_PATHS])
@FUZZ
@given(params=query)
def test_filtered_urls_answer_every_query_without_a_server_error(client, timeline, path, params):
    assert_handled(client.get(path, params), path)


@FUZZ
@given(params=query, headers=htmx_headers)
def test_the_htmx_partial_answers_every_query_and_header_without_a_server_error(client, timeline, params, headers):
    assert_handled(client.get("/", params, **latin1_safe(headers)), "/")


@pytest.mark.parametrize("which", ["event", "actor", "source"])
@FUZZ
@given(params=query)
def test_detail_pages_ignore_every_query_without_a_server_error(client, timeline, which, params):
    path = dict(zip(["event", "actor", "source"], detail_paths(*timeline), strict=True))[which]
    response = client.get(path, params)
    assert_handled(response, path)
    assert response.status_code == 200


# --- Hostile paths and raw query strings ---------------------------------------

slugs = st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True)
paths = st.one_of(
    slugs.map(lambda s: f"/events/{s}/"),
    slugs.map(lambda s: f"/actors/{s}/"),
    st.integers(0, 10**30).map(lambda n: f"/sources/{n}/"),
    st.text(no_surrogates, min_size=1, max_size=80).map(lambda s: "/" + quote(s, safe="/")),
)


@FUZZ
@given(path=paths)
def test_hostile_paths_are_a_page_or_a_404(client, timeline, path):
    response = client.get(path)
    assert response.status_code in (200, 301, 404), (path, response.status_code)
    assert b"Traceback" not in body_of(response)


raw_queries = st.lists(
    st.one_of(
        st.binary(max_size=30).map(lambda b: quote(b, safe="")),
        st.sampled_from(["%", "%zz", "%ff%fe", "%c0%af", "%00", "&&", "==", "+", "%2B", ";", "actor", "q="]),
        st.sampled_from(FILTERS).map(lambda name: name + "="),
    ),
    max_size=12,
).map("".join)


@pytest.mark.parametrize("path", ["/", "/events.csv", "/events.json"])
@settings(FUZZ, max_examples=max(EXAMPLES // 4, 20))
@given(raw=raw_queries)
def test_broken_percent_encoding_is_not_a_server_error(client, timeline, path, raw):
    assert_handled(client.get(f"{path}?{raw}", {}), path)


# --- Named cases that must always hold -------------------------------------------


@pytest.mark.parametrize("path", ["/", *EXPORT_PATHS])
def test_thousands_of_parameters_are_not_a_server_error(client, db, path):
    # Django refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) with a 400 once the view reads them.
    raw = "&".join(f"q{n}=x" for n in range(2000))
    assert_handled(client.get(f"{path}?{raw}", {}), path)


@pytest.mark.parametrize(
    "params",
    [
        {"start": "banana"},
        {"end": "2023-02-30"},
        {"start": "2024", "end": "2023"},
        {"actor": "no-such-person"},
        {"kind": "party"},
        {"source": "999999999999999999999999"},
        {"q": "x" * 10_000},
        {"start": "9999-12-31"},
        {"end": "9999-12-31"},
        {"start": "0001-01-01"},
        {"q": "a\x00b"},
        {"actor": "a\x00b"},
        {"location": "\x00"},
        {"source": "\x00"},
    ],
)
@pytest.mark.parametrize("path", ["/", *EXPORT_PATHS])
def test_named_hostile_filters_get_a_helpful_answer(client, timeline, path, params):
    response = client.get(path, params)
    assert_handled(response, path)
    if response.status_code == 400 and path in EXPORT_PATHS:
        assert response["Content-Type"].startswith("text/plain")
