"""Twelve Data (keyed): /quote (several symbols in one request) and /time_series.

    GET /quote?symbol=AAPL,MSFT      -> {"AAPL": {...}, "MSFT": {...}}  (one symbol: the object)
    GET /time_series?symbol=AAPL&interval=5min&outputsize=78  -> {"meta": {...}, "values": [...]}

Markets outside the US are named by their MIC (`symbol=0700&mic_code=XHKG`). Errors often come
with HTTP 200 as {"code": 429, "message": "...", "status": "error"}; the code says what it is.
The key travels in the Authorization header ("apikey KEY").
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NoReturn
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

MIC = {".HK": "XHKG", ".T": "XJPX", ".L": "XLON", ".DE": "XETR", ".PA": "XPAR", ".AS": "XAMS",
       ".SW": "XSWX", ".MC": "XMAD", ".MI": "XMIL", ".KS": "XKRX", ".TW": "XTAI",
       ".NS": "XNSE", ".BO": "XBOM", ".SS": "XSHG", ".SZ": "XSHE", ".TO": "XTSE",
       ".AX": "XASX", ".ST": "XSTO", ".CO": "XCSE", ".HE": "XHEL", ".OL": "XOSL"}
SERIES = {"1d": ("5min", 80), "5d": ("15min", 140), "1mo": ("1h", 180),
          "6mo": ("1day", 130), "1y": ("1day", 260)}


class TwelveData(Provider):
    name = "twelvedata"
    label = "Twelve Data"
    default_url = "https://api.twelvedata.com"
    needs_key = True
    per_minute = 8
    per_day = 800
    batch = 8

    def unsupported(self, symbol: str) -> str | None:
        if symbol.startswith("^"):
            return "Twelve Data is not asked for index levels."
        if "." in symbol and _split(symbol)[1] is None:
            return f"Twelve Data has no market for {symbol}."
        return None

    def quotes(self, symbols: Sequence[str]) -> dict[str, Quote | ProviderError]:
        out: dict[str, Quote | ProviderError] = {}
        wanted = list(dict.fromkeys(symbols))
        us = [s for s in wanted if "." not in s]
        for i in range(0, len(us), self.batch):  # US symbols share requests
            chunk = us[i:i + self.batch]
            self._ask(out, chunk, {"symbol": ",".join(chunk)}, credits=len(chunk))
        for symbol in wanted:
            if symbol not in us:
                code, mic = _split(symbol)
                self._ask(out, [symbol], {"symbol": code, "mic_code": mic or ""}, credits=1)
        return out

    def _ask(self, out: dict[str, Quote | ProviderError], symbols: list[str],
             params: dict[str, str], credits: int) -> None:
        try:
            self.budget.take(credits)  # Twelve Data counts one credit per symbol
            data = self._get("/quote", params)
        except ProviderError as exc:
            for symbol in symbols:
                out[symbol] = exc
            return
        try:
            _raise_for(self.name, data)  # the whole request refused: a key, plan or limit
        except ProviderError as exc:
            if exc.kind in ("key", "rate", "unsupported") or len(symbols) > 1:
                for symbol in symbols:
                    out[symbol] = exc
                return
        if len(symbols) == 1:
            data = {symbols[0]: data}
        for symbol in symbols:
            item = data.get(symbol) if isinstance(data, dict) else None
            try:
                out[symbol] = self._quote(symbol, item)
            except ProviderError as exc:
                out[symbol] = exc

    def bars(self, symbol: str, range_: str) -> Bars:
        interval, size = SERIES.get(range_, ("1day", 260))
        code, mic = _split(symbol)
        params = {"symbol": code, "interval": interval, "outputsize": str(size)}
        if mic:
            params["mic_code"] = mic
        self.budget.take()
        data = self._get("/time_series", params)
        _raise_for(self.name, data)
        meta = data.get("meta") or {}
        zone = _zone(meta.get("exchange_timezone"))
        points = []
        for value in reversed(data.get("values") or []):  # newest first in the answer
            close = number(value.get("close"))
            when = _local(value.get("datetime"), zone)
            if close is not None and when is not None:
                points.append((when, close))
        return Bars(symbol=symbol, range=range_, currency=meta.get("currency"),
                    points=tuple(points), provider=self.name, fetched_at=iso(time.time()))

    def _get(self, path: str, params: dict[str, str]) -> Any:
        """One request, already charged by the caller (one credit per symbol)."""
        try:
            data = self.get_json(path, params, charged=True,
                                 headers={"Authorization": f"apikey {self.key or ''}"})
        except RateLimited:
            self._rate_limited()
        if isinstance(data, dict) and data.get("status") == "error" and data.get("code") == 429:
            self._rate_limited()
        return data

    def _rate_limited(self) -> NoReturn:
        self.budget.block(60)
        raise RateLimited(self.name, "Twelve Data's credits for this minute are used up; it "
                          "will be asked again in 60 s.", retry_after=60)

    def _quote(self, symbol: str, item: Any) -> Quote:
        _raise_for(self.name, item)
        if not isinstance(item, dict):
            raise NotFound(self.name, f"Twelve Data has no price for {symbol}.")
        price = number(item.get("close"))
        if price is None:
            raise NotFound(self.name, f"Twelve Data has no price for {symbol}.")
        stamp = number(item.get("last_quote_at")) or number(item.get("timestamp")) or time.time()
        is_open = item.get("is_market_open")
        return Quote(symbol=symbol, price=price, change=number(item.get("change")),
                     change_percent=number(item.get("percent_change")),
                     currency=item.get("currency"), as_of=iso(stamp), provider=self.name,
                     previous_close=number(item.get("previous_close")),
                     market_open=is_open if isinstance(is_open, bool) else None,
                     fetched_at=iso(time.time()))


def _raise_for(provider: str, data: Any) -> None:
    """Twelve Data's in-band errors, by their code."""
    if not isinstance(data, dict) or data.get("status") != "error":
        return
    code, message = data.get("code"), str(data.get("message") or "").strip()
    if code == 401:
        raise BadKey(provider, "Twelve Data refused the API key; check it in Settings or with "
                     "`briefing key check twelvedata`.")
    if code == 403 or "plan" in message.lower():
        raise Unsupported(provider, "Twelve Data: this key's plan does not cover that market.")
    if code == 429:
        raise RateLimited(provider, "Twelve Data's credits for this minute are used up.",
                          retry_after=60)
    if code in (400, 404):
        raise NotFound(provider, "Twelve Data does not know that symbol.")
    raise ProviderError(provider, "Twelve Data answered with an error"
                        + (f": {message.rstrip('.')}." if message else "."))


def _split(symbol: str) -> tuple[str, str | None]:
    code, dot, market = symbol.rpartition(".")
    if not dot:
        return symbol, None
    return code, MIC.get("." + market)


def _zone(name: Any) -> ZoneInfo | None:
    try:
        return ZoneInfo(str(name)) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _local(text: Any, zone: ZoneInfo | None) -> float | None:
    """Exchange-local "2025-03-28 15:55:00" (or a date) as seconds since the epoch."""
    try:
        when = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    if when.tzinfo is None and zone is not None:
        when = when.replace(tzinfo=zone)
    return when.timestamp()
