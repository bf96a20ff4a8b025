"""Reading the archive from the command line: `articles`, `search`, `show`, `read`/`unread`."""

from __future__ import annotations

import shutil
from pathlib import Path

from clikit import Cli, Populated

ARTICLE_KEYS = {"id", "feed", "title", "url", "published", "read", "listings"}
SHOW_KEYS = {"id", "title", "text", "content_html", "entities", "quotations"}


def copy_of(populated: Populated, tmp_path: Path) -> Cli:
    """A private copy of the shared archive, for tests that change it."""
    target = tmp_path / "data"
    target.mkdir()
    for f in populated.cli.data_dir.glob("briefing.db*"):  # type: ignore[union-attr]
        shutil.copy2(f, target / f.name)
    return Cli(target)


def test_articles_json_shape_newest_first_default_limit(populated: Populated) -> None:
    listed = populated.cli("articles", "--json").json()
    assert len(listed) == 50, "the default limit is 50"
    assert all(set(a) >= ARTICLE_KEYS for a in listed)
    first = listed[0]
    assert first["title"] == "Regional wrap"
    assert first["feed"] == "Asia Desk"
    assert first["published"] == "2025-04-05T01:00:00+00:00"
    assert first["url"] == "https://asia.example.test/ad-5"
    assert first["read"] is False and isinstance(first["listings"], list)
    stamps = [a["published"] for a in listed]
    assert stamps == sorted(stamps, reverse=True)
    assert listed == populated.articles[:50]


def test_articles_limit_zero_is_all_and_limit_n(populated: Populated) -> None:
    assert len(populated.articles) == 60  # 55 notes + 5 Asia Desk articles
    assert len({a["id"] for a in populated.articles}) == 60
    three = populated.cli("articles", "--json", "--limit", "3").json()
    assert [a["title"] for a in three] == ["Regional wrap", "Meituan results: Meituan beats",
                                          "Berkshire class A note"]


def test_articles_of_one_feed_by_id_or_url(populated: Populated) -> None:
    feeds = {f["title"]: f for f in populated.cli("feeds", "--json").json()}
    asia = feeds["Asia Desk"]
    assert asia["folder"] == "News/Asia"
    by_id = populated.cli("articles", "--feed", str(asia["id"]), "--json").json()
    by_url = populated.cli("articles", "--feed", populated.markets_url, "--json",
                           "--limit", "0").json()
    assert [a["title"] for a in by_id] == ["Regional wrap", "Meituan results: Meituan beats",
                                          "Berkshire class A note",
                                          "Berkshire adds to trading houses",
                                          "Alibaba cloud revenue beats"]
    assert len(by_url) == 55 and {a["feed"] for a in by_url} == {"Harbour Markets"}
    assert by_url[0]["title"] == "Harbour note 54" and by_url[-1]["title"] == "Harbour note 00"
    missing = populated.cli("articles", "--feed", "https://nowhere.example.test/rss", expect=1)
    missing.one_error_line()


def test_articles_text_output(populated: Populated) -> None:
    out = populated.cli("articles", "--limit", "2").out
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert "Regional wrap" in lines[0] and "Asia Desk" in lines[0]


def test_search_tickers_as_written(populated: Populated) -> None:
    def found(query: str) -> list[str]:
        return [a["title"] for a in populated.cli("search", query, "--json").json()]

    assert found("$BABA") == ["Alibaba cloud revenue beats"]
    assert found("9988.HK") == ["Alibaba cloud revenue beats"]
    assert found("BRK.B") == ["Berkshire adds to trading houses"]
    assert found("nothing-matches-this") == []


def test_search_best_match_first_limit_and_text(populated: Populated) -> None:
    hits = populated.cli("search", "Meituan", "--json").json()
    assert [a["title"] for a in hits] == ["Meituan results: Meituan beats", "Regional wrap"]
    assert all(set(a) >= ARTICLE_KEYS for a in hits)
    assert len(populated.cli("search", "Harbour", "note", "--json").json()) == 50
    assert len(populated.cli("search", "Harbour", "--json", "--limit", "0").json()) == 55
    text = populated.cli("search", "Meituan", "--limit", "1").out.strip().splitlines()
    assert len(text) == 1 and "Meituan results" in text[0]


def test_search_operators_and_bad_queries(populated: Populated) -> None:
    hits = populated.cli("search", "Alibaba OR Meituan", "--json").json()
    assert {a["title"] for a in hits} == {"Alibaba cloud revenue beats",
                                         "Meituan results: Meituan beats", "Regional wrap"}
    bad = populated.cli("search", '"unbalanced', expect=1)
    bad.one_error_line()


def test_show_json(populated: Populated) -> None:
    article_id = populated.article_id("Alibaba cloud revenue beats")
    shown = populated.cli("show", str(article_id), "--json").json()
    assert set(shown) >= SHOW_KEYS
    assert shown["id"] == article_id
    assert shown["title"] == "Alibaba cloud revenue beats"
    assert "Alibaba ($BABA, 9988.HK) grew cloud revenue 18%." in shown["text"]
    assert "Shares rose." in shown["text"]
    assert "alert" not in shown["text"]
    html = shown["content_html"].lower()
    assert "9988.hk" in html and "<script" not in html and "onclick" not in html
    assert isinstance(shown["entities"], list) and isinstance(shown["quotations"], list)


def test_show_text_and_missing_article(populated: Populated) -> None:
    article_id = populated.article_id("Berkshire adds to trading houses")
    out = populated.cli("show", str(article_id)).out
    assert out.startswith("Berkshire adds to trading houses\n")
    assert "Berkshire Hathaway (BRK.B) raised its stakes in Japan." in out
    missing = populated.cli("show", "999999", expect=1)
    assert "999999" in missing.one_error_line()


def test_read_and_unread(populated: Populated, tmp_path: Path) -> None:
    cli = copy_of(populated, tmp_path)
    one = populated.article_id("Regional wrap")
    two = populated.article_id("Meituan results: Meituan beats")
    cli("read", str(one), str(two))
    unread = cli("articles", "--unread", "--json", "--limit", "0").json()
    assert len(unread) == 58 and {one, two}.isdisjoint(a["id"] for a in unread)
    listed = {a["id"]: a for a in cli("articles", "--json").json()}
    assert listed[one]["read"] is True and listed[two]["read"] is True

    cli("unread", str(one))
    unread_ids = [a["id"] for a in cli("articles", "--unread", "--json").json()]
    assert unread_ids[0] == one and two not in unread_ids

    partly = cli("read", str(one), "999999")  # one known, one not: done, with a warning
    assert "999999" in partly.one_error_line()
    none = cli("unread", "999998", expect=1)
    assert "999998" in none.one_error_line()
    assert len(cli("articles", "--unread", "--json", "--limit", "0").json()) == 58
