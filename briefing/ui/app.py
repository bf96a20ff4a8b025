"""Starting the window: one instance per data directory, clean quit on Ctrl+Q and SIGTERM."""

from __future__ import annotations

import hashlib
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.backups import recover
from ..core.errors import BriefingError
from ..core.store import DamagedArchive


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


def _recover(damage: DamagedArchive) -> bool:
    """Ask what to do with a damaged archive: the newest backup, a fresh archive, or quit.
    The damaged file is only ever renamed. True when the window can try again."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Briefing: the archive is damaged",
                      f"The archive {damage.path} cannot be used: {damage.reason}.\n\n"
                      "Briefing has not changed it. Whatever you choose, the damaged file is "
                      "kept beside the new one, renamed.")
    restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole) \
        if damage.backup else None
    fresh = box.addButton("Start a fresh archive", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    chosen = box.clickedButton()
    if chosen is not None and chosen in (restore, fresh):
        recover(damage.path.parent, use_backup=chosen is restore)
        return True
    return False


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

    window = None
    while window is None:
        try:
            window = MainWindow(data_dir)
        except DamagedArchive as exc:
            if not _recover(exc):
                return 1
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
