"""The main window: feed pane, article list and article view over the offline archive."""

from __future__ import annotations

import gc
import logging
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import BriefingError
from ..core.favicons import Favicons
from ..core.images import ImageCache
from ..core.models import (
    Article,
    Feed,
    FeedReport,
    Folder,
    Quote,
    RefreshReport,
    TagResult,
)
from ..core.paths import archive_path
from ..core.service import Service
from ..core.settings import Settings
from ..core.store import Store
from .articles import TICKERS, TIME, TITLE, ArticleModel, TickerChipDelegate
from .feedpane import SMART_VIEWS, FeedPane, View, view_at
from .icons import icon
from .notify import NoticeBanner, Notifier
from .render import DARK, LIGHT, entity_tooltip, render_article, stylesheet
from .tasks import Task, Tasks
from .watchlist import WatchlistPanel, WatchRow, read_rows

log = logging.getLogger("briefing.ui")


class ArticleView(QTextBrowser):
    """The article: text with tickers and quotations highlighted; never runs any script.

    Pictures come only from the image cache in the data directory; a missing one is asked
    for with image_wanted, fetched in the background by the window, then shown.
    """

    listing_selected = Signal(str, str)  # entity id, primary listing
    pin_asked = Signal(str)  # a listing to pin (or unpin when pinned)
    correction_asked = Signal(str, str, bool)  # entity id, the words, wrong (else an alias)
    images_allowed = Signal()  # the reader asked to load this feed's pictures
    image_wanted = Signal(str)  # URL of a picture not in the cache yet

    def __init__(self, cache: ImageCache) -> None:
        super().__init__()
        self.cache = cache
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.highlighted.connect(self._on_highlighted)
        self.tags = TagResult((), ())
        self.quotes = {}
        self.then = {}
        self._shown: tuple[Any, bool, bool] | None = None
        self.setMinimumWidth(360)

    def show_article(self, article: Article, tags: TagResult, css: str,
                     show_images: bool = False, offer_images: bool = False) -> None:
        self.tags = tags
        self.quotes: dict[str, Quote] = {}
        self.then: dict[str, float] = {}
        self._shown = (article, show_images, offer_images)
        self.document().setDefaultStyleSheet(css)
        self.setHtml(render_article(article, tags, show_images=show_images,
                                    offer_images=offer_images))

    def show_prices(self, quotes: dict[str, Quote], then: dict[str, float]) -> None:
        """The same article again with its tickers' prices; the reader's place is kept."""
        article, show_images, offer_images = self._shown
        self.quotes, self.then = quotes, then
        scroll = self.verticalScrollBar().value()
        self.setHtml(render_article(article, self.tags, show_images=show_images,
                                    offer_images=offer_images, quotes=quotes))
        self.verticalScrollBar().setValue(scroll)

    def loadResource(self, kind: int, url: QUrl) -> Any:  # noqa: N802 - Qt override
        if kind == int(QTextDocument.ResourceType.ImageResource) and url.scheme() in (
            "http", "https"
        ):
            data = self.cache.get(url.toString())
            if data is None:
                self.image_wanted.emit(url.toString())
                return None
            image = QImage()
            image.loadFromData(data)
            return image
        return None  # nothing else is ever loaded: no remote styles, no local files

    def show_message(self, html: str, css: str) -> None:
        self.tags = TagResult((), ())
        self.document().setDefaultStyleSheet(css)
        self.setHtml(html)

    def _entity(self, href: str) -> Any:
        if not href.startswith("ticker:"):
            return None
        eid = href.split(":", 1)[1]
        return next((e for e in self.tags.entities if e.id == eid), None)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        href = url.toString()
        entity = self._entity(href)
        if entity is not None:
            self.listing_selected.emit(entity.id, entity.listings[0] if entity.listings else "")
        elif href == "briefing:load-images":
            self.images_allowed.emit()
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    def focused_listing(self) -> str | None:
        """The primary listing of the ticker the keyboard is on (Tab moves between links)."""
        cursor = self.textCursor()
        entity = self._entity(cursor.charFormat().anchorHref()) if cursor.hasSelection() \
            else None
        return entity.listings[0] if entity is not None and entity.listings else None

    def contextMenuEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """On a ticker: pin or unpin it, see its price, or say the tag is wrong. On selected
        words: tag them as a company ("another name for...")."""
        entity = self._entity(self.anchorAt(event.pos()))
        menu = self.createStandardContextMenu(event.pos())
        if entity is not None:
            menu.addSeparator()
            for i, listing in enumerate(entity.listings[:4]):  # home line, ADR, ...
                key = " (P)" if i == 0 else ""
                menu.addAction(f"Pin or unpin {listing}{key}",
                               lambda s=listing: self.pin_asked.emit(s))
            if entity.listings:
                symbol = entity.listings[0]
                menu.addAction(f"Price and chart of {symbol}", lambda: self.listing_selected.emit(
                    entity.id, symbol))
            words = self._words_at(event.pos(), entity)
            menu.addAction(f"“{words}” is not {entity.name}",
                           lambda: self.correction_asked.emit(entity.id, words, True))
        selected = self.textCursor().selectedText().strip()
        if selected and len(selected) <= 80:
            menu.addSeparator()
            menu.addAction(f"Tag “{selected}” as a company…",
                           lambda: self._ask_alias(selected))
        menu.exec(event.globalPos())

    def _words_at(self, pos: Any, entity: Any) -> str:
        """The mention under the pointer, as written in the article."""
        cursor = self.cursorForPosition(pos)
        block = cursor.block().text()
        at = cursor.positionInBlock()
        for m in entity.mentions:
            if m.text and m.text in block:
                start = block.find(m.text)
                while start >= 0:
                    if start <= at <= start + len(m.text):
                        return str(m.text)
                    start = block.find(m.text, start + 1)
        return str(entity.mentions[0].text) if entity.mentions else entity.name

    def _ask_alias(self, words: str) -> None:
        from PySide6.QtWidgets import QInputDialog

        symbol, ok = QInputDialog.getText(
            self, "Tag as a company", f"“{words}” names the company listed as (symbol, "
            "e.g. 9988.HK or BABA):")
        if ok and symbol.strip():
            self.correction_asked.emit(f"symbol:{symbol.strip()}", words, False)

    def _on_highlighted(self, url: QUrl) -> None:
        entity = self._entity(url.toString())
        if entity is not None:
            symbol = entity.listings[0] if entity.listings else ""
            QToolTip.showText(self.cursor().pos(), entity_tooltip(
                entity, self.quotes.get(symbol), self.then.get(symbol)), self)
        elif url.toString():
            QToolTip.showText(self.cursor().pos(), url.toString(), self)
        else:
            QToolTip.hideText()


