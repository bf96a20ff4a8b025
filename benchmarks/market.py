"""Prices: how long one chart update takes, and what quotes for 50 symbols cost.

    python -m benchmarks --only market

Chart: a fresh interpreter (offscreen Qt) shows the ticker panel and replaces its bars 100
times per range (1D, 5D, 1Y: 78, 130 and 250 prices), timing set_bars() plus a synchronous
repaint of the plot. Quotes: 50 symbols asked of Yahoo (one request per symbol, four at a
time) and of Twelve Data (eight symbols a request, its batch limit), both served on loopback
by a stand-in that answers each service's documented shape at once, in a fresh archive.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

CHART_CHILD = r"""
import json, math, statistics, sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from briefing.core.models import Bars
from briefing.ui.tickerpanel import TickerPanel
panel = TickerPanel()
panel.resize(360, 420)
panel.show()
app.processEvents()
out = {}
for range_, n in (("1d", 78), ("5d", 130), ("1y", 250)):
    panel.show_listing("0700.HK", "Tencent", None)
    panel.range = range_
    now = time.time()
    sets = [Bars("0700.HK", range_, "HKD",
                 tuple((now - 300 * (n - i), 500 + 10 * math.sin(i / 7 + k)) for i in range(n)),
                 "bench", previous_close=500.0) for k in range(2)]
    times = []
    for i in range(100):
        t0 = time.perf_counter()
        panel.set_bars(sets[i % 2])
        panel.plot.viewport().repaint()  # the scene drawn now, not later
        times.append((time.perf_counter() - t0) * 1000)
    out[range_] = {"points": n, "median_ms": statistics.median(times), "max_ms": max(times)}
print(json.dumps(out))
"""


WATCH_CHILD = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from briefing.core.service import Service
from briefing.core.settings import Settings
from briefing.ui.window import MainWindow
data = Path(sys.argv[1])
with Service(data) as svc:
    for i in range(50):
        svc.store.watch_add(f"SYM{i:02d}", f"Listing {i}", None)
Settings(data).set("market_providers", "yahoo")
win = MainWindow(data)
win.show()
deadline = time.perf_counter() + 30
while len(win.watch.model.rows) < 50 and time.perf_counter() < deadline:
    app.processEvents(); time.sleep(0.001)
gaps, last = [], [time.perf_counter()]
def beat():
    now = time.perf_counter(); gaps.append(now - last[0]); last[0] = now
heart = QTimer(); heart.timeout.connect(beat); heart.start(10)
rounds = []
for _ in range(5):  # five minutes of live updates, back to back
    def due(_task):  # every price is due again (done aside, as the app does its writes)
        with Service(data) as svc, svc.store.transaction():
            svc.store.conn.execute("UPDATE quotes SET fetched_at = 0")
    win.tasks.run(due, key="bench-due")
    while win.tasks.busy("bench-due"):
        app.processEvents(); time.sleep(0.001)
    t0 = time.perf_counter()
    win._fetch_watch_prices()
    while win.tasks.busy("watch-prices") and time.perf_counter() - t0 < 60:
        app.processEvents(); time.sleep(0.001)
    rounds.append(time.perf_counter() - t0)
heart.stop()
priced = sum(1 for r in win.watch.model.rows if r.price is not None)
win.close()
print(json.dumps({"listings": 50, "priced": priced, "round_s": rounds,
                  "max_gap_ms": max(gaps) * 1000, "beats": len(gaps),
                  "gaps_over_50ms": sum(1 for g in gaps if g > 0.05)}))
"""


