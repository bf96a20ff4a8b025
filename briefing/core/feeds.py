"""Feeds: fetched bytes -> feedparser -> sanitised entries, and the refresh that drives it.

`parse_feed` is a pure function of bytes (it runs in worker processes: feedparser is pure
Python, and processes are what use more than one core). `refresh` fetches concurrently on one
asyncio loop and hands each feed's outcome to a callback in the caller's thread; the process
pool for parsing is injected, never owned here.
"""

from __future__ import annotations

import asyncio
import calendar
import functools
import hashlib
import html.entities as html_entities
import io
import json
import logging
import queue
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

import feedparser

from .http import Fetcher, HttpLimits
from .models import Feed, FetchResult, ParsedEntry, ParsedFeed
from .sanitize import html_to_text, inline_text, sanitize_html, text_to_html

log = logging.getLogger("briefing.feeds")

MAX_TITLE = 1000
MAX_AUTHOR = 300
DEFAULT_INTERVAL_MINUTES = 30  # how often `refresh --due` fetches a feed with no interval set
BACKOFF_FIRST_S = 5 * 60.0
BACKOFF_MAX_S = 12 * 3600.0

# feedparser's own sanitiser and relative-URI pass roughly halve its speed, and nh3 does
# both jobs better; feedparser also never fetches anything here (it gets bytes).
_FP_OPTIONS = {"sanitize_html": False, "resolve_relative_uris": False}


def _speed_up_feedparser() -> None:
    """Make feedparser about 40% faster without changing a single result.

    It re-resolves the xml:base of every start tag even when nothing changed; those URL
    helpers are pure, so a bounded cache is exact.
    """
    import functools

    import feedparser.mixin as mixin

    for name in ("make_safe_absolute_uri", "_urljoin"):
        fn = getattr(mixin, name, None)
        if fn is not None and not hasattr(fn, "cache_info"):
            setattr(mixin, name, functools.lru_cache(maxsize=4096)(fn))
    # feedparser maps windows-1252 control points with str.translate(dict) on every value;
    # a dict raises KeyError for each untouched character. The same mapping as a
    # 65,536-character string gives identical results about 2.5x faster (characters beyond
    # it raise IndexError, a LookupError, which translate also leaves untouched).
    table = getattr(mixin, "_cp1252", None)
    if isinstance(table, dict) and all(
        isinstance(k, int) and k < 0x10000 and isinstance(v, str) and len(v) == 1
        for k, v in table.items()
    ):
        mixin._cp1252 = "".join(table.get(i, chr(i)) for i in range(0x10000))


_speed_up_feedparser()


# -- parsing ----------------------------------------------------------------------------


def parse_feed(body: bytes, url: str, content_type: str | None = None, *,
               tag: bool = True, overrides: str | None = None) -> ParsedFeed:
    """Parse feed bytes into sanitised, tagged entries. Never raises: problems are recorded.

    overrides is the path of the user's tagging overrides file, when there is one.
    """
    try:
        if _looks_like_json(body, content_type):
            parsed = _parse_json_feed(body, url)
        else:
            parsed = _parse_xml_feed(body, url, content_type)
        return tag_entries(parsed, overrides) if tag and parsed.entries else parsed
    except Exception as exc:  # a parser crash on hostile input is this feed's problem only
        log.warning("parser failed on %s: %r", url, exc)
        return ParsedFeed(None, None, (), problem=f"The feed could not be parsed ({exc}).")


def tag_entries(parsed: ParsedFeed, overrides: str | None = None) -> ParsedFeed:
    """The feed with each entry's entities and quotations computed (the tagging engine)."""
    from .tagging import get_catalog, tag_article

    catalog = get_catalog(Path(overrides) if overrides else None)
    entries = tuple(
        replace(e, tags=tag_article(e.title, e.text, catalog=catalog)) for e in parsed.entries
    )
    return replace(parsed, entries=entries)


def _looks_like_json(body: bytes, content_type: str | None) -> bool:
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    ctype = (content_type or "").lower()
    return head.startswith(b"{") or "json" in ctype and not head.startswith(b"<")


