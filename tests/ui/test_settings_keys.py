"""The settings dialog: API keys entered, tested and removed (a real keyring backend), the
provider order, and nothing secret written to settings."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from marketdata import FINNHUB_BAD_KEY, FINNHUB_QUOTE, serve
from PySide6.QtWidgets import QLineEdit

from briefing.ui.settingsdialog import SettingsDialog
from briefing.ui.window import MainWindow


@pytest.fixture
def win(qtbot, tmp_path: Path, feed_server, monkeypatch, file_keyring) -> MainWindow:
    monkeypatch.setenv("BRIEFING_FINNHUB_URL", feed_server.url("").rstrip("/"))
    window = MainWindow(tmp_path / "data")
    qtbot.addWidget(window)
    return window


def dialog(qtbot, win: MainWindow) -> SettingsDialog:
    found = SettingsDialog(win.settings, win, check_key=win._check_key)
    qtbot.addWidget(found)
    return found


def test_a_key_entered_goes_to_the_keyring_only(qtbot, win: MainWindow) -> None:
    d = dialog(qtbot, win)
    field = d.key_fields["finnhub"]
    assert field.echoMode() == QLineEdit.EchoMode.Password  # masked on screen
    field.setText("fh-dialog-secret-42")
    d._on_accepted()
    assert keyring.get_password("briefing", "api-key:finnhub") == "fh-dialog-secret-42"
    settings_file = win.data_dir / "settings.json"
    assert not settings_file.exists() or b"fh-dialog" not in settings_file.read_bytes()
    again = dialog(qtbot, win)
    assert again.key_fields["finnhub"].text() == ""  # a stored key is never shown again
    assert "stored" in again.key_fields["finnhub"].placeholderText()


def test_test_key_reports_a_working_and_a_wrong_key(qtbot, win: MainWindow,
                                                    feed_server) -> None:
    d = dialog(qtbot, win)
    serve(feed_server, {("/api/v1/quote", "AAPL"): (200, FINNHUB_QUOTE)})
    d.key_fields["finnhub"].setText("good-key")
    d._on_test("finnhub")
    qtbot.waitUntil(lambda: "works" in d.key_status["finnhub"].text(), timeout=10_000)
    serve(feed_server, {("/api/v1/quote", "AAPL"): (401, FINNHUB_BAD_KEY)})
    d.key_fields["finnhub"].setText("bad-key")
    d._on_test("finnhub")
    qtbot.waitUntil(lambda: "refused" in d.key_status["finnhub"].text(), timeout=10_000)
    assert "bad-key" not in d.key_status["finnhub"].text()


def test_remove_deletes_the_key(qtbot, win: MainWindow) -> None:
    keyring.set_password("briefing", "api-key:twelvedata", "td-old")
    d = dialog(qtbot, win)
    button = d.remove_buttons["twelvedata"]
    assert button.isEnabled() and not d.remove_buttons["finnhub"].isEnabled()
    button.click()
    assert keyring.get_password("briefing", "api-key:twelvedata") is None
    assert "Removed" in d.key_status["twelvedata"].text() and not button.isEnabled()


def test_provider_order_keeps_known_names_only(qtbot, win: MainWindow) -> None:
    d = dialog(qtbot, win)
    d.editors["market_providers"].setText("Finnhub, yahoo, bogus")
    d._on_accepted()
    assert win.settings["market_providers"] == "finnhub,yahoo"
