"""The ticker panel: one listing's price, change and a mini-chart (pyqtgraph) over a chosen
range, with a marker at the publication time of the article being read.

The chart is one plot item whose data is replaced with setData, never rebuilt. The panel
only shows what it is given; the window fetches quotes and bars in workers.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.models import Bars, Quote
from .charts import price_plot, range_buttons, style_plot

RANGES = (("1D", "1d"), ("5D", "5d"), ("1M", "1mo"), ("6M", "6mo"), ("1Y", "1y"))
UP, DOWN = "#26a269", "#c01c28"


def money(value: float) -> str:
    return f"{value:,.2f}" if abs(value) >= 1 else f"{value:,.4f}"


def change_text(quote: Quote) -> str:
    if quote.change is None:
        return ""
    percent = f" ({quote.change_percent:+.2f}%)" if quote.change_percent is not None else ""
    return f"{quote.change:+,.2f}{percent}"


def age(iso: str | None, now: datetime | None = None) -> str:
    """'as of 14:05' today, else the date; with how old it is when that matters."""
    if not iso:
        return ""
    when = datetime.fromisoformat(iso)
    now = now or datetime.now(UTC)
    local = when.astimezone()
    minutes = int((now - when).total_seconds() // 60)
    stamp = local.strftime("%H:%M") if local.date() == now.astimezone().date() \
        else local.strftime("%d %b %H:%M").lstrip("0")
    if minutes >= 60 * 24:
        return f"as of {stamp} ({minutes // (60 * 24)} d ago)"
    if minutes >= 60:
        return f"as of {stamp} ({minutes // 60} h ago)"
    return f"as of {stamp}"


class TickerPanel(QWidget):
    range_chosen = Signal(str)  # "1d", "5d", ...
    pin_toggled = Signal(str)  # the listing to pin, or to unpin when pinned

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.symbol = ""
        self.range = "1d"
        self.published: float | None = None
        self.title = QLabel("Click a ticker in an article to see its price here.")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.price = QLabel("")
        font = self.price.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.price.setFont(font)
        self.change = QLabel("")
        self.state = QLabel("")
        self.state.setStyleSheet("color: palette(mid);")
        self.state.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        self.ranges = range_buttons(self, RANGES, self.range, buttons)
        buttons.addStretch(1)
        self.ranges.buttonClicked.connect(self._on_range_clicked)

        self.plot = price_plot(150)
        self.plot.setMaximumHeight(320)
        self.curve = self.plot.plot([], [], pen=pg.mkPen(UP, width=2))
        self.previous = pg.InfiniteLine(angle=0, movable=False,
                                        pen=pg.mkPen("#888888", width=1,
                                                     style=Qt.PenStyle.DashLine))
        self.marker = pg.InfiniteLine(angle=90, movable=False,
                                      pen=pg.mkPen("#1a5fb4", width=1.5),
                                      label="article", labelOpts={"position": 0.92,
                                                                  "color": "#1a5fb4"})
        self.plot.addItem(self.previous)
        self.plot.addItem(self.marker)
        self.previous.hide()
        self.marker.hide()
        self.note = QLabel("")
        self.note.setWordWrap(True)

        self.pin = QToolButton()
        self.pin.setText("Pin")
        self.pin.setToolTip("Pin this listing to the watchlist (or unpin it)")
        self.pin.clicked.connect(lambda: self.symbol and self.pin_toggled.emit(self.symbol))
        top = QHBoxLayout()
        top.addWidget(self.price)
        top.addWidget(self.change)
        top.addStretch(1)
        top.addWidget(self.pin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.apply_theme(dark=False)

    def apply_theme(self, *, dark: bool) -> None:
        style_plot(self.plot, dark=dark)

    # -- what the window gives it ----------------------------------------------------------

    def show_listing(self, symbol: str, name: str, published: str | None) -> None:
        """A new listing: its title now, its numbers when they come."""
        self.symbol = symbol
        self.title.setText(f"<b>{html.escape(symbol)}</b> · {html.escape(name)}")
        self.price.setText("…")
        self.change.setText("")
        self.state.setText("")
        self.note.setText("")
        self.curve.setData([], [])
        self.previous.hide()
        self.set_published(published)

    def set_published(self, published: str | None) -> None:
        self.published = datetime.fromisoformat(published).timestamp() if published else None
        self._place_marker()

    def set_quote(self, quote: Quote) -> None:
        if quote.symbol != self.symbol:
            return
        self.price.setText(f"{money(quote.price)} {quote.currency or ''}".strip())
        color = UP if (quote.change or 0) >= 0 else DOWN
        self.change.setText(change_text(quote))
        self.change.setStyleSheet(f"color: {color}; font-weight: 600;")
        market = {True: "Market open", False: "Market closed", None: ""}[quote.market_open]
        stale = "last known price (offline or no source answered)" if quote.stale else ""
        parts = [p for p in (market, age(quote.as_of), f"via {quote.provider}", stale) if p]
        self.state.setText(" · ".join(parts))

    def set_bars(self, bars: Bars) -> None:
        """The chart's data replaced in place (one plot item, setData)."""
        if bars.symbol != self.symbol or bars.range != self.range:
            return
        xs = [t for t, _ in bars.points]
        ys = [c for _, c in bars.points]
        rising = len(ys) < 2 or ys[-1] >= (bars.previous_close if bars.range == "1d" and
                                           bars.previous_close else ys[0])
        self.curve.setPen(pg.mkPen(UP if rising else DOWN, width=2))
        self.curve.setData(xs, ys)
        if bars.range == "1d" and bars.previous_close:
            self.previous.setPos(bars.previous_close)
            self.previous.show()
        else:
            self.previous.hide()
        self.note.setText("Last known prices: offline or no source answered."
                          if bars.stale else "")
        self._place_marker(xs)

    def set_error(self, message: str) -> None:
        self.price.setText("—")
        self.note.setText(message)

    def _place_marker(self, xs: list[float] | None = None) -> None:
        xs = xs if xs is not None else self.shown_times()
        if self.published is not None and xs and xs[0] <= self.published <= xs[-1] + 3600:
            self.marker.setPos(self.published)
            self.marker.show()
        else:
            self.marker.hide()

    def shown_times(self) -> list[float]:
        """The times of the prices the chart shows now."""
        xs = self.curve.getData()[0]
        return [] if xs is None else [float(x) for x in xs]

    def _on_range_clicked(self, button: QToolButton) -> None:
        self.range = str(button.property("range"))
        self.curve.setData([], [])
        self.range_chosen.emit(self.range)
