"""Finding a site's feed: the URL is a feed, or its page names one with <link rel=alternate>."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.etree
import lxml.html

from .errors import BriefingError
from .feeds import parse_off_loop, same_origin
from .http import Fetcher
from .models import FetchResult, ParsedFeed

FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/feed+json",
    "application/rdf+xml", "application/json", "application/xml", "text/xml",
)


class DiscoveryError(BriefingError):
    """No feed could be found or fetched; the message says why."""


@dataclass(frozen=True)
class Discovered:
    url: str  # the feed's own URL
    result: FetchResult
    parsed: ParsedFeed


def is_feed(parsed: ParsedFeed) -> bool:
    return bool(parsed.entries) or parsed.problem is None


def alternate_links(html: bytes, base_url: str) -> list[str]:
    """Feed URLs a page announces, in the page's order, RSS/Atom before JSON."""
    try:
        doc = lxml.html.fromstring(html[:2_000_000])
    except (lxml.etree.ParserError, ValueError):
        return []
    found: list[tuple[int, str]] = []
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        ctype = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and href and ctype in FEED_TYPES:
            rank = FEED_TYPES.index(ctype)
            url = urljoin(base_url, href)
            if url.startswith(("http://", "https://")) and url not in (u for _, u in found):
                found.append((rank, url))
    found.sort(key=lambda pair: pair[0])
    return [u for _, u in found]


async def discover(fetcher: Fetcher, url: str, overrides: str | None = None,
                   auth: tuple[str, str] | None = None) -> Discovered:
    """The feed at url, or the first feed its page announces (`auth`: HTTP Basic login)."""
    result = await fetcher.fetch(url, auth=auth)
    if result.error or result.body is None:
        raise DiscoveryError(f"Could not fetch {url}: {result.error or 'no content'}")
    final = result.final_url or url
    parsed = await parse_off_loop(None, result.body, final, result.headers.get("content-type"),
                                  overrides)
    if is_feed(parsed):
        return Discovered(final if result.permanent_redirect else url, result, parsed)
    candidates = alternate_links(result.body, final)
    if not candidates:
        raise DiscoveryError(
            f"{url} is a web page that names no feed (no <link rel=\"alternate\"> to RSS, "
            "Atom or JSON Feed)."
        )
    problems = []
    for candidate in candidates[:5]:
        # a login is for the site it was given for: never sent to a feed hosted elsewhere
        got = await fetcher.fetch(candidate, auth=auth if same_origin(candidate, url) else None)
        if got.error or got.body is None:
            problems.append(f"{candidate}: {got.error}")
            continue
        cand_parsed = await parse_off_loop(
            None, got.body, got.final_url or candidate, got.headers.get("content-type"),
            overrides,
        )
        if is_feed(cand_parsed):
            return Discovered(candidate, got, cand_parsed)
        problems.append(f"{candidate}: {cand_parsed.problem}")
    raise DiscoveryError(
        f"The page {url} names feeds, but none could be read: " + "; ".join(problems)
    )
