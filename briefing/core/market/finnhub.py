"""Finnhub (keyed): quotes from /quote, history from /stock/candle.

    GET /api/v1/quote?symbol=AAPL      -> {"c": 231.2, "d": 1.1, "dp": 0.48, "pc": 230.1, ...}
    GET /api/v1/stock/candle?symbol=AAPL&resolution=5&from=..&to=..
                                       -> {"s": "ok", "t": [...], "c": [...]}

The key travels in the X-Finnhub-Token header (never in a URL that could be logged). A plan
that lacks a market answers 403 "You don't have access to this resource": that is reported as
unsupported, so the next provider serves the symbol; 401 is a wrong key. An unknown symbol
answers 200 with zeros.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import httpx

from ..models import Bars, Quote
from .base import (
    NotFound,
    Provider,
    ProviderError,
    Unsupported,
    iso,
    number,
)

RESOLUTION = {"1d": ("5", 86400), "5d": ("15", 5 * 86400), "1mo": ("60", 31 * 86400),
              "6mo": ("D", 183 * 86400), "1y": ("D", 366 * 86400)}


class Finnhub(Provider):
    name = "finnhub"
    label = "Finnhub"
    default_url = "https://finnhub.io"
    needs_key = True
    per_minute = 60
    per_day = 0  # no daily cap on the free plan; the minute budget is what binds

    def _headers(self) -> dict[str, str]:
        return {"X-Finnhub-Token": self.key or ""}

    def unsupported(self, symbol: str) -> str | None:
        if symbol.startswith("^"):
            return "Finnhub does not serve index levels."
        return None

    def quotes(self, symbols: Sequence[str]) -> dict[str, Quote | ProviderError]:
        out: dict[str, Quote | ProviderError] = {}
        for symbol in dict.fromkeys(symbols):
            try:
                data = self._get("/api/v1/quote", {"symbol": symbol})
                out[symbol] = self._quote(symbol, data)
            except ProviderError as exc:
                out[symbol] = exc
                if exc.kind in ("rate", "key"):  # the rest would fail the same way
                    for rest in symbols:
                        out.setdefault(rest, exc)
                    break
        return out

    def bars(self, symbol: str, range_: str) -> Bars:
        resolution, span = RESOLUTION.get(range_, ("D", 366 * 86400))
        now = int(time.time())
        data = self._get("/api/v1/stock/candle", {"symbol": symbol, "resolution": resolution,
                                                  "from": str(now - span), "to": str(now)})
        if not isinstance(data, dict) or data.get("s") != "ok":
            raise NotFound(self.name, f"Finnhub has no price history for {symbol}.")
        points = tuple((float(t), float(c)) for t, c in
                       zip(data.get("t") or [], data.get("c") or [], strict=False)
                       if number(t) is not None and number(c) is not None)
        return Bars(symbol=symbol, range=range_, currency=None, points=points,
                    provider=self.name, fetched_at=iso(time.time()))

    def _get(self, path: str, params: dict[str, str]) -> object:
        return self.get_json(path, params, headers=self._headers())

    def refused(self, response: httpx.Response) -> ProviderError:
        if response.status_code == 403:  # the plan, not the key
            return Unsupported(self.name, "Finnhub: this key's plan does not cover that "
                               "market.")
        return super().refused(response)

    def _quote(self, symbol: str, data: object) -> Quote:
        if not isinstance(data, dict):
            raise ProviderError(self.name, "Finnhub sent an answer Briefing cannot read.")
        price, stamp = number(data.get("c")), number(data.get("t"))
        if not price or not stamp:  # unknown symbols come back as zeros
            raise NotFound(self.name, f"Finnhub has no price for {symbol}.")
        return Quote(symbol=symbol, price=price, change=number(data.get("d")),
                     change_percent=number(data.get("dp")), currency=None, as_of=iso(stamp),
                     provider=self.name, previous_close=number(data.get("pc")),
                     fetched_at=iso(time.time()))
