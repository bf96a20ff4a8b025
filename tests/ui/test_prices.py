"""Prices in the window: chips with the last price and change, and the ticker panel's
mini-chart — with Yahoo's answers served on loopback (BRIEFING_YAHOO_URL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from marketdata import serve, yahoo_chart
from PySide6.QtCore import QUrl

from briefing.core.feeds import parse_feed
from briefing.core.service import Service
from briefing.core.settings import Settings
from briefing.ui.window import MainWindow

CHART = "/v8/finance/chart/"
STORY = ("<p>Tencent Holdings Ltd. (HKEX: 0700) fell in Hong Kong, where the Hang Seng "
         "also slipped.</p>")


def recent_archive(tmp_path: Path) -> Path:
    """One article about Tencent, published ten minutes ago (inside today's chart)."""
    data = tmp_path / "data"
    published = (datetime.now(UTC) - timedelta(minutes=10)).strftime(
        "%a, %d %b %Y %H:%M:%S +0000")
    body = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Desk</title>"
            f"<item><title>Tencent slips</title><guid isPermaLink='false'>t1</guid>"
            f"<pubDate>{published}</pubDate><description><![CDATA[{STORY}]]></description>"
            f"</item></channel></rss>").encode()
    with Service(data) as svc:
        feed_id = svc.store.add_feed("https://news.example.test/desk.xml", "Desk")
        feed = svc.store.feed(feed_id)
        svc.store.store_refresh(feed, status=200, error=None,
                                parsed=parse_feed(body, feed.url), feed_values={})
    Settings(data).set("market_providers", "yahoo")
    return data


@pytest.fixture
def win(qtbot, tmp_path: Path, feed_server, monkeypatch) -> MainWindow:
    monkeypatch.setenv("BRIEFING_YAHOO_URL", feed_server.url("").rstrip("/"))
    serve(feed_server, {(CHART, "0700.HK"): (200, yahoo_chart("0700.HK", 512.5, 516.0)),
                        (CHART, "^HSI"): (200, yahoo_chart("^HSI", 20100.0, 20000.0))})
    window = MainWindow(recent_archive(tmp_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.list.selectRow(0)
    return window


def test_tickers_in_the_article_show_their_price_and_change(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: "512.50 HKD" in win.view.toPlainText(), timeout=10_000)
    html = win.view.toHtml()
    assert "−0.68%" in win.view.toPlainText()
    assert "#c01c28" in html  # a fall is red
    tencent = next(e for e in win.view.tags.entities if e.listings[0] == "0700.HK")
    assert win.view.quotes["0700.HK"].price == 512.5
    assert tencent.listings[0] in win.view.then  # the price when the article came out


def test_clicking_a_ticker_opens_its_panel_with_a_chart(qtbot, win: MainWindow,
                                                        feed_server) -> None:
    tencent = next(e for e in win.view.tags.entities if e.listings[0] == "0700.HK")
    curve = win.ticker.curve
    win.view._on_anchor_clicked(QUrl(f"ticker:{tencent.id}"))
    assert win.ticker_dock.isVisible()
    qtbot.waitUntil(lambda: win.ticker.price.text() == "512.50 HKD", timeout=10_000)
    qtbot.waitUntil(lambda: len(win.ticker.shown_times()) == 3, timeout=10_000)
    assert "−" in win.ticker.change.text() or "-3.50" in win.ticker.change.text()
    assert "Market open" in win.ticker.state.text()
    assert win.ticker.marker.isVisible()  # the article's time, inside today's prices
    win.ticker.ranges.buttons()[1].click()  # 5D
    qtbot.waitUntil(lambda: any("range=5d" in r.target
                                for r in feed_server.requests(f"{CHART}0700.HK")),
                    timeout=10_000)
    qtbot.waitUntil(lambda: len(win.ticker.shown_times()) == 3, timeout=10_000)
    assert win.ticker.curve is curve  # one plot item, its data replaced


def test_live_updates_pause_while_the_window_is_hidden(qtbot, win: MainWindow,
                                                       feed_server) -> None:
    tencent = next(e for e in win.view.tags.entities if e.listings[0] == "0700.HK")
    win.view._on_anchor_clicked(QUrl(f"ticker:{tencent.id}"))
    qtbot.waitUntil(lambda: win.ticker.price.text() == "512.50 HKD", timeout=10_000)
    serve(feed_server, {(CHART, "0700.HK"): (200, yahoo_chart("0700.HK", 520.0, 516.0))})
    win.hide()
    asked = len(feed_server.requests(f"{CHART}0700.HK"))
    win._on_live_tick()
    assert not win.tasks.busy("ticker-quote")
    assert len(feed_server.requests(f"{CHART}0700.HK")) == asked
    win.show()
    with Service(win.data_dir) as svc, svc.store.transaction():  # a minute later: due again
        svc.store.conn.execute("UPDATE quotes SET fetched_at = fetched_at - 60")
    win._on_live_tick()
    qtbot.waitUntil(lambda: win.ticker.price.text() == "520.00 HKD", timeout=10_000)