def _parse_xml_feed(body: bytes, url: str, content_type: str | None) -> ParsedFeed:
    # No content-location: feedparser would otherwise resolve non-URL Atom ids such as
    # "story-0" against the feed's address, and a feed that moves would duplicate every
    # article. Links are made absolute in _entry instead.
    headers: dict[str, str] = {}
    if content_type:
        headers["content-type"] = content_type
    d = feedparser.parse(io.BytesIO(body), response_headers=headers, **_FP_OPTIONS)
    version = d.get("version") or ""
    feed = d.get("feed", {})
    entries = d.get("entries", [])
    if not version and not entries:
        if _looks_like_html(body):
            return ParsedFeed(None, None, (), problem="This is a web page, not a feed.")
        if not body.strip():
            return ParsedFeed(None, None, (), problem="The server sent an empty answer.")
        why = d.get("bozo_exception")
        if why is None:
            return ParsedFeed(
                None, None, (), problem="This XML document is not an RSS, Atom or JSON feed."
            )
        return ParsedFeed(None, None, (), problem=f"This is not a feed Briefing can read ({why}).")
    loose = bool(d.get("bozo"))
    feed_author = inline_text(feed.get("author", ""))[:MAX_AUTHOR] or None
    atom = version.startswith("atom")
    parsed = tuple(filter(None, (_entry(e, url, feed_author, loose, atom) for e in entries)))
    problem = None
    if loose and not _benign(d.get("bozo_exception"), body):
        why = d.get("bozo_exception")
        if parsed:
            problem = f"The feed is malformed; kept the articles that could be read ({why})."
        else:
            problem = f"The feed is malformed and no article could be read ({why})."
    return ParsedFeed(
        title=inline_text(feed.get("title", ""))[:MAX_TITLE] or None,
        site_url=_absolute(feed.get("link"), url),
        entries=parsed,
        problem=problem,
    )


_BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def _benign(exc: Any, body: bytes) -> bool:
    """Problems not worth showing a reader: wrong Content-Type, a declared encoding that
    needed overriding, or named entities that a DOCTYPE defines (RSS 0.91's Netscape DTD)."""
    if isinstance(exc, _BENIGN_BOZO):
        return True
    return "undefined entity" in str(exc) and b"<!DOCTYPE" in body[:2048].upper()


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lower()
    return b"<html" in head or b"<!doctype html" in head


def _entry(
    e: Any, feed_url: str, feed_author: str | None, loose: bool, atom: bool
) -> ParsedEntry | None:
    guid = (e.get("id") or "").strip() or None
    link = _absolute(e.get("link"), feed_url)
    if link and e.get("link") == guid and not _is_web_url(guid):
        link = None  # an RSS guid that is not a URL is no link, whatever isPermaLink says
    title = _plain(e.get("title_detail"), e.get("title", ""), loose, atom)[:MAX_TITLE]
    contents = [c for c in (e.get("content") or []) if c.get("value")]
    content_html = ""
    for c in contents:
        value = _safe_html(c, c.get("value", ""), _base(c, link, feed_url), loose)
        if len(value) > len(content_html):
            content_html = value
    summary = e.get("summary", "")
    detail = e.get("summary_detail")
    if detail is None and any(c.get("value") == summary for c in contents):
        summary_html = content_html  # feedparser copied the content into summary, sans type
    else:
        summary_html = _safe_html(detail, summary, _base(detail, link, feed_url), loose)
    content_html = content_html or summary_html
    text = html_to_text(content_html)
    if not (title or text or link or guid):
        return None
    author = inline_text(e.get("author", ""))[:MAX_AUTHOR] or feed_author
    # dict.get: FeedParserDict.get("updated_parsed") falls back to the published date
    # with a DeprecationWarning per entry.
    updated = _iso(dict.get(e, "updated_parsed"))
    published = _iso(dict.get(e, "published_parsed")) or updated
    return _make_entry(guid, link, title, author, published, updated, summary_html,
                       content_html, text)


def _is_web_url(value: str | None) -> bool:
    return bool(value) and str(value).startswith(("http://", "https://"))


def _base(detail: Any, link: str | None, feed_url: str) -> str:
    """The base for relative URLs in a value: its xml:base in scope, else the item's link."""
    declared = (detail or {}).get("base") if detail else None
    if declared:
        return urljoin(feed_url, str(declared))
    return link or feed_url


def _plain(detail: Any, value: str, loose: bool, atom: bool) -> str:
    """A title-like value as one line of plain text.

    Atom says outright when a title is text; RSS titles are HTML more often than not, and
    feedparser only guesses their type, so their markup is removed.
    """
    if loose:
        value = _undo_invented_entities(value)
    if atom and detail and detail.get("type") == "text/plain":
        return " ".join(value.split())
    return inline_text(value)


