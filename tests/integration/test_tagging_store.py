"""Tags stored with the archive: computed at refresh, queried by ticker, recomputed when the
catalog or the user's overrides file changes (issue 3), through the real Service and HTTP.

The stories are invented for these tests; only company names and tickers are real.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from feedserver import FeedServer

from briefing.core.service import Service, tagging_stamp
from briefing.core.tagging import catalog as catalog_module
from briefing.core.tagging import get_catalog

from .feedkit import LIMITS, Item, rss

BY_NAME = Item("t-name", "Cloud spending steps up at a Hangzhou giant",
               "<p>Alibaba Group Holding Ltd. said it would spend more on data centres this "
               "year, and Alibaba's cloud arm hired two hundred engineers.</p>")
BY_CASHTAG = Item("t-cashtag", "Retail chatter doubles",
                  "<p>Mentions of $BABA on trading forums doubled this week.</p>")
BY_NICKNAME = Item("t-nickname", "Traders pile into the e-commerce name",
                   "<p>Ali-B is what the desk calls it now, and Ali-B shares jumped again "
                   "on Tuesday.</p>")
TOYOTA = Item("t-toyota", "Carmaker holds its forecast",
              "<p>Toyota Motor Corp. (TYO: 7203) kept its full-year outlook.</p>")
STORIES = (BY_NAME, BY_CASHTAG, BY_NICKNAME, TOYOTA)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def feed(feed_server: FeedServer) -> str:
    feed_server.add("/tags.xml", rss(STORIES), content_type="application/rss+xml")
    return feed_server.url("/tags.xml")


@pytest.fixture
def svc(data_dir: Path, feed: str) -> Iterator[Service]:
    """An archive subscribed to the feed above (subscribing stores and tags its articles)."""
    with Service(data_dir, limits=LIMITS) as service:
        service.add(feed)
        yield service


def titles(svc: Service, ticker: str) -> set[str]:
    return {a.title for a in svc.articles(ticker=ticker, limit=0)}


def article_id(svc: Service, title: str) -> int:
    return next(a.id for a in svc.articles(limit=0) if a.title == title)


def alibaba_id() -> str:
    entity = get_catalog().entity_for_symbol("BABA")
    assert entity is not None
    return entity.id


def write_overrides(svc: Service, doc: dict[str, object]) -> None:
    path = svc.overrides_path
    before = path.stat().st_mtime_ns if path.exists() else None
    path.write_text(json.dumps(doc), encoding="utf-8")
    if before is not None and path.stat().st_mtime_ns == before:  # a coarse clock
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


# -- stored at refresh -----------------------------------------------------------------------


def test_articles_naming_alibaba_either_way_come_back_by_each_listing(svc: Service) -> None:
    wanted = {BY_NAME.title, BY_CASHTAG.title}
    assert titles(svc, "9988.HK") == wanted
    assert titles(svc, "BABA") == wanted
    assert titles(svc, "$BABA") == wanted
    assert titles(svc, "7203.T") == {TOYOTA.title}


def test_listed_articles_carry_their_listings(svc: Service) -> None:
    listed = {a.title: a.listings for a in svc.articles(limit=0)}
    assert {"BABA", "9988.HK"} <= set(listed[BY_NAME.title])
    assert "7203.T" in listed[TOYOTA.title]
    assert listed[BY_NICKNAME.title] == ()


def test_stored_mentions_point_into_the_stored_text(svc: Service) -> None:
    for summary in svc.articles(limit=0):
        article = svc.article(summary.id)
        tags = svc.article_tags(summary.id)
        for entity in tags.entities:
            for m in entity.mentions:
                source = article.title if m.field == "title" else article.text
                assert source[m.start:m.end] == m.text, (article.title, m)


def test_articles_of_a_later_refresh_are_tagged_too(
    svc: Service, feed_server: FeedServer
) -> None:
    later = Item("t-later", "Hong Kong tech rebounds",
                 "<p>Tencent (0700.HK) and $BABA led the Hang Seng Tech Index higher.</p>")
    feed_server.add("/tags.xml", rss((later, *STORIES)), content_type="application/rss+xml")
    svc.refresh()
    assert later.title in titles(svc, "BABA")
    assert titles(svc, "0700.HK") == {later.title}


# -- the user's overrides file ---------------------------------------------------------------


def test_an_alias_from_the_overrides_file_tags_stored_articles(svc: Service) -> None:
    assert BY_NICKNAME.title not in titles(svc, "BABA")
    write_overrides(svc, {"aliases": {alibaba_id(): ["Ali-B"]}})

    assert svc.retag() == len(STORIES)

    assert titles(svc, "BABA") == {BY_NAME.title, BY_CASHTAG.title, BY_NICKNAME.title}
    assert titles(svc, "9988.HK") == titles(svc, "BABA")
    tags = svc.article_tags(article_id(svc, BY_NICKNAME.title))
    alibaba = next(e for e in tags.entities if e.id == alibaba_id())
    assert [m.text for m in alibaba.mentions if m.field == "text"] == ["Ali-B", "Ali-B"]


def test_suppressing_an_entity_removes_it_from_stored_articles(svc: Service) -> None:
    toyota = next(e for e in svc.article_tags(article_id(svc, TOYOTA.title)).entities
                  if "7203.T" in e.listings)  # found in a stored article, as the window would
    write_overrides(svc, {"suppress": [{"entity": toyota.id}]})

    assert svc.retag() == len(STORIES)

    assert titles(svc, "7203.T") == set()
    assert all(e.id != toyota.id
               for e in svc.article_tags(article_id(svc, TOYOTA.title)).entities)
    assert titles(svc, "BABA") == {BY_NAME.title, BY_CASHTAG.title}  # others untouched


def test_suppressing_one_alias_keeps_the_other_mentions(svc: Service) -> None:
    """A wrong tag, suppressed as the window sees it (each mention's text): the article that
    names Alibaba only by name drops out, the one with a cashtag stays."""
    names = {m.text for e in svc.article_tags(article_id(svc, BY_NAME.title)).entities
             if e.id == alibaba_id() for m in e.mentions}
    write_overrides(svc, {"suppress": [{"entity": alibaba_id(), "alias": n} for n in names]})

    assert names == {"Alibaba Group Holding Ltd.", "Alibaba"}
    svc.retag()

    left = {m.text for e in svc.article_tags(article_id(svc, BY_NAME.title)).entities
            if e.id == alibaba_id() for m in e.mentions}
    assert left == set(), f"suppressed by their text, still tagged: {left}"
    assert titles(svc, "BABA") == {BY_CASHTAG.title}


def test_overrides_and_suppressions_together_survive_a_new_service(
    svc: Service, data_dir: Path
) -> None:
    write_overrides(svc, {"aliases": {alibaba_id(): ["Ali-B"]},
                          "suppress": [{"entity": alibaba_id(), "alias": "Alibaba"}]})
    svc.retag()
    with Service(data_dir, limits=LIMITS) as again:  # as the next `briefing` command would
        assert again.retag() == 0
        assert BY_NICKNAME.title in titles(again, "BABA")


def test_a_damaged_overrides_file_leaves_the_catalog_standing(svc: Service) -> None:
    svc.overrides_path.write_text("{not json", encoding="utf-8")
    svc.retag()
    assert titles(svc, "BABA") == {BY_NAME.title, BY_CASHTAG.title}


# -- when re-tagging happens -----------------------------------------------------------------


def subscribe_and_refresh(data_dir: Path, feed: str) -> Service:
    """Subscribed as `import-opml` does (nothing fetched), then stored by a refresh."""
    opml = data_dir.parent / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head>'
                    f'<body><outline type="rss" text="Tags" xmlUrl="{feed}"/></body></opml>',
                    encoding="utf-8")
    service = Service(data_dir, limits=LIMITS)
    service.import_opml(opml)
    service.refresh()
    return service


def test_retag_only_when_the_stamp_changes(data_dir: Path, feed: str) -> None:
    with subscribe_and_refresh(data_dir, feed) as svc:
        assert svc.retag() == 0  # tagged at refresh, nothing changed since
        write_overrides(svc, {"aliases": {alibaba_id(): ["Ali-B"]}})
        assert svc.retag() == len(STORIES)
        assert svc.retag() == 0
        assert svc.retag(force=True) == len(STORIES)
        assert svc.retag() == 0


def test_subscribing_leaves_nothing_to_retag(svc: Service) -> None:
    """`briefing add` tags what it stores; the next refresh has no reason to tag it again."""
    assert svc.retag() == 0


def test_a_refresh_retags_after_the_overrides_change(svc: Service) -> None:
    write_overrides(svc, {"aliases": {alibaba_id(): ["Ali-B"]}})
    svc.refresh()  # nothing new on the server; stored articles are tagged again
    assert BY_NICKNAME.title in titles(svc, "BABA")
    assert svc.retag() == 0


def test_a_new_catalog_retags_stored_articles(
    svc: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped catalog replaced (an upgrade): its stamp changes, so tags are recomputed."""
    shipped = catalog_module.default_catalog_path()
    copy = tmp_path / "catalog.json"
    copy.write_bytes(shipped.read_bytes())
    monkeypatch.setattr(catalog_module, "default_catalog_path", lambda: copy)
    stamp = tagging_stamp(svc.overrides_path)

    assert svc.retag() == len(STORIES)  # another file: another stamp
    assert svc.retag() == 0
    later = copy.stat().st_mtime_ns + 5_000_000_000
    os.utime(copy, ns=(later, later))
    assert tagging_stamp(svc.overrides_path) != stamp
    assert svc.retag() == len(STORIES)
    assert svc.retag() == 0
    assert titles(svc, "BABA") == {BY_NAME.title, BY_CASHTAG.title}


def test_a_new_engine_version_retags_stored_articles(
    svc: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An engine that tags differently (issue 12's) raises ENGINE_VERSION: everything stored
    was tagged by the old one and is tagged again, once."""
    import briefing.core.tagging as tagging

    assert svc.retag() == 0
    monkeypatch.setattr(tagging, "ENGINE_VERSION", tagging.ENGINE_VERSION + 1)
    assert svc.retag() == len(STORIES)
    assert svc.retag() == 0


def test_a_refitted_evidence_model_retags_stored_articles(
    svc: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.core.tagging import evidence

    copy = tmp_path / "evidence.json"
    copy.write_bytes(evidence.model_path().read_bytes())
    monkeypatch.setattr(evidence, "model_path", lambda: copy)
    assert svc.retag() == len(STORIES)
    assert svc.retag() == 0


def test_a_new_catalog_points_pins_at_the_entity_it_now_names(
    svc: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A catalog that curates a company under a new id (its pin was made under the old one)
    keeps the pin's news: retagging points the pin at the entity the articles now carry."""
    import briefing.core.tagging as tagging

    svc.watch_add("BABA")
    svc.store.watch_set_entity("BABA", "an-id-an-older-catalog-gave", "Alibaba")
    assert svc.watch_articles() == []  # the stale id names nothing
    monkeypatch.setattr(tagging, "ENGINE_VERSION", tagging.ENGINE_VERSION + 1)
    svc.retag()
    assert [w.entity_id for w in svc.watchlist()] == [alibaba_id()]
    assert {a.title for a in svc.watch_articles()} == {BY_NAME.title, BY_CASHTAG.title}
