"""HTTP for feeds and pages: polite, bounded, and never trusted.

Every fetch has connect and read timeouts, a whole-response deadline (a server that drips a
byte a second cannot hold a refresh), a size cap applied to the decoded body (a gzip bomb stops
at the cap), at most five redirects, a few connections per host, conditional GET, and a
descriptive User-Agent. Proxies come from the system (environment, registry or macOS settings).
"""

from __future__ import annotations

import asyncio
import email.utils
import socket
import ssl
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from .. import __version__
from .models import FetchResult

USER_AGENT = f"Briefing/{__version__} (desktop market-news reader; httpx)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_RETRY_AFTER_S = 24 * 3600.0


@dataclass(frozen=True)
class HttpLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 30.0  # the whole response, headers to last byte
    max_bytes: int = 20 * 1024 * 1024  # after decoding
    max_redirects: int = 5
    per_host: int = 4
    max_connections: int = 16


class _TooLarge(Exception):
    pass


class _BadEncoding(Exception):
    pass


class Fetcher:
    """An async HTTP client shared by all fetches of one refresh (one event loop)."""

    def __init__(
        self, limits: HttpLimits | None = None, *,
        transport: httpx.AsyncBaseTransport | None = None, user_agent: str = USER_AGENT,
    ) -> None:
        self.limits = lim = limits or HttpLimits()
        self._client = httpx.AsyncClient(
            follow_redirects=True,
            max_redirects=lim.max_redirects,
            timeout=httpx.Timeout(
                connect=lim.connect_timeout, read=lim.read_timeout, write=lim.read_timeout,
                pool=lim.deadline,
            ),
            limits=httpx.Limits(
                max_connections=lim.max_connections,
                max_keepalive_connections=lim.max_connections,
            ),
            headers={"User-Agent": user_agent},
            trust_env=True,
            transport=transport,
        )
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def aclose(self) -> None:
        await self._client.aclose()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None,
        accept: str = FEED_ACCEPT, auth: tuple[str, str] | None = None,
    ) -> FetchResult:
        """GET one URL; every failure comes back as a FetchResult with one clear sentence."""
        started = time.monotonic()
        host = urlsplit(url).netloc.lower()
        gate = self._hosts.setdefault(host, asyncio.Semaphore(self.limits.per_host))
        async with gate:
            try:
                async with asyncio.timeout(self.limits.deadline):
                    result = await self._get(url, etag, last_modified, accept, auth)
            except Exception as exc:  # every failure becomes one sentence for this URL
                result = FetchResult(url=url, status=None, error=describe_error(exc, self.limits))
        return _with_elapsed(result, time.monotonic() - started)

    async def _get(
        self, url: str, etag: str | None, last_modified: str | None, accept: str,
        auth: tuple[str, str] | None,
    ) -> FetchResult:
        headers = {"Accept": accept, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        async with self._client.stream("GET", url, headers=headers, auth=auth) as resp:
            history = resp.history
            final_url = str(resp.url)
            permanent = bool(history) and all(r.status_code in (301, 308) for r in history)
            hdrs = {k.lower(): v for k, v in resp.headers.items()}
            status = resp.status_code
            if status == 304 or status >= 400 or status in (204, 205):
                return FetchResult(
                    url=url, status=status, headers=hdrs, final_url=final_url,
                    permanent_redirect=permanent, retry_after_s=retry_after(hdrs),
                    error=None if status < 400 else status_error(status, resp.reason_phrase),
                )
            if status >= 300:
                return FetchResult(
                    url=url, status=status, headers=hdrs, final_url=final_url,
                    error=f"The server answered {status} without a usable redirect.",
                )
            body = await self._read_body(resp, hdrs)
            return FetchResult(
                url=url, status=status, body=body, headers=hdrs, final_url=final_url,
                permanent_redirect=permanent, size=len(body),
            )

    async def _read_body(self, resp: httpx.Response, hdrs: Mapping[str, str]) -> bytes:
        cap = self.limits.max_bytes
        declared = hdrs.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise _TooLarge()
        decoder = _Decoder(hdrs.get("content-encoding", ""), cap)
        raw_total = 0
        async for chunk in resp.aiter_raw():
            raw_total += len(chunk)
            if raw_total > cap:
                raise _TooLarge()
            decoder.feed(chunk)
        return decoder.finish()


class _Decoder:
    """Content-Encoding decoding that never produces more than `cap` bytes."""

    def __init__(self, encoding: str, cap: int) -> None:
        self.cap = cap
        self.parts: list[bytes] = []
        self.size = 0
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise _BadEncoding(encoding)
        self.coding = codings[0] if codings else ""
        self._z: zlib._Decompress | None = None
        if self.coding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        elif self.coding == "deflate":
            self._z = zlib.decompressobj()
        self._first = True

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.cap:
            raise _TooLarge()
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self._z is None:
            self._add(chunk)
            return
        if self._first and self.coding == "deflate":
            self._first = False
            try:  # servers send both zlib-wrapped and raw deflate under this name
                probe = zlib.decompressobj()
                probe.decompress(chunk[:64])
            except zlib.error:
                self._z = zlib.decompressobj(wbits=-zlib.MAX_WBITS)
        data = chunk
        while data:
            # Bounded output per call: a bomb is stopped at the cap, never fully inflated.
            out = self._z.decompress(data, self.cap - self.size + 1)
            self._add(out)
            data = self._z.unconsumed_tail
            if self._z.eof:
                break

    def finish(self) -> bytes:
        if self._z is not None:
            self._add(self._z.flush())
            if not self._z.eof and self.size == 0:
                raise zlib.error("empty compressed stream")
            if not self._z.eof:
                raise _Truncated()
        return b"".join(self.parts)


class _Truncated(Exception):
    pass


def _with_elapsed(result: FetchResult, elapsed: float) -> FetchResult:
    from dataclasses import replace

    return replace(result, elapsed_s=elapsed)


AGAIN = "Briefing tries again at the next refresh"


def status_error(status: int, reason: str = "") -> str:
    known = {
        401: ("The feed needs a login (401): add it again with the user name and password in "
              "its address (https://user:password@...)."),
        403: ("The server refused access (403 Forbidden): open the address in a browser to see "
              "whether it needs a login or blocks feed readers."),
        404: "The feed was not found (404): check its address.",
        410: "The feed is gone for good (410): the publisher removed it.",
        429: "The server says too many requests (429): Briefing will wait before asking again.",
        503: "The server is unavailable (503): Briefing will try again later.",
    }
    if status in known:
        return known[status]
    if status >= 500:
        return f"The server failed with {status} {reason}".rstrip() + f" ({AGAIN})."
    return (f"The server answered {status} {reason}".rstrip()
            + ": open the address in a browser to see what it serves.")


def retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), capped at a day."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, min((when - datetime.now(UTC)).total_seconds(), MAX_RETRY_AFTER_S))


