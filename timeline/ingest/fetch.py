"""Fetch a web page for an editor without letting the link reach into the server's own network.

Every hop of a redirect is checked again, and the connection goes to the addresses that
were checked rather than to a fresh lookup of the host name, so a name cannot resolve to a
public address for the check and to a private one for the request (DNS rebinding).
"""

import http.client
import io
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_LIMITS = {"timeout": 10, "max_bytes": 5 * 1024 * 1024, "max_redirects": 5}
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CLOUD_METADATA = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})
NOT_PUBLIC = (
    ("is_loopback", "loopback"),
    ("is_unspecified", "unspecified"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_reserved", "reserved"),
    ("is_private", "private"),
)
REQUEST_HEADERS = {
    "User-Agent": "Chronicle article import",
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
    # A compressed body would dodge the byte limit, which counts what arrives.
    "Accept-Encoding": "identity",
    "Connection": "close",
}
CHUNK_SIZE = 64 * 1024
URL_SAFE = "/%:@!$&'()*+,;=?~"


@dataclass(frozen=True)
class FetchedPage:
    url: str
    content_type: str
    body: bytes
    encoding: str | None = None


@dataclass(frozen=True)
class Limits:
    timeout: float
    max_bytes: int
    max_redirects: int


@dataclass(frozen=True)
class _Redirect:
    location: str


class FetchError(Exception):
    def __init__(self, url, reason):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def fetch_page(url: str) -> FetchedPage:
    limits = _limits()
    deadline = time.monotonic() + limits.timeout
    hop = url
    for _ in range(limits.max_redirects + 1):
        answer = _get(hop, limits, deadline)
        if isinstance(answer, FetchedPage):
            return answer
        hop = answer.location
    raise FetchError(url, f"too many redirects (more than {limits.max_redirects})")


def _limits() -> Limits:
    return Limits(**{**DEFAULT_LIMITS, **_setting("CHRONICLE_FETCH_LIMITS", {})})


def _refusal(address, allow_loopback=False):
    """Why a connection to this IP address is refused, or None when it is public."""
    ip = ipaddress.ip_address(address)
    if ip in CLOUD_METADATA:
        return "a cloud metadata address"
    if ip.version == 6 and ip.ipv4_mapped:
        # The IPv6 spelling of an IPv4 address gets no loopback exemption: the test server listens on 127.0.0.1.
        return _refusal(str(ip.ipv4_mapped))
    if allow_loopback and ip.version == 4 and ip.is_loopback:
        return None
    for attribute, reason in NOT_PUBLIC:
        if getattr(ip, attribute):
            return reason
    return None if ip.is_global else "not public"


def _setting(name, default):
    try:
        return getattr(settings, name, default)
    except ImproperlyConfigured:  # imported outside a Django project
        return default


def _get(url, limits, deadline):
    scheme, host, port, target = _parts(url)
    connection = _PinnedConnection(host, port, _vetted_addresses(url, host, port), deadline, tls=scheme == "https")
    try:
        connection.request("GET", target, headers=REQUEST_HEADERS)
        with connection.getresponse() as response:  # the socket lasts until the response closes too
            return _answer(url, response, limits.max_bytes)
    except TimeoutError:
        raise FetchError(url, f"no answer within {_seconds(limits.timeout)}") from None
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(url, _connection_problem(error)) from error
    finally:
        connection.close()


def _parts(url):
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    except (ValueError, UnicodeError):
        raise FetchError(url, "this is not a valid web address") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(url, "only http and https addresses can be fetched")
    if not host:
        raise FetchError(url, "the address has no host name")
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return scheme, host, port or (443 if scheme == "https" else 80), quote(target, safe=URL_SAFE)


def _vetted_addresses(url, host, port):
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FetchError(url, f"the host name {host} could not be found") from None
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    allow_loopback = _setting("CHRONICLE_FETCH_ALLOW_LOOPBACK", False)
    for address in addresses:
        if reason := _refusal(address, allow_loopback):
            raise FetchError(url, f"refused: the address {address} is {reason}")
    return addresses


class _PinnedConnection(http.client.HTTPConnection):
    """Connects to addresses already checked; the Host header and TLS name stay the host name."""

    def __init__(self, host, port, addresses, deadline, tls):
        super().__init__(host, port)
        self.addresses = addresses
        self.deadline = deadline
        self.tls = tls
        self.default_port = 443 if tls else 80  # so the Host header leaves out a default port

    def connect(self):
        sock = self._open_socket()
        if self.tls:
            # The handshake as a whole is bounded by the socket's timeout, the time left.
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=self.host)
        self.sock = _DeadlineSocket(sock, self.deadline)

    def _open_socket(self):
        # Like socket.create_connection with a host name: try each address in turn, as a
        # host with a broken IPv6 route still answers on IPv4.
        error = None
        for address in self.addresses:
            try:
                return socket.create_connection((address, self.port), timeout=_time_left(self.deadline))
            except OSError as failure:
                error = failure
        raise error


