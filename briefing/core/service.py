"""The facade the command line and the window both call: one archive, every user action."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
import os
import re
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import feeds as feedlib
from .discovery import Discovered, discover
from .errors import BriefingError
from .fulltext import fetch_full_texts
from .http import Fetcher, HttpLimits
from .logsetup import redact
from .models import Article, Feed, FeedReport, RefreshReport, TagResult, WatchItem
from .opml import OpmlFeed, OpmlFolder, parse_opml, write_opml
from .paths import archive_path, resources_dir
from .settings import Settings
from .store import Store
from .tagging.catalog import OVERRIDES_NAME
from .tagging.symbols import hk_code

log = logging.getLogger("briefing.service")

# Below this many feeds a refresh parses in threads: starting worker processes costs more.
PROCESS_POOL_MIN_FEEDS = 8


class AlreadySubscribed(BriefingError):
    def __init__(self, feed: Feed) -> None:
        super().__init__(f"Already subscribed to {feed.url} (feed {feed.id}, “{feed.title}”).")
        self.feed = feed


@dataclass(frozen=True)
class ImportSummary:
    added: int
    existing: int
    folders: int


@dataclass(frozen=True)
class AddSummary:
    feed: Feed
    report: FeedReport


ProgressCallback = Callable[[int, int, FeedReport], None]


def parse_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A process pool for parsing feeds (feedparser is pure Python: processes use every core)."""
    count = workers or min(os.cpu_count() or 1, 4)
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["briefing.core.feeds", "briefing.core.tagging.preload"])
        return ProcessPoolExecutor(max_workers=count, mp_context=ctx)
    return ProcessPoolExecutor(max_workers=count)


