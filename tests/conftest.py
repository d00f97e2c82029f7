import os
import shutil
from datetime import date

import pytest

# Playwright runs its own event loop; Django's database setup must still be allowed.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _axes_off_unless_a_test_turns_it_on(settings):
    # django-axes refuses client.login() (it gives no request) and counts every
    # failed login; tests of brute-force protection set AXES_ENABLED back on.
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # A real password hash costs about half a second; every admin login in the suite pays it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # A test's rows vanish with its rolled-back transaction, which sends none of the
    # signals that invalidate cached facet counts (timeline/facet_cache.py).
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_actor(db):
    from django.utils.text import slugify

    from timeline.models import Actor

    def make(name="Xi Jinping", **kwargs):
        kwargs.setdefault("slug", slugify(name))
        kwargs.setdefault("kind", Actor.Kind.PERSON)
        return Actor.objects.create(name=name, **kwargs)

    return make


@pytest.fixture
def make_source(db):
    from timeline.models import Outlet, Source

    counter = {"n": 0}

    def make(publisher="", **kwargs):
        """publisher: an outlet's name, made on first use."""
        counter["n"] += 1
        if publisher:
            kwargs["outlet"] = Outlet.objects.get_or_create(name=publisher)[0]
        kwargs.setdefault("title", f"Article {counter['n']}")
        kwargs.setdefault("origin", f"article_{counter['n']:03d}.txt")
        kwargs.setdefault("text", "Xi Jinping met Vladimir Putin in Moscow on 21 March 2023.")
        return Source.objects.create(**kwargs)

    return make


@pytest.fixture
def make_event(db):
    """make_event(title=..., actors=[Actor or (Actor, role)], sources=[(Source, quote)], **fields)."""
    from django.utils.text import slugify

    from timeline.models import Citation, Event, Participation

    counter = {"n": 0}

    def make(actors=(), sources=(), **kwargs):
        counter["n"] += 1
        kwargs.setdefault("title", f"Event {counter['n']}")
        kwargs.setdefault("slug", f"{slugify(kwargs['title'])[:150]}-{counter['n']}")
        kwargs.setdefault("kind", Event.Kind.MEETING)
        kwargs.setdefault("date_start", date(2023, 3, 21))
        event = Event.objects.create(**kwargs)
        for actor in actors:
            actor, role = actor if isinstance(actor, tuple) else (actor, Participation.Role.PARTICIPANT)
            Participation.objects.create(event=event, actor=actor, role=role)
        for source, quote in sources:
            start = max(source.text.find(quote), 0)
            Citation.objects.create(
                event=event, source=source, quote=quote, quote_start=start, quote_end=start + max(len(quote), 1)
            )
        return event

    return make


# --- The live server the browser talks to ----------------------------------------


def _serialise_live_server_requests():
    """The live server answers in threads, but on SQLite every thread shares the test's one
    in-memory connection: two requests at once (the browser often sends two) misuse it and
    answer 500 ("bad parameter or other API misuse"). One request at a time, body included."""
    import threading

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class OneRequestAtATime(ThreadedWSGIServer):
        def set_app(self, application):
            lock = threading.Lock()

            def serialised(environ, start_response):
                with lock:
                    response = application(environ, start_response)
                    try:
                        return [b"".join(response)]
                    finally:
                        getattr(response, "close", lambda: None)()

            super().set_app(serialised)

    LiveServerThread.server_class = OneRequestAtATime


_serialise_live_server_requests()


# --- Real clients: Chromium (Playwright) and LibreOffice Calc -----------------

CHROMIUM = "/usr/bin/chromium"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# marker: (the program, what installs it)
REAL_CLIENTS = {
    "browser": (CHROMIUM if os.path.exists(CHROMIUM) else None, "apt-get install chromium"),
    "spreadsheet": (SOFFICE, "apt-get install libreoffice-calc-nogui"),
}
# .ci/run sets this: there, a missing client fails its tests instead of skipping them.
CLIENTS_REQUIRED = os.environ.get("CHRONICLE_REAL_CLIENTS") == "required"


def pytest_report_header(config):
    return [
        f"{marker} tests: {program or 'skipped, not installed (' + install + ')'}"
        for marker, (program, install) in REAL_CLIENTS.items()
    ]


def pytest_collection_modifyitems(config, items):
    """Real clients are slow to drive: their tests count as slow (`make test-fast` leaves them out).
    Where the client is missing they are skipped with the reason, except under .ci/run."""
    for item in items:
        for marker, (program, install) in REAL_CLIENTS.items():
            if marker not in item.keywords:
                continue
            item.add_marker(pytest.mark.slow)
            if program is None and not CLIENTS_REQUIRED:
                item.add_marker(pytest.mark.skip(reason=f"{marker} tests skipped: not installed ({install})"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    }


@pytest.fixture
def plain_static_files(settings):
    # live_server serves /static/ through the finders, which know no hashed names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def editor(db, monkeypatch, settings):
    """A staff account made the documented way (create_editor), in the Editors group."""
    import io

    from django.contrib.auth.models import User
    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "an-editor-password-for-tests")
    call_command("create_editor", "clio", stdout=io.StringIO())
    return User.objects.get(username="clio")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# --- Shared helpers: reading responses as a client would ------------------------

HTMX = {"HTTP_HX_REQUEST": "true"}  # what every htmx request sends


def htmx(target: str) -> dict:
    """The headers of an htmx request that will replace the element with this id."""
    return {**HTMX, "HTTP_HX_TARGET": target}


def body_of(response) -> bytes:
    """The whole body, streamed or not; streaming errors surface here."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def parse_html(response_or_html):
    """A page or an htmx fragment as an element tree, so tests ask for elements and
    attributes by meaning (CSS selectors), whatever the markup's attribute order."""
    import lxml.html

    html = response_or_html if isinstance(response_or_html, str) else body_of(response_or_html).decode()
    if "<html" in html[:500].lower():
        return lxml.html.document_fromstring(html)
    return lxml.html.fragment_fromstring(html, create_parent="div")


def text_of(element) -> str:
    """What a reader sees in an element, with its whitespace collapsed."""
    return " ".join(element.text_content().split())


def texts(tree, selector: str) -> list[str]:
    return [text_of(element) for element in tree.cssselect(selector)]


def only(tree, selector: str):
    """The one element the selector matches (fails loudly if there are none or several)."""
    found = tree.cssselect(selector)
    assert len(found) == 1, f"{selector!r} matched {len(found)} elements"
    return found[0]


def htmx_attribute(element, name: str) -> str | None:
    """An hx-* attribute as htmx resolves it: on the element, or inherited from the nearest ancestor."""
    while element is not None:
        if element.get(name) is not None:
            return element.get(name)
        element = element.getparent()
    return None
