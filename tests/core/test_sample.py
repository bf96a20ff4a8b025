"""The first-run resources: the offline sample briefing and the curated default feeds."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing.core.feeds import why_not_due
from briefing.core.http import Fetcher
from briefing.core.models import Feed, FetchResult
from briefing.core.opml import parse_opml
from briefing.core.paths import resources_dir
from briefing.core.sample import is_sample_url, load_sample, read_sample
from briefing.core.service import TAG_STAMP, Service

NOW = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback wire</title><link>https://wire.example.test/</link>
<item><guid>wire-1</guid><title>Tencent (0700.HK) edges higher</title>
<link>https://wire.example.test/1</link><description>Shares rose.</description></item>
</channel></rss>"""


@pytest.fixture
def service(tmp_path: Path):
    with Service(tmp_path) as svc:
        yield svc


# -- the sample file ---------------------------------------------------------------------


def test_the_sample_file_is_a_handful_of_articles_from_a_few_sources() -> None:
    sample = read_sample()
    assert 2 <= len(sample.sources) <= 3
    assert 8 <= len(sample.articles) <= 12
    assert len({a.id for a in sample.articles}) == len(sample.articles)
    slugs = {s.slug for s in sample.sources}
    for a in sample.articles:
        words = len(re.sub(r"<[^>]+>", " ", a.content).split())
        assert 150 <= words <= 450, (a.title, words)
        assert a.source in slugs and a.author and a.title
        assert a.published.tzinfo is not None
        assert sample.as_of - timedelta(days=7) <= a.published <= sample.as_of
        assert is_sample_url(a.url), a.url  # .invalid: nothing in the sample is ever fetched
    assert all(is_sample_url(s.feed_url) for s in sample.sources)


# -- loading it --------------------------------------------------------------------------


def test_the_sample_loads_into_a_fresh_archive_tagged(service: Service) -> None:
    count = len(read_sample().articles)
    assert load_sample(service, now=NOW) == count
    articles = service.articles(limit=0)
    assert len(articles) == count
    for article in articles:
        tags = service.store.tags(article.id)
        assert tags.entities, article.title
        assert tags.quotations, article.title
        assert article.author and article.url and is_sample_url(article.url)
        assert article.feed_title.startswith("Briefing Sample")
    feeds = service.feeds()
    assert len(feeds) == len(read_sample().sources)
    assert {f.folder for f in feeds} == {"Sample briefing"}
    assert service.store.get_meta(TAG_STAMP) is not None  # a refresh need not tag them again


def test_loading_twice_adds_nothing(service: Service) -> None:
    first = load_sample(service, now=NOW)
    assert load_sample(service, now=NOW + timedelta(days=3)) == 0
    assert len(service.articles(limit=0)) == first
    assert len(service.feeds()) == len(read_sample().sources)


def test_times_move_by_whole_days_to_the_loading_day(service: Service) -> None:
    sample = read_sample()
    load_sample(service, now=NOW)
    by_url = {a.url: a for a in service.articles(limit=0)}
    newest = max(datetime.fromisoformat(a.published or "") for a in by_url.values())
    assert NOW - timedelta(days=1) < newest <= NOW
    shift = {datetime.fromisoformat(by_url[a.url].published or "") - a.published
             for a in sample.articles}
    assert len(shift) == 1  # the same shift for all: spacing and times of day are kept
    assert next(iter(shift)) % timedelta(days=1) == timedelta(0)


