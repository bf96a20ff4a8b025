"""Shared fixtures for the whole test suite."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from feedserver import FeedServer  # noqa: E402


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
