"""Secure by default: headers on every response, a strict CSP, production
settings that really send HSTS and secure cookies, an admin only for staff
with permissions, a login that resists brute force, and no SQL built from text.
`check --deploy` itself is run in test_settings.py."""

import ast
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from admin_forms import event_form
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from public_pages import EXPORT_PATHS, audit, page_paths

from tests.conftest import HTMX, body_of
from timeline.management.commands.create_editor import editors_group
from timeline.models import Event

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def timeline(make_actor, make_source, make_event):
    actor = make_actor("Xi Jinping")
    source = make_source(title="Xi meets Putin in Moscow")
    event = make_event(title="Xi meets Putin", actors=[actor], sources=[(source, "Xi Jinping met Vladimir Putin")])
    return event, actor, source


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        if part.strip():
            name, *values = part.split()
            directives[name] = values
    return directives


def assert_security_headers(response):
    csp = csp_directives(response)
    assert csp.get("default-src") == ["'self'"], response.headers.get("Content-Security-Policy")
    assert csp.get("frame-ancestors") == ["'none'"]
    for values in csp.values():
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(values), csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


# --- Headers on every response ----------------------------------------------

PAGES = ["index", "event", "actor", "source"]


@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_sends_the_security_headers(client, timeline, page):
    path = dict(zip(PAGES, page_paths(*timeline), strict=True))[page]
    response = client.get(path)
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_htmx_partial_sends_the_security_headers(client, timeline):
    assert_security_headers(client.get("/", **HTMX))


@pytest.mark.parametrize("path", EXPORT_PATHS)
def test_every_export_sends_the_security_headers(client, timeline, path):
    response = client.get(path)
    assert response.status_code == 200
    body_of(response)
    assert_security_headers(response)


@pytest.mark.parametrize(
    "path, status",
    [
        ("/no-such-page/", 404),
        ("/events/no-such-event/", 404),
        ("/admin/login/", 200),
        ("/admin/", 302),
    ],
)
def test_errors_redirects_and_the_admin_send_the_security_headers(client, db, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_security_headers(response)


@pytest.mark.parametrize("path", ["/", *EXPORT_PATHS])
def test_a_rejected_filter_still_sends_the_security_headers(client, db, path):
    response = client.get(path, data={"start": "banana"})
    assert response.status_code in (200, 400)
    assert_security_headers(response)


def test_a_refused_method_still_sends_the_security_headers(client, db):
    response = client.post("/")
    assert response.status_code == 405
    assert_security_headers(response)


def test_static_files_are_served_with_nosniff(client, settings):
    settings.WHITENOISE_USE_FINDERS = True  # no collectstatic in tests
    settings.WHITENOISE_AUTOREFRESH = True
    script = next((ROOT / "static" / "vendor").glob("htmx-*.min.js"))
    response = client.get(f"/static/vendor/{script.name}")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "javascript" in response.headers["Content-Type"]


# --- CSP compatibility: nothing inline that the policy would have to allow ---


@pytest.mark.parametrize("page", PAGES)
def test_pages_have_no_inline_scripts_styles_or_event_handlers(client, timeline, page):
    path = dict(zip(PAGES, page_paths(*timeline), strict=True))[page]
    found = audit(client.get(path).content.decode())
    assert found.inline_scripts == 0
    assert found.handlers == []
    assert found.inline_styles == []
    assert found.javascript_urls == []
    assert all(src.startswith("/static/") for src in found.script_sources), found.script_sources


def test_the_htmx_partial_has_no_inline_scripts_or_handlers(client, timeline):
    found = audit(client.get("/", **HTMX).content.decode())
    assert (found.inline_scripts, found.handlers, found.inline_styles) == (0, [], [])


# --- Production settings, in a fresh process ----------------------------------

PRODUCTION_PROBE = """
import json, django
from django.core.management import call_command
django.setup()
from django.test import Client
from django.test.utils import override_settings
from django.contrib.auth import get_user_model
call_command("migrate", verbosity=0)
get_user_model().objects.create_superuser("boss", "", "{password}")
plain = "django.contrib.staticfiles.storage.StaticFilesStorage"
with override_settings(STORAGES={{"default": {{"BACKEND": "django.core.files.storage.FileSystemStorage"}},
                                  "staticfiles": {{"BACKEND": plain}}}}):
    client = Client(HTTP_HOST="chronicle.example.org")
    http = client.get("/")
    https = client.get("/", secure=True)
    login_page = client.get("/admin/login/", secure=True)
    login = client.post("/admin/login/", {{"username": "boss", "password": "{password}", "next": "/admin/"}},
                        secure=True)
    forged = Client(HTTP_HOST="evil.example.com").get("/", secure=True)
print(json.dumps({{
    "http": [http.status_code, http.headers.get("Location")],
    "https": [https.status_code, https.headers.get("Strict-Transport-Security")],
    "csrf_cookie": login_page.cookies["csrftoken"].output(),
    "login": [login.status_code, login.cookies["sessionid"].output()],
    "forged_host": forged.status_code,
}}))
"""


@pytest.fixture(scope="module")
def production_probe(tmp_path_factory):
    database = tmp_path_factory.mktemp("production") / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="probe-" + "s3cr3t-K3y!" * 6,
        DJANGO_ALLOWED_HOSTS="chronicle.example.org",
        DJANGO_SETTINGS_MODULE="chronicle.settings",
        DATABASE_URL=f"sqlite:///{database}",
    )
    code = PRODUCTION_PROBE.format(password=PASSWORD)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow  # a child process
