"""The reader window, driven as a user would: real widgets (offscreen), a real archive."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from briefing.core.feeds import parse_feed
from briefing.core.service import Service
from briefing.ui.articles import ArticleModel
from briefing.ui.feedpane import View, view_at
from briefing.ui.render import render_article
from briefing.ui.window import MainWindow

START = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


def rss(items: list[tuple[str, str]], title: str = "Desk") -> bytes:
    body = "".join(
        f"<item><title>{t}</title><guid isPermaLink='false'>{title}-{i}</guid>"
        f"<link>https://news.example.test/{title}/{i}</link>"
        f"<pubDate>{(START + timedelta(minutes=i)).strftime('%a, %d %b %Y %H:%M:%S +0000')}"
        f"</pubDate><description><![CDATA[{html}]]></description></item>"
        for i, (t, html) in enumerate(items)
    )
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>"
            f"<link>https://news.example.test/</link>{body}</channel></rss>").encode()


STORY = ("<p>Alibaba Group Holding Ltd. (NYSE: BABA) rose after Tencent (0700.HK) fell.</p>"
         "<p>“Cloud demand is running ahead of supply,” said Jane Okafor, an analyst at "
         "Example Capital.</p>")


def archive(tmp_path: Path, count: int = 30) -> Path:
    """A data directory with `count` tagged articles in one feed, stored the refresh way."""
    data = tmp_path / "data"
    items = [(f"Story {i}", STORY if i % 3 == 0 else f"<p>Plain market note {i}.</p>")
             for i in range(count)]
    with Service(data) as svc:
        feed_id = svc.store.add_feed("https://news.example.test/desk.xml", "Desk")
        feed = svc.store.feed(feed_id)
        parsed = parse_feed(rss(items), feed.url)
        svc.store.store_refresh(feed, status=200, error=None, parsed=parsed, feed_values={})
    return data


def open_window(qtbot, data: Path) -> MainWindow:
    """The window over a data directory, shown, closed by qtbot at the end of the test."""
    win = MainWindow(data)
    qtbot.addWidget(win)
    win.show()
    return win


def png(size: int, color: str) -> bytes:
    """A small PNG picture made with Qt, as a site would serve it."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(color))
    raw = QByteArray()
    buffer = QBuffer(raw)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(raw.data())


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = open_window(qtbot, archive(tmp_path))
    qtbot.waitExposed(win)
    return win


def test_article_model_passes_qt_model_checks(qtmodeltester, tmp_path: Path) -> None:
    with Service(archive(tmp_path, count=450)) as svc:
        model = ArticleModel()
        model.set_source(lambda offset, limit: svc.store.articles(limit=limit, offset=offset))
        assert model.rowCount() == 200  # the first page only
        model.fetchMore(model.index(-1, -1))
        assert model.rowCount() == 400 and model.canFetchMore(model.index(-1, -1))
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount() == 450 and not model.canFetchMore(model.index(-1, -1))


def test_rendering_highlights_every_ticker_and_quotation(tmp_path: Path) -> None:
    with Service(archive(tmp_path, count=1)) as svc:
        article = svc.store.article(1)
        tags = svc.store.tags(1)
    page = render_article(article, tags)
    chips = re.findall(r'<a class="ticker" href="ticker:[^"]+">([^<]+)</a>', page)
    assert "Alibaba Group Holding Ltd." in chips and "0700.HK" in chips and "BABA" in chips
    quotes = re.findall(r'<span class="quote">([^<]+)</span>', page)
    assert quotes == ["Cloud demand is running ahead of supply"]
    assert "Who said what" in page and "Jane Okafor" in page
    assert "<script" not in page


def test_keyboard_moves_marks_and_stars(qtbot, window: MainWindow) -> None:
    assert window.list.currentIndex().row() == 0
    first = window.current_article()
    assert first is not None and window.store.article(first.id).read  # opening reads it
    qtbot.keyClick(window.list, Qt.Key.Key_J)
    assert window.list.currentIndex().row() == 1
    qtbot.keyClick(window.list, Qt.Key.Key_K)
    assert window.list.currentIndex().row() == 0
    qtbot.keyClick(window.list, Qt.Key.Key_M)
    assert not window.store.article(first.id).read
    qtbot.keyClick(window.list, Qt.Key.Key_S)
    assert window.store.article(first.id).starred
    qtbot.keyClick(window.list, Qt.Key.Key_N)  # next unread
    assert window.list.currentIndex().row() == 2  # row 1 was read when j opened it


