"""Property tests (hypothesis): sanitising never lets active content through, OPML survives
a round trip and refuses garbage cleanly, and an article's identity depends on the article,
not on where it sits in the feed."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from feedkit import active_parts  # noqa: E402

from briefing.core.feeds import parse_feed  # noqa: E402
from briefing.core.opml import OpmlError, OpmlFeed, OpmlFolder, parse_opml, write_opml  # noqa: E402
from briefing.core.sanitize import sanitize_html  # noqa: E402

TAGS = ["script", "style", "iframe", "object", "embed", "form", "input", "svg", "math",
        "img", "a", "p", "div", "span", "b", "table", "td", "video", "link", "meta", "base",
        "noscript", "template", "frame", "button", "textarea", "select", "picture", "source"]
ATTRS = ["href", "src", "style", "onerror", "onload", "onclick", "srcset", "action",
         "formaction", "poster", "background", "xlink:href", "data", "srcdoc", "class", "id",
         "title", "alt", "width", "lowsrc", "dynsrc", "ping"]
VALUES = ["javascript:alert(1)", "JaVaScRiPt:x", "java\tscript:x", "data:text/html,x",
          "vbscript:x", "https://ok.example/x", "/relative", "expression(alert(1))",
          "url(javascript:x)", "x\" onerror=\"alert(1)", "&#106;avascript:x", "", "1"]


@st.composite
def fragments(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        tag = draw(st.sampled_from(TAGS))
        attrs = " ".join(f'{draw(st.sampled_from(ATTRS))}="{draw(st.sampled_from(VALUES))}"'
                         for _ in range(draw(st.integers(0, 3))))
        inner = draw(st.one_of(st.text(max_size=20), st.sampled_from(
            ["alert(1)", "<", ">", "</" + tag, "<!--", "-->", "]]>", "&lt;script&gt;"])))
        closed = draw(st.booleans())
        parts.append(f"<{tag} {attrs}>{inner}" + (f"</{tag}>" if closed else ""))
    return "".join(parts)


@given(fragments())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_sanitised_html_holds_nothing_active(markup: str) -> None:
    clean = sanitize_html(markup, "https://base.example/feed")
    assert active_parts(clean) == [], (markup, clean)


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30
                ).map(str.strip).filter(bool).filter(lambda s: "/" not in s)


@given(st.lists(st.tuples(names, st.lists(names, max_size=3)), min_size=1, max_size=8,
                unique_by=lambda t: t[0]))
@settings(max_examples=150, deadline=None)
def test_opml_round_trip(entries: list[tuple[str, list[str]]]) -> None:
    feeds = [OpmlFeed(f"https://feeds.example/{i}.xml", title, tuple(folder))
             for i, (title, folder) in enumerate(entries)]
    folders = [OpmlFolder(tuple(f.folder[:n])) for f in feeds
               for n in range(1, len(f.folder) + 1)]
    unique = list({f.path: f for f in folders}.values())
    back = parse_opml(write_opml(feeds, unique).encode("utf-8"))
    assert sorted((f.url, f.title, f.folder) for f in back.feeds) == sorted(
        (f.url, f.title, f.folder) for f in feeds)


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_opml_garbage_is_refused_cleanly(data: bytes) -> None:
    try:
        parse_opml(data)
    except OpmlError as exc:
        assert str(exc) and "\n" not in str(exc)


@given(st.lists(st.text(st.characters(whitelist_categories=("L", "N")), min_size=1,
                        max_size=12), min_size=2, max_size=8, unique=True), st.randoms())
@settings(max_examples=100, deadline=None)
def test_identity_follows_the_article_not_its_place(guids: list[str], rnd) -> None:  # noqa: ANN001
    def feed(order: list[str]) -> bytes:
        return ("<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>" + "".join(
            f"<item><title>Title {g}</title><guid isPermaLink='false'>{g}</guid>"
            f"<description>Text {g}</description></item>" for g in order)
            + "</channel></rss>").encode()

    shuffled = guids[:]
    rnd.shuffle(shuffled)
    first = {e.title: e.identity for e in parse_feed(feed(guids), "https://f.example/").entries}
    second = {e.title: e.identity for e in parse_feed(feed(shuffled),
                                                      "https://f.example/").entries}
    assert first == second
    assert len(set(first.values())) == len(guids)  # different articles, different identities
