"""Every error a reader can meet says what happened and what to do about it, in one sentence:
fetch failures (each kind), HTTP statuses, OPML files, the archive, symbols and keys."""

from __future__ import annotations

import socket
import ssl
from pathlib import Path

import httpx
import pytest

from briefing.core.http import HttpLimits, describe_error, status_error
from briefing.core.opml import OpmlError, parse_opml
from briefing.core.service import Service, UnknownSymbol
from briefing.core.store import ArchiveError, DamagedArchive, Store

# Words by which a message tells the reader what to do (or what Briefing will do for them).
REMEDIES = ("check", "try", "tries again", "add", "open", "choose", "update", "recover",
            "resubscribe", "subscribe", "wait", "export", "paste", "stores", "lists no",
            "will ", "removed", "refuses")
LIMITS = HttpLimits()
REQUEST = httpx.Request("GET", "https://feeds.example/x.xml")


def says_what_to_do(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message, message
    assert (message[0].isupper() or message[0] in "“\"'") and message.rstrip().endswith(
        (".", ")")), message
    assert any(word in message.lower() for word in REMEDIES), message


def _chained(outer: Exception, cause: BaseException) -> Exception:
    outer.__cause__ = cause
    return outer


FETCH_FAILURES = [
    TimeoutError(),
    httpx.ConnectTimeout("slow", request=REQUEST),
    httpx.ReadTimeout("slow", request=REQUEST),
    httpx.TooManyRedirects("loop", request=REQUEST),
    _chained(httpx.ConnectError("no", request=REQUEST), socket.gaierror(-2, "Name unknown")),
    _chained(httpx.ConnectError("tls", request=REQUEST), ssl.SSLError(1, "CERTIFICATE_VERIFY")),
    httpx.ConnectError("[Errno 111] Connection refused", request=REQUEST),
    httpx.RemoteProtocolError("peer closed", request=REQUEST),
    httpx.ReadError("reset", request=REQUEST),
    httpx.UnsupportedProtocol("ftp", request=REQUEST),
]


@pytest.mark.parametrize("error", FETCH_FAILURES, ids=lambda e: type(e).__name__)
def test_each_fetch_failure(error: Exception) -> None:
    says_what_to_do(describe_error(error, LIMITS))


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 418, 429, 500, 502, 503])
def test_each_http_status(status: int) -> None:
    says_what_to_do(status_error(status, "Reason"))


@pytest.mark.parametrize("data", [b"<opml><body><outline", b"<rss/>", b"<opml/>",
                                  b"<!DOCTYPE x [<!ENTITY a 'b'>]><opml/>"])
def test_each_broken_opml_file(data: bytes) -> None:
    with pytest.raises(OpmlError) as caught:
        parse_opml(data)
    says_what_to_do(str(caught.value))


def test_archive_errors(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError) as missing:
        Store(tmp_path / "none" / "briefing.db", create=False)
    says_what_to_do(str(missing.value))
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "briefing.db").write_bytes(b"junk" * 100)
    with pytest.raises(DamagedArchive) as damaged:
        Store(tmp_path / "bad" / "briefing.db")
    says_what_to_do(str(damaged.value))


def test_symbol_errors(tmp_path: Path) -> None:
    says_what_to_do(str(UnknownSymbol("ZZZZ9")))
    with Service(tmp_path / "data") as svc, pytest.raises(Exception) as caught:
        svc.watch_add("not a symbol")
    says_what_to_do(str(caught.value))
