"""`briefing` as a program: version, bad usage, and commands run where there is no archive."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from clikit import Cli, briefing_command, clean_env

import briefing


def test_version(cli: Cli) -> None:
    done = cli("--version")
    assert done.out.strip() == f"briefing {briefing.__version__}"
    assert not cli.data_dir.exists()  # type: ignore[union-attr]


def test_console_script_is_installed_and_module_runs_too() -> None:
    assert Path(briefing_command()[0]).name.startswith("briefing")
    done = subprocess.run([sys.executable, "-m", "briefing.cli", "--version"],
                          capture_output=True, text=True, env=clean_env(), timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"briefing {briefing.__version__}"


@pytest.mark.parametrize("args", [
    ["no-such-command"],
    ["articles", "--limit", "-1"],
    ["articles", "--limit", "many"],
    ["show", "twelve"],
    ["add"],
    ["read"],
    ["refresh", "--bogus-flag"],
])
def test_bad_usage_exits_2(cli: Cli, args: list[str]) -> None:
    done = cli(*args, expect=2)
    assert done.out == ""
    assert "error" in done.err.lower()
    assert "Traceback" not in done.err
    assert not cli.archive.exists()


@pytest.mark.parametrize("args", [
    ["feeds", "--json"],
    ["articles"],
    ["search", "Tencent"],
    ["show", "1", "--json"],
    ["refresh", "--json"],
    ["export-opml"],
    ["unsubscribe", "1"],
    ["read", "1"],
])
def test_no_archive_is_one_clear_sentence(cli: Cli, args: list[str]) -> None:
    done = cli(*args, expect=1)
    line = done.one_error_line()
    assert "archive" in line.lower()
    assert done.out == ""
    assert not cli.archive.exists(), "a read-only command must not create an archive"


def test_self_test_checks_the_installation() -> None:
    from clikit import Cli, clean_env

    done = Cli(None, env=clean_env(QT_QPA_PLATFORM="offscreen"))("--self-test")
    for check in ("modules", "resources", "archive", "tagging", "window", "keyring"):
        assert f"ok   {check}" in done.out
    assert "all checks passed" in done.out
