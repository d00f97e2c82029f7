"""Articles in: by address, by file and by paste, in the admin and on the command line.

Pages are our own, served by a local server; nothing here touches the network.
"""

import io
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from timeline.models import Citation, Event, Outlet, Source

ARTICLE_HTML = """<!doctype html>
<html><head>
<title>Leaders talk by video | Steppe Courier</title>
<meta property="og:title" content="Leaders talk by video">
<meta property="og:site_name" content="Steppe Courier">
<meta property="article:published_time" content="2024-02-09T08:00:00+00:00">
<meta name="author" content="Ana Petrova">
<link rel="canonical" href="https://steppe-courier.example/world/leaders-video">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article>
<h1>Leaders talk by video</h1>
<p>Chinese President Xi Jinping and Russian President Vladimir Putin held a video call on Thursday,
the Kremlin said, discussing trade, energy and the situation in the region.</p>
<p>The two leaders agreed to meet in person later in the year, according to a readout from Beijing.
Officials on both sides described the conversation as friendly and substantive.</p>
<p>Trade between the two countries has grown every year since 2020, customs figures show.</p>
</article>
<footer>© Steppe Courier. All rights reserved.</footer>
</body></html>"""
SECOND_HTML = ARTICLE_HTML.replace("leaders-video", "other-story").replace(
    "held a video call on Thursday", "spoke by telephone on Monday"
)
PASTED = (
    "Foreign ministers meet\n\n"
    "Russian Foreign Minister Sergey Lavrov met Chinese Foreign Minister Wang Yi in Moscow on 12 March 2024, "
    "the ministry said.\n"
)


