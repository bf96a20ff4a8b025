"""Full text: a `--full-text` feed gets each new article's page fetched and extracted."""

from __future__ import annotations

from .feedkit import Archive, Item, assert_inert, report_for, rss

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Harbour Street Markets</title>
<script>window.trackReader = function () {{ return 1; }};</script>
<style>body {{ font-family: serif; }}</style>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/asia">Asia</a>
<a href="/subscribe">Subscribe</a></nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By Mei Lin Ho, Hong Kong markets correspondent</p>
<p>Harbour Lines, the container operator listed in Hong Kong, said on Tuesday that it would
raise its interim dividend after freight rates on its busiest routes held up better than
analysts had expected through the slow season after the Lunar New Year holiday.</p>
<p>The company's chief financial officer told a results briefing that bookings for the second
quarter were running about a fifth ahead of the same period last year, helped by retailers in
Europe restocking earlier than usual and by fewer sailings being cancelled.</p>
<p>Analysts at a mainland brokerage raised their price target on the stock, arguing that the
balance sheet could now support a steadier payout even if rates eased later in the year. The
shares rose as much as six per cent in morning trade before paring gains.</p>
<p>Not everyone was convinced. A fund manager who has been trimming shipping holdings since the
autumn said new vessels ordered during the pandemic boom would keep arriving into 2026, which
in her view would cap how far rates could climb from here.</p>
<p>{marker}</p>
</article>
</main>
<aside><h2>Most read</h2><ul><li><a href="/x">Ten charts on the yen</a></li></ul></aside>
<footer><p>Copyright Harbour Street Markets. All rights reserved.</p>
<iframe src="https://ads.example.test/slot"></iframe></footer>
<script>trackReader();</script>
</body></html>
"""


def _story(feed_server, n: int, *, page: bool = True) -> Item:
    path = f"/articles/{n}"
    title = f"Harbour Lines dividend story {n}"
    if page:
        feed_server.add(path, PAGE.format(title=title, marker=f"Closing paragraph marker {n}."),
                        content_type="text/html; charset=utf-8")
    return Item(f"ft-{n}", title, f"<p>Short teaser number {n}.</p>",
                link=feed_server.url(path))


def test_full_text_feed_stores_each_article_page(feed_server, archive: Archive) -> None:
    stories = [_story(feed_server, n) for n in range(2)]
    feed_server.add("/feed.xml", rss(stories))

    added = archive.add(feed_server.url("/feed.xml"), full_text=True)

    assert added.feed.full_text
    stored = {a.guid: a for a in archive.articles()}
    for n in range(2):
        a = stored[f"ft-{n}"]
        assert "bookings for the second quarter" in a.text
        assert f"Closing paragraph marker {n}." in a.text
        assert "All rights reserved" not in a.text  # the page's furniture is left out
        assert "trackReader" not in a.content_html
    assert_inert(list(stored.values()))
    page_request = feed_server.requests("/articles/0")[0]
    assert page_request.headers["accept"].startswith("text/html")
    found = archive.call(lambda s: [a.guid for a in s.search("pandemic boom")])
    assert sorted(found) == ["ft-0", "ft-1"]


def test_full_text_runs_for_new_articles_of_a_refresh(feed_server, archive) -> None:
    url = feed_server.url("/feed.xml")
    first = _story(feed_server, 0)
    feed_server.add("/feed.xml", rss([first]))
    archive.add(url, full_text=True)
    second = _story(feed_server, 1)
    feed_server.add("/feed.xml", rss([first, second]))

    report = archive.refresh()

    assert report_for(report, url).new == 1
    assert len(feed_server.requests("/articles/0")) == 1  # old articles are not fetched again
    assert len(feed_server.requests("/articles/1")) == 1
    stored = {a.guid: a for a in archive.articles()}
    assert "Closing paragraph marker 1." in stored["ft-1"].text


def test_a_page_that_fails_leaves_the_summary(feed_server, archive) -> None:
    good, missing = _story(feed_server, 0), _story(feed_server, 1, page=False)
    hung = _story(feed_server, 2, page=False)
    feed_server.hang("/articles/2")
    feed_server.add("/feed.xml", rss([good, missing, hung]))

    added = archive.add(feed_server.url("/feed.xml"), full_text=True)

    assert added.report.new == 3
    stored = {a.guid: a for a in archive.articles()}
    assert stored["ft-1"].text == "Short teaser number 1."
    assert stored["ft-2"].text == "Short teaser number 2."
    assert "Closing paragraph marker 0." in stored["ft-0"].text


def test_a_page_with_no_article_text_leaves_the_summary(feed_server, archive) -> None:
    story = _story(feed_server, 0, page=False)
    feed_server.add("/articles/0", "<html><body><p>Please accept cookies.</p></body></html>",
                    content_type="text/html")
    feed_server.add("/feed.xml", rss([story]))

    archive.add(feed_server.url("/feed.xml"), full_text=True)

    (stored,) = archive.articles()
    assert stored.text == "Short teaser number 0."


def test_a_feed_without_full_text_fetches_no_pages(feed_server, archive) -> None:
    feed_server.add("/feed.xml", rss([_story(feed_server, 0)]))

    archive.add(feed_server.url("/feed.xml"))
    archive.refresh()

    assert feed_server.requests("/articles/0") == []
    (stored,) = archive.articles()
    assert stored.text == "Short teaser number 0."


def test_a_later_feed_edit_does_not_throw_away_the_full_text(feed_server, archive) -> None:
    url = feed_server.url("/feed.xml")
    story = _story(feed_server, 0)
    feed_server.add("/feed.xml", rss([story]))
    archive.add(url, full_text=True)
    retitled = Item(story.guid, "Harbour Lines dividend story, updated", story.body,
                    link=story.link)
    feed_server.add("/feed.xml", rss([retitled]))

    archive.refresh()

    (stored,) = archive.articles()
    assert stored.title == "Harbour Lines dividend story, updated"
    assert "bookings for the second quarter" in stored.text
