"""The archive: schema and migrations, WAL, article identity, edits, and full-text search."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.core import store as store_module
from briefing.core.errors import BriefingError
from briefing.core.feeds import parse_feed
from briefing.core.models import Article, Feed, ParsedFeed
from briefing.core.store import SCHEMA_VERSION, Store, fts_query

FEED_URL = "https://desk.example.test/feed.xml"


def rss(*items: str, title: str = "Desk") -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f'<link>https://desk.example.test/</link>{"".join(items)}</channel></rss>').encode()


def item(title: str, body: str, *, guid: str | None = None, link: str | None = None,
         date: str | None = None) -> str:
    parts = [f"<title>{title}</title>", f"<description>{body}</description>"]
    if guid:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if link:
        parts.append(f"<link>{link}</link>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def parsed(*items: str) -> ParsedFeed:
    return parse_feed(rss(*items), FEED_URL, "application/rss+xml")


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "briefing.db") as s:
        yield s


def add_feed(s: Store, url: str = FEED_URL) -> Feed:
    feed = s.feed(s.add_feed(url, "Desk"))
    assert feed is not None
    return feed


def refresh(s: Store, feed: Feed, p: ParsedFeed) -> tuple[int, int]:
    report = s.store_refresh(feed, status=200, error=None, parsed=p, feed_values={})
    return report.new, report.updated


# -- schema -----------------------------------------------------------------------------


def test_fresh_archive_has_current_schema_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "briefing.db"
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION >= 1
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"folders", "feeds", "articles", "articles_fts"} <= tables
    finally:
        raw.close()


def test_reopening_keeps_data_and_does_not_rerun_migrations(tmp_path: Path) -> None:
    path = tmp_path / "briefing.db"
    with Store(path) as s:
        feed = add_feed(s)
        refresh(s, feed, parsed(item("Tencent buys back shares", "0700.HK", guid="t-1")))
    for _ in range(2):
        with Store(path) as s:
            assert s.schema_version == SCHEMA_VERSION
            assert [f.url for f in s.feeds()] == [FEED_URL]
            assert s.count_articles() == 1


def test_new_migration_applies_once_and_keeps_data(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "briefing.db"
    with Store(path) as s:
        refresh(s, add_feed(s), parsed(item("Kept", "Still here", guid="k-1")))
    extra = "ALTER TABLE feeds ADD COLUMN colour TEXT;"  # fails if it ever runs twice
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, extra))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    for _ in range(2):
        with Store(path) as s:
            assert s.schema_version == SCHEMA_VERSION + 1
            assert s.count_articles() == 1
            assert [a.title for a in s.articles()] == ["Kept"]


def test_failed_migration_leaves_archive_as_it_was(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "briefing.db"
    with Store(path) as s:
        refresh(s, add_feed(s), parsed(item("Kept", "Still here", guid="k-1")))
    broken = "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);"
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, broken))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(Exception):  # noqa: B017 - any error; the point is what is left behind
        Store(path)
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in names
        assert raw.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    finally:
        raw.close()


def test_archive_from_newer_briefing_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "briefing.db"
    Store(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    raw.close()
    with pytest.raises(BriefingError, match="newer"):
        Store(path)


def test_not_an_archive_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "briefing.db"
    path.write_bytes(b"this is a text file, not SQLite\n" * 200)
    with pytest.raises(BriefingError) as caught:
        Store(path)
    assert str(caught.value).count("\n") == 0


def test_missing_archive_without_create(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match="No archive"):
        Store(tmp_path / "briefing.db", create=False)
    assert not (tmp_path / "briefing.db").exists()


# -- identity, edits, duplicates --------------------------------------------------------


def test_identity_guid_then_link_then_hash() -> None:
    p = parsed(
        item("A", "one", guid="g-1", link="https://desk.example.test/a"),
        item("B", "two", link="https://desk.example.test/b"),
        item("C", "three"),
    )
    assert [e.identity for e in p.entries][:2] == ["guid:g-1", "link:https://desk.example.test/b"]
    assert p.entries[2].identity.startswith("hash:")


def test_same_items_again_add_nothing(archive: Store) -> None:
    feed = add_feed(archive)
    items = (item("A", "one", guid="g-1"), item("B", "two", link="https://desk.example.test/b"),
             item("C", "three"))
    assert refresh(archive, feed, parsed(*items)) == (3, 0)
    assert refresh(archive, feed, parsed(*items)) == (0, 0)
    assert archive.count_articles() == 3


def test_publisher_edit_updates_in_place(archive: Store) -> None:
    feed = add_feed(archive)
    refresh(archive, feed, parsed(item("Alibaba to list unit", "First draft.", guid="g-1")))
    [before] = archive.articles()
    archive.set_read([before.id])
    new, updated = refresh(archive, feed, parsed(
        item("Alibaba to list cloud unit in Hong Kong", "Corrected: the listing is in 2026.",
             guid="g-1")))
    assert (new, updated) == (0, 1)
    [after] = archive.articles()
    assert after.id == before.id
    assert after.title == "Alibaba to list cloud unit in Hong Kong"
    full = archive.article(after.id)
    assert full is not None and "Corrected: the listing is in 2026." in full.text
    assert [a.id for a in archive.search("Corrected")] == [after.id]
    assert archive.search("draft") == []


def test_an_edit_that_empties_the_article_keeps_what_we_had(archive: Store) -> None:
    feed = add_feed(archive)
    refresh(archive, feed, parsed(item("Copper rallies", "LME copper rose 2%.", guid="g-1")))
    empty = parsed("<item><guid isPermaLink=\"false\">g-1</guid><title></title></item>")
    refresh(archive, feed, empty)
    [a] = archive.articles()
    assert a.title == "Copper rallies"
    full = archive.article(a.id)
    assert full is not None and "LME copper rose 2%." in full.text


def test_article_dropped_from_feed_stays_in_archive(archive: Store) -> None:
    feed = add_feed(archive)
    refresh(archive, feed, parsed(item("Old", "old news", guid="g-1")))
    refresh(archive, feed, parsed(item("New", "new news", guid="g-2")))
    assert sorted(a.title for a in archive.articles()) == ["New", "Old"]


def test_failed_refresh_loses_nothing(archive: Store) -> None:
    feed = add_feed(archive)
    refresh(archive, feed, parsed(item("Kept", "kept text", guid="g-1")))
    archive.store_refresh(feed, status=500, error="The server failed.", parsed=None,
                          feed_values={"last_error": "The server failed.", "failures": 1})
    garbage = parse_feed(b"<html><body>Oops</body></html>", FEED_URL, "text/html")
    archive.store_refresh(feed, status=200, error=garbage.problem, parsed=garbage, feed_values={})
    assert [a.title for a in archive.articles()] == ["Kept"]


def test_no_duplicate_within_a_feed_but_each_feed_has_its_own(archive: Store) -> None:
    one = add_feed(archive)
    two = add_feed(archive, "https://other.example.test/rss")
    twice = parsed(item("Same", "same text", guid="g-1"), item("Same", "same text", guid="g-1"))
    assert refresh(archive, one, twice) == (1, 0)
    assert refresh(archive, two, twice) == (1, 0)
    assert archive.count_articles() == 2
    raw = archive.conn.execute(
        "SELECT count(*) FROM articles GROUP BY feed_id, identity HAVING count(*) > 1"
    ).fetchall()
    assert raw == []


def test_unsubscribe_removes_articles_from_search(archive: Store) -> None:
    feed = add_feed(archive)
    refresh(archive, feed, parsed(item("Nomura hires", "Nomura (8604.T) hired bankers.",
                                       guid="g-1")))
    assert archive.search("8604.T")
    archive.delete_feed(feed.id)
    assert archive.search("8604.T") == []
    assert archive.count_articles() == 0


# -- listing and search -----------------------------------------------------------------

NEWS = (
    item("Alibaba cloud revenue beats", "Alibaba ($BABA, 9988.HK) grew cloud revenue 18%.",
         guid="n-1", date="Mon, 31 Mar 2025 01:00:00 GMT"),
    item("Berkshire buys more stock", "Berkshire (BRK.B) added to its stake in a Japanese "
         "trading house.", guid="n-2", date="Tue, 01 Apr 2025 01:00:00 GMT"),
    item("Berkshire class A", "Only BRK.A shares were mentioned here.", guid="n-3",
         date="Wed, 02 Apr 2025 01:00:00 GMT"),
    item("Tencent games approvals", "Tencent (0700.HK) won licences; NetEase too.", guid="n-4",
         date="Thu, 03 Apr 2025 01:00:00 GMT"),
    item("Hong Kong wrap", "The Hang Seng rose as 9988 and HK-listed tech led.", guid="n-5",
         date="Fri, 04 Apr 2025 01:00:00 GMT"),
)


@pytest.fixture
def news(archive: Store) -> Store:
    refresh(archive, add_feed(archive), parsed(*NEWS))
    return archive


def titles(articles: list[Article]) -> list[str]:
    return [a.title for a in articles]


def test_articles_newest_first_with_limit(news: Store) -> None:
    assert titles(news.articles()) == [
        "Hong Kong wrap", "Tencent games approvals", "Berkshire class A",
        "Berkshire buys more stock", "Alibaba cloud revenue beats"]
    assert titles(news.articles(limit=2)) == ["Hong Kong wrap", "Tencent games approvals"]
    assert len(news.articles(limit=0)) == 5


def test_unread_filter(news: Store) -> None:
    first = news.articles()[0]
    news.set_read([first.id])
    assert first.id not in [a.id for a in news.articles(unread=True)]
    assert len(news.articles(unread=True)) == 4
    news.set_read([first.id], read=False)
    assert len(news.articles(unread=True)) == 5


@pytest.mark.parametrize(("query", "expected"), [
    ("$BABA", ["Alibaba cloud revenue beats"]),
    ("9988.HK", ["Alibaba cloud revenue beats"]),
    ("BRK.B", ["Berkshire buys more stock"]),
    ("BRK.A", ["Berkshire class A"]),
    ("0700.HK", ["Tencent games approvals"]),
])
def test_tickers_found_as_written(news: Store, query: str, expected: list[str]) -> None:
    assert titles(news.search(query)) == expected


def test_plain_words(news: Store) -> None:
    assert titles(news.search("cloud revenue")) == ["Alibaba cloud revenue beats"]
    assert titles(news.search("LICENCES")) == ["Tencent games approvals"]
    assert news.search("nothing-like-this-anywhere") == []


def test_fts5_operators_still_work(news: Store) -> None:
    assert sorted(titles(news.search("Tencent OR Alibaba"))) == [
        "Alibaba cloud revenue beats", "Tencent games approvals"]
    assert titles(news.search("Berkshire NOT Japanese")) == ["Berkshire class A"]
    assert titles(news.search('"trading house"')) == ["Berkshire buys more stock"]
    assert titles(news.search("Tenc*")) == ["Tencent games approvals"]
    assert titles(news.search("(Tencent OR Alibaba) AND licences")) == [
        "Tencent games approvals"]


@pytest.mark.parametrize("query", ['"unbalanced', "Tencent AND", "(Tencent", "NEAR("])
def test_bad_query_is_a_briefing_error_not_a_crash(news: Store, query: str) -> None:
    with pytest.raises(BriefingError) as caught:
        news.search(query)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("query", ["OR", "AND AND", ")", "*", "NOT"])
def test_odd_queries_never_crash(news: Store, query: str) -> None:
    try:
        result = news.search(query)
    except BriefingError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(result, list)


def test_search_best_match_first(archive: Store) -> None:
    filler = " ".join(["Markets were quiet across the region today."] * 30)
    p = parsed(
        item("Regional wrap", f"{filler} Meituan was little changed.", guid="m-1",
             date="Fri, 04 Apr 2025 01:00:00 GMT"),
        item("Meituan results: Meituan beats", "Meituan (3690.HK) beat forecasts; Meituan "
             "shares rose.", guid="m-2", date="Mon, 31 Mar 2025 01:00:00 GMT"),
    )
    refresh(archive, add_feed(archive), p)
    assert titles(archive.search("Meituan")) == ["Meituan results: Meituan beats",
                                                  "Regional wrap"]


def test_search_limit(news: Store) -> None:
    assert len(news.search("HK", limit=1)) == 1
    assert len(news.search("HK", limit=0)) >= 2


@pytest.mark.parametrize(("typed", "query"), [
    ("$BABA", '"$BABA"'),
    ("9988.HK", '"9988.HK"'),
    ("BRK.B", '"BRK.B"'),
    ("BRK-B", '"BRK-B"'),
    ("^NDX", '"^NDX"'),
    ("tencent results", "tencent results"),
    ("Tencent OR Alibaba", "Tencent OR Alibaba"),
    ("Tencent NOT Alibaba", "Tencent NOT Alibaba"),
    ('"cloud revenue"', '"cloud revenue"'),
    ("Tenc*", "Tenc*"),
    ("AT&T", '"AT&T"'),
    ("0700.HK results", '"0700.HK" results'),
    ("  spaced   out  ", "spaced out"),
    ("", ""),
])
def test_fts_query(typed: str, query: str) -> None:
    assert fts_query(typed) == query


def test_feed_state_and_title_written_with_articles(archive: Store) -> None:
    bare = archive.feed(archive.add_feed(FEED_URL))  # subscribed by URL alone
    named = add_feed(archive, "https://named.example.test/rss")  # the user named it "Desk"
    assert bare is not None and bare.title == FEED_URL
    p = parse_feed(rss(item("A", "a", guid="1"), title="Harbour Desk"), FEED_URL,
                   "application/rss+xml")
    for feed in (bare, named):
        archive.store_refresh(feed, status=200, error=None, parsed=p,
                              feed_values={"etag": '"v1"', "last_status": 200})
    got = archive.feed(bare.id)
    assert got is not None and got.etag == '"v1"' and got.last_status == 200
    assert got.title == "Harbour Desk"
    assert got.site_url == "https://desk.example.test/"
    kept = archive.feed(named.id)
    assert kept is not None and kept.title == "Desk"
