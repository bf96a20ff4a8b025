"""`briefing watch add|remove|list`: the watchlist through the command line."""

from __future__ import annotations

from clikit import Cli


def test_pins_are_listed_in_order_with_their_names(cli: Cli) -> None:
    cli("watch", "add", "9988.hk", "$BABA", "700.HK")
    assert cli("watch", "list", "--json").json() == [
        {"symbol": "9988.HK", "name": "Alibaba Group Holding Ltd."},
        {"symbol": "BABA", "name": "Alibaba Group Holding Ltd."},
        {"symbol": "0700.HK", "name": "Tencent Holdings Ltd."},
    ]
    again = cli("watch", "add", "BABA")
    assert "already pinned" in again.out
    assert len(cli("watch", "list", "--json").json()) == 3


def test_remove_unpins_and_says_what_was_not_pinned(cli: Cli) -> None:
    cli("watch", "add", "9988.HK", "7203.T")
    done = cli("watch", "remove", "9988.hk", "NOPE")
    assert "Unpinned 9988.HK." in done.out and "NOPE was not pinned." in done.out
    assert [w["symbol"] for w in cli("watch", "list", "--json").json()] == ["7203.T"]


def test_an_unknown_symbol_is_pinned_with_a_warning(cli: Cli) -> None:
    done = cli("watch", "add", "ZZZQ")
    assert "ZZZQ" in done.one_error_line() and "catalog" in done.err
    assert cli("watch", "list", "--json").json() == [{"symbol": "ZZZQ", "name": ""}]


def test_what_is_not_a_symbol_is_refused(cli: Cli) -> None:
    done = cli("watch", "add", "hello world", expect=1)
    assert "not a ticker symbol" in done.one_error_line()
    assert cli("watch", "list", "--json").json() == []


def test_an_empty_watchlist_says_how_to_pin(cli: Cli) -> None:
    cli("watch", "add", "BABA")
    cli("watch", "remove", "BABA")
    assert "briefing watch add" in cli("watch", "list").out
