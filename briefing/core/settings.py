"""User preferences, declared once as data: key, type, default, description.

They live in settings.json in the data directory (window state is kept apart, by the
window). Secrets never go here: API keys and passwords belong to the OS keyring.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger("briefing.settings")
SETTINGS_NAME = "settings.json"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str
    description: str
    choices: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = 0
    unit: str = ""  # shown after a number: "min", "s", "pt", "days"


SETTINGS: tuple[Setting, ...] = (
    Setting("refresh_interval_minutes", int, 30, "Refresh every",
            "Minutes between automatic refreshes; 0 turns them off.", minimum=0, maximum=1440,
            unit="min"),
    Setting("load_images", str, "ask", "Remote images",
            "Whether articles load pictures from the web: never, ask for each feed, or always.",
            choices=("never", "ask", "always")),
    Setting("theme", str, "system", "Theme", "Light or dark, or follow the system.",
            choices=("system", "light", "dark")),
    Setting("font_size", int, 13, "Article text size", "Size of article text, in points.",
            minimum=9, maximum=28, unit="pt"),
    Setting("market_providers", str, "yahoo,finnhub,twelvedata,alphavantage", "Price sources",
            "Providers asked for prices, in order; when one fails or cannot serve a market, "
            "the next one serves. Keyed providers are asked only once their key is set."),
    Setting("quote_refresh_seconds", int, 60, "Update prices every",
            "Seconds between live price updates while the window shows prices.",
            minimum=15, maximum=3600, unit="s"),
    Setting("watchlist_notifications", str, "on", "Watchlist notices",
            "After a refresh, a notice naming the pinned listings its new articles mention.",
            choices=("on", "off")),
    Setting("retention_days", int, 0, "Keep articles for",
            "Days to keep read articles (starred ones and those naming your watchlist stay); "
            "0 keeps everything.", minimum=0, maximum=3650, unit="days"),
)
BY_KEY = {s.key: s for s in SETTINGS}


class Settings:
    """Preferences of one data directory, read once and written on change."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / SETTINGS_NAME
        self._values: dict[str, Any] = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(raw, dict):
                self._values = {k: v for k, v in raw.items() if k in BY_KEY and _valid(k, v)}
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:  # a damaged file: defaults, and say so in the log
            log.warning("settings file %s unreadable (%s); using defaults", self.path, exc)

    def __getitem__(self, key: str) -> Any:
        return self._values.get(key, BY_KEY[key].default)

    def set(self, key: str, value: Any) -> None:
        if not _valid(key, value):
            raise ValueError(f"{value!r} is not a valid value for {key}")
        self._values[key] = value
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._values, indent=2, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)


def _valid(key: str, value: Any) -> bool:
    spec = BY_KEY[key]
    if spec.type is int:
        return isinstance(value, int) and not isinstance(value, bool) and (
            spec.minimum <= value <= spec.maximum)
    if spec.choices:
        return value in spec.choices
    return isinstance(value, spec.type)
