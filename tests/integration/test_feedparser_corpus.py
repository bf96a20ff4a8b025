"""feedparser's own test corpus (about 2,100 odd and hostile feeds) through a real refresh.

The corpus lives outside the project (../shared/data/feedparser-tests); the test is skipped
when it is absent, so the project never needs it.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from pathlib import Path

import pytest

from .feedkit import LIMITS, Archive, assert_inert

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "feedparser-tests"
_CONTENT_TYPE = re.compile(rb"Header:\s*Content-type:\s*([^\r\n]*?)\s*(?:-->|$)", re.I | re.M)


def _corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.xml") if p.is_file())


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is not here")
def test_every_corpus_feed_refreshes_and_stores_nothing_active(feed_server, tmp_path) -> None:
    files = _corpus_files()
    assert len(files) > 2000
    urls = []
    for i, path in enumerate(files):
        body = path.read_bytes()
        declared = _CONTENT_TYPE.search(body[:2048])
        ctype = declared.group(1).decode("latin-1") if declared else "application/xml"
        route = f"/{i}/{path.relative_to(CORPUS).as_posix()}"
        feed_server.add(route, body, content_type=ctype)
        urls.append(feed_server.url(route))
    archive = Archive(tmp_path / "data", replace(LIMITS, deadline=10.0))
    archive.subscribe(*urls)

    started = time.monotonic()
    report = archive.refresh()
    elapsed = time.monotonic() - started

    assert sorted(r.url for r in report.feeds) == sorted(urls)  # every feed reported once
    assert report.skipped == ()
    assert {r.status for r in report.feeds} == {200}
    for r in report.feeds:
        if r.error:
            assert "\n" not in r.error and len(r.error) < 400, r
    stored = archive.articles()
    assert len(stored) > 400  # most corpus files test channel elements and have no items
    assert_inert(stored)
    assert elapsed < 60, f"refreshing {len(urls)} small feeds took {elapsed:.1f} s"