class _DeadlineSocket:
    """The socket as http.client uses it, whose every read and write ends by the deadline.

    A socket timeout restarts with each packet, so a server sending a byte a second would never trip it."""

    def __init__(self, sock, deadline):
        self.sock = sock
        self.deadline = deadline

    def sendall(self, data):
        self.sock.settimeout(_time_left(self.deadline))
        self.sock.sendall(data)

    def makefile(self, mode):
        return io.BufferedReader(_DeadlineReader(self.sock, self.deadline))

    def close(self):
        self.sock.close()  # a real socket stays open until the response's reader is closed too


class _DeadlineReader(io.RawIOBase):
    def __init__(self, sock, deadline):
        self.sock = sock
        self.deadline = deadline
        self.raw = sock.makefile("rb", buffering=0)

    def readable(self):
        return True

    def readinto(self, buffer):
        self.sock.settimeout(_time_left(self.deadline))
        return self.raw.readinto(buffer)

    def close(self):
        self.raw.close()
        super().close()


def _time_left(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _answer(url, response, max_bytes):
    if response.status in REDIRECT_STATUSES:
        location = response.getheader("Location")
        if not location:
            raise FetchError(url, "the server redirected without saying where to")
        return _Redirect(urljoin(url, location.strip()))
    if not 200 <= response.status < 300:
        raise FetchError(url, f"the server answered {_status(response.status)}")
    content_type = _page_type(url, response)
    encoding = response.getheader("Content-Encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise FetchError(url, f"the server sent the page compressed ({encoding}) although it was asked not to")
    return FetchedPage(
        url=url,
        content_type=content_type,
        body=_body(url, response, max_bytes),
        encoding=response.headers.get_content_charset(),
    )


def _page_type(url, response):
    header = response.getheader("Content-Type")
    if not header:
        raise FetchError(url, "the server did not say what kind of file this is")
    content_type = header.split(";")[0].strip().lower()
    if content_type not in PAGE_TYPES:
        raise FetchError(url, f"this is {content_type}, not a web page or plain text")
    return content_type


def _body(url, response, max_bytes):
    too_large = FetchError(url, f"the page is larger than {_size(max_bytes)}")
    if response.length is not None and response.length > max_bytes:
        raise too_large
    chunks, size = [], 0
    while chunk := response.read1(CHUNK_SIZE):
        size += len(chunk)
        if size > max_bytes:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _connection_problem(error):
    if isinstance(error, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(error, ConnectionRefusedError):
        return "the server refused the connection"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"the site's certificate was not accepted ({error.verify_message})"
    if isinstance(error, http.client.HTTPException):
        return "the server's answer was not valid HTTP"
    return f"the connection failed ({error.strerror or error})"


def _status(code):
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def _size(count):
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if count >= factor:
            return f"{count / factor:g} {unit}"
    return f"{count} bytes"


def _seconds(count):
    return f"{count:g} second" + ("" if count == 1 else "s")
