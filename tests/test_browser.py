"""The timeline in a real browser: Playwright driving Debian's Chromium against
the live server, under the real Content Security Policy."""

import re
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from timeline.listing import PER_PAGE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core-4.14.1.min.js"
EVENTS = PER_PAGE + 12
WAIT = 5_000


@pytest.fixture
def page(page):
    """Playwright's page, which at the end waits for its requests still in flight (a search
    typed, a step back) to be answered before the test's database is emptied: one still being
    served held a lock that the emptying waited for, and PostgreSQL stopped the emptying as
    a deadlock, leaving the next test the rows."""
    in_flight = set()
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    yield page
    deadline = time.monotonic() + WAIT / 1000
    while in_flight and time.monotonic() < deadline and not page.is_closed():
        page.wait_for_timeout(25)


@pytest.fixture
def timeline(make_actor, make_source, make_event, plain_static_files):
    """More events than one page: Xi and Putin meet monthly, Lavrov calls now and then."""
    xi, putin, lavrov = make_actor("Xi Jinping"), make_actor("Vladimir Putin"), make_actor("Sergey Lavrov")
    source = make_source(
        title="Leaders meet",
        publisher="TASS",
        url="https://tass.example/1",
        text="Xi Jinping met Vladimir Putin in Moscow. Lavrov called Wang Yi.",
        published_on=date(2023, 3, 22),
    )
    events = []
    for n in range(EVENTS):
        lavrov_call = n % 5 == 0
        events.append(
            make_event(
                title=f"{'Lavrov call' if lavrov_call else 'Summit'} {n:02d}",
                kind="call" if lavrov_call else "summit",
                date_start=date(2022, 1, 3) + timedelta(days=19 * n),
                location="Moscow",
                actors=[lavrov] if lavrov_call else [xi, putin],
                sources=[
                    (source, "Lavrov called Wang Yi." if lavrov_call else "Xi Jinping met Vladimir Putin in Moscow.")
                ],
            )
        )
    return {"events": events, "lavrov": lavrov, "source": source}


@pytest.fixture
def problems(page):
    """Errors the page reports: CSP refusals, script errors, failed requests."""
    found = []
    page.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def open_timeline(page, live_server, query=""):
    page.goto(f"{live_server.url}/{query}")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.notReloaded = true")


def still_same_document(page) -> bool:
    return page.evaluate("window.notReloaded === true")


def status(page) -> str:
    return page.locator("#result-status").inner_text()