def test_search_box_filters_with_the_archive_index(qtbot, window: MainWindow) -> None:
    window.list.setFocus()
    qtbot.keyClick(window.list, Qt.Key.Key_Slash)  # "/" focuses the search box
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "0700.HK")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    titles = {window.model.article(r).title for r in range(window.model.rowCount())}
    assert titles == {f"Story {i}" for i in range(0, 30, 3)}
    window.search.clear()
    assert window.model.rowCount() == 30


def test_article_view_shows_the_selected_article(qtbot, window: MainWindow) -> None:
    row = next(r for r in range(window.model.rowCount())
               if window.model.article(r).title == "Story 0")
    window.list.selectRow(row)
    text = window.view.toPlainText()
    assert "Alibaba Group Holding Ltd." in text and "Who said what" in text


def test_background_refresh_adds_rows_and_keeps_the_ui_responsive(
    qtbot, tmp_path: Path, feed_server
) -> None:
    feed_server.add("/live.xml", rss([("First", "<p>One.</p>")], "Live"),
                    content_type="application/rss+xml")
    data = tmp_path / "live"
    with Service(data) as svc:
        svc.add(feed_server.url("/live.xml"))
    win = open_window(qtbot, data)
    assert win.model.rowCount() == 1
    feed_server.add("/live.xml", rss([(f"Item {i}", "<p>More.</p>") for i in range(12)], "Live"),
                    content_type="application/rss+xml")
    beats = []
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: beats.append(1))
    heartbeat.start(10)
    with qtbot.waitSignal(win.refresh_finished, timeout=20_000) as blocker:
        win.refresh()
    heartbeat.stop()
    assert blocker.args[0].new == 11
    assert win.model.rowCount() == 12
    assert beats  # the event loop kept turning while the refresh ran in a worker
    assert "12" in win.status.text() or "11 new" in win.status.text()


def test_closing_during_a_refresh_is_quick_and_clean(qtbot, tmp_path: Path,
                                                      feed_server) -> None:
    feed_server.hang("/slow.xml")
    data = tmp_path / "slow"
    with Service(data) as svc:
        svc.store.add_feed(feed_server.url("/slow.xml"), "Slow")
    win = open_window(qtbot, data)
    win.refresh()
    assert win.tasks.busy("refresh")
    started = datetime.now()
    win.close()
    assert (datetime.now() - started).total_seconds() < 5


def test_first_run_shows_the_welcome_view(qtbot, tmp_path: Path) -> None:
    win = open_window(qtbot, tmp_path / "empty")
    assert win.stack.currentWidget() is win.welcome
    assert "Welcome to Briefing" in win.welcome.text()


def test_pictures_load_only_when_allowed_and_are_kept_offline(qtbot, tmp_path: Path,
                                                              feed_server) -> None:
    from PySide6.QtCore import QUrl

    chart = png(8, "#2a7ab0")
    feed_server.add("/chart.png", chart, content_type="image/png")
    story = f'<p>Chart below.</p><p><img src="{feed_server.url("/chart.png")}"></p>'
    feed_server.add("/pics.xml", rss([("Chart day", story)], "Pics"),
                    content_type="application/rss+xml")
    data = tmp_path / "pics"
    with Service(data) as svc:
        svc.add(feed_server.url("/pics.xml"))
    win = open_window(qtbot, data)
    assert "Load pictures for this feed" in win.view.toHtml()
    assert not feed_server.requests("/chart.png")  # nothing fetched without asking
    win.view.anchorClicked.emit(QUrl("briefing:load-images"))
    qtbot.waitUntil(lambda: win.view.cache.get(feed_server.url("/chart.png")) is not None,
                    timeout=10_000)
    assert len(feed_server.requests("/chart.png")) == 1
    assert win.view.cache.get(feed_server.url("/chart.png")) == chart


def test_the_welcome_view_loads_the_offline_sample(qtbot, tmp_path: Path) -> None:
    win = open_window(qtbot, tmp_path / "fresh")
    win._on_welcome_link("sample")
    qtbot.waitUntil(lambda: win.stack.currentWidget() is not win.welcome, timeout=20_000)
    assert win.model.rowCount() >= 8
    assert "Who said what" in win.view.toPlainText()
    assert win.model.article(0).listings  # the sample's tickers show as chips


