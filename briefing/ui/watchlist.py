"""The watchlist dock: one row per pinned listing — symbol, name, last price, change, a
1-day sparkline painted from cached bars, and how many articles named it today.

Rows are dragged to reorder them (the order is kept in the archive), removed with Delete or
the context menu, and a double-click (or Enter) opens the news for that listing. The panel
only shows what the window gives it; read_rows() reads the rows (prices, counts) in a worker.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QPolygonF, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import BriefingError
from ..core.models import Quote

SYMBOL, NAME, PRICE, CHANGE, SPARK, TODAY = range(6)
COLUMNS = ("Symbol", "Name", "Last", "Change", "1 day", "Today")
MIME = "application/x-briefing-watch-row"
UP, DOWN = QColor("#26a269"), QColor("#c01c28")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class WatchRow:
    symbol: str
    name: str
    entity_id: str | None = None
    price: float | None = None
    currency: str | None = None
    change_percent: float | None = None
    stale: bool = False
    spark: tuple[float, ...] = ()  # today's closes, oldest first
    previous_close: float | None = None
    today: int = 0  # articles naming it since midnight


class WatchlistModel(QAbstractTableModel):
    reordered = Signal(list)  # the symbols in their new order

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[WatchRow] = []

    def set_rows(self, rows: list[WatchRow]) -> None:
        """The pinned listings (a new list: the model is reset)."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def update(self, symbol: str, **values: Any) -> None:
        """New numbers for one row, painted in place (no reset, no re-layout)."""
        for r, row in enumerate(self.rows):
            if row.symbol == symbol:
                self.rows[r] = replace(row, **values)
                self.dataChanged.emit(self.index(r, 0), self.index(r, len(COLUMNS) - 1))
                return

    def symbols(self) -> list[str]:
        return [r.symbol for r in self.rows]

    # -- Qt model API ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == SYMBOL:
                return row.symbol
            if col == NAME:
                return row.name
            if col == PRICE and row.price is not None:
                return f"{row.price:,.2f}"
            if col == CHANGE and row.change_percent is not None:
                return f"{row.change_percent:+.2f}%"
            if col == TODAY:
                return str(row.today) if row.today else ""
            return ""
        if role == Qt.ItemDataRole.ForegroundRole and col == CHANGE and \
                row.change_percent is not None and not row.stale:
            return UP if row.change_percent >= 0 else DOWN
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f" {row.currency}" if row.currency else ""
            stale = " (last known)" if row.stale else ""
            price = f"{row.price:,.2f}{where}{stale}" if row.price is not None else "no price yet"
            return f"{row.symbol} · {row.name or 'not in the catalog'}\n{price}\n" \
                   f"{row.today} article(s) today"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (PRICE, CHANGE, TODAY):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- dragging rows to reorder them -------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes})
        data.setData(MIME, QByteArray(",".join(str(r) for r in rows).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not data.hasFormat(MIME):
            return False
        moved = [int(r) for r in bytes(data.data(MIME).data()).decode().split(",") if r]
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self.rows))
        self.move(moved, target)
        return False  # the rows are moved here; the view must not remove the originals

    def move(self, rows: list[int], target: int) -> None:
        """Move these rows before row `target`, then announce the new order."""
        picked = [self.rows[r] for r in rows if 0 <= r < len(self.rows)]
        if not picked:
            return
        rest = [r for i, r in enumerate(self.rows) if i not in rows]
        before = sum(1 for r in rows if r < target)
        at = max(0, min(len(rest), target - before))
        self.set_rows(rest[:at] + picked + rest[at:])
        self.reordered.emit(self.symbols())


