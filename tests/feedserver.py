"""A real HTTP/1.1 server on 127.0.0.1 for tests: feeds, pages, and misbehaving servers.

Tests use it through the ``feed_server`` fixture (tests/conftest.py), which starts one server
per test on a free port and stops it at teardown, releasing any connection still held::

    def test_second_refresh_is_conditional(feed_server, tmp_path):
        feed_server.add("/feed.xml", RSS_BYTES, content_type="application/rss+xml",
                        etag='"v1"', last_modified="Mon, 03 Mar 2025 08:00:00 GMT")
        feed_server.hang("/never")                      # holds the connection until teardown
        feed_server.add("/busy", status=429, headers={"Retry-After": "120"})
        with Service(tmp_path) as svc:
            svc.add(feed_server.url("/feed.xml"))       # first GET: 200, validators stored
            svc.refresh()                               # second GET: answered 304
        assert feed_server.requests("/feed.xml")[-1].headers["if-none-match"] == '"v1"'

Helpers import from this module by name (tests/conftest.py puts tests/ on sys.path)::

    from feedserver import FeedServer, Request, Response

Routes are keyed by path; a route registered with a query string (``/f?x=1``) matches that
exact target first. Registering a path again replaces its route (a publisher editing a feed).
Unknown paths answer 404. Every request is recorded (method, path, headers) before it is
answered, so a test can assert on requests that never got an answer.

Misbehaviours: ``redirect``, ``redirect_loop``, ``hang`` (never answers), ``add(delay=...)``
(answers late), ``drip`` (one byte per interval), ``reset`` (RST mid-body), ``wrong_length``,
``truncated_gzip``, ``gzip_bomb``, ``endless``; anything else through ``handle`` with a
callable. Errors such as 404/410/500 or 429/503 with Retry-After are plain ``add`` calls.

The server also measures concurrency: ``peak_in_flight`` (requests being answered at once)
and ``peak_connections`` (TCP connections open at once).
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import socket
import struct
import threading
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

__all__ = ["FeedServer", "Request", "Response", "gzip_bomb_bytes"]


@dataclass(frozen=True)
class Request:
    """One request as the server received it. ``headers`` keys are lower-case."""

    method: str
    path: str  # without the query string
    target: str  # as sent: path and query
    headers: Mapping[str, str]
    connection: int  # serial number of the TCP connection that carried it


@dataclass
class Response:
    """What a ``handle`` callable returns: a plain answer."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


# A route answers one request; it gets the handler and may write anything to the socket.
_Route = Callable[["_Handler", Request], None]


