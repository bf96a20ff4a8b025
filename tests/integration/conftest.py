"""Fixtures of the integration tests: an archive in tmp_path beside the loopback server."""

from __future__ import annotations

from pathlib import Path

import pytest

from .feedkit import Archive


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """An empty data directory driven through Service with short HTTP limits."""
    return Archive(tmp_path / "data")