def test_production_settings_redirect_plain_http_to_https(production_probe):
    status, location = production_probe["http"]
    assert (status, location) == (301, "https://chronicle.example.org/")


@pytest.mark.slow  # a child process
def test_production_settings_send_hsts_for_a_year(production_probe):
    status, hsts = production_probe["https"]
    assert status == 200
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts


@pytest.mark.slow  # a child process
def test_production_settings_mark_session_and_csrf_cookies_secure(production_probe):
    status, session_cookie = production_probe["login"]
    assert status == 302
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie
    assert "Secure" in production_probe["csrf_cookie"]


@pytest.mark.slow  # a child process
def test_production_settings_refuse_a_forged_host_header(production_probe):
    assert production_probe["forged_host"] == 400


# --- The admin is for staff, and permissions hold ------------------------------


def make_user(username, *, staff=True, permissions=(), groups=()):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=staff)
    user.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    for group in groups:
        user.groups.add(group)
    return user


def change_url(event):
    return f"/admin/timeline/event/{event.pk}/change/"


ADMIN_PATHS = [
    "/admin/",
    "/admin/timeline/event/",
    "/admin/timeline/event/add/",
    "/admin/timeline/actor/",
    "/admin/timeline/source/",
    "/admin/auth/user/",
]


@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_anonymous_visitors_are_sent_to_the_admin_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/?next=")


def test_anonymous_visitors_cannot_see_an_event_change_page_or_its_history(client, make_event):
    event = make_event()
    for path in (change_url(event), f"/admin/timeline/event/{event.pk}/history/"):
        assert client.get(path).headers["Location"].startswith("/admin/login/")


def test_a_logged_in_user_who_is_not_staff_is_sent_to_the_login(client, make_event):
    event = make_event()
    client.force_login(make_user("reader", staff=False, permissions=["change_event", "view_event"]))
    response = client.get(change_url(event))
    assert response.status_code == 302 and response.headers["Location"].startswith("/admin/login/")
    client.post(change_url(event), event_form(event, title="Hijacked"))
    assert Event.objects.get(pk=event.pk).title == event.title


def test_staff_without_permissions_cannot_open_or_change_an_event(client, make_event):
    event = make_event(title="Original")
    client.force_login(make_user("intern"))
    assert client.get("/admin/timeline/event/").status_code == 403
    assert client.get(change_url(event)).status_code == 403
    assert client.post(change_url(event), event_form(event, title="Changed")).status_code == 403
    assert client.post(f"/admin/timeline/event/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Event.objects.get(pk=event.pk).title == "Original"


def test_staff_with_view_permission_only_can_read_but_not_change(client, make_event):
    event = make_event(title="Original")
    client.force_login(make_user("viewer", permissions=["view_event"]))
    page = client.get(change_url(event))
    assert page.status_code == 200
    assert b'name="title"' not in page.content  # rendered read-only, no input
    assert client.post(change_url(event), event_form(event, title="Changed")).status_code == 403
    assert Event.objects.get(pk=event.pk).title == "Original"


def test_editors_change_events_but_cannot_manage_users(client, make_event):
    event = make_event(title="Original")
    client.force_login(make_user("editor", groups=[editors_group()]))
    response = client.post(change_url(event), event_form(event, title="Corrected"))
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).title == "Corrected"
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.post("/admin/auth/user/add/", {"username": "mole"}).status_code == 403
    assert not get_user_model().objects.filter(username="mole").exists()


def test_an_admin_change_without_a_csrf_token_is_refused(make_event):
    event = make_event(title="Original")
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.create_superuser("boss", password=PASSWORD))
    response = client.post(change_url(event), event_form(event, title="Forged"))
    assert response.status_code == 403
    assert Event.objects.get(pk=event.pk).title == "Original"


# --- Brute force against the login --------------------------------------------


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def login(client, password):
    return client.post("/admin/login/", {"username": "editor", "password": password, "next": "/admin/"})


def is_logged_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_a_few_wrong_passwords_do_not_lock_an_editor_out(client, axes_on, db):
    make_user("editor")
    for _ in range(4):
        assert login(client, "wrong").status_code == 200  # the form again, with an error
    assert login(client, PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_five_wrong_passwords_lock_the_login_even_for_the_right_password(client, axes_on, db):
    make_user("editor")
    for _ in range(5):
        login(client, "wrong")
    response = login(client, PASSWORD)
    assert response.status_code == 429
    assert b"locked" in response.content.lower()
    assert not is_logged_in(client)
    assert_security_headers(response)


def test_the_lockout_lifts_after_an_hour(client, axes_on, db):
    from axes.models import AccessAttempt

    make_user("editor")
    for _ in range(5):
        login(client, "wrong")
    assert login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, minutes=1))
    assert login(client, PASSWORD).status_code == 302
    assert is_logged_in(client)