class FeedServer:
    """A threaded loopback HTTP/1.1 server whose routes tests register at run time."""

    def __init__(self) -> None:
        self._routes: dict[str, _Route] = {}
        self._requests: list[Request] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._connection_serial = 0
        self._in_flight = 0
        self._open = 0
        self.peak_in_flight = 0
        self.peak_connections = 0
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.feed_server = self
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"feed-server-{self.port}", daemon=True,
        )
        self._thread.start()

    # -- addresses and records ----------------------------------------------------------

    def url(self, path: str = "/") -> str:
        """The full URL of a path on this server: ``http://127.0.0.1:PORT/path``."""
        return f"http://127.0.0.1:{self.port}{path}"

    def requests(self, path: str | None = None) -> list[Request]:
        """Requests received so far, oldest first; only those for ``path`` when given."""
        with self._lock:
            reqs = list(self._requests)
        if path is None:
            return reqs
        return [r for r in reqs if path in (r.path, r.target)]

    def reset_peaks(self) -> None:
        """Start measuring ``peak_in_flight`` and ``peak_connections`` afresh."""
        with self._lock:
            self.peak_in_flight = self._in_flight
            self.peak_connections = self._open

    # -- ordinary routes ----------------------------------------------------------------

    def add(
        self, path: str, body: bytes | str = b"", *, content_type: str = "application/xml",
        etag: str | None = None, last_modified: str | None = None, status: int = 200,
        headers: Mapping[str, str] | None = None, gzip_body: bool = False,
        delay: float = 0.0,
    ) -> None:
        """Serve static content at ``path``.

        Answers 304 (no body) when the request's If-None-Match names ``etag``, or, without
        If-None-Match, when If-Modified-Since is at or after ``last_modified``. ``status`` and
        ``headers`` make error answers (``status=429, headers={"Retry-After": "60"}``).
        ``gzip_body`` sends the body gzip-encoded; ``delay`` seconds pass before the answer.
        """
        data = body.encode() if isinstance(body, str) else body
        extra = dict(headers or {})

        def route(h: _Handler, req: Request) -> None:
            if delay and self._stop.wait(delay):
                return
            hdrs = {"Content-Type": content_type, **extra}
            if etag is not None:
                hdrs["ETag"] = etag
            if last_modified is not None:
                hdrs["Last-Modified"] = last_modified
            if status == 200 and _not_modified(req.headers, etag, last_modified):
                h.answer(304, b"", {k: v for k, v in hdrs.items() if k != "Content-Type"})
                return
            payload = data
            if gzip_body:
                payload = gzip.compress(data)
                hdrs["Content-Encoding"] = "gzip"
            h.answer(status, payload, hdrs)

        self._routes[path] = route

    def handle(self, path: str, func: Callable[[Request], Response]) -> None:
        """Answer ``path`` with whatever ``func(request)`` returns (a ``Response``)."""

        def route(h: _Handler, req: Request) -> None:
            r = func(req)
            h.answer(r.status, r.body, r.headers)

        self._routes[path] = route

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        """Redirect ``path`` to ``to`` (a path on this server or a full URL)."""
        self.add(path, b"", status=status, headers={"Location": to}, content_type="text/plain")

    def redirect_loop(self, path: str) -> None:
        """``path`` and ``path + "/again"`` redirect to each other (302) forever."""
        self.redirect(path, path + "/again", status=302)
        self.redirect(path + "/again", path, status=302)

    # -- misbehaviours ------------------------------------------------------------------

    def hang(self, path: str) -> None:
        """Read the request and never answer; the connection is released at teardown."""

        def route(h: _Handler, req: Request) -> None:
            self._stop.wait()
            h.close_connection = True

        self._routes[path] = route

    def drip(
        self, path: str, body: bytes, *, interval: float = 1.0,
        content_type: str = "application/xml",
    ) -> None:
        """Send the headers at once, then the body one byte per ``interval`` seconds."""

        def route(h: _Handler, req: Request) -> None:
            h.head(200, {"Content-Type": content_type, "Content-Length": str(len(body))})
            for i in range(len(body)):
                if self._stop.wait(interval if i else 0):
                    break
                h.wfile.write(body[i:i + 1])
                h.wfile.flush()
            h.close_connection = True

        self._routes[path] = route

    def reset(
        self, path: str, body: bytes, *, after: int | None = None,
        content_type: str = "application/xml",
    ) -> None:
        """Announce the whole body, send its first ``after`` bytes (default: half), then RST."""
        cut = len(body) // 2 if after is None else after

        def route(h: _Handler, req: Request) -> None:
            h.head(200, {"Content-Type": content_type, "Content-Length": str(len(body))})
            h.wfile.write(body[:cut])
            h.wfile.flush()
            h.abort()

        self._routes[path] = route

    def wrong_length(
        self, path: str, body: bytes, *, declared: int, content_type: str = "application/xml",
    ) -> None:
        """Send ``body`` under a Content-Length of ``declared`` bytes, then close."""

        def route(h: _Handler, req: Request) -> None:
            h.head(200, {"Content-Type": content_type, "Content-Length": str(declared)})
            h.wfile.write(body)
            h.wfile.flush()
            h.close_connection = True

        self._routes[path] = route

    def truncated_gzip(
        self, path: str, body: bytes, *, keep: float = 0.5, content_type: str = "application/xml",
    ) -> None:
        """Serve ``body`` gzip-encoded but cut to ``keep`` of its compressed length.

        Content-Length matches what is sent: the HTTP message is whole, the gzip is not.
        """
        packed = gzip.compress(body)
        packed = packed[: max(1, int(len(packed) * keep))]
        self.add(path, packed, content_type=content_type,
                 headers={"Content-Encoding": "gzip"})

    def gzip_bomb(self, path: str, *, content_type: str = "application/xml") -> None:
        """Serve ``gzip_bomb_bytes()``: ~200 KB on the wire, 200 MB of zeros decoded."""
        self.add(path, gzip_bomb_bytes(), content_type=content_type,
                 headers={"Content-Encoding": "gzip"})

    def endless(
        self, path: str, *, head: bytes = b"", chunk: bytes = b"<!-- more -->\n" * 64,
        content_type: str = "application/xml",
    ) -> None:
        """Send ``head`` then ``chunk`` again and again, without a length, until the client
        goes away or the test ends."""

        def route(h: _Handler, req: Request) -> None:
            h.head(200, {"Content-Type": content_type, "Connection": "close"})
            try:
                h.wfile.write(head)
                while not self._stop.is_set():
                    h.wfile.write(chunk)
            except OSError:
                pass
            h.close_connection = True

        self._routes[path] = route

    # -- life cycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Stop serving, release every held connection, and wait for the server thread."""
        self._stop.set()
        self._httpd.shutdown()
        with self._lock:
            held = list(self._sockets)
        for s in held:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        self._thread.join(5)

    def __enter__(self) -> FeedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- used by the handler ------------------------------------------------------------

    def _opened(self, sock: socket.socket) -> int:
        with self._lock:
            self._sockets.add(sock)
            self._connection_serial += 1
            self._open += 1
            self.peak_connections = max(self.peak_connections, self._open)
            return self._connection_serial

    def _closed(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)
            self._open -= 1

    def _dispatch(self, h: _Handler, req: Request) -> None:
        with self._lock:
            self._requests.append(req)
            self._in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self._in_flight)
        try:
            route = self._routes.get(req.target) or self._routes.get(req.path)
            if route is None:
                h.answer(404, b"Not found.\n", {"Content-Type": "text/plain"})
            else:
                route(h, req)
        finally:
            with self._lock:
                self._in_flight -= 1


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 256
    feed_server: FeedServer

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up mid-answer is what many tests are about


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # TCP_NODELAY
    server: _Server

    def setup(self) -> None:
        super().setup()
        self._serial = self.server.feed_server._opened(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        finally:
            self.server.feed_server._closed(self.connection)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _any(self) -> None:
        parts = urlsplit(self.path)
        req = Request(
            method=self.command, path=parts.path, target=self.path,
            headers={k.lower(): v for k, v in self.headers.items()}, connection=self._serial,
        )
        length = self.headers.get("Content-Length", "")
        if length.isdigit():
            self.rfile.read(int(length))
        try:
            self.server.feed_server._dispatch(self, req)
        except OSError:
            self.close_connection = True

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _any

    def head(self, status: int, headers: Mapping[str, str]) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()

    def answer(self, status: int, body: bytes, headers: Mapping[str, str]) -> None:
        hdrs = dict(headers)
        no_body = status == 304 or status < 200 or status in (204,)
        if not no_body:
            hdrs.setdefault("Content-Length", str(len(body)))
        self.head(status, hdrs)
        if body and not no_body and self.command != "HEAD":
            self.wfile.write(body)
        self.wfile.flush()

    def abort(self) -> None:
        """Close with SO_LINGER 0: the client sees a connection reset."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


def _not_modified(
    headers: Mapping[str, str], etag: str | None, last_modified: str | None
) -> bool:
    inm = headers.get("if-none-match")
    if inm is not None:
        if etag is None:
            return False
        wanted = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in wanted or etag.removeprefix("W/") in wanted
    ims = headers.get("if-modified-since")
    if ims is None or last_modified is None:
        return False
    if ims.strip() == last_modified.strip():
        return True
    since, modified = _http_date(ims), _http_date(last_modified)
    return since is not None and modified is not None and modified <= since


def _http_date(value: str) -> datetime | None:
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


@cache
def gzip_bomb_bytes(size: int = 200 * 1024 * 1024) -> bytes:
    """A gzip stream of ``size`` zero bytes (made once per session; ~200 KB for 200 MB)."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = [z.compress(block) for _ in range(size // len(block))]
    parts.append(z.compress(bytes(size % len(block))))
    parts.append(z.flush())
    return b"".join(parts)
