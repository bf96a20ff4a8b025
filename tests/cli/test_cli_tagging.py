"""Tags through the command line: `tag`, `articles --ticker`, `show --json`, listings."""

from __future__ import annotations

from clikit import START, Cli, rfc822, rss
from feedserver import FeedServer

STORIES = [
    {"title": "Alibaba lifts cloud spending", "guid": "t-1",
     "link": "https://tags.example.test/1", "date": rfc822(START),
     "html": "<p>Alibaba Group Holding Ltd. said it would spend more on data centres.</p>"
             "<p>“Demand is running ahead of supply,” said Jane Okafor, an analyst at "
             "Example Capital in Hong Kong.</p>"},
    {"title": "Cashtag traders pile in", "guid": "t-2",
     "link": "https://tags.example.test/2", "date": rfc822(START),
     "html": "<p>Retail chatter about $BABA doubled this week.</p>"},
    {"title": "Toyota holds its forecast", "guid": "t-3",
     "link": "https://tags.example.test/3", "date": rfc822(START),
     "html": "<p>Toyota Motor Corp. (TYO: 7203) kept its full-year outlook.</p>"},
]


def _archive(cli: Cli, server: FeedServer) -> None:
    server.add("/tags.xml", rss("Tag Desk", STORIES), content_type="application/rss+xml")
    cli("add", server.url("/tags.xml"))


def test_articles_by_ticker_follow_the_company_through_names_and_listings(
    cli: Cli, feed_server: FeedServer
) -> None:
    _archive(cli, feed_server)
    by_home_line = {a["title"] for a in cli("articles", "--ticker", "9988.HK", "--json").json()}
    by_adr = {a["title"] for a in cli("articles", "--ticker", "BABA", "--json").json()}
    assert by_home_line == by_adr == {"Alibaba lifts cloud spending", "Cashtag traders pile in"}
    toyota = cli("articles", "--ticker", "7203.T", "--json").json()
    assert [a["title"] for a in toyota] == ["Toyota holds its forecast"]
    assert "7203.T" in toyota[0]["listings"]


def test_an_unknown_ticker_is_one_clear_error(cli: Cli, feed_server: FeedServer) -> None:
    _archive(cli, feed_server)
    done = cli("articles", "--ticker", "NOSUCHCO", expect=1)
    assert "NOSUCHCO" in done.one_error_line()


def test_show_json_carries_entities_and_who_said_what(cli: Cli, feed_server: FeedServer) -> None:
    _archive(cli, feed_server)
    first = next(a for a in cli("articles", "--json").json() if a["title"].startswith("Alibaba"))
    shown = cli("show", str(first["id"]), "--json").json()
    alibaba = next(e for e in shown["entities"] if e["name"].startswith("Alibaba"))
    assert alibaba["type"] == "company" and "BABA" in alibaba["listings"]
    for m in alibaba["mentions"]:
        source = shown["title"] if m.get("field") == "title" else shown["text"]
        assert source[m["start"]:m["end"]] == m["text"]
    assert [(q["speaker"], q["organization"]) for q in shown["quotations"]] == [
        ("Jane Okafor", "Example Capital")]


def test_tag_json_follows_the_contract(cli: Cli) -> None:
    text = "Shares of Tencent (0700.HK) rose.\r\n“A fine quarter,” said Ann Lee.\n"
    out = cli("tag", "-", "--json", stdin=text).json()
    assert set(out) >= {"entities", "quotations"}
    tencent = next(e for e in out["entities"] if e["name"].startswith("Tencent"))
    assert tencent["listings"][0] == "0700.HK" and tencent["type"] == "company"
    for m in tencent["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]  # offsets into the text as given
        assert m["why"] in ("symbol", "name", "alias", "alias in context")
    assert out["quotations"][0]["speaker"] == "Ann Lee"
    q = out["quotations"][0]
    assert text[q["start"]:q["end"]] == q["text"] == "A fine quarter"


def test_tag_html_prints_the_text_its_offsets_refer_to(cli: Cli, tmp_path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>Meta Platforms Inc. <b>fell</b>.</p><script>x()</script>",
                    encoding="utf-8")
    out = cli("tag", str(page), "--html", "--json").json()
    meta = next(e for e in out["entities"] if e["name"].startswith("Meta"))
    m = meta["mentions"][0]
    assert out["text"][m["start"]:m["end"]] == m["text"]
    assert "x()" not in out["text"]
