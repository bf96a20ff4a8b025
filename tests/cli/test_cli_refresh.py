"""`briefing refresh`: the per-feed summary, failures that do not fail the command, edits."""

from __future__ import annotations

import socket
from pathlib import Path

from clikit import Cli, opml, rss
from feedserver import FeedServer

REPORT_KEYS = {"url", "new", "updated", "status", "error"}


def unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def items(*specs: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"guid": g, "title": t, "html": f"<p>{h}</p>", "date": "Tue, 01 Apr 2025 01:00:00 GMT"}
            for g, t, h in specs]


def test_refresh_reports_each_feed_and_survives_failures(tmp_path: Path,
                                                         feed_server: FeedServer) -> None:
    first = rss("Good Feed", items(("g-1", "Kuaishou revenue up", "Kuaishou (1024.HK) grew."),
                                   ("g-2", "JD.com cuts prices", "JD (9618.HK) cut prices.")))
    feed_server.add("/good.xml", first, content_type="application/rss+xml", etag='"v1"')
    feed_server.add("/broken.xml", "Internal error", status=500, content_type="text/plain")
    good, broken = feed_server.url("/good.xml"), feed_server.url("/broken.xml")
    dead = f"http://127.0.0.1:{unused_port()}/feed.xml"
    listing = tmp_path / "subs.opml"
    listing.write_text(opml("".join(f'<outline text="{n}" xmlUrl="{u}"/>' for n, u in (
        ("Good", good), ("Broken", broken), ("Dead", dead)))), encoding="utf-8")
    cli = Cli(tmp_path / "data")
    cli("import-opml", str(listing))

    report = cli("refresh", "--json").json()
    assert {"feeds", "new", "failed"} <= set(report)
    assert all(set(f) >= REPORT_KEYS for f in report["feeds"])
    by_url = {f["url"]: f for f in report["feeds"]}
    assert set(by_url) == {good, broken, dead}
    assert {k: by_url[good][k] for k in REPORT_KEYS} == {
        "url": good, "new": 2, "updated": 0, "status": 200, "error": None}
    assert by_url[broken]["status"] == 500 and by_url[broken]["new"] == 0
    assert by_url[dead]["status"] is None, "no response came: status is null"
    for url in (broken, dead):
        error = by_url[url]["error"]
        assert isinstance(error, str) and error and "\n" not in error
    assert "500" in by_url[broken]["error"]
    assert (report["new"], report["failed"]) == (2, 2)

    feeds = {f["url"]: f for f in cli("feeds", "--json").json()}
    assert (feeds[good]["last_status"], feeds[good]["last_error"]) == (200, None)
    assert feeds[broken]["last_status"] == 500 and feeds[broken]["last_error"]

    # Unchanged: asked conditionally, nothing new; failures show in the text summary too.
    text = cli("refresh")
    assert "FAILED" in text.out and "Broken" in text.out and "500" in text.out
    assert feed_server.requests("/good.xml")[-1].headers.get("if-none-match") == '"v1"'
    assert len(cli("articles", "--json").json()) == 2

    # The publisher edits one item and adds another.
    edited = rss("Good Feed", items(
        ("g-1", "Kuaishou revenue up 12%", "Kuaishou (1024.HK) grew 12%, revised."),
        ("g-2", "JD.com cuts prices", "JD (9618.HK) cut prices."),
        ("g-3", "Pop Mart opens stores", "Pop Mart (9992.HK) opened 40 stores.")))
    feed_server.add("/good.xml", edited, content_type="application/rss+xml", etag='"v2"')
    report = cli("refresh", "--json").json()
    by_url = {f["url"]: f for f in report["feeds"]}
    assert (by_url[good]["new"], by_url[good]["updated"], by_url[good]["status"]) == (1, 1, 200)
    titles = sorted(a["title"] for a in cli("articles", "--json").json())
    assert titles == ["JD.com cuts prices", "Kuaishou revenue up 12%", "Pop Mart opens stores"]


def test_refresh_of_nothing_is_fine(cli: Cli, feed_server: FeedServer, tmp_path: Path) -> None:
    listing = tmp_path / "empty.opml"
    listing.write_text(opml(""), encoding="utf-8")
    cli("import-opml", str(listing))
    report = cli("refresh", "--json").json()
    assert (report["feeds"], report["new"], report["failed"]) == ([], 0, 0)
