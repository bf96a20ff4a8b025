"""`add`: a feed URL, a site page that names its feed, and the clear refusals."""

from __future__ import annotations

import pytest

from briefing.core.errors import BriefingError
from briefing.core.service import AlreadySubscribed

from .feedkit import Archive, items, json_feed, rss

SITE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour Street Markets: news from the Asian open</title>
{links}
</head><body><h1>Harbour Street Markets</h1>
<p>Stock moves, company results and central-bank decisions from Hong Kong, Tokyo and
Singapore, written up before the bell.</p></body></html>
"""


def test_add_a_feed_url_subscribes_and_stores(feed_server, archive: Archive) -> None:
    feed_server.add("/feed.xml", rss(items(3)))

    added = archive.add(feed_server.url("/feed.xml"), folder="Asia/Shipping")

    assert added.report.new == 3
    (feed,) = archive.feeds()
    assert feed.url == feed_server.url("/feed.xml")
    assert feed.title == "Harbour Street Markets"
    assert feed.folder == "Asia/Shipping"
    assert len(archive.articles()) == 3


def test_add_a_site_page_finds_its_feed(feed_server, archive) -> None:
    links = ('<link rel="stylesheet" href="/site.css">\n'
             '<link rel="alternate" type="application/rss+xml" title="All stories" '
             'href="/syndication/all.xml">')
    feed_server.add("/", SITE.format(links=links), content_type="text/html; charset=utf-8")
    feed_server.add("/syndication/all.xml", rss(items(2)))

    added = archive.add(feed_server.url("/"))

    assert added.feed.url == feed_server.url("/syndication/all.xml")
    assert added.report.new == 2
    assert [f.url for f in archive.feeds()] == [feed_server.url("/syndication/all.xml")]


def test_add_an_address_that_moved_for_good_subscribes_the_new_one(feed_server, archive) -> None:
    feed_server.redirect("/rss", "/feeds/markets.xml", status=301)
    feed_server.add("/feeds/markets.xml", rss(items(2)))

    added = archive.add(feed_server.url("/rss"))

    assert added.feed.url == feed_server.url("/feeds/markets.xml")
    archive.refresh()
    assert len(feed_server.requests("/rss")) == 1


def test_relative_feed_links_resolve_against_the_page_reached(feed_server, archive) -> None:
    links = '<link rel="alternate" type="application/rss+xml" href="feed.xml">'
    feed_server.redirect("/site", "/site/home/", status=302)
    feed_server.add("/site/home/", SITE.format(links=links), content_type="text/html")
    feed_server.add("/site/home/feed.xml", rss(items(1)))

    added = archive.add(feed_server.url("/site"))

    assert added.feed.url == feed_server.url("/site/home/feed.xml")


def test_discovery_prefers_rss_or_atom_over_json(feed_server, archive) -> None:
    links = ('<link rel="alternate" type="application/feed+json" href="/feed.json">\n'
             '<link rel="alternate" type="application/atom+xml" href="/feed.atom">')
    feed_server.add("/", SITE.format(links=links), content_type="text/html")
    feed_server.add("/feed.json", json_feed(items(1)), content_type="application/feed+json")
    feed_server.add("/feed.atom", rss(items(2)), content_type="application/atom+xml")

    added = archive.add(feed_server.url("/"))

    assert added.feed.url == feed_server.url("/feed.atom")


def test_discovery_moves_on_from_a_broken_candidate(feed_server, archive) -> None:
    links = ('<link rel="alternate" type="application/rss+xml" href="/missing.xml">\n'
             '<link rel="alternate" type="application/rss+xml" href="/working.xml">')
    feed_server.add("/", SITE.format(links=links), content_type="text/html")
    feed_server.add("/working.xml", rss(items(1)))

    added = archive.add(feed_server.url("/"))

    assert added.feed.url == feed_server.url("/working.xml")


def test_a_page_without_a_feed_is_refused_clearly(feed_server, archive) -> None:
    feed_server.add("/about", SITE.format(links=""), content_type="text/html")

    with pytest.raises(BriefingError) as caught:
        archive.add(feed_server.url("/about"))

    message = str(caught.value)
    assert feed_server.url("/about") in message
    assert "no feed" in message.lower()
    assert "\n" not in message
    assert archive.feeds() == []


def test_a_page_whose_feeds_all_fail_says_so(feed_server, archive) -> None:
    links = '<link rel="alternate" type="application/rss+xml" href="/gone.xml">'
    feed_server.add("/", SITE.format(links=links), content_type="text/html")
    feed_server.add("/gone.xml", status=410)

    with pytest.raises(BriefingError) as caught:
        archive.add(feed_server.url("/"))

    assert "410" in str(caught.value)
    assert archive.feeds() == []


def test_an_address_that_cannot_be_fetched_is_refused(feed_server, archive) -> None:
    feed_server.add("/feed.xml", status=404)

    with pytest.raises(BriefingError) as caught:
        archive.add(feed_server.url("/feed.xml"))

    assert "404" in str(caught.value)
    assert archive.feeds() == []


def test_add_gives_up_on_a_silent_server(feed_server, archive) -> None:
    feed_server.hang("/silent")

    with pytest.raises(BriefingError) as caught:
        archive.add(feed_server.url("/silent"))

    assert "\n" not in str(caught.value)
    assert archive.feeds() == []


def test_subscribing_twice_is_refused_and_keeps_one_copy(feed_server, archive) -> None:
    url = feed_server.url("/feed.xml")
    feed_server.add("/feed.xml", rss(items(3)))
    archive.add(url)

    with pytest.raises(AlreadySubscribed) as caught:
        archive.add(url)

    assert "Already subscribed" in str(caught.value) and url in str(caught.value)
    assert len(archive.feeds()) == 1
    assert len(archive.articles()) == 3
    assert len(feed_server.requests("/feed.xml")) == 1  # refused before fetching


def test_subscribing_through_the_site_page_after_the_feed_is_refused(feed_server, archive) -> None:
    links = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    feed_server.add("/", SITE.format(links=links), content_type="text/html")
    feed_server.add("/feed.xml", rss(items(2)))
    archive.add(feed_server.url("/feed.xml"))

    with pytest.raises(AlreadySubscribed):
        archive.add(feed_server.url("/"))

    assert len(archive.feeds()) == 1
    assert len(archive.articles()) == 2
