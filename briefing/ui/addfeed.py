"""The add-feed dialog: a feed's or a site's address, a folder, full text; errors shown inline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class AddFeedDialog(QDialog):
    """Asks for an address; `subscribe(url, folder, full_text, done)` runs in the background
    and calls done(error_or_None) on the UI thread."""

    def __init__(self, folders: list[str],
                 subscribe: Callable[[str, str, bool, Callable[[str | None], None]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add feed")
        self.setMinimumWidth(460)
        self._subscribe = subscribe
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://example.com/feed.xml or just the site's address")
        self.folder = QComboBox()
        self.folder.setEditable(True)
        self.folder.addItems(["", *folders])
        self.full_text = QCheckBox("Fetch each article's page for offline reading")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages quote "<link …>" tags
        form = QFormLayout()
        form.addRow("Address", self.url)
        form.addRow("Folder", self.folder)
        form.addRow("", self.full_text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton("Subscribe", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._on_subscribe)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _on_subscribe(self) -> None:
        url = self.url.text().strip()
        if not url:
            self.message.setText("Type the address of a feed or of a site.")
            return
        self.ok.setEnabled(False)
        self.message.setText("Looking for the feed…")
        self._subscribe(url, self.folder.currentText().strip(), self.full_text.isChecked(),
                        self._on_done)

    def _on_done(self, error: Any) -> None:
        self.ok.setEnabled(True)
        if error:
            self.message.setText(str(error))
        else:
            self.accept()
