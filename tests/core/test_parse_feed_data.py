"""Data-driven parser tests: each tests/data/feeds/x beside x.json, what the feed says.

The expected file lists, per entry in feed order: identity ("hash:" alone means "a content
hash"), title, url, author, published (ISO 8601 UTC or null), and substrings that must or
must not appear in the stored text and HTML. A string field may instead be
{"contains": [...], "lacks": [...]}. Feed-level keys: title, site_url, problem (null: none,
true: some), url and content_type (what parse_feed is given; the type defaults to what a
server sends for the file's extension), stored (how many distinct articles a store keeps)
and same_identity (entry index pairs that must share an identity). "note" keys say why an
expectation is what it is (the spec it follows); the test ignores them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from briefing.core.feeds import parse_feed
from briefing.core.models import ParsedEntry
from briefing.core.store import Store

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"
# What a server would send; a server that sends no type is covered in test_feeds_parse.py.
CONTENT_TYPES = {
    ".rss": "application/rss+xml", ".atom": "application/atom+xml",
    ".rdf": "application/rdf+xml", ".json": "application/feed+json",
}
EXPECTED = sorted(p for p in FEEDS.glob("*.json") if p.with_suffix("").is_file())


def test_every_feed_file_has_an_expected_result() -> None:
    feeds = {p.name for p in FEEDS.iterdir() if p.is_file()} - {p.name for p in EXPECTED}
    orphans = sorted(f for f in feeds if not (FEEDS / (f + ".json")).is_file())
    assert orphans == []
    assert len(EXPECTED) >= 15


def _check_string(errors: list[str], label: str, actual: str | None, expected: Any) -> None:
    if isinstance(expected, dict):
        if actual is None:
            errors.append(f"{label}: missing")
            return
        for part in expected.get("contains", []):
            if part not in actual:
                errors.append(f"{label}: {part!r} not in {actual!r}")
        for part in expected.get("lacks", []):
            if part in actual:
                errors.append(f"{label}: {part!r} in {actual!r}")
    elif actual != expected:
        errors.append(f"{label}: got {actual!r}, expected {expected!r}")


def _check_entry(errors: list[str], i: int, entry: ParsedEntry, exp: dict[str, Any]) -> None:
    where = f"entry {i}"
    if exp["identity"] == "hash:":
        if not (entry.identity.startswith("hash:") and len(entry.identity) > 10):
            errors.append(f"{where} identity: {entry.identity!r} is not a content hash")
    else:
        _check_string(errors, f"{where} identity", entry.identity, exp["identity"])
    for name in ("title", "url", "author", "published"):
        _check_string(errors, f"{where} {name}", getattr(entry, name), exp[name])
    html = entry.content_html + "\n" + entry.summary_html
    for part in exp.get("text_has", []):
        if part not in entry.text:
            errors.append(f"{where} text lacks {part!r}; text is {entry.text!r}")
    for part in exp.get("text_lacks", []):
        if part in entry.text:
            errors.append(f"{where} text has {part!r}; text is {entry.text!r}")
    for part in exp.get("html_has", []):
        if part not in entry.content_html:
            errors.append(f"{where} HTML lacks {part!r}; HTML is {entry.content_html!r}")
    for part in exp.get("html_lacks", []):
        if part.lower() in html.lower():
            errors.append(f"{where} HTML (content or summary) has {part!r}: {html!r}")


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.with_suffix("").name)
def test_parse_feed(expected_file: Path, tmp_path: Path) -> None:
    feed_file = expected_file.with_suffix("")
    exp = json.loads(expected_file.read_text(encoding="utf-8"))
    url = exp.get("url", f"https://feeds.example.test/{feed_file.name}")
    content_type = exp.get("content_type", CONTENT_TYPES[feed_file.suffix])
    parsed = parse_feed(feed_file.read_bytes(), url, content_type)

    errors: list[str] = []
    _check_string(errors, "feed title", parsed.title, exp["title"])
    _check_string(errors, "feed site_url", parsed.site_url, exp["site_url"])
    if exp.get("problem", False) is True:
        if not parsed.problem:
            errors.append("feed problem: a problem should have been recorded")
    elif "problem" in exp:
        _check_string(errors, "feed problem", parsed.problem, exp["problem"])
    titles = [e.title for e in parsed.entries]
    assert len(parsed.entries) == len(exp["entries"]), f"entries: {titles}; {errors}"
    for i, (entry, want) in enumerate(zip(parsed.entries, exp["entries"], strict=True)):
        _check_entry(errors, i, entry, want)
    for a, b in exp.get("same_identity", []):
        if parsed.entries[a].identity != parsed.entries[b].identity:
            errors.append(f"entries {a} and {b} should have the same identity")
    hashes = [e.identity for e in parsed.entries if e.identity.startswith("hash:")]
    if "same_identity" not in exp and len(set(hashes)) != len(hashes):
        errors.append("different items got the same content hash")
    if "stored" in exp:
        with Store(tmp_path / "briefing.db") as store:
            feed = store.feed(store.add_feed(url, "x"))
            assert feed is not None
            report = store.store_refresh(feed, status=200, error=None, parsed=parsed,
                                         feed_values={})
            if (report.new, store.count_articles()) != (exp["stored"], exp["stored"]):
                errors.append(f"stored {store.count_articles()} articles, not {exp['stored']}")
    assert not errors, "\n".join(["differences from the expected result:", *errors])
