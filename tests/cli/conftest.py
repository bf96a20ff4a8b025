"""Fixtures of the CLI tests: the real `briefing` command against a temporary data directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from clikit import Cli, Populated, asia_desk, harbour_notes
from feedserver import FeedServer


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """`briefing --data-dir tmp_path/data ...`; the directory does not exist yet."""
    return Cli(tmp_path / "data")


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Populated]:
    server = FeedServer()
    try:
        server.add("/markets.xml", harbour_notes(), content_type="application/rss+xml")
        server.add("/asia.xml", asia_desk(), content_type="application/rss+xml")
        run = Cli(tmp_path_factory.mktemp("populated") / "data")
        run("add", server.url("/markets.xml"))
        run("add", server.url("/asia.xml"), "--folder", "News/Asia")
        articles = run("articles", "--json", "--limit", "0").json()
        yield Populated(run, server, server.url("/markets.xml"), server.url("/asia.xml"),
                        articles)
    finally:
        server.close()
