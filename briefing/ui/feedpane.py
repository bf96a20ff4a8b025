"""The feed pane: smart views, folders and feeds with unread counts and failure badges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from ..core.models import Feed, Folder
from .icons import icon

VIEW_ROLE = Qt.ItemDataRole.UserRole + 1  # "kind:id:title" — plain text, never an object


@dataclass(frozen=True)
class View:
    """What the article list shows: a smart view, a folder or a feed."""

    kind: str  # all, unread, starred, folder, feed
    id: int | None = None
    title: str = ""


SMART_VIEWS = (View("all", title="All articles"), View("unread", title="Unread"),
               View("starred", title="Starred"), View("watchlist", title="Watchlist"))


def _encode(view: View) -> str:
    # Items hold plain strings: PySide mis-counts references to Python objects kept in item
    # data and read back many times (a crash seen with a thousand feeds).
    return f"{view.kind}:{'' if view.id is None else view.id}:{view.title}"


def view_at(index: Any) -> View | None:
    """The view an index of the feed pane stands for."""
    raw = index.data(VIEW_ROLE) if index is not None and index.isValid() else None
    if not isinstance(raw, str):
        return None
    kind, ident, title = raw.split(":", 2)
    return View(kind, int(ident) if ident else None, title)


class FeedPane(QTreeView):
    view_selected = Signal(object)  # View
    feed_dropped = Signal(int, object)  # feed id, folder id (None: no folder)

    def __init__(self) -> None:
        super().__init__()
        self.model_ = QStandardItemModel(0, 2, self)
        self.model_.setHorizontalHeaderLabels(["Feeds", ""])
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The count column is as wide as the widest count can be: fitting it to its contents
        # measured every row again at each changed count (200 feeds: 60 ms per refresh).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("000000") + 8)
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self._current: View = SMART_VIEWS[0]
        self._rebuilding = False
        self._shape: tuple[Any, ...] = ()  # folders and feeds as the tree shows them
        # Where each feed's row is. Not the QStandardItem itself: the model owns and deletes
        # its items, and a Python wrapper kept past that points at freed memory (PySide
        # cannot tell), which later crashes or turns into an unrelated object.
        self._feed_rows: dict[int, QPersistentModelIndex] = {}
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)

    def populate(self, feeds: list[Feed], folders: list[Folder], unread: dict[int, int],
                 starred: int, icons: dict[int, QIcon] | None = None) -> None:
        """Fill the tree again, keeping the reader's current view selected.

        Nothing is announced while the tree is rebuilt: a refresh of the unread counts must
        not look like the reader choosing another view.
        """
        keep = self._current
        self._rebuilding = True
        try:
            self._populate(feeds, folders, unread, starred, icons)
            self.select_view(keep)
        finally:
            self._rebuilding = False
        self._current = keep

    def update_feeds(self, feeds: list[Feed], folders: list[Folder], unread: dict[int, int],
                     starred: int, watch_unread: int = 0) -> bool:
        """Write new counts and failure badges into the tree in place; False when feeds or
        folders were added, removed, renamed or moved (the caller then populates again)."""
        if _shape(feeds, folders) != self._shape:
            return False
        for feed in feeds:
            item = self.feed_item(feed.id)
            if item is not None:
                _show_state(item, feed)
        self.update_counts(unread, starred, watch_unread)
        return True

    def _populate(self, feeds: list[Feed], folders: list[Folder], unread: dict[int, int],
                  starred: int, icons: dict[int, QIcon] | None) -> None:
        self.model_.removeRows(0, self.model_.rowCount())
        self._shape = _shape(feeds, folders)
        self._feed_rows = {}
        total_unread = sum(unread.values())
        self._unread, self._starred = dict(unread), starred
        counts = {"all": None, "unread": total_unread, "starred": starred,
                  "watchlist": self.watch_unread}
        for view in SMART_VIEWS:
            self._append(self.model_.invisibleRootItem(), view, counts[view.kind], bold=True)
        nodes: dict[int | None, QStandardItem] = {None: self.model_.invisibleRootItem()}
        folder_unread: dict[int, int] = {}
        by_id = {f.id: f for f in folders}
        for feed in feeds:
            fid = feed.folder_id
            seen: set[int] = set()
            while fid is not None and fid in by_id and fid not in seen:
                seen.add(fid)
                folder_unread[fid] = folder_unread.get(fid, 0) + unread.get(feed.id, 0)
                fid = by_id[fid].parent_id

        def folder_node(folder_id: int | None) -> QStandardItem:
            if folder_id in nodes:
                return nodes[folder_id]
            folder = by_id[folder_id]  # type: ignore[index]
            parent = folder_node(folder.parent_id if folder.parent_id in by_id else None)
            nodes[folder_id] = self._append(parent, View("folder", folder.id, folder.name),
                                            folder_unread.get(folder.id, 0), bold=True)
            return nodes[folder_id]

        for folder in folders:
            folder_node(folder.id)
        for feed in feeds:
            parent = folder_node(feed.folder_id if feed.folder_id in by_id else None)
            item = self._append(parent, View("feed", feed.id, feed.title or feed.url),
                                unread.get(feed.id, 0))
            self._feed_rows[feed.id] = QPersistentModelIndex(item.index())
            _show_state(item, feed)
            if icons and feed.id in icons:
                item.setIcon(icons[feed.id])
        self.expandAll()

    watch_unread = 0  # unread articles about the watchlist (set by the window)
    _unread: dict[int, int] = {}  # noqa: RUF012 - replaced, never mutated in place
    _starred = 0

    def count_starred(self, delta: int) -> None:
        self.update_counts(self._unread, max(0, self._starred + delta), self.watch_unread)

    def count_read(self, feed_id: int, watched: bool, delta: int = -1) -> None:
        """One article read (or unread again): the counts change by one, no query needed."""
        unread = dict(self._unread)
        unread[feed_id] = max(0, unread.get(feed_id, 0) + delta)
        watch = max(0, self.watch_unread + delta) if watched else self.watch_unread
        self.update_counts(unread, self._starred, watch)

    def update_counts(self, unread: dict[int, int], starred: int,
                      watch_unread: int | None = None) -> None:
        """New unread and starred counts, written into the tree in place (no rebuild)."""
        if watch_unread is not None:
            self.watch_unread = watch_unread
        self._unread, self._starred = dict(unread), starred

        def visit(node: QStandardItem) -> int:
            total = 0
            for row in range(node.rowCount()):
                name, badge = node.child(row, 0), node.child(row, 1)
                if name is None or badge is None:
                    continue
                view = view_at(name.index())
                if view is None:
                    continue
                if view.kind == "feed":
                    count = unread.get(view.id or -1, 0)
                elif view.kind == "folder":
                    count = visit(name)
                elif view.kind == "unread":
                    count = sum(unread.values())
                elif view.kind == "starred":
                    count = starred
                elif view.kind == "watchlist":
                    count = self.watch_unread
                else:
                    count = 0
                text = str(count) if count else ""
                if badge.text() != text:
                    badge.setText(text)
                    font = name.font()
                    font.setBold(bool(count) or view.kind != "feed")
                    name.setFont(font)
                if view.kind in ("feed", "folder"):
                    total += count
            return total

        visit(self.model_.invisibleRootItem())

    def _append(self, parent: QStandardItem, view: View, count: int | None,
                bold: bool = False) -> QStandardItem:
        name = QStandardItem(view.title)
        name.setData(_encode(view), VIEW_ROLE)
        name.setIcon(icon(view.kind))  # a feed's own favicon replaces it once fetched
        badge = QStandardItem(str(count) if count else "")
        badge.setData(_encode(view), VIEW_ROLE)
        badge.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bold or count:
            font = QFont()
            font.setBold(True)
            name.setFont(font)
        parent.appendRow([name, badge])
        return name

    def feed_item(self, feed_id: int) -> QStandardItem | None:
        """A feed's row in the tree, looked up now (never kept: see _feed_rows)."""
        row = self._feed_rows.get(feed_id)
        if row is None or not row.isValid():
            return None
        return self.model_.itemFromIndex(QModelIndex(row))

    def feed_row(self, feed_id: int) -> QPersistentModelIndex | None:
        return self._feed_rows.get(feed_id)

    def leave(self, view: View) -> None:
        """The list shows something the pane does not hold (news for a listing): no row is
        current, and choosing any view again shows it."""
        self._rebuilding = True
        try:
            self.setCurrentIndex(QModelIndex())
        finally:
            self._rebuilding = False
        self._current = view

    def select_view(self, view: View) -> None:
        match = self._find(view) or self._find(SMART_VIEWS[0])
        if match is not None:
            self.setCurrentIndex(match.index())
            if self._rebuilding:
                self._current = view

    def _find(self, view: View) -> QStandardItem | None:
        stack = [self.model_.invisibleRootItem()]
        while stack:
            node = stack.pop()
            for row in range(node.rowCount()):
                child = node.child(row, 0)
                if child is None:
                    continue
                found = view_at(child.index())
                if found is not None and (found.kind, found.id) == (view.kind, view.id):
                    return child
                stack.append(child)
        return None

    def drop_target(self, dragged: View, target: View | None,
                    target_folder: int | None) -> int | None | bool:
        """Where a dragged feed lands: a folder id, None for no folder, False for nowhere."""
        if dragged.kind != "feed":
            return False
        if target is None or target.kind in ("all", "unread", "starred"):
            return None
        if target.kind == "folder":
            return target.id
        return target_folder  # dropped on a feed: into that feed's folder

    def dropEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """The store moves the feed; the tree is rebuilt from it, never moved by hand."""
        dragged = view_at(self.currentIndex())
        index = self.indexAt(event.position().toPoint())
        target = view_at(index)
        parent = view_at(index.parent()) if index.isValid() else None
        target_folder = parent.id if parent is not None and parent.kind == "folder" else None
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if dragged is None:
            return
        where = self.drop_target(dragged, target, target_folder)
        if where is not False and dragged.id is not None:
            self.feed_dropped.emit(dragged.id, where)

    def current_view(self) -> View:
        return self._current

    def _on_current_changed(self, current, _previous) -> None:  # noqa: ANN001
        if self._rebuilding:
            return
        view = view_at(current)
        if view is not None and view != self._current:
            self._current = view
            self.view_selected.emit(view)


def _shape(feeds: list[Feed], folders: list[Folder]) -> tuple[Any, ...]:
    return (tuple((f.id, f.name, f.parent_id) for f in folders),
            tuple((f.id, f.folder_id, f.title or f.url) for f in feeds))


def _show_state(item: QStandardItem, feed: Feed) -> None:
    """A failing feed's name carries a warning sign, in red, with its last error on hover."""
    title = feed.title or feed.url
    failing = bool(feed.last_error or feed.gone)
    text = f"⚠ {title}" if failing else title
    tip = f"{feed.url}\n\nLast error: {feed.last_error or 'gone (410)'}" if failing else feed.url
    if item.text() != text:  # every change repaints and re-measures: write only what differs
        item.setText(text)
        if failing:
            item.setForeground(QBrush(QColor("#c01c28")))
        else:
            item.setData(None, Qt.ItemDataRole.ForegroundRole)
    if item.toolTip() != tip:
        item.setToolTip(tip)
