"""What a fetch does to a feed: back-off, Retry-After, 410 gone, and recovery."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from briefing.core.feeds import feed_state_after, parse_feed, why_not_due
from briefing.core.models import Feed, FetchResult, ParsedFeed

NOW = datetime(2025, 4, 1, 8, 0, tzinfo=UTC)
URL = "https://desk.example.test/feed.xml"
GOOD = parse_feed(b'<rss version="2.0"><channel><title>Desk</title><item><guid>1</guid>'
                  b"<title>A</title></item></channel></rss>", URL, "application/rss+xml")


def feed(**values: Any) -> Feed:
    return replace(Feed(id=1, url=URL, title="Desk"), **values)


def apply(f: Feed, values: dict[str, Any]) -> Feed:
    known = {k: v for k, v in values.items() if k in Feed.__dataclass_fields__}
    if "gone" in known:
        known["gone"] = bool(known["gone"])
    return replace(f, **known)


def fail(f: Feed, now: datetime, status: int | None = 500, retry_after: float | None = None,
         error: str = "The server failed.") -> tuple[Feed, str | None]:
    result = FetchResult(url=f.url, status=status, error=error, retry_after_s=retry_after)
    values, reported = feed_state_after(f, result, None, now)
    return apply(f, values), reported


def wait_of(f: Feed, now: datetime) -> float:
    return (datetime.fromisoformat(f.next_check) - now).total_seconds() if f.next_check else 0.0


def test_back_off_grows_with_failures_and_is_capped() -> None:
    f, now, waits = feed(), NOW, []
    for _ in range(12):
        f, error = fail(f, now)
        assert error == "The server failed."
        waits.append(wait_of(f, now))
        now = now + timedelta(seconds=max(waits[-1], 1) + 1)
    assert f.failures == 12
    assert waits[1] > 0, "a feed failing twice in a row waits before the next try"
    growing = waits[1:6]
    assert growing == sorted(growing) and len(set(growing)) == len(growing)
    assert max(waits) <= 24 * 3600
    assert waits[-1] == waits[-2], "the back-off stops growing at its cap"


def test_backed_off_feed_is_skipped_until_its_time() -> None:
    f, _ = fail(feed(failures=3), NOW)
    until = datetime.fromisoformat(f.next_check or "")
    assert until > NOW
    reason = why_not_due(f, NOW + timedelta(seconds=1), due_only=False)
    assert reason and "\n" not in reason
    assert why_not_due(f, until + timedelta(seconds=1), due_only=False) is None


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured(status: int) -> None:
    f, error = fail(feed(), NOW, status=status, retry_after=3600, error="Too many requests.")
    assert error
    assert wait_of(f, NOW) == pytest.approx(3600, abs=1)
    assert why_not_due(f, NOW + timedelta(minutes=59), due_only=False)
    assert why_not_due(f, NOW + timedelta(minutes=61), due_only=False) is None


def test_retry_after_longer_than_back_off_wins() -> None:
    f, _ = fail(feed(failures=2), NOW, status=429, retry_after=6 * 3600)
    assert wait_of(f, NOW) >= 6 * 3600 - 1


def test_429_without_retry_after_still_waits() -> None:
    f, _ = fail(feed(), NOW, status=429, retry_after=None, error="Too many requests.")
    assert wait_of(f, NOW) > 0
    assert why_not_due(f, NOW, due_only=False)


def test_gone_feed_is_never_fetched_again() -> None:
    f, error = fail(feed(), NOW, status=410, error="The feed is gone (410).")
    assert error and f.gone
    assert why_not_due(f, NOW + timedelta(days=365), due_only=False)
    assert why_not_due(f, NOW + timedelta(days=365), due_only=True)


def test_success_resets_failures_and_stores_validators() -> None:
    broken = feed(failures=6, last_error="The server failed.",
                  next_check=(NOW - timedelta(minutes=1)).isoformat())
    assert why_not_due(broken, NOW, due_only=False) is None
    validators = {"etag": '"abc"', "last-modified": "Mon, 31 Mar 2025 08:00:00 GMT"}
    result = FetchResult(url=URL, status=200, body=b"...", headers=validators)
    values, error = feed_state_after(broken, result, GOOD, NOW)
    healed = apply(broken, values)
    assert error is None
    assert healed.failures == 0 and healed.next_check is None and healed.last_error is None
    assert healed.etag == '"abc"' and healed.last_modified == "Mon, 31 Mar 2025 08:00:00 GMT"
    assert healed.last_status == 200


def test_not_modified_is_a_success_and_keeps_validators() -> None:
    f = feed(etag='"abc"', last_modified="Mon, 31 Mar 2025 08:00:00 GMT", failures=2)
    values, error = feed_state_after(f, FetchResult(url=URL, status=304), None, NOW)
    after = apply(f, values)
    assert error is None and after.failures == 0
    assert after.etag == '"abc"' and after.last_modified == "Mon, 31 Mar 2025 08:00:00 GMT"


def test_web_page_instead_of_feed_is_a_failure() -> None:
    page = parse_feed(b"<!doctype html><html><body>Sign in</body></html>", URL, "text/html")
    result = FetchResult(url=URL, status=200, body=b"<html>")
    values, error = feed_state_after(feed(), result, page, NOW)
    assert error and "web page" in error
    assert values["failures"] == 1


def test_malformed_but_usable_feed_is_not_a_failure() -> None:
    partial = ParsedFeed("Desk", None, GOOD.entries, problem="The feed is malformed; kept some.")
    values, error = feed_state_after(feed(failures=1), FetchResult(url=URL, status=200, body=b"x"),
                                     partial, NOW)
    assert error is None and values["failures"] == 0
    assert values["last_error"] == "The feed is malformed; kept some."


def test_permanent_redirect_moves_the_feed() -> None:
    result = FetchResult(url=URL, status=200, body=b"x", final_url="https://new.example.test/rss",
                         permanent_redirect=True)
    values, _ = feed_state_after(feed(), result, GOOD, NOW)
    assert values.get("url") == "https://new.example.test/rss"
    temporary = replace(result, permanent_redirect=False)
    values, _ = feed_state_after(feed(), temporary, GOOD, NOW)
    assert "url" not in values


def test_due_only_respects_the_interval() -> None:
    f = feed(last_fetched=(NOW - timedelta(minutes=10)).isoformat(), interval_minutes=30)
    assert why_not_due(f, NOW, due_only=True)
    assert why_not_due(f, NOW, due_only=False) is None
    assert why_not_due(f, NOW + timedelta(minutes=21), due_only=True) is None