class SparklineDelegate(QStyledItemDelegate):
    """Today's prices as a small line, green above yesterday's close and red below."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        model = index.model()
        row = model.rows[index.row()] if isinstance(model, WatchlistModel) else None
        if row is None or len(row.spark) < 2:
            return
        rect = option.rect.adjusted(4, 4, -4, -4)  # type: ignore[attr-defined]
        low, high = min(row.spark), max(row.spark)
        if row.previous_close is not None:
            low, high = min(low, row.previous_close), max(high, row.previous_close)
        span = (high - low) or 1.0
        step = rect.width() / (len(row.spark) - 1)
        points = QPolygonF([QPointF(rect.left() + i * step,
                                    rect.bottom() - (c - low) / span * rect.height())
                            for i, c in enumerate(row.spark)])
        base = row.previous_close if row.previous_close is not None else row.spark[0]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(UP if row.spark[-1] >= base else DOWN, 1.4))
        painter.drawPolyline(points)
        painter.restore()


class WatchlistPanel(QWidget):
    opened = Signal(str)  # a listing's news was asked for
    removed = Signal(str)
    export_asked = Signal()
    import_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = WatchlistModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(SPARK, SparklineDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_menu)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated.connect(lambda index: self._open(index.row()))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((SYMBOL, 70), (PRICE, 64), (CHANGE, 60), (SPARK, 64), (TODAY, 44)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                  activated=self._remove_current)
        self.empty = QLabel("Pin a ticker (right-click it in an article, or press P on it) "
                            "to follow its price and news here.")
        self.empty.setWordWrap(True)
        export = QPushButton("Export CSV…")
        export.clicked.connect(self.export_asked)
        load = QPushButton("Import CSV…")
        load.clicked.connect(self.import_asked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(load)
        buttons.addWidget(export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.model.modelReset.connect(self._on_reset)
        self._on_reset()

    def _on_reset(self) -> None:
        self.empty.setVisible(not self.model.rows)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            self.opened.emit(self.model.rows[row].symbol)

    def _remove_current(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < len(self.model.rows):
            self.removed.emit(self.model.rows[row].symbol)

    def _on_menu(self, pos: Any) -> None:
        row = self.table.indexAt(pos).row()
        if not 0 <= row < len(self.model.rows):
            return
        symbol = self.model.rows[row].symbol
        menu = QMenu(self)
        menu.addAction(f"News for {symbol}", lambda: self.opened.emit(symbol))
        menu.addAction(f"Remove {symbol}", lambda: self.removed.emit(symbol))
        menu.exec(self.table.viewport().mapToGlobal(pos))


def read_rows(service: Any, *, fetch: bool, max_age: float | None = None
                ) -> list[WatchRow]:
    """The watchlist's rows: cached (or, with `fetch`, live) prices, today's prices for the
    sparkline, and how many articles named each company since midnight (local time)."""
    items = service.watchlist()
    symbols = [w.symbol for w in items]
    if fetch:
        quotes = {q.symbol: q for q in service.market.quotes(symbols, max_age=max_age)
                  if isinstance(q, Quote)}
    else:
        quotes = {s: q for s, (q, _) in service.store.cached_quotes(symbols).items()}
    midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    counts = service.store.mention_counts_since(
        [w.entity_id for w in items if w.entity_id],
        midnight.astimezone(UTC).isoformat())
    rows = []
    for w in items:
        spark: tuple[float, ...] = ()
        previous = None
        cached = service.store.cached_bars(w.symbol, "1d")
        if fetch:  # served from the cache while it is fresh (five minutes)
            with contextlib.suppress(BriefingError):
                cached = (service.market.history(w.symbol, "1d"), 0.0)
        if cached is not None:
            spark = tuple(c for _, c in cached[0].points)
            previous = cached[0].previous_close
        q = quotes.get(w.symbol)
        rows.append(WatchRow(
            symbol=w.symbol, name=w.name, entity_id=w.entity_id, price=q.price if q else None,
            currency=q.currency if q else None, change_percent=q.change_percent if q else None,
            stale=bool(q and q.stale), spark=spark, previous_close=previous,
            today=counts.get(w.entity_id or "", 0)))
    return rows
