"""Uncaught exceptions are written to a crash log in the data directory, scrubbed of
anything secret-shaped (URL passwords, key and token parameters) by the log's own redaction.

    install(data_dir)   # once, at start-up: the main thread and every other thread
"""

from __future__ import annotations

import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from .logsetup import redact
from .paths import log_dir

CRASH_LOGS_KEPT = 10


def write_crash_log(data_dir: Path, kind: type[BaseException], error: BaseException,
                    tb: TracebackType | None, where: str = "") -> Path | None:
    """One crash log file (logs/crash-<time>.txt); None when it could not be written."""
    from .. import __version__

    try:
        folder = log_dir(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = folder / f"crash-{stamp}.txt"
        text = "".join(traceback.format_exception(kind, error, tb))
        header = (f"Briefing {__version__} on Python {sys.version.split()[0]}, "
                  f"{sys.platform}{', ' + where if where else ''}\n\n")
        path.write_text(redact(header + text), encoding="utf-8")
        for old in sorted(folder.glob("crash-*.txt"))[:-CRASH_LOGS_KEPT]:
            old.unlink(missing_ok=True)
        return path
    except OSError:
        return None


def install(data_dir: Path) -> None:
    before = sys.excepthook
    before_thread = threading.excepthook

    def on_error(kind: type[BaseException], error: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            before(kind, error, tb)
            return
        path = write_crash_log(data_dir, kind, error, tb)
        print(f"briefing: an unexpected error ({kind.__name__}); the details are in "
              f"{path or 'the terminal above'}.", file=sys.stderr)

    def on_thread_error(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            before_thread(args)
            return
        name = args.thread.name if args.thread is not None else "a thread"
        path = write_crash_log(data_dir, args.exc_type, args.exc_value, args.exc_traceback,
                               where=f"in {name}")
        print(f"briefing: an unexpected error in {name}; the details are in "
              f"{path or 'the terminal above'}.", file=sys.stderr)

    sys.excepthook = on_error
    threading.excepthook = on_thread_error
