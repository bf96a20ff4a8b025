"""The core and the command line must work without Qt: checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys, tempfile
    from pathlib import Path

    import briefing.core
    import briefing.cli

    imported = []
    for info in pkgutil.walk_packages(briefing.core.__path__, "briefing.core."):
        importlib.import_module(info.name)
        imported.append(info.name)

    from briefing.core.feeds import parse_feed
    from briefing.core.models import Feed, FetchResult
    from briefing.core.store import Store

    body = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Desk</title>"
        b"<item><guid>a-1</guid><title>Tencent lifts buyback</title>"
        b"<description>Shares of 0700.HK rose.</description></item></channel></rss>"
    )
    parsed = parse_feed(body, "https://example.test/feed.xml")
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "briefing.db") as store:
            feed_id = store.add_feed("https://example.test/feed.xml", "Desk")
            feed = store.feed(feed_id)
            store.store_refresh(feed, status=200, error=None, parsed=parsed, feed_values={})
            found = [a.title for a in store.search("0700.HK")]
    qt = sorted(m for m in sys.modules
                if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"))
    print(json.dumps({"imported": imported, "found": found, "qt": qt}))
    """
)


def test_core_and_cli_import_no_qt(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "briefing.core.store" in result["imported"]
    assert "briefing.core.feeds" in result["imported"]
    assert result["found"] == ["Tencent lifts buyback"]
    assert result["qt"] == [], f"Qt modules imported by the core: {result['qt']}"