_INVENTED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")


def _undo_invented_entities(value: str) -> str:
    """feedparser's lenient parser turns a bare "M&A pipeline" into "M&A; pipeline"."""
    if "&" not in value:
        return value
    return _INVENTED_ENTITY.sub(
        lambda m: m.group(0) if m.group(1) + ";" in html_entities.html5 else "&" + m.group(1),
        value,
    )


def _make_entry(
    guid: str | None, link: str | None, title: str, author: str | None, published: str | None,
    updated: str | None, summary_html: str, content_html: str, text: str,
) -> ParsedEntry:
    content_hash = hashlib.sha1(
        "\x1f".join((title, summary_html, content_html, link or "", author or "")).encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()
    if guid:
        identity = "guid:" + guid[:2000]
    elif link:
        identity = "link:" + link[:2000]
    else:
        identity = "hash:" + hashlib.sha1(
            (title + "\x1f" + text).encode("utf-8", "surrogatepass")
        ).hexdigest()
    return ParsedEntry(
        identity=identity, guid=guid, url=link, title=title, author=author,
        published=published, updated=updated, summary_html=summary_html,
        content_html=content_html, text=text, content_hash=content_hash,
    )


def _safe_html(detail: Any, value: str, base: str, loose: bool = False) -> str:
    """A feed value as sanitised HTML; plain-text values are escaped into paragraphs."""
    if not value:
        return ""
    ctype = detail.get("type", "text/html") if detail else "text/html"
    if ctype == "text/plain":
        return text_to_html(_undo_invented_entities(str(value)) if loose else str(value))
    return sanitize_html(str(value), base)


def _absolute(link: Any, base: str) -> str | None:
    if not link or not isinstance(link, str):
        return None
    link = link.strip()
    try:
        resolved = urljoin(base, link)
    except ValueError:
        return None
    return resolved if resolved.startswith(("http://", "https://")) else None


def _iso(t: Any) -> str | None:
    """feedparser's UTC struct_time as ISO 8601 UTC, or None when it makes no sense."""
    if not t:
        return None
    try:
        stamp = calendar.timegm(t)
        return datetime.fromtimestamp(stamp, UTC).isoformat()
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    """JSON Feed 1.0/1.1, which feedparser does not read."""
    try:
        doc = json.loads(body.decode("utf-8-sig", errors="replace"))
    except ValueError as exc:
        return ParsedFeed(None, None, (), problem=f"The JSON feed is malformed ({exc}).")
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
        return ParsedFeed(None, None, (), problem="This JSON is not a JSON Feed.")
    items = doc.get("items") or []
    entries: list[ParsedEntry] = []
    feed_author = ", ".join(_json_authors(doc)) or None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            entry = _json_entry(item, url, feed_author)
            if entry:
                entries.append(entry)
    return ParsedFeed(
        title=inline_text(str(doc.get("title") or ""))[:MAX_TITLE] or None,
        site_url=_absolute(doc.get("home_page_url"), url),
        entries=tuple(entries),
    )


def _json_authors(obj: dict[str, Any]) -> list[str]:
    """Author names of a JSON Feed object (1.1 "authors", or 1.0 "author")."""
    authors = obj.get("authors") or ([obj["author"]] if obj.get("author") else [])
    if not isinstance(authors, list):
        return []
    return [str(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")]


def _json_entry(item: dict[str, Any], feed_url: str, feed_author: str | None) -> ParsedEntry | None:
    link = _absolute(item.get("url") or item.get("external_url"), feed_url)
    guid = str(item.get("id") or "").strip() or None
    base = link or feed_url
    if item.get("content_html"):
        content_html = sanitize_html(str(item["content_html"]), base)
    elif item.get("content_text"):
        content_html = text_to_html(str(item["content_text"]))
    else:
        content_html = ""
    summary = str(item.get("summary") or "")
    summary_html = text_to_html(summary) if summary else content_html
    content_html = content_html or summary_html
    names = _json_authors(item)
    title = inline_text(str(item.get("title") or ""))[:MAX_TITLE]
    text = html_to_text(content_html)
    if not (title or text or link or guid):
        return None
    return _make_entry(
        guid, link, title, ", ".join(names)[:MAX_AUTHOR] or feed_author,
        _iso_text(item.get("date_published")), _iso_text(item.get("date_modified")),
        summary_html, content_html, text,
    )


def _iso_text(value: Any) -> str | None:
    if not value or not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).replace(microsecond=0).isoformat()


# -- what a fetch does to a feed's state ------------------------------------------------


def feed_state_after(feed: Feed, result: FetchResult, parsed: ParsedFeed | None,
                     now: datetime) -> tuple[dict[str, Any], str | None]:
    """The feed's new columns after a fetch, and the error to report (or None)."""
    values: dict[str, Any] = {"last_status": result.status, "last_fetched": _stamp(now)}
    error = result.error
    if result.status == 410:
        values["gone"] = 1
    if error is None and parsed is not None and not parsed.entries and parsed.problem:
        error = parsed.problem  # nothing usable came back: a failure, not an empty feed
    if error is None:
        values.update(failures=0, next_check=None, last_error=parsed.problem if parsed else None)
        if result.status == 200:
            values["etag"] = result.headers.get("etag")
            values["last_modified"] = result.headers.get("last-modified")
        moved = result.final_url
        user = urlsplit(feed.url).username
        if moved and user and same_origin(moved, feed.url):  # a login follows its feed
            moved = with_user(moved, unquote(user))
        if result.permanent_redirect and moved and moved != feed.url and (
            not user or same_origin(moved, feed.url)  # never hand a login to another host
        ):
            values["url"] = moved
        return values, None
    failures = feed.failures + 1
    values.update(failures=failures, last_error=error)
    wait = result.retry_after_s
    if wait is None and result.status in (429, 503):
        wait = BACKOFF_FIRST_S
    if failures >= 2:
        backoff = min(BACKOFF_FIRST_S * 2 ** (failures - 2), BACKOFF_MAX_S)
        wait = max(wait or 0.0, backoff)
    values["next_check"] = _stamp(now + timedelta(seconds=wait)) if wait else None
    return values, error


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).replace(microsecond=0).isoformat()


def split_login(url: str) -> tuple[str, str | None, str | None]:
    """A feed address with a login in it ("https://ann:pw@host/feed") as the address Briefing
    keeps (the user name only: "https://ann@host/feed"), the user, and the password (which
    belongs in the keyring, never in the archive)."""
    parts = urlsplit(url)
    if parts.username is None:
        return url, None, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{parts.username}@{host}" + (f":{parts.port}" if parts.port else "")
    kept = parts._replace(netloc=netloc).geturl()
    return kept, unquote(parts.username), unquote(parts.password) if parts.password else None


def same_origin(a: str, b: str) -> bool:
    """Whether two addresses share scheme, host and port (user names aside)."""
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme, pa.hostname, pa.port) == (pb.scheme, pb.hostname, pb.port)


