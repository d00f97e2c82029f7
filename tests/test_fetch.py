"""fetch_page against a local server this module runs; nothing here touches the network."""

import re
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from timeline.ingest.fetch import FetchedPage, FetchError, fetch_page

PAGE = b"<html><head><title>Grain deal</title></head><body><p>Ministers agreed.</p></body></html>"
MAX_BYTES = 16 * 1024
TIMEOUT = 0.5


class PageHandler(BaseHTTPRequestHandler):
    """Serves /NAME/ARGUMENT by calling route_NAME(ARGUMENT)."""

    def do_GET(self):
        name, _, argument = self.path.lstrip("/").partition("/")
        route = getattr(self, "route_" + name.replace("-", "_"), self.route_missing)
        try:
            route(argument)
        except OSError:  # the client hung up, as fetch_page does when it refuses a page
            pass

    def log_message(self, *args):
        pass

    def answer(self, status=200, body=b"", **headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def route_missing(self, _):
        self.send_error(404)

    def route_page(self, _):
        self.answer(body=PAGE, Content_Type="text/html; charset=utf-8", Content_Length=str(len(PAGE)))

    def route_windows_1252(self, _):
        self.answer(body="Café “olé”".encode("cp1252"), Content_Type="text/html; charset=Windows-1252")

    def route_plain(self, _):
        self.answer(body=b"Plain words.", Content_Type="text/plain")

    def route_xhtml(self, _):
        self.answer(body=PAGE, Content_Type="application/xhtml+xml")

    def route_echo(self, _):
        self.answer(body=f"{self.headers['Host']} {self.path}".encode(), Content_Type="text/plain")

    def route_chain(self, argument):
        hops = int(argument)
        if hops == 0:
            self.route_page(argument)
        else:
            self.answer(302, Location=f"/chain/{hops - 1}")

    def route_to_private(self, _):
        self.answer(301, Location="http://10.1.2.3/")

    def route_to_metadata(self, _):
        self.answer(307, Location="http://169.254.169.254/latest/meta-data/")

    def route_to_ftp(self, _):
        self.answer(302, Location="ftp://127.0.0.1/article.txt")

    def route_redirect_nowhere(self, _):
        self.answer(302)

    def route_huge_declared(self, _):
        self.answer(body=b"x" * 100, Content_Type="text/html", Content_Length=str(10 * 1024 * 1024))

    def route_huge_streamed(self, _):
        self.answer(Content_Type="text/html")  # no length: the body ends when the connection closes
        for _ in range(64):
            self.wfile.write(b"x" * 1024)

    def route_drip(self, _):
        self.answer(Content_Type="text/html")
        self.drip(b"<p>" + b"x" * 40)

    def route_drip_headers(self, _):
        self.wfile.write(b"HTTP/1.0 200 OK\r\n")
        self.drip(b"X-Padding: " + b"x" * 40)

    def drip(self, data):
        for byte in data:  # a byte every 0.1 s: each arrives well inside a socket timeout
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.1)

    def route_silent(self, _):
        time.sleep(1)

    def route_image(self, _):
        self.answer(body=b"\x89PNG\r\n", Content_Type="image/png")

    def route_untyped(self, _):
        self.answer(body=PAGE)

    def route_gzipped(self, _):
        self.answer(body=b"\x1f\x8b\x08", Content_Type="text/html", Content_Encoding="gzip")

    def route_broken(self, _):
        self.send_error(500)


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PageHandler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for news.example, which the test resolver points at 127.0.0.1."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=news.example"]
        + ["-addext", "subjectAltName=DNS:news.example", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture(scope="module")
def secure_site(certificate):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PageHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"https://news.example:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.CHRONICLE_FETCH_LIMITS = {"timeout": TIMEOUT, "max_bytes": MAX_BYTES, "max_redirects": 5}


@pytest.fixture
def loopback(settings):
    settings.CHRONICLE_FETCH_ALLOW_LOOPBACK = True


@pytest.fixture(autouse=True)
def connections_stay_on_this_machine(monkeypatch):
    # A safety net: should a check ever fail, the test fails instead of reaching a real network.
    connect = socket.create_connection

    def local_only(address, *args, **kwargs):
        assert address[0] == "127.0.0.1", f"fetch_page tried to connect to {address[0]}"
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", local_only)


@pytest.fixture
def resolver(monkeypatch):
    """Answers for made-up host names, and records which names were looked up."""
    answers, lookups = {}, []
    lookup = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host not in answers:
            return lookup(host, port, *args, **kwargs)
        lookups.append(host)
        addresses = answers[host].pop(0) if len(answers[host]) > 1 else answers[host][0]
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in addresses]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return answers, lookups


