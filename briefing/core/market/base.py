"""What every price provider shares: the interface, its errors, HTTP, and rate budgets.

A provider turns Briefing's Yahoo-style symbols (0700.HK, BABA, ^NDX) into its own, asks its
service, and gives back Quote and Bars. It says plainly what it cannot serve (a market its
plan lacks) so the next provider in the reader's order can, and it never spends more requests
than its budget allows (per minute and per day, counted across processes in the archive).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import httpx

from ..errors import BriefingError
from ..models import Bars, Quote

RANGES = ("1d", "5d", "1mo", "6mo", "1y")
# Some services refuse clients that do not look like a browser; they get this one.
BROWSER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                 "Chrome/126.0 Safari/537.36")


class ProviderError(BriefingError):
    """A provider could not give what was asked; `kind` says why, for the fallback."""

    kind = "unavailable"  # unavailable, unsupported, rate, key, not_found

    def __init__(self, provider: str, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.provider = provider
        self.retry_after = retry_after


class Unsupported(ProviderError):
    kind = "unsupported"  # this provider (or this plan) does not serve that symbol or market


class RateLimited(ProviderError):
    kind = "rate"  # the service said 429, or Briefing's own budget for it is spent


class BadKey(ProviderError):
    kind = "key"  # missing, wrong or revoked API key


class NotFound(ProviderError):
    kind = "not_found"  # no such symbol at this provider


Clock = Callable[[], float]


class Budget:
    """Requests a provider may still make: at most `per_minute` in any 60 s and `per_day`
    since midnight UTC, counted in the archive so that the window and a `briefing quote` from
    a script share one budget. A 429 blocks the provider until its Retry-After has passed."""

    def __init__(self, store: Any, provider: str, per_minute: int, per_day: int,
                 clock: Clock = time.time) -> None:
        self.store, self.provider = store, provider
        self.per_minute, self.per_day = per_minute, per_day
        self.clock = clock

    def take(self, count: int = 1) -> None:
        """Spend `count` requests, or raise RateLimited saying which limit stops them."""
        now = self.clock()
        room, why, wait = self._room(now)
        if room < count:
            raise RateLimited(self.provider, why, retry_after=wait)
        self.store.record_market_calls(self.provider, count, now)

    def grant(self, wanted: int) -> int:
        """As many of `wanted` requests as the budget allows now (recorded as spent); 0 when
        the provider is blocked or its budget is used up."""
        now = self.clock()
        room = max(0, min(wanted, self._room(now)[0]))
        if room:
            self.store.record_market_calls(self.provider, room, now)
        return room

    def _room(self, now: float) -> tuple[int, str, float]:
        """Requests allowed now; with why there are not more, and how long until there are."""
        blocked = self.store.market_blocked_until(self.provider)
        if blocked and blocked > now:
            return 0, (f"{self.provider} asked Briefing to wait; it will be asked again in "
                       f"{int(blocked - now) + 1} s."), blocked - now
        room, why, wait = sys.maxsize, "", 0.0
        if self.per_minute:
            left = self.per_minute - self.store.market_calls_since(self.provider, now - 60)
            if left < room:
                room, wait = left, 60.0
                why = (f"{self.provider}'s limit of {self.per_minute} requests a minute is used "
                       "up; prices come from the next source.")
        if self.per_day:
            midnight = datetime.fromtimestamp(now, UTC).replace(
                hour=0, minute=0, second=0, microsecond=0).timestamp()
            left = self.per_day - self.store.market_calls_since(self.provider, midnight)
            if left < room:
                room, wait = left, midnight + 86400 - now
                why = (f"{self.provider}'s daily limit of {self.per_day} requests is used up "
                       "until midnight UTC.")
        return room, why, wait

    def block(self, seconds: float) -> None:
        self.store.block_market(self.provider, self.clock() + max(1.0, seconds))


class Provider:
    """One price service. Subclasses set the class attributes and implement the three calls."""

    name = ""  # settings and keyring use it: yahoo, finnhub, twelvedata, alphavantage
    label = ""  # as people write it: "Twelve Data"
    default_url = ""
    needs_key = False
    per_minute = 0
    per_day = 0
    user_agent = ""  # "" keeps Briefing's own descriptive User-Agent
    batch = 1  # symbols one quote request can carry

    def __init__(self, client: httpx.Client, budget: Budget, key: str | None = None) -> None:
        self.client, self.budget, self.key = client, budget, key
        override = os.environ.get(f"BRIEFING_{self.name.upper()}_URL")
        self.base_url = (override or self.default_url).rstrip("/")

    # -- what subclasses provide ----------------------------------------------------------

    def unsupported(self, symbol: str) -> str | None:
        """Why this provider cannot serve the symbol (one sentence), or None."""
        return None

    def quotes(self, symbols: Sequence[str]) -> dict[str, Quote | ProviderError]:
        raise NotImplementedError

    def bars(self, symbol: str, range_: str) -> Bars:
        raise NotImplementedError

    def check_key(self) -> None:
        """Raise BadKey when the key is refused (one cheap request); return when it works."""
        self.quotes(["AAPL"])

    # -- shared HTTP ------------------------------------------------------------------------

    def get_json(self, path: str, params: dict[str, str], *, charged: bool = False,
                 headers: dict[str, str] | None = None) -> Any:
        """GET base_url + path; its JSON, or a ProviderError that says what went wrong.

        The request is charged to the budget first, unless the caller `charged` it already
        (requests sent from worker threads: only the archive's own thread counts them). A 429
        blocks the provider for its Retry-After when the budget was charged here; otherwise
        the caller does it with the RateLimited error's retry_after."""
        if not charged:
            self.budget.take()
        sent = {"User-Agent": self.user_agent} if self.user_agent else {}
        sent.update(headers or {})
        try:
            response = self.client.get(self.base_url + path, params=params, headers=sent)
        except httpx.TimeoutException as exc:
            raise ProviderError(self.name, f"{self.label} did not answer in time; Briefing "
                                "tries again at the next update.") from exc
        except httpx.HTTPError as exc:
            raise ProviderError(self.name, f"{self.label} could not be reached "
                                f"({type(exc).__name__}): check the connection.") from exc
        if response.status_code == 429:
            wait = _retry_after(response.headers.get("Retry-After"))
            if not charged:
                self.budget.block(wait)
            raise RateLimited(self.name, f"{self.label} says too many requests; it will be "
                              f"asked again in {int(wait)} s.", retry_after=wait)
        if response.status_code in (401, 403):
            raise self.refused(response)
        if response.status_code == 404:
            raise NotFound(self.name, f"{self.label} has no such symbol.")
        if response.status_code >= 400:
            raise ProviderError(self.name, f"{self.label} answered {response.status_code}.")
        try:
            return response.json()
        except ValueError as exc:
            raise ProviderError(self.name, f"{self.label} sent something that is not JSON."
                                ) from exc

    def refused(self, response: httpx.Response) -> ProviderError:
        """A 401 or 403: most services mean the key; subclasses refine it."""
        return BadKey(self.name, f"{self.label} refused the API key ({response.status_code}); "
                      f"check it in Settings or with `briefing key check {self.name}`.")


def _retry_after(value: str | None) -> float:
    if value:
        try:
            return max(1.0, float(value))
        except ValueError:
            pass
    return 60.0


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).replace(microsecond=0).isoformat()


def number(value: Any) -> float | None:
    """A price or change as a float; None for null, "", "None" or garbage."""
    if value is None or isinstance(value, bool):
        return None
    try:
        result = float(str(value).strip().rstrip("%"))
    except ValueError:
        return None
    return result if result == result else None  # NaN is no number


def change_of(price: float, previous: float | None) -> tuple[float | None, float | None]:
    if previous is None or previous == 0:
        return None, None
    change = price - previous
    return round(change, 6), round(change / previous * 100, 4)
