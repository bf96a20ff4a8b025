"""Prices and price histories for the listings Briefing tags: live while online, last known
when offline.

    market = Market(store, settings, secrets)
    market.quotes(["0700.HK", "BABA"])   # [Quote, ...] or QuoteFailure for a symbol none served
    market.history("0700.HK", "5d")      # Bars

Providers are asked in the reader's order (setting `market_providers`); a keyed one only once
its key is in the keyring. When one cannot serve a symbol (its plan lacks the market, its
budget is spent, the network failed) the next one is asked. What was fetched is kept in the
archive with its time: nothing is fetched again while it is fresh, and when every provider
fails the last known value is served, marked stale.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import httpx

from ..http import USER_AGENT
from ..models import Bars, Quote
from .alphavantage import AlphaVantage
from .base import RANGES, BadKey, Budget, Provider, ProviderError, Unsupported
from .finnhub import Finnhub
from .twelvedata import TwelveData
from .yahoo import Yahoo

__all__ = ["PROVIDERS", "RANGES", "Market", "QuoteFailure", "ProviderError"]

PROVIDERS: dict[str, type[Provider]] = {
    p.name: p for p in (Yahoo, Finnhub, TwelveData, AlphaVantage)
}
# How long a fetched value is fresh, in seconds: within it, nothing is fetched again.
BARS_FRESH = {"1d": 300, "5d": 900, "1mo": 3600, "6mo": 6 * 3600, "1y": 12 * 3600}
# The span each range covers, in seconds (a little under, so the moment is surely inside).
SPANS = {"1d": 20 * 3600, "5d": 4 * 86400, "1mo": 28 * 86400, "6mo": 175 * 86400,
         "1y": 360 * 86400}


_client: httpx.Client | None = None
_client_lock = threading.Lock()


def shared_client() -> httpx.Client:
    """One HTTP client for every Market of the process: its connections are reused, and its
    TLS context (tens of milliseconds to load the certificates, holding the interpreter) is
    built once, not at every price update."""
    global _client
    with _client_lock:
        if _client is None:
            _client = httpx.Client(timeout=httpx.Timeout(10.0, connect=5.0),
                                   follow_redirects=True, headers={"User-Agent": USER_AGENT},
                                   trust_env=True)
        return _client


@dataclass(frozen=True)
class QuoteFailure:
    symbol: str
    error: str  # one sentence: what happened with each provider that was asked


class Market:
    """The providers, in order, over one archive's cache and budgets."""

    def __init__(self, store: Any, settings: Any, secrets: Any,
                 client: httpx.Client | None = None, clock: Any = time.time) -> None:
        self.store, self.settings, self.secrets = store, settings, secrets
        self.clock = clock
        self.client = client or shared_client()

    def close(self) -> None:
        return None  # the shared client lives as long as the process

    def provider(self, name: str, key: str | None = None) -> Provider:
        cls = PROVIDERS[name]
        budget = Budget(self.store, name, cls.per_minute, cls.per_day, clock=self.clock)
        return cls(self.client, budget, key if key is not None else
                   (self.secrets.get(name) if cls.needs_key else None))

    def providers(self) -> list[Provider]:
        """The providers to ask, in the reader's order; keyed ones only with a key."""
        names = [n.strip() for n in str(self.settings["market_providers"]).split(",")]
        found = []
        for name in dict.fromkeys(n for n in names if n in PROVIDERS):
            provider = self.provider(name)
            if not provider.needs_key or provider.key:
                found.append(provider)
        return found

    # -- quotes -----------------------------------------------------------------------------

    def quotes(self, symbols: Sequence[str], *, max_age: float | None = None
               ) -> list[Quote | QuoteFailure]:
        """The latest quote of each symbol, in the order asked."""
        wanted = list(dict.fromkeys(symbols))
        fresh_for = float(self.settings["quote_refresh_seconds"]) if max_age is None else max_age
        now = self.clock()
        cached = self.store.cached_quotes(wanted)
        found: dict[str, Quote] = {s: q for s, (q, at) in cached.items() if now - at < fresh_for}
        problems: dict[str, list[str]] = {s: [] for s in wanted}
        todo = [s for s in wanted if s not in found]
        for provider in self.providers():
            if not todo:
                break
            ask = []
            for symbol in todo:
                why = provider.unsupported(symbol)
                if why:
                    problems[symbol].append(why)
                else:
                    ask.append(symbol)
            if not ask:
                continue
            try:
                answers = provider.quotes(ask)
            except ProviderError as exc:
                answers = dict.fromkeys(ask, exc)
            fetched = [a for a in answers.values() if isinstance(a, Quote)]
            if fetched:
                self.store.put_quotes(fetched, self.clock())
            for symbol, answer in answers.items():
                if isinstance(answer, Quote):
                    found[symbol] = answer
                else:
                    problems[symbol].append(str(answer))
            todo = [s for s in todo if s not in found]
        out: list[Quote | QuoteFailure] = []
        for symbol in wanted:
            if symbol in found:
                out.append(found[symbol])
            elif symbol in cached:  # every provider failed: the last known value, marked
                out.append(replace(cached[symbol][0], stale=True))
            else:
                out.append(QuoteFailure(symbol, _summary(symbol, problems[symbol])))
        return out

    # -- history ------------------------------------------------------------------------------

    def history(self, symbol: str, range_: str) -> Bars:
        """The price history of one symbol over a range (1d, 5d, 1mo, 6mo, 1y)."""
        if range_ not in RANGES:
            raise ProviderError("", f"“{range_}” is not a range; use one of "
                                f"{', '.join(RANGES)}.")
        now = self.clock()
        cached: tuple[Bars, float] | None = self.store.cached_bars(symbol, range_)
        if cached and now - cached[1] < BARS_FRESH[range_]:
            return cached[0]
        problems: list[str] = []
        for provider in self.providers():
            why = provider.unsupported(symbol)
            if why:
                problems.append(why)
                continue
            try:
                bars = provider.bars(symbol, range_)
            except ProviderError as exc:
                problems.append(str(exc))
                continue
            if bars.points:
                self.store.put_bars(bars, self.clock())
                return bars
            problems.append(f"{provider.label} has no prices for {symbol} over {range_}.")
        if cached:
            return replace(cached[0], stale=True)
        raise ProviderError("", _summary(symbol, problems))

    def prices_at(self, symbols: Sequence[str], when: str | None, limit: int = 6
                  ) -> dict[str, float]:
        """Each symbol's close at (or just before) a moment within the last year, from the
        shortest history range that covers it; symbols without one are left out."""
        if not when:
            return {}
        try:
            moment = datetime.fromisoformat(when).timestamp()
        except ValueError:
            return {}
        age = self.clock() - moment
        range_ = next((r for r, span in SPANS.items() if age <= span), None)
        if range_ is None or age < 0:
            return {}
        out: dict[str, float] = {}
        for symbol in list(dict.fromkeys(symbols))[:limit]:
            try:
                bars = self.history(symbol, range_)
            except ProviderError:
                continue
            before = [c for t, c in bars.points if t <= moment]
            if before and bars.points[0][0] <= moment:
                out[symbol] = before[-1]
        return out

    # -- keys -----------------------------------------------------------------------------

    def check_key(self, name: str, key: str | None = None) -> str:
        """Try a provider's key with one request; a sentence saying it works, or BadKey."""
        cls = PROVIDERS[name]
        if not cls.needs_key:
            return f"{cls.label} needs no key."
        key = key if key is not None else self.secrets.get(name)
        if not key:
            raise BadKey(name, f"No {cls.label} key is set; `briefing key set {name}` "
                         "stores one in the keyring.")
        provider = self.provider(name, key)
        answers = provider.quotes(["AAPL"])
        answer = answers.get("AAPL")
        if isinstance(answer, BadKey | Unsupported) or (
            isinstance(answer, ProviderError) and answer.kind == "key"
        ):
            raise answer
        if isinstance(answer, ProviderError):
            raise ProviderError(name, f"The key could not be checked: {answer}")
        return f"The {cls.label} key works."


def _summary(symbol: str, problems: list[str]) -> str:
    if not problems:
        return f"No price source is set up for {symbol}: check the price sources in Settings."
    return f"No price for {symbol}: " + " ".join(dict.fromkeys(problems))
