"""The watchlist in the archive: news for a listing by every name and listing form, each
story once with all its sources, the smart view's count, CSV in and out, and a corrected tag
changing the stored mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.feeds import parse_feed
from briefing.core.service import Service

ITEMS = [
    ("baba-name", "Alibaba lifts its cloud spending plans", "https://a.example.test/1",
     "Alibaba Group Holding Ltd. said it would spend more on data centres."),
    ("baba-cash", "Retail chatter", "https://a.example.test/2",
     "Traders piled into $BABA after the results."),
    ("baba-hk", "Hong Kong tech gauge edges up", "https://a.example.test/3",
     "Shares of 9988.HK rose 2% in Hong Kong."),
    ("baba-adr", "ADR moves", "https://a.example.test/4",
     "Alibaba (NYSE: BABA) gained in New York."),
    ("toyota", "Toyota keeps its outlook", "https://a.example.test/5",
     "Toyota Motor Corp. (TYO: 7203) kept its forecast."),
]


def rss(title: str, items: list[tuple[str, str, str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><guid isPermaLink='false'>{g}</guid><link>{link}</link>"
        f"<pubDate>Mon, 0{i + 1} Dec 2025 08:00:00 +0000</pubDate>"
        f"<description>{text}</description></item>"
        for i, (g, t, link, text) in enumerate(items))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>{body}"
            "</channel></rss>").encode()


def store(svc: Service, url: str, title: str, items) -> None:  # noqa: ANN001
    feed_id = svc.store.add_feed(url, title)
    feed = svc.store.feed(feed_id)
    svc.store.store_refresh(feed, status=200, error=None, parsed=parse_feed(rss(title, items),
                            url), feed_values={})


@pytest.fixture
def svc(tmp_path: Path):
    with Service(tmp_path / "data") as service:
        store(service, "https://wire.example.test/a.xml", "Wire", ITEMS)
        yield service


@pytest.mark.parametrize("symbol", ["9988.HK", "BABA", "$baba", "9988.hk"])
def test_news_for_a_listing_follows_every_name_and_listing(svc: Service, symbol: str) -> None:
    titles = {a.title for a in svc.news_for(symbol, limit=0)}
    assert titles == {"Alibaba lifts its cloud spending plans", "Retail chatter",
                      "Hong Kong tech gauge edges up", "ADR moves"}


def test_the_same_story_from_several_feeds_shows_once_with_its_sources(svc: Service) -> None:
    store(svc, "https://other.example.test/b.xml", "Other Desk", [
        ("copy-1", "Alibaba lifts its cloud spending plans!", "https://b.example.test/x",
         "Alibaba Group Holding Ltd. plans more data centres, it said."),
        ("copy-2", "ADR moves higher", "https://a.example.test/4/",
         "Alibaba (NYSE: BABA) gained in New York trading."),
    ])
    news = svc.news_for("BABA", limit=0)
    assert len(news) == 4
    cloud = next(a for a in news if a.title.startswith("Alibaba lifts"))
    adr = next(a for a in news if a.title.startswith("ADR moves"))
    assert {cloud.feed_title, *cloud.also_in} == {"Wire", "Other Desk"}  # same title
    assert {adr.feed_title, *adr.also_in} == {"Wire", "Other Desk"}  # same link


def test_the_watchlist_view_and_its_unread_count(svc: Service) -> None:
    assert svc.watch_articles() == [] and svc.store.watch_unread_count() == 0
    svc.watch_add("7203.T")
    assert [a.title for a in svc.watch_articles()] == ["Toyota keeps its outlook"]
    svc.watch_add("9988.HK")
    assert svc.store.watch_unread_count() == 5
    svc.store.set_read([a.id for a in svc.watch_articles(limit=0)][:2])
    assert svc.store.watch_unread_count() == 3
    assert len(svc.watch_articles(unread=True, limit=0)) == 3


def test_csv_round_trip(svc: Service, tmp_path: Path) -> None:
    for symbol in ("9988.HK", "BABA", "^NDX"):
        svc.watch_add(symbol)
    out = tmp_path / "watch.csv"
    assert svc.export_watchlist(out) == 3
    assert out.read_text(encoding="utf-8").splitlines()[0] == "symbol,name"
    with Service(tmp_path / "other") as other:
        added, refused = other.import_watchlist(out)
        assert (added, refused) == (3, [])
        assert [w.symbol for w in other.watchlist()] == ["9988.HK", "BABA", "^NDX"]
    messy = tmp_path / "messy.csv"
    messy.write_text("7203.T,Toyota\nnot a symbol,x\n\n$TSLA\n", encoding="utf-8")
    added, refused = svc.import_watchlist(messy)
    assert added == 2 and refused == ["not a symbol"]


def test_a_corrected_tag_changes_the_stored_mentions(svc: Service) -> None:
    toyota = svc.entity_for_symbol("7203.T")
    article = next(a for a in svc.store.articles(limit=0) if a.title.startswith("Toyota"))
    assert toyota.id in svc.store.entities_of([article.id])[article.id]
    assert svc.correct_tag(toyota.id, "Toyota Motor Corp.", wrong=True) >= 1
    after = svc.store.tags(article.id)
    assert all(e.id != toyota.id or all(m.text != "Toyota Motor Corp." for m in e.mentions)
               for e in after.entities)
    # an added alias: a name the catalog lacks now tags the company in stored articles
    alibaba = svc.entity_for_symbol("BABA")
    store(svc, "https://c.example.test/c.xml", "Nicknames", [
        ("nick", "Orange-shirt giant", "https://c.example.test/1",
         "The Hangzhou Cloud Major posted record sales.")])
    nick = next(a for a in svc.store.articles(limit=0) if a.title == "Orange-shirt giant")
    assert alibaba.id not in svc.store.entities_of([nick.id]).get(nick.id, [])
    svc.correct_tag(alibaba.id, "Hangzhou Cloud Major", wrong=False)
    assert alibaba.id in svc.store.entities_of([nick.id])[nick.id]
    assert svc.retag() == 0  # the stamp is current: no full re-tag at the next refresh


def test_news_pages_never_repeat_or_stop_early_with_duplicates(svc: Service) -> None:
    many = [(f"n{i}", f"Alibaba expands cloud region number {i}", f"https://n.example/{i}",
             "Alibaba Group Holding Ltd. opened a data centre.") for i in range(260)]
    store(svc, "https://n.example/a.xml", "Desk A", many)
    store(svc, "https://n.example/b.xml", "Desk B", [  # the same 60 stories again
        (f"copy{i}", t, link, text) for i, (_, t, link, text) in enumerate(many[:60])])
    first = svc.news_for("BABA", limit=200, offset=0)
    second = svc.news_for("BABA", limit=200, offset=200)
    assert len(first) == 200  # a full page: the list knows to ask for more
    ids = [a.id for a in first + second]
    assert len(ids) == len(set(ids))  # nothing twice across pages
    titles = {a.title for a in first + second}
    assert len(titles) == 260 + 4  # every story once (plus the four from ITEMS)
    assert all(set(a.also_in) <= {"Desk A", "Desk B"} for a in first + second)


def test_a_damaged_overrides_file_is_refused_not_overwritten(svc: Service) -> None:
    broken = '{"aliases": {"x": ["y"],}'  # a hand edit with a trailing comma
    svc.overrides_path.write_text(broken, encoding="utf-8")
    toyota = svc.entity_for_symbol("7203.T")
    with pytest.raises(Exception, match="cannot be read"):
        svc.correct_tag(toyota.id, "Toyota Motor Corp.", wrong=True)
    assert svc.overrides_path.read_text(encoding="utf-8") == broken
