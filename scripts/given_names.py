"""Given names and their usual gender, read from gender-guesser's name dictionary.

The dictionary (`nam_dict.txt`, by Jörg Michael, GNU Free Documentation License 1.2 or later)
lists about 48,000 first names with their gender and how common each is in 55 countries, on a
scale of 1 (rare) to 13. It is made for this purpose: telling a first name from other words,
and "he" from "she". scripts/build_catalog.py reads it here, so that a company name which is a
common first name needs context before it is tagged.

Needs the `gender-guesser` package (pip install -e '.[catalog]').
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Gender codes of the dictionary: M, F, mostly (1M, 1F, ?M, ?F), or either (?).
GENDERS = {"M": "m", "1M": "m", "?M": "m", "F": "f", "1F": "f", "?F": "f", "?": "?"}
FREQUENCY_AT = 30  # where the per-country frequency columns start on a line


@dataclass(frozen=True)
class GivenName:
    name: str
    gender: str  # m, f or ? (used for either)
    frequency: int  # the highest frequency over the countries, 1 (rare) .. 13
    english: int = 0  # the highest in Great Britain, Ireland and the USA (0: not used there)


def dictionary_path() -> Path:
    try:
        import gender_guesser
    except ImportError as exc:  # a build-time dependency
        raise SystemExit("the gender-guesser package is needed to read given names "
                         "(pip install -e '.[catalog]')") from exc
    return Path(gender_guesser.__file__).with_name("data") / "nam_dict.txt"


def read_given_names(path: Path | None = None) -> dict[str, GivenName]:
    """Every given name of the dictionary with its gender and highest frequency. A name the
    dictionary gives for both genders keeps the more frequent one (ties: either)."""
    found: dict[str, GivenName] = {}
    with (path or dictionary_path()).open(encoding="utf-8") as fh:
        for line in fh:
            if line[:1] in "#=\n":
                continue
            parts = line.split()
            if len(parts) < 2 or parts[0] not in GENDERS:
                continue
            columns = line[FREQUENCY_AT:].rstrip("\n")
            digits = [int(c, 16) for c in columns if c.isalnum()]
            english = [int(c, 16) for c in columns[:3] if c.isalnum()]
            for name in _spellings(parts[1]):
                _keep(found, GivenName(name, GENDERS[parts[0]], max(digits, default=0),
                                       max(english, default=0)))
    return found


def _spellings(name: str) -> list[str]:
    """"Jean+Pierre" is written "JeanPierre", "Jean Pierre" and "Jean-Pierre"."""
    if "+" not in name:
        return [name]
    return [name.replace("+", joiner) for joiner in ("", " ", "-")]


def _keep(found: dict[str, GivenName], new: GivenName) -> None:
    old = found.get(new.name)
    if old is None or new.frequency > old.frequency:
        found[new.name] = GivenName(new.name, new.gender, new.frequency,
                                    max(new.english, old.english if old else 0))
    elif new.frequency == old.frequency and new.gender != old.gender:
        found[new.name] = GivenName(new.name, "?", new.frequency, max(new.english, old.english))
