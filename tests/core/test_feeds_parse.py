"""parse_feed on what servers really send: no content type, web pages, empty or garbage bodies."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.feeds import parse_feed

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"
URL = "https://feeds.example.test/markets.xml"


@pytest.mark.parametrize(("name", "content_type"), [
    ("rss20.rss", None),
    ("rss20.rss", "text/html; charset=UTF-8"),
    ("atom10.atom", "text/plain"),
    ("rdf10.rdf", "application/octet-stream"),
    ("jsonfeed11.json", None),
    ("jsonfeed11.json", "text/plain"),
])
def test_good_feed_under_a_missing_or_wrong_content_type_has_no_problem(
    name: str, content_type: str | None
) -> None:
    """Servers often send feeds as text/html or with no type: a good feed is not "malformed"."""
    parsed = parse_feed((FEEDS / name).read_bytes(), URL, content_type)
    assert parsed.entries
    assert parsed.problem is None


def test_text_xml_without_charset_keeps_the_declared_encoding() -> None:
    parsed = parse_feed((FEEDS / "iso88591.rss").read_bytes(), URL, "text/xml")
    assert parsed.entries[0].title == "Zürich stocks: UBS gains as the franc eases"


def test_web_page_is_not_a_feed() -> None:
    page = b"<!DOCTYPE html><html><head><title>Markets</title></head><body><p>Hi</p></body></html>"
    parsed = parse_feed(page, URL, "text/html; charset=utf-8")
    assert parsed.entries == ()
    assert parsed.problem and "web page" in parsed.problem


@pytest.mark.parametrize("body", [b"", b"   \n", b"\x00\x01\x02garbage\xff\xfe", b"{not json",
                                  b'{"version": "1.0", "items": []}', b"<rss><channel><item>"])
def test_garbage_never_raises_and_says_why(body: bytes) -> None:
    parsed = parse_feed(body, URL)
    assert parsed.entries == ()
    assert parsed.problem
    assert "\n" not in parsed.problem


def test_json_feed_without_version_is_refused() -> None:
    parsed = parse_feed(b'{"title": "x", "items": [{"id": "1", "title": "y"}]}', URL,
                        "application/json")
    assert parsed.entries == ()
    assert parsed.problem and "JSON Feed" in parsed.problem


def test_doctype_entities_are_not_expanded() -> None:
    """An entity bomb and an external entity naming a local file stay unexpanded."""
    secret = FEEDS / "rss20.rss"
    body = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n'
        '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\n'
        f'<!ENTITY file SYSTEM "file://{secret}">\n]>\n'
        '<rss version="2.0"><channel><title>Bomb</title><link>https://b.example.test/</link>'
        "<item><title>Hello &d;</title><guid>b-1</guid><description>Read &file; now</description>"
        "</item></channel></rss>"
    ).encode()
    parsed = parse_feed(body, URL, "application/rss+xml")
    for e in parsed.entries:
        assert len(e.title) + len(e.text) < 5000
        assert "Lantern Markets" not in e.text + e.content_html


def test_many_items_all_kept() -> None:
    items = "".join(
        f"<item><guid>n-{i}</guid><title>Note {i}</title><description>Body {i}</description></item>"
        for i in range(2000)
    )
    body = f'<rss version="2.0"><channel><title>Many</title>{items}</channel></rss>'.encode()
    parsed = parse_feed(body, URL, "application/rss+xml")
    assert len(parsed.entries) == 2000
    assert len({e.identity for e in parsed.entries}) == 2000
