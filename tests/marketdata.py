"""Answers of the price providers, written for these tests from each service's documented
shapes (errors included), and a way to serve them from the local test server.

Every provider's base URL is pointed at the server with BRIEFING_<PROVIDER>_URL; the paths
below are the services' own, so the adapters run exactly as they would against the real ones.
"""

from __future__ import annotations

import json
import time
from typing import Any

from feedserver import FeedServer, Request, Response

NOW = int(time.time())
OPEN = {"timezone": "HKT", "start": NOW - 3600, "end": NOW + 3600, "gmtoffset": 28800}


def yahoo_chart(symbol: str, price: float, previous: float, currency: str = "HKD",
                closes: list[float | None] | None = None, open_now: bool = True) -> bytes:
    """A /v8/finance/chart answer; `closes` may hold nulls, as intraday answers do."""
    closes = closes if closes is not None else [previous, None, (previous + price) / 2, price]
    stamps = [NOW - 300 * (len(closes) - i) for i in range(len(closes))]
    period = OPEN if open_now else {**OPEN, "start": NOW - 7200, "end": NOW - 3600}
    meta = {
        "currency": currency, "symbol": symbol, "exchangeName": "HKG",
        "instrumentType": "EQUITY", "regularMarketTime": NOW - 60, "gmtoffset": 28800,
        "timezone": "HKT", "exchangeTimezoneName": "Asia/Hong_Kong",
        "regularMarketPrice": price, "chartPreviousClose": previous, "previousClose": previous,
        "scale": 3, "priceHint": 3,
        "currentTradingPeriod": {"pre": period, "regular": period, "post": period},
        "dataGranularity": "5m", "range": "1d",
    }
    return json.dumps({"chart": {"result": [{
        "meta": meta, "timestamp": stamps,
        "indicators": {"quote": [{"close": closes, "open": closes, "high": closes,
                                  "low": closes, "volume": [0] * len(closes)}]},
    }], "error": None}}).encode()


YAHOO_NOT_FOUND = json.dumps({"chart": {"result": None, "error": {
    "code": "Not Found", "description": "No data found, symbol may be delisted"}}}).encode()
YAHOO_429 = b"Too Many Requests\r\n"

FINNHUB_QUOTE = {"c": 231.2, "d": 1.1, "dp": 0.478, "h": 232.0, "l": 229.5, "o": 230.0,
                 "pc": 230.1, "t": NOW - 120}
FINNHUB_UNKNOWN = {"c": 0, "d": None, "dp": None, "h": 0, "l": 0, "o": 0, "pc": 0, "t": 0}
FINNHUB_NO_ACCESS = {"error": "You don't have access to this resource."}
FINNHUB_BAD_KEY = {"error": "Invalid API key"}

TWELVE_QUOTE = {
    "symbol": "0700", "name": "Tencent Holdings Ltd", "exchange": "HKEX", "mic_code": "XHKG",
    "currency": "HKD", "datetime": "2025-03-28", "timestamp": NOW - 300,
    "open": "515.0", "high": "518.0", "low": "509.5", "close": "512.5", "volume": "1000",
    "previous_close": "516.0", "change": "-3.5", "percent_change": "-0.67829",
    "is_market_open": True,
}
TWELVE_429 = {"code": 429, "message": "You have run out of API credits for the current "
              "minute. 9 API credits were used, with the current limit being 8.",
              "status": "error"}
TWELVE_BAD_KEY = {"code": 401, "message": "**apikey** parameter is incorrect or not "
                  "specified.", "status": "error"}

AV_QUOTE = {"Global Quote": {
    "01. symbol": "IBM", "02. open": "226.0", "03. high": "228.2", "04. low": "225.1",
    "05. price": "227.4100", "06. volume": "3000000", "07. latest trading day": "2025-03-28",
    "08. previous close": "225.9000", "09. change": "1.5100", "10. change percent": "0.6684%",
}}
AV_NOTE = {"Note": "Thank you for using Alpha Vantage! Our standard API call frequency is 5 "
           "calls per minute and 25 calls per day."}
AV_INFORMATION = {"Information": "We have detected your API key as demo and our standard API "
                  "rate limit is 25 requests per day."}
AV_EMPTY = {"Global Quote": {}}


def serve(server: FeedServer, answers: dict[tuple[str, str], tuple[int, Any]]) -> None:
    """Answer each (path, symbol) with (status, body); the symbol is read from the path
    (Yahoo) or the `symbol` query parameter (the others). Unknown symbols get a 404."""
    from urllib.parse import parse_qs, urlsplit

    def answer(request: Request) -> Response:
        parts = urlsplit(request.target)
        symbol = parse_qs(parts.query).get("symbol", [""])[0]
        key = (parts.path, symbol)
        if parts.path.startswith("/v8/finance/chart/"):
            key = ("/v8/finance/chart/", parts.path.rsplit("/", 1)[1])
        status, body = answers.get(key, (404, {"error": "not here"}))
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        kind = "application/json" if not isinstance(body, bytes) or body.startswith(b"{") \
            else "text/plain"
        headers = {"Content-Type": kind}
        if status == 429:
            headers["Retry-After"] = "30"
        return Response(status, data, headers)

    paths = {p for p, _ in answers} | {"/v8/finance/chart/"}
    for path in paths:
        server.handle(path, answer)
    for _, symbol in [k for k in answers if k[0] == "/v8/finance/chart/"]:
        server.handle(f"/v8/finance/chart/{symbol}", answer)