def test_the_sample_reads_well(service: Service) -> None:
    """What a new user sees first: listings and speakers as a reader expects them."""
    load_sample(service, now=NOW)
    found: dict[str, tuple[dict[str, tuple[str, ...]], set[str | None]]] = {}
    for article in service.articles(limit=0):
        tags = service.store.tags(article.id)
        found[article.title] = ({e.name: e.listings for e in tags.entities},
                                {q.speaker for q in tags.quotations})

    def article(start: str) -> tuple[dict[str, tuple[str, ...]], set[str | None]]:
        return next(v for k, v in found.items() if k.startswith(start))

    entities, speakers = article("Hong Kong tech stocks")
    assert entities["Alibaba Group Holding Ltd."][0] == "9988.HK"
    assert entities["Tencent Holdings Ltd."][0] == "0700.HK"
    assert entities["Hang Seng TECH Index"] == ("HSTECH.HK",)
    assert entities["ByteDance Ltd."] == () and "TikTok" in entities
    assert speakers == {"Mei Ling Chow"}
    entities, speakers = article("SoftBank drags Tokyo")
    assert entities["SoftBank Group Corp."][0] == "9984.T"
    assert entities["Toyota Motor Corp."][0] == "7203.T"
    assert entities["OpenAI"] == () and "ChatGPT" in entities and "Nikkei 225" in entities
    assert speakers == {"Kenji Arai"}
    entities, speakers = article("JD.com sales")
    assert entities["JD.com Inc."][:2] == ("9618.HK", "JD")
    assert None in speakers and "Wei Zhang" in speakers  # one line nobody is quoted for
    entities, speakers = article("FTSE 100 closes")
    assert entities["Vodafone Group plc"][0] == "VOD.L"
    assert entities["HSBC Holdings plc"][0] == "HSBA.L"
    assert speakers == {"Fiona Gallagher"}
    entities, speakers = article("Chipmakers lift the Nasdaq 100")
    assert {"NVIDIA Corp.", "Nasdaq 100", "S&P 500", "OpenAI"} <= set(entities)
    assert speakers == {"Rachel Imbert", "Tomás Ferreyra"}
    entities, speakers = article("SpaceX share-sale talk")
    assert entities["Space Exploration Technologies Corp."] == ()
    assert speakers == {"Marcus Lindqvist"}
    entities, speakers = article("ASML slides")
    assert entities["ASML Holding N.V."][0] == "ASML.AS"
    assert speakers == {"Jonas Vogt"}
    assert service.articles(ticker="9988.HK")  # filtering by listing finds the sample too


# -- refresh leaves the sample alone -----------------------------------------------------


class _RecordingFetcher(Fetcher):
    """The real fetcher, noting every URL a refresh asks it for."""

    fetched: list[str] = []

    async def fetch(self, url: str, **kwargs) -> FetchResult:
        _RecordingFetcher.fetched.append(url)
        return await super().fetch(url, **kwargs)


def test_refresh_never_fetches_the_sample_feeds(tmp_path: Path, feed_server) -> None:
    feed_server.add("/wire.xml", RSS, content_type="application/rss+xml")
    _RecordingFetcher.fetched = []
    with Service(tmp_path, fetcher_factory=_RecordingFetcher) as svc:
        load_sample(svc, now=NOW)
        with svc.store.transaction():
            svc.store.add_feed(feed_server.url("/wire.xml"), "Loopback wire")
        before = len(svc.articles(limit=0))
        for due_only in (False, True):
            report = svc.refresh(due_only=due_only)
            assert report.failed == 0
            assert all(not is_sample_url(f.url) for f in report.feeds)
            skipped = {url for url, _ in report.skipped}
            assert {s.feed_url for s in read_sample().sources} <= skipped
        assert len(svc.articles(limit=0)) == before + 1  # the real feed was fetched
        sample_feeds = [f for f in svc.feeds() if is_sample_url(f.url)]
        assert all(f.last_error is None and f.failures == 0 for f in sample_feeds)
    assert _RecordingFetcher.fetched and all(u == feed_server.url("/wire.xml")
                                             for u in _RecordingFetcher.fetched)
    assert len(feed_server.requests("/wire.xml")) == 1  # --due: the wire was not due again


@pytest.mark.parametrize(("url", "skipped"), [
    ("https://sample.briefing.invalid/feeds/desk.xml", True),
    ("https://anything.invalid/rss", True),
    ("https://invalid/rss", True),
    ("https://example.com/feed.invalid", False),  # the path does not matter, only the host
    ("https://invalid.example.com/rss", False),
])
def test_feeds_under_dot_invalid_are_never_due(url: str, skipped: bool) -> None:
    why = why_not_due(Feed(id=1, url=url, title="x"), NOW, due_only=False)
    assert (why is not None) is skipped


# -- the default feeds -------------------------------------------------------------------


def test_the_default_feeds_parse_into_folders() -> None:
    doc = parse_opml((resources_dir() / "default-feeds.opml").read_bytes())
    assert 15 <= len(doc.feeds) <= 30
    assert all(f.folder for f in doc.feeds), "every feed sits in a folder"
    assert {"Markets", "Asia", "Europe", "Technology", "Central banks"} <= {
        f.path[0] for f in doc.folders
    }
    assert len({f.url for f in doc.feeds}) == len(doc.feeds)
    for feed in doc.feeds:
        assert feed.url.startswith("https://"), feed.url
        assert feed.site_url and feed.site_url.startswith("https://"), feed.title
        assert feed.title and feed.title != feed.url
