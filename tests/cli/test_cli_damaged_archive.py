"""A damaged archive — not a database, truncated, written by a newer Briefing — gets one
clear message offering the newest backup or a fresh archive; the damaged file is never
changed or deleted. Backups are taken before every migration and once a day."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from clikit import Cli

from briefing.core.backups import recover
from briefing.core.feeds import parse_feed
from briefing.core.service import Service
from briefing.core.store import MIGRATIONS, SCHEMA_VERSION, DamagedArchive, Store

RSS = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Desk</title>" + "".join(
    f"<item><title>Story {i}</title><guid isPermaLink='false'>g{i}</guid>"
    f"<description>{'Markets moved. ' * 200}</description></item>" for i in range(40))
    + "</channel></rss>").encode()


def filled(data: Path) -> None:
    with Service(data) as svc:
        feed = svc.store.feed(svc.store.add_feed("https://d.example.test/f.xml", "Desk"))
        svc.store.store_refresh(feed, status=200, error=None, parsed=parse_feed(RSS, feed.url),
                                feed_values={})
        svc.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    archive = data / "briefing.db"
    archive.write_bytes(b"\x00\x13this is not sqlite at all" * 100)
    before = digest(archive)
    with pytest.raises(DamagedArchive) as caught:
        Store(archive)
    message = str(caught.value)
    assert "not an SQLite database" in message and "recover fresh" in message
    assert digest(archive) == before  # untouched


def test_a_truncated_archive(tmp_path: Path) -> None:
    data = tmp_path / "data"
    filled(data)
    archive = data / "briefing.db"
    raw = archive.read_bytes()
    archive.write_bytes(raw[: len(raw) // 2])
    before = digest(archive)
    with pytest.raises(DamagedArchive, match="truncated"):
        Store(archive)
    assert digest(archive) == before


def test_an_archive_from_a_newer_briefing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    filled(data)
    archive = data / "briefing.db"
    conn = sqlite3.connect(archive)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(archive)
    with pytest.raises(DamagedArchive, match="newer Briefing"):
        Store(archive)
    assert digest(archive) == before


def test_the_cli_says_it_in_one_line_and_recovers_from_the_backup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    filled(data)
    with Service(data) as svc:
        assert svc.daily_backup() is not None  # today's copy
        assert svc.daily_backup() is None  # not twice a day
    archive = data / "briefing.db"
    archive.write_bytes(archive.read_bytes()[:5000])
    cli = Cli(data)
    done = cli("articles", expect=1)
    line = done.one_error_line()
    assert "cannot be used" in line and "recover backup" in line
    assert "Restored the backup" in cli("recover", "backup").out
    assert len(cli("articles", "--json", "--limit", "0").json()) == 40
    kept = list(data.glob("briefing.db.damaged-*"))
    assert kept and kept[0].stat().st_size == 5000  # the damaged file, renamed, not deleted


def test_recover_fresh_keeps_the_damaged_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "briefing.db").write_bytes(b"garbage" * 50)
    message = recover(data, use_backup=False)
    assert "fresh archive" in message
    with Service(data) as svc:
        assert svc.store.count_articles() == 0
    assert [p.read_bytes() for p in data.glob("briefing.db.damaged-*")] == [b"garbage" * 50]


def test_a_backup_is_taken_before_a_migration(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    archive = data / "briefing.db"
    conn = sqlite3.connect(archive, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:-1]):
        conn.executescript(script)
        conn.execute(f"PRAGMA user_version={number + 1}")
    conn.close()
    with Store(archive) as store:
        assert store.schema_version == SCHEMA_VERSION
    [backup] = (data / "backups").glob("briefing-before-*.db")
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    old.close()
