"""Alpha Vantage (keyed): GLOBAL_QUOTE for quotes, TIME_SERIES_* for history.

    GET /query?function=GLOBAL_QUOTE&symbol=IBM&apikey=KEY
        -> {"Global Quote": {"05. price": "...", "08. previous close": "...", ...}}

Its limits answer with HTTP 200 and a "Note" or "Information" body instead of data; a wrong key
with an "Error Message"; an unknown symbol with an empty "Global Quote". The key has to be a
query parameter here (the log masks it). Markets: the US, London (.LON), Xetra (.DEX), Toronto
(.TRT), Bombay (.BSE), Shanghai (.SHH) and Shenzhen (.SHZ); not Hong Kong, Tokyo or indexes.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..models import Bars, Quote
from .base import (
    BadKey,
    NotFound,
    Provider,
    ProviderError,
    RateLimited,
    Unsupported,
    iso,
    number,
)

SUFFIX = {".L": ".LON", ".DE": ".DEX", ".TO": ".TRT", ".BO": ".BSE", ".SS": ".SHH",
          ".SZ": ".SHZ"}
SERIES = {"1d": ("TIME_SERIES_INTRADAY", "Time Series (5min)", {"interval": "5min"}),
          "5d": ("TIME_SERIES_INTRADAY", "Time Series (15min)", {"interval": "15min"}),
          "1mo": ("TIME_SERIES_DAILY", "Time Series (Daily)", {}),
          "6mo": ("TIME_SERIES_DAILY", "Time Series (Daily)", {}),
          "1y": ("TIME_SERIES_DAILY", "Time Series (Daily)", {"outputsize": "full"})}
SPAN = {"1d": 86400, "5d": 7 * 86400, "1mo": 31 * 86400, "6mo": 183 * 86400, "1y": 366 * 86400}


class AlphaVantage(Provider):
    name = "alphavantage"
    label = "Alpha Vantage"
    default_url = "https://www.alphavantage.co"
    needs_key = True
    per_minute = 5
    per_day = 25

    def unsupported(self, symbol: str) -> str | None:
        if symbol.startswith("^"):
            return "Alpha Vantage is not asked for index levels."
        if "." in symbol and "." + symbol.rpartition(".")[2] not in SUFFIX:
            return f"Alpha Vantage does not cover the market of {symbol}."
        return None

    def quotes(self, symbols: Sequence[str]) -> dict[str, Quote | ProviderError]:
        out: dict[str, Quote | ProviderError] = {}
        for symbol in dict.fromkeys(symbols):
            try:
                data = self._query({"function": "GLOBAL_QUOTE", "symbol": _theirs(symbol)})
                out[symbol] = self._quote(symbol, data)
            except ProviderError as exc:
                out[symbol] = exc
                if exc.kind in ("rate", "key"):
                    for rest in symbols:
                        out.setdefault(rest, exc)
                    break
        return out

    def bars(self, symbol: str, range_: str) -> Bars:
        function, key, extra = SERIES.get(range_, SERIES["1y"])
        data = self._query({"function": function, "symbol": _theirs(symbol), **extra})
        series = data.get(key) if isinstance(data, dict) else None
        if not isinstance(series, dict):
            raise NotFound(self.name, f"Alpha Vantage has no price history for {symbol}.")
        meta = data.get("Meta Data") or {}
        zone_name = next((v for k, v in meta.items() if "Time Zone" in k), "US/Eastern")
        try:
            zone = ZoneInfo(zone_name) if zone_name else None
        except (ZoneInfoNotFoundError, ValueError):  # no time zone data here (Windows)
            zone = UTC  # type: ignore[assignment]
        cutoff = time.time() - SPAN.get(range_, SPAN["1y"])
        points = []
        for stamp, row in series.items():
            close = number((row or {}).get("4. close"))
            try:
                when = datetime.fromisoformat(stamp).replace(tzinfo=zone).timestamp()
            except ValueError:
                continue
            if close is not None and when >= cutoff:
                points.append((when, close))
        points.sort()
        return Bars(symbol=symbol, range=range_, currency=None, points=tuple(points),
                    provider=self.name, fetched_at=iso(time.time()))

    def _query(self, params: dict[str, str]) -> Any:
        data = self.get_json("/query", {**params, "apikey": self.key or ""})
        if isinstance(data, dict):
            limit = data.get("Note") or data.get("Information")
            if limit:
                if "apikey" in str(limit).lower() and "invalid" in str(limit).lower():
                    raise BadKey(self.name, "Alpha Vantage refused the API key; check it in "
                                 "Settings or with `briefing key check alphavantage`.")
                if not any(w in str(limit).lower() for w in ("rate limit", "frequency",
                                                               "requests per", "calls per")):
                    raise Unsupported(self.name, "Alpha Vantage: this key's plan does not "
                                      "cover that request.")
                self.budget.block(60)
                raise RateLimited(self.name, "Alpha Vantage's request limit is reached (it "
                                  "allows a few requests a minute and 25 a day).",
                                  retry_after=60)
            if data.get("Error Message"):
                message = str(data["Error Message"]).lower()
                if "apikey" in message:
                    raise BadKey(self.name, "Alpha Vantage refused the API key; check it in "
                                 "Settings or with `briefing key check alphavantage`.")
                raise NotFound(self.name, "Alpha Vantage does not know that symbol.")
        return data

    def _quote(self, symbol: str, data: Any) -> Quote:
        row = data.get("Global Quote") if isinstance(data, dict) else None
        price = number((row or {}).get("05. price"))
        if not row or price is None:
            raise NotFound(self.name, f"Alpha Vantage has no price for {symbol}.")
        day = str(row.get("07. latest trading day") or "")
        try:
            as_of = datetime.fromisoformat(day).replace(hour=21, tzinfo=UTC).timestamp()  # closed
        except ValueError:
            as_of = time.time()
        return Quote(symbol=symbol, price=price, change=number(row.get("09. change")),
                     change_percent=number(row.get("10. change percent")), currency=None,
                     as_of=iso(as_of), provider=self.name,
                     previous_close=number(row.get("08. previous close")),
                     fetched_at=iso(time.time()))


def _theirs(symbol: str) -> str:
    code, dot, market = symbol.rpartition(".")
    return code + SUFFIX["." + market] if dot and "." + market in SUFFIX else symbol