def test_fetches_a_page(site, loopback):
    assert fetch_page(f"{site}/page") == FetchedPage(
        url=f"{site}/page", content_type="text/html", body=PAGE, encoding="utf-8"
    )


def test_reports_the_encoding_the_header_gives(site, loopback):
    page = fetch_page(f"{site}/windows-1252")
    assert page.encoding == "windows-1252"
    assert page.body.decode(page.encoding) == "Café “olé”"


@pytest.mark.parametrize("path, content_type", [("plain", "text/plain"), ("xhtml", "application/xhtml+xml")])
def test_accepts_plain_text_and_xhtml(site, loopback, path, content_type):
    page = fetch_page(f"{site}/{path}")
    assert (page.content_type, page.encoding) == (content_type, None)


def test_follows_redirects_and_reports_the_final_address(site, loopback):
    page = fetch_page(f"{site}/chain/5")
    assert (page.url, page.body) == (f"{site}/chain/0", PAGE)


def test_refuses_more_redirects_than_the_limit(site, loopback):
    with pytest.raises(FetchError) as refused:
        fetch_page(f"{site}/chain/6")
    assert str(refused.value) == f"{site}/chain/6: too many redirects (more than 5)"


@pytest.mark.parametrize(
    "path, message",
    [
        ("to-private", "http://10.1.2.3/: refused: the address 10.1.2.3 is private"),
        (
            "to-metadata",
            "http://169.254.169.254/latest/meta-data/: refused: the address 169.254.169.254"
            " is a cloud metadata address",
        ),
        ("to-ftp", "ftp://127.0.0.1/article.txt: only http and https addresses can be fetched"),
    ],
)
def test_checks_every_redirect_again(site, loopback, path, message):
    with pytest.raises(FetchError) as refused:
        fetch_page(f"{site}/{path}")
    assert str(refused.value) == message


def test_refuses_a_redirect_without_a_location(site, loopback):
    with pytest.raises(FetchError, match="redirected without saying where to"):
        fetch_page(f"{site}/redirect-nowhere")


def test_sends_the_path_percent_encoded(site, loopback):
    page = fetch_page(f"{site}/echo/grain deal é?q=a b#section")
    assert page.body.decode().endswith(" /echo/grain%20deal%20%C3%A9?q=a%20b")


def test_connects_to_the_checked_address_with_the_real_host_header(site, loopback, resolver):
    # The second answer would be the rebinding attack; fetch_page must never ask again.
    answers, lookups = resolver
    answers["news.example"] = [["127.0.0.1"], ["10.9.8.7"]]
    port = site.rsplit(":", 1)[1]
    page = fetch_page(f"http://news.example:{port}/echo/story")
    assert page.body == f"news.example:{port} /echo/story".encode()
    assert lookups == ["news.example"]


def test_refuses_a_host_when_any_of_its_addresses_is_private(resolver):
    answers, _ = resolver
    answers["mixed.example"] = [["93.184.216.34", "10.0.0.7"]]
    with pytest.raises(FetchError) as refused:
        fetch_page("http://mixed.example/story")
    assert str(refused.value) == "http://mixed.example/story: refused: the address 10.0.0.7 is private"


def test_explains_a_host_name_that_cannot_be_found(resolver):
    answers, _ = resolver
    answers["nowhere.example"] = [[]]
    with pytest.raises(FetchError) as refused:
        fetch_page("https://nowhere.example/")
    assert str(refused.value) == "https://nowhere.example/: the host name nowhere.example could not be found"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_refuses_loopback_unless_the_setting_allows_it(site, settings, host):
    settings.CHRONICLE_FETCH_ALLOW_LOOPBACK = False
    url = site.replace("127.0.0.1", host) + "/page"
    with pytest.raises(FetchError) as refused:
        fetch_page(url)
    assert re.fullmatch(rf"{re.escape(url)}: refused: the address (127\.0\.0\.1|::1) is loopback", str(refused.value))


def test_refuses_loopback_when_the_setting_is_absent(site, settings):
    del settings.CHRONICLE_FETCH_ALLOW_LOOPBACK
    with pytest.raises(FetchError, match="is loopback"):
        fetch_page(f"{site}/page")


