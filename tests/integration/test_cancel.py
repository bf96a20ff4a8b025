"""Cancelling a refresh (the window does on quit) ends it promptly and keeps what was stored."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from .feedkit import LIMITS, Archive, items, rss

PATIENT = replace(LIMITS, read_timeout=60.0, deadline=120.0)  # only cancelling can end it


def test_cancel_ends_a_refresh_held_by_a_silent_server(feed_server, tmp_path) -> None:
    archive = Archive(tmp_path / "data", PATIENT)
    feed_server.add("/quick.xml", rss(items(2)))
    feed_server.hang("/silent.xml")
    archive.subscribe(feed_server.url("/quick.xml"), feed_server.url("/silent.xml"))
    cancel = threading.Event()

    def progress(done: int, total: int, report) -> None:
        cancel.set()  # the quick feed is in: the reader quits now

    started = time.monotonic()
    report = archive.call(lambda s: s.refresh(progress=progress, cancel=cancel), limit_s=6)

    assert time.monotonic() - started < 5
    assert [r.url for r in report.feeds] == [feed_server.url("/quick.xml")]
    assert len(archive.articles(feed_server.url("/quick.xml"))) == 2


def test_cancel_before_anything_arrives(feed_server, tmp_path) -> None:
    archive = Archive(tmp_path / "data", PATIENT)
    feed_server.hang("/silent.xml")
    feed_server.drip("/drip.xml", rss(items(1)), interval=1.0)
    archive.subscribe(feed_server.url("/silent.xml"), feed_server.url("/drip.xml"))
    cancel = threading.Event()

    def cancel_when_both_asked() -> None:
        while len(feed_server.requests()) < 2 and not cancel.is_set():
            cancel.wait(0.01)
        cancel.set()

    waiter = threading.Thread(target=cancel_when_both_asked, daemon=True)
    waiter.start()
    started = time.monotonic()
    report = archive.call(lambda s: s.refresh(cancel=cancel), limit_s=6)
    waiter.join(1)

    assert time.monotonic() - started < 5
    assert report.feeds == () or all(r.new == 0 for r in report.feeds)
    assert archive.articles() == []