class Service:
    """Everything a user can do with one archive. Use it from one thread at a time."""

    def __init__(
        self, data_dir: Path, *, create: bool = True, limits: HttpLimits | None = None,
        parse_executor: Executor | None = None,
        fetcher_factory: Callable[[HttpLimits | None], Fetcher] = Fetcher,
    ) -> None:
        self.data_dir = data_dir
        self.store = Store(archive_path(data_dir), create=create)
        self.limits = limits
        self._executor = parse_executor
        self._fetcher_factory = fetcher_factory
        self._market: Any = None
        self.secrets_factory: Callable[[], Any] = _default_secrets

    def close(self) -> None:
        if self._market is not None:
            self._market.close()
        self.store.close()

    def daily_backup(self) -> Path | None:
        """A copy of the archive once a day (core/backups.py)."""
        from .backups import daily_backup

        return daily_backup(self.store.conn, self.data_dir)

    # -- market data ----------------------------------------------------------------------

    @property
    def market(self) -> Any:
        """Quotes and price histories (briefing.core.market.Market), made when first used."""
        if self._market is None:
            from .market import Market

            self._market = Market(self.store, Settings(self.data_dir), self.secrets_factory())
        return self._market

    def quotes(self, symbols: Iterable[str]) -> list[Any]:
        found: list[Any] = self.market.quotes([normalize_symbol(s) for s in symbols])
        return found

    def history(self, symbol: str, range_: str) -> Any:
        return self.market.history(normalize_symbol(symbol), range_)

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- subscriptions ------------------------------------------------------------------

    def feeds(self) -> list[Feed]:
        return self.store.feeds()

    def find_feed(self, ref: str | int) -> Feed:
        """A feed by id or URL."""
        text = str(ref).strip()
        feed = self.store.feed(int(text)) if text.isdigit() else self.store.feed_by_url(text)
        if feed is None and not text.isdigit():
            feed = self.store.feed_by_url(normalize_url(text))
        if feed is None:
            raise BriefingError(f"No feed {text!r}: see `briefing feeds` for ids and URLs.")
        return feed

    def add(self, url: str, *, folder: str | None = None, full_text: bool = False) -> AddSummary:
        """Subscribe to a feed, or to the feed a web page announces, and store its articles."""
        url, user, password = feedlib.split_login(normalize_url(url))
        if user is not None and password is None:  # the user name alone: a stored login
            password = self.secrets_factory().feed_password(url)
        login = (user, password or "") if user is not None else None
        existing = self.store.feed_by_url(url)
        if existing:
            raise AlreadySubscribed(existing)
        found = asyncio.run(self._discover(feedlib.without_login(url) if login else url, login))
        if login is not None and feedlib.same_origin(found.url, url):
            # the address kept names the user; the password goes to the keyring
            found = replace(found, url=feedlib.with_user(found.url, login[0]))
            if password:
                self.secrets_factory().set_feed_password(found.url, password)
        self._stamp_if_empty()
        existing = self.store.feed_by_url(found.url)
        if existing:
            raise AlreadySubscribed(existing)
        with self.store.transaction():
            folder_id = self.store.ensure_folder_path(folder) if folder else None
            feed_id = self.store.add_feed(
                found.url, found.parsed.title or "", folder_id=folder_id,
                site_url=found.parsed.site_url, full_text=full_text,
            )
        feed = self.store.feed(feed_id)
        assert feed is not None
        report = self._store_outcome(feedlib.FeedOutcome(feed, found.result, found.parsed))
        log.info("subscribed to %s (feed %d): %d articles", feed.url, feed.id, report.new)
        if full_text and report.new_article_ids:
            self._full_texts(report.new_article_ids, None)
        return AddSummary(self.store.feed(feed_id) or feed, report)

    async def _discover(self, url: str, login: tuple[str, str] | None = None) -> Discovered:
        async with self._fetcher_factory(self.limits) as fetcher:
            return await discover(fetcher, url, str(self.overrides_path), auth=login)

    def _logins(self, feeds: Iterable[Feed]) -> dict[int, tuple[str, str]]:
        """HTTP Basic logins of the feeds whose address names a user, from the keyring."""
        named = [f for f in feeds if urlsplit(f.url).username is not None]
        if not named:
            return {}
        secrets = self.secrets_factory()
        found = {}
        for feed in named:
            _, user, _ = feedlib.split_login(feed.url)
            password = secrets.feed_password(feed.url)
            if user is not None and password is not None:
                found[feed.id] = (user, password)
        return found

    def unsubscribe(self, ref: str | int) -> Feed:
        feed = self.find_feed(ref)
        self.store.delete_feed(feed.id)
        if urlsplit(feed.url).username is not None:  # its login goes with it
            self.secrets_factory().remove_feed_password(feed.url)
        log.info("unsubscribed from %s", feed.url)
        return feed

    def import_opml(self, path: Path) -> ImportSummary:
        """Subscribe to every feed of an OPML file, in its folders; nothing is fetched."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BriefingError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        doc = parse_opml(data)
        added = existing = 0
        with self.store.transaction():
            folder_ids: dict[tuple[str, ...], int | None] = {(): None}

            def folder_id(path: tuple[str, ...]) -> int | None:
                if path not in folder_ids:
                    folder_ids[path] = self.store.ensure_folder(path[-1], folder_id(path[:-1]))
                return folder_ids[path]

            for folder in doc.folders:
                folder_id(folder.path)
            seen: set[str] = set()
            for item in doc.feeds:
                # a login in an address goes to the keyring; the archive keeps the user name
                url, _user, password = feedlib.split_login(item.url)
                if url in seen or self.store.feed_by_url(url):
                    existing += 1
                    continue
                seen.add(url)
                if password:
                    self.secrets_factory().set_feed_password(url, password)
                self.store.add_feed(url, item.title, folder_id=folder_id(item.folder),
                                    site_url=item.site_url)
                added += 1
        log.info("imported %s: %d feeds added, %d already there", path, added, existing)
        return ImportSummary(added, existing, len(folder_ids) - 1)

    def export_opml(self) -> str:
        folders = self.store.folders()
        by_id = {f.id: f for f in folders}

        def path_of(fid: int | None) -> tuple[str, ...]:
            parts: list[str] = []
            while fid is not None and fid in by_id and len(parts) < 64:
                parts.append(by_id[fid].name)
                fid = by_id[fid].parent_id
            return tuple(reversed(parts))

        items = [
            OpmlFeed(f.url, f.title, path_of(f.folder_id), f.site_url) for f in self.store.feeds()
        ]
        return write_opml(items, [OpmlFolder(path_of(f.id)) for f in folders])

    # -- refresh ------------------------------------------------------------------------

    def refresh(
        self, *, due_only: bool = False, feed_ids: Iterable[int] | None = None,
        progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
    ) -> RefreshReport:
        """Fetch, parse and store every feed that may be fetched now; one transaction each."""
        now = datetime.now(UTC)
        wanted = set(feed_ids) if feed_ids is not None else None
        todo: list[Feed] = []
        skipped: list[tuple[str, str]] = []
        for feed in self.store.feeds():
            if wanted is not None and feed.id not in wanted:
                continue
            why = feedlib.why_not_due(feed, now, due_only=due_only)
            if why:
                skipped.append((feed.url, why))
            else:
                todo.append(feed)
        reports: list[FeedReport] = []

        def on_outcome(outcome: feedlib.FeedOutcome) -> None:
            report = self._store_outcome(outcome)
            reports.append(report)
            if progress:
                progress(len(reports), len(todo), report)

        self._stamp_if_empty()
        with self._parse_executor(len(todo)) as executor:
            feedlib.refresh(
                todo, on_outcome, parse_executor=executor, limits=self.limits, cancel=cancel,
                fetcher_factory=self._fetcher_factory, overrides=str(self.overrides_path),
                logins=self._logins(todo),
            )
            full_text = {f.id for f in todo if f.full_text}
            new_ids = [i for r in reports if r.feed_id in full_text for i in r.new_article_ids]
            if new_ids and not (cancel and cancel.is_set()):
                self._full_texts(new_ids, executor)
            if not (cancel and cancel.is_set()):
                self.retag(executor=executor)
        self._apply_retention()
        return RefreshReport(tuple(reports), tuple(skipped))

    def _apply_retention(self) -> int:
        """Purge articles older than the retention setting (starred ones stay)."""
        days = Settings(self.data_dir)["retention_days"]
        if days <= 0:
            return 0
        cutoff = (datetime.now(UTC) - timedelta(days=days)).replace(microsecond=0).isoformat()
        purged = self.store.purge(cutoff)
        if purged:
            log.info("retention: purged %d articles older than %d days", purged, days)
        return purged

    # -- tagging ------------------------------------------------------------------------

    def _stamp_if_empty(self) -> None:
        """An archive with no articles yet: everything stored from now on is tagged current."""
        if self.store.get_meta(TAG_STAMP) is None and self.store.count_articles() == 0:
            self.store.set_meta(TAG_STAMP, tagging_stamp(self.overrides_path))

    @property
    def overrides_path(self) -> Path:
        return self.data_dir / OVERRIDES_NAME

    def retag(self, *, force: bool = False, executor: Executor | None = None,
              cancel: threading.Event | None = None) -> int:
        """Tag stored articles again when the catalog or the user's overrides changed.

        Returns how many articles were tagged. Runs in chunks on the executor when given.
        """
        stamp = tagging_stamp(self.overrides_path)
        if not force and self.store.get_meta(TAG_STAMP) == stamp:
            return 0
        self._rewatch()
        ids = [r[0] for r in self.store.conn.execute("SELECT id FROM articles ORDER BY id")]
        done = 0
        overrides = str(self.overrides_path)
        chunks = [ids[i:i + RETAG_CHUNK] for i in range(0, len(ids), RETAG_CHUNK)]
        pending: deque[Any] = deque()
        for index in range(len(chunks) + RETAG_WINDOW):
            if index < len(chunks):  # a few chunks in flight: memory stays bounded
                rows = self.store.article_texts(chunks[index])
                pending.append(executor.submit(_tag_chunk, rows, overrides) if executor
                               else _Done(_tag_chunk(rows, overrides)))
            if pending and (index >= RETAG_WINDOW or index >= len(chunks)):
                tagged = pending.popleft().result()
                self.store.store_tags(tagged)
                done += len(tagged)
            if cancel is not None and cancel.is_set():
                return done
        self.store.set_meta(TAG_STAMP, stamp)
        log.info("tagged %d stored articles again (catalog or overrides changed)", done)
        return done

    def _rewatch(self) -> None:
        """Point each pinned listing at its entity in the current catalog: a new catalog may
        name a company under another id (one curated since it was pinned), and the pin's news
        follows the entity the articles are tagged with."""
        for item in self.store.watchlist():
            entity = self.entity_for_symbol(item.symbol)
            if entity is not None and entity.id != item.entity_id:
                self.store.watch_set_entity(item.symbol, entity.id, entity.name)

    def _parse_executor(self, feed_count: int) -> Any:
        if self._executor is not None:
            return nullcontext(self._executor)
        if feed_count >= PROCESS_POOL_MIN_FEEDS:
            return _shutdown_after(parse_pool())
        return nullcontext(None)

    def _store_outcome(self, outcome: feedlib.FeedOutcome) -> FeedReport:
        feed, result = outcome.feed, outcome.result
        values, error = feedlib.feed_state_after(feed, result, outcome.parsed, datetime.now(UTC))
        if "url" in values and self.store.feed_by_url(values["url"]):
            del values["url"]  # moved to a feed we already have: keep both as they are
        report = self.store.store_refresh(
            feed, status=result.status, error=error, parsed=outcome.parsed, feed_values=values,
        )
        if "url" in values and urlsplit(feed.url).username is not None:
            self._move_login(feed.url, values["url"])  # the login follows its feed
        if error:
            log.warning("%s: %s (status %s)", redact(feed.url), error, result.status)
        else:
            log.info("%s: status %s, %d bytes, %.2f s, %d new, %d updated", redact(feed.url),
                     result.status, result.size, result.elapsed_s, report.new, report.updated)
        return report

    def _move_login(self, old: str, new: str) -> None:
        secrets = self.secrets_factory()
        password = secrets.feed_password(old)
        if password is not None and urlsplit(new).username is not None:
            secrets.set_feed_password(new, password)
            secrets.remove_feed_password(old)

    def _full_texts(self, article_ids: Iterable[int], executor: Executor | None) -> None:
        items = [(a.id, a.url) for a in self.store.articles(article_ids=article_ids, limit=0)
                 if a.url]

        def on_result(article_id: int, extracted: tuple[str, str] | None,
                      error: str | None) -> None:
            if extracted:
                self.store.store_full_text(article_id, extracted[0], extracted[1], "ok")
                self._tag_one(article_id)  # the full text says more than the summary did
            else:
                self.store.store_full_text(article_id, None, None, "failed")
                log.info("full text of article %d: %s", article_id, error)

        fetch_full_texts(items, on_result, executor=executor, limits=self.limits)

    # -- reading ------------------------------------------------------------------------

    def articles(
        self, *, feed: str | None = None, ticker: str | None = None, unread: bool = False,
        limit: int = 50,
    ) -> list[Article]:
        feed_id = self.find_feed(feed).id if feed else None
        if ticker:
            entity = self.entity_for_symbol(ticker)
            if entity is None:
                raise UnknownSymbol(ticker)
            found = self.store.articles_mentioning([entity.id], feed_id=feed_id, unread=unread,
                                                   limit=limit)
        else:
            found = self.store.articles(feed_id=feed_id, unread=unread, limit=limit)
        return self.with_listings(found)

    def entity_for_symbol(self, symbol: str) -> Any:
        """The catalog entity a Yahoo-style symbol (or $cashtag) names, or None."""
        from .tagging import get_catalog

        catalog = get_catalog(self.overrides_path)
        written = normalize_symbol(symbol)
        # As written first (9988.HK); then a share class in Yahoo's form (BRK.B -> BRK-B).
        return catalog.entity_for_symbol(written) or catalog.entity_for_symbol(
            written.replace(".", "-"))

    # -- watchlist ------------------------------------------------------------------------

    def watch_add(self, symbol: str) -> WatchAdded:
        """Pin a listing; its news follows the whole entity (every listing and name)."""
        written = normalize_symbol(symbol)
        if not written or not _SYMBOL_SHAPE.match(written):
            raise BriefingError(f"“{symbol}” is not a ticker symbol (try 9988.HK, BABA, ^NDX).")
        entity = self.entity_for_symbol(written)
        listing = written
        if entity is not None:  # the listing as the catalog spells it (BRK.B -> BRK-B)
            listing = next((s for s in entity.listings
                            if s.upper() in (written, written.replace(".", "-"))), written)
        added = self.store.watch_add(listing, entity.name if entity else "",
                                     entity.id if entity else None)
        return WatchAdded(listing, entity.name if entity else None, added)

    def watch_remove(self, symbol: str) -> bool:
        written = normalize_symbol(symbol)
        for item in self.store.watchlist():
            if item.symbol.upper() in (written, written.replace(".", "-")):
                return self.store.watch_remove(item.symbol)
        return False

    def watchlist(self) -> list[WatchItem]:
        return self.store.watchlist()

    def watch_articles(self, *, limit: int = 50, offset: int = 0,
                       unread: bool = False) -> list[Article]:
        """Articles mentioning anything on the watchlist, newest first, each story once."""
        entities = self.store.watched_entities()
        if not entities:
            return []
        return self._collapsed_page(
            lambda n, skip: self.store.articles(entity_ids=entities, unread=unread, limit=n,
                                                offset=skip), limit, offset)

    def watched_in(self, article_ids: Sequence[int]) -> list[str]:
        """The pinned listings these articles mention (for the notice after a refresh)."""
        by_entity: dict[str, str] = {}
        for w in self.store.watchlist():
            if w.entity_id:
                by_entity.setdefault(w.entity_id, w.symbol)
        found: list[str] = []
        for entities in self.store.entities_of(list(article_ids)).values():
            for eid in entities:
                symbol = by_entity.get(eid)
                if symbol and symbol not in found:
                    found.append(symbol)
        return found

    def news_for(self, symbol: str, *, limit: int = 50, offset: int = 0) -> list[Article]:
        """Every stored article mentioning the company behind this listing (by any of its
        names and listings), newest first, each story once with all its sources."""
        entity = self.entity_for_symbol(symbol)
        if entity is None:
            raise UnknownSymbol(symbol)
        return self._collapsed_page(
            lambda n, skip: self.store.articles(entity_ids=[entity.id], limit=n, offset=skip),
            limit, offset)

    def _collapsed_page(self, read: Callable[[int, int], list[Article]], limit: int,
                        offset: int) -> list[Article]:
        """Rows offset..offset+limit of a newest-first list in which each story shows once.
        The stories before the page are read again, so pages never repeat or skip one and a
        full page always has `limit` rows (the list knows there is more)."""
        chunk = max(200, limit)
        raw: list[Article] = []
        while True:
            rows = read(0 if limit <= 0 else chunk, len(raw))
            raw.extend(rows)
            stories = collapse_duplicates(raw)
            if limit <= 0 or len(rows) < chunk or len(stories) >= offset + limit:
                break
        page = stories[offset:offset + limit] if limit > 0 else stories[offset:]
        return self.with_listings(page)

    def export_watchlist(self, path: Path) -> int:
        """The watchlist as CSV (symbol, name), in its order; how many rows were written."""
        import csv

        items = self.store.watchlist()
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["symbol", "name"])
            writer.writerows([w.symbol, w.name] for w in items)
        return len(items)

    def import_watchlist(self, path: Path) -> tuple[int, list[str]]:
        """Pin the symbols of a CSV file (a `symbol` column, or the first column); returns
        how many were pinned and the rows that were not symbols."""
        import csv

        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BriefingError(f"{path.name} is not a UTF-8 text file.") from exc
        rows = [r for r in csv.reader(text.splitlines()) if r and r[0].strip()]
        if rows and rows[0][0].strip().lower() == "symbol":
            rows = rows[1:]
        added, refused = 0, []
        for row in rows:
            try:
                added += self.watch_add(row[0]).added
            except BriefingError:
                refused.append(row[0])
        return added, refused

    # -- tag corrections --------------------------------------------------------------------

    def correct_tag(self, entity_id: str, words: str, *, wrong: bool) -> int:
        """The reader's correction of a tag, kept in the overrides file: `wrong` — these words
        are not this entity; else — these words are another name of it. The stored articles
        it affects are tagged again at once; returns how many."""
        import json as jsonlib

        words = words.strip()
        if not words:
            raise BriefingError("No words to correct: select the name in the article.")
        path = self.overrides_path
        try:
            data = jsonlib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        except (OSError, ValueError) as exc:
            raise BriefingError(f"{path} cannot be read ({exc}): fix it or move it away, "
                                "then correct the tag again; it was left as it is.") from exc
        if not isinstance(data, dict):
            raise BriefingError(f"{path} does not hold a JSON object: fix it or move it away, "
                                "then correct the tag again; it was left as it is.")
        if wrong:
            suppress = [s for s in data.get("suppress") or [] if isinstance(s, dict)]
            if {"entity": entity_id, "alias": words} not in suppress:
                suppress.append({"entity": entity_id, "alias": words})
            data["suppress"] = suppress
            affected = [a.id for a in self.store.articles(entity_ids=[entity_id], limit=0)]
        else:
            found = data.get("aliases")
            aliases: dict[str, Any] = found if isinstance(found, dict) else {}
            known = [str(a) for a in aliases.get(entity_id) or []]
            if words not in known:
                aliases[entity_id] = [*known, words]
            data["aliases"] = aliases
            phrase = '"' + words.replace('"', '""') + '"'
            affected = [a.id for a in self.store.search(phrase, limit=0)]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(jsonlib.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
        overrides = str(path)
        for i in range(0, len(affected), RETAG_CHUNK):
            rows = self.store.article_texts(affected[i:i + RETAG_CHUNK])
            self.store.store_tags(_tag_chunk(rows, overrides))
        self.store.set_meta(TAG_STAMP, tagging_stamp(path))  # the rest is still right
        log.info("tag correction for %s: %d stored articles tagged again", entity_id,
                 len(affected))
        return len(affected)

    def with_listings(self, articles: list[Article]) -> list[Article]:
        """The articles with each one's listings filled in from its stored tags."""
        listings = self.store.listings_of([a.id for a in articles])
        return [replace(a, listings=listings.get(a.id, ())) for a in articles]

    def search(self, query: str, *, limit: int = 50) -> list[Article]:
        return self.with_listings(self.store.search(query, limit=limit))

    def article(self, article_id: int) -> Article:
        found = self.store.article(article_id)
        if found is None:
            raise BriefingError(f"No article {article_id} in the archive.")
        return self.with_listings([found])[0]

    def _tag_one(self, article_id: int) -> None:
        from .tagging import get_catalog, tag_article

        rows = self.store.article_texts([article_id])
        if rows:
            _, title, text = rows[0]
            catalog = get_catalog(self.overrides_path)
            self.store.store_tags([(article_id, tag_article(title, text, catalog=catalog))])

    def article_tags(self, article_id: int) -> TagResult:
        return self.store.tags(article_id)

    def mark_read(self, article_ids: list[int], read: bool = True) -> list[int]:
        """Mark articles; returns the ids that do not exist."""
        present = self.store.existing_article_ids(article_ids)
        if present:
            self.store.set_read(sorted(present), read)
        return [i for i in article_ids if i not in present]


