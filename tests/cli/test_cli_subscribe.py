"""`briefing add`, `feeds`, `unsubscribe`, and where data lives (--data-dir, $BRIEFING_DATA_DIR)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from clikit import Cli, asia_desk, clean_env, harbour_notes, opml, small_feed
from feedserver import FeedServer

FEED_KEYS = {"id", "title", "url", "folder", "last_status", "last_error"}


def article_count(archive: Path) -> int:
    conn = sqlite3.connect(archive)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def test_add_a_feed_then_list_it(cli: Cli, feed_server: FeedServer) -> None:
    feed_server.add("/asia.xml", asia_desk(), content_type="application/rss+xml")
    url = feed_server.url("/asia.xml")
    done = cli("add", url)
    assert "Asia Desk" in done.out
    feeds = cli("feeds", "--json").json()
    assert isinstance(feeds, list) and len(feeds) == 1
    feed = feeds[0]
    assert set(feed) >= FEED_KEYS
    assert isinstance(feed["id"], int)
    assert {k: feed[k] for k in FEED_KEYS - {"id"}} == {
        "title": "Asia Desk", "url": url, "folder": None, "last_status": 200, "last_error": None}
    assert article_count(cli.archive) == 5
    assert len(feed_server.requests("/asia.xml")) == 1


def test_add_twice_is_refused_without_a_second_copy(cli: Cli, feed_server: FeedServer) -> None:
    feed_server.add("/asia.xml", asia_desk(), content_type="application/rss+xml")
    url = feed_server.url("/asia.xml")
    cli("add", url, "--folder", "News/Asia")
    again = cli("add", url, expect=1)
    line = again.one_error_line()
    assert "already subscribed" in line.lower() and url in line
    feeds = cli("feeds", "--json").json()
    assert [(f["url"], f["folder"]) for f in feeds] == [(url, "News/Asia")]
    assert article_count(cli.archive) == 5


def test_add_a_site_page_finds_its_feed(cli: Cli, feed_server: FeedServer) -> None:
    feed_server.add("/markets/index.xml", harbour_notes(3), content_type="application/rss+xml")
    page = ('<!DOCTYPE html><html><head><title>Harbour Markets</title>'
            '<link rel="stylesheet" href="/style.css">'
            '<link rel="alternate" type="application/rss+xml" title="Notes" '
            'href="markets/index.xml"></head><body><p>Welcome.</p></body></html>')
    feed_server.add("/", page, content_type="text/html; charset=utf-8")
    cli("add", feed_server.url("/"))
    feeds = cli("feeds", "--json").json()
    assert [(f["url"], f["title"]) for f in feeds] == [
        (feed_server.url("/markets/index.xml"), "Harbour Markets")]
    assert len(feed_server.requests("/markets/index.xml")) == 1
    assert feed_server.requests("/style.css") == []
    # The page itself is now known by its feed: adding the page again adds nothing.
    cli("add", feed_server.url("/"), expect=1).one_error_line()
    assert len(cli("feeds", "--json").json()) == 1


def test_add_a_page_without_a_feed_says_so(cli: Cli, feed_server: FeedServer) -> None:
    feed_server.add("/about", "<!DOCTYPE html><html><head><title>About us</title></head>"
                    "<body><p>No feeds here.</p></body></html>", content_type="text/html")
    done = cli("add", feed_server.url("/about"), expect=1)
    line = done.one_error_line()
    assert "no feed" in line.lower()
    assert cli("feeds", "--json", expect=None).out.strip() in ("", "[]")


def test_add_an_address_that_fails_is_one_sentence(cli: Cli, feed_server: FeedServer) -> None:
    done = cli("add", feed_server.url("/missing.xml"), expect=1)
    line = done.one_error_line()
    assert "404" in line


def test_unsubscribe_by_id_and_by_url(cli: Cli, feed_server: FeedServer) -> None:
    for name in ("one", "two", "three"):
        feed_server.add(f"/{name}.xml", small_feed(name.title(), name),
                        content_type="application/rss+xml")
    outlines = "".join(
        f'<outline text="{n.title()}" type="rss" xmlUrl="{feed_server.url(f"/{n}.xml")}"/>'
        for n in ("one", "two", "three"))
    listing = Path(cli.data_dir.parent / "subs.opml")  # type: ignore[union-attr]
    listing.write_text(opml(outlines), encoding="utf-8")
    cli("import-opml", str(listing))
    cli("refresh")
    assert article_count(cli.archive) == 6
    by_url = {f["url"]: f for f in cli("feeds", "--json").json()}
    one = by_url[feed_server.url("/one.xml")]

    done = cli("unsubscribe", str(one["id"]))
    assert "One" in done.out
    cli("unsubscribe", feed_server.url("/two.xml"))
    left = cli("feeds", "--json").json()
    assert [f["url"] for f in left] == [feed_server.url("/three.xml")]
    assert {a["feed"] for a in cli("articles", "--json").json()} == {"Three"}
    assert article_count(cli.archive) == 2

    missing = cli("unsubscribe", str(one["id"]), expect=1)
    assert "feed" in missing.one_error_line().lower()


def test_data_dir_from_environment(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.add("/asia.xml", asia_desk(), content_type="application/rss+xml")
    from_env = tmp_path / "env-data"
    by_env = Cli(None, clean_env(BRIEFING_DATA_DIR=str(from_env)))
    by_env("add", feed_server.url("/asia.xml"))
    assert (from_env / "briefing.db").is_file()
    assert [f["title"] for f in Cli(from_env)("feeds", "--json").json()] == ["Asia Desk"]

    # --data-dir wins over the environment, and two data dirs never see each other.
    other = tmp_path / "flag-data"
    flagged = Cli(other, clean_env(BRIEFING_DATA_DIR=str(from_env)))
    flagged("add", feed_server.url("/asia.xml"))
    assert (other / "briefing.db").is_file()
    assert len(by_env("feeds", "--json").json()) == 1
    assert len(flagged("feeds", "--json").json()) == 1
