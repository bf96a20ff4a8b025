"""Cold and unchanged refreshes, timed through the `briefing` command as a user runs it.

Each run gets a fresh data directory: `import-opml` subscribes it to the whole corpus (not
timed), then `refresh` is timed on the empty archive (cold) and once more with nothing
changed on the server (unchanged), where every feed should be answered 304.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import proc
from .server import CorpusServer
from .stats import summary


class BenchError(Exception):
    """The benchmark cannot go on; the message says why."""


def briefing_bin(explicit: str | None = None) -> str:
    """The briefing command: --briefing-bin, $BRIEFING_BIN, beside this Python, or on PATH."""
    for candidate in (explicit, os.environ.get("BRIEFING_BIN"),
                      str(Path(sys.executable).with_name("briefing")), shutil.which("briefing")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise BenchError("No `briefing` command found: run `make setup` or pass --briefing-bin.")


def child_env() -> dict[str, str]:
    """The environment for briefing: loopback never goes through a proxy."""
    env = dict(os.environ)
    for key in ("no_proxy", "NO_PROXY"):
        env[key] = ",".join(filter(None, (env.get(key), "127.0.0.1", "localhost")))
    return env


def archive_facts(data_dir: Path) -> dict[str, Any]:
    """Articles stored, feeds with an error and the archive's size on disk."""
    db = data_dir / "briefing.db"
    if not db.exists():
        return {"items": 0, "failed_feeds": None, "store_mb": 0.0}
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        items = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        failed = con.execute("SELECT count(*) FROM feeds WHERE last_error IS NOT NULL")
        failed_feeds = failed.fetchone()[0]
    finally:
        con.close()
    size = sum(p.stat().st_size for p in data_dir.glob("briefing.db*"))
    return {"items": items, "failed_feeds": failed_feeds, "store_mb": round(size / 1e6, 1)}


def _record(result: proc.ProcResult, server: CorpusServer, data_dir: Path) -> dict[str, Any]:
    record: dict[str, Any] = {
        "wall_s": round(result.wall_s, 3), "cpu_s": round(result.tree_cpu_s, 2),
        "cpu_main_s": round(result.cpu_s, 2),
        "peak_rss_mb": round(result.peak_rss_mb, 1), "tree_rss_mb": round(result.tree_rss_mb, 1),
        "returncode": result.returncode, "timed_out": result.timed_out,
        "server": server.counters.snapshot(), **archive_facts(data_dir),
        "last_line": (result.stdout.strip().splitlines() or [""])[-1],
    }
    if result.returncode != 0:
        record["stderr"] = result.stderr.strip()[-2000:]
    return record


def run_refreshes(
    bin_path: str, server: CorpusServer, opml: Path, *, runs: int, unchanged: bool,
    timeout: float, say: Callable[[str], None],
) -> dict[str, Any]:
    """`runs` cold refreshes (each followed by an unchanged one when asked)."""
    env = child_env()
    cold: list[dict[str, Any]] = []
    warm: list[dict[str, Any]] = []
    for n in range(runs):
        data_dir = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
        try:
            base = [bin_path, "--data-dir", str(data_dir)]
            imported = proc.run([*base, "import-opml", str(opml)], env=env, timeout=timeout)
            if imported.returncode != 0:
                raise BenchError(f"import-opml failed: {imported.stderr.strip()}")
            server.counters.reset()
            cold.append(_record(proc.run([*base, "refresh"], env=env, timeout=timeout),
                                server, data_dir))
            say(f"cold refresh {n + 1}/{runs}: {cold[-1]['wall_s']:.2f} s, "
                f"{cold[-1]['items']} items")
            if unchanged:
                server.counters.reset()
                warm.append(_record(proc.run([*base, "refresh"], env=env, timeout=timeout),
                                    server, data_dir))
                statuses = warm[-1]["server"]["by_status"]
                say(f"unchanged refresh {n + 1}/{runs}: {warm[-1]['wall_s']:.2f} s, {statuses}")
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
    out = {"cold": _summarise(cold)}
    if unchanged:
        out["unchanged"] = _summarise(warm)
    return out


def _summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("wall_s", "cpu_s", "cpu_main_s", "peak_rss_mb", "tree_rss_mb", "items", "store_mb")
    figures: dict[str, Any] = {
        k: summary([r[k] for r in records if r.get(k) is not None]) for k in keys
    }
    statuses: dict[str, list[int]] = {}
    for r in records:
        for status, count in r["server"]["by_status"].items():
            statuses.setdefault(status, []).append(count)
    figures["requests_by_status"] = {s: summary(v, 0) for s, v in sorted(statuses.items())}
    figures["bytes_sent_mb"] = summary([r["server"]["bytes_sent"] / 1e6 for r in records], 1)
    figures["failed_runs"] = sum(1 for r in records if r["returncode"] != 0)
    return {"summary": figures, "runs": records}
