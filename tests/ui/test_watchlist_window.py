"""The watchlist in the window: pinning from a chip and from the ticker panel, the dock's
rows and order, news for a listing with its chart markers, the smart view's count, the
notice after a refresh, CSV, and a tag corrected from the article view."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from marketdata import serve, yahoo_chart

from briefing.core.feeds import parse_feed
from briefing.core.service import Service
from briefing.core.settings import Settings
from briefing.ui.feedpane import SMART_VIEWS, view_at
from briefing.ui.window import MainWindow

CHART = "/v8/finance/chart/"
RFC822 = "%a, %d %b %Y %H:%M:%S +0000"


def rss(items: list[tuple[str, str, str]], minutes_ago: int = 0) -> bytes:
    now = datetime.now(UTC)
    body = "".join(
        f"<item><title>{t}</title><guid isPermaLink='false'>{g}</guid>"
        f"<link>https://w.example.test/{g}</link>"
        f"<pubDate>{(now - timedelta(minutes=minutes_ago + i)).strftime(RFC822)}"
        f"</pubDate><description><![CDATA[<p>{text}</p>]]></description></item>"
        for i, (g, t, text) in enumerate(items))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Desk</title>{body}"
            "</channel></rss>").encode()


ITEMS = [("a1", "Alibaba lifts cloud spending", "Alibaba Group Holding Ltd. said it would "
          "spend more on data centres in Hong Kong."),
         ("a2", "Tencent games approval", "Tencent Holdings Ltd. (HKEX: 0700) won approvals."),
         ("a3", "Quiet market", "Nothing much moved today.")]


@pytest.fixture
def win(qtbot, tmp_path: Path, feed_server, monkeypatch) -> MainWindow:
    monkeypatch.setenv("BRIEFING_YAHOO_URL", feed_server.url("").rstrip("/"))
    serve(feed_server, {(CHART, "9988.HK"): (200, yahoo_chart("9988.HK", 81.2, 80.0)),
                        (CHART, "0700.HK"): (200, yahoo_chart("0700.HK", 512.5, 516.0))})
    data = tmp_path / "data"
    with Service(data) as svc:
        feed_id = svc.store.add_feed("https://w.example.test/desk.xml", "Desk")
        feed = svc.store.feed(feed_id)
        svc.store.store_refresh(feed, status=200, error=None,
                                parsed=parse_feed(rss(ITEMS), feed.url), feed_values={})
    Settings(data).set("market_providers", "yahoo")
    window = MainWindow(data)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def select(win: MainWindow, title: str) -> None:
    row = next(r for r in range(win.model.rowCount()) if win.model.article(r).title == title)
    win.list.selectRow(row)


def watch_view_count(win: MainWindow) -> str:
    root = win.feeds.model_.invisibleRootItem()
    row = next(r for r in range(root.rowCount())
               if view_at(root.child(r, 0).index()).kind == "watchlist")
    return root.child(row, 1).text()


def test_pin_from_a_chip_fills_the_dock_and_the_smart_view(qtbot, win: MainWindow) -> None:
    select(win, "Alibaba lifts cloud spending")
    alibaba = next(e for e in win.view.tags.entities if "Alibaba" in e.name)
    win.view.pin_asked.emit(alibaba.listings[0])  # the chip's context menu, or P on it
    qtbot.waitUntil(lambda: win.watch.model.symbols() == ["9988.HK"], timeout=10_000)
    assert win.watch_dock.isVisible()
    qtbot.waitUntil(lambda: win.watch.model.rows[0].price == 81.2, timeout=10_000)
    row = win.watch.model.rows[0]
    assert row.name.startswith("Alibaba") and row.today == 1 and len(row.spark) == 3
    qtbot.waitUntil(lambda: watch_view_count(win) == "", timeout=10_000)  # it was read


def test_pin_from_the_ticker_panel_and_unpin(qtbot, win: MainWindow) -> None:
    select(win, "Tencent games approval")
    tencent = next(e for e in win.view.tags.entities if "Tencent" in e.name)
    win.view.listing_selected.emit(tencent.id, "0700.HK")
    win.ticker.pin.click()
    qtbot.waitUntil(lambda: win.watch.model.symbols() == ["0700.HK"], timeout=10_000)
    win.ticker.pin.click()
    qtbot.waitUntil(lambda: win.watch.model.symbols() == [], timeout=10_000)
    with Service(win.data_dir) as svc:
        assert svc.watchlist() == []


def test_reordering_the_dock_is_kept(qtbot, win: MainWindow) -> None:
    with Service(win.data_dir) as svc:
        for symbol in ("9988.HK", "0700.HK", "^HSI"):
            svc.watch_add(symbol)
    win.load_watchlist()
    qtbot.waitUntil(lambda: len(win.watch.model.rows) == 3, timeout=10_000)
    win.watch.model.move([2], 0)  # what a drag of the last row to the top does
    assert win.watch.model.symbols() == ["^HSI", "9988.HK", "0700.HK"]

    def kept() -> bool:
        with Service(win.data_dir) as svc:
            return [w.symbol for w in svc.watchlist()] == ["^HSI", "9988.HK", "0700.HK"]

    qtbot.waitUntil(kept, timeout=10_000)


def test_news_for_a_listing_with_markers_that_open_articles(qtbot, win: MainWindow) -> None:
    with Service(win.data_dir) as svc:
        svc.watch_add("0700.HK")
    win.load_watchlist()
    qtbot.waitUntil(lambda: win.watch.model.symbols() == ["0700.HK"], timeout=10_000)
    win.watch.opened.emit("0700.HK")
    assert win.news_chart.isVisible()
    assert [win.model.article(r).title for r in range(win.model.rowCount())] == [
        "Tencent games approval"]
    tencent_id = win.model.article(0).id
    qtbot.waitUntil(lambda: win.news_chart.marked() == [tencent_id], timeout=10_000)
    win.list.clearSelection()
    win.news_chart.article_clicked.emit(tencent_id)  # a click on its marker
    assert win.current_article().id == tencent_id
    win.feeds.select_view(SMART_VIEWS[0])
    assert not win.news_chart.isVisible()


def test_a_refresh_with_news_of_pinned_listings_notifies_once(qtbot, win: MainWindow,
                                                              feed_server) -> None:
    with Service(win.data_dir) as svc:
        svc.watch_add("9988.HK")
        svc.store.conn.execute("UPDATE feeds SET url = ?", (feed_server.url("/desk.xml"),))
    win.load_watchlist()
    fresh = ITEMS + [("a4", "Alibaba ADR climbs", "Alibaba (NYSE: BABA) rose in New York."),
                     ("a5", "Alibaba again", "Alibaba Group Holding Ltd. hired staff.")]
    feed_server.add("/desk.xml", rss(fresh), content_type="application/rss+xml")
    with qtbot.waitSignal(win.notifier.notified, timeout=20_000) as notice:
        win.refresh()
    assert notice.args[0] == ["9988.HK"]  # one notice, naming the listing
    assert not win.notifier.has_tray()  # offscreen: no tray, so the banner says it
    assert win.banner.isVisible() and "9988.HK" in win.banner.text.text()
    with Service(win.data_dir) as svc:
        unread = svc.store.watch_unread_count()
    assert unread >= 2  # the two new articles at least
    qtbot.waitUntil(lambda: watch_view_count(win) == str(unread), timeout=10_000)
    win.banner.shown_asked.emit()
    assert win.feeds.current_view().kind == "watchlist"
    assert {win.model.article(r).title for r in range(win.model.rowCount())} >= {
        "Alibaba ADR climbs", "Alibaba again"}


def test_notices_can_be_turned_off(qtbot, win: MainWindow, feed_server) -> None:
    win.settings.set("watchlist_notifications", "off")
    with Service(win.data_dir) as svc:
        svc.watch_add("9988.HK")
        svc.store.conn.execute("UPDATE feeds SET url = ?", (feed_server.url("/desk.xml"),))
    fresh = ITEMS + [("a6", "Alibaba news", "Alibaba Group Holding Ltd. said more.")]
    feed_server.add("/desk.xml", rss(fresh), content_type="application/rss+xml")
    told = []
    win.notifier.notified.connect(told.append)
    with qtbot.waitSignal(win.refresh_finished, timeout=20_000):
        win.refresh()
    assert not told and not win.banner.isVisible()


def test_csv_export_and_import_from_the_window(qtbot, win: MainWindow, tmp_path: Path) -> None:
    with Service(win.data_dir) as svc:
        svc.watch_add("9988.HK")
        svc.watch_add("0700.HK")
    out = tmp_path / "mine.csv"
    win.export_watchlist(out)
    qtbot.waitUntil(lambda: "Wrote 2 listings" in win.status.text(), timeout=10_000)
    with Service(win.data_dir) as svc:
        svc.watch_remove("9988.HK")
        svc.watch_remove("0700.HK")
    win.import_watchlist(out)
    qtbot.waitUntil(lambda: win.watch.model.symbols() == ["9988.HK", "0700.HK"],
                    timeout=10_000)


def test_correcting_a_tag_from_the_article_view(qtbot, win: MainWindow) -> None:
    select(win, "Tencent games approval")
    tencent = next(e for e in win.view.tags.entities if "Tencent" in e.name)
    win.view.correction_asked.emit(tencent.id, "Tencent Holdings Ltd.", True)
    qtbot.waitUntil(lambda: "Corrected" in win.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: all(
        m.text != "Tencent Holdings Ltd." for e in win.view.tags.entities
        if e.id == tencent.id for m in e.mentions), timeout=10_000)
    overrides = (win.data_dir / "tag-overrides.json").read_text(encoding="utf-8")
    assert "Tencent Holdings Ltd." in overrides


def test_p_on_a_ticker_reached_with_tab_pins_it(qtbot, win: MainWindow) -> None:
    from PySide6.QtCore import Qt

    select(win, "Tencent games approval")
    win.view.setFocus()
    for _ in range(3):  # Tab moves from link to link: "Open original", then the tickers
        qtbot.keyClick(win.view, Qt.Key.Key_Tab)
        if win.view.focused_listing():
            break
    assert win.view.focused_listing() == "0700.HK"
    qtbot.keyClick(win.view, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: win.watch.model.symbols() == ["0700.HK"], timeout=10_000)
    win.list.setFocus()
    before = win.list.currentIndex().row()
    qtbot.keyClick(win.list, Qt.Key.Key_P)  # in the list, P is still "previous unread"
    assert win.watch.model.symbols() == ["0700.HK"]
    assert win.list.currentIndex().row() <= before


def test_news_for_a_symbol_the_catalog_does_not_know(qtbot, win: MainWindow) -> None:
    with Service(win.data_dir) as svc:
        svc.watch_add("ZZZQ")
    win.load_watchlist()
    qtbot.waitUntil(lambda: win.watch.model.symbols() == ["ZZZQ"], timeout=10_000)
    win.watch.opened.emit("ZZZQ")  # no exception escapes; an empty list and a plain note
    assert win.model.rowCount() == 0 and not win.model.canFetchMore(win.list.rootIndex())
    assert "not in Briefing's catalog" in win.status.text()
