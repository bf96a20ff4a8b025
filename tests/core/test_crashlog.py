"""Uncaught exceptions land in a crash log in the data directory, with secrets scrubbed."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from briefing.core.crashlog import install, write_crash_log


def test_a_crash_log_is_written_and_scrubbed(tmp_path: Path) -> None:
    try:
        raise RuntimeError("GET https://ann:hunter2@feeds.example.test/x?apikey=SECRET42 failed")
    except RuntimeError as exc:
        path = write_crash_log(tmp_path, type(exc), exc, exc.__traceback__)
    assert path is not None and path.parent == tmp_path / "logs"
    text = path.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "Traceback" in text
    assert "hunter2" not in text and "SECRET42" not in text


def test_uncaught_errors_in_threads_are_logged(tmp_path: Path) -> None:
    before, before_thread = sys.excepthook, threading.excepthook
    try:
        install(tmp_path)
        worker = threading.Thread(target=lambda: 1 / 0, name="price-worker")
        worker.start()
        worker.join()
    finally:
        sys.excepthook, threading.excepthook = before, before_thread
    [log] = (tmp_path / "logs").glob("crash-*.txt")
    text = log.read_text(encoding="utf-8")
    assert "ZeroDivisionError" in text and "price-worker" in text
