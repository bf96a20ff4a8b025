"""Prices: each provider's adapter on its recorded answers, the fallback order, the cache, the
stale path and the rate budgets — over real HTTP on loopback, a real archive and a real
keyring backend (keyrings.alt's file backend in a temporary directory)."""

from __future__ import annotations

from pathlib import Path

import pytest
from marketdata import (
    AV_EMPTY,
    AV_INFORMATION,
    AV_NOTE,
    AV_QUOTE,
    FINNHUB_BAD_KEY,
    FINNHUB_NO_ACCESS,
    FINNHUB_QUOTE,
    FINNHUB_UNKNOWN,
    TWELVE_429,
    TWELVE_QUOTE,
    YAHOO_429,
    YAHOO_NOT_FOUND,
    serve,
    yahoo_chart,
)

from briefing.core.market import Market, QuoteFailure
from briefing.core.market.base import BadKey, Budget, RateLimited
from briefing.core.models import Quote
from briefing.core.secrets import Secrets
from briefing.core.service import Service
from briefing.core.settings import Settings

CHART = "/v8/finance/chart/"


@pytest.fixture
def svc(feed_server, tmp_path: Path, monkeypatch, file_keyring):
    for name in ("YAHOO", "FINNHUB", "TWELVEDATA", "ALPHAVANTAGE"):
        monkeypatch.setenv(f"BRIEFING_{name}_URL", feed_server.url("").rstrip("/"))
    service = Service(tmp_path / "data")
    yield service
    service.close()


def order(svc: Service, *names: str) -> None:
    Settings(svc.data_dir).set("market_providers", ",".join(names))
    svc._market = None  # the next use reads the setting again


def hits(feed_server, path: str) -> int:
    return len(feed_server.requests(path))


# -- Yahoo ---------------------------------------------------------------------------------


def test_yahoo_quote_from_the_chart_meta(feed_server, svc: Service) -> None:
    serve(feed_server, {(CHART, "0700.HK"): (200, yahoo_chart("0700.HK", 512.5, 516.0))})
    [q] = svc.quotes(["700.hk"])
    assert isinstance(q, Quote)
    assert (q.symbol, q.price, q.currency, q.provider) == ("0700.HK", 512.5, "HKD", "yahoo")
    assert q.change == pytest.approx(-3.5) and q.change_percent == pytest.approx(-0.6783, 1e-3)
    assert q.market_open is True and not q.stale
    request = feed_server.requests(f"{CHART}0700.HK")[0]
    assert "Mozilla/5.0" in request.headers["user-agent"]  # the endpoint wants a browser


def test_yahoo_bars_drop_the_nulls_of_quiet_minutes(feed_server, svc: Service) -> None:
    chart = yahoo_chart("0700.HK", 512.5, 516.0, closes=[516.0, None, None, 514.0, None, 512.5])
    serve(feed_server, {(CHART, "0700.HK"): (200, chart)})
    bars = svc.history("0700.HK", "1d")
    assert [c for _, c in bars.points] == [516.0, 514.0, 512.5]
    assert bars.currency == "HKD" and bars.previous_close == 516.0
    assert all(a[0] < b[0] for a, b in zip(bars.points, bars.points[1:], strict=False))


def test_one_unknown_symbol_does_not_spoil_the_others(feed_server, svc: Service) -> None:
    order(svc, "yahoo")
    serve(feed_server, {(CHART, "BABA"): (200, yahoo_chart("BABA", 131.0, 130.0, "USD")),
                        (CHART, "NOPE"): (404, YAHOO_NOT_FOUND)})
    baba, nope = svc.quotes(["BABA", "NOPE"])
    assert isinstance(baba, Quote) and baba.price == 131.0
    assert isinstance(nope, QuoteFailure) and "NOPE" in nope.error
    assert "Traceback" not in nope.error and nope.error.endswith(".")


# -- fallback, cache, stale ----------------------------------------------------------------


def test_a_429_from_yahoo_hands_over_to_finnhub_and_blocks_yahoo(feed_server,
                                                                  svc: Service) -> None:
    Secrets().set("finnhub", "fh-test-key-123")
    order(svc, "yahoo", "finnhub")
    serve(feed_server, {(CHART, "AAPL"): (429, YAHOO_429),
                        ("/api/v1/quote", "AAPL"): (200, FINNHUB_QUOTE)})
    [q] = svc.quotes(["AAPL"])
    assert isinstance(q, Quote) and q.provider == "finnhub" and q.price == 231.2
    assert feed_server.requests("/api/v1/quote")[0].headers["x-finnhub-token"] == \
        "fh-test-key-123"
    svc.market.quotes(["AAPL"], max_age=0)  # asked again at once: Yahoo is not disturbed
    assert hits(feed_server, f"{CHART}AAPL") == 1


