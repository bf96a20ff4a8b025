"""The offline sample briefing: a few original articles a new archive can start with.

The sample is `resources/sample/briefing.json`, written for the project: its articles, people,
firms, figures and quotations are invented (the companies, products and indexes they name are
real, as examples). `load_sample` stores it the way a refresh stores a fetched feed: each sample
source becomes a JSON Feed document that `feeds.parse_feed` reads (nh3 sanitising, plain text,
tagging), and `Store.store_refresh` writes each source in one transaction. Loading it again
adds nothing: an article's identity is its guid, as for any feed.

The sample feeds live at `https://sample.briefing.invalid/feeds/<slug>.xml` and are never
fetched. `.invalid` is a reserved top-level domain that can never resolve (RFC 2606, RFC 6761),
so `feeds.why_not_due` skips every feed under it ("a local feed") instead of letting the fetch
fail with a DNS error and back off. That needs no schema change and no flag, and it holds
wherever the address goes (exported to OPML and imported elsewhere, it is still skipped).
Marking the feeds gone (410) or giving them a far-future next check would skip them too, but
would tell the user that they are dead or failing.

The articles are written around a fixed moment (`as_of` in the file). They are moved forward
by whole days when loaded, so the newest is at most a day old and each keeps its time of day
(a Tokyo close stays a Tokyo close); the text never names a weekday or a date.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import BriefingError
from .feeds import parse_feed
from .models import Feed, FeedReport
from .paths import resources_dir
from .service import TAG_STAMP, Service, tagging_stamp

SAMPLE_HOST = "sample.briefing.invalid"


@dataclass(frozen=True)
class SampleSource:
    slug: str
    title: str
    feed_url: str
    site_url: str | None
    description: str | None


@dataclass(frozen=True)
class SampleArticle:
    id: str
    source: str  # a SampleSource's slug
    title: str
    author: str
    published: datetime
    url: str
    content: str  # HTML


@dataclass(frozen=True)
class Sample:
    as_of: datetime
    folder: str | None
    sources: tuple[SampleSource, ...]
    articles: tuple[SampleArticle, ...]


def sample_path() -> Path:
    return resources_dir() / "sample" / "briefing.json"


def is_sample_url(url: str | None) -> bool:
    """Whether an address belongs to the sample (never fetched, never opened in a browser)."""
    try:
        host = (urlsplit(url or "").hostname or "").rstrip(".")
    except ValueError:
        return False
    return host == SAMPLE_HOST or host.endswith("." + SAMPLE_HOST)


def read_sample(path: Path | None = None) -> Sample:
    """The sample briefing as shipped (or from `path`)."""
    path = path or sample_path()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        sources = tuple(
            SampleSource(s["slug"], s["title"], s["feed_url"], s.get("site_url"),
                         s.get("description"))
            for s in doc["sources"]
        )
        articles = tuple(
            SampleArticle(a["id"], a["source"], a["title"], a["author"],
                          _utc(a["published"]), a["url"], a["content"])
            for a in doc["articles"]
        )
        sample = Sample(_utc(doc["as_of"]), doc.get("folder"), sources, articles)
    except OSError as exc:
        raise BriefingError(f"The sample briefing cannot be read ({path}: {exc}).") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise BriefingError(f"The sample briefing {path} is damaged ({exc!r}).") from exc
    for source in sample.sources:
        if not is_sample_url(source.feed_url):  # refresh would fetch it: refuse
            raise BriefingError(f"Sample feed {source.feed_url} is not under {SAMPLE_HOST}.")
    return sample


def load_sample(service: Service, *, now: datetime | None = None,
                path: Path | None = None) -> int:
    """Subscribe the sample's local feeds and store its articles; returns how many were new.

    now: the moment the sample's `as_of` is moved to (by whole days); the current time when
    not given.
    """
    sample = read_sample(path)
    days = math.floor(((now or datetime.now(UTC)) - sample.as_of) / timedelta(days=1))
    shift = timedelta(days=days)
    store = service.store
    if store.get_meta(TAG_STAMP) is None and store.count_articles() == 0:
        # As a first refresh does: the articles stored from now on are tagged with this catalog.
        store.set_meta(TAG_STAMP, tagging_stamp(service.overrides_path))
    added = 0
    for source in sample.sources:
        feed = _subscribe(service, source, sample.folder)
        articles = [a for a in sample.articles if a.source == source.slug]
        added += _store(service, feed, source, articles, shift).new
    return added


def _subscribe(service: Service, source: SampleSource, folder: str | None) -> Feed:
    store = service.store
    feed = store.feed_by_url(source.feed_url)
    if feed is None:
        with store.transaction():
            folder_id = store.ensure_folder_path(folder) if folder else None
            feed_id = store.add_feed(source.feed_url, source.title, folder_id=folder_id,
                                     site_url=source.site_url)
        feed = store.feed(feed_id)
        assert feed is not None
    return feed


def _store(service: Service, feed: Feed, source: SampleSource,
           articles: list[SampleArticle], shift: timedelta) -> FeedReport:
    """Parse the source as a JSON Feed (the path fetched feeds take) and store it."""
    document: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": source.title,
        "home_page_url": source.site_url,
        "description": source.description,
        "items": [
            {
                "id": a.id, "url": a.url, "title": a.title, "content_html": a.content,
                "date_published": (a.published + shift).isoformat(),
                "authors": [{"name": a.author}],
            }
            for a in articles
        ],
    }
    body = json.dumps(document, ensure_ascii=False).encode("utf-8")
    parsed = parse_feed(body, source.feed_url, "application/feed+json",
                        overrides=str(service.overrides_path))
    if parsed.problem or len(parsed.entries) != len(articles):
        raise BriefingError(f"The sample feed {source.slug} did not parse: {parsed.problem}.")
    return service.store.store_refresh(feed, status=None, error=None, parsed=parsed,
                                       feed_values={})


def _utc(value: str) -> datetime:
    when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if when.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return when.astimezone(UTC)
