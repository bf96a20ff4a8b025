"""The window's icons: the project's own SVG files (resources/icons), drawn at the exact size
in device pixels that a screen asks for, so they stay crisp at 125%, 150% or 200% scaling.

Line icons use `currentColor`, drawn in the palette's text colour of the moment: they follow
light and dark themes (and the highlighted text colour on a selected row) without being loaded
again. The application icon keeps its own colours.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer

from ..core.paths import resources_dir

NAMES = ("add", "all", "export", "feed", "folder", "import", "refresh", "settings", "starred",
         "unread", "warning", "watchlist", "briefing")


def _color(mode: QIcon.Mode) -> QColor:
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.WindowText)


class SvgIconEngine(QIconEngine):
    """Renders one SVG document for every size, device pixel ratio and mode asked for."""

    def __init__(self, svg: bytes, name: str = "") -> None:
        super().__init__()
        self._svg = svg
        self._name = name
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        color = _color(mode).name()
        renderer = self._renderers.get(color)
        if renderer is None:
            data = self._svg.replace(b"currentColor", color.encode())
            renderer = self._renderers[color] = QSvgRenderer(QByteArray(data))
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer(mode).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        """The icon drawn at size × scale device pixels (not a smaller picture enlarged)."""
        width = max(1, round(size.width() * scale))
        height = max(1, round(size.height() * scale))
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self.paint(painter, QRect(0, 0, width, height), mode, state)
        painter.end()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def iconName(self) -> str:
        return self._name

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._svg, self._name)


_engines: list[SvgIconEngine] = []  # the icons' engines live as long as the app


@functools.cache
def icon(name: str) -> QIcon:
    """One of NAMES as a QIcon; an unknown name is a programming error."""
    if name not in NAMES:
        raise KeyError(name)
    svg = (resources_dir() / "icons" / f"{name}.svg").read_bytes()
    engine = SvgIconEngine(svg, name)
    _engines.append(engine)
    return QIcon(engine)