def test_nothing_is_fetched_twice_while_fresh(feed_server, svc: Service) -> None:
    serve(feed_server, {(CHART, "BABA"): (200, yahoo_chart("BABA", 131.0, 130.0, "USD"))})
    svc.quotes(["BABA"])
    svc.quotes(["BABA"])
    svc.history("BABA", "5d")
    svc.history("BABA", "5d")
    assert hits(feed_server, f"{CHART}BABA") == 2  # one quote, one history


def test_when_every_provider_fails_the_last_known_value_is_served_stale(
    feed_server, svc: Service
) -> None:
    serve(feed_server, {(CHART, "BABA"): (200, yahoo_chart("BABA", 131.0, 130.0, "USD"))})
    svc.quotes(["BABA"])
    bars = svc.history("BABA", "1d")
    serve(feed_server, {(CHART, "BABA"): (500, b"Internal error")})
    [q] = svc.market.quotes(["BABA"], max_age=0)
    assert isinstance(q, Quote) and q.stale and q.price == 131.0
    svc.store.conn.execute("UPDATE bars SET fetched_at = 0")  # long ago
    again = svc.history("BABA", "1d")
    assert again.stale and again.points == bars.points


def test_finnhub_without_the_market_hands_over_to_twelve_data(feed_server,
                                                              svc: Service) -> None:
    secrets = Secrets()
    secrets.set("finnhub", "fh-key")
    secrets.set("twelvedata", "td-key")
    order(svc, "finnhub", "twelvedata")
    serve(feed_server, {("/api/v1/quote", "0700.HK"): (403, FINNHUB_NO_ACCESS),
                        ("/quote", "0700"): (200, TWELVE_QUOTE)})
    [q] = svc.quotes(["0700.HK"])
    assert isinstance(q, Quote) and q.provider == "twelvedata"
    assert (q.price, q.change, q.currency, q.market_open) == (512.5, -3.5, "HKD", True)
    sent = feed_server.requests("/quote")[0]
    assert "mic_code=XHKG" in sent.target and sent.headers["authorization"] == "apikey td-key"


def test_finnhub_zeros_mean_an_unknown_symbol(feed_server, svc: Service) -> None:
    Secrets().set("finnhub", "fh-key")
    order(svc, "finnhub")
    serve(feed_server, {("/api/v1/quote", "ZZZZ"): (200, FINNHUB_UNKNOWN)})
    [q] = svc.quotes(["ZZZZ"])
    assert isinstance(q, QuoteFailure) and "no price for ZZZZ" in q.error


@pytest.mark.parametrize("limit", [AV_NOTE, AV_INFORMATION])
def test_alpha_vantage_limit_bodies_are_rate_limits_not_prices(feed_server, svc: Service,
                                                               limit) -> None:
    Secrets().set("alphavantage", "av-key")
    order(svc, "alphavantage", "yahoo")
    serve(feed_server, {("/query", "IBM"): (200, limit),
                        (CHART, "IBM"): (200, yahoo_chart("IBM", 227.0, 226.0, "USD"))})
    [q] = svc.quotes(["IBM"])
    assert isinstance(q, Quote) and q.provider == "yahoo"  # the next source served
    serve(feed_server, {("/query", "IBM"): (200, AV_QUOTE)})
    [again] = svc.market.quotes(["IBM"], max_age=0)
    assert again.provider == "yahoo"  # Alpha Vantage waits out its limit: not asked


def test_alpha_vantage_quote_and_an_empty_answer(feed_server, svc: Service) -> None:
    Secrets().set("alphavantage", "av-key")
    order(svc, "alphavantage")
    serve(feed_server, {("/query", "IBM"): (200, AV_QUOTE), ("/query", "NOPE"): (200, AV_EMPTY)})
    ibm, nope = svc.quotes(["IBM", "NOPE"])
    assert isinstance(ibm, Quote) and ibm.price == 227.41 and ibm.change_percent == 0.6684
    assert isinstance(nope, QuoteFailure)
    assert "apikey=av-key" in feed_server.requests("/query")[0].target


def test_twelve_data_429_in_the_body_is_a_rate_limit(feed_server, svc: Service) -> None:
    Secrets().set("twelvedata", "td-key")
    order(svc, "twelvedata")
    serve(feed_server, {("/quote", "AAPL"): (200, TWELVE_429)})
    [q] = svc.quotes(["AAPL"])
    assert isinstance(q, QuoteFailure) and "credits" in q.error