def with_user(url: str, user: str) -> str:
    """The address with this user name in it (never a password)."""
    parts = urlsplit(without_login(url))
    return parts._replace(netloc=f"{quote(user, safe='')}@{parts.netloc}").geturl()


def without_login(url: str) -> str:
    """The address without its user name (sent as HTTP Basic instead)."""
    parts = urlsplit(url)
    if parts.username is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    return parts._replace(netloc=host + (f":{parts.port}" if parts.port else "")).geturl()


def why_not_due(feed: Feed, now: datetime, *, due_only: bool) -> str | None:
    """Why a refresh should skip this feed now, or None when it should be fetched."""
    # A host under .invalid can never resolve (RFC 6761): such a feed is local only, like the
    # offline sample briefing (core/sample.py), and fetching it could only fail.
    try:
        host = (urlsplit(feed.url).hostname or "").rstrip(".")
    except ValueError:  # a malformed address: the fetch reports it
        host = ""
    if host == "invalid" or host.endswith(".invalid"):
        return "A local feed (its address is under .invalid): never fetched."
    if feed.gone:
        return "The feed is gone (410); resubscribe if it comes back."
    if feed.next_check:
        until = datetime.fromisoformat(feed.next_check)
        if until > now:
            return f"Waiting until {feed.next_check} (Retry-After or back-off after failures)."
    if due_only and feed.last_fetched:
        minutes = feed.interval_minutes or DEFAULT_INTERVAL_MINUTES
        nxt = datetime.fromisoformat(feed.last_fetched) + timedelta(minutes=minutes)
        if nxt > now:
            return f"Not due until {_stamp(nxt)}."
    return None


# -- the refresh ------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedOutcome:
    feed: Feed
    result: FetchResult
    parsed: ParsedFeed | None