class Pages(BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            if self.path == "/article":
                self.reply(ARTICLE_HTML.encode())
            elif self.path == "/second":
                self.reply(SECOND_HTML.encode())
            elif self.path == "/huge":
                self.reply(b"<p>" + b"word " * 400_000 + b"</p>")
            elif self.path == "/slow":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(20):
                    self.wfile.write(b"<p>drip</p>")
                    self.wfile.flush()
                    time.sleep(0.2)
            else:
                self.send_error(404)
        except OSError:
            pass  # the fetcher hung up on a page it refused

    def reply(self, body: bytes):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site(settings):
    """A local web server, and the setting that lets the fetcher reach loopback (off by default)."""
    settings.CHRONICLE_FETCH_ALLOW_LOOPBACK = True
    settings.CHRONICLE_FETCH_LIMITS = {"timeout": 1.5, "max_bytes": 256 * 1024, "max_redirects": 3}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def corpus(db):
    call_command("load_timeline", stdout=io.StringIO())


def add(client, **data):
    fields = {"url": "", "text": "", "title": "", "outlet": "", "published_on": "", **data}
    return client.post("/admin/timeline/source/add/", fields, follow=True)


def errors_of(response) -> str:
    form = response.context.get("form") if response.context else None
    return " ".join(str(e) for e in form.non_field_errors()) if form else ""


# --- The admin's "Add article" -------------------------------------------------------


def test_the_add_page_offers_address_file_and_text(editor_client):
    html = editor_client.get("/admin/timeline/source/add/").content.decode()
    for label in ("Address (URL)", "Or a file", "Or the text", "Publication date", "YYYY-MM-DD"):
        assert label in html


def test_an_article_added_by_address_is_cleaned_and_its_events_await_review(editor_client, site, corpus):
    response = add(editor_client, url=f"{site}/article")
    assert response.redirect_chain[-1][0].startswith("/admin/timeline/event/review/?source=")
    source = Source.objects.get(url="https://steppe-courier.example/world/leaders-video")
    assert (source.title, source.outlet.name, source.author, source.published_on) == (
        "Leaders talk by video",
        "Steppe Courier",
        "Ana Petrova",
        date(2024, 2, 9),
    )
    assert "cookies" not in source.text and "Home" not in source.text, "page furniture is dropped"
    call = Event.objects.citing(source).get(kind="call")
    assert (call.date_start, call.status) == (date(2024, 2, 8), "proposed"), "Thursday before 9 February 2024"
    queue = response.content.decode()
    assert "Imported “Leaders talk by video”" in queue and "held a video call on Thursday" in queue


def test_an_article_added_by_file_takes_the_editors_metadata_over_the_pages(editor_client, corpus):
    upload = SimpleUploadedFile("leaders.html", ARTICLE_HTML.encode(), content_type="text/html")
    add(
        editor_client,
        file=upload,
        title="Xi and Putin speak",
        outlet="Courier of the Steppe",
        published_on="2024-02-09",
    )
    source = Source.objects.get(title="Xi and Putin speak")
    assert source.outlet.name == "Courier of the Steppe" and source.published_on == date(2024, 2, 9)
    assert Event.objects.citing(source).filter(kind="call", date_start=date(2024, 2, 8)).exists()


def test_an_article_added_by_paste_with_a_british_date(editor_client, corpus):
    add(editor_client, text=PASTED, outlet="Eurasia Wire", published_on="12/03/2024")
    source = Source.objects.get(title="Foreign ministers meet")
    assert source.published_on == date(2024, 3, 12) and source.origin.startswith("import-")
    meeting = Event.objects.citing(source).get()
    assert meeting.date_start == date(2024, 3, 12) and meeting.status == "proposed"


def test_the_same_article_twice_is_refused_with_a_link_to_the_first(editor_client, site, corpus):
    add(editor_client, url=f"{site}/article")
    again = add(editor_client, url=f"{site}/article")
    assert "already imported as “Leaders talk by video”" in errors_of(again)
    same_words = add(editor_client, text=Source.objects.get(title="Leaders talk by video").text)
    assert "already imported" in errors_of(same_words)
    assert Source.objects.filter(title="Leaders talk by video").count() == 1


@pytest.mark.parametrize(
    "address, reason",
    [
        ("http://127.0.0.1:9/article", "loopback"),
        ("http://localhost:9/article", "loopback"),
        ("http://10.0.0.5/article", "private"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ],
)
def test_addresses_inside_the_network_are_refused_with_a_clear_message(editor_client, db, address, reason):
    response = add(editor_client, url=address)
    message = errors_of(response)
    assert "refused" in message and reason in message, message
    assert not Source.objects.exists()


def test_an_oversized_or_slow_page_is_stopped(editor_client, site, db):
    assert "larger than" in errors_of(add(editor_client, url=f"{site}/huge"))
    started = time.monotonic()
    assert "within" in errors_of(add(editor_client, url=f"{site}/slow"))
    assert time.monotonic() - started < 3
    assert not Source.objects.exists()


def test_the_form_says_what_it_needs(editor_client, db):
    assert "Give the article's address, a file, or its text." in errors_of(add(editor_client))
    upload = SimpleUploadedFile("notes.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert "not an article file" in errors_of(add(editor_client, file=upload))
    assert "Give the article's address" in errors_of(add(editor_client, text="   \n  "))


def test_the_admin_front_page_counts_what_awaits_review(editor_client, corpus):
    waiting = Event.objects.filter(status="proposed").count()
    html = editor_client.get("/admin/").content.decode()
    assert f"{waiting}</strong> proposed events await review" in html


# --- On the command line ---------------------------------------------------------------


def test_import_articles_takes_files_folders_addresses_and_lists(site, corpus, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "ministers.txt").write_text(PASTED)
    (folder / "sources.toml").write_text('["ministers.txt"]\npublisher = "Eurasia Wire"\npublished = 2024-03-12\n')
    (tmp_path / "reading.urls").write_text(f"# to read\n{site}/second\n")
    out = io.StringIO()
    call_command("import_articles", str(folder), f"{site}/article", str(tmp_path / "reading.urls"), stdout=out)
    assert "Imported 3 article(s), skipped 0" in out.getvalue()
    assert Outlet.objects.get(name="Eurasia Wire").sources.get().published_on == date(2024, 3, 12)
    assert Source.objects.filter(url="https://steppe-courier.example/world/other-story").exists()

    out = io.StringIO()
    call_command("import_articles", str(folder), f"{site}/article", stdout=out)
    assert "Imported 0 article(s), skipped 2 already held" in out.getvalue()


def test_a_bad_article_stops_the_import_and_changes_nothing(site, corpus, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PASTED)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    before = (Source.objects.count(), Event.objects.count())
    with pytest.raises(CommandError, match="empty.txt.*nothing was imported"):
        call_command("import_articles", str(good), str(empty), stdout=io.StringIO())
    with pytest.raises(CommandError, match="refused.*nothing was imported"):
        call_command("import_articles", str(good), "http://10.9.9.9/a", stdout=io.StringIO())
    assert (Source.objects.count(), Event.objects.count()) == before


def test_loopback_is_refused_unless_the_setting_allows_it(db, settings):
    settings.CHRONICLE_FETCH_ALLOW_LOOPBACK = False
    with pytest.raises(CommandError, match="refused"):
        call_command("import_articles", "http://127.0.0.1:9/article", stdout=io.StringIO())


# --- What an arrival touches -------------------------------------------------------------

SAMARKAND = (
    "Leaders meet at the SCO summit\n\n"
    "Chinese President Xi Jinping met Russian President Vladimir Putin in Samarkand on Thursday, "
    "on the sidelines of the Shanghai Cooperation Organisation summit, the Kremlin said.\n"
)


def timeline_rows():
    return {
        e.slug: (e.title, e.kind, e.date_start, e.date_end, e.date_precision, e.status) for e in Event.objects.all()
    }, set(Citation.objects.values_list("event__slug", "source__origin", "quote_start"))


def test_a_new_report_of_a_held_event_joins_it_and_nothing_else_changes(corpus, tmp_path):
    events_before, citations_before = timeline_rows()
    article = tmp_path / "samarkand.txt"
    article.write_text(SAMARKAND)
    (tmp_path / "sources.toml").write_text('["samarkand.txt"]\npublished = 2022-09-16\n')
    call_command("import_articles", str(article), stdout=io.StringIO())
    source = Source.objects.get(title="Leaders meet at the SCO summit")
    meeting = Event.objects.citing(source).get()
    assert meeting.slug in events_before, "the held Samarkand meeting, not a second one"
    assert meeting.date_start == date(2022, 9, 15)
    events_after, citations_after = timeline_rows()
    assert set(events_after) == set(events_before)
    unchanged = {slug: row for slug, row in events_before.items() if slug != meeting.slug}
    assert {slug: events_after[slug] for slug in unchanged} == unchanged
    added = citations_after - citations_before
    assert added and all((slug, origin) == (meeting.slug, source.origin) for slug, origin, _ in added)
    assert citations_before <= citations_after


def test_a_known_outlet_is_recognised_by_its_website_and_keeps_its_affiliation(editor_client, db):
    call_command("load_timeline", stdout=io.StringIO())
    tass = Outlet.objects.get(name="TASS")
    assert (tass.affiliation, tass.get_affiliation_display()) == ("state-russia", "state media of Russia")
    add(editor_client, text=PASTED, url="https://tass.com/politics/1234567", outlet="tass.com")
    assert Source.objects.get(title="Foreign ministers meet").outlet == tass
    assert Outlet.objects.filter(name__iexact="tass.com").count() == 0, "no second outlet for the same site"
