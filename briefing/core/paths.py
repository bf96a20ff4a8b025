"""Where Briefing keeps its data, and where its shipped resources are."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "briefing"
ENV_DATA_DIR = "BRIEFING_DATA_DIR"
ARCHIVE_NAME = "briefing.db"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: --data-dir, else $BRIEFING_DATA_DIR, else the platform's default."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def archive_path(directory: Path) -> Path:
    return directory / ARCHIVE_NAME


def log_dir(directory: Path) -> Path:
    return directory / "logs"


def resources_dir() -> Path:
    """The shipped resources: inside a frozen bundle, beside the package, or in the checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve().parent.parent
    packaged = here / "resources"
    if packaged.is_dir():
        return packaged
    return here.parent / "resources"