def test_a_provider_never_exceeds_its_minute_budget(feed_server, svc: Service) -> None:
    budget = Budget(svc.store, "alphavantage", per_minute=5, per_day=25, clock=lambda: 1e9)
    for _ in range(5):
        budget.take()
    with pytest.raises(RateLimited, match="5 requests a minute"):
        budget.take()
    later = Budget(svc.store, "alphavantage", 5, 25, clock=lambda: 1e9 + 61)
    later.take()  # a minute on, it may ask again
    with pytest.raises(RateLimited, match="daily limit"):
        Budget(svc.store, "alphavantage", 100, 6, clock=lambda: 1e9 + 62).take()


def test_quotes_for_50_symbols_and_the_requests_they_cost(feed_server, svc: Service,
                                                         monkeypatch) -> None:
    from briefing.core.market.twelvedata import TwelveData

    monkeypatch.setattr(TwelveData, "per_minute", 100)  # a paid plan, for this count
    Secrets().set("twelvedata", "td-key")
    order(svc, "twelvedata")
    symbols = [f"S{i:02d}" for i in range(50)]
    serve(feed_server, {("/quote", ",".join(symbols[i:i + 8])):
                        (200, {s: {**TWELVE_QUOTE, "symbol": s} for s in symbols[i:i + 8]})
                        for i in range(0, 50, 8)})
    found = svc.quotes(symbols)
    assert all(isinstance(q, Quote) for q in found)
    assert hits(feed_server, "/quote") == 7  # eight symbols a request


# -- keys ----------------------------------------------------------------------------------


def test_a_wrong_key_is_one_clear_message(feed_server, svc: Service) -> None:
    serve(feed_server, {("/api/v1/quote", "AAPL"): (401, FINNHUB_BAD_KEY)})
    with pytest.raises(BadKey) as caught:
        svc.market.check_key("finnhub", "wrong-key")
    text = str(caught.value)
    assert "refused the API key" in text and "\n" not in text and "wrong-key" not in text


def test_a_working_key_checks_out(feed_server, svc: Service) -> None:
    serve(feed_server, {("/api/v1/quote", "AAPL"): (200, FINNHUB_QUOTE)})
    assert svc.market.check_key("finnhub", "good-key") == "The Finnhub key works."


def test_market_object_is_reused_with_its_client(svc: Service) -> None:
    assert isinstance(svc.market, Market) and svc.market is svc.market


def test_yahoo_serves_what_its_budget_allows_and_hands_on_the_rest(feed_server, svc: Service,
                                                                   monkeypatch) -> None:
    from briefing.core.market.yahoo import Yahoo

    monkeypatch.setattr(Yahoo, "per_minute", 3)
    Secrets().set("finnhub", "fh-key")
    order(svc, "yahoo", "finnhub")
    symbols = ["AAA", "BBB", "CCC", "DDD", "EEE"]
    answers = {(CHART, s): (200, yahoo_chart(s, 10.0, 9.0, "USD")) for s in symbols}
    answers.update({("/api/v1/quote", s): (200, FINNHUB_QUOTE) for s in symbols})
    serve(feed_server, answers)
    found = svc.quotes(symbols)
    assert [q.provider for q in found] == ["yahoo"] * 3 + ["finnhub"] * 2


def test_twelve_data_refusing_the_whole_batch_says_so_for_each(feed_server,
                                                               svc: Service) -> None:
    from marketdata import TWELVE_BAD_KEY

    Secrets().set("twelvedata", "bad")
    order(svc, "twelvedata")
    serve(feed_server, {("/quote", "AAPL,MSFT"): (200, TWELVE_BAD_KEY)})
    found = svc.quotes(["AAPL", "MSFT"])
    assert all(isinstance(q, QuoteFailure) and "refused the API key" in q.error for q in found)


def test_an_alpha_vantage_premium_notice_is_not_a_rate_limit(feed_server, svc: Service) -> None:
    Secrets().set("alphavantage", "av-key")
    order(svc, "alphavantage")
    notice = {"Information": "This is a premium endpoint. You may subscribe to any of the "
              "premium plans to instantly unlock all premium endpoints."}
    serve(feed_server, {("/query", "IBM"): (200, notice)})
    [q] = svc.quotes(["IBM"])
    assert isinstance(q, QuoteFailure) and "plan" in q.error
    serve(feed_server, {("/query", "IBM"): (200, AV_QUOTE)})
    [again] = svc.market.quotes(["IBM"], max_age=0)
    assert isinstance(again, Quote)  # not blocked for a minute by a plan notice
