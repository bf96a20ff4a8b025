"""`make bench`: how fast Briefing refreshes, searches, lists and tags, as figures (never
pass/fail).

    python -m benchmarks                          # everything, 3 runs each
    python -m benchmarks --only search --runs 5
    python -m benchmarks --only tagging           # catalog load, articles tagged per second
    python -m benchmarks --only market            # chart update time, quotes for 50 symbols
    python -m benchmarks --feeds 20 --items 10 --only cold,unchanged   # a quick look

Figures go to benchmarks/out/results.json and to the terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import corpus, market, report, search, tagging, window
from .refresh import BenchError, briefing_bin, child_env, run_refreshes
from .server import CorpusServer

REPO_ROOT = Path(__file__).resolve().parent.parent
PARTS = ("cold", "unchanged", "search", "tagging", "window", "market")


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per refresh figure (default 3)")
    ap.add_argument("--feeds", type=int, default=200, help="feeds in the refresh corpus")
    ap.add_argument("--items", type=int, default=50, help="items per feed in the corpus")
    ap.add_argument("--only", default=",".join(PARTS),
                    help="comma-separated parts to run: " + ", ".join(PARTS))
    ap.add_argument("--archive-feeds", type=int, default=1000, help="feeds in the search archive")
    ap.add_argument("--archive-items", type=int, default=100, help="items per archive feed")
    ap.add_argument("--search-seconds", type=float, default=40,
                    help="time budget for repeating the search queries (default 40)")
    ap.add_argument("--tagging-articles", type=int, default=500,
                    help="~800-word articles tagged per run (default 500)")
    ap.add_argument("--load-runs", type=int, default=7,
                    help="fresh interpreters timing the catalog load (default 7)")
    ap.add_argument("--cores", type=int, default=2, help="CPUs to run on (default 2)")
    ap.add_argument("--timeout", type=float, default=300, help="limit per command, seconds")
    ap.add_argument("--briefing-bin", help="the briefing command (default: the venv's)")
    ap.add_argument("--out", type=Path, default=corpus.OUT_DIR, help="cache and results folder")
    args = ap.parse_args(argv)
    args.parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        ap.error(f"--only takes {', '.join(PARTS)}; not {', '.join(sorted(unknown))}")
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    return args


def pin_cores(count: int) -> list[int]:
    """Run this process and everything it starts on `count` CPUs (where the OS allows it)."""
    if not hasattr(os, "sched_setaffinity"):
        return []
    cpus = sorted(os.sched_getaffinity(0))[:count]
    os.sched_setaffinity(0, cpus)
    return cpus


def machine(cpus: list[int]) -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cpus_online": os.cpu_count(), "cpus_used": cpus,
            "os": platform.platform(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "load_at_start": _load()}


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else []


def bench_refresh(args: argparse.Namespace, bin_path: str, results: dict[str, Any]) -> None:
    t0 = time.perf_counter()
    built_corpus, built = corpus.ensure_corpus(args.feeds, args.items, args.out)
    say(f"corpus {built_corpus.root.name}: {'generated' if built else 'cached'} "
        f"({time.perf_counter() - t0:.1f} s)")
    results["corpus"] = {"feeds": len(built_corpus.feeds), "items": built_corpus.items_per_feed,
                         "mb": built_corpus.total_bytes / 1e6, "path": str(built_corpus.root)}
    limit = args.runs * 2 * args.timeout + 120
    with CorpusServer(built_corpus.root, max_seconds=limit) as server:
        opml = corpus.write_opml(built_corpus, server.base_url, built_corpus.root / "corpus.opml")
        results["server"] = server.base_url
        results["refresh"] = run_refreshes(
            bin_path, server, opml, runs=args.runs, unchanged="unchanged" in args.parts,
            timeout=args.timeout, say=say)


def bench_search(args: argparse.Namespace, bin_path: str, results: dict[str, Any]) -> None:
    archive_dir, meta = search.ensure_archive(args.archive_feeds, args.archive_items, args.out,
                                              workers=max(1, len(os.sched_getaffinity(0))),
                                              say=say)
    how = f"built in {meta['build_s']:.0f} s" if meta["built_now"] else "cached"
    say(f"search archive: {meta['articles']:,} articles, {meta['store_mb']} MB ({how})")
    found = search.run_search(archive_dir, min_rounds=5, max_rounds=40,
                              budget_s=args.search_seconds, listing_reps=100)
    found["archive"] = meta
    found["cli"] = search.time_cli(bin_path, archive_dir, args.runs, child_env())
    found["news"] = search.time_news(archive_dir)
    results["search"] = found


def bench_tagging(args: argparse.Namespace, results: dict[str, Any]) -> None:
    results["tagging"] = tagging.run(
        articles=args.tagging_articles, runs=args.runs, load_runs=args.load_runs,
        corpus_feeds=args.feeds, corpus_items=args.items, say=say)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    cpus = pin_cores(args.cores)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        bin_path = briefing_bin(args.briefing_bin)
    except BenchError as exc:
        print(exc, file=sys.stderr)
        return 1
    results: dict[str, Any] = {
        "started": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "briefing": bin_path, "runs": args.runs, "parts": args.parts,
        "machine": machine(cpus),
    }
    say(f"running on CPUs {cpus}, load average {results['machine']['load_at_start']}")
    try:
        if {"cold", "unchanged"} & set(args.parts):
            bench_refresh(args, bin_path, results)
        if "search" in args.parts:
            bench_search(args, bin_path, results)
        if "tagging" in args.parts:
            bench_tagging(args, results)
        if "window" in args.parts:
            archive_dir, _meta = search.ensure_archive(
                args.archive_feeds, args.archive_items, args.out,
                workers=max(1, len(os.sched_getaffinity(0))), say=say)
            results["window"] = window.run(archive_dir, runs=args.runs)
            built, _fresh = corpus.ensure_corpus(args.feeds, args.items, args.out)
            with CorpusServer(built.root, max_seconds=900) as server:
                opml = corpus.write_opml(built, server.base_url, args.out / "window.opml")
                results["window"]["stall"] = window.stall(opml, args.out)
        if "market" in args.parts:
            say("market: chart updates and quotes for 50 symbols")
            results["market"] = market.run()
    except BenchError as exc:
        print(f"benchmark stopped: {exc}", file=sys.stderr)
        return 1
    bench_dir = report.peer_bench_dir(REPO_ROOT)
    results["peers"] = report.load_peers(bench_dir)
    results["machine"]["load_at_end"] = _load()
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    _print(results, bench_dir, bin_path, args.out / "results.json")
    return 0


def _print(results: dict[str, Any], bench_dir: Path | None, bin_path: str, path: Path) -> None:
    m = results["machine"]
    print(f"\nBriefing benchmarks, {results['started']}: {m['cpu']}, CPUs {m['cpus_used']} of "
          f"{m['cpus_online']}, Python {m['python']}, SQLite {m['sqlite']}")
    print(f"load average at start {m['load_at_start']}, at end {m['load_at_end']} "
          "(other work on the machine makes figures noisy)\n")
    for block in (report.refresh_tables(results) if "refresh" in results else "",
                  report.peers_table(results), report.search_tables(results),
                  report.tagging_table(results),
                  window.table(results["window"]) if "window" in results else "",
                  market.table(results["market"]) if "market" in results else "",
                  report.how_to_compare(bench_dir, bin_path)):
        if block:
            print(block + "\n")
    print(f"All figures: {path} ({results['elapsed_s']:.0f} s in all)")


if __name__ == "__main__":
    sys.exit(main())
