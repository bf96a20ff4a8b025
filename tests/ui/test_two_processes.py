"""The window and a `briefing refresh` from cron on one archive at the same time: both
succeed, and no "database is locked" reaches the user."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from briefing.core.service import Service
from briefing.ui.window import MainWindow


def rss(prefix: str, n: int) -> bytes:
    return ("<?xml version='1.0'?><rss version='2.0'><channel><title>" + prefix + "</title>"
            + "".join(f"<item><title>{prefix} {i}</title><guid isPermaLink='false'>{prefix}{i}"
                      f"</guid><description>{'Alibaba Group Holding Ltd. rose. ' * 30}"
                      "</description></item>" for i in range(n))
            + "</channel></rss>").encode()


def test_the_window_and_a_cron_refresh_share_the_archive(qtbot, tmp_path: Path,
                                                         feed_server) -> None:
    urls = []
    for f in range(6):
        feed_server.add(f"/c{f}.xml", rss(f"feed{f}", 400), content_type="application/rss+xml")
        urls.append(feed_server.url(f"/c{f}.xml"))
    data = tmp_path / "data"
    with Service(data) as svc:
        for url in urls:
            svc.store.add_feed(url, url)
    win = MainWindow(data)
    qtbot.addWidget(win)
    win.show()
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    env.pop("BRIEFING_DATA_DIR", None)
    script = Path(sys.executable).parent / "briefing"
    cron = subprocess.Popen([str(script), "--data-dir", str(data), "refresh", "--json"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with qtbot.waitSignal(win.refresh_finished, timeout=60_000) as done:
        win.refresh()  # both write the same feeds at the same time
    out, err = cron.communicate(timeout=120)
    assert cron.returncode == 0, err
    assert "locked" not in err.lower() and "locked" not in win.status.text().lower()
    assert all(r["error"] is None for r in json.loads(out)["feeds"])
    assert all(r.error is None for r in done.args[0].feeds)
    with Service(data) as svc:
        assert svc.store.count_articles() == 6 * 400  # each article once
