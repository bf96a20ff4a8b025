"""A refresh killed mid-way (power cut, kill -9) leaves a consistent archive."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from briefing.core.paths import archive_path

from .feedkit import Archive, items, rss

ITEMS = 1500
REFRESH = """
import sys
from pathlib import Path
from briefing.core.http import HttpLimits
from briefing.core.service import Service
with Service(Path(sys.argv[1]), limits=HttpLimits(deadline=20.0)) as svc:
    svc.refresh()
"""


def _stored_count(db: Path) -> int:
    conn = sqlite3.connect(db, timeout=10)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def test_killing_a_refresh_leaves_whole_feeds_only(feed_server, archive: Archive) -> None:
    urls = []
    for i in range(3):
        feed_server.add(f"/big{i}.xml", rss(items(ITEMS, prefix=f"big{i}")))
        urls.append(feed_server.url(f"/big{i}.xml"))
    archive.subscribe(*urls)
    db = archive_path(archive.data_dir)
    proc = subprocess.Popen([sys.executable, "-c", REFRESH, str(archive.data_dir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Kill as soon as the first feed is in: the others are being parsed or written.
        deadline = time.monotonic() + 30
        while _stored_count(db) == 0 and time.monotonic() < deadline:
            try:
                proc.wait(timeout=0.005)
                break
            except subprocess.TimeoutExpired:
                pass
    finally:
        proc.kill()
        proc.wait(10)

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        per_feed = dict(conn.execute(
            "SELECT f.url, count(a.id) FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id "
            "GROUP BY f.id"))
        statuses = dict(conn.execute("SELECT url, last_status FROM feeds"))
    finally:
        conn.close()
    assert set(per_feed.values()) <= {0, ITEMS}, per_feed
    assert ITEMS in per_feed.values()
    for url, count in per_feed.items():
        assert (count == ITEMS) == (statuses[url] == 200), (url, count, statuses[url])
    # The next refresh completes the archive.
    archive.refresh()
    assert sorted(len(archive.articles(u)) for u in urls) == [ITEMS] * 3
