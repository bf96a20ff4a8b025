"""OPML in and out: nested folders, OPML 1.0 and 2.0, clear refusals, lossless round trips."""

from __future__ import annotations

import pytest

from briefing.core.errors import BriefingError
from briefing.core.opml import (
    OpmlDocument,
    OpmlError,
    OpmlFeed,
    OpmlFolder,
    parse_opml,
    write_opml,
)

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My markets</title></head>
  <body>
    <outline text="Top level wire" type="rss" xmlUrl="https://wire.example.test/rss"
             htmlUrl="https://wire.example.test/"/>
    <outline text="Asia" title="Asia">
      <outline text="Hong Kong">
        <outline text="HK Equities &amp; Derivatives" type="rss"
                 xmlUrl="https://hk.example.test/equities.xml"/>
        <outline text="Deep">
          <outline title="Northbound flows" text="ignored when title exists" type="rss"
                   xmlUrl="https://hk.example.test/flows.atom"/>
        </outline>
      </outline>
      <outline text="Japan">
        <outline type="rss" xmlUrl="https://jp.example.test/feed"
          text="\xe6\x97\xa5\xe7\xb5\x8c\xe3\x83\x9e\xe3\x83\xbc\xe3\x82\xb1\xe3\x83\x83\xe3\x83\x88"/>
      </outline>
    </outline>
    <outline text="Commodities">
      <outline text="Metals desk" type="rss" xmlUrl="https://metals.example.test/feed.json"/>
    </outline>
  </body>
</opml>
"""

OPML_10 = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0">
<head><title>Old export</title><dateCreated>Mon, 31 Mar 2025 08:00:00 GMT</dateCreated></head>
<body>
<outline text="Europe">
<outline text="Z\xfcrich wire" type="rss" xmlUrl="https://zh.example.test/rss.xml" htmlUrl="https://zh.example.test/"/>
<outline text="Paris Bourse" type="rss" xmlurl="https://paris.example.test/rss"/>
</outline>
<outline text="A plain link, not a feed" type="link" url="https://example.test/page"/>
<outline text="Loose feed" xmlUrl="https://loose.example.test/atom"/>
</body>
</opml>
"""


def feeds_of(doc: OpmlDocument) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(f.url, f.title, f.folder) for f in doc.feeds}


def test_nested_folders() -> None:
    doc = parse_opml(NESTED)
    assert doc.title == "My markets"
    assert feeds_of(doc) == {
        ("https://wire.example.test/rss", "Top level wire", ()),
        ("https://hk.example.test/equities.xml", "HK Equities & Derivatives",
         ("Asia", "Hong Kong")),
        ("https://hk.example.test/flows.atom", "Northbound flows", ("Asia", "Hong Kong", "Deep")),
        ("https://jp.example.test/feed", "日経マーケット", ("Asia", "Japan")),
        ("https://metals.example.test/feed.json", "Metals desk", ("Commodities",)),
    }
    assert {f.path for f in doc.folders} == {
        ("Asia",), ("Asia", "Hong Kong"), ("Asia", "Hong Kong", "Deep"), ("Asia", "Japan"),
        ("Commodities",)}
    wire = next(f for f in doc.feeds if f.url == "https://wire.example.test/rss")
    assert wire.site_url == "https://wire.example.test/"


def test_opml_1_0() -> None:
    doc = parse_opml(OPML_10)
    assert feeds_of(doc) == {
        ("https://zh.example.test/rss.xml", "Zürich wire", ("Europe",)),
        ("https://paris.example.test/rss", "Paris Bourse", ("Europe",)),
        ("https://loose.example.test/atom", "Loose feed", ()),
    }


def test_namespaced_opml() -> None:
    doc = parse_opml(b'<opml xmlns="http://opml.org/spec2" version="2.0"><head/><body>'
                     b'<outline text="NS" xmlUrl="https://ns.example.test/rss"/></body></opml>')
    assert feeds_of(doc) == {("https://ns.example.test/rss", "NS", ())}


@pytest.mark.parametrize(("data", "words"), [
    (b"", "XML"),
    (b"this is not xml at all", "XML"),
    (b"<opml version='2.0'><head><title>cut off", "XML"),
    (b"<rss version='2.0'><channel/></rss>", "not OPML"),
    (b"<opml version='2.0'><head/></opml>", "body"),
    (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
     b'<opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.example.test/"/>'
     b"</body></opml>", "entit"),
    (b"<opml version='2.0'><body><outline text='Local' xmlUrl='file:///etc/passwd'/></body></opml>",
     "http"),
    (b"<opml version='2.0'><body><outline text='JS' xmlUrl='javascript:alert(1)'/></body></opml>",
     "http"),
])
def test_broken_opml_is_refused_clearly(data: bytes, words: str) -> None:
    with pytest.raises(OpmlError) as caught:
        parse_opml(data)
    message = str(caught.value)
    assert isinstance(caught.value, BriefingError)
    assert words.lower() in message.lower()
    assert "\n" not in message and message.endswith(".")


def test_deep_nesting_is_refused_not_a_crash() -> None:
    depth = 2000
    data = (b"<opml version='2.0'><body>" + b"<outline text='f'>" * depth
            + b"<outline text='x' xmlUrl='https://deep.example.test/'/>"
            + b"</outline>" * depth + b"</body></opml>")
    with pytest.raises(OpmlError):
        parse_opml(data)


def test_round_trip_keeps_every_feed_title_and_folder() -> None:
    first = parse_opml(NESTED)
    text = write_opml(first.feeds, first.folders, title="Round trip")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    second = parse_opml(text.encode("utf-8"))
    assert feeds_of(second) == feeds_of(first)
    assert {f.path for f in second.folders} == {f.path for f in first.folders}
    assert {(f.url, f.site_url) for f in second.feeds} == {(f.url, f.site_url)
                                                           for f in first.feeds}
    assert 'version="2.0"' in text


def test_round_trip_of_awkward_titles_and_empty_folders() -> None:
    feeds = [
        OpmlFeed("https://a.example.test/rss?x=1&y=2", 'Quotes "&" <angles> \u2019s', ("A & B",)),
        OpmlFeed("https://b.example.test/rss", "Two  spaces", ("A & B", "Sub/Slash")),
        OpmlFeed("https://c.example.test/rss", "港股", ()),
    ]
    folders = [OpmlFolder(("A & B",)), OpmlFolder(("A & B", "Sub/Slash")),
               OpmlFolder(("Empty for now",))]
    doc = parse_opml(write_opml(feeds, folders).encode("utf-8"))
    assert feeds_of(doc) == {(f.url, f.title, f.folder) for f in feeds}
    assert {f.path for f in doc.folders} == {f.path for f in folders}
