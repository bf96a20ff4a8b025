"""Shared pieces of the integration tests: feed builders, an archive driver, an HTML checker.

The texts here are written for these tests (invented market news); none is copied.
"""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeVar
from xml.sax.saxutils import escape

import pytest

from briefing.core.http import HttpLimits
from briefing.core.models import Article, Feed, FeedReport, RefreshReport
from briefing.core.service import AddSummary, Service

T = TypeVar("T")

# Short limits so every failure mode ends within a couple of seconds.
LIMITS = HttpLimits(
    connect_timeout=1.0, read_timeout=1.0, deadline=2.0, max_bytes=1024 * 1024,
    max_redirects=5, per_host=4,
)
# Longest any one archive call may take before the test calls it a hang.
HANG_AFTER_S = 30.0


# -- feed builders ----------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    guid: str | None
    title: str
    body: str  # HTML
    link: str | None = None
    published: str = "Tue, 04 Mar 2025 07:30:00 GMT"


STORIES = (
    ("Harbour Lines lifts dividend as container rates firm",
     "<p>Harbour Lines raised its interim dividend by a tenth on Tuesday, pointing to firmer "
     "container rates on routes between Shenzhen and Rotterdam.</p>"),
    ("Copper miners slip as smelter talks stall",
     "<p>Shares of copper producers fell in early trade after annual treatment-charge talks "
     "with smelters ended without an agreement.</p>"),
    ("Regional lenders rally on softer bond yields",
     "<p>Ten-year yields eased four basis points overnight and regional bank stocks led the "
     "morning gains in Tokyo.</p>"),
    ("Chipmaker guides higher on data-centre orders",
     "<p>A maker of memory chips told investors that orders from data-centre builders had "
     "run ahead of its own forecasts for a second quarter.</p>"),
)


def items(n: int = 3, *, prefix: str = "story",
          base: str = "https://news.example.test") -> list[Item]:
    """n distinct items with guids ``{prefix}-{i}`` and links under ``base``."""
    out = []
    for i in range(n):
        title, body = STORIES[i % len(STORIES)]
        out.append(Item(
            guid=f"{prefix}-{i}", title=f"{title} ({prefix} {i})", body=body,
            link=f"{base}/{prefix}/{i}",
            published=f"Tue, 04 Mar 2025 {7 + i % 12:02d}:{i % 60:02d}:00 GMT",
        ))
    return out


