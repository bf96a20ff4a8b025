"""Plain, frozen records passed between the core's layers, the CLI and the window."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class Folder:
    id: int
    name: str
    parent_id: int | None


@dataclass(frozen=True)
class Feed:
    """A subscription and what the last fetch learned about it."""

    id: int
    url: str
    title: str
    folder_id: int | None = None
    folder: str | None = None  # the folder's path, "News/Asia"
    site_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_status: int | None = None
    last_error: str | None = None
    failures: int = 0
    next_check: str | None = None  # ISO time: not before (Retry-After or back-off)
    gone: bool = False
    full_text: bool = False
    last_fetched: str | None = None
    interval_minutes: int | None = None


@dataclass(frozen=True)
class Article:
    id: int
    feed_id: int
    feed_title: str
    title: str
    url: str | None
    author: str | None
    published: str | None
    read: bool
    starred: bool
    summary_html: str = ""
    content_html: str = ""
    text: str = ""
    guid: str | None = None
    fetched_at: str | None = None
    listings: tuple[str, ...] = ()
    also_in: tuple[str, ...] = ()  # other feeds that carried the same story (news views)


@dataclass(frozen=True)
class FetchResult:
    """What came back from the network for one feed (bytes, never parsed here)."""

    url: str
    status: int | None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    final_url: str | None = None
    permanent_redirect: bool = False
    error: str | None = None
    retry_after_s: float | None = None
    elapsed_s: float = 0.0
    size: int = 0  # bytes of body received, after decoding


@dataclass(frozen=True)
class ParsedEntry:
    """One item of a feed, sanitised and ready to store."""

    identity: str
    guid: str | None
    url: str | None
    title: str
    author: str | None
    published: str | None
    updated: str | None
    summary_html: str
    content_html: str
    text: str
    content_hash: str
    tags: TagResult | None = None  # computed in the parser process, stored with the article


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    site_url: str | None
    entries: tuple[ParsedEntry, ...]
    problem: str | None = None  # a parse problem worth recording (malformed XML, ...)


@dataclass(frozen=True)
class FeedReport:
    """The outcome of refreshing one feed, as `refresh --json` reports it."""

    feed_id: int
    url: str
    new: int = 0
    updated: int = 0
    status: int | None = None
    error: str | None = None
    new_article_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class RefreshReport:
    feeds: tuple[FeedReport, ...]
    skipped: tuple[tuple[str, str], ...] = ()  # (url, why) for feeds not fetched

    @property
    def new(self) -> int:
        return sum(f.new for f in self.feeds)

    @property
    def failed(self) -> int:
        return sum(1 for f in self.feeds if f.error)


class Mention(NamedTuple):
    """One place in a text where an entity appears; text[start:end] == self.text. A named
    tuple, not a frozen dataclass: an article has about 45 and tagging makes them three times
    faster so (0.4 µs each instead of 1.2)."""

    start: int
    end: int
    text: str
    why: str  # "symbol", "name", "alias" or "alias in context"
    field: str = "text"  # "text" or "title"


class Entity(NamedTuple):
    """A company, index, fund, private company or product found in a text (a named tuple,
    like Mention and Quotation: tagging makes millions)."""

    id: str
    name: str
    type: str  # company, index, fund, private, product
    listings: tuple[str, ...]  # primary listing for this text first
    mentions: tuple[Mention, ...] = ()


class Quotation(NamedTuple):
    """Words someone said, with the speaker when the text names one (a named tuple, like
    Mention: half the cost of a frozen dataclass to make)."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    title: str | None = None
    organization: str | None = None


class TagResult(NamedTuple):
    entities: tuple[Entity, ...]
    quotations: tuple[Quotation, ...]
    region: str | None = None


@dataclass(frozen=True)
class WatchItem:
    """A listing the reader pinned to the watchlist, in the order they keep it."""

    symbol: str  # Yahoo-style, as the reader chose it (home line or ADR)
    name: str  # the entity's name, or "" when the catalog does not know the symbol
    entity_id: str | None  # its entity: the news follows every listing and name of it
    position: int


@dataclass(frozen=True)
class Quote:
    """A listing's latest price, as one provider gave it."""

    symbol: str  # Yahoo-style
    price: float
    change: float | None  # since the previous close
    change_percent: float | None
    currency: str | None
    as_of: str  # ISO 8601 UTC: when the price was traded or published
    provider: str
    previous_close: float | None = None
    market_open: bool | None = None  # None: unknown
    stale: bool = False  # served from the cache because the providers failed
    fetched_at: str | None = None  # ISO 8601 UTC: when Briefing got it


@dataclass(frozen=True)
class Bars:
    """A listing's price history over one range: closes at their times."""

    symbol: str
    range: str  # 1d, 5d, 1mo, 6mo, 1y
    currency: str | None
    points: tuple[tuple[float, float], ...]  # (seconds since the epoch, UTC; close)
    provider: str
    previous_close: float | None = None  # the close before the range began (1d: yesterday's)
    stale: bool = False
    fetched_at: str | None = None
