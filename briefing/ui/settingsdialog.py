"""The settings dialog, generated from the one declared list in briefing.core.settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.settings import SETTINGS, Setting, Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = settings
        self.editors: dict[str, Any] = {}
        form = QFormLayout()
        for spec in SETTINGS:
            editor = self._editor(spec)
            editor.setToolTip(spec.description)
            self.editors[spec.key] = editor
            form.addRow(spec.label, editor)
        hint = QLabel("API keys are kept in your system's keyring, never in settings.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def _editor(self, spec: Setting) -> Any:
        value = self.settings[spec.key]
        if spec.choices:
            combo = QComboBox()
            combo.addItems(list(spec.choices))
            combo.setCurrentText(str(value))
            return combo
        spin = QSpinBox()
        spin.setRange(spec.minimum, spec.maximum)
        spin.setValue(int(value))
        return spin

    def _on_accepted(self) -> None:
        for spec in SETTINGS:
            editor = self.editors[spec.key]
            value = editor.currentText() if spec.choices else editor.value()
            if value != self.settings[spec.key]:
                self.settings.set(spec.key, value)
        self.accept()
