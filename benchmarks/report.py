"""The results as readable tables, and the peer readers' figures when they are at hand.

Peer figures (newsboat, RSS Guard, QuiteRSS, Liferea) come from a separate harness that
may sit beside this repository in ../shared/bench/; it is read, never written, and
everything here works without it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .stats import spread

PEER_NAMES = {"newsboat": "newsboat", "rssguard": "RSS Guard", "quiterss": "QuiteRSS",
              "liferea": "Liferea"}


def peer_bench_dir(repo_root: Path) -> Path | None:
    found = repo_root.parent / "shared" / "bench"
    return found if found.is_dir() else None


def load_peers(bench_dir: Path | None) -> dict[str, Any] | None:
    """Cold and second-refresh summaries per peer from results/peers.json, if present."""
    if bench_dir is None or not (bench_dir / "results" / "peers.json").is_file():
        return None
    try:
        doc = json.loads((bench_dir / "results" / "peers.json").read_text())
    except (OSError, ValueError):
        return None
    peers = {}
    for key, peer in doc.get("peers", {}).items():
        summ = peer.get("summary", {})
        peers[key] = {
            "name": PEER_NAMES.get(key, key), "version": peer.get("version"),
            "cold_wall_s": summ.get("cold", {}).get("wall_s"),
            "second_wall_s": summ.get("warm", {}).get("wall_s"),
            "second_status": summ.get("warm", {}).get("feed_status"),
            "third_wall_s": (summ.get("third") or {}).get("wall_s"),
            "third_status": (summ.get("third") or {}).get("feed_status"),
        }
    return {"source": str(bench_dir / "results" / "peers.json"), "corpus": doc.get("corpus"),
            "runs": doc.get("runs"), "peers": peers}


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [line.format(*headers), line.format(*("-" * w for w in widths))]
    out += [line.format(*(str(c) for c in r)) for r in rows]
    return "\n".join(out)


def _statuses(by_status: dict[str, Any] | None) -> str:
    if not by_status:
        return "–"
    parts = []
    for status, s in by_status.items():
        n = s["median"] if isinstance(s, dict) else s
        parts.append(f"{status}: {n:g}")
    return ", ".join(parts)


def refresh_tables(results: dict[str, Any]) -> str:
    corpus = results["corpus"]
    out = [f"Refresh: {corpus['feeds']} feeds x {corpus['items']} items "
           f"({corpus['mb']:.1f} MB) on {results['server']}, "
           f"{results['runs']} run(s), median (min–max), fresh archive per run"]
    rows = []
    for label, key in (("cold refresh", "cold"), ("unchanged refresh", "unchanged")):
        part = results.get("refresh", {}).get(key)
        if not part:
            continue
        s = part["summary"]
        rows.append([label, spread(s["wall_s"]), spread(s["cpu_s"], "{:.1f}"),
                     spread(s["cpu_main_s"], "{:.1f}"),
                     spread(s["peak_rss_mb"], "{:.0f}"), spread(s["tree_rss_mb"], "{:.0f}"),
                     _statuses(s["requests_by_status"]), spread(s["bytes_sent_mb"], "{:.1f}"),
                     spread(s["items"], "{:.0f}"), spread(s["store_mb"], "{:.1f}")])
    out.append(_table(["", "wall s", "CPU s, all", "CPU s, main", "peak RSS MB", "tree RSS MB",
                       "answers", "MB sent", "items stored", "archive MB"], rows))
    out.append("CPU all: summed over briefing's process tree (its parser workers too); main: "
               "briefing's own process. Peak RSS (MiB): largest process; tree: sum over the tree.")
    return "\n".join(out)


def peers_table(results: dict[str, Any]) -> str:
    peers = results.get("peers")
    if not peers:
        return ""
    mine = results.get("refresh", {})
    rows = []
    if mine:
        cold = mine.get("cold", {}).get("summary", {})
        warm = mine.get("unchanged", {}).get("summary", {})
        rows.append(["Briefing (this run)", spread(cold.get("wall_s")),
                     spread(warm.get("wall_s")), _statuses(warm.get("requests_by_status")),
                     ""])
    for p in peers["peers"].values():
        third = (f"{spread(p['third_wall_s'])} [{_statuses(p['third_status'])}]"
                 if p["third_wall_s"] else "")
        rows.append([f"{p['name']} {p['version'] or ''}".strip(), spread(p["cold_wall_s"]),
                     spread(p["second_wall_s"]), _statuses(p["second_status"]), third])
    c = peers.get("corpus") or {}
    head = (f"Beside the peers (from {peers['source']}; their own corpus of "
            f"{c.get('n_feeds', '?')} x {c.get('items_per_feed', '?')} items, "
            f"{c.get('total_mb', '?')} MB, measured earlier on this machine)")
    return head + "\n" + _table(["reader", "cold s", "second refresh s", "second: answers",
                                 "third refresh s"], rows)


def search_tables(results: dict[str, Any]) -> str:
    search = results.get("search")
    if not search:
        return ""
    arch = search["archive"]
    out = [f"Search: Store.search() over {search['articles']:,} articles "
           f"(archive {arch['store_mb']} MB, SQLite {search['sqlite']}), limit 50, ms"]
    rows = [[q["query"], f"{q['matches']:,}", q["reps"], f"{q['median_ms']:.2f}",
             f"{q['p90_ms']:.2f}", f"{q['max_ms']:.2f}"] for q in search["queries"]]
    out.append(_table(["query", "matches", "reps", "median", "p90", "max"], rows))
    out.append(f"median of the medians: {search['median_of_medians_ms']:.2f} ms; "
               f"slowest median: {search['slowest_median_ms']:.2f} ms")
    out.append("")
    out.append("Listing: Store.articles(), newest first, ms")
    rows = [[x["call"], x["reps"], f"{x['median_ms']:.2f}", f"{x['p90_ms']:.2f}",
             f"{x['max_ms']:.2f}"] for x in search["listings"]]
    out.append(_table(["call", "reps", "median", "p90", "max"], rows))
    if search.get("cli"):
        out.append("")
        out.append("The command line on that archive (start-up included), s")
        rows = [[c["command"], spread(c["wall_s"], "{:.3f}")] for c in search["cli"]]
        out.append(_table(["command", "wall s"], rows))
    news = search.get("news")
    if news and news.get("rows"):
        out.append(f"News for one listing (first 200 articles naming its company, "
                   f"{news['reps']} reps; issue 6's target: under 20 ms)")
        rows = [[r["symbol"], f"{r['articles']:,}", f"{r['median_ms']:.1f}",
                 f"{r['max_ms']:.1f}"] for r in news["rows"]]
        out.append(_table(["listing", "articles naming it", "median ms", "worst ms"], rows))
    return "\n".join(out)


def how_to_compare(bench_dir: Path | None, bin_path: str | None) -> str:
    if bench_dir is None:
        return ("Peers: no peer harness beside this repository (../shared/bench); see "
                "benchmarks/README.md for how to compare.")
    return (f"Peers: to measure newsboat and the others on the same machine, run in "
            f"{bench_dir}:\n  BRIEFING_BIN={bin_path or '/path/to/briefing'} "
            "PEERS=newsboat,briefing ./run_all.sh")


def tagging_table(results: dict[str, Any]) -> str:
    tagging = results.get("tagging")
    if not tagging:
        return ""
    cat = tagging["catalog"]
    out = [f"Tagging: catalog of {cat['entities']:,} entities, fresh interpreter per run, "
           f"{cat['runs']} runs, ms, median (min–max)"]
    out.append(_table(["import engine", "load_catalog()", "first tag_text()"],
                      [[spread(cat["import_ms"], "{:.0f}"), spread(cat["load_ms"], "{:.0f}"),
                        spread(cat["first_tag_ms"], "{:.0f}")]]))
    out.append("")
    rows = []
    for label, key in (("~800-word articles", "long"), ("refresh corpus articles", "corpus")):
        part = tagging.get(key)
        if not part:
            continue
        rows.append([label, f"{part['articles']:,}", part["words_mean"],
                     f"{part['entities_mean']:.1f}", f"{part['quotations_mean']:.1f}",
                     spread(part["articles_per_s"], "{:,.0f}"),
                     spread(part["ms_per_article"], "{:.3f}")])
    runs = tagging.get("long", tagging.get("corpus", {})).get("runs", "?")
    out.append(f"tag_article() on one CPU, one thread, {runs} run(s), median (min–max)")
    out.append(_table(["articles", "n", "words", "entities", "quotations", "articles/s",
                       "ms/article"], rows))
    out.append("words, entities, quotations: means per article. Issue 3's target for "
               "800-word articles: 5,000/s (at least 2,000/s); catalog load under 200 ms.")
    build = tagging.get("build")
    if build:
        out.append("Engine modules: " + ", ".join(f"{k} {v}" for k, v in build.items())
                   + " (compiled with mypyc at install; BRIEFING_PURE_PYTHON=1 builds without)")
    return "\n".join(out)