# --- No SQL built from text ---------------------------------------------------

# timeline/sql_rows.read_rows runs the SQL it is given: a sink like execute.
SQL_CALLS = {"raw", "extra", "execute", "executemany", "executescript", "RawSQL", "read_rows"}
# Values that cannot carry a user's text into SQL (sql_rows.table quotes a model's table name,
# sql_rows.placeholders writes "%s, %s").
SAFE_CALLS = {"int", "len", "quote_name", "table", "placeholders"}
ENTRY_POINTS = ("urls.py", "admin.py", "apps.py", "models.py")


def is_safe_value(node) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id.isupper()
    if isinstance(node, ast.Call):
        return (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) in SAFE_CALLS
    if isinstance(node, ast.UnaryOp):
        return is_safe_value(node.operand)
    if isinstance(node, ast.BinOp) and not isinstance(node.op, ast.Mod):
        return is_safe_value(node.left) and is_safe_value(node.right)
    return False


def builds_text(node) -> bool:
    """SQL assembled from values: f-strings, %, + or .format() with anything but constants."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) and not is_safe_value(part.value) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return not (is_safe_value(node.left) and is_safe_value(node.right))
    return isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "format"


def is_migration_ddl(call) -> bool:
    # schema_editor runs only under `migrate`, with identifiers from the code itself.
    owner = getattr(call.func, "value", None)
    return isinstance(owner, ast.Name) and owner.id == "schema_editor"


def lines_building_sql_from_text(source: str) -> list[int]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args or is_migration_ddl(node):
            continue
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        if name in SQL_CALLS and builds_text(node.args[0]):
            found.append(node.lineno)
    return found


def module_path(package: Path, dotted: str) -> Path | None:
    base = package.parent.joinpath(*dotted.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def imported_modules(path: Path, package: Path) -> set[Path]:
    """The app's modules that `path` imports, at any depth in the file (lazy imports too)."""
    here = ".".join(path.relative_to(package.parent).with_suffix("").parts)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            parent = here.rsplit(".", node.level)[0] if node.level else ""
            base = ".".join(part for part in (parent, node.module) if part)
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {p for name in names if name.startswith(package.name) and (p := module_path(package, name))}
    return found


def request_serving_modules(package: Path) -> set[Path]:
    """Modules reachable by imports from the URLconf, the admin and the models;
    management commands and migrations are run by hand, never by a request."""
    todo = [package / name for name in ENTRY_POINTS if (package / name).exists()]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo.extend(imported_modules(path, package))
    return seen


def test_no_sql_is_built_by_formatting_text_in_code_that_serves_requests():
    modules = request_serving_modules(ROOT / "timeline")
    assert ROOT / "timeline" / "filters.py" in modules and ROOT / "timeline" / "views.py" in modules
    hits = [f"{path}:{line}" for path in modules for line in lines_building_sql_from_text(path.read_text())]
    assert hits == []


def test_the_sql_scanner_flags_formatted_queries_and_passes_parameterised_ones():
    sample = (
        "cursor.execute(f'SELECT * FROM t WHERE q = {text}')\n"
        "Event.objects.raw('SELECT * FROM t WHERE q = %s' % text)\n"
        "cursor.execute('SELECT * FROM {}'.format(table))\n"
        "queryset.filter(pk__in=RawSQL('SELECT id FROM t WHERE q = ' + text, []))\n"
        "cursor.execute(f'SELECT * FROM {FTS_TABLE} WHERE x MATCH %s', [text])\n"
        "cursor.execute('SELECT 1 WHERE q = %s', [text])\n"
        "cursor.execute(f'PRAGMA cache_size = {-1024 * int(megabytes)}')\n"
        "schema_editor.execute(f'DROP TABLE IF EXISTS {fts}', params=None)\n"
        "read_rows(f'SELECT * FROM t WHERE q = {text}', [])\n"
        "read_rows(f'SELECT * FROM {table(Event)} WHERE id IN ({placeholders(len(ids))})', ids)\n"
    )
    assert sorted(lines_building_sql_from_text(sample)) == [1, 2, 3, 4, 9]


@pytest.mark.parametrize(
    "q",
    ["' OR '1'='1", '" OR ""="', "x%' OR 1=1 --", "'; DROP TABLE timeline_event; --", "*", '"', "NEAR(a b)"],
)
def test_sql_and_search_syntax_in_the_text_search_match_nothing_and_break_nothing(client, timeline, q):
    response = client.get("/events.json", data={"q": q})
    assert response.status_code == 200
    assert json.loads(body_of(response))["count"] == 0
    assert Event.objects.count() == 1
