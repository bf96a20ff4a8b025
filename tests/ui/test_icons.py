"""The window's icons: drawn from SVG at the screen's own pixel size, in the theme's colours."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from briefing.ui.icons import NAMES, icon


def ink(image) -> set[str]:  # noqa: ANN001
    """The colours of the fully opaque pixels of an image."""
    return {image.pixelColor(x, y).name() for x in range(image.width())
            for y in range(image.height()) if image.pixelColor(x, y).alpha() == 255}


@pytest.mark.parametrize("name", NAMES)
def test_each_icon_is_drawn_at_150_percent_not_enlarged(qapp, name: str) -> None:
    scaled = icon(name).pixmap(QSize(16, 16), 1.5)
    assert (scaled.width(), scaled.height()) == (24, 24)  # device pixels, not 16 blown up
    assert scaled.devicePixelRatio() == 1.5
    native = icon(name).pixmap(QSize(24, 24), 1.0)
    assert scaled.toImage().convertToFormat(native.toImage().format()) == native.toImage()
    assert ink(native.toImage())  # something is drawn


def test_line_icons_take_the_palette_text_colour(qapp) -> None:
    before = QGuiApplication.palette()
    try:
        for text in ("#101010", "#f0f0f0"):  # a light theme's text, a dark theme's
            palette = QPalette(before)
            palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
            QGuiApplication.setPalette(palette)
            assert text in ink(icon("refresh").pixmap(QSize(32, 32), 1.0).toImage())
    finally:
        QGuiApplication.setPalette(before)
