"""Whether a given name is a man's or a woman's, from resources/names/given-names.tsv (see the
README there): read once, the first time a pronoun needs it."""

from __future__ import annotations

import threading
from typing import Final

from ..paths import resources_dir

_lock: Final = threading.Lock()
_table: Final[dict[str, str]] = {}  # name -> "m", "f" or "?" (either)
_loaded: Final[list[bool]] = [False]


def _load() -> None:
    with _lock:
        if _loaded[0]:
            return
        path = resources_dir() / "names" / "given-names.tsv"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []  # no table: every name fits either pronoun
        for line in lines:  # "m<TAB>Aaron Abbas ...": one line a gender
            gender, _, names = line.partition("\t")
            if gender in ("m", "f", "?"):
                _table.update(dict.fromkeys(names.split(" "), gender))
        _loaded[0] = True


def gender(given_name: str) -> str | None:
    """"m", "f", or None when the name is unknown or used for both."""
    if not _loaded[0]:
        _load()
    found = _table.get(given_name)
    return found if found != "?" else None


def is_given_name(word: str) -> bool:
    if not _loaded[0]:
        _load()
    return word in _table


def given_names() -> frozenset[str]:
    """Every first name the table knows, whatever its gender."""
    global _names
    if _names is None:
        if not _loaded[0]:
            _load()
        _names = frozenset(_table)
    return _names


_names: frozenset[str] | None = None
