"""Notices about the watchlist: a desktop notification through the system tray where one
exists, an in-window banner where none does (offscreen, a bare X server, some desktops).

    notifier.notify(["9988.HK", "NVDA"])   # one notice per refresh, naming the listings
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QWidget,
)

from .icons import icon


def describe(symbols: list[str]) -> str:
    """'New articles mention 9988.HK, NVDA and 2 more of your watchlist.'"""
    shown = symbols[:4]
    more = f" and {len(symbols) - len(shown)} more" if len(symbols) > len(shown) else ""
    return f"New articles mention {', '.join(shown)}{more} of your watchlist."


class NoticeBanner(QFrame):
    """A calm strip at the top of the window: the notice, a button to see the articles, and
    a close button."""

    shown_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-banner")
        self.setStyleSheet("#notice-banner { background: palette(alternate-base); "
                           "border-bottom: 1px solid palette(mid); }")
        self.text = QLabel("")
        self.text.setWordWrap(True)
        show = QPushButton("Show them")
        show.clicked.connect(self.shown_asked)
        close = QPushButton("Dismiss")
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        row.addWidget(show)
        row.addWidget(close)
        self.hide()

    def show_notice(self, text: str) -> None:
        self.text.setText(text)
        self.show()


class Notifier(QObject):
    """Tells the reader once per refresh; `clicked` when they ask to see the articles."""

    clicked = Signal()
    notified = Signal(list)  # the symbols of each notice given (tests and logs listen)

    def __init__(self, parent: QObject, banner: NoticeBanner) -> None:
        super().__init__(parent)
        self.banner = banner
        self.tray: QSystemTrayIcon | None = None

    def has_tray(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()

    def notify(self, symbols: list[str]) -> None:
        text = describe(symbols)
        if self.has_tray():
            if self.tray is None:
                self.tray = QSystemTrayIcon(icon("briefing"), self)
                self.tray.setToolTip("Briefing")
                self.tray.messageClicked.connect(self.clicked)
                self.tray.activated.connect(lambda _reason: self.clicked.emit())
                self.tray.show()
            self.tray.showMessage("Briefing: your watchlist", text,
                                  QSystemTrayIcon.MessageIcon.Information, 10_000)
        else:
            self.banner.show_notice(text)
        self.notified.emit(list(symbols))