def refresh(
    feeds: Sequence[Feed],
    on_outcome: Callable[[FeedOutcome], None],
    *,
    parse_executor: Executor | None = None,
    limits: HttpLimits | None = None,
    cancel: threading.Event | None = None,
    fetcher_factory: Callable[[HttpLimits | None], Fetcher] = Fetcher,
    overrides: str | None = None,
    logins: Mapping[int, tuple[str, str]] | None = None,
) -> None:
    """Fetch every feed concurrently and parse it; call on_outcome as each one completes.
    `logins`: HTTP Basic (user, password) by feed id, for feeds behind a login.

    Fetching runs on an asyncio loop in a helper thread, so it goes on while on_outcome
    writes the archive in the calling thread (SQLite connections belong to one thread).
    Parsing runs on parse_executor when one is given (a process pool uses every core).
    """
    outcomes: queue.Queue[FeedOutcome | BaseException | None] = queue.Queue()
    stop = threading.Event()  # set when the caller fails: the fetches end early too

    def stopped() -> bool:
        return stop.is_set() or (cancel is not None and cancel.is_set())

    def run_loop() -> None:
        try:
            asyncio.run(_refresh(feeds, outcomes.put, parse_executor, limits, stopped,
                                 fetcher_factory, overrides, logins or {}))
        except BaseException as exc:  # handed to the caller, raised there
            outcomes.put(exc)
        finally:
            outcomes.put(None)

    fetching = threading.Thread(target=run_loop, name="briefing-fetch", daemon=True)
    fetching.start()
    try:
        while (item := outcomes.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            on_outcome(item)
            del item
    except BaseException:
        stop.set()
        raise
    finally:
        fetching.join()


# Bodies waiting for a parser at once: bounds memory when the network outruns parsing.
MAX_PENDING_PARSES = 16


async def _refresh(
    feeds: Sequence[Feed], on_outcome: Callable[[FeedOutcome], None],
    executor: Executor | None, limits: HttpLimits | None, stopped: Callable[[], bool],
    fetcher_factory: Callable[[HttpLimits | None], Fetcher], overrides: str | None = None,
    logins: Mapping[int, tuple[str, str]] | None = None,
) -> None:
    gate = asyncio.Semaphore(MAX_PENDING_PARSES)
    done: asyncio.Queue[FeedOutcome | None] = asyncio.Queue()
    async with fetcher_factory(limits) as fetcher:
        # Tasks hand their outcome over through the queue and keep no reference to it, so
        # each feed's bytes and entries are freed as soon as they are stored.
        tasks = [asyncio.create_task(_fetch_and_parse(fetcher, f, executor, gate, done,
                                                      overrides, (logins or {}).get(f.id)))
                 for f in feeds]
        watcher = asyncio.create_task(_watch_cancel(stopped, tasks))
        try:
            for _ in range(len(tasks)):
                outcome = await done.get()  # every task delivers exactly one, even cancelled
                if outcome is not None:
                    on_outcome(outcome)
                del outcome
        finally:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            watcher.cancel()


async def _watch_cancel(stopped: Callable[[], bool], tasks: Iterable[asyncio.Task[Any]]) -> None:
    while not stopped():
        await asyncio.sleep(0.05)
    for t in tasks:
        t.cancel()


async def _fetch_and_parse(
    fetcher: Fetcher, feed: Feed, executor: Executor | None, gate: asyncio.Semaphore,
    done: asyncio.Queue[FeedOutcome | None], overrides: str | None = None,
    login: tuple[str, str] | None = None,
) -> None:
    outcome = None
    try:
        async with gate:
            result = await fetcher.fetch(
                without_login(feed.url) if login else feed.url, etag=feed.etag,
                last_modified=feed.last_modified, auth=login,
            )
            parsed = None
            if result.status == 200 and result.body is not None:
                parsed = await parse_off_loop(
                    executor, result.body, result.final_url or feed.url,
                    result.headers.get("content-type"), overrides,
                )
                result = replace(result, body=None)  # parsed now: let the bytes go
        outcome = FeedOutcome(feed, result, parsed)
    finally:
        done.put_nowait(outcome)  # None when cancelled: the consumer never waits in vain


async def parse_off_loop(executor: Executor | None, body: bytes, url: str,
                         content_type: str | None, overrides: str | None = None) -> ParsedFeed:
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(
            executor, functools.partial(parse_feed, body, url, content_type, overrides=overrides)
        )
    except BrokenProcessPool:
        return ParsedFeed(None, None, (), problem="The parser crashed on this feed.")
