"""An editor's morning in a real browser: the admin's front page says what waits, the
review queue takes decisions from the keyboard, and each one is kept."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from timeline.models import Event, Tombstone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
WAIT = 5_000
ARTICLE = (
    "Xi Jinping met Vladimir Putin in Beijing on 16 May 2024. "
    "The two leaders held talks on 16 May 2024. "
    "Putin said on 17 May 2024 that ties were at their best. "
    "Lavrov called Wang Yi on 20 May 2024."
)


@pytest.fixture
def proposals(make_actor, make_source, make_event, plain_static_files):
    xi, putin, lavrov = make_actor("Xi Jinping"), make_actor("Vladimir Putin"), make_actor("Sergey Lavrov")
    source = make_source(title="Leaders in Beijing", publisher="Eurasia Wire", text=ARTICLE)
    quotes = ARTICLE.split(". ")
    meeting = {"kind": "meeting", "actors": [xi, putin], "date_start": date(2024, 5, 16)}
    return [
        make_event(title="Xi meets Putin", sources=[(source, quotes[0])], **meeting),
        make_event(title="Xi and Putin hold talks", sources=[(source, quotes[1])], **meeting),
        make_event(
            title="Statement by Putin",
            kind="statement",
            actors=[putin],
            date_start=date(2024, 5, 17),
            sources=[(source, quotes[2])],
        ),
        make_event(
            title="Lavrov calls Wang",
            kind="call",
            actors=[lavrov],
            date_start=date(2024, 5, 20),
            sources=[(source, quotes[3])],
        ),
    ]


def log_in(context, live_server, user):
    """The editor's session, made as the test client makes one, handed to the browser."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def test_an_editor_reviews_the_queue_from_the_keyboard(browser, live_server, editor, proposals):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    log_in(context, live_server, editor)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/")
    expect(page.locator("#review-counts")).to_contain_text("4 proposed events await review")
    page.get_by_role("link", name="4 proposed events await review").click()

    first = page.locator("article.review-item").first
    expect(first.locator("mark")).to_have_text("Lavrov called Wang Yi on 20 May 2024.")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"), full_page=True)

    # The first Accept button has the focus: Enter accepts, and the queue comes back one shorter.
    expect(first.get_by_role("button", name="Accept")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Accepted “Lavrov calls Wang”")
    expect(page.locator("article.review-item")).to_have_count(3)

    # A reason typed into the next item's field, and Enter rejects it.
    page.get_by_label("Reason").first.fill("a quote, not an event")
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Rejected “Statement by Putin”")
    expect(page.locator("article.review-item")).to_have_count(2)

    # The talks are the meeting told again: the queue offers the meeting as a candidate.
    talks = page.locator("article.review-item").first
    expect(talks).to_contain_text(f"{proposals[0].pk} = 16 May 2024: Xi meets Putin")
    talks.get_by_label("Merge into").fill(str(proposals[0].pk))
    talks.get_by_role("button", name="Merge").click()
    expect(page.locator(".messagelist")).to_contain_text("Merged “Xi and Putin hold talks” into “Xi meets Putin”")
    expect(page.locator("article.review-item")).to_have_count(1)
    expect(page.locator("article.review-item").first.locator("mark")).to_have_count(2)

    assert Event.objects.get(pk=proposals[3].pk).status == "reviewed"
    assert {t.reason for t in Tombstone.objects.filter(event_slug=proposals[2].slug)} == {"a quote, not an event"}
    assert not Event.objects.filter(pk=proposals[1].pk).exists()
    assert Event.objects.get(pk=proposals[0].pk).citations.count() == 2

    phone = browser.new_context(viewport={"width": 375, "height": 740})
    log_in(phone, live_server, editor)
    small = phone.new_page()
    small.goto(f"{live_server.url}/admin/timeline/event/review/")
    assert small.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scrolling"
    context.close()
    phone.close()


def test_an_editor_cites_by_picking_the_sentence(browser, live_server, editor, proposals):
    """No offsets to type: the article's sentences are offered, and the chosen one is found on saving."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    log_in(context, live_server, editor)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    event = proposals[0]
    page.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/change/")
    picker = page.get_by_label("Pick the sentence from the article")
    expect(picker).to_have_value(str(ARTICLE.index("Xi Jinping met")))  # the current quote, chosen
    picker.select_option(label="The two leaders held talks on 16 May 2024.")
    expect(page.locator("textarea[name='citations-0-quote']")).to_have_value(
        "The two leaders held talks on 16 May 2024."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    citation = event.citations.get()
    assert (citation.quote, citation.quote_start) == (
        "The two leaders held talks on 16 May 2024.",
        ARTICLE.index("The two leaders"),
    )
    assert errors == []
    context.close()
