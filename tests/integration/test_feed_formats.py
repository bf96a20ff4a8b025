"""Every feed format a market desk publishes parses and stores, served over HTTP."""

from __future__ import annotations

import pytest

from .feedkit import Archive, Item, items, json_feed, rss

TWO = items(2, prefix="fmt")

RDF = b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://news.example.test/">
    <title>Harbour Street Markets</title><link>https://news.example.test/</link>
    <description>Markets as they move</description>
    <items><rdf:Seq>
      <rdf:li rdf:resource="https://news.example.test/fmt/0"/>
      <rdf:li rdf:resource="https://news.example.test/fmt/1"/>
    </rdf:Seq></items>
  </channel>
  <item rdf:about="https://news.example.test/fmt/0">
    <title>Harbour Lines lifts dividend as container rates firm (fmt 0)</title>
    <link>https://news.example.test/fmt/0</link>
    <description>Harbour Lines raised its interim dividend by a tenth on Tuesday.</description>
    <dc:date>2025-03-04T07:00:00Z</dc:date>
  </item>
  <item rdf:about="https://news.example.test/fmt/1">
    <title>Copper miners slip as smelter talks stall (fmt 1)</title>
    <link>https://news.example.test/fmt/1</link>
    <description>Shares of copper producers fell in early trade.</description>
    <dc:date>2025-03-04T08:01:00Z</dc:date>
  </item>
</rdf:RDF>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Street Markets</title>
  <link href="https://news.example.test/"/>
  <id>urn:uuid:5b1e7c1a-0000-4000-8000-000000000001</id>
  <updated>2025-03-04T08:01:00Z</updated>
  <entry>
    <title>Harbour Lines lifts dividend as container rates firm (fmt 0)</title>
    <link href="https://news.example.test/fmt/0"/>
    <id>fmt-0</id>
    <published>2025-03-04T07:00:00Z</published><updated>2025-03-04T07:00:00Z</updated>
    <author><name>Desk Editor</name></author>
    <content type="html">&lt;p&gt;Harbour Lines raised its interim dividend by a tenth on
      Tuesday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Copper miners slip as
      smelter talks stall (fmt 1)</div></title>
    <link rel="alternate" href="/fmt/1"/>
    <id>fmt-1</id>
    <updated>2025-03-04T08:01:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Shares of copper
      producers fell in early trade.</p></div></content>
  </entry>
</feed>
"""

FORMATS = {
    "rss-0.91": (rss(TWO, version="0.91"), "application/rss+xml"),
    "rss-0.92": (rss(TWO, version="0.92"), "application/rss+xml"),
    "rss-1.0-rdf": (RDF, "application/rdf+xml"),
    "rss-2.0": (rss(TWO), "application/rss+xml"),
    "atom-1.0": (ATOM, "application/atom+xml"),
    "json-feed-1.1": (json_feed(TWO), "application/feed+json"),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_parses_and_stores(feed_server, archive: Archive, fmt: str) -> None:
    body, ctype = FORMATS[fmt]
    feed_server.add("/feed", body, content_type=ctype)
    url = feed_server.url("/feed")

    added = archive.add(url)

    assert added.report.new == 2 and added.report.error is None
    assert added.feed.title == "Harbour Street Markets"
    stored = sorted(archive.articles(), key=lambda a: a.title)
    assert [a.title for a in stored] == [
        "Copper miners slip as smelter talks stall (fmt 1)",
        "Harbour Lines lifts dividend as container rates firm (fmt 0)",
    ]
    assert "copper producers fell" in stored[0].text
    assert "interim dividend" in stored[1].text
    assert stored[1].url == "https://news.example.test/fmt/0"
    assert all(a.published and a.published.endswith("+00:00") for a in stored)


def test_relative_links_resolve_against_the_feed(feed_server, archive) -> None:
    entry = Item("rel-1", "Relative link story", '<p>See <a href="/markets/asia">Asia</a>.</p>',
                 link="/stories/rel-1")
    feed_server.add("/nested/feed.xml", rss([entry], link="/"))

    archive.add(feed_server.url("/nested/feed.xml"))

    (stored,) = archive.articles()
    assert stored.url == feed_server.url("/stories/rel-1")
    assert f'href="{feed_server.url("/markets/asia")}"' in stored.content_html


def test_a_gzip_encoded_feed_is_decoded(feed_server, archive) -> None:
    feed_server.add("/feed.xml.gz", rss(items(3)), gzip_body=True)

    added = archive.add(feed_server.url("/feed.xml.gz"))

    assert added.report.new == 3
    assert "gzip" in feed_server.requests("/feed.xml.gz")[0].headers["accept-encoding"]


def test_a_feed_in_a_legacy_encoding_keeps_its_characters(feed_server, archive) -> None:
    story = Item("enc-1", "Société Générale gagne 3 % à Paris", "<p>Hausse à l'ouverture.</p>")
    body = rss([story])
    latin = body.replace(b'encoding="utf-8"', b'encoding="iso-8859-1"').decode().encode("latin-1")
    feed_server.add("/latin.xml", latin, content_type="application/rss+xml; charset=iso-8859-1")

    archive.add(feed_server.url("/latin.xml"))

    (stored,) = archive.articles()
    assert stored.title == "Société Générale gagne 3 % à Paris"
    assert "Hausse à l'ouverture." in stored.text
