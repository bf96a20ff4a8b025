"""The settings dialog, generated from the one declared list in briefing.core.settings, and
the price providers' API keys, which live in the OS keyring (never in settings)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.market import PROVIDERS
from ..core.secrets import Secrets
from ..core.settings import SETTINGS, Setting, Settings

# check(provider, key, report): try a key off the UI thread, then report(one sentence)
KeyCheck = Callable[[str, str, Callable[[str], None]], None]


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, *,
                 secrets: Secrets | None = None, check_key: KeyCheck | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = settings
        self.secrets = secrets or Secrets()
        self.check_key = check_key
        self.editors: dict[str, Any] = {}
        form = QFormLayout()
        for spec in SETTINGS:
            editor = self._editor(spec)
            editor.setToolTip(spec.description)
            self.editors[spec.key] = editor
            form.addRow(spec.label, editor)
        self.key_fields: dict[str, QLineEdit] = {}
        self.key_status: dict[str, QLabel] = {}
        self.remove_buttons: dict[str, QPushButton] = {}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._keys_box())
        layout.addWidget(buttons)

    # -- generated settings -------------------------------------------------------------

    def _editor(self, spec: Setting) -> Any:
        value = self.settings[spec.key]
        if spec.choices:
            combo = QComboBox()
            combo.addItems(list(spec.choices))
            combo.setCurrentText(str(value))
            return combo
        if spec.type is str:
            return QLineEdit(str(value))
        spin = QSpinBox()
        spin.setRange(spec.minimum, spec.maximum)
        spin.setValue(int(value))
        if spec.unit:
            spin.setSuffix(f" {spec.unit}")
        return spin

    def _on_accepted(self) -> None:
        for spec in SETTINGS:
            editor = self.editors[spec.key]
            if spec.choices:
                value: Any = editor.currentText()
            elif spec.type is str:
                value = editor.text().strip()
                if spec.key == "market_providers":
                    value = _provider_order(value)
            else:
                value = editor.value()
            if value != self.settings[spec.key]:
                self.settings.set(spec.key, value)
        for name, field in self.key_fields.items():
            if field.text().strip():
                self.secrets.set(name, field.text())
        self.accept()

    # -- API keys -------------------------------------------------------------------------

    def _keys_box(self) -> QGroupBox:
        box = QGroupBox("Price sources: API keys")
        rows = QFormLayout(box)
        where = ("Keys are kept in your system's keyring, never in settings or logs."
                 if self.secrets.persistent else
                 "No keyring works on this system: keys you enter are kept for this session "
                 "only and must be entered again next time.")
        note = QLabel(where)
        note.setWordWrap(True)
        rows.addRow(note)
        for name, cls in PROVIDERS.items():
            if not cls.needs_key:
                continue
            field = QLineEdit()
            field.setEchoMode(QLineEdit.EchoMode.Password)  # never shown, never in a screenshot
            stored = self.secrets.get(name) is not None
            field.setPlaceholderText("a key is stored; type to replace it" if stored
                                     else "not set")
            test = QPushButton("Test key")
            remove = QPushButton("Remove")
            remove.setEnabled(stored)
            status = QLabel("")
            status.setWordWrap(True)
            test.clicked.connect(lambda _c=False, n=name: self._on_test(n))
            remove.clicked.connect(lambda _c=False, n=name, b=remove: self._on_remove(n, b))
            line = QHBoxLayout()
            line.addWidget(field, 1)
            line.addWidget(test)
            line.addWidget(remove)
            rows.addRow(cls.label, line)
            rows.addRow("", status)
            self.key_fields[name] = field
            self.key_status[name] = status
            self.remove_buttons[name] = remove
        return box

    def _on_test(self, name: str) -> None:
        key = self.key_fields[name].text().strip() or self.secrets.get(name) or ""
        status = self.key_status[name]
        if not key:
            status.setText("No key to test: paste the key the provider gave you.")
            return
        if self.check_key is None:
            return
        status.setText("Testing…")
        self.check_key(name, key, status.setText)

    def _on_remove(self, name: str, button: QPushButton) -> None:
        self.secrets.remove(name)
        self.key_fields[name].clear()
        self.key_fields[name].setPlaceholderText("not set")
        self.key_status[name].setText("Removed from the keyring.")
        button.setEnabled(False)


def _provider_order(text: str) -> str:
    """The providers named, known ones only, in order; Yahoo alone when none is left."""
    names = [n.strip().lower().replace(" ", "") for n in text.split(",")]
    known = [n for n in dict.fromkeys(names) if n in PROVIDERS]
    return ",".join(known) or "yahoo"
