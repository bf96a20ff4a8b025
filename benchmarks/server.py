"""A threaded HTTP/1.1 server for the corpus, on loopback only, that stops by itself.

Every file is held in memory with an ETag (a hash of its bytes) and a Last-Modified date;
If-None-Match (or, without it, If-Modified-Since) that still matches gets a bodiless 304.
Answers are counted by status and method, so a benchmark can tell what a client downloaded.
TCP_NODELAY is set on every connection: without it, Nagle's algorithm and the client's
delayed ACK add tens of milliseconds to small answers such as 304s.

Run on its own: `python -m benchmarks.server --corpus benchmarks/out/corpus-200x50`
(then `GET /__stats` for the counters, `/__reset` to zero them).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import threading
from collections import Counter
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .corpus import NEWEST, open_corpus, write_opml

HOST = "127.0.0.1"  # never configurable: this server is for loopback only


@dataclass(frozen=True)
class Resource:
    body: bytes
    etag: str
    last_modified: str
    content_type: str


def load_resources(root: Path) -> dict[str, Resource]:
    """Every file under root/feeds, keyed by its URL path."""
    stamp = format_datetime(NEWEST, usegmt=True)
    found = {}
    for path in sorted((root / "feeds").glob("*.xml")):
        body = path.read_bytes()
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        kind = "application/atom+xml" if b"<feed xmlns" in body[:200] else "application/rss+xml"
        found[f"/feeds/{path.name}"] = Resource(body, etag, stamp, kind + "; charset=utf-8")
    return found


class Counters:
    """Requests seen, by status and by method, and body bytes sent. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._status: Counter[int] = Counter()
            self._method: Counter[str] = Counter()
            self._bytes = 0

    def add(self, method: str, status: int, sent: int) -> None:
        with self._lock:
            self._status[status] += 1
            self._method[method] += 1
            self._bytes += sent

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {"requests": sum(self._status.values()),
                    "by_status": {str(k): v for k, v in sorted(self._status.items())},
                    "by_method": dict(sorted(self._method.items())),
                    "bytes_sent": self._bytes}


def _not_modified(res: Resource, headers: Any) -> bool:
    tags = headers.get("If-None-Match")
    if tags is not None:
        wanted = {t.strip().removeprefix("W/") for t in tags.split(",")}
        return "*" in wanted or res.etag in wanted
    since = headers.get("If-Modified-Since")
    if since:
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(res.last_modified)
        except (TypeError, ValueError):
            return False
    return False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # TCP_NODELAY on each accepted socket
    server: CorpusHTTPServer

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/__stats":
            return self._plain(200, json.dumps(self.server.counters.snapshot()).encode(),
                               "application/json", count=False)
        if path == "/__reset":
            self.server.counters.reset()
            return self._plain(200, b"reset\n", "text/plain", count=False)
        res = self.server.resources.get(path)
        if res is None:
            return self._plain(404, b"not found\n", "text/plain")
        status = 304 if _not_modified(res, self.headers) else 200
        self.send_response(status)
        self.send_header("ETag", res.etag)
        self.send_header("Last-Modified", res.last_modified)
        self.send_header("Cache-Control", "no-cache")
        if status == 200:
            self.send_header("Content-Type", res.content_type)
            self.send_header("Content-Length", str(len(res.body)))
        self.end_headers()
        sent = 0
        if status == 200 and send_body:
            self.wfile.write(res.body)
            sent = len(res.body)
        self.server.counters.add(self.command, status, sent)

    def _plain(self, status: int, body: bytes, ctype: str, *, count: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        if count:
            self.server.counters.add(self.command, status, len(body))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # the counters are the log


class CorpusHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, resources: dict[str, Resource], port: int) -> None:
        super().__init__((HOST, port), _Handler)
        self.resources = resources
        self.counters = Counters()


class CorpusServer:
    """The server in a background thread; it shuts itself down after max_seconds."""

    def __init__(self, root: Path, *, port: int = 0, max_seconds: float = 900) -> None:
        self.httpd = CorpusHTTPServer(load_resources(root), port)
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://{HOST}:{self.port}"
        self.counters = self.httpd.counters
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={
            "poll_interval": 0.2}, name="corpus-server", daemon=True)
        self._timer = threading.Timer(max_seconds, self.stop)
        self._timer.daemon = True
        self._stopped = threading.Event()

    def __enter__(self) -> CorpusServer:
        self._thread.start()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self._stopped.is_set():
            return
        self._stopped.set()
        self._timer.cancel()
        self.httpd.shutdown()
        self.httpd.server_close()

    def wait(self) -> None:
        """Block until the time limit (or stop()) ends the server."""
        self._stopped.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="a corpus folder (with feeds/)")
    ap.add_argument("--port", type=int, default=0, help="0 picks a free port")
    ap.add_argument("--max-seconds", type=float, default=600)
    ap.add_argument("--opml", type=Path, help="also write an OPML file for the served URLs")
    args = ap.parse_args()
    with CorpusServer(args.corpus, port=args.port, max_seconds=args.max_seconds) as srv:
        if args.opml:
            write_opml(open_corpus(args.corpus), srv.base_url, args.opml)
        print(f"serving {len(srv.httpd.resources)} feeds at {srv.base_url}/feeds/ "
              f"for {args.max_seconds:g} s; counters at {srv.base_url}/__stats", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            srv.wait()

if __name__ == "__main__":
    main()
