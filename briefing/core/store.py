"""The archive: one SQLite file (WAL), through the standard sqlite3 module.

A `Store` is one connection and belongs to the thread that opened it. Schema changes are
numbered migrations applied in order (`PRAGMA user_version`); none drops user data.
"""

from __future__ import annotations

import functools
import heapq
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .backups import backup_archive, backup_time, newest_backup
from .errors import BriefingError
from .models import (
    Article,
    Bars,
    Entity,
    Feed,
    FeedReport,
    Folder,
    Mention,
    ParsedEntry,
    ParsedFeed,
    Quotation,
    Quote,
    TagResult,
    WatchItem,
)

MIGRATIONS: tuple[str, ...] = (
    # 1: folders, feeds, articles, full-text search.
    """
    CREATE TABLE folders (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        parent_id INTEGER REFERENCES folders(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX folders_name ON folders(ifnull(parent_id, 0), name);
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        site_url TEXT,
        folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL,
        etag TEXT,
        last_modified TEXT,
        last_status INTEGER,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_check TEXT,
        gone INTEGER NOT NULL DEFAULT 0,
        full_text INTEGER NOT NULL DEFAULT 0,
        interval_minutes INTEGER,
        last_fetched TEXT,
        created_at TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        identity TEXT NOT NULL,
        guid TEXT,
        url TEXT,
        title TEXT NOT NULL DEFAULT '',
        author TEXT,
        published TEXT,
        updated TEXT,
        summary_html TEXT NOT NULL DEFAULT '',
        content_html TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL,
        full_text_status TEXT,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        fetched_at TEXT NOT NULL,
        sort_time TEXT NOT NULL,
        UNIQUE (feed_id, identity)
    );
    CREATE INDEX articles_sort ON articles(sort_time DESC, id DESC);
    CREATE INDEX articles_feed_sort ON articles(feed_id, sort_time DESC, id DESC);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    """,
    # 2: the unread list stays fast when nearly everything has been read.
    """
    CREATE INDEX articles_read_sort ON articles(read, sort_time DESC, id DESC);
    """,
    # 3: what the tagging engine found in each article. article_entities answers "which
    # articles mention X" (one row per entity); article_tags keeps the mentions and
    # quotations of one article as JSON, read only when that article is shown.
    """
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL
    );
    CREATE TABLE article_entities (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        listings TEXT NOT NULL,
        PRIMARY KEY (article_id, entity_id)
    );
    CREATE INDEX article_entities_entity ON article_entities(entity_id, article_id);
    CREATE TABLE article_tags (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        mentions TEXT NOT NULL,
        quotations TEXT NOT NULL
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    """,
    # 4: the reader allowed this feed's articles to load their pictures; articles removed by
    # retention are remembered so that a feed still listing them does not bring them back.
    """
    ALTER TABLE feeds ADD COLUMN load_images INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE purged (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        identity TEXT NOT NULL,
        PRIMARY KEY (feed_id, identity)
    ) WITHOUT ROWID;
    """,
    # 5: the watchlist: listings the reader pinned, in their order.
    """
    CREATE TABLE watchlist (
        symbol TEXT PRIMARY KEY,
        entity_id TEXT,
        name TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE INDEX watchlist_entity ON watchlist(entity_id);
    """,
    # 6: market data: the last quote of each listing, price histories, and the requests each
    # provider was sent (its rate budget is shared by every process using the archive).
    """
    CREATE TABLE quotes (
        symbol TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        fetched_at REAL NOT NULL
    );
    CREATE TABLE bars (
        symbol TEXT NOT NULL,
        range TEXT NOT NULL,
        data TEXT NOT NULL,
        fetched_at REAL NOT NULL,
        PRIMARY KEY (symbol, range)
    );
    CREATE TABLE market_calls (provider TEXT NOT NULL, at REAL NOT NULL);
    CREATE INDEX market_calls_at ON market_calls(provider, at);
    """,
    # 7: "news for a listing" reads one index range, newest first, instead of sorting every
    # article that names the company (a quarter of a large archive for an index).
    """
    ALTER TABLE article_entities ADD COLUMN sort_time TEXT NOT NULL DEFAULT '';
    UPDATE article_entities SET sort_time = coalesce(
        (SELECT sort_time FROM articles WHERE articles.id = article_entities.article_id), '');
    CREATE INDEX article_entities_time
        ON article_entities(entity_id, sort_time DESC, article_id DESC);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
# A search that matches more articles than this ranks only the newest of them: ranking all
# of 100,000 matches for a common word takes ~100 ms, the newest 5,000 a few ms.
SEARCH_RANK_WINDOW = 5000

# Words that search must match as written: $BABA, 9988.HK, BRK.B, BRK-B, ^NDX.
_TICKERISH = re.compile(r"^(?:\$[A-Za-z][A-Za-z0-9.\-]*|\^?[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)+)$")
_FTS_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


class ArchiveError(BriefingError):
    """The archive cannot be opened or used; the message says what to do."""


class DamagedArchive(ArchiveError):
    """The archive file is unreadable (truncated, not a database, from a newer Briefing).
    Briefing never changes or deletes it; the message offers the newest backup or a fresh
    archive (see recover())."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        self.backup = newest_backup(path.parent)
        offer = (f"A backup from {backup_time(self.backup)} can replace it: "
                 f"`briefing --data-dir {path.parent} recover backup`; or start a fresh "
                 if self.backup else "You can start a fresh ")
        super().__init__(
            f"The archive {path} cannot be used: {reason}. Briefing has left the file as it "
            f"is. {offer}archive with `briefing --data-dir {path.parent} recover fresh` "
            "(either way the damaged file is kept beside it, renamed).")


def utcnow() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Store:
    """One connection to the archive. Not shared between threads."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if not create and not path.exists():
            raise ArchiveError(
                f"No archive at {path}: subscribe to a feed first (briefing add URL)."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists() and path.stat().st_size > 0
        if existed:
            _check_file(path)
        try:
            conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise ArchiveError(f"The archive {path} is busy: {exc}.") from exc
            raise DamagedArchive(path, f"it is not a readable SQLite database ({exc})") from exc
        self.conn = conn
        try:
            self._migrate()
        except sqlite3.OperationalError as exc:  # busy, locked, full: the file is fine
            conn.close()
            raise ArchiveError(f"The archive {path} could not be updated ({exc}): close other "
                               "Briefing windows or commands and try again.") from exc
        except sqlite3.DatabaseError as exc:  # malformed, not a database: damage
            conn.close()
            raise DamagedArchive(path, f"reading it failed ({exc})") from exc
        except ArchiveError:
            conn.close()
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise DamagedArchive(
                self.path, f"it was written by a newer Briefing (schema {version}; this one "
                f"knows {SCHEMA_VERSION}) — updating Briefing is the better way out")
        if version and version < SCHEMA_VERSION:  # the archive as it was, before it changes
            try:
                backup_archive(self.conn, self.path.parent, f"before-v{SCHEMA_VERSION}")
            except OSError as exc:
                raise ArchiveError(
                    f"Briefing must update the archive {self.path} and backs it up first, but "
                    f"the backup could not be written ({exc.strerror or exc}): free some disk "
                    "space and start again.") from exc
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                # another process (the window, cron) may have migrated meanwhile
                if self.conn.execute("PRAGMA user_version").fetchone()[0] > number:
                    continue
                for statement in _split_sql(MIGRATIONS[number]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version={number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT; rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # -- folders ------------------------------------------------------------------------

    def folders(self) -> list[Folder]:
        rows = self.conn.execute("SELECT id, name, parent_id FROM folders ORDER BY position, name")
        return [Folder(r[0], r[1], r[2]) for r in rows]

    def folder_paths(self) -> dict[int, str]:
        """Each folder's path, parents first: {id: "News/Asia"}."""
        folders = {f.id: f for f in self.folders()}
        paths: dict[int, str] = {}

        def path_of(fid: int, depth: int = 0) -> str:
            if fid in paths:
                return paths[fid]
            f = folders[fid]
            if f.parent_id is None or f.parent_id not in folders or depth > 64:
                p = f.name
            else:
                p = f"{path_of(f.parent_id, depth + 1)}/{f.name}"
            paths[fid] = p
            return p

        for fid in folders:
            path_of(fid)
        return paths

    def ensure_folder(self, name: str, parent_id: int | None = None) -> int:
        row = self.conn.execute(
            "SELECT id FROM folders WHERE name = ? AND ifnull(parent_id, 0) = ifnull(?, 0)",
            (name, parent_id),
        ).fetchone()
        if row:
            return int(row[0])
        cur = self.conn.execute(
            "INSERT INTO folders(name, parent_id) VALUES (?, ?)", (name, parent_id)
        )
        return int(cur.lastrowid or 0)

    def ensure_folder_path(self, path: str) -> int | None:
        """The folder at "A/B/C", created as needed; None for an empty path."""
        parent: int | None = None
        for part in (p.strip() for p in path.split("/")):
            if part:
                parent = self.ensure_folder(part, parent)
        return parent

    # -- feeds --------------------------------------------------------------------------

    _FEED_COLUMNS = (
        "id, url, title, folder_id, site_url, etag, last_modified, last_status, last_error, "
        "failures, next_check, gone, full_text, last_fetched, interval_minutes"
    )

    def _feed(self, row: sqlite3.Row | tuple[Any, ...], paths: dict[int, str]) -> Feed:
        folder_id = row[3]
        return Feed(
            id=row[0], url=row[1], title=row[2], folder_id=folder_id,
            folder=paths.get(folder_id) if folder_id is not None else None,
            site_url=row[4], etag=row[5], last_modified=row[6], last_status=row[7],
            last_error=row[8], failures=row[9], next_check=row[10], gone=bool(row[11]),
            full_text=bool(row[12]), last_fetched=row[13], interval_minutes=row[14],
        )

    def feeds(self) -> list[Feed]:
        paths = self.folder_paths()
        rows = self.conn.execute(
            f"SELECT {self._FEED_COLUMNS} FROM feeds ORDER BY position, lower(title), id"
        )
        return [self._feed(r, paths) for r in rows]

    def feed(self, feed_id: int) -> Feed | None:
        row = self.conn.execute(
            f"SELECT {self._FEED_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)
        ).fetchone()
        return self._feed(row, self.folder_paths()) if row else None

    def feed_by_url(self, url: str) -> Feed | None:
        row = self.conn.execute(
            f"SELECT {self._FEED_COLUMNS} FROM feeds WHERE url = ?", (url,)
        ).fetchone()
        return self._feed(row, self.folder_paths()) if row else None

    def add_feed(
        self, url: str, title: str = "", *, folder_id: int | None = None,
        site_url: str | None = None, full_text: bool = False,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO feeds(url, title, folder_id, site_url, full_text, created_at, position) "
            "VALUES (?, ?, ?, ?, ?, ?, (SELECT ifnull(max(position), 0) + 1 FROM feeds))",
            (url, title or url, folder_id, site_url, int(full_text), utcnow()),
        )
        return int(cur.lastrowid or 0)

    def update_feed(self, feed_id: int, **values: Any) -> None:
        if values:
            with self.transaction():
                self._update_feed_row(feed_id, values)

    def images_allowed(self, feed_id: int) -> bool:
        row = self.conn.execute("SELECT load_images FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        return bool(row and row[0])

    _FEED_WRITABLE = frozenset({
        "url", "title", "site_url", "folder_id", "etag", "last_modified", "last_status",
        "last_error", "failures", "next_check", "gone", "full_text", "interval_minutes",
        "last_fetched", "position", "load_images",
    })

    def _update_feed_row(self, feed_id: int, values: dict[str, Any]) -> None:
        unknown = set(values) - self._FEED_WRITABLE
        if unknown:
            raise ValueError(f"not feed columns: {sorted(unknown)}")
        sets = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(f"UPDATE feeds SET {sets} WHERE id = ?", (*values.values(), feed_id))

    def delete_feed(self, feed_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM articles WHERE feed_id = ?", (feed_id,))
            self.conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    # -- refresh results ----------------------------------------------------------------

    def store_refresh(
        self, feed: Feed, *, status: int | None, error: str | None, parsed: ParsedFeed | None,
        feed_values: dict[str, Any],
    ) -> FeedReport:
        """Write one feed's refresh in one transaction: its articles and its new state."""
        new_ids: list[int] = []
        updated = 0
        with self.transaction():
            if parsed is not None:
                if parsed.title and (not feed.title or feed.title == feed.url):
                    feed_values.setdefault("title", parsed.title)
                if parsed.site_url and not feed.site_url:
                    feed_values.setdefault("site_url", parsed.site_url)
                if parsed.entries:
                    new_ids, updated = self._store_entries(feed.id, parsed.entries, utcnow())
            if feed_values:
                self._update_feed_row(feed.id, feed_values)
        return FeedReport(
            feed_id=feed.id, url=feed.url, new=len(new_ids), updated=updated, status=status,
            error=error, new_article_ids=tuple(new_ids),
        )

    _INSERT_COLUMNS = (
        "feed_id", "identity", "guid", "url", "title", "author", "published", "updated",
        "summary_html", "content_html", "text", "content_hash", "fetched_at", "sort_time",
    )
    # Rows per INSERT: one statement for many rows keeps FTS5 from flushing its index after
    # every row (it does at each statement's savepoint), which makes bulk inserts 2x faster.
    _ROWS_PER_INSERT = 500

    def _store_entries(
        self, feed_id: int, entries: Sequence[ParsedEntry], now: str
    ) -> tuple[list[int], int]:
        """Insert new entries, update edited ones; (new ids, number updated)."""
        unique: dict[str, ParsedEntry] = {}
        for e in entries:
            unique.setdefault(e.identity, e)  # a feed that lists one item twice keeps the first
        existing: dict[str, tuple[int, str, str | None]] = {}
        keys = list(unique)
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows = self.conn.execute(
                "SELECT identity, id, content_hash, full_text_status FROM articles "
                f"WHERE feed_id = ? AND identity IN ({','.join('?' * len(chunk))})",
                (feed_id, *chunk),
            )
            existing.update((r[0], (r[1], r[2], r[3])) for r in rows)
        gone = self._purged(feed_id, [k for k in keys if k not in existing])
        fresh = [e for k, e in unique.items() if k not in existing and k not in gone]
        new_ids: list[int] = []
        width = len(self._INSERT_COLUMNS)
        for i in range(0, len(fresh), self._ROWS_PER_INSERT):
            chunk_entries = fresh[i:i + self._ROWS_PER_INSERT]
            values: list[Any] = []
            for e in chunk_entries:
                values.extend((
                    feed_id, e.identity, e.guid, e.url, e.title, e.author, e.published,
                    e.updated, _summary_to_store(e), e.content_html, e.text, e.content_hash, now,
                    e.published or e.updated or now,
                ))
            placeholders = ",".join(["(" + ",".join("?" * width) + ")"] * len(chunk_entries))
            cur = self.conn.execute(
                f"INSERT INTO articles({','.join(self._INSERT_COLUMNS)}) VALUES {placeholders} "
                "RETURNING id",
                values,
            )
            ids = sorted(r[0] for r in cur.fetchall())
            new_ids.extend(ids)
            self._write_tags([(article_id, e.tags) for article_id, e in
                              zip(ids, chunk_entries, strict=True) if e.tags is not None],
                             fresh=True)
        updated = 0
        retagged: list[tuple[int, TagResult]] = []
        for key, e in unique.items():
            if key in existing and self._update_article(existing[key], e):
                updated += 1
                if e.tags is not None:
                    retagged.append((existing[key][0], e.tags))
        self._write_tags(retagged)
        return new_ids, updated

    def _write_tags(self, tagged: Sequence[tuple[int, TagResult]], fresh: bool = False) -> None:
        """Replace these articles' stored entities, mentions and quotations (`fresh`: they
        have none yet). One statement per table for the whole batch."""
        if not tagged:
            return
        if not fresh:
            self.conn.executemany("DELETE FROM article_entities WHERE article_id = ?",
                                  [(article_id,) for article_id, _ in tagged])
        names: dict[str, tuple[str, str, str]] = {}
        links: list[tuple[int, str, int, str]] = []
        rows: list[tuple[int, str, str]] = []
        for article_id, tags in tagged:
            for i, e in enumerate(tags.entities):
                names[e.id] = (e.id, e.name, e.type)
                links.append((article_id, e.id, i, _listings_json(e.listings)))
            mentions = [[e.id, [[m.field, m.start, m.end, m.text, m.why] for m in e.mentions]]
                        for e in tags.entities]
            quotations = [[q.start, q.end, q.text, q.speaker, q.title, q.organization]
                          for q in tags.quotations]
            rows.append((article_id, json.dumps(mentions, ensure_ascii=False),
                         json.dumps(quotations, ensure_ascii=False)))
        if names:
            self.conn.executemany(
                "INSERT INTO entities(id, name, type) VALUES (?, ?, ?) ON CONFLICT(id) DO "
                "UPDATE SET name = excluded.name, type = excluded.type "
                "WHERE name != excluded.name OR type != excluded.type", list(names.values()))
            self.conn.executemany(
                "INSERT INTO article_entities(article_id, entity_id, position, listings, "
                "sort_time) VALUES (?, ?, ?, ?, (SELECT sort_time FROM articles WHERE id = ?))",
                [(*link, link[0]) for link in links])
        self.conn.executemany(
            "INSERT OR REPLACE INTO article_tags(article_id, mentions, quotations) "
            "VALUES (?, ?, ?)", rows)

    def store_tags(self, tagged: Iterable[tuple[int, TagResult]]) -> None:
        """Replace the stored tags of these articles, in one transaction."""
        with self.transaction():
            self._write_tags(list(tagged))

    def tags(self, article_id: int) -> TagResult:
        """What the tagging engine stored for one article."""
        row = self.conn.execute(
            "SELECT mentions, quotations FROM article_tags WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return TagResult((), ())
        mentions = {eid: tuple(Mention(m[1], m[2], m[3], m[4], m[0]) for m in ms)
                    for eid, ms in json.loads(row[0])}
        entities = tuple(
            Entity(id=r[0], name=r[1], type=r[2], listings=tuple(json.loads(r[3])),
                   mentions=mentions.get(r[0], ()))
            for r in self.conn.execute(
                "SELECT ae.entity_id, e.name, e.type, ae.listings FROM article_entities ae "
                "JOIN entities e ON e.id = ae.entity_id WHERE ae.article_id = ? "
                "ORDER BY ae.position", (article_id,))
        )
        quotations = tuple(
            Quotation(text=q[2], start=q[0], end=q[1], speaker=q[3], title=q[4],
                      organization=q[5])
            for q in json.loads(row[1])
        )
        return TagResult(entities, quotations)

    def listings_of(self, article_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        """Each article's listings, its entities' primary listings first, in mention order."""
        out: dict[int, list[str]] = {}
        for i in range(0, len(article_ids), 900):
            chunk = article_ids[i:i + 900]
            rows = self.conn.execute(
                "SELECT article_id, listings FROM article_entities "
                f"WHERE article_id IN ({','.join('?' * len(chunk))}) "
                "ORDER BY article_id, position", chunk)
            for article_id, listings in rows:
                bucket = out.setdefault(article_id, [])
                bucket.extend(s for s in json.loads(listings) if s not in bucket)
        return {k: tuple(v) for k, v in out.items()}

    def articles_mentioning(self, entity_ids: Sequence[str], *, feed_id: int | None = None,
                            unread: bool = False, limit: int = 50) -> list[Article]:
        """Articles that mention any of these entities, newest first."""
        if not entity_ids:
            return []
        where = [f"a.id IN (SELECT article_id FROM article_entities WHERE entity_id IN "
                 f"({','.join('?' * len(entity_ids))}))"]
        args: list[Any] = list(entity_ids)
        if feed_id is not None:
            where.append("a.feed_id = ?")
            args.append(feed_id)
        if unread:
            where.append("a.read = 0")
        sql = (f"SELECT {self._ARTICLE_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id"
               " WHERE " + " AND ".join(where) + " ORDER BY a.sort_time DESC, a.id DESC")
        if limit > 0:
            sql += f" LIMIT {int(limit)}"
        return [self._article(r) for r in self.conn.execute(sql, args)]

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                          "SET value = excluded.value", (key, value))

    def _purged(self, feed_id: int, identities: list[str]) -> set[str]:
        """Identities retention removed from this feed: they are not stored again."""
        found: set[str] = set()
        for i in range(0, len(identities), 500):
            chunk = identities[i:i + 500]
            rows = self.conn.execute(
                f"SELECT identity FROM purged WHERE feed_id = ? AND identity IN "
                f"({','.join('?' * len(chunk))})", (feed_id, *chunk))
            found.update(r[0] for r in rows)
        return found

    def _update_article(self, row: tuple[int, str, str | None], e: ParsedEntry) -> bool:
        """Apply a publisher's edit; False when nothing changed or the edit is garbage."""
        article_id, old_hash, full_text_status = row
        if old_hash == e.content_hash or not (e.title or e.text):
            return False  # unchanged, or an edit that empties the article: keep what we have
        values: dict[str, Any] = {
            "title": e.title, "author": e.author, "updated": e.updated,
            "summary_html": _summary_to_store(e), "content_hash": e.content_hash,
            "url": e.url, "guid": e.guid,
        }
        if e.published:
            values["published"] = e.published
        if full_text_status != "ok":  # full text fetched from the page outranks the summary
            values["content_html"] = e.content_html
            values["text"] = e.text
        sets = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(
            f"UPDATE articles SET {sets} WHERE id = ?", (*values.values(), article_id)
        )
        return True

    def store_full_text(self, article_id: int, content_html: str | None, text: str | None,
                        status: str) -> None:
        with self.transaction():
            if content_html is not None and text is not None:
                self.conn.execute(
                    "UPDATE articles SET content_html = ?, text = ?, full_text_status = ? "
                    "WHERE id = ?", (content_html, text, status, article_id),
                )
            else:
                self.conn.execute(
                    "UPDATE articles SET full_text_status = ? WHERE id = ?", (status, article_id)
                )

    # -- articles -----------------------------------------------------------------------

    _ARTICLE_COLUMNS = (
        "a.id, a.feed_id, f.title, a.title, a.url, a.author, a.published, a.read, a.starred, "
        "a.guid, a.fetched_at"
    )

    def _article(self, row: tuple[Any, ...], full: bool = False) -> Article:
        extra: dict[str, Any] = {}
        if full:
            extra = {"summary_html": row[11] or row[12], "content_html": row[12], "text": row[13]}
        return Article(
            id=row[0], feed_id=row[1], feed_title=row[2], title=row[3], url=row[4],
            author=row[5], published=row[6], read=bool(row[7]), starred=bool(row[8]),
            guid=row[9], fetched_at=row[10], **extra,
        )

    def articles(
        self, *, feed_id: int | None = None, unread: bool = False, starred: bool = False,
        limit: int = 50, offset: int = 0, article_ids: Iterable[int] | None = None,
        feed_ids: Sequence[int] | None = None, entity_ids: Sequence[str] | None = None,
    ) -> list[Article]:
        if entity_ids is not None:
            return self._articles_naming(entity_ids, unread=unread, limit=limit, offset=offset)
        where: list[str] = []
        args: list[Any] = []
        if feed_id is not None:
            where.append("a.feed_id = ?")
            args.append(feed_id)
        if feed_ids is not None:
            where.append(f"a.feed_id IN ({','.join('?' * len(feed_ids))})")
            args.extend(feed_ids)
        if unread:
            where.append("a.read = 0")
        if starred:
            where.append("a.starred = 1")
        if article_ids is not None:
            ids = list(article_ids)
            where.append(f"a.id IN ({','.join('?' * len(ids))})")
            args.extend(ids)
        sql = (
            f"SELECT {self._ARTICLE_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY a.sort_time DESC, a.id DESC"
        )
        if limit > 0:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [self._article(r) for r in self.conn.execute(sql, args)]

    def _articles_naming(self, entity_ids: Sequence[str], *, unread: bool, limit: int,
                         offset: int) -> list[Article]:
        """Articles that mention any of these entities, newest first: read from the index
        on (entity, time), so the newest come first without sorting the rest."""
        if not entity_ids:
            return []
        read = " AND a.read = 0" if unread else ""
        sql = ("SELECT e.sort_time, e.article_id FROM article_entities e"
               + (" JOIN articles a ON a.id = e.article_id" if unread else "")
               + f" WHERE e.entity_id = ?{read} ORDER BY e.sort_time DESC, e.article_id DESC")
        if limit > 0:
            sql += f" LIMIT {int(limit + offset)}"
        # Each entity's newest, straight from its index range; merged newest first, an
        # article naming two of them kept once.
        streams = [self.conn.execute(sql, (eid,)).fetchall() for eid in dict.fromkeys(entity_ids)]
        merged = heapq.merge(*streams, reverse=True) if len(streams) > 1 else iter(streams[0])
        seen: set[int] = set()
        ordered: list[int] = []
        for _, article_id in merged:
            if article_id not in seen:
                seen.add(article_id)
                ordered.append(article_id)
                if limit > 0 and len(ordered) >= limit + offset:
                    break
        ids = ordered[offset:]
        found: dict[int, Article] = {}
        for i in range(0, len(ids), 10_000):
            found.update((a.id, a) for a in self.articles(article_ids=ids[i:i + 10_000], limit=0))
        return [found[i] for i in ids if i in found]

    def article(self, article_id: int) -> Article | None:
        row = self.conn.execute(
            f"SELECT {self._ARTICLE_COLUMNS}, a.summary_html, a.content_html, a.text "
            "FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return self._article(row, full=True) if row else None

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[Article]:
        """Full-text search, best match first. Ticker-shaped words match as written.

        When more than SEARCH_RANK_WINDOW articles match (a common word), only the newest
        of them are ranked, which keeps a search of a large archive interactive.
        """
        match = fts_query(query)
        if not match:
            return []
        try:
            window = ""
            args: list[Any] = [match]
            if limit > 0:
                edge = self.conn.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                    "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                    (match, SEARCH_RANK_WINDOW - 1),
                ).fetchone()
                if edge is not None:
                    window = " AND articles_fts.rowid >= ?"
                    args.append(edge[0])
            sql = (
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?" + window
                + " ORDER BY rank"
            )
            if limit > 0:
                sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
            ids = [r[0] for r in self.conn.execute(sql, args)]
        except sqlite3.OperationalError as exc:
            raise ArchiveError(f"The search {query!r} is not valid: {exc}.") from exc
        found: dict[int, Article] = {}
        for i in range(0, len(ids), 10_000):
            found.update((a.id, a) for a in self.articles(article_ids=ids[i:i + 10_000], limit=0))
        return [found[i] for i in ids if i in found]

    def set_read(self, article_ids: Iterable[int], read: bool = True) -> int:
        ids = list(article_ids)
        with self.transaction():
            cur = self.conn.execute(
                f"UPDATE articles SET read = ? WHERE id IN ({','.join('?' * len(ids))})",
                (int(read), *ids),
            )
        return cur.rowcount

    def set_starred(self, article_ids: Iterable[int], starred: bool = True) -> int:
        ids = list(article_ids)
        with self.transaction():
            cur = self.conn.execute(
                f"UPDATE articles SET starred = ? WHERE id IN ({','.join('?' * len(ids))})",
                (int(starred), *ids),
            )
        return cur.rowcount

    def existing_article_ids(self, article_ids: Iterable[int]) -> set[int]:
        ids = list(article_ids)
        if not ids:
            return set()
        rows = self.conn.execute(
            f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids
        )
        return {r[0] for r in rows}

    def article_texts(self, article_ids: Sequence[int]) -> list[tuple[int, str, str]]:
        marks = ",".join("?" * len(article_ids))
        rows = self.conn.execute(
            f"SELECT id, title, text FROM articles WHERE id IN ({marks})", list(article_ids))
        return [(r[0], r[1], r[2]) for r in rows]

    def unread_counts(self) -> dict[int, int]:
        """Unread articles per feed id."""
        rows = self.conn.execute(
            "SELECT feed_id, count(*) FROM articles WHERE read = 0 GROUP BY feed_id")
        return {r[0]: r[1] for r in rows}

    def starred_count(self) -> int:
        return int(self.conn.execute(
            "SELECT count(*) FROM articles WHERE starred = 1").fetchone()[0])

    def mark_feeds_read(self, feed_ids: Sequence[int]) -> int:
        with self.transaction():
            cur = self.conn.execute(
                f"UPDATE articles SET read = 1 WHERE read = 0 AND feed_id IN "
                f"({','.join('?' * len(feed_ids))})", list(feed_ids))
        return cur.rowcount

    # Old articles that retention removes: not starred, and not about a pinned listing.
    _PURGEABLE = (
        "sort_time < ? AND starred = 0 AND id NOT IN (SELECT article_id FROM article_entities "
        "WHERE entity_id IN (SELECT entity_id FROM watchlist WHERE entity_id IS NOT NULL))"
    )

    def purge(self, before: str) -> int:
        """Delete articles published (or fetched) before this ISO time, except starred ones
        and those that mention a listing on the watchlist."""
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO purged(feed_id, identity) SELECT feed_id, identity "
                f"FROM articles WHERE {self._PURGEABLE}", (before,))
            cur = self.conn.execute(f"DELETE FROM articles WHERE {self._PURGEABLE}", (before,))
        return cur.rowcount

    # -- market data ----------------------------------------------------------------------

    def cached_quotes(self, symbols: Sequence[str]) -> dict[str, tuple[Quote, float]]:
        """The stored quote of each symbol that has one, with when it was fetched (epoch s)."""
        out: dict[str, tuple[Quote, float]] = {}
        for i in range(0, len(symbols), 500):
            chunk = list(symbols[i:i + 500])
            rows = self.conn.execute(
                f"SELECT symbol, data, fetched_at FROM quotes WHERE symbol IN "
                f"({','.join('?' * len(chunk))})", chunk)
            for symbol, data, fetched in rows:
                out[symbol] = (Quote(**json.loads(data)), fetched)
        return out

    def put_quotes(self, quotes: Iterable[Quote], fetched_at: float) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO quotes(symbol, data, fetched_at) VALUES (?, ?, ?)",
                [(q.symbol, json.dumps(asdict(q)), fetched_at) for q in quotes])

    def cached_bars(self, symbol: str, range_: str) -> tuple[Bars, float] | None:
        row = self.conn.execute("SELECT data, fetched_at FROM bars WHERE symbol = ? AND "
                                "range = ?", (symbol, range_)).fetchone()
        if row is None:
            return None
        raw = json.loads(row[0])
        raw["points"] = tuple(tuple(p) for p in raw["points"])
        return Bars(**raw), row[1]

    def put_bars(self, bars: Bars, fetched_at: float) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO bars(symbol, range, data, fetched_at) VALUES (?, ?, ?, ?)",
                (bars.symbol, bars.range, json.dumps(asdict(bars)), fetched_at))

    def market_calls_since(self, provider: str, since: float) -> int:
        return int(self.conn.execute(
            "SELECT count(*) FROM market_calls WHERE provider = ? AND at >= ?",
            (provider, since)).fetchone()[0])

    def record_market_calls(self, provider: str, count: int, at: float) -> None:
        with self.transaction():
            self.conn.executemany("INSERT INTO market_calls(provider, at) VALUES (?, ?)",
                                  [(provider, at)] * count)
            self.conn.execute("DELETE FROM market_calls WHERE at < ?", (at - 2 * 86400,))

    def market_blocked_until(self, provider: str) -> float | None:
        value = self.get_meta(f"market-blocked:{provider}")
        return float(value) if value else None

    def block_market(self, provider: str, until: float) -> None:
        with self.transaction():
            self.set_meta(f"market-blocked:{provider}", repr(until))

    # -- watchlist ------------------------------------------------------------------------

    def watchlist(self) -> list[WatchItem]:
        rows = self.conn.execute(
            "SELECT symbol, name, entity_id, position FROM watchlist ORDER BY position, symbol")
        return [WatchItem(symbol=r[0], name=r[1], entity_id=r[2], position=r[3]) for r in rows]

    def watched_entities(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT entity_id FROM watchlist WHERE entity_id IS NOT NULL")]

    def watch_unread_count(self) -> int:
        """Unread articles that mention anything on the watchlist (the smart view's count)."""
        return int(self.conn.execute(
            "SELECT count(*) FROM articles WHERE read = 0 AND id IN (SELECT article_id FROM "
            "article_entities WHERE entity_id IN (SELECT entity_id FROM watchlist))"
        ).fetchone()[0])

    def mention_counts_since(self, entity_ids: Sequence[str], since: str) -> dict[str, int]:
        """Articles per entity stored with a time at or after `since` (ISO 8601 UTC)."""
        if not entity_ids:
            return {}
        rows = self.conn.execute(
            "SELECT e.entity_id, count(*) FROM article_entities e JOIN articles a ON "
            f"a.id = e.article_id WHERE e.entity_id IN ({','.join('?' * len(entity_ids))}) "
            "AND a.sort_time >= ? GROUP BY e.entity_id", (*entity_ids, since))
        return {eid: n for eid, n in rows}

    def entities_of(self, article_ids: Sequence[int]) -> dict[int, list[str]]:
        """The entities each article mentions."""
        out: dict[int, list[str]] = {}
        for i in range(0, len(article_ids), 900):
            chunk = list(article_ids[i:i + 900])
            for article_id, eid in self.conn.execute(
                "SELECT article_id, entity_id FROM article_entities WHERE article_id IN "
                f"({','.join('?' * len(chunk))})", chunk):
                out.setdefault(article_id, []).append(eid)
        return out

    def watch_add(self, symbol: str, name: str, entity_id: str | None) -> bool:
        """Pin a listing at the end of the watchlist; False when it was pinned already."""
        with self.transaction():
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO watchlist(symbol, entity_id, name, position, added_at) "
                "VALUES (?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM watchlist), ?)",
                (symbol, entity_id, name, utcnow()))
        return cur.rowcount == 1

    def watch_set_entity(self, symbol: str, entity_id: str, name: str) -> None:
        with self.transaction():
            self.conn.execute("UPDATE watchlist SET entity_id = ?, name = ? WHERE symbol = ?",
                              (entity_id, name, symbol))

    def watch_remove(self, symbol: str) -> bool:
        with self.transaction():
            cur = self.conn.execute("DELETE FROM watchlist WHERE symbol = ?", (symbol,))
        return cur.rowcount == 1

    def watch_order(self, symbols: Sequence[str]) -> None:
        """Keep the watchlist in this order (symbols left out keep their places after)."""
        with self.transaction():
            rest = [w.symbol for w in self.watchlist() if w.symbol not in symbols]
            self.conn.executemany("UPDATE watchlist SET position = ? WHERE symbol = ?",
                                  [(i, s) for i, s in enumerate([*symbols, *rest])])

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])