TAG_STAMP = "tag_stamp"
RETAG_CHUNK = 200
RETAG_WINDOW = 4


@dataclass(frozen=True)
class _Done:
    """A result already computed, shaped like a Future."""

    value: Any

    def result(self) -> Any:
        return self.value


@dataclass(frozen=True)
class WatchAdded:
    symbol: str  # as stored
    name: str | None  # None: the catalog does not know the symbol
    added: bool  # False: it was pinned already


_SYMBOL_SHAPE = re.compile(r"^\^?[A-Z0-9][A-Z0-9.\-=]{0,19}$")


def _story_keys(article: Article) -> list[str]:
    """What makes two articles the same story: the same link, or the same title (of a few
    words at least) once case, punctuation and spacing are set aside."""
    keys = []
    if article.url:
        parts = urlsplit(article.url)
        keys.append("u:" + (parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")))
    words = re.findall(r"[^\W_]+", (article.title or "").lower())
    if len(words) >= 4:
        keys.append("t:" + " ".join(words))
    return keys


def collapse_duplicates(articles: list[Article]) -> list[Article]:
    """Each story once, where it came first (the list is newest first), with the other feeds
    that carried it in `also_in`."""
    first: dict[str, int] = {}
    kept: list[Article] = []
    sources: list[list[str]] = []
    for article in articles:
        keys = _story_keys(article)
        seen = next((first[k] for k in keys if k in first), None)
        if seen is None:
            for k in keys:
                first[k] = len(kept)
            kept.append(article)
            sources.append([])
        else:
            for k in keys:
                first.setdefault(k, seen)
            if article.feed_title not in (kept[seen].feed_title, *sources[seen]):
                sources[seen].append(article.feed_title)
    return [replace(a, also_in=tuple(extra)) if extra else a
            for a, extra in zip(kept, sources, strict=True)]


def _default_secrets() -> Any:
    from .secrets import Secrets

    return Secrets()


def normalize_symbol(symbol: str) -> str:
    """A symbol as typed ("$baba", "700.hk") in the catalog's Yahoo form ("BABA", "0700.HK")."""
    written = symbol.strip().lstrip("$").upper()
    code, dot, market = written.rpartition(".")
    if dot and market == "HK" and code.isdigit():
        return hk_code(code)
    return written


class UnknownSymbol(BriefingError):
    def __init__(self, symbol: str) -> None:
        super().__init__(
            f"{symbol} is not a listing Briefing knows; try its Yahoo-style symbol "
            "(9988.HK, BABA, 7203.T, VOD.L)."
        )


def tagging_stamp(overrides: Path) -> str:
    """Changes whenever the engine, the catalog, the evidence model, the names table or the
    user's overrides change: stored tags are then stale."""
    from . import tagging
    from .tagging.catalog import default_catalog_path
    from .tagging.evidence import model_path

    names = resources_dir() / "names" / "given-names.tsv"
    parts = [f"engine {tagging.ENGINE_VERSION}"]
    for path in (default_catalog_path(), model_path(), names, overrides):
        try:
            st = path.stat()
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _tag_chunk(rows: list[tuple[int, str, str]], overrides: str) -> list[tuple[int, TagResult]]:
    """Tag (id, title, text) rows; runs in a worker process."""
    from .tagging import get_catalog, tag_article

    catalog = get_catalog(Path(overrides))
    return [(i, tag_article(title, text, catalog=catalog)) for i, title, text in rows]


@contextmanager
def _shutdown_after(executor: ProcessPoolExecutor) -> Any:
    try:
        yield executor
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def normalize_url(url: str) -> str:
    """A URL as typed, made fetchable: a missing scheme becomes https://."""
    url = url.strip()
    if not url:
        raise BriefingError("No URL given.")
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BriefingError(f"{url!r} is not an http(s) address.")
    return url
