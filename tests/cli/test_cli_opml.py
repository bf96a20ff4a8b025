"""`briefing import-opml` / `export-opml`: folders kept, nothing fetched, broken files refused."""

from __future__ import annotations

from pathlib import Path

from clikit import Cli, opml
from feedserver import FeedServer

from briefing.core.opml import parse_opml


def nested_opml(server: FeedServer) -> str:
    u = server.url
    return opml(
        f'<outline text="Wire" type="rss" xmlUrl="{u("/wire.xml")}"/>'
        '<outline text="News"><outline text="Asia">'
        f'<outline text="HK &amp; China" type="rss" xmlUrl="{u("/hk.xml")}"/>'
        '<outline text="Japan">'
        f'<outline title="Nikkei notes" text="x" type="rss" xmlUrl="{u("/jp.xml")}"/>'
        "</outline></outline>"
        f'<outline text="Europe desk" type="rss" xmlUrl="{u("/eu.xml")}" '
        'htmlUrl="https://eu.example.test/"/>'
        "</outline>"
        f'<outline text="Metals"><outline text="Copper" type="rss" xmlUrl="{u("/cu.xml")}"/>'
        "</outline>",
        title="Nested",
    )


def triples(feeds: list[dict]) -> set[tuple[str, str, str | None]]:  # type: ignore[type-arg]
    return {(f["url"], f["title"], f["folder"]) for f in feeds}


def test_import_keeps_folders_and_fetches_nothing_then_round_trips(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    source = tmp_path / "in.opml"
    source.write_text(nested_opml(feed_server), encoding="utf-8")
    first = Cli(tmp_path / "first")
    done = first("import-opml", str(source))
    assert "5" in done.out
    u = feed_server.url
    expected = {
        (u("/wire.xml"), "Wire", None),
        (u("/hk.xml"), "HK & China", "News/Asia"),
        (u("/jp.xml"), "Nikkei notes", "News/Asia/Japan"),
        (u("/eu.xml"), "Europe desk", "News"),
        (u("/cu.xml"), "Copper", "Metals"),
    }
    feeds = first("feeds", "--json").json()
    assert triples(feeds) == expected
    assert all(f["last_status"] is None and f["last_error"] is None for f in feeds)
    assert feed_server.requests() == [], "importing must not fetch anything"

    # Export to standard output and to a file: the same subscriptions, as OPML 2.0.
    printed = first("export-opml").out
    out_file = tmp_path / "out.opml"
    first("export-opml", str(out_file))
    for text in (printed, out_file.read_text(encoding="utf-8")):
        doc = parse_opml(text.encode("utf-8"))
        assert 'version="2.0"' in text
        assert {(f.url, f.title, "/".join(f.folder) or None) for f in doc.feeds} == expected

    # Import the export elsewhere: every feed, title and folder survives the round trip.
    second = Cli(tmp_path / "second")
    second("import-opml", str(out_file))
    assert triples(second("feeds", "--json").json()) == expected
    assert feed_server.requests() == []


def test_importing_again_adds_no_copies(tmp_path: Path, feed_server: FeedServer) -> None:
    source = tmp_path / "in.opml"
    source.write_text(nested_opml(feed_server), encoding="utf-8")
    cli = Cli(tmp_path / "data")
    cli("import-opml", str(source))
    again = cli("import-opml", str(source))
    assert "already" in again.out.lower()
    assert len(cli("feeds", "--json").json()) == 5


def test_broken_opml_imports_nothing(tmp_path: Path, feed_server: FeedServer) -> None:
    cli = Cli(tmp_path / "data")
    keep = tmp_path / "keep.opml"
    keep.write_text(opml(f'<outline text="Kept" xmlUrl="{feed_server.url("/kept.xml")}"/>'),
                    encoding="utf-8")
    cli("import-opml", str(keep))

    # Good feeds first, then one the importer must refuse: none of them may be added.
    half_bad = tmp_path / "half-bad.opml"
    half_bad.write_text(opml(
        f'<outline text="Good one" xmlUrl="{feed_server.url("/good1.xml")}"/>'
        f'<outline text="Folder"><outline text="Good two" xmlUrl="{feed_server.url("/g2.xml")}"/>'
        '</outline><outline text="Local file" xmlUrl="file:///etc/passwd"/>'), encoding="utf-8")
    truncated = tmp_path / "truncated.opml"
    truncated.write_text(opml(
        f'<outline text="Good one" xmlUrl="{feed_server.url("/good1.xml")}"/>')[:-30],
        encoding="utf-8")
    for broken in (half_bad, truncated):
        done = cli("import-opml", str(broken), expect=1)
        done.one_error_line()
        assert done.out == ""
    missing = cli("import-opml", str(tmp_path / "nowhere.opml"), expect=1)
    assert "nowhere.opml" in missing.one_error_line()

    assert [f["title"] for f in cli("feeds", "--json").json()] == ["Kept"]
    assert feed_server.requests() == []