def time_watchlist(base_url: str) -> dict[str, Any]:
    """A window with 50 pinned listings whose prices all update, five times over, with a
    10 ms heartbeat on the UI thread."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRIEFING_YAHOO_URL=base_url)
        done = subprocess.run([sys.executable, "-c", WATCH_CHILD, str(Path(tmp) / "data")],
                              env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def time_chart() -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", CHART_CHILD], env=env, capture_output=True,
                          text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


class _StandIn(BaseHTTPRequestHandler):
    """Answers Yahoo's chart and Twelve Data's quote in their shapes, and counts requests."""

    counts: dict[str, int] = {}
    lock = threading.Lock()

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        now = int(time.time())
        if parts.path.startswith("/v8/finance/chart/"):
            symbol = parts.path.rsplit("/", 1)[1]
            body = {"chart": {"result": [{"meta": {
                "symbol": symbol, "currency": "USD", "regularMarketPrice": 101.0,
                "previousClose": 100.0, "regularMarketTime": now},
                "timestamp": [now - 60, now], "indicators": {"quote": [{"close": [100.5, 101.0]}]},
            }], "error": None}}
            kind = "yahoo"
        else:
            symbols = parse_qs(parts.query).get("symbol", [""])[0].split(",")
            one = {"close": "101.0", "change": "1.0", "percent_change": "1.0",
                   "previous_close": "100.0", "currency": "USD", "timestamp": now}
            body = {s: {**one, "symbol": s} for s in symbols} if len(symbols) > 1 else one
            kind = "twelvedata"
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        return None


def stand_in() -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _StandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def time_quotes(symbols: int = 50) -> dict[str, Any]:
    from briefing.core.market.twelvedata import TwelveData
    from briefing.core.secrets import Secrets
    from briefing.core.service import Service
    from briefing.core.settings import Settings

    server = ThreadingHTTPServer(("127.0.0.1", 0), _StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    names = [f"SYM{i:02d}" for i in range(symbols)]
    out: dict[str, Any] = {}
    saved = {k: os.environ.get(k) for k in ("BRIEFING_YAHOO_URL", "BRIEFING_TWELVEDATA_URL")}
    os.environ["BRIEFING_YAHOO_URL"] = os.environ["BRIEFING_TWELVEDATA_URL"] = base
    limits = TwelveData.per_minute, TwelveData.per_day
    TwelveData.per_minute, TwelveData.per_day = 1000, 10000  # a paid plan, for the count
    try:
        for provider in ("yahoo", "twelvedata"):
            with tempfile.TemporaryDirectory() as tmp, Service(Path(tmp)) as svc:
                Settings(Path(tmp)).set("market_providers", provider)
                secrets = Secrets()
                secrets._session["api-key:twelvedata"] = "bench-key"  # this process only
                svc.secrets_factory = lambda s=secrets: s
                _StandIn.counts = {}
                t0 = time.perf_counter()
                found = svc.quotes(names)
                elapsed = time.perf_counter() - t0
                ok = sum(1 for q in found if hasattr(q, "price"))
                out[provider] = {"symbols": symbols, "quotes": ok,
                                 "requests": _StandIn.counts.get(provider, 0),
                                 "seconds": round(elapsed, 3)}
                secrets._session.pop("api-key:twelvedata", None)
    finally:
        TwelveData.per_minute, TwelveData.per_day = limits
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        server.shutdown()
    return out


def run() -> dict[str, Any]:
    server, base = stand_in()
    try:
        watch = time_watchlist(base)
    finally:
        server.shutdown()
    return {"chart": time_chart(), "quotes": time_quotes(), "watchlist": watch}


def table(found: dict[str, Any]) -> str:
    lines = ["Prices (offscreen; stand-in providers on loopback)"]
    for range_, row in found["chart"].items():
        lines.append(f"  chart update, {range_.upper()} ({row['points']} prices): "
                     f"{row['median_ms']:.2f} ms median, {row['max_ms']:.2f} ms worst "
                     "(target under 16 ms)")
    w = found.get("watchlist")
    if w:
        lines.append(f"  watchlist of {w['listings']} live listings, all prices updated 5 times "
                     f"({max(w['round_s']):.2f} s a round at most): longest UI-thread gap "
                     f"{w['max_gap_ms']:.0f} ms, {w['gaps_over_50ms']} over 50 ms in "
                     f"{w['beats']} beats of 10 ms")
    for provider, row in found["quotes"].items():
        lines.append(f"  quotes for {row['symbols']} symbols from {provider}: "
                     f"{row['requests']} requests, {row['seconds']:.2f} s, "
                     f"{row['quotes']} quotes")
    return "\n".join(lines)


if __name__ == "__main__":
    result = run()
    print(table(result))
    print(json.dumps(result, indent=1))
