"""Yahoo's chart endpoint: keyless, and it covers the US, Hong Kong, Tokyo, Europe and indexes.

    GET /v8/finance/chart/{SYMBOL}?range=1d&interval=5m

The quote comes from the answer's `meta` (regularMarketPrice, the previous close, currency,
regularMarketTime, the current trading period); the bars from `timestamp` and
`indicators.quote[0].close`, whose nulls (minutes without trades) are dropped. One request per
symbol: quotes for many symbols are asked concurrently. Errors come as JSON
(`{"chart": {"result": null, "error": {"code": "Not Found", ...}}}`) or, for 429, as text.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..models import Bars, Quote
from .base import (
    BROWSER_AGENT,
    NotFound,
    Provider,
    ProviderError,
    RateLimited,
    change_of,
    iso,
    number,
)

INTERVALS = {"1d": "5m", "5d": "15m", "1mo": "1h", "6mo": "1d", "1y": "1d"}
CONCURRENT = 4


class Yahoo(Provider):
    name = "yahoo"
    label = "Yahoo Finance"
    default_url = "https://query1.finance.yahoo.com"
    per_minute = 60
    per_day = 4000
    user_agent = BROWSER_AGENT  # the endpoint refuses clients that do not look like browsers

    def quotes(self, symbols: Sequence[str]) -> dict[str, Quote | ProviderError]:
        out: dict[str, Quote | ProviderError] = {}
        asked = list(dict.fromkeys(symbols))
        granted = self.budget.grant(len(asked))  # counted here, in the archive's thread
        wanted = asked[:granted]
        for symbol in asked[granted:]:  # the rest go to the next provider this time
            out[symbol] = RateLimited(self.name, f"{self.label}'s request budget is used up "
                                      "for now; prices come from the next source.",
                                      retry_after=60)
        if not wanted:
            return out
        with ThreadPoolExecutor(max_workers=min(CONCURRENT, len(wanted) or 1)) as pool:
            answers = list(pool.map(self._chart, wanted, ["1d"] * len(wanted)))
        waits = [a.retry_after for a in answers if isinstance(a, RateLimited) and a.retry_after]
        if waits:
            self.budget.block(max(waits))
        for symbol, answer in zip(wanted, answers, strict=True):
            out[symbol] = answer if isinstance(answer, ProviderError) else \
                self._quote(symbol, answer)
        return out

    def bars(self, symbol: str, range_: str) -> Bars:
        self.budget.take()
        answer = self._chart(symbol, range_)
        if isinstance(answer, RateLimited) and answer.retry_after:
            self.budget.block(answer.retry_after)
        if isinstance(answer, ProviderError):
            raise answer
        meta = answer.get("meta") or {}
        stamps = answer.get("timestamp") or []
        closes = ((answer.get("indicators") or {}).get("quote") or [{}])[0].get("close") or []
        points = tuple((float(t), float(c)) for t, c in zip(stamps, closes, strict=False)
                       if t is not None and number(c) is not None)
        previous = number(meta.get("chartPreviousClose")) if range_ != "1d" else \
            number(meta.get("previousClose")) or number(meta.get("chartPreviousClose"))
        return Bars(symbol=symbol, range=range_, currency=meta.get("currency"), points=points,
                    provider=self.name, previous_close=previous, fetched_at=iso(time.time()))

    def check_key(self) -> None:  # keyless
        return None

    # -- one chart request --------------------------------------------------------------------

    def _chart(self, symbol: str, range_: str) -> dict[str, Any] | ProviderError:
        """One chart answer (already charged to the budget), or the error it became."""
        params = {"range": range_, "interval": INTERVALS.get(range_, "1d"),
                  "includePrePost": "false"}
        try:
            data = self.get_json(f"/v8/finance/chart/{symbol}", params, charged=True)
        except ProviderError as exc:
            return exc
        chart = data.get("chart") if isinstance(data, dict) else None
        if not isinstance(chart, dict):
            return ProviderError(self.name, f"{self.label} sent an answer Briefing cannot read.")
        error = chart.get("error")
        results = chart.get("result") or []
        if error or not results:
            description = (error or {}).get("description") if isinstance(error, dict) else None
            return NotFound(self.name, f"{self.label} has no data for {symbol}"
                            + (f" ({description.rstrip('.')})." if description else "."))
        result = results[0]
        return result if isinstance(result, dict) else ProviderError(
            self.name, f"{self.label} sent an answer Briefing cannot read.")

    def _quote(self, symbol: str, result: dict[str, Any]) -> Quote | ProviderError:
        meta = result.get("meta") or {}
        price = number(meta.get("regularMarketPrice"))
        if price is None:
            return NotFound(self.name, f"{self.label} gave no price for {symbol}.")
        previous = (number(meta.get("previousClose"))
                    or number(meta.get("regularMarketPreviousClose"))
                    or number(meta.get("chartPreviousClose")))
        change, percent = change_of(price, previous)
        traded = number(meta.get("regularMarketTime"))
        period = ((meta.get("currentTradingPeriod") or {}).get("regular") or {})
        start, end = number(period.get("start")), number(period.get("end"))
        now = time.time()
        market_open = (start <= now < end) if start is not None and end is not None else None
        return Quote(symbol=symbol, price=price, change=change, change_percent=percent,
                     currency=meta.get("currency"), as_of=iso(traded or now),
                     provider=self.name, previous_close=previous, market_open=market_open,
                     fetched_at=iso(now))
