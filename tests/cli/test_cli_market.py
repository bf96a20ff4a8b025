"""`briefing quote`, `history` and `key` in a subprocess, with the providers served on loopback
and keys in a real keyring backend (keyrings.alt's file backend under a temporary home)."""

from __future__ import annotations

from pathlib import Path

import pytest
from clikit import Cli, clean_env
from feedserver import FeedServer
from marketdata import FINNHUB_BAD_KEY, FINNHUB_QUOTE, YAHOO_NOT_FOUND, serve, yahoo_chart

CHART = "/v8/finance/chart/"


@pytest.fixture
def market_cli(tmp_path: Path, feed_server: FeedServer) -> Cli:
    base = feed_server.url("").rstrip("/")
    env = clean_env(
        BRIEFING_YAHOO_URL=base, BRIEFING_FINNHUB_URL=base, BRIEFING_TWELVEDATA_URL=base,
        BRIEFING_ALPHAVANTAGE_URL=base,
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        XDG_DATA_HOME=str(tmp_path / "home-data"),
    )
    return Cli(tmp_path / "data", env=env)


def test_quote_json_has_the_contract_fields(market_cli: Cli, feed_server: FeedServer) -> None:
    serve(feed_server, {(CHART, "0700.HK"): (200, yahoo_chart("0700.HK", 512.5, 516.0)),
                        (CHART, "NOPE"): (404, YAHOO_NOT_FOUND)})
    rows = market_cli("quote", "0700.HK", "NOPE", "--json").json()
    tencent, nope = rows
    assert {"symbol", "price", "change", "change_percent", "currency", "as_of", "stale",
            "provider"} <= tencent.keys()
    assert (tencent["symbol"], tencent["price"], tencent["currency"]) == ("0700.HK", 512.5,
                                                                          "HKD")
    assert tencent["as_of"].endswith("+00:00") and tencent["stale"] is False
    assert nope["symbol"] == "NOPE" and "NOPE" in nope["error"]


def test_quote_with_no_price_at_all_fails_with_one_line(market_cli: Cli,
                                                        feed_server: FeedServer) -> None:
    serve(feed_server, {(CHART, "NOPE"): (404, YAHOO_NOT_FOUND)})
    done = market_cli("quote", "NOPE", expect=1)
    assert "NOPE" in done.one_error_line()


def test_history_json(market_cli: Cli, feed_server: FeedServer) -> None:
    chart = yahoo_chart("0700.HK", 512.5, 516.0, closes=[516.0, None, 514.0, 512.5])
    serve(feed_server, {(CHART, "0700.HK"): (200, chart)})
    out = market_cli("history", "0700.HK", "--range", "5d", "--json").json()
    assert (out["symbol"], out["range"], out["currency"]) == ("0700.HK", "5d", "HKD")
    assert [p["close"] for p in out["points"]] == [516.0, 514.0, 512.5]
    assert all(p["t"].endswith("+00:00") for p in out["points"])
    bad = market_cli("history", "0700.HK", "--range", "2w", expect=2)
    assert "invalid choice" in bad.err


def test_keys_set_check_remove_and_never_land_in_files(market_cli: Cli, tmp_path: Path,
                                                       feed_server: FeedServer) -> None:
    secret = "fh-secret-7f3a9c"
    done = market_cli("key", "set", "finnhub", stdin=secret + "\n")
    assert "keyring" in done.out and "PlaintextKeyring" in done.out
    serve(feed_server, {("/api/v1/quote", "AAPL"): (200, FINNHUB_QUOTE)})
    assert "works" in market_cli("key", "check", "finnhub").out
    assert feed_server.requests("/api/v1/quote")[-1].headers["x-finnhub-token"] == secret
    market_cli("quote", "AAPL", "--json")
    for path in (tmp_path / "data").rglob("*"):  # archive, settings, logs
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    serve(feed_server, {("/api/v1/quote", "AAPL"): (401, FINNHUB_BAD_KEY)})
    wrong = market_cli("key", "check", "finnhub", expect=1)
    assert "refused the API key" in wrong.one_error_line()
    assert secret not in wrong.err
    assert "Removed" in market_cli("key", "remove", "finnhub").out
    assert "No Finnhub key" in market_cli("key", "check", "finnhub", expect=1).err


def test_yahoo_takes_no_key(market_cli: Cli) -> None:
    done = market_cli("key", "set", "yahoo", stdin="x\n", expect=1)
    assert "takes no key" in done.one_error_line()