def describe_error(exc: BaseException, limits: HttpLimits) -> str:
    """One sentence a reader understands for a failed fetch."""
    if isinstance(exc, TimeoutError):
        return f"No complete answer within {limits.deadline:g} s; gave up ({AGAIN})."
    if isinstance(exc, _TooLarge):
        return f"The answer is larger than {_size(limits.max_bytes)}; stopped reading."
    if isinstance(exc, _Truncated):
        return f"The compressed answer was cut short ({AGAIN})."
    if isinstance(exc, _BadEncoding):
        return f"The server used a compression Briefing did not ask for ({exc})."
    if isinstance(exc, zlib.error | httpx.DecodingError):
        return f"The compressed answer is corrupt ({AGAIN})."
    if isinstance(exc, httpx.TooManyRedirects):
        return (f"More than {limits.max_redirects} redirects (a redirect loop?): open the address "
                "in a browser and subscribe to where it ends up.")
    if isinstance(exc, httpx.ConnectTimeout):
        return (f"The server did not accept a connection within {limits.connect_timeout:g} s "
                f"({AGAIN}).")
    if isinstance(exc, httpx.ReadTimeout):
        return f"The server stopped sending for {limits.read_timeout:g} s ({AGAIN})."
    if isinstance(exc, httpx.TimeoutException):
        return f"The request timed out ({AGAIN})."
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL | ValueError):
        return f"The address is not a web address Briefing can fetch ({exc})."
    chain = _causes(exc)
    if any(isinstance(c, socket.gaierror) for c in chain) or _says(exc, _RESOLVER_WORDS):
        return "The host name could not be resolved: check the address or the connection."
    if any(isinstance(c, ssl.SSLError) for c in chain) or _says(exc, ("SSL", "certificate")):
        return (f"The secure connection failed (TLS): {_short(exc)}; check the address, or "
                "whether the site's certificate is valid.")
    if isinstance(exc, httpx.ConnectError):
        return (f"Could not connect to the server: {_short(exc)}; check the address or the "
                "connection.")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return f"The server broke off the answer before it was complete ({AGAIN})."
    if isinstance(exc, httpx.HTTPError):
        return f"The request failed: {_short(exc)}."
    return f"The request failed unexpectedly: {type(exc).__name__}: {_short(exc)}."


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):g} MB"
    return f"{n / 1024:g} KB" if n >= 1024 else f"{n} bytes"


_RESOLVER_WORDS = (
    "Name or service not known", "nodename nor servname", "getaddrinfo failed",
    "Temporary failure in name resolution", "No address associated",
)


def _causes(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in seen and len(seen) < 10:
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    return seen


def _says(exc: BaseException, words: tuple[str, ...]) -> bool:
    text = " ".join(str(c) for c in _causes(exc))
    return any(w in text for w in words)


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200].rstrip(".")
