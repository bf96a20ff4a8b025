"""What a fetch teaches a feed: Retry-After, back-off, 410 gone, permanent redirects."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime, timedelta

import pytest

from .feedkit import items, report_for, rss, skipped_urls


def _healthy(feed_server, name: str = "/steady.xml") -> str:
    feed_server.add(name, rss(items(2, prefix=name.strip("/."))))
    return feed_server.url(name)


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_skips_the_feed_on_the_next_refresh(feed_server, archive, status) -> None:
    busy = feed_server.url("/busy.xml")
    feed_server.add("/busy.xml", "Slow down.", status=status, content_type="text/plain",
                    headers={"Retry-After": "120"})
    steady = _healthy(feed_server)
    archive.subscribe(busy, steady)

    first = archive.refresh()

    r = report_for(first, busy)
    assert r.status == status and str(status) in (r.error or "")
    waiting_until = datetime.fromisoformat(archive.feed(busy).next_check or "")
    assert timedelta(seconds=100) < waiting_until - datetime.now(UTC) <= timedelta(seconds=121)

    second = archive.refresh()

    assert busy in skipped_urls(second)
    assert [r.url for r in second.feeds] == [steady]
    assert len(feed_server.requests("/busy.xml")) == 1
    assert len(feed_server.requests("/steady.xml")) == 2


def test_retry_after_as_an_http_date_is_honoured(feed_server, archive) -> None:
    busy = feed_server.url("/busy.xml")
    when = email.utils.format_datetime(datetime.now(UTC) + timedelta(hours=2), usegmt=True)
    feed_server.add("/busy.xml", status=503, headers={"Retry-After": when})
    archive.subscribe(busy)
    archive.refresh()

    second = archive.refresh()

    assert busy in skipped_urls(second)
    assert len(feed_server.requests("/busy.xml")) == 1
    wait = datetime.fromisoformat(archive.feed(busy).next_check or "") - datetime.now(UTC)
    assert timedelta(minutes=110) < wait <= timedelta(hours=2)


def test_503_without_retry_after_still_waits_a_little(feed_server, archive) -> None:
    busy = feed_server.url("/busy.xml")
    feed_server.add("/busy.xml", status=503)
    archive.subscribe(busy)
    archive.refresh()

    second = archive.refresh()

    assert busy in skipped_urls(second)
    assert len(feed_server.requests("/busy.xml")) == 1


def test_an_absurd_retry_after_is_capped_at_a_day(feed_server, archive) -> None:
    busy = feed_server.url("/busy.xml")
    feed_server.add("/busy.xml", status=429, headers={"Retry-After": "999999999"})
    archive.subscribe(busy)

    archive.refresh()

    wait = datetime.fromisoformat(archive.feed(busy).next_check or "") - datetime.now(UTC)
    assert timedelta(hours=23) < wait <= timedelta(days=1)


def test_a_feed_that_keeps_failing_is_backed_off(feed_server, archive) -> None:
    broken = feed_server.url("/broken.xml")
    feed_server.add("/broken.xml", "Internal error.", status=500, content_type="text/plain")
    steady = _healthy(feed_server)
    archive.subscribe(broken, steady)

    reports = [archive.refresh() for _ in range(3)]

    # One failure may be a blip and is retried; after the second the feed waits.
    assert [len(r.feeds) for r in reports] == [2, 2, 1]
    assert broken in skipped_urls(reports[2])
    assert len(feed_server.requests("/broken.xml")) == 2
    feed = archive.feed(broken)
    assert feed.failures == 2
    assert datetime.fromisoformat(feed.next_check or "") > datetime.now(UTC)
    assert len(feed_server.requests("/steady.xml")) == 3


def test_a_success_clears_the_failure_count_and_error(feed_server, archive) -> None:
    url = feed_server.url("/flaky.xml")
    feed_server.add("/flaky.xml", status=500)
    archive.subscribe(url)
    archive.refresh()
    assert archive.feed(url).failures == 1
    feed_server.add("/flaky.xml", rss(items(2)))

    report = archive.refresh()

    assert report_for(report, url).error is None
    feed = archive.feed(url)
    assert (feed.failures, feed.last_error, feed.next_check) == (0, None, None)


def test_410_marks_the_feed_gone_and_keeps_its_articles(feed_server, archive) -> None:
    url = feed_server.url("/closing.xml")
    feed_server.add("/closing.xml", rss(items(3)))
    archive.add(url)
    feed_server.add("/closing.xml", "This feed has been retired.", status=410,
                    content_type="text/plain")

    report = archive.refresh()

    r = report_for(report, url)
    assert r.status == 410 and "410" in (r.error or "")
    assert archive.feed(url).gone
    again = archive.refresh()
    assert url in skipped_urls(again) and not again.feeds
    assert "gone" in dict(again.skipped)[url]
    assert len(feed_server.requests("/closing.xml")) == 2
    assert len(archive.articles(url)) == 3


@pytest.mark.parametrize("status", [301, 308])
def test_a_permanent_redirect_updates_the_feed_url(feed_server, archive, status) -> None:
    old, new = feed_server.url("/old.xml"), feed_server.url("/new.xml")
    feed_server.add("/old.xml", rss(items(2)))
    archive.subscribe(old)
    archive.refresh()
    feed_server.redirect("/old.xml", "/new.xml", status=status)
    feed_server.add("/new.xml", rss(items(3)))

    report = archive.refresh()

    assert report_for(report, old).new == 1
    assert [f.url for f in archive.feeds()] == [new]
    archive.refresh()
    assert len(feed_server.requests("/old.xml")) == 2  # the third refresh went straight to new
    assert len(feed_server.requests("/new.xml")) == 2
    assert len(archive.articles()) == 3


@pytest.mark.parametrize("status", [302, 307])
def test_a_temporary_redirect_keeps_the_feed_url(feed_server, archive, status) -> None:
    old = feed_server.url("/home.xml")
    feed_server.redirect("/home.xml", "/away.xml", status=status)
    feed_server.add("/away.xml", rss(items(2)))
    archive.subscribe(old)

    report = archive.refresh()

    assert report_for(report, old).new == 2
    assert [f.url for f in archive.feeds()] == [old]


def _chain(feed_server, hops: int) -> str:
    """/hop0 -> /hop1 -> ... -> /hop{hops} which is the feed."""
    for i in range(hops):
        feed_server.redirect(f"/c{hops}/hop{i}", f"/c{hops}/hop{i + 1}", status=302)
    feed_server.add(f"/c{hops}/hop{hops}", rss(items(1, prefix=f"chain{hops}")))
    return feed_server.url(f"/c{hops}/hop0")


def test_five_redirects_are_followed_and_six_are_refused(feed_server, archive) -> None:
    five, six = _chain(feed_server, 5), _chain(feed_server, 6)
    archive.subscribe(five, six)

    report = archive.refresh()

    assert report_for(report, five).new == 1
    r = report_for(report, six)
    assert r.new == 0 and "redirect" in (r.error or "").lower()
    assert not feed_server.requests("/c6/hop6")
    assert len(archive.articles()) == 1


ATOM_SHORT_IDS = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Street Markets</title><id>harbour-street</id>
  <updated>2025-03-04T08:00:00Z</updated>
  <entry><id>story-0</id><title>Harbour Lines lifts dividend</title>
    <updated>2025-03-04T07:00:00Z</updated><content>Dividend up a tenth.</content></entry>
  <entry><id>story-1</id><title>Copper miners slip</title>
    <updated>2025-03-04T08:00:00Z</updated><content>Smelter talks stall.</content></entry>
</feed>
"""


