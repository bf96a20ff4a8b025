"""The rotating log in the data directory: what was fetched and what failed, never a secret."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from .paths import log_dir

_CREDENTIALS = re.compile(r"(?i)(://)[^/@\s:]+:[^/@\s]+@")
_SECRET_PARAMS = re.compile(
    r"(?i)\b(api[_-]?key|apikey|token|access_token|password|secret)=[^&\s]+"
)


def redact(text: str) -> str:
    """Text with URL passwords and key-like query parameters masked."""
    text = _CREDENTIALS.sub(r"\1***:***@", text)
    return _SECRET_PARAMS.sub(lambda m: f"{m.group(1)}=***", text)


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(data_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send the briefing.* loggers to data_dir/logs/briefing.log (1 MB x 3 files)."""
    directory = log_dir(data_dir)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "briefing.log"
    logger = logging.getLogger("briefing")
    for handler in list(logger.handlers):
        if getattr(handler, "_briefing", False):
            logger.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler._briefing = True  # type: ignore[attr-defined]
    handler.setFormatter(_RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    return path
