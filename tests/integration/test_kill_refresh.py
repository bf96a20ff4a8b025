"""Crash safety, fifty times over: `briefing refresh` killed with SIGKILL at random moments.
After each kill the archive passes SQLite's integrity check (FTS index included), no
article is stored twice, every feed holds a whole version of itself (each feed is written
in one transaction), and the next refresh completes. Slow (about a minute)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.core.paths import archive_path

from .feedkit import items, rss

pytestmark = pytest.mark.slow
FEEDS, START, GROWTH, KILLS = 4, 200, 15, 50


def briefing() -> list[str]:
    script = Path(sys.executable).parent / "briefing"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "briefing"]


def test_fifty_kills_leave_a_whole_archive(feed_server, tmp_path: Path) -> None:
    rng = random.Random(20261130)
    data = tmp_path / "data"
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    env.pop("BRIEFING_DATA_DIR", None)
    sizes: dict[str, set[int]] = {}
    urls = []
    for f in range(FEEDS):
        path = f"/kill{f}.xml"
        feed_server.add(path, rss(items(START, prefix=f"k{f}")))
        urls.append(feed_server.url(path))
        sizes[urls[-1]] = {0, START}
    subprocess.run([*briefing(), "--data-dir", str(data), "add", urls[0]], env=env,
                   check=True, capture_output=True)
    for url in urls[1:]:
        subprocess.run([*briefing(), "--data-dir", str(data), "add", url], env=env,
                       check=True, capture_output=True)
    db = archive_path(data)
    killed_mid_way = 0
    for round_ in range(1, KILLS + 1):
        count = START + GROWTH * round_  # every feed grows: each refresh has work to do
        for f, url in enumerate(urls):
            feed_server.add(f"/kill{f}.xml", rss(items(count, prefix=f"k{f}")))
            sizes[url].add(count)
        proc = subprocess.Popen([*briefing(), "--data-dir", str(data), "refresh"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=rng.uniform(0.2, 1.6))  # a random moment of its run
        except subprocess.TimeoutExpired:
            killed_mid_way += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        conn = sqlite3.connect(db, timeout=30)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", round_
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            twice = conn.execute("SELECT feed_id, identity FROM articles GROUP BY feed_id, "
                                 "identity HAVING count(*) > 1").fetchall()
            assert twice == [], (round_, twice)
            stored = dict(conn.execute("SELECT f.url, count(a.id) FROM feeds f LEFT JOIN "
                                       "articles a ON a.feed_id = f.id GROUP BY f.id"))
        finally:
            conn.close()
        for url, n in stored.items():
            assert n in sizes[url], (round_, url, n)  # a whole version of the feed, never half
    assert killed_mid_way >= 25, killed_mid_way  # most kills landed inside a refresh
    done = subprocess.run([*briefing(), "--data-dir", str(data), "refresh", "--json"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(db)
    final = dict(conn.execute("SELECT f.url, count(a.id) FROM feeds f JOIN articles a ON "
                              "a.feed_id = f.id GROUP BY f.id"))
    conn.close()
    assert set(final.values()) == {START + GROWTH * KILLS}
