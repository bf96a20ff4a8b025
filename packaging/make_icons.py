"""Render the app icon (resources/icons/briefing.svg) into what installers need:
PNGs for the Linux icon theme, an .ico for Windows and an .icns for macOS.

    python packaging/make_icons.py      # writes packaging/linux/icons, windows/, macos/
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "briefing.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    themed = ROOT / "packaging" / "linux" / "icons" / "hicolor"
    for size in SIZES:
        folder = themed / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        render(renderer, size).save(str(folder / "io.github.briefing.Briefing.png"))
    scalable = themed / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    (scalable / "io.github.briefing.Briefing.svg").write_bytes(SVG.read_bytes())
    # Qt writes .ico and .icns through its image format plugins (one size each is enough
    # for those plugins; installers scale).
    render(renderer, 256).save(str(ROOT / "packaging" / "windows" / "briefing.ico"), "ICO")
    render(renderer, 512).save(str(ROOT / "packaging" / "macos" / "briefing.icns"), "ICNS")
    del app
    print(f"icons written under {ROOT / 'packaging'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
