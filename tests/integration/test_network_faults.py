"""Network faults the existing bad-input tests do not cover: a TLS failure (a local server
with a self-signed certificate), a host name that does not resolve (an httpx transport that
raises the resolver's error; no real name is ever looked up), and 503 with Retry-After. Each
ends in one clear per-feed error; the healthy feed beside it is unaffected."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from briefing.core.http import Fetcher
from briefing.core.service import Service

from .feedkit import items, report_for, rss

HEALTHY = "/healthy.xml"


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 that no one vouches for (made with cryptography)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = rss(items(1, prefix="secret"))
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    cert, key = self_signed(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()


def healthy(feed_server) -> str:  # noqa: ANN001
    feed_server.add(HEALTHY, rss(items(2, prefix="healthy")))
    return feed_server.url(HEALTHY)


def test_a_certificate_no_one_vouches_for(feed_server, tls_server: str, tmp_path: Path,
                                          monkeypatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    good = healthy(feed_server)
    with Service(tmp_path / "data") as svc:
        svc.store.add_feed(tls_server, "Self-signed")
        svc.store.add_feed(good, "Healthy")
        report = svc.refresh()
    bad = report_for(report, tls_server)
    assert bad.status is None and bad.error.startswith("The secure connection failed (TLS)")
    assert "certificate" in bad.error.lower() and "\n" not in bad.error
    assert report_for(report, good).new == 2


class NoSuchHost(httpx.AsyncBaseTransport):
    """Every request to *.unresolvable.example fails as the system resolver would."""

    def __init__(self) -> None:
        self.real = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host.endswith("unresolvable.example"):
            error = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            raise httpx.ConnectError(f"[Errno {error.errno}] {error.strerror}",
                                     request=request) from error
        return await self.real.handle_async_request(request)

    async def aclose(self) -> None:
        await self.real.aclose()


def test_a_host_name_that_does_not_resolve(feed_server, tmp_path: Path) -> None:
    good = healthy(feed_server)
    missing = "https://feeds.unresolvable.example/markets.xml"
    with Service(tmp_path / "data",
                 fetcher_factory=lambda limits: Fetcher(limits, transport=NoSuchHost())) as svc:
        svc.store.add_feed(missing, "Gone")
        svc.store.add_feed(good, "Healthy")
        report = svc.refresh()
    assert report_for(report, missing).error == (
        "The host name could not be resolved: check the address or the connection.")
    assert report_for(report, good).new == 2


def test_503_with_retry_after_waits_that_long(feed_server, tmp_path: Path) -> None:
    feed_server.add("/busy.xml", "maintenance", status=503, headers={"Retry-After": "600"},
                    content_type="text/plain")
    busy, good = feed_server.url("/busy.xml"), healthy(feed_server)
    with Service(tmp_path / "data") as svc:
        svc.store.add_feed(busy, "Busy")
        svc.store.add_feed(good, "Healthy")
        first = svc.refresh()
        assert "503" in (report_for(first, busy).error or "")
        assert report_for(first, good).new == 2
        second = svc.refresh()
    assert busy in [url for url, _ in second.skipped]  # inside its Retry-After: not asked
    assert len(feed_server.requests("/busy.xml")) == 1
