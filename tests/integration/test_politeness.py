"""Politeness: a descriptive User-Agent and a few connections per host at most."""

from __future__ import annotations

import re

from briefing import __version__

from .feedkit import Archive, Item, items, rss


def test_every_request_names_briefing_and_its_version(feed_server, archive: Archive) -> None:
    page = "<html><head><title>x</title></head><body><p>Short.</p></body></html>"
    feed_server.add("/page", page, content_type="text/html")
    story = Item("ua-1", "Yen steadies", "<p>The yen held its ground.</p>",
                 link=feed_server.url("/page"))
    feed_server.add("/feed.xml", rss([story]))

    archive.add(feed_server.url("/feed.xml"), full_text=True)
    archive.refresh()

    agents = {r.headers.get("user-agent", "") for r in feed_server.requests()}
    assert len(feed_server.requests()) == 3
    (agent,) = agents
    assert agent.startswith(f"Briefing/{__version__}")
    assert re.search(r"\(.*reader.*\)", agent), agent  # says what it is, not just a library


def test_at_most_four_connections_per_host_at_once(feed_server, archive) -> None:
    urls = []
    for i in range(12):
        feed_server.add(f"/slow{i}.xml", rss(items(1, prefix=f"slow{i}")), delay=0.25)
        urls.append(feed_server.url(f"/slow{i}.xml"))
    archive.subscribe(*urls)

    report = archive.refresh()

    assert report.new == 12 and report.failed == 0
    assert 2 <= feed_server.peak_in_flight <= 4  # concurrent, and bounded
    assert feed_server.peak_connections <= 4


def test_full_text_pages_are_fetched_a_few_at_a_time(feed_server, archive) -> None:
    page = ("<html><body><article>"
            + "<p>Exporters gained as the currency weakened against the dollar.</p>" * 8
            + "</article></body></html>")
    stories = []
    for i in range(10):
        feed_server.add(f"/page{i}", page, content_type="text/html", delay=0.2)
        stories.append(Item(f"p{i}", f"Exporters gain {i}", "<p>Teaser.</p>",
                            link=feed_server.url(f"/page{i}")))
    feed_server.add("/feed.xml", rss(stories))

    archive.add(feed_server.url("/feed.xml"), full_text=True)

    assert all(len(feed_server.requests(f"/page{i}")) == 1 for i in range(10))
    assert 2 <= feed_server.peak_in_flight <= 4
