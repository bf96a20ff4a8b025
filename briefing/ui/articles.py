"""The article list: a paged table model, and the delegate that paints ticker chips."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..core.models import Article
from .render import exact_time, relative_time

PAGE = 200
COLUMNS = ("Title", "Source", "Time", "Tickers")
TITLE, SOURCE, TIME, TICKERS = range(4)
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[int, int], list[Article]]


class ArticleModel(QAbstractTableModel):
    """Articles of one view (a feed, a folder, Unread…), newest first, fetched a page at a time."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Article] = []
        self._fetch: Fetch | None = None
        self._more = False

    def set_source(self, fetch: Fetch | None) -> None:
        """Show another view's articles; the first page is loaded at once."""
        self.beginResetModel()
        self._fetch = fetch
        self._rows = []
        self._more = fetch is not None
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def wanted_rows(self) -> int:
        """How many rows a reload reads: those shown, at least a page."""
        return max(len(self._rows), PAGE)

    def reload(self) -> None:
        """Re-read the rows already shown (and any new ones before them), keeping the count."""
        if self._fetch is None:
            return
        wanted = self.wanted_rows()
        self.reset_rows(self._fetch(0, wanted), wanted)

    def reset_rows(self, fresh: list[Article], wanted: int) -> None:
        """Show these rows, read elsewhere for a reload of `wanted` rows."""
        self.beginResetModel()
        self._rows = fresh
        self._more = len(fresh) == wanted
        self.endResetModel()

    # -- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and self._fetch is not None

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._fetch is None:
            return
        page = self._fetch(len(self._rows), PAGE)
        self._more = len(page) == PAGE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a = self._rows[index.row()]
        column = index.column()
        if role == ARTICLE_ROLE:
            return a
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return ("★ " if a.starred else "") + (a.title or "Untitled")
            if column == SOURCE:
                return a.feed_title
            if column == TIME:
                return relative_time(a.published or a.fetched_at)
            if column == TICKERS:
                return " ".join(a.listings[:4])
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TIME:
                return exact_time(a.published or a.fetched_at)
            if column == TITLE:
                return a.title
        if role == Qt.ItemDataRole.FontRole and not a.read:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == TIME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- helpers for the window ---------------------------------------------------------

    def article(self, row: int) -> Article | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: int) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == article_id), -1)

    def replace(self, row: int, article: Article) -> None:
        self._rows[row] = article
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))


class TickerChipDelegate(QStyledItemDelegate):
    """Paints an article's listings as small rounded chips instead of plain text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        article = index.data(ARTICLE_ROLE)
        if article is None or not article.listings:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                option.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(option.font)
        font.setPointSizeF(max(option.font.pointSizeF() - 1.5, 7.0))
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        dark = option.palette.color(QPalette.ColorRole.Base).lightness() < 128
        fill = QColor("#243a5a" if dark else "#e3ecfa")
        ink = QColor("#cfe1ff" if dark else "#12396e")
        x = option.rect.x() + 4
        height = metrics.height() + 2
        y = option.rect.y() + (option.rect.height() - height) // 2
        for symbol in article.listings[:4]:
            width = metrics.horizontalAdvance(symbol) + 10
            if x + width > option.rect.right() - 2:
                break
            chip = QRect(x, y, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(ink)
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), symbol)
            x += width + 4
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 160), hint.height())
