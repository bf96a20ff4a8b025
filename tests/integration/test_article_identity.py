"""Each article is stored once, edited in place, and never lost to a bad later fetch."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

from briefing.core.paths import archive_path

from .feedkit import LIMITS, Archive, Item, items, report_for, rss


def test_an_article_is_stored_once_across_refreshes(feed_server, archive: Archive) -> None:
    url = feed_server.url("/feed.xml")
    feed_server.add("/feed.xml", rss(items(3)))  # no validators: full body every time
    archive.add(url)

    reports = [archive.refresh() for _ in range(2)]

    assert [(report_for(r, url).new, report_for(r, url).updated) for r in reports] == [
        (0, 0), (0, 0)]
    assert len(archive.articles()) == 3


def test_a_feed_that_lists_an_item_twice_stores_it_once(feed_server, archive) -> None:
    twice = items(2) + items(1)
    feed_server.add("/feed.xml", rss(twice))

    added = archive.add(feed_server.url("/feed.xml"))

    assert added.report.new == 2
    assert len(archive.articles()) == 2


def test_a_publisher_edit_updates_the_article_in_place(feed_server, archive) -> None:
    url = feed_server.url("/feed.xml")
    original = items(2)
    feed_server.add("/feed.xml", rss(original))
    archive.add(url)
    by_guid = {a.guid: a for a in archive.call(
        lambda s: [s.article(x.id) for x in s.store.articles(limit=0)])}
    edited = Item(original[0].guid, "Harbour Lines lifts dividend, shares jump 6%",
                  "<p>Correction: the dividend rises by an eighth, not a tenth.</p>",
                  link=original[0].link)
    feed_server.add("/feed.xml", rss([edited, original[1]]))

    report = archive.refresh()

    r = report_for(report, url)
    assert (r.new, r.updated) == (0, 1)
    after = {a.guid: a for a in archive.articles()}
    assert len(after) == 2
    fixed = after[original[0].guid]
    assert fixed.id == by_guid[original[0].guid].id
    assert fixed.title == "Harbour Lines lifts dividend, shares jump 6%"
    assert "by an eighth" in fixed.text and "by a tenth on Tuesday" not in fixed.text
    assert archive.call(lambda s: [a.id for a in s.search("eighth")]) == [fixed.id]
    other = after[original[1].guid]
    assert archive.call(lambda s: [a.id for a in s.search("smelters")]) == [other.id]


def test_items_without_guid_are_known_by_link_then_by_content(feed_server, archive) -> None:
    by_link = Item(None, "Yen weakens past 150", "<p>The yen slid in Asian hours.</p>",
                   link="https://news.example.test/yen")
    bare = Item(None, "Gold steadies near record", "<p>Bullion held its gains.</p>", link=None)
    feed_server.add("/feed.xml", rss([by_link, bare]))
    url = feed_server.url("/feed.xml")
    archive.add(url)

    report = archive.refresh()

    assert (report_for(report, url).new, report_for(report, url).updated) == (0, 0)
    assert len(archive.articles()) == 2


def test_articles_survive_a_failed_fetch(feed_server, archive) -> None:
    url = feed_server.url("/feed.xml")
    feed_server.add("/feed.xml", rss(items(3)))
    archive.add(url)
    before = archive.articles()
    feed_server.add("/feed.xml", "Service temporarily broken.", status=500)

    report = archive.refresh()

    assert report_for(report, url).error
    assert archive.articles() == before


def test_articles_survive_a_garbage_answer(feed_server, archive) -> None:
    url = feed_server.url("/feed.xml")
    feed_server.add("/feed.xml", rss(items(3)))
    archive.add(url)
    before = archive.articles()
    feed_server.add("/feed.xml", b"\x00\xff\x13 not a feed at all \xfe" * 50,
                    content_type="application/octet-stream")

    report = archive.refresh()

    assert report_for(report, url).error
    assert archive.articles() == before


def test_an_edit_that_empties_an_item_keeps_the_stored_article(feed_server, archive) -> None:
    url = feed_server.url("/feed.xml")
    original = items(1)
    feed_server.add("/feed.xml", rss(original))
    archive.add(url)
    (before,) = archive.articles()
    feed_server.add("/feed.xml", rss([Item(original[0].guid, "", "", link=original[0].link)]))

    archive.refresh()

    (after,) = archive.articles()
    assert (after.title, after.text) == (before.title, before.text)


def test_a_reader_never_sees_half_a_feed(feed_server, archive) -> None:
    """Each feed's refresh is one transaction: another connection sees none or all of it."""
    url = feed_server.url("/big.xml")
    feed_server.add("/big.xml", rss(items(3000, prefix="bulk")))
    archive.limits = replace(LIMITS, max_bytes=20 * 1024 * 1024)
    archive.subscribe(url)
    db = archive_path(archive.data_dir)
    seen: set[tuple[int, int | None]] = set()
    stop = threading.Event()

    def watch() -> None:
        conn = sqlite3.connect(db, timeout=30)
        try:
            while not stop.is_set():
                # One statement reads one snapshot of both tables.
                count, status = conn.execute(
                    "SELECT (SELECT count(*) FROM articles), (SELECT last_status FROM feeds)"
                ).fetchone()
                seen.add((count, status))
        finally:
            conn.close()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        report = archive.refresh()
    finally:
        stop.set()
        watcher.join(10)

    assert report_for(report, url).new == 3000
    assert seen <= {(0, None), (3000, 200)}, sorted(seen, key=str)[:10]