@pytest.mark.parametrize(
    "url, address, reason",
    [
        ("http://10.1.2.3/", "10.1.2.3", "private"),
        ("http://172.16.5.4/", "172.16.5.4", "private"),
        ("http://192.168.0.10/admin", "192.168.0.10", "private"),
        ("http://100.64.0.1/", "100.64.0.1", "not public"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "a cloud metadata address"),
        ("http://169.254.1.1/", "169.254.1.1", "link-local"),
        ("http://0.0.0.0/", "0.0.0.0", "unspecified"),
        ("http://224.0.0.1/", "224.0.0.1", "multicast"),
        ("http://240.0.0.1/", "240.0.0.1", "reserved"),
        ("http://[::1]/", "::1", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1", "loopback"),
        ("http://[::ffff:10.0.0.1]/", "::ffff:10.0.0.1", "private"),
        ("http://[::ffff:169.254.169.254]/", "::ffff:169.254.169.254", "a cloud metadata address"),
        ("http://[fd00:ec2::254]/", "fd00:ec2::254", "a cloud metadata address"),
        ("http://[fe80::1]/", "fe80::1", "link-local"),
        ("http://[fc00::5]/", "fc00::5", "private"),
    ],
)
def test_refuses_addresses_that_are_not_public_even_with_loopback_allowed(loopback, url, address, reason):
    with pytest.raises(FetchError) as refused:
        fetch_page(url)
    assert str(refused.value) == f"{url}: refused: the address {address} is {reason}"


@pytest.mark.parametrize(
    "url, reason",
    [
        ("ftp://example.com/article.txt", "only http and https addresses can be fetched"),
        ("file:///etc/passwd", "only http and https addresses can be fetched"),
        ("javascript:alert(1)", "only http and https addresses can be fetched"),
        ("example.com/story", "only http and https addresses can be fetched"),
        ("http:///story", "the address has no host name"),
        ("http://[::1/", "this is not a valid web address"),
        ("http://example.com:99999/", "this is not a valid web address"),
    ],
)
def test_refuses_addresses_it_cannot_fetch(url, reason):
    with pytest.raises(FetchError) as refused:
        fetch_page(url)
    assert str(refused.value) == f"{url}: {reason}"


@pytest.mark.parametrize("path", ["huge-declared", "huge-streamed"])
def test_refuses_a_page_over_the_byte_limit(site, loopback, path):
    with pytest.raises(FetchError) as refused:
        fetch_page(f"{site}/{path}")
    assert str(refused.value) == f"{site}/{path}: the page is larger than 16 KB"


@pytest.mark.parametrize("path", ["drip", "drip-headers", "silent"])
def test_gives_up_on_a_slow_server_at_the_deadline(site, loopback, path):
    started = time.monotonic()
    with pytest.raises(FetchError) as refused:
        fetch_page(f"{site}/{path}")
    assert str(refused.value) == f"{site}/{path}: no answer within 0.5 seconds"
    assert time.monotonic() - started < TIMEOUT + 1


@pytest.mark.parametrize(
    "path, reason",
    [
        ("image", "this is image/png, not a web page or plain text"),
        ("untyped", "the server did not say what kind of file this is"),
        ("gzipped", "the server sent the page compressed (gzip) although it was asked not to"),
        ("missing", "the server answered 404 Not Found"),
        ("broken", "the server answered 500 Internal Server Error"),
    ],
)
def test_refuses_answers_that_are_not_pages(site, loopback, path, reason):
    with pytest.raises(FetchError) as refused:
        fetch_page(f"{site}/{path}")
    assert str(refused.value) == f"{site}/{path}: {reason}"


def test_explains_a_refused_connection(loopback):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # closed again before the fetch, so nothing listens there
    with pytest.raises(FetchError) as refused:
        fetch_page(f"http://127.0.0.1:{port}/")
    assert str(refused.value) == f"http://127.0.0.1:{port}/: the server refused the connection"


def test_fetches_over_https_checking_the_certificate_against_the_host_name(
    secure_site, certificate, loopback, resolver, monkeypatch
):
    answers, _ = resolver
    answers["news.example"] = [["127.0.0.1"]]
    trusting = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda: trusting(cafile=certificate[0]))
    page = fetch_page(f"{secure_site}/echo/story")
    assert page.body == f"{secure_site.removeprefix('https://')} /echo/story".encode()


def test_refuses_a_certificate_it_cannot_trust(secure_site, loopback, resolver):
    answers, _ = resolver
    answers["news.example"] = [["127.0.0.1"]]
    with pytest.raises(FetchError) as refused:
        fetch_page(f"{secure_site}/page")
    assert str(refused.value) == (
        f"{secure_site}/page: the site's certificate was not accepted (self-signed certificate)"
    )
