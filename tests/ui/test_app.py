"""One window per data directory: a second launch hands over to the first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtNetwork import QLocalServer

from briefing.ui.app import _instance_name, _raise_running


def test_a_second_launch_reaches_the_running_window(qtbot, tmp_path: Path) -> None:
    name = _instance_name(tmp_path / "data")
    assert name != _instance_name(tmp_path / "other")  # two data dirs never interfere
    assert not _raise_running(name)  # nothing runs yet: this launch opens the window
    server = QLocalServer()
    QLocalServer.removeServer(name)
    assert server.listen(name)
    try:
        with qtbot.waitSignal(server.newConnection, timeout=5_000):
            assert _raise_running(name)  # the second launch finds the first and stops
    finally:
        server.close()