def test_atom_items_keep_their_identity_when_the_feed_moves(feed_server, archive) -> None:
    """An Atom id is an opaque string: the feed's address must not become part of it."""
    old = feed_server.url("/atom.xml")
    feed_server.add("/atom.xml", ATOM_SHORT_IDS, content_type="application/atom+xml")
    archive.add(old)
    feed_server.redirect("/atom.xml", "/moved/atom.xml", status=301)
    feed_server.add("/moved/atom.xml", ATOM_SHORT_IDS, content_type="application/atom+xml")

    report = archive.refresh()

    assert report_for(report, old).new == 0
    assert sorted(a.title for a in archive.articles()) == [
        "Copper miners slip", "Harbour Lines lifts dividend"]


def test_retention_purges_old_articles_but_keeps_starred(feed_server, tmp_path) -> None:
    from briefing.core.service import Service
    from briefing.core.settings import Settings

    old = "Mon, 06 Jan 2020 08:00:00 +0000"
    items = "".join(
        f"<item><title>Old {i}</title><guid isPermaLink='false'>old-{i}</guid>"
        f"<pubDate>{old}</pubDate><description>Old note {i}.</description></item>"
        for i in range(3)
    ) + ("<item><title>Fresh</title><guid isPermaLink='false'>fresh</guid>"
         "<description>Fresh note.</description></item>")
    body = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Keep</title>{items}"
            "</channel></rss>").encode()
    feed_server.add("/keep.xml", body, content_type="application/rss+xml")
    data = tmp_path / "data"
    with Service(data) as svc:
        svc.add(feed_server.url("/keep.xml"))
        starred = next(a for a in svc.store.articles(limit=0) if a.title == "Old 0")
        svc.store.set_starred([starred.id])
        Settings(data).set("retention_days", 30)
        svc.refresh()
        titles = sorted(a.title for a in svc.store.articles(limit=0))
        assert titles == ["Fresh", "Old 0"]
        # The publisher edits the feed (a new ETag); the purged items are still listed.
        feed_server.add("/keep.xml", body.replace(b"Fresh note", b"Fresh note, edited"),
                        content_type="application/rss+xml")
        svc.refresh()
        assert sorted(a.title for a in svc.store.articles(limit=0)) == ["Fresh", "Old 0"]


def test_retention_keeps_old_articles_about_pinned_listings(feed_server, tmp_path) -> None:
    from briefing.core.service import Service
    from briefing.core.settings import Settings

    old = "Mon, 06 Jan 2020 08:00:00 +0000"
    notes = {"old-baba": "Alibaba Group Holding Ltd. raised its buyback.",
             "old-toyota": "Toyota Motor Corp. kept its outlook.",
             "old-plain": "Markets were quiet."}
    items = "".join(
        f"<item><title>{guid}</title><guid isPermaLink='false'>{guid}</guid>"
        f"<pubDate>{old}</pubDate><description>{text}</description></item>"
        for guid, text in notes.items())
    body = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Pins</title>{items}"
            "</channel></rss>").encode()
    feed_server.add("/pins.xml", body, content_type="application/rss+xml")
    data = tmp_path / "data"
    with Service(data) as svc:
        svc.add(feed_server.url("/pins.xml"))
        svc.watch_add("BABA")  # Alibaba's ADR: its news is kept whatever listing it names
        Settings(data).set("retention_days", 30)
        svc.refresh()
        assert sorted(a.title for a in svc.store.articles(limit=0)) == ["old-baba"]