@functools.lru_cache(maxsize=4096)
def _listings_json(listings: tuple[str, ...]) -> str:
    """An entity's listings as stored; the same few thousand tuples recur in every refresh."""
    return json.dumps(listings)


def _summary_to_store(e: ParsedEntry) -> str:
    """The summary, or "" when it is the content itself (RSS descriptions): half the bytes."""
    return "" if e.summary_html == e.content_html else e.summary_html


def fts_query(query: str) -> str:
    """Turn what a person typed into an FTS5 query.

    Plain words stay as they are (so FTS5 operators work for those who type them); words
    FTS5 would split or choke on, such as tickers, are quoted so they match as written.
    """
    parts: list[str] = []
    for token in re.findall(r'"[^"]*"|\S+', query.strip()):
        if token.startswith('"') or token in _FTS_OPERATORS or token in ("(", ")"):
            parts.append(token)
        elif _TICKERISH.match(token) or not re.fullmatch(r"[\w*()]+", token):
            parts.append('"' + token.replace('"', '""') + '"')
        else:
            parts.append(token)
    return " ".join(parts)


def _check_file(path: Path) -> None:
    """Cheap signs of damage, before SQLite is asked: not an SQLite file at all, or shorter
    than its own header says (truncated) while no write-ahead log holds the rest."""
    with path.open("rb") as f:
        header = f.read(100)
    if not header.startswith(b"SQLite format 3\x00"):
        raise DamagedArchive(path, "it is not an SQLite database (its first bytes are wrong)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    wal = path.with_name(path.name + "-wal")
    if pages and page_size and path.stat().st_size < pages * page_size and not (
        wal.exists() and wal.stat().st_size > 0
    ):
        raise DamagedArchive(path, f"it is truncated ({path.stat().st_size:,} bytes of "
                             f"{pages * page_size:,})")


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements
