"""Search and listing over a large archive, through the project's own store API.

The archive (1,000 feeds x 100 items by default) is written with `Store.store_refresh`,
one transaction per feed as a refresh writes it, from entries made of generated prose that
went through `briefing.core.sanitize`. It is built once and cached under benchmarks/out/.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from briefing.core.models import ParsedEntry, ParsedFeed
from briefing.core.sanitize import html_to_text, sanitize_html, text_to_html
from briefing.core.store import Store, fts_query
from briefing.core.tagging import tag_article

from . import corpus, proc
from .stats import percentile, summary

# What people type: names, tickers as written, common words, two-word phrases.
QUERIES = (
    "Alibaba", "Tencent", "NVIDIA", "Berkshire Hathaway", "Nestlé", "ByteDance",
    "$BABA", "$NVDA", "9988.HK", "0700.HK", "BRK.B", "7203.T", "JD.com",
    "shares", "said", "market", "Hong Kong", "share buyback", "price target",
    "electric vehicle deliveries", "profit warning", "rate cut",
)


def archive_entries(index: int, items: int) -> ParsedFeed:
    """One archive feed's entries, sanitised as a refresh would store them (worker side)."""
    spec = corpus.feed_spec(index)
    entries = []
    for it in corpus.feed_items(spec, items, salt="archive"):
        s = it.story
        content = sanitize_html(s.body_html, it.link)
        stamp = it.when.isoformat()
        text = html_to_text(content)
        entries.append(ParsedEntry(
            identity="guid:" + it.guid, guid=it.guid, url=it.link, title=s.title,
            author=s.author, published=stamp, updated=stamp, summary_html=text_to_html(s.summary),
            content_html=content, text=text,
            content_hash=hashlib.sha1(f"{s.title}\x1f{content}".encode()).hexdigest(),
            tags=tag_article(s.title, text),  # tagged as a refresh tags: news by listing works
        ))
    return ParsedFeed(title=spec.title, site_url=spec.site + "/", entries=tuple(entries))


def ensure_archive(feeds: int, items: int, out_dir: Path, *, workers: int,
                   say: Callable[[str], None]) -> tuple[Path, dict[str, Any]]:
    """The cached archive's data directory, built first when missing or outdated."""
    root = out_dir / f"archive-{feeds}x{items}"
    meta_path = root / "archive.json"
    wanted = {"generator": corpus.GENERATOR_VERSION, "feeds": feeds, "items": items,
              "tagged": True}
    if meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if {k: meta.get(k) for k in wanted} == wanted:
            return root, {**meta, "store_mb": _size_mb(root), "built_now": False}
    say(f"building the search archive ({feeds} feeds x {items} items, once; ~1-2 min)")
    tmp = out_dir / f".archive-{feeds}x{items}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    t0 = time.perf_counter()
    _fill(Store(tmp / "briefing.db"), feeds, items, workers, say)
    meta = {**wanted, "articles": feeds * items, "build_s": round(time.perf_counter() - t0, 1),
            "store_mb": _size_mb(tmp)}
    meta_path = tmp / "archive.json"
    meta_path.write_text(json.dumps(meta, indent=1))
    shutil.rmtree(root, ignore_errors=True)
    tmp.rename(root)
    return root, {**meta, "built_now": True}


def _size_mb(data_dir: Path) -> float:
    return round(sum(p.stat().st_size for p in data_dir.glob("briefing.db*")) / 1e6, 1)


def _fill(store: Store, feeds: int, items: int, workers: int,
          say: Callable[[str], None]) -> None:
    with store:
        specs = [corpus.feed_spec(i) for i in range(feeds)]
        with store.transaction():
            for spec in specs:
                store.add_feed(spec.site + "/feed.xml", spec.title)
        by_url = {f.url: f for f in store.feeds()}
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            made = pool.map(archive_entries, range(feeds), [items] * feeds, chunksize=4)
            for spec, parsed in zip(specs, made, strict=True):
                store.store_refresh(by_url[spec.site + "/feed.xml"], status=200, error=None,
                                    parsed=parsed, feed_values={"last_status": 200,
                                                                "last_fetched": now})
                if (spec.index + 1) % 100 == 0:
                    say(f"  {spec.index + 1}/{feeds} feeds stored")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def time_news(archive_dir: Path, reps: int = 20) -> dict[str, Any]:
    """News for one listing (every article naming its company) from the whole archive: the
    first page of 200, for the five most-mentioned listed companies."""
    from briefing.core.service import Service

    with Service(archive_dir, create=False) as svc:
        top = svc.store.conn.execute(
            "SELECT entity_id, count(*) n FROM article_entities GROUP BY entity_id "
            "ORDER BY n DESC LIMIT 30").fetchall()
        picked: list[tuple[str, int]] = []
        for eid, n in top:
            listings = svc.store.conn.execute(
                "SELECT listings FROM article_entities WHERE entity_id = ? LIMIT 1",
                (eid,)).fetchone()[0]
            symbols = json.loads(listings)
            if symbols:
                picked.append((symbols[0], n))
            if len(picked) == 5:
                break
        rows = []
        for symbol, n in picked:
            svc.news_for(symbol, limit=200)  # warm
            times = [_ms(lambda s=symbol: svc.news_for(s, limit=200)) for _ in range(reps)]
            rows.append({"symbol": symbol, "articles": n, "median_ms": statistics.median(times),
                         "max_ms": max(times)})
    return {"rows": rows, "reps": reps}


def _ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def time_queries(store: Store, queries: tuple[str, ...], *, min_rounds: int, max_rounds: int,
                 budget_s: float) -> list[dict[str, Any]]:
    """Store.search() for every query, in rounds (each query once per round), after a warm-up."""
    times: dict[str, list[float]] = {q: [] for q in queries}
    hits = {q: len(store.search(q)) for q in queries}  # warm-up, and the page size returned
    start = time.perf_counter()
    rounds = 0
    while rounds < max_rounds and (rounds < min_rounds or time.perf_counter() - start < budget_s):
        for q in queries:
            times[q].append(_ms(functools.partial(store.search, q)))
        rounds += 1
    return [{"query": q, "fts": fts_query(q), "matches": _matches(store, q), "returned": hits[q],
             "reps": len(t), "median_ms": round(percentile(t, 50), 2),
             "p90_ms": round(percentile(t, 90), 2), "min_ms": round(min(t), 2),
             "max_ms": round(max(t), 2)} for q, t in times.items()]


def _matches(store: Store, query: str) -> int:
    row = store.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                             (fts_query(query),)).fetchone()
    return int(row[0])


def time_listings(store: Store, reps: int) -> list[dict[str, Any]]:
    """Store.articles() as the article list asks for it: newest first, 50 at a time."""
    feed_ids = [f.id for f in store.feeds()]
    cycle = iter(feed_ids * (reps // len(feed_ids) + 2))
    cases: list[tuple[str, Callable[[], object]]] = [
        ("articles(limit=50), all feeds", lambda: store.articles(limit=50)),
        ("articles(feed_id=…, limit=50), a different feed each time",
         lambda: store.articles(feed_id=next(cycle), limit=50)),
        ("articles(unread=True, limit=50)", lambda: store.articles(unread=True, limit=50)),
        ("articles(limit=50, offset=5000), page 101", lambda: store.articles(limit=50,
                                                                            offset=5000)),
    ]
    out = []
    for name, fn in cases:
        fn()
        t = [_ms(fn) for _ in range(reps)]
        out.append({"call": name, "reps": reps, "median_ms": round(percentile(t, 50), 2),
                    "p90_ms": round(percentile(t, 90), 2), "max_ms": round(max(t), 2)})
    return out


def run_search(archive_dir: Path, *, min_rounds: int, max_rounds: int, budget_s: float,
               listing_reps: int) -> dict[str, Any]:
    with Store(archive_dir / "briefing.db", create=False) as store:
        count = store.count_articles()
        queries = time_queries(store, QUERIES, min_rounds=min_rounds, max_rounds=max_rounds,
                               budget_s=budget_s)
        listings = time_listings(store, listing_reps)
    medians = [q["median_ms"] for q in queries]
    return {"articles": count, "sqlite": sqlite3.sqlite_version, "queries": queries,
            "median_of_medians_ms": round(percentile(medians, 50), 2),
            "slowest_median_ms": max(medians), "listings": listings}


CLI_CASES = (("--version",), ("articles",), ("search", "9988.HK"), ("search", "shares"))


def time_cli(bin_path: str, archive_dir: Path, runs: int, env: dict[str, str]
             ) -> list[dict[str, Any]]:
    """What a person waits for at the prompt: start-up included, 50 rows printed."""
    out = []
    for case in CLI_CASES:
        argv = [bin_path, "--data-dir", str(archive_dir), *case]
        results = [proc.run(argv, env=env, timeout=120) for _ in range(runs)]
        out.append({"command": "briefing " + " ".join(case),
                    "wall_s": summary([r.wall_s for r in results]),
                    "returncodes": sorted({r.returncode for r in results})})
    return out