def test_each_feed_gets_its_sites_favicon_once(qtbot, tmp_path: Path, feed_server) -> None:
    feed_server.add("/favicon.ico", png(16, "#c01c28"), content_type="image/png")
    body = rss([("One", "<p>One.</p>")], "Icon").replace(
        b"<link>https://news.example.test/</link>",
        f"<link>{feed_server.url('/')}</link>".encode())  # the site is the test server
    feed_server.add("/icon.xml", body, content_type="application/rss+xml")
    data = tmp_path / "icons"
    with Service(data) as svc:
        svc.add(feed_server.url("/icon.xml"))
    win = open_window(qtbot, data)

    def feed_item():
        root = win.feeds.model_.invisibleRootItem()
        return next(root.child(r, 0) for r in range(root.rowCount())
                    if view_at(root.child(r, 0).index()).kind == "feed")

    def shows_the_site_icon() -> bool:  # the site's red square, not the generic feed icon
        image = feed_item().icon().pixmap(16, 16).toImage()
        return image.pixelColor(8, 8).name() == "#c01c28"

    assert not shows_the_site_icon()
    qtbot.waitUntil(shows_the_site_icon, timeout=10_000)
    assert len(feed_server.requests("/favicon.ico")) == 1
    win.reload_feeds()  # known now: not asked again
    assert len(feed_server.requests("/favicon.ico")) == 1


def test_a_feed_dropped_on_a_folder_moves_there(qtbot, window: MainWindow) -> None:
    from briefing.ui.feedpane import View

    with window.store.transaction():
        folder_id = window.store.ensure_folder_path("Asia")
    window.reload_feeds()
    feed = window.store.feeds()[0]
    pane = window.feeds
    assert pane.drop_target(View("feed", feed.id), View("folder", folder_id), None) == folder_id
    assert pane.drop_target(View("feed", feed.id), View("all"), None) is None
    assert pane.drop_target(View("folder", folder_id), View("all"), None) is False
    with qtbot.waitSignal(pane.feed_dropped) as dropped:
        pane.feed_dropped.emit(feed.id, folder_id)
    assert dropped.args == [feed.id, folder_id]
    assert window.store.feed(feed.id).folder == "Asia"


def test_the_article_model_can_be_read_endlessly(tmp_path: Path) -> None:
    """Qt asks a model for every role of every visible cell on each paint. PySide6 6.12.0
    lost a reference to None each time a model answered None, and crashed after ~20,000."""
    import sys

    with Service(archive(tmp_path, count=3)) as svc:
        model = ArticleModel()
        model.set_source(lambda offset, limit: svc.store.articles(limit=limit, offset=offset))
        index = model.index(0, 1)
        before = sys.getrefcount(None)
        for _ in range(50_000):
            index.data(Qt.ItemDataRole.DecorationRole)
        assert abs(sys.getrefcount(None) - before) < 1000


def test_add_feed_dialog_subscribes_into_a_folder_and_shows_errors_inline(
    qtbot, tmp_path: Path, feed_server
) -> None:
    feed_server.add("/new.xml", rss([("Hello", "<p>Hi.</p>")], "New"),
                    content_type="application/rss+xml")
    feed_server.add("/page.html", b"<html><head><title>No feed</title></head><body></body>"
                    b"</html>", content_type="text/html")
    win = open_window(qtbot, tmp_path / "adding")
    win.add_feed()
    dialog = win._add_dialog
    dialog.url.setText(feed_server.url("/page.html"))
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=10_000)
    assert "names no feed" in dialog.message.text() and dialog.isVisible()
    dialog.url.setText(feed_server.url("/new.xml"))
    dialog.folder.setEditText("Markets/Asia")
    dialog.ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    feed = win.store.feeds()[0]
    assert feed.folder == "Markets/Asia" and win.model.rowCount() == 1


def test_unread_counts_follow_reading(qtbot, window: MainWindow) -> None:
    def badge(kind: str) -> str:
        root = window.feeds.model_.invisibleRootItem()
        for row in range(root.rowCount()):
            if view_at(root.child(row, 0).index()).kind == kind:
                return root.child(row, 1).text()
        return "?"

    assert badge("unread") == "29"  # the first article was opened, so read
    qtbot.keyClick(window.list, Qt.Key.Key_J)
    assert badge("unread") == "28"
    qtbot.keyClick(window.list, Qt.Key.Key_M)  # back to unread
    assert badge("unread") == "29"
    qtbot.keyClick(window.list, Qt.Key.Key_S)
    assert badge("starred") == "1"