Query = Callable[[Service, int, int], list[Article]]  # (service, offset, limit) -> a page


@dataclass(frozen=True)
class FeedState:
    """What the feed pane shows, read off the UI thread."""

    feeds: list[Feed]
    folders: list[Folder]
    unread: dict[int, int]
    starred: int
    watch_unread: int = 0


class MainWindow(QMainWindow):
    refresh_finished = Signal(object)  # RefreshReport

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.setWindowTitle("Briefing")
        self.setWindowIcon(icon("briefing"))
        self.settings = Settings(data_dir)
        self.state = QSettings(str(data_dir / "window-state.ini"), QSettings.Format.IniFormat)
        self.service = Service(data_dir)  # the UI thread's own connection: quick reads only
        self.store: Store = self.service.store
        self.tasks = Tasks(self)
        self.favicons = Favicons(data_dir / "favicons")
        self._icon_cache: dict[str, QIcon | None] = {}
        self.tasks.progressed.connect(self._on_task_progressed)
        self._build()
        self._restore_state()
        self.reload_feeds()
        self._show_view(self.feeds.current_view())
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._apply_interval()
        self._apply_live_interval()
        self.load_watchlist()
        self.list.setFocus()

        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):  # Qt 6.5+: follow the system's light/dark
            hints.colorSchemeChanged.connect(self._on_color_scheme_changed)
        # Everything alive now (Qt's wrappers, the modules) lives as long as the window: leave
        # it out of the cyclic collector, whose full passes over it held the UI thread for
        # 50-90 ms about once a second while a refresh allocated in a worker. Garbage is
        # collected first: frozen, a dead cycle would keep Python wrappers of Qt objects that
        # Qt has deleted, and their addresses, once reused, would resolve to the wrong object.
        gc.collect()
        gc.freeze()
        # Workers (prices, reads) hand the interpreter back every millisecond rather than
        # every five, so the UI thread never queues long behind several of them.
        sys.setswitchinterval(0.001)

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.feeds = FeedPane()
        self.feeds.view_selected.connect(self._show_view)
        self.feeds.customContextMenuRequested.connect(self._on_feeds_context_menu)
        self.feeds.feed_dropped.connect(self._on_feed_dropped)

        self.model = ArticleModel(self)
        self.list = QTableView()
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setAlternatingRowColors(True)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setDefaultSectionSize(26)
        self.list.setItemDelegateForColumn(TICKERS, TickerChipDelegate(self.list))
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.list.setColumnWidth(1, 110)
        self.list.setColumnWidth(TIME, 60)
        self.list.setColumnWidth(TICKERS, 140)
        self.list.selectionModel().currentRowChanged.connect(self._on_article_changed)
        self.list.doubleClicked.connect(lambda _index: self.open_original())

        self.view = ArticleView(ImageCache(self.data_dir / "images"))
        self.view.listing_selected.connect(self._on_listing_selected)
        self.view.pin_asked.connect(self.toggle_pin)
        self.view.correction_asked.connect(self._on_correction)
        # The charts (pyqtgraph, numpy: a few hundred milliseconds and tens of megabytes)
        # are made the first time they are shown, not at start-up.
        self._news_chart: Any = None
        self._ticker: Any = None
        self.watch = WatchlistPanel()
        self.watch.opened.connect(self.open_news)
        self.watch.removed.connect(self.unpin)
        self.watch.model.reordered.connect(self._on_watch_reordered)
        self.watch.export_asked.connect(lambda: self.export_watchlist())
        self.watch.import_asked.connect(lambda: self.import_watchlist())
        self.watch_dock = QDockWidget("Watchlist", self)
        self.watch_dock.setObjectName("watchlist-dock")
        self.watch_dock.setWidget(self.watch)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.watch_dock)
        self.watch_dock.hide()  # shown once something is pinned
        self.banner = NoticeBanner()
        self.banner.shown_asked.connect(self._show_watchlist_view)
        self.notifier = Notifier(self, self.banner)
        self.notifier.clicked.connect(self._show_watchlist_view)
        self.ticker_dock = QDockWidget("Ticker", self)
        self.ticker_dock.setObjectName("ticker-dock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.ticker_dock)
        self.ticker_dock.hide()
        self._live = QTimer(self)
        self._live.timeout.connect(self._on_live_tick)
        self.view.images_allowed.connect(self._on_images_allowed)
        self.view.image_wanted.connect(self._on_image_wanted)
        self._images_pending: set[str] = set()

        self.welcome = QLabel()
        self.welcome.setWordWrap(True)
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setTextFormat(Qt.TextFormat.RichText)
        self.welcome.linkActivated.connect(self._on_welcome_link)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._splitter())
        self.stack.addWidget(self.welcome)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the archive  (/)")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self.search.returnPressed.connect(self._on_search)
        self.search.textChanged.connect(self._on_search_text_changed)

        bar = self.addToolBar("Main")
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(18, 18))
        self.refresh_action = self._action("Refresh", "r", lambda: self.refresh(), bar,
                                           "refresh")
        self._action("Add feed…", QKeySequence.StandardKey.New, self.add_feed, bar, "add")
        bar.addSeparator()
        self._action("Import OPML…", None, lambda: self.import_opml(), bar, "import")
        self._action("Export OPML…", None, lambda: self.export_opml(), bar, "export")
        self._action("Settings…", QKeySequence.StandardKey.Preferences, self.open_settings, bar,
                     "settings")
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.search)
        self._shortcuts()
        self.status = QLabel("Ready")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # error sentences may hold "<…>"
        self.statusBar().addWidget(self.status, 1)

    def _splitter(self) -> QSplitter:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.feeds)
        self.middle = QSplitter(Qt.Orientation.Vertical)
        self.middle.addWidget(self.list)
        self.middle.setStretchFactor(1, 3)
        self.splitter.addWidget(self.middle)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([220, 540, 520])
        return self.splitter

    def _action(self, text: str, key: Any, slot: Any, bar: Any, icon_name: str) -> QAction:
        action = QAction(icon(icon_name), text, self)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        bar.addAction(action)
        return action

    def _shortcuts(self) -> None:
        keys = {
            "j": lambda: self.move(1), "k": lambda: self.move(-1),
            "n": lambda: self.move_unread(1), "p": self._on_p,
            "Space": self.page_or_next, "m": self.toggle_read, "s": self.toggle_star,
            "o": self.open_original, "Return": self.open_original,
            "/": self.search.setFocus, "Ctrl+Q": self.close,
        }
        for key, slot in keys.items():
            # Reading keys act in the panes, never while typing in the search box.
            reading = key not in ("/", "Ctrl+Q")
            shortcut = QShortcut(QKeySequence(key), self.splitter if reading else self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut if reading
                                else Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    def _on_p(self) -> None:
        """P pins the ticker under the keyboard focus in the article (Tab reaches tickers);
        anywhere else it goes to the previous unread article."""
        symbol = self.view.focused_listing() if self.view.hasFocus() else None
        if symbol:
            self.toggle_pin(symbol)
        else:
            self.move_unread(-1)

    # -- state ----------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.state.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        sizes = self.state.value("splitter")
        if isinstance(sizes, QByteArray):
            self.splitter.restoreState(sizes)
        columns = self.state.value("columns")
        if isinstance(columns, QByteArray):
            self.list.horizontalHeader().restoreState(columns)
        docks = self.state.value("docks")
        if isinstance(docks, QByteArray):
            self.restoreState(docks)
            self.ticker_dock.hide()  # it shows again when the reader picks a ticker

    def _save_state(self) -> None:
        self.state.setValue("geometry", self.saveGeometry())
        self.state.setValue("splitter", self.splitter.saveState())
        self.state.setValue("columns", self.list.horizontalHeader().saveState())
        self.state.setValue("docks", self.saveState())
        self.state.sync()

    def css(self) -> str:
        theme = self.settings["theme"]
        dark = theme == "dark" or (theme == "system" and _system_is_dark(self))
        for chart in (self._ticker, self._news_chart):
            if chart is not None:
                chart.apply_theme(dark=dark)
        return stylesheet(DARK if dark else LIGHT, self.settings["font_size"])

    def _on_color_scheme_changed(self, _scheme: Any) -> None:
        if self.current_article() is not None:
            self._on_article_changed(self.list.currentIndex(), None)

    # -- feeds and views ---------------------------------------------------------------

    def reload_feeds(self) -> None:
        self._show_feeds(FeedState(self.store.feeds(), self.store.folders(),
                                   self.store.unread_counts(), self.store.starred_count(),
                                   self.store.watch_unread_count()))

    def _show_feeds(self, state: FeedState) -> None:
        feeds = state.feeds
        self.feeds.watch_unread = state.watch_unread
        self.feeds.populate(feeds, state.folders, state.unread, state.starred, self._icons(feeds))
        self.stack.setCurrentIndex(1 if not feeds else 0)
        if not feeds:
            self._show_welcome()
        self._fetch_missing_icons(feeds)

    def _icons(self, feeds: list[Any]) -> dict[int, QIcon]:
        icons: dict[int, QIcon] = {}
        for feed in feeds:
            url = feed.site_url or feed.url
            if url not in self._icon_cache:  # read and decoded once per site
                data = self.favicons.get(url)
                pixmap = QPixmap()
                self._icon_cache[url] = QIcon(pixmap) if data and pixmap.loadFromData(data) \
                    else None
            icon = self._icon_cache[url]
            if icon is not None:
                icons[feed.id] = icon
        return icons

    def _fetch_missing_icons(self, feeds: list[Any]) -> None:
        """Each site's favicon, fetched once in the background (never for sample feeds)."""
        wanted = sorted({f.site_url or f.url for f in feeds
                         if not self.favicons.known(f.site_url or f.url)})
        if not wanted or self.tasks.busy("favicons"):
            return
        favicons = self.favicons

        def work(task: Task) -> int:
            found = 0
            for url in wanted[:50]:
                if task.cancel.is_set():
                    break
                found += favicons.fetch(url) is not None
            return found

        self.tasks.run(work, on_done=self._on_icons_fetched, key="favicons")

    def _on_icons_fetched(self, found: int) -> None:
        if found:
            self._icon_cache.clear()
            self.reload_feeds()

    def _query(self, view: View) -> Query:
        """How to read a page of this view's articles, given a store's service (the UI
        thread's own, or a worker's)."""
        search = self.search.text().strip()
        if search:
            def query_search(service: Service, offset: int, limit: int) -> list[Article]:
                found = service.store.search(search, limit=limit, offset=offset)
                return service.with_listings(found)
            return query_search
        if view.kind == "watchlist":
            def query_watchlist(service: Service, offset: int, limit: int) -> list[Article]:
                return service.watch_articles(limit=limit, offset=offset)
            return query_watchlist
        if view.kind == "news":
            symbol = view.title

            def query_news(service: Service, offset: int, limit: int) -> list[Article]:
                try:
                    return service.news_for(symbol, limit=limit, offset=offset)
                except BriefingError:  # a pinned symbol the catalog does not know
                    return []
            return query_news
        ids: list[int] | None = None
        if view.kind == "feed" and view.id is not None:
            ids = [view.id]
        elif view.kind == "folder":
            ids = self._feeds_in_folder(view.id)

        def query(service: Service, offset: int, limit: int) -> list[Article]:
            rows = service.store.articles(unread=view.kind == "unread",
                                          starred=view.kind == "starred", feed_ids=ids,
                                          limit=limit, offset=offset)
            return service.with_listings(rows)
        return query

    def _feeds_in_folder(self, folder_id: int | None) -> list[int]:
        folders = self.store.folders()
        inside = {folder_id}
        changed = True
        while changed:
            changed = False
            for f in folders:
                if f.parent_id in inside and f.id not in inside:
                    inside.add(f.id)
                    changed = True
        return [f.id for f in self.store.feeds() if f.folder_id in inside]

    def _show_view(self, view: View) -> None:
        if view.kind != "news" and self._news_chart is not None:
            self._news_chart.hide()
        query = self._query(view)
        self._list_query = query
        self.model.set_source(lambda offset, limit: query(self.service, offset, limit))
        if self.model.rowCount():
            self.list.selectRow(0)
        else:
            self.view.show_message("<p style='color:gray'>No articles here yet.</p>", self.css())

    # -- articles ---------------------------------------------------------------------------

    def current_article(self) -> Article | None:
        index = self.list.currentIndex()
        return self.model.article(index.row()) if index.isValid() else None

    def _on_article_changed(self, current: Any, _previous: Any) -> None:
        article = self.model.article(current.row()) if current.isValid() else None
        if article is None:
            return
        full = self.store.article(article.id)
        if full is None:
            return
        policy = self.settings["load_images"]
        allowed = policy == "always" or (policy == "ask" and
                                         self.store.images_allowed(article.feed_id))
        tags = self.store.tags(article.id)
        self.view.show_article(full, tags, self.css(), show_images=allowed,
                               offer_images=policy == "ask")
        self._fetch_chip_prices(full, tags)
        if self.ticker_dock.isVisible():
            self.ticker.set_published(full.published)
        if not article.read:
            self.store.set_read([article.id], True)
            self.model.replace(current.row(), _with(article, read=True))
            self.feeds.count_read(article.feed_id, self._watched(tags))

    def _watched(self, tags: TagResult) -> bool:
        """Whether an article names anything on the watchlist."""
        pinned = {r.entity_id for r in self.watch.model.rows if r.entity_id}
        return any(e.id in pinned for e in tags.entities)

    def move(self, step: int) -> None:
        row = self.list.currentIndex().row() + step
        while row >= self.model.rowCount() and self.model.canFetchMore(self.list.rootIndex()):
            self.model.fetchMore(self.list.rootIndex())
        if 0 <= row < self.model.rowCount():
            self.list.selectRow(row)

    def move_unread(self, step: int) -> None:
        row = self.list.currentIndex().row() + step
        while True:
            if row >= self.model.rowCount() and self.model.canFetchMore(self.list.rootIndex()):
                self.model.fetchMore(self.list.rootIndex())
            article = self.model.article(row)
            if article is None:
                return
            if not article.read:
                self.list.selectRow(row)
                return
            row += step

    def page_or_next(self) -> None:
        bar = self.view.verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
        else:
            self.move_unread(1)

    def toggle_read(self) -> None:
        article = self.current_article()
        if article is None:
            return
        self.store.set_read([article.id], not article.read)
        self.model.replace(self.list.currentIndex().row(), _with(article, read=not article.read))
        self.feeds.count_read(article.feed_id, self._watched(self.view.tags),
                              delta=1 if article.read else -1)  # no query: one changed

    def toggle_star(self) -> None:
        article = self.current_article()
        if article is None:
            return
        self.store.set_starred([article.id], not article.starred)
        self.model.replace(self.list.currentIndex().row(),
                           _with(article, starred=not article.starred))
        self.feeds.count_starred(1 if not article.starred else -1)

    def open_original(self) -> None:
        from ..core.sample import is_sample_url

        article = self.current_article()
        if article is not None and article.url and not is_sample_url(article.url):
            QDesktopServices.openUrl(QUrl(article.url))
        elif article is not None and article.url:
            self.status.setText("This sample article exists only in Briefing.")

    def _on_images_allowed(self) -> None:
        article = self.current_article()
        if article is not None:
            self.store.update_feed(article.feed_id, load_images=1)
            self._on_article_changed(self.list.currentIndex(), None)

    def _on_image_wanted(self, url: str) -> None:
        if url in self._images_pending:
            return
        self._images_pending.add(url)
        cache = self.view.cache

        def work(_task: Task) -> bytes | None:
            return cache.fetch(url)

        def done(data: bytes | None) -> None:
            self._images_pending.discard(url)
            if data is not None:
                self.view.document().markContentsDirty(0, self.view.document().characterCount())
                self._on_article_changed(self.list.currentIndex(), None)

        self.tasks.run(work, on_done=done)

    # -- prices: the ticker panel and the chips' prices ---------------------------------

    @property
    def ticker(self) -> Any:
        """The ticker panel (tickerpanel.TickerPanel), made when first needed."""
        if self._ticker is None:
            from .tickerpanel import TickerPanel

            self._ticker = TickerPanel()
            self._ticker.pin_toggled.connect(self.toggle_pin)
            self._ticker.range_chosen.connect(self._on_ticker_range)
            self.ticker_dock.setWidget(self._ticker)
            self.css()  # its colours
        return self._ticker

    @property
    def news_chart(self) -> Any:
        """The chart above the list in news for a listing (newschart.NewsChart)."""
        if self._news_chart is None:
            from .newschart import NewsChart

            self._news_chart = NewsChart()
            self._news_chart.hide()
            self._news_chart.article_clicked.connect(self._select_article)
            self._news_chart.range_chosen.connect(lambda _r: self._fetch_news_bars())
            self.middle.insertWidget(0, self._news_chart)
            self.css()
        return self._news_chart

    def _on_listing_selected(self, entity_id: str, listing: str) -> None:
        entity = next((e for e in self.view.tags.entities if e.id == entity_id), None)
        if not listing or entity is None:
            name = entity.name if entity else entity_id
            self.status.setText(f"{name} is not listed: it has no price.")
            return
        article = self.current_article()
        if not self.ticker_dock.isVisible():
            self.ticker_dock.show()
            self.resizeDocks([self.ticker_dock], [max(300, self.width() // 4)],
                             Qt.Orientation.Horizontal)
        self.ticker_dock.raise_()
        self.ticker.show_listing(listing, entity.name, article.published if article else None)
        self._fetch_ticker(quote=True, bars=True)

    def _fetch_ticker(self, *, quote: bool, bars: bool, max_age: float | None = None) -> None:
        """The panel's quote and bars, read in workers (cached values come back at once)."""
        symbol, range_, data_dir = self.ticker.symbol, self.ticker.range, self.data_dir
        if not symbol:
            return
        if quote:
            def read_quote(_task: Task) -> Any:
                with Service(data_dir) as service:
                    return service.market.quotes([symbol], max_age=max_age)[0]

            self.tasks.run(read_quote, on_done=self._on_ticker_quote,
                           on_error=self._on_ticker_failed, key="ticker-quote")
        if bars:
            def read_bars(_task: Task) -> Any:
                with Service(data_dir) as service:
                    return service.history(symbol, range_)

            self.tasks.run(read_bars, on_done=self.ticker.set_bars,
                           on_error=self._on_ticker_failed, key="ticker-bars")

    def _on_ticker_quote(self, quote: Any) -> None:
        if isinstance(quote, Quote):
            self.ticker.set_quote(quote)
        else:
            self.ticker.set_error(quote.error)

    def _on_ticker_failed(self, error: BaseException) -> None:
        self.ticker.set_error(str(error) if isinstance(error, BriefingError)
                              else "Prices could not be read; details are in the log.")
        if not isinstance(error, BriefingError):
            log.error("price fetch failed", exc_info=error)

    def _on_ticker_range(self, _range: str) -> None:
        self._fetch_ticker(quote=False, bars=True)

    def _on_live_tick(self) -> None:
        """Live prices while they can be seen: paused when the window is hidden or minimised,
        or offline; a failed fetch just shows the last known value."""
        if not self.isVisible() or self.isMinimized():
            return
        if _offline():
            if self._ticker is not None:
                self._ticker.state.setText("Offline: prices resume when the network is back.")
            return
        if self.watch_dock.isVisible() and self.watch.model.rows and \
                not self.tasks.busy("watch-prices"):  # a slow network: no pile-up
            self._fetch_watch_prices()
        if not self.ticker_dock.isVisible():
            return
        seconds = float(self.settings["quote_refresh_seconds"])
        if not self.tasks.busy("ticker-quote"):
            self._fetch_ticker(quote=True, bars=self.ticker.range == "1d", max_age=seconds - 1)

    def _apply_live_interval(self) -> None:
        self._live.start(int(self.settings["quote_refresh_seconds"]) * 1000)

    # -- the watchlist --------------------------------------------------------------------

    def load_watchlist(self) -> None:
        """The dock's rows from the archive: names, cached prices, today's counts (a worker),
        then live prices."""
        data_dir = self.data_dir

        def read(_task: Task) -> list[WatchRow]:
            with Service(data_dir) as service:
                return read_rows(service, fetch=False)

        def show(rows: list[WatchRow]) -> None:
            self.watch.model.set_rows(rows)
            if rows and not self.watch_dock.isVisible():
                self.watch_dock.show()
                self.resizeDocks([self.watch_dock], [max(380, self.width() // 4)],
                                 Qt.Orientation.Horizontal)
            self._fetch_watch_prices()

        self.tasks.run(read, on_done=show, on_error=self._on_task_failed, key="watch-rows")

    def _fetch_watch_prices(self) -> None:
        """Live prices and today's sparklines for every pinned listing, in a worker; each
        row is then repainted in place (never a reset)."""
        data_dir, seconds = self.data_dir, float(self.settings["quote_refresh_seconds"])

        def read(_task: Task) -> list[WatchRow]:
            with Service(data_dir) as service:
                return read_rows(service, fetch=True, max_age=seconds - 1)

        def show(rows: list[WatchRow]) -> None:
            if {r.symbol for r in rows} != set(self.watch.model.symbols()):
                self.watch.model.set_rows(rows)  # pinned or unpinned meanwhile
                return
            # the same listings (perhaps just reordered by the reader): numbers in place
            for row in rows:
                self.watch.model.update(row.symbol, price=row.price, currency=row.currency,
                                        change_percent=row.change_percent, stale=row.stale,
                                        spark=row.spark, previous_close=row.previous_close,
                                        today=row.today)

        self.tasks.run(read, on_done=show, on_error=lambda e: log.info("watch prices: %r", e),
                       key="watch-prices")

    def pinned(self, symbol: str) -> bool:
        return symbol in self.watch.model.symbols()

    def toggle_pin(self, symbol: str) -> None:
        if self.pinned(symbol):
            self.unpin(symbol)
        else:
            self.pin(symbol)

    def pin(self, symbol: str) -> None:
        data_dir = self.data_dir

        def work(_task: Task) -> Any:
            with Service(data_dir) as service:
                return service.watch_add(symbol)

        def done(added: Any) -> None:
            self.status.setText(f"Pinned {added.symbol} to the watchlist."
                                if added.added else f"{added.symbol} was already pinned.")
            self.watch_dock.show()
            self.load_watchlist()
            self._update_aside()

        self.tasks.run(work, on_done=done, on_error=self._on_task_failed)

    def unpin(self, symbol: str) -> None:
        data_dir = self.data_dir

        def work(_task: Task) -> bool:
            with Service(data_dir) as service:
                return service.watch_remove(symbol)

        def done(_gone: bool) -> None:
            self.status.setText(f"Unpinned {symbol}.")
            self.load_watchlist()
            self._update_aside()

        self.tasks.run(work, on_done=done, on_error=self._on_task_failed)

    def _on_watch_reordered(self, symbols: list[str]) -> None:
        data_dir = self.data_dir

        def work(_task: Task) -> None:
            with Service(data_dir) as service:
                service.store.watch_order(symbols)

        self.tasks.run(work, on_error=self._on_task_failed)

    def open_news(self, symbol: str) -> None:
        """News for one listing: every stored article naming its company, newest first, with
        its chart above the list and a marker at each article."""
        row = next((r for r in self.watch.model.rows if r.symbol == symbol), None)
        self.news_chart.show_listing(symbol, row.name if row else "")
        if not self.news_chart.isVisible():
            self.news_chart.show()
            total = max(400, self.middle.height())
            self.middle.setSizes([min(240, total // 3), total - min(240, total // 3)])
        view = View("news", None, symbol)
        self.feeds.leave(view)
        self._show_view(view)
        if row is not None and not row.entity_id:
            self.status.setText(f"{symbol} is not in Briefing's catalog: no article can be "
                                "matched to it.")
        self._mark_news_articles()
        self._fetch_news_bars()

    def _mark_news_articles(self) -> None:
        marks = []
        for r in range(self.model.rowCount()):
            article = self.model.article(r)
            if article is not None and article.published:
                when = datetime.fromisoformat(article.published).timestamp()
                marks.append((when, article.id, article.title))
        self.news_chart.set_articles(marks)

    def _fetch_news_bars(self) -> None:
        symbol, range_, data_dir = self.news_chart.symbol, self.news_chart.range, self.data_dir

        def read(_task: Task) -> Any:
            with Service(data_dir) as service:
                return service.history(symbol, range_)

        self.tasks.run(read, on_done=self.news_chart.set_bars,
                       on_error=lambda e: self.news_chart.note.setText(str(e)),
                       key="news-bars")

    def _select_article(self, article_id: int) -> None:
        row = self.model.row_of(article_id)
        if row >= 0:
            self.list.selectRow(row)
            self.list.scrollTo(self.model.index(row, 0))

    def _show_watchlist_view(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.banner.hide()
        self.feeds.select_view(next(v for v in SMART_VIEWS if v.kind == "watchlist"))

    def export_watchlist(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, "Export the watchlist",
                                                    "watchlist.csv", "CSV (*.csv)")
            if not chosen:
                return
            path = Path(chosen)
        target, data_dir = path, self.data_dir

        def work(_task: Task) -> int:
            with Service(data_dir) as service:
                return service.export_watchlist(target)

        self.tasks.run(work, on_done=lambda n: self.status.setText(
            f"Wrote {n} listings to {target}."), on_error=self._on_task_failed)

    def import_watchlist(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Import a watchlist", "",
                                                    "CSV (*.csv *.txt)")
            if not chosen:
                return
            path = Path(chosen)
        source, data_dir = path, self.data_dir

        def work(_task: Task) -> Any:
            with Service(data_dir) as service:
                return service.import_watchlist(source)

        def done(result: Any) -> None:
            added, refused = result
            skipped = f"; skipped {', '.join(refused[:5])}" if refused else ""
            self.status.setText(f"Pinned {added} listings from {source.name}{skipped}.")
            self.load_watchlist()
            self._update_aside()

        self.tasks.run(work, on_done=done, on_error=self._on_task_failed)

    def _on_correction(self, entity_id: str, words: str, wrong: bool) -> None:
        """The reader corrected a tag: kept in the overrides file, affected articles tagged
        again (a worker), then this article shown again."""
        data_dir = self.data_dir

        def work(_task: Task) -> int:
            with Service(data_dir) as service:
                eid = entity_id
                if eid.startswith("symbol:"):  # "tag these words as the company of SYM"
                    entity = service.entity_for_symbol(eid[7:])
                    if entity is None:
                        raise BriefingError(f"{eid[7:]} is not a listing Briefing knows.")
                    eid = entity.id
                return service.correct_tag(eid, words, wrong=wrong)

        def done(count: int) -> None:
            self.status.setText(f"Corrected: {count} stored article(s) tagged again.")
            if self.current_article() is not None:
                self._on_article_changed(self.list.currentIndex(), None)
            self._update_aside()

        self.tasks.run(work, on_done=done, on_error=self._on_task_failed, key="correction")

    def _notify_watchlist(self, report: RefreshReport) -> None:
        """After a refresh: one notice naming the pinned listings its new articles mention."""
        new_ids = [i for r in report.feeds for i in r.new_article_ids]
        if not new_ids or self.settings["watchlist_notifications"] != "on":
            return
        data_dir = self.data_dir

        def read(_task: Task) -> list[str]:
            with Service(data_dir) as service:
                return service.watched_in(new_ids)

        def notify(symbols: list[str]) -> None:
            if symbols:
                self.notifier.notify(symbols)

        self.tasks.run(read, on_done=notify, on_error=lambda e: log.info("notify: %r", e))

    def _check_key(self, provider: str, key: str, report: Callable[[str], None]) -> None:
        """Try an API key with one request in a worker; report(one sentence) on this thread."""
        data_dir = self.data_dir

        def work(_task: Task) -> str:
            with Service(data_dir) as service:
                message: str = service.market.check_key(provider, key)
                return message

        def failed(error: BaseException) -> None:
            report(str(error) if isinstance(error, BriefingError)
                   else "The key could not be checked; details are in the log.")

        self.tasks.run(work, on_done=report, on_error=failed, key=f"check-{provider}")

    def _fetch_chip_prices(self, article: Article, tags: TagResult) -> None:
        """Prices for the article's listed entities, then the article shown again with them."""
        symbols = [e.listings[0] for e in tags.entities
                   if e.listings and e.type != "private"][:12]
        if not symbols:
            return
        data_dir, article_id = self.data_dir, article.id

        def read(_task: Task) -> Any:
            with Service(data_dir) as service:
                found = service.market.quotes(symbols)
                return {q.symbol: q for q in found if isinstance(q, Quote)}, \
                    service.market.prices_at(list(symbols), article.published)

        def show(result: Any) -> None:
            quotes, then = result
            current = self.current_article()
            if current is None or current.id != article_id or not quotes:
                return
            self.view.show_prices(quotes, then)

        self.tasks.run(read, on_done=show, on_error=lambda e: log.info("chip prices: %r", e),
                       key="chip-prices")

    def _on_search(self) -> None:
        self._show_view(self.feeds.current_view())

    def _on_search_text_changed(self, text: str) -> None:
        if not text:
            self._show_view(self.feeds.current_view())

    # -- refresh ----------------------------------------------------------------------------

    def refresh(self, feed_ids: list[int] | None = None) -> None:
        if self.tasks.busy("refresh"):
            return
        data_dir = self.data_dir
        tasks = self.tasks
        self.status.setText("Refreshing…")

        def work(task: Task) -> RefreshReport:
            def progress(done: int, total: int, report: FeedReport) -> None:
                tasks.report("refresh", (done, total, report))

            with Service(data_dir) as service:
                report = service.refresh(due_only=False, progress=progress,
                                         cancel=task.cancel, feed_ids=feed_ids)
                if not task.cancel.is_set():
                    try:  # once a day, after a refresh (never at start-up: it reads it all)
                        service.daily_backup()
                    except (OSError, sqlite3.Error) as exc:
                        log.warning("daily backup failed: %r", exc)
                return report

        self.tasks.run(work, on_done=self._on_refresh_done, on_error=self._on_refresh_failed,
                       key="refresh")

    def _on_task_progressed(self, key: str, payload: Any) -> None:
        if key == "refresh":
            done, total, _report = payload
            self.status.setText(f"Refreshing… {done} of {total} feeds")

    def _on_refresh_done(self, report: RefreshReport) -> None:
        failed = f", {report.failed} failed" if report.failed else ""
        self.status.setText(f"Refreshed {len(report.feeds)} feeds: {report.new} new{failed}.")
        self._update_aside(lambda: self.refresh_finished.emit(report))
        self._notify_watchlist(report)
        self.load_watchlist()

    def _update_aside(self, then: Callable[[], None] | None = None) -> None:
        """Show the archive's new state without holding the UI thread: the feed pane's
        counts, then the list's rows, each read in a worker and written in place (the
        reader's view, selection and scroll position stay); then `then()`."""
        data_dir = self.data_dir

        def read_feeds(_task: Task) -> FeedState:  # the counts query scans every article
            with Service(data_dir) as service:
                store = service.store
                return FeedState(store.feeds(), store.folders(), store.unread_counts(),
                                 store.starred_count(), store.watch_unread_count())

        def apply(state: FeedState) -> None:
            view = self.feeds.current_view()
            if not self.feeds.update_feeds(state.feeds, state.folders, state.unread,
                                           state.starred, state.watch_unread):
                self._show_feeds(state)  # feeds or folders changed: build the tree again
                self.feeds.select_view(view)
            QTimer.singleShot(0, then_the_list)  # the next turn of the event loop

        def then_the_list() -> None:
            query, wanted = self._list_query, self.model.wanted_rows()

            def read_rows(_task: Task) -> list[Article]:
                with Service(data_dir) as service:
                    return query(service, 0, wanted)

            def show(rows: list[Article]) -> None:
                if query is self._list_query:  # still the view the reader is on
                    self._keeping_place(lambda: self.model.reset_rows(rows, wanted))
                    if self._news_chart is not None and self._news_chart.isVisible():
                        self._mark_news_articles()
                if then is not None:
                    then()

            def show_here(_error: BaseException) -> None:
                self._reload_list_keep_place()
                if then is not None:
                    then()

            self.tasks.run(read_rows, on_done=show, on_error=show_here, key="list-rows")

        def apply_here(_error: BaseException) -> None:  # could not read it aside: read it here
            self.reload_feeds()
            then_the_list()

        self.tasks.run(read_feeds, on_done=apply, on_error=apply_here, key="feed-state")

    def _on_task_failed(self, error: BaseException) -> None:
        """A background task's error, as one sentence in the status bar (never a pop-up)."""
        if isinstance(error, BriefingError | OSError):
            text = str(error) if isinstance(error, BriefingError) else \
                f"{error.strerror or error} ({error.filename or 'file system'})."
            self.status.setText(text)
        else:
            self.status.setText(f"Something went wrong: {error!r}; details are in the log.")
            log.error("background task failed", exc_info=error)

    def _on_refresh_failed(self, error: BaseException) -> None:
        self.status.setText(f"Refresh failed: {error}")
        log.error("refresh failed", exc_info=error)

    def _reload_keep_place(self) -> None:
        """New articles appear without losing the reader's place (selection and scroll)."""
        view = self.feeds.current_view()
        self.reload_feeds()
        self.feeds.select_view(view)
        self._reload_list_keep_place()

    def _reload_list_keep_place(self) -> None:
        self._keeping_place(self.model.reload)

    def _keeping_place(self, reload: Callable[[], None]) -> None:
        """Run reload() on the list, then select the same article and scroll back to it."""
        current = self.current_article()
        scroll = self.list.verticalScrollBar().value()
        top = self.list.indexAt(self.list.viewport().rect().topLeft()).row()
        top_article = self.model.article(top) if top >= 0 else None
        reload()
        if current is not None:
            row = self.model.row_of(current.id)
            if row >= 0:
                self.list.selectionModel().blockSignals(True)
                self.list.selectRow(row)
                self.list.selectionModel().blockSignals(False)
        if top_article is not None:
            row = self.model.row_of(top_article.id)
            if row >= 0:
                self.list.scrollTo(self.model.index(row, 0),
                                   QAbstractItemView.ScrollHint.PositionAtTop)
        elif scroll:
            self.list.verticalScrollBar().setValue(scroll)

    def _apply_interval(self) -> None:
        minutes = self.settings["refresh_interval_minutes"]
        if minutes > 0:
            self._timer.start(minutes * 60_000)
        else:
            self._timer.stop()

    def _on_timer_timeout(self) -> None:
        self.refresh()  # every feed; the core skips those backing off or inside Retry-After

    # -- feeds menu, dialogs ------------------------------------------------------------

    def _on_feeds_context_menu(self, pos: Any) -> None:
        index = self.feeds.indexAt(pos)
        view = view_at(index)
        if view is None or view.kind not in ("feed", "folder"):
            return
        menu = QMenu(self)
        ids = [view.id] if view.kind == "feed" else self._feeds_in_folder(view.id)
        menu.addAction("Mark all read", lambda: self._mark_read(ids))
        menu.addAction("Refresh", lambda: self.refresh(ids))
        if view.kind == "feed":
            menu.addAction("Rename…", lambda: self._rename_feed(view))
            menu.addAction("Move to folder…", lambda: self._move_feed(view))
            menu.addAction("Unsubscribe…", lambda: self._unsubscribe(view))
        menu.exec(self.feeds.viewport().mapToGlobal(pos))

    def _mark_read(self, feed_ids: list[int]) -> None:
        if not feed_ids:
            return
        data_dir = self.data_dir

        def work(_task: Task) -> int:  # a folder can hold most of the archive
            with Service(data_dir) as service:
                return service.store.mark_feeds_read(feed_ids)

        self.tasks.run(work, on_done=lambda _n: self._update_aside(),
                       on_error=self._on_task_failed)

    def _rename_feed(self, view: View) -> None:
        title, ok = QInputDialog.getText(self, "Rename feed", "Title:", text=view.title)
        if ok and title.strip() and view.id is not None:
            self.store.update_feed(view.id, title=title.strip())
            self.reload_feeds()

    def _move_feed(self, view: View) -> None:
        paths = sorted(self.store.folder_paths().values())
        choice, ok = QInputDialog.getItem(
            self, "Move to folder", "Folder (type a new one, A/B for nested; empty for none):",
            ["", *paths], 0, True)
        if ok and view.id is not None:
            with self.store.transaction():
                folder_id = self.store.ensure_folder_path(choice) if choice.strip() else None
            self.store.update_feed(view.id, folder_id=folder_id)
            self.reload_feeds()

    def _on_feed_dropped(self, feed_id: int, folder_id: int | None) -> None:
        self.store.update_feed(feed_id, folder_id=folder_id)
        self.reload_feeds()

    def _unsubscribe(self, view: View, *, confirmed: bool = False) -> None:
        if not confirmed:
            answer = QMessageBox.question(
                self, "Unsubscribe", f"Unsubscribe from “{view.title}” and delete its articles?")
            confirmed = answer == QMessageBox.StandardButton.Yes
        if not confirmed or view.id is None:
            return
        data_dir, feed_id = self.data_dir, view.id

        def work(_task: Task) -> None:  # deletes all its articles and their index entries
            with Service(data_dir) as service:
                service.unsubscribe(feed_id)

        def done(_result: None) -> None:
            self.status.setText(f"Unsubscribed from “{view.title}”.")
            self.feeds.select_view(SMART_VIEWS[0])
            self.reload_feeds()
            self._show_view(SMART_VIEWS[0])

        self.status.setText(f"Unsubscribing from “{view.title}”…")
        self.tasks.run(work, on_done=done, on_error=self._on_task_failed)

    def add_feed(self) -> None:
        from .addfeed import AddFeedDialog

        dialog = AddFeedDialog(sorted(self.store.folder_paths().values()), self._subscribe, self)
        self._add_dialog = dialog
        dialog.open()

    def _subscribe(self, url: str, folder: str, full_text: bool, done: Any) -> None:
        """Subscribe in the background; done(None) on success, done(message) on failure."""
        data_dir = self.data_dir

        def work(_task: Task) -> Any:
            with Service(data_dir) as service:
                return service.add(url, folder=folder or None, full_text=full_text)

        def on_done(summary: Any) -> None:
            self._on_feed_added(summary)
            done(None)

        def on_error(error: BaseException) -> None:
            done(str(error) if isinstance(error, BriefingError)
                 else f"Could not add the feed: {error}")

        self.tasks.run(work, on_done=on_done, on_error=on_error)

    def _on_feed_added(self, summary: Any) -> None:
        self.status.setText(f"Subscribed to “{summary.feed.title}”: {summary.report.new} "
                            "articles.")
        self._reload_keep_place()

    def import_opml(self, path: Path | None = None) -> None:
        """Subscribe to an OPML file's feeds (asks for the file when not given)."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Import OPML", "",
                                                    "OPML (*.opml *.xml)")
            if not chosen:
                return
            path = Path(chosen)
        data_dir = self.data_dir

        def work(_task: Task) -> Any:
            with Service(data_dir) as service:
                return service.import_opml(path)

        def done(summary: Any) -> None:
            self.status.setText(f"Imported {summary.added} feeds. Refreshing…")
            self.reload_feeds()
            self.refresh()

        def failed(error: BaseException) -> None:
            self._on_task_failed(error)
            self.status.setText(f"Could not import {path.name}: {self.status.text()}")

        self.status.setText("Importing…")
        self.tasks.run(work, on_done=done, on_error=failed)

    def export_opml(self, path: Path | None = None) -> None:
        """Write the subscriptions as OPML (asks where when not given)."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, "Export OPML", "briefing.opml",
                                                    "OPML (*.opml)")
            if not chosen:
                return
            path = Path(chosen)
        target = path
        data_dir = self.data_dir

        def work(_task: Task) -> None:
            with Service(data_dir) as service:
                target.write_text(service.export_opml(), encoding="utf-8")

        self.tasks.run(work, on_done=lambda _r: self.status.setText(f"Wrote {target}."),
                       on_error=self._on_task_failed)

    def open_settings(self) -> None:
        from .settingsdialog import SettingsDialog

        if SettingsDialog(self.settings, self, check_key=self._check_key).exec():
            self._apply_interval()
            self._apply_live_interval()
            article = self.current_article()
            if article is not None:
                self._on_article_changed(self.list.currentIndex(), None)

    # -- first run ------------------------------------------------------------------------

    def _show_welcome(self) -> None:
        self.welcome.setText(
            "<h1>Welcome to Briefing</h1>"
            "<p>Your market news, read offline, with every ticker and quotation picked out.</p>"
            "<p><a href='sample'>Open the sample briefing</a> (works without a network)</p>"
            "<p><a href='defaults'>Subscribe to suggested market-news feeds</a></p>"
            "<p><a href='add'>Add a feed…</a> &nbsp; <a href='import'>Import OPML…</a></p>"
        )

    def _on_welcome_link(self, link: str) -> None:
        if link == "add":
            self.add_feed()
        elif link == "import":
            self.import_opml()
        elif link == "sample":
            self._load_sample()
        elif link == "defaults":
            self._subscribe_defaults()

    def _load_sample(self) -> None:
        from ..core.sample import load_sample

        data_dir = self.data_dir
        self.status.setText("Loading the sample briefing…")

        def work(_task: Task) -> int:
            with Service(data_dir) as service:
                return load_sample(service)

        self.tasks.run(work, on_done=self._on_sample_loaded, on_error=self._on_refresh_failed)

    def _on_sample_loaded(self, added: int) -> None:
        self.status.setText(f"Loaded the sample briefing: {added} articles.")
        self.reload_feeds()
        self._show_view(self.feeds.current_view())

    def _subscribe_defaults(self) -> None:
        from ..core.paths import resources_dir

        path = resources_dir() / "default-feeds.opml"
        if not path.exists():
            self.status.setText("The suggested feeds list is missing.")
            return
        self.import_opml(path)

    # -- shutdown -----------------------------------------------------------------------

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self._timer.stop()
        self._save_state()
        self.tasks.shutdown(timeout=3.0)
        self.service.close()
        super().closeEvent(event)


def _offline() -> bool:
    """Whether the system says there is no network (where Qt can tell: NetworkManager,
    connman, glib, Windows, macOS); unknown counts as online."""
    from PySide6.QtNetwork import QNetworkInformation

    if QNetworkInformation.instance() is None and not QNetworkInformation.loadDefaultBackend():
        return False
    info = QNetworkInformation.instance()
    return info is not None and info.reachability() == \
        QNetworkInformation.Reachability.Disconnected


def _system_is_dark(widget: QWidget) -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    return widget.palette().window().color().lightness() < 128


def _with(article: Article, **changes: Any) -> Article:
    from dataclasses import replace

    return replace(article, **changes)


def archive_exists(data_dir: Path) -> bool:
    return archive_path(data_dir).exists()
