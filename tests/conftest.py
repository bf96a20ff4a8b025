"""Shared fixtures for the whole test suite."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from feedserver import FeedServer  # noqa: E402


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compiled tagging modules older than their sources would test old code: stop."""
    from briefing.core.tagging import build_state

    stale = [name for name, state in build_state().items() if state == "stale"]
    if stale:
        pytest.exit(f"the compiled tagging modules {', '.join(stale)} are older than their "
                    "sources: run `make setup` (or `make test`) to rebuild them", returncode=2)


@pytest.fixture
def feed_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    """A real HTTP/1.1 server on 127.0.0.1 (see tests/feedserver.py); stopped at teardown.

    A system proxy cannot reach loopback, so 127.0.0.1 is added to NO_PROXY (also for
    subprocesses started by the test).
    """
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, ",".join(filter(None, (os.environ.get(name), "127.0.0.1"))))
    server = FeedServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[object]:
    """A real keyring backend for the test: keyrings.alt's file backend in tmp_path."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    from briefing.core import secrets

    before = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    keyring.set_keyring(backend)
    secrets._SESSION.clear()
    try:
        yield backend
    finally:
        keyring.set_keyring(before)
        secrets._SESSION.clear()
