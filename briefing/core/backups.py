"""Copies of the archive: before every schema migration and once a day, in backups/ in the
data directory, and recovery from a damaged archive (which is never deleted, only renamed).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path

log = logging.getLogger("briefing.backups")

BACKUP_DIR = "backups"
DAILY_BACKUPS_KEPT = 3


def newest_backup(data_dir: Path) -> Path | None:
    found = sorted((data_dir / BACKUP_DIR).glob("briefing-*.db"),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    return found[0] if found else None


def backup_time(path: Path | None) -> str:
    if path is None:
        return ""
    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%d %b %Y %H:%M")


def backup_archive(conn: sqlite3.Connection, data_dir: Path, label: str) -> Path:
    """A consistent copy of the archive in data_dir/backups (SQLite's online backup)."""
    folder = data_dir / BACKUP_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    # the process id keeps two processes backing up at once (the window, cron) apart
    target = folder / f"briefing-{label}-{stamp}-{os.getpid()}.db"
    partial = target.with_suffix(".partial")
    copy = sqlite3.connect(str(partial))
    try:
        conn.backup(copy)
    finally:
        copy.close()
    partial.replace(target)
    return target


def recover(data_dir: Path, *, use_backup: bool) -> str:
    """Put the damaged archive aside (renamed, never deleted) and either copy the newest
    backup in its place or leave the place empty for a fresh archive. One sentence back."""
    path = data_dir / "briefing.db"
    backup = newest_backup(data_dir) if use_backup else None
    if use_backup and backup is None:
        from .store import ArchiveError

        raise ArchiveError(f"There is no backup in {data_dir / BACKUP_DIR} to restore.")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = []
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            aside = path.with_name(f"briefing.db.damaged-{stamp}{suffix}")
            part.rename(aside)
            kept.append(aside)
    if backup is not None:
        shutil.copy2(backup, path)
        return (f"Restored the backup from {backup_time(backup)}; the damaged archive is "
                f"kept as {kept[0].name if kept else 'nothing (there was none)'}.")
    return (f"A fresh archive starts at the next command; the damaged one is kept as "
            f"{kept[0].name if kept else 'nothing (there was none)'}.")


def daily_backup(conn: sqlite3.Connection, data_dir: Path) -> Path | None:
    """A copy of the archive once a day (the newest three are kept); None when today's exists
    already, or when it could not be made (logged: a backup never fails the work it follows)."""
    folder = data_dir / BACKUP_DIR
    daily = sorted(folder.glob("briefing-daily-*.db"), key=lambda p: p.stat().st_mtime)
    if daily and time.time() - daily[-1].stat().st_mtime < 86400:
        return None
    try:
        made = backup_archive(conn, data_dir, "daily")
    except (OSError, sqlite3.Error) as exc:
        log.warning("daily backup of the archive failed: %r", exc)
        return None
    for old in [*daily, made][:-DAILY_BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return made
