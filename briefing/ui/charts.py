"""What the window's price charts share: a quiet pyqtgraph plot with a time axis, its colours
for light and dark themes, and the row of range buttons (1D, 5D, ...)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

BACKGROUND = {False: "#fbfaf7", True: "#1e2024"}  # the article view's, light and dark
AXES = {False: "#6a6f78", True: "#9aa0a8"}


def price_plot(min_height: int) -> pg.PlotWidget:
    """A plot with dates along the bottom that only shows: no menu, no mouse zoom."""
    plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
    plot.setMinimumHeight(min_height)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.showGrid(x=False, y=True, alpha=0.15)
    return plot


def style_plot(plot: pg.PlotWidget, *, dark: bool) -> None:
    plot.setBackground(BACKGROUND[dark])
    pen = pg.mkPen(AXES[dark])
    for side in ("left", "bottom"):
        plot.getAxis(side).setPen(pen)
        plot.getAxis(side).setTextPen(pen)


def range_buttons(owner: QWidget, ranges: tuple[tuple[str, str], ...], current: str,
                  row: QHBoxLayout) -> QButtonGroup:
    """Checkable buttons, one per (label, range), added to `row`; each button's "range"
    property holds its range."""
    group = QButtonGroup(owner)
    group.setExclusive(True)
    for label, value in ranges:
        button = QToolButton()
        button.setText(label)
        button.setCheckable(True)
        button.setChecked(value == current)
        button.setProperty("range", value)
        group.addButton(button)
        row.addWidget(button)
    return group