def rss(entries: Iterable[Item], *, title: str = "Harbour Street Markets",
        link: str = "https://news.example.test/", version: str = "2.0") -> bytes:
    """An RSS 2.0 (or 0.91/0.92: same shape, ``version`` only) document."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="{version}"><channel>'
             f"<title>{escape(title)}</title><link>{escape(link)}</link>"
             "<description>Markets as they move</description>"]
    for e in entries:
        parts.append("<item>")
        parts.append(f"<title>{escape(e.title)}</title>")
        if e.link:
            parts.append(f"<link>{escape(e.link)}</link>")
        if e.guid:
            parts.append(f'<guid isPermaLink="false">{escape(e.guid)}</guid>')
        parts.append(f"<pubDate>{e.published}</pubDate>")
        parts.append(f"<description>{escape(e.body)}</description>")
        parts.append("</item>")
    parts.append("</channel></rss>\n")
    return "".join(parts).encode("utf-8")


def json_feed(entries: Iterable[Item], *, title: str = "Harbour Street Markets") -> bytes:
    doc = {
        "version": "https://jsonfeed.org/version/1.1", "title": title,
        "home_page_url": "https://news.example.test/",
        "items": [
            {"id": e.guid, "url": e.link, "title": e.title, "content_html": e.body,
             "date_published": "2025-03-04T07:30:00Z", "authors": [{"name": "Desk Editor"}]}
            for e in entries
        ],
    }
    return json.dumps(doc).encode()


# -- the archive, driven the way the command line drives it ------------------------------


class Archive:
    """A data directory used through ``Service``, one fresh Service per call as the CLI does.

    Each call runs in a worker thread (the Service is opened there: SQLite connections
    belong to their thread) and fails the test if it has not ended within HANG_AFTER_S, so
    "the refresh always ends" is asserted rather than assumed.
    """

    def __init__(self, data_dir: Path, limits: HttpLimits = LIMITS) -> None:
        self.data_dir = data_dir
        self.limits = limits

    def call(self, fn: Callable[[Service], T], *, limit_s: float = HANG_AFTER_S) -> T:
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                with Service(self.data_dir, limits=self.limits) as svc:
                    box["value"] = fn(svc)
            except BaseException as exc:  # handed to the test thread
                box["error"] = exc

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        worker.join(limit_s)
        if worker.is_alive():
            pytest.fail(f"the archive call did not end within {limit_s:g} s (a hang)")
        if "error" in box:
            raise box["error"]
        return box["value"]  # type: ignore[no-any-return]

    def refresh(self, **kw: Any) -> RefreshReport:
        return self.call(lambda s: s.refresh(**kw))

    def add(self, url: str, **kw: Any) -> AddSummary:
        return self.call(lambda s: s.add(url, **kw))

    def subscribe(self, *urls: str) -> None:
        """Subscribe without fetching, as ``import-opml`` does."""
        outlines = "".join(f'<outline type="rss" text="{html.escape(u)}" '
                           f'xmlUrl="{html.escape(u)}"/>' for u in urls)
        opml = self.data_dir / "subscriptions.opml"
        opml.parent.mkdir(parents=True, exist_ok=True)
        opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><head><title>t</title>'
                        f"</head><body>{outlines}</body></opml>", encoding="utf-8")
        self.call(lambda s: s.import_opml(opml))

    def feeds(self) -> list[Feed]:
        return self.call(lambda s: s.feeds())

    def feed(self, url: str) -> Feed:
        found = [f for f in self.feeds() if f.url == url]
        assert found, f"no feed {url} in {[f.url for f in self.feeds()]}"
        return found[0]

    def articles(self, feed_url: str | None = None) -> list[Article]:
        """Every stored article in full (text and HTML), newest first."""
        def read(s: Service) -> list[Article]:
            listed = s.store.articles(limit=0)
            if feed_url is not None:
                ids = {f.id for f in s.feeds() if f.url == feed_url}
                listed = [a for a in listed if a.feed_id in ids]
            return [s.article(a.id) for a in listed]

        return self.call(read)


def report_for(report: RefreshReport, url: str) -> FeedReport:
    found = [r for r in report.feeds if r.url == url]
    assert len(found) == 1, f"expected one report for {url}, got {report.feeds}"
    return found[0]


def skipped_urls(report: RefreshReport) -> set[str]:
    return {u for u, _ in report.skipped}


# -- stored HTML must hold nothing active ------------------------------------------------

ACTIVE_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "textarea", "select", "meta", "base", "link", "svg", "math",
    "noscript", "template",
})
URL_ATTRS = frozenset({
    "href", "src", "action", "formaction", "background", "poster", "cite", "data",
    "xlink:href", "srcset", "longdesc", "lowsrc", "dynsrc", "usemap", "codebase",
})
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")


class _ActiveFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.problems.append(f"<{tag}>")
        names = {k for k, _ in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name == "style":
                self.problems.append(f"<{tag} style>")
            if name in URL_ATTRS and value:
                squashed = "".join(ch for ch in value if ch > " ").lower()
                if squashed.startswith(BAD_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value[:40]!r}>")
        if tag == "a" and "href" in names:
            rel = (dict(attrs).get("rel") or "").split()
            if "noopener" not in rel:
                self.problems.append("<a href> without rel=noopener")

    handle_startendtag = handle_starttag


def active_parts(markup: str) -> list[str]:
    """What in ``markup`` could run, load a page, or style it: empty when the HTML is safe."""
    finder = _ActiveFinder()
    finder.feed(markup)
    finder.close()
    return finder.problems


def assert_inert(articles: Sequence[Article]) -> None:
    for a in articles:
        for name, value in (("summary_html", a.summary_html), ("content_html", a.content_html)):
            problems = active_parts(value)
            assert not problems, f"article {a.id} {name} holds {problems}: {value[:300]!r}"