def test_a_refresh_updates_counts_and_failure_badges_in_place(qtbot, tmp_path: Path,
                                                             feed_server) -> None:
    feed_server.add("/good.xml", rss([("Old news", "<p>One.</p>")], "Good"),
                    content_type="application/rss+xml")
    feed_server.add("/flaky.xml", rss([("Flaky story", "<p>Two.</p>")], "Flaky"),
                    content_type="application/rss+xml")
    data = tmp_path / "two"
    with Service(data) as svc:
        good = svc.add(feed_server.url("/good.xml")).feed.id
        flaky = svc.add(feed_server.url("/flaky.xml")).feed.id
    win = open_window(qtbot, data)
    good_row = win.feeds.feed_row(good)
    win.feeds.setCurrentIndex(win.feeds.feed_item(good).index())
    assert win.feeds.current_view().id == good
    win.store.mark_feeds_read([good])
    fresh = [("Old news", "<p>One.</p>")] + [(f"Fresh {i}", "<p>More.</p>") for i in range(6)]
    feed_server.add("/good.xml", rss(fresh, "Good"), content_type="application/rss+xml")
    feed_server.add("/flaky.xml", "internal error", status=500)
    with qtbot.waitSignal(win.refresh_finished, timeout=20_000):
        win.refresh()
    flaky_item = win.feeds.feed_item(flaky)
    assert good_row.isValid() and win.feeds.feed_row(good) is good_row  # updated in place
    good_item = win.feeds.feed_item(good)
    assert win.feeds.current_view().id == good  # the reader's view stays chosen
    badge = good_item.index().siblingAtColumn(1).data()
    assert badge == "6"
    assert flaky_item.text().startswith("⚠") and "500" in flaky_item.toolTip()
    assert win.model.rowCount() == 7
    # the next refresh succeeds: the warning goes away again
    feed_server.add("/flaky.xml", rss([("Flaky story", "<p>Two.</p>")], "Flaky"),
                    content_type="application/rss+xml")
    with qtbot.waitSignal(win.refresh_finished, timeout=20_000):
        win.refresh()
    assert win.feeds.feed_item(flaky).text() == "Flaky"
    assert win.feeds.feed_item(flaky).toolTip() == feed_server.url("/flaky.xml")


def test_mark_all_read_clears_a_feeds_count_and_its_bold_rows(qtbot, window: MainWindow) -> None:
    feed_id = window.store.feeds()[0].id
    assert window.store.unread_counts()[feed_id] >= 29  # the first article is open
    window._mark_read([feed_id])
    qtbot.waitUntil(lambda: window.feeds.feed_item(feed_id).index().siblingAtColumn(1)
                    .data() == "", timeout=10_000)
    qtbot.waitUntil(lambda: all(window.model.article(r).read
                                for r in range(window.model.rowCount())), timeout=10_000)
    assert window.store.unread_counts().get(feed_id, 0) == 0


def test_opml_export_then_import_in_another_window(qtbot, window: MainWindow,
                                                   tmp_path: Path) -> None:
    opml = tmp_path / "mine.opml"
    window.export_opml(opml)
    qtbot.waitUntil(lambda: f"Wrote {opml}" in window.status.text(), timeout=10_000)
    other = open_window(qtbot, tmp_path / "other")
    assert other.stack.currentWidget() is other.welcome
    refreshed = []
    other.refresh = lambda *_a, **_k: refreshed.append(True)  # its address is not reachable
    other.import_opml(opml)
    qtbot.waitUntil(lambda: bool(refreshed), timeout=10_000)  # an import then refreshes
    assert "Imported 1 feeds" in other.status.text()
    assert [f.url for f in other.store.feeds()] == ["https://news.example.test/desk.xml"]
    assert other.stack.currentWidget() is not other.welcome


def test_a_broken_opml_file_is_one_message_in_the_status_bar(qtbot, window: MainWindow,
                                                            tmp_path: Path) -> None:
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline", encoding="utf-8")
    window.import_opml(broken)
    qtbot.waitUntil(lambda: "Could not import broken.opml" in window.status.text(),
                    timeout=10_000)
    assert "not well-formed XML" in window.status.text()
    assert len(window.store.feeds()) == 1


def test_unsubscribing_removes_the_feed_and_its_articles(qtbot, window: MainWindow) -> None:
    feed = window.store.feeds()[0]
    window._unsubscribe(View("feed", feed.id, feed.title), confirmed=True)
    qtbot.waitUntil(lambda: not window.store.feeds(), timeout=10_000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=10_000)
    assert "Unsubscribed" in window.status.text()
