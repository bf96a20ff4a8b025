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


STALL_CHILD = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from briefing.ui.window import MainWindow
win = MainWindow(Path(sys.argv[1]))
win.show()
app.processEvents()
gaps = []
last = [time.perf_counter()]
def beat():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now
heart = QTimer()
heart.timeout.connect(beat)
heart.start(10)
done = []
win.refresh_finished.connect(lambda report: done.append(report))
t0 = time.perf_counter()
win.refresh()
while not done and time.perf_counter() - t0 < 300:
    app.processEvents()
    time.sleep(0.001)
heart.stop()
report = done[0]
win.close()
print(json.dumps({"refresh_s": time.perf_counter() - t0, "new": report.new,
                  "max_gap_ms": max(gaps) * 1000,
                  "gaps_over_50ms": sum(1 for g in gaps if g > 0.05), "beats": len(gaps)}))
"""


def stall(opml: Path, work_dir: Path) -> dict[str, Any]:
    """A 200-feed refresh started from the window, with a 10 ms heartbeat on the UI thread."""
    data = work_dir / "window-refresh"
    if data.exists():
        import shutil

        shutil.rmtree(data)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-m", "briefing.cli", "--data-dir", str(data),
                    "import-opml", str(opml)], env=env, check=True, capture_output=True)
    done = subprocess.run([sys.executable, "-c", STALL_CHILD, str(data)], env=env,
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


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
    stall_line = []
    if "stall" in found:
        st = found["stall"]
        stall_line = [
            f"  during a {st['new']:,}-article refresh from the window "
            f"({st['refresh_s']:.1f} s): longest UI-thread gap {st['max_gap_ms']:.0f} ms, "
            f"{st['gaps_over_50ms']} gaps over 50 ms in {st['beats']} beats of 10 ms"]
    return "\n".join([
        f"Window over {found['articles']:,} articles (offscreen, fresh interpreter each run)",
        f"  start-up to a filled window: {found['start_s']:.2f} s median "
        f"(runs: {', '.join(str(s) for s in found['start_s_all'])})",
        f"  switching feeds: {found['switch_ms_median']:.1f} ms median, "
        f"{found['switch_ms_max']:.1f} ms worst",
        f"  opening an article: {found['open_ms_median']:.1f} ms median, "
        f"{found['open_ms_max']:.1f} ms worst",
        f"  peak memory: {found['rss_mb']:.0f} MB",
        *stall_line,
    ])
