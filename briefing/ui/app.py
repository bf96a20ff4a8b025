"""Starting the window: one instance per data directory, clean quit on Ctrl+Q and SIGTERM."""

from __future__ import annotations

import hashlib
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.errors import BriefingError


def _instance_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"briefing-{digest}"


def _raise_running(name: str) -> bool:
    """Ask an instance already running on this data directory to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(300):
        return False
    socket.write(b"raise\n")
    socket.flush()
    socket.waitForBytesWritten(300)
    socket.disconnectFromServer()
    return True


def run(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Briefing")
    app.setOrganizationName("Briefing")
    name = _instance_name(data_dir)
    if _raise_running(name):
        return 0
    QLocalServer.removeServer(name)  # a stale socket left by a crash
    server = QLocalServer()
    server.listen(name)

    from .window import MainWindow

    try:
        window = MainWindow(data_dir)
    except BriefingError as exc:
        QMessageBox.critical(None, "Briefing", str(exc))
        return 1

    def on_new_connection() -> None:
        conn = server.nextPendingConnection()
        if conn is not None:
            conn.close()
        window.showNormal()
        window.raise_()
        window.activateWindow()

    server.newConnection.connect(on_new_connection)
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, window.close))
    pulse = QTimer()  # lets Python notice SIGTERM while Qt's loop runs
    pulse.start(250)
    pulse.timeout.connect(lambda: None)
    window.show()
    code = app.exec()
    server.close()
    return int(code)
