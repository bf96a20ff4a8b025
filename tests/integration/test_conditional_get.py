"""Conditional GET: validators stored from the first fetch, sent again, 304 costs nothing."""

from __future__ import annotations

from .feedkit import Archive, items, report_for, rss

ETAG = '"harbour-v1"'
MODIFIED = "Tue, 04 Mar 2025 08:00:00 GMT"


def test_first_fetch_stores_etag_and_last_modified(feed_server, archive: Archive) -> None:
    feed_server.add("/feed.xml", rss(items(3)), etag=ETAG, last_modified=MODIFIED)
    archive.subscribe(feed_server.url("/feed.xml"))

    report = archive.refresh()

    assert report_for(report, feed_server.url("/feed.xml")).new == 3
    feed = archive.feed(feed_server.url("/feed.xml"))
    assert (feed.etag, feed.last_modified) == (ETAG, MODIFIED)
    first = feed_server.requests("/feed.xml")[0]
    assert "if-none-match" not in first.headers
    assert "if-modified-since" not in first.headers


def test_unchanged_feed_answers_304_and_stores_nothing_new(feed_server, archive) -> None:
    url = feed_server.url("/feed.xml")
    feed_server.add("/feed.xml", rss(items(3)), etag=ETAG, last_modified=MODIFIED)
    archive.add(url)
    before = archive.articles()

    report = archive.refresh()

    again = feed_server.requests("/feed.xml")[-1]
    assert again.headers["if-none-match"] == ETAG
    assert again.headers["if-modified-since"] == MODIFIED
    r = report_for(report, url)
    assert (r.status, r.new, r.updated, r.error) == (304, 0, 0, None)
    assert archive.articles() == before
    assert archive.feed(url).etag == ETAG  # a 304 keeps the validators


def test_last_modified_alone_is_enough_for_a_304(feed_server, archive) -> None:
    url = feed_server.url("/dated.xml")
    feed_server.add("/dated.xml", rss(items(2)), last_modified=MODIFIED)
    archive.add(url)

    report = archive.refresh()

    sent = feed_server.requests("/dated.xml")[-1].headers
    assert sent["if-modified-since"] == MODIFIED
    assert "if-none-match" not in sent
    assert report_for(report, url).status == 304


def test_many_unchanged_feeds_download_no_bodies(feed_server, archive) -> None:
    urls = []
    for i in range(5):
        path = f"/desk{i}.xml"
        feed_server.add(path, rss(items(2, prefix=f"desk{i}")), etag=f'"d{i}"')
        urls.append(feed_server.url(path))
    archive.subscribe(*urls)
    assert archive.refresh().new == 10

    report = archive.refresh()

    assert sorted(r.status for r in report.feeds) == [304] * 5
    assert report.new == 0
    assert len(archive.articles()) == 10


def test_a_changed_feed_is_downloaded_again(feed_server, archive) -> None:
    url = feed_server.url("/feed.xml")
    feed_server.add("/feed.xml", rss(items(2)), etag=ETAG)
    archive.add(url)
    feed_server.add("/feed.xml", rss(items(3)), etag='"harbour-v2"')

    report = archive.refresh()

    assert feed_server.requests("/feed.xml")[-1].headers["if-none-match"] == ETAG
    r = report_for(report, url)
    assert (r.status, r.new) == (200, 1)
    assert archive.feed(url).etag == '"harbour-v2"'
    assert len(archive.articles()) == 3


def test_a_feed_that_drops_its_etag_is_not_asked_with_the_old_one(feed_server, archive) -> None:
    url = feed_server.url("/feed.xml")
    feed_server.add("/feed.xml", rss(items(2)), etag=ETAG)
    archive.add(url)
    feed_server.add("/feed.xml", rss(items(2)))  # new server software, no validators
    archive.refresh()

    archive.refresh()

    assert "if-none-match" not in feed_server.requests("/feed.xml")[-1].headers