def test_choosing_an_actor_and_a_kind_updates_results_and_url_without_reload(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    expect(page.locator("#result-status")).to_have_text(f"Showing {PER_PAGE} of {EVENTS} events.")
    page.check("#actor-sergey-lavrov")
    expect(page).to_have_url(re.compile(r"/\?actor=sergey-lavrov$"), timeout=WAIT)
    calls = (EVENTS + 4) // 5
    expect(page.locator("#result-status")).to_have_text(f"Showing {calls} of {calls} events.")
    expect(page.locator("#kind-summit")).to_be_disabled()  # Lavrov has no summits: no choice that empties the page
    page.check("#kind-call")
    expect(page).to_have_url(re.compile(r"/\?actor=sergey-lavrov&kind=call$"), timeout=WAIT)
    expect(page.locator("#result-status")).to_have_text(f"Showing {calls} of {calls} events.")
    assert still_same_document(page)
    assert page.locator("#kind-call").is_checked() and page.locator("#actor-sergey-lavrov").is_checked()
    assert problems == []


def test_back_restores_the_previous_results(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    page.check("#kind-call")
    expect(page).to_have_url(re.compile(r"\?kind=call$"), timeout=WAIT)
    calls = page.locator("#event-list article").count()
    page.check("#kind-summit")
    expect(page).to_have_url(re.compile(r"\?kind=summit&kind=call$"), timeout=WAIT)
    expect(page.locator("#result-status")).to_have_text(f"Showing {PER_PAGE} of {EVENTS} events.")
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?kind=call$"), timeout=WAIT)
    expect(page.locator("#result-status")).to_have_text(f"Showing {calls} of {calls} events.")
    expect(page.locator("#kind-summit")).not_to_be_checked()
    assert problems == []


def test_typing_a_search_filters_after_a_pause(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    page.fill("#q", "Lavrov")
    expect(page).to_have_url(re.compile(r"\?q=Lavrov$"), timeout=WAIT)
    titles = page.locator("#event-list .event-title").all_inner_texts()
    assert titles and all(title.startswith("Lavrov call") for title in titles)
    assert page.evaluate("document.activeElement.id") == "q"  # typing can go on
    assert still_same_document(page) and problems == []


def test_a_month_bar_filters_to_that_month(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    bar = page.locator("a.chart-bar").first
    month = bar.get_attribute("aria-label").split(":")[0]  # "January 2022"
    bar.click()
    expect(page).to_have_url(re.compile(r"\?start=2022-01&end=2022-01$"), timeout=WAIT)
    expect(page.locator("#start")).to_have_value("2022-01")
    dates = page.locator("#event-list time").all_inner_texts()
    assert dates and all(d.endswith(month) for d in dates)
    expect(page.locator("a.chart-bar.is-selected")).to_have_count(1)
    assert still_same_document(page) and problems == []


def test_load_more_appends_the_next_events(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    articles = page.locator("#event-list article")
    expect(articles).to_have_count(PER_PAGE)
    page.click("#load-more a")
    expect(articles).to_have_count(EVENTS, timeout=WAIT)
    expect(page.locator("#result-status")).to_have_text(f"Showing {EVENTS} of {EVENTS} events.")
    expect(page.locator("#load-more")).to_have_text("That is every matching event.")
    titles = page.locator("#event-list .event-title").all_inner_texts()
    assert len(set(titles)) == EVENTS
    assert page.url == f"{live_server.url}/" and still_same_document(page) and problems == []


def test_the_detail_expands_inline(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    first = page.locator("#event-list article").first
    first.locator("a.expand").click()
    detail = first.locator("details.event-more[open]")
    expect(detail).to_be_visible(timeout=WAIT)
    expect(detail.locator("blockquote")).to_contain_text("Lavrov called Wang Yi.")  # event 0 is a call
    expect(detail.locator(":scope > summary")).to_be_focused()
    detail.locator(":scope > summary").click()  # native <details>: closes without a request
    expect(first.locator("details.event-more blockquote")).to_be_hidden()
    assert page.url == f"{live_server.url}/" and still_same_document(page) and problems == []


def test_the_csv_link_carries_the_filters(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    page.check("#actor-sergey-lavrov")
    expect(page).to_have_url(re.compile(r"actor=sergey-lavrov"), timeout=WAIT)
    csv_link = page.get_by_role("link", name="CSV", exact=True)
    expect(csv_link).to_have_attribute("href", "/events.csv?actor=sergey-lavrov")
    body = page.request.get(live_server.url + csv_link.get_attribute("href")).text()
    rows = [line for line in body.splitlines()[1:] if line.strip()]
    assert len(rows) == (EVENTS + 4) // 5 and all("Lavrov call" in row for row in rows)
    assert problems == []


def test_removing_a_chip_and_clearing_all(page, live_server, timeline, problems):
    open_timeline(page, live_server, "?kind=call&q=Lavrov")
    expect(page.locator(".chip")).to_have_count(3)  # two filters and "clear all"
    page.get_by_role("link", name="Search: Lavrov (remove this filter)").click()
    expect(page).to_have_url(re.compile(r"/\?kind=call$"), timeout=WAIT)
    expect(page.locator("#q")).to_have_value("")
    page.locator(".chips").get_by_role("link", name="Clear all").click()
    expect(page).to_have_url(f"{live_server.url}/", timeout=WAIT)
    expect(page.locator("#result-status")).to_have_text(f"Showing {PER_PAGE} of {EVENTS} events.")
    assert still_same_document(page) and problems == []


def test_an_unusable_filter_shows_what_was_wrong(page, live_server, timeline):
    open_timeline(page, live_server)
    page.fill("#start", "banana")
    page.press("#start", "Enter")
    expect(page.locator(".errors")).to_contain_text("From: 'banana' is not a date", timeout=WAIT)
    expect(page.locator("#result-status")).to_have_text("No results: 1 filter to fix.")


def test_the_keyboard_alone_can_filter(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    page.focus("#kind-call")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"\?kind=call$"), timeout=WAIT)
    expect(page.locator("#kind-call")).to_be_focused()  # focus survives the swap
    assert problems == []


def test_the_page_works_with_javascript_disabled(browser, live_server, timeline):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.check("#kind-call")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "kind=call" in page.url
    titles = page.locator("#event-list .event-title").all_inner_texts()
    assert titles and all(title.startswith("Lavrov call") for title in titles)
    page.goto(f"{live_server.url}/")
    page.click("#load-more a")
    page.wait_for_load_state()
    assert "page=2" in page.url
    assert page.locator("#event-list .event-title").first.inner_text() == timeline["events"][PER_PAGE].title
    event = timeline["events"][0]
    page.goto(f"{live_server.url}/")
    page.locator("a.expand").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/events/{event.slug}/")
    context.close()


def axe_violations(page) -> list[str]:
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    assert len(result["passes"]) > 10, "axe did not run its checks"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violations(page, live_server, timeline, scheme):
    page.emulate_media(color_scheme=scheme)
    page.add_init_script(path=str(AXE))
    event, lavrov, source = timeline["events"][0], timeline["lavrov"], timeline["source"]
    paths = [
        "/",
        "/?kind=call&start=banana",
        "/?actor=sergey-lavrov&actor=xi-jinping&actors_match=all",
        f"/events/{event.slug}/",
        f"/actors/{lavrov.slug}/",
        f"/sources/{source.pk}/",
    ]
    found = {}
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        found[path] = axe_violations(page)
    open_timeline(page, live_server)
    page.check("#actor-sergey-lavrov")
    # Wait for the filtered list to be swapped in: a click on the old list's
    # link would open a detail that the swap then throws away.
    calls = (EVENTS + 4) // 5
    expect(page.locator("#result-status")).to_have_text(f"Showing {calls} of {calls} events.", timeout=WAIT)
    expect(page).to_have_url(re.compile(r"/\?actor=sergey-lavrov$"), timeout=WAIT)
    page.wait_for_load_state("networkidle")
    page.locator("#event-list a.expand").first.click()
    expect(page.locator("details.event-more[open]")).to_have_count(1, timeout=WAIT)
    found["/ after htmx swaps"] = axe_violations(page)
    assert found == {path: [] for path in found}


@pytest.mark.parametrize("width, name", [(1280, "desktop"), (375, "375px")])
def test_screenshots_at_desktop_and_phone_widths(browser, live_server, timeline, width, name):
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        page.wait_for_load_state("networkidle")
        # Nothing may be wider than the screen (no sideways scrolling on a phone).
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=ARTIFACTS / f"timeline-{name}-{scheme}.png")
        context.close()
    assert (ARTIFACTS / f"timeline-{name}-light.png").stat().st_size > 10_000


def test_a_failed_request_is_announced_instead_of_ignored(page, live_server, timeline):
    open_timeline(page, live_server)
    asks_for_calls = lambda url: "kind=call" in url  # noqa: E731
    page.route(asks_for_calls, lambda route: route.fulfill(status=500, body="Server Error"))
    page.check("#kind-call")
    expect(page.locator("#request-error")).to_have_text(re.compile(r"could not answer \(error 500\)"), timeout=WAIT)
    expect(page.locator("#request-error")).to_have_attribute("role", "alert")
    page.unroute(asks_for_calls)
    page.check("#kind-summit")
    expect(page.locator("#request-error")).to_be_hidden(timeout=WAIT)


# --- Issue 12: history, the skip link, all or any actors, the source page ---------------


def test_typing_a_search_adds_one_history_entry_and_back_returns_to_the_filters_before_it(
    page, live_server, timeline, problems
):
    open_timeline(page, live_server, "?kind=summit")
    before = page.evaluate("history.length")
    # Slower than the live search's 400 ms pause, so every keystroke asks the server.
    page.locator("#q").press_sequentially(" Putin", delay=650)
    expect(page).to_have_url(re.compile(r"\?q=Putin&kind=summit$"), timeout=WAIT)
    # The search settles: the same address, so no second entry. Wait for its answer, which
    # would otherwise arrive after Back and set the address again.
    with page.expect_response(lambda response: "Putin" in response.url):
        page.press("#q", "Enter")
    expect(page).to_have_url(re.compile(r"\?q=Putin&kind=summit$"), timeout=WAIT)
    assert page.evaluate("history.length") - before <= 1
    page.go_back()
    expect(page).to_have_url(re.compile(r"/\?kind=summit$"), timeout=WAIT)
    expect(page.locator("#q")).to_have_value("", timeout=WAIT)
    expect(page.locator("#kind-summit")).to_be_checked()
    assert problems == []


def test_a_settled_search_then_a_new_one_adds_one_entry_each(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    before = page.evaluate("history.length")
    page.locator("#q").press_sequentially("Lavrov", delay=500)
    expect(page).to_have_url(re.compile(r"\?q=Lavrov$"), timeout=WAIT)
    page.locator("#q").blur()  # settled
    page.locator("#q").click()
    page.keyboard.press("End")
    page.keyboard.type(" call", delay=500)
    expect(page).to_have_url(re.compile(r"\?q=Lavrov\+call$"), timeout=WAIT)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("history.length") - before == 2
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=Lavrov$"), timeout=WAIT)
    assert problems == []


def test_one_tab_then_enter_takes_the_keyboard_to_the_results(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    expect(page.locator(".skip-link")).to_have_text("Skip to results")
    page.keyboard.press("Enter")
    expect(page.locator("#results-title")).to_be_focused(timeout=WAIT)
    assert page.evaluate("document.getElementById('results').contains(document.activeElement)")
    page.keyboard.press("Tab")  # and on from there, into the results rather than back to the filters
    assert page.evaluate("document.getElementById('results').contains(document.activeElement)")
    assert problems == []


def test_choosing_all_of_the_actors_together_narrows_the_events(page, live_server, timeline, make_event, problems):
    from timeline.models import Actor

    xi = Actor.objects.get(slug="xi-jinping")
    make_event(title="Xi and Lavrov talk", kind="meeting", date_start=date(2024, 6, 1), actors=[xi, timeline["lavrov"]])
    open_timeline(page, live_server)
    expect(page.locator("#actors-match-all")).to_have_count(0)
    page.check("#actor-sergey-lavrov")
    expect(page).to_have_url(re.compile(r"\?actor=sergey-lavrov$"), timeout=WAIT)
    page.check("#actor-xi-jinping")
    expect(page).to_have_url(re.compile(r"\?actor=sergey-lavrov&actor=xi-jinping$"), timeout=WAIT)
    expect(page.locator("#actors-match-any")).to_be_checked(timeout=WAIT)
    expect(page.locator("#result-status")).to_have_text(f"Showing {PER_PAGE} of {EVENTS + 1} events.")
    expect(page).to_have_title("Sergey Lavrov or Xi Jinping — Chronicle")

    page.check("#actors-match-all")
    expect(page).to_have_url(re.compile(r"\?actor=sergey-lavrov&actor=xi-jinping&actors_match=all$"), timeout=WAIT)
    expect(page.locator("#result-status")).to_have_text("Showing 1 of 1 event.")
    expect(page.locator("#event-list .event-title")).to_have_text(["Xi and Lavrov talk"])
    expect(page.locator("#actors-match-all")).to_be_checked()
    expect(page.locator(".chip", has_text="all of them together")).to_have_count(1)
    expect(page).to_have_title("Sergey Lavrov and Xi Jinping — Chronicle")
    csv_link = page.get_by_role("link", name="CSV")
    assert csv_link.get_attribute("href").endswith("?actor=sergey-lavrov&actor=xi-jinping&actors_match=all")

    page.go_back()
    expect(page).to_have_url(re.compile(r"\?actor=sergey-lavrov&actor=xi-jinping$"), timeout=WAIT)
    expect(page.locator("#actors-match-any")).to_be_checked(timeout=WAIT)
    expect(page.locator("#result-status")).to_have_text(f"Showing {PER_PAGE} of {EVENTS + 1} events.")
    assert problems == []


def test_an_event_link_in_an_article_stands_apart_from_the_next_sentence(
    page, live_server, make_source, make_event, plain_static_files, problems
):
    source = make_source(title="Run together", text="The leaders met.Xi's reference to change followed.")
    make_event(title="Leaders meet", sources=[(source, "The leaders met.")])
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    gap = page.evaluate(
        """() => {
            const link = document.querySelector(".article-text .quote-event");
            const range = document.createRange();
            range.setStart(link.nextSibling, 0);
            range.setEnd(link.nextSibling, 1);
            return range.getBoundingClientRect().left - link.getBoundingClientRect().right;
        }"""
    )
    assert gap >= 4
    assert problems == []


def test_the_export_links_keep_to_one_line_at_phone_width(browser, live_server, timeline):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/?kind=call")
    tops = {round(box["y"]) for box in (link.bounding_box() for link in page.locator(".export-formats a").all())}
    assert len(tops) == 1, "CSV, JSON, iCalendar and TimelineJS wrap together, not one by one"
    context.close()


# --- Issue 12: the chart from the keyboard, the panel within the screen, copy, axe at both widths ---


@pytest.fixture
def statement(timeline, make_event):
    """A statement with its words, said in a known place."""
    from timeline.models import Actor, Participation, Place

    Place.objects.create(name="Moscow", slug="moscow")
    xi, putin = Actor.objects.get(slug="xi-jinping"), Actor.objects.get(slug="vladimir-putin")
    return make_event(
        title="Xi: “A new era”",
        kind="statement",
        quote="A new era has begun.",
        location="Moscow",
        date_start=date(2023, 3, 22),
        actors=[(xi, Participation.Role.SPEAKER), (putin, Participation.Role.ADDRESSEE)],
        sources=[(timeline["source"], "Xi Jinping met Vladimir Putin in Moscow.")],
    )


def test_the_month_chart_is_reached_and_used_with_the_keyboard(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    page.locator("#results-title").focus()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('chart-bar')"):
            break
    bar = page.locator(".chart-bar:focus")
    expect(bar).to_have_count(1)
    name = bar.get_attribute("aria-label")
    assert re.fullmatch(r"January 2022: \d+ events?", name)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/\?start=2022-01&end=2022-01$"), timeout=WAIT)
    count = int(re.search(r": (\d+)", name).group(1))
    expect(page.locator("#result-status")).to_have_text(
        f"Showing {count} of {count} event{'s' if count > 1 else ''}.", timeout=WAIT
    )
    assert problems == []


def test_the_filter_panel_fits_the_screen_and_keeps_a_ticked_box_in_view(browser, live_server, timeline):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_timeline(page, live_server)
    # At this width every filter is shown: "More filters" folds them away only on a phone.
    # Once the page scrolls, the panel stays put and no taller than the screen; it scrolls on its own.
    page.mouse.wheel(0, 600)
    page.wait_for_function("document.getElementById('filters').getBoundingClientRect().top < 40")
    panel = page.locator("#filters").bounding_box()
    assert panel["y"] >= 0 and panel["y"] + panel["height"] <= 900
    assert page.locator("#filters").evaluate("e => getComputedStyle(e).overflowY") == "auto"
    box = page.locator("#actor-sergey-lavrov")
    box.scroll_into_view_if_needed()
    box.check()
    expect(page).to_have_url(re.compile(r"actor=sergey-lavrov"), timeout=WAIT)
    page.wait_for_load_state("networkidle")
    ticked = page.locator("#actor-sergey-lavrov").bounding_box()
    assert page.locator("#actor-sergey-lavrov").is_checked()
    assert 0 <= ticked["y"] and ticked["y"] + ticked["height"] <= 900
    context.close()


def test_the_copy_button_puts_the_citation_on_the_clipboard(browser, live_server, timeline):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{live_server.url}/events/{timeline['events'][0].slug}/")
    page.get_by_role("button", name="Copy the citation as plain text").click()
    expect(page.locator(".copy-status")).to_have_text("Copied to the clipboard.", timeout=WAIT)
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#cite-plain").inner_text()
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_no_serious_or_critical_violations_at_desktop_and_phone_widths(
    browser,
    live_server,
    timeline,
    statement,
    width,
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.add_init_script(path=str(AXE))
    paths = [
        "/",
        "/?q=era&q_in=quotes&place=moscow&actor=xi-jinping&actor=vladimir-putin&actors_match=all",
        "/?kind=call&start=banana",
        f"/events/{timeline['events'][0].slug}/",
        f"/events/{statement.slug}/",
        "/actors/xi-jinping/",
        f"/sources/{timeline['source'].pk}/",
    ]
    found = {}
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        found[path] = axe_violations(page)
    context.close()
    assert found == {path: [] for path in paths}


def test_an_actor_named_in_a_loaded_more_event_filters_in_place(page, live_server, timeline, problems):
    # The list's links carry no htmx attributes of their own: they inherit them from the list,
    # and so must the events "Load more" appends to it.
    open_timeline(page, live_server)
    page.locator("#load-more a").click()
    expect(page.locator("#event-list article")).to_have_count(EVENTS, timeout=WAIT)
    page.locator("#event-list article").last.locator(".event-actors a").first.click()
    expect(page).to_have_url(re.compile(r"/\?actor=[a-z-]+$"), timeout=WAIT)
    expect(page.locator("#result-status")).not_to_contain_text(f"of {EVENTS} events", timeout=WAIT)
    page.locator("#event-list article").first.locator("a.expand").click()
    expect(page.locator("#event-list details.event-more[open]")).to_have_count(1, timeout=WAIT)
    assert re.search(r"/\?actor=[a-z-]+$", page.url)  # opening the details leaves the address alone
    page.locator("#event-list article").first.locator("h5.event-title > a").click()
    expect(page).to_have_url(re.compile(r"/events/[a-z0-9-]+/$"), timeout=WAIT)
    assert not still_same_document(page), "an event's title is a plain link to its own page"
    assert problems == []


def test_the_feed_link_in_the_head_follows_the_filters_after_htmx_swaps(page, live_server, timeline, problems):
    open_timeline(page, live_server)
    page.check("#actor-sergey-lavrov")
    expect(page).to_have_url(re.compile(r"/\?actor=sergey-lavrov$"), timeout=WAIT)
    feed = page.locator("head link[rel='alternate'][type='application/atom+xml']")
    expect(feed).to_have_attribute("href", "/events.atom?actor=sergey-lavrov", timeout=WAIT)
    expect(feed).to_have_attribute("title", "New events: Sergey Lavrov — Chronicle")
    assert still_same_document(page)
    assert problems == []
