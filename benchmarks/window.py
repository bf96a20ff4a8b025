"""The window over a large archive: start-up to a filled window, switching feeds, opening
articles, and memory, each in a fresh interpreter on Qt's offscreen platform."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

CHILD = r"""
import time
t0 = time.perf_counter()
import json, resource, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from briefing.ui.window import MainWindow
from briefing.ui.feedpane import View
win = MainWindow(Path(sys.argv[1]))
win.show()
app.processEvents()
assert win.model.rowCount() > 0 and win.view.toPlainText().strip()
start_s = time.perf_counter() - t0
feeds = [f.id for f in win.store.feeds()[:20]]
switch = []
for fid in feeds:
    t = time.perf_counter()
    win._show_view(View("feed", fid))
    app.processEvents()
    switch.append(time.perf_counter() - t)
win._show_view(View("all"))
opening = []
for row in range(1, 51):
    t = time.perf_counter()
    win.list.selectRow(row)
    app.processEvents()
    opening.append(time.perf_counter() - t)
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
articles = win.store.count_articles()
win.close()
print(json.dumps({"start_s": start_s, "switch_ms": [s * 1000 for s in switch],
                  "open_ms": [s * 1000 for s in opening], "rss_mb": rss_mb,
                  "articles": articles}))
"""


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else float("nan")


def run(archive_dir: Path, runs: int = 3) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    samples = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", CHILD, str(archive_dir)], env=env,
                              capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-2000:])
        samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {
        "articles": samples[0]["articles"],
        "start_s": _median([s["start_s"] for s in samples]),
        "start_s_all": [round(s["start_s"], 3) for s in samples],
        "switch_ms_median": _median([m for s in samples for m in s["switch_ms"]]),
        "switch_ms_max": max(m for s in samples for m in s["switch_ms"]),
        "open_ms_median": _median([m for s in samples for m in s["open_ms"]]),
        "open_ms_max": max(m for s in samples for m in s["open_ms"]),
        "rss_mb": _median([s["rss_mb"] for s in samples]),
    }


def table(found: dict[str, Any]) -> str:
    return "\n".join([
        f"Window over {found['articles']:,} articles (offscreen, fresh interpreter each run)",
        f"  start-up to a filled window: {found['start_s']:.2f} s median "
        f"(runs: {', '.join(str(s) for s in found['start_s_all'])})",
        f"  switching feeds: {found['switch_ms_median']:.1f} ms median, "
        f"{found['switch_ms_max']:.1f} ms worst",
        f"  opening an article: {found['open_ms_median']:.1f} ms median, "
        f"{found['open_ms_max']:.1f} ms worst",
        f"  peak memory: {found['rss_mb']:.0f} MB",
    ])
