"""News for one listing: its price over a range with a marker at each article's publication
time, shown above the article list. Clicking a marker opens that article.

One curve and one scatter item, both updated with setData.
"""

from __future__ import annotations

import bisect
import html

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ..core.models import Bars
from .charts import price_plot, range_buttons, style_plot

RANGES = (("5D", "5d"), ("1M", "1mo"), ("6M", "6mo"), ("1Y", "1y"))


class NewsChart(QWidget):
    article_clicked = Signal(int)  # article id
    range_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.symbol = ""
        self.range = "1mo"
        self.title = QLabel("")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        self.ranges = range_buttons(self, RANGES, self.range, buttons)
        self.ranges.buttonClicked.connect(self._on_range)
        self.plot = price_plot(130)
        self.curve = self.plot.plot([], [], pen=pg.mkPen("#1a5fb4", width=2))
        self.markers = pg.ScatterPlotItem(size=9, pen=pg.mkPen("#8a5a00"),
                                          brush=pg.mkBrush("#f0c36b"), hoverable=True,
                                          hoverSize=12, tip=self._tip)
        self.markers.sigClicked.connect(self._on_marker_clicked)
        self.plot.addItem(self.markers)
        self.note = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        self._articles: list[tuple[float, int, str]] = []  # (time, id, title)
        self._bars: Bars | None = None
        self.apply_theme(dark=False)

    def apply_theme(self, *, dark: bool) -> None:
        style_plot(self.plot, dark=dark)

    def show_listing(self, symbol: str, name: str) -> None:
        self.symbol = symbol
        self.title.setText(f"<b>{html.escape(symbol)}</b> · {html.escape(name)} — news")
        self.curve.setData([], [])
        self.markers.setData([])
        self.note.setText("")
        self._bars = None

    def set_bars(self, bars: Bars) -> None:
        if bars.symbol != self.symbol or bars.range != self.range:
            return
        self._bars = bars
        self.curve.setData([t for t, _ in bars.points], [c for _, c in bars.points])
        self.note.setText("Last known prices: offline or no source answered." if bars.stale
                          else "")
        self._place()

    def set_articles(self, articles: list[tuple[float, int, str]]) -> None:
        """(publication time, article id, title) of the articles listed below."""
        self._articles = sorted(articles)
        self._place()

    def marked(self) -> list[int]:
        """The ids of the articles that have a marker on the chart now."""
        return [int(p.data()) for p in self.markers.points()]

    def _place(self) -> None:
        if self._bars is None or not self._bars.points:
            self.markers.setData([])
            return
        times = [t for t, _ in self._bars.points]
        closes = [c for _, c in self._bars.points]
        spots = []
        for when, article_id, _title in self._articles:
            if not times[0] <= when <= times[-1] + 86400:
                continue
            i = max(0, bisect.bisect_right(times, when) - 1)
            spots.append({"pos": (when, closes[i]), "data": article_id})
        self.markers.setData(spots)

    def _tip(self, x: float, y: float, data: object) -> str:
        title = next((t for _, i, t in self._articles if i == data), "")
        return f"{title}\n(click to read it)"

    def _on_marker_clicked(self, _item: object, points: list[object]) -> None:
        if points:
            self.article_clicked.emit(int(points[0].data()))  # type: ignore[attr-defined]

    def _on_range(self, button: QToolButton) -> None:
        self.range = str(button.property("range"))
        self.curve.setData([], [])
        self.markers.setData([])
        self.range_chosen.emit(self.range)
