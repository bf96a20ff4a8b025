"""The catalog of entities and listings (resources/catalog/catalog.json) and user overrides.

The catalog is built by scripts/build_catalog.py and shipped; a user's overrides file in the
data directory adds aliases to an entity or suppresses a wrong tag, and wins over the catalog.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick_rs

from ..paths import resources_dir
from .evidence import Model, load_model
from .symbols import TRIGGERS

OVERRIDES_NAME = "tag-overrides.json"
LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.,?\s+Ltd\.?|Co\.|Company|"
    r"Ltd\.?|Limited|Holdings?|Group|plc|PLC|AG|SE|SA|S\.A\.|NV|N\.V\.|ASA|AB|A/S|"
    r"Oyj|S\.p\.A\.|SpA|LLC|L\.P\.|LP|KGaA|& Co\.?|and Company|Class [ABC]|Cl [ABC]|ADR|"
    r"\(The\))(?![\w&]))+",
)


@dataclass
class CatalogEntity:
    id: str
    name: str
    type: str
    country: str | None
    listings: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()
    owner: str | None = None
    parent: str | None = None
    region_listings: dict[str, str] = field(default_factory=dict)
    size: int | None = None  # 0 mega cap, 1 large, 2 mid, 3 small, 4 micro, 5 nano


class _Entities(Mapping[str, CatalogEntity]):
    """Entities by id, each built from the catalog's JSON the first time it is asked for:
    most of the 30,000 are symbol-only listings an article rarely names."""

    def __init__(self, raw: dict[str, dict[str, Any]]) -> None:
        self._raw = raw
        self._built: dict[str, CatalogEntity] = {}

    def __getitem__(self, eid: str) -> CatalogEntity:
        entity = self._built.get(eid)
        if entity is None:
            entity = self._built[eid] = _entity(self._raw[eid])
        return entity

    def __contains__(self, eid: object) -> bool:
        return eid in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def built(self) -> list[str]:
        return list(self._built)


def _entity(e: dict[str, Any]) -> CatalogEntity:
    return CatalogEntity(
        id=e["id"], name=e["name"], type=e.get("type", "company"), country=e.get("country"),
        listings=tuple(e.get("listings") or ()), aliases=tuple(e.get("aliases") or ()),
        ambiguous_aliases=tuple(e.get("ambiguous_aliases") or ()), owner=e.get("owner"),
        parent=e.get("parent"), region_listings=dict(e.get("region_listings") or {}),
        size=e.get("size"),
    )


# Words that say which market an article is about. They are looked for in the same pass as
# the names: one scan of the text finds both.
REGION_CUES = {
    "HK": ("Hong Kong", "HONG KONG", "Hang Seng", "HKEX", ".HK", "HSTECH"),
    "CN": ("Shanghai", "Shenzhen", "CSI 300", "mainland China", ".SS", ".SZ", "A-shares"),
    "JP": ("Tokyo", "TOKYO", "Nikkei", "Topix", "TYO:", ".T ", ".T)", "Japanese stocks"),
    "US": ("Wall Street", "NYSE", "Nasdaq", "NASDAQ", "S&P 500", "Dow Jones", "the Dow ",
           "New York", "NEW YORK", "Russell 2000"),
    "UK": ("London", "LONDON", "FTSE", "LON:", ".L ", ".L)"),
    "KR": ("Seoul", "SEOUL", "Kospi", "Kosdaq", ".KS", "KRX"),
    "TW": ("Taipei", "TAIPEI", "Taiex", ".TW"),
    "IN": ("Mumbai", "MUMBAI", "Sensex", "Nifty", ".NS", ".BO"),
    "EU": ("Frankfurt", "Paris", "Amsterdam", "Zurich", "Madrid", "Milan", "DAX", "CAC 40",
           "Stoxx", "Euronext", "Xetra"),
    "AU": ("Sydney", "SYDNEY", "ASX", "Australian shares", "Australian stocks", ".AX"),
    "CA": ("Toronto", "TORONTO", "TSX", "Canadian stocks", "Canadian shares", ".TO ", ".TO)"),
    "SG": ("Singapore", "SINGAPORE", "Straits Times Index", "SGX", ".SI ", ".SI)"),
    "BR": ("Sao Paulo", "São Paulo", "Ibovespa", "Brazilian stocks", ".SA ", ".SA)"),
}


LEDE = 300  # characters: the opening of a text, where its market is named


class NameIndex:
    """Every name and alias of the catalog, the region cues and the explicit symbols' trigger
    strings in one Aho-Corasick automaton: one linear pass over a text finds them all
    (overlapping matches included)."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        patterns = list(names)
        # Each name's owners, "a:<entity id>" for a distinctive name (an alias) and
        # "m:<entity id>" for one that needs context (an ambiguous alias).
        self.owners: list[list[str]] = list(names.values())
        self.regions: list[str | None] = [None] * len(patterns)
        self.triggers: list[str | None] = [None] * len(patterns)
        self.name_count = len(patterns)  # the first patterns are the aliases that name entities
        self._folded: dict[str, str | None] | None = None  # distinctive names, case-folded
        index = {k: i for i, k in enumerate(patterns)}

        def slot(word: str) -> int:
            i = index.get(word)
            if i is None:
                i = index[word] = len(patterns)
                patterns.append(word)
                self.owners.append([])
                self.regions.append(None)
                self.triggers.append(None)
            return i

        for region, cues in REGION_CUES.items():
            for cue in cues:
                self.regions[slot(cue)] = region
        for kind, words in TRIGGERS.items():
            for word in words:
                self.triggers[slot(word)] = kind
        self.patterns = patterns
        # Contiguous: built as fast as a non-contiguous one for these ~42,000 names (60-110 ms
        # here), and it scans an 800-word article in 40 µs instead of 57.
        self._automaton = ahocorasick_rs.AhoCorasick(
            patterns, implementation=ahocorasick_rs.Implementation.ContiguousNFA)

    def scan(self, text: str) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of every match, overlapping ones included."""
        found: list[tuple[int, int, int]]
        try:
            found = self._automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # lone surrogates: "?" keeps every offset where it was
            clean = text.encode("utf-8", "replace").decode("utf-8")
            found = self._automaton.find_matches_as_indexes(clean, overlapping=True)
        return found

    def distinctive(self, name: str) -> str | None:
        """The one entity whose distinctive name this is, in any case ("RADIANT
        OPTO-ELECTRONICS" for Radiant Opto-Electronics), or None. The case-folded table is
        made on first use (tens of milliseconds, once per process)."""
        if self._folded is None:
            folded: dict[str, str | None] = {}
            for i in range(self.name_count):
                owners = self.owners[i]
                if len(owners) == 1 and owners[0].startswith("a:"):
                    key = self.patterns[i].casefold()
                    eid = owners[0][2:]
                    folded[key] = eid if folded.get(key, eid) == eid else None
            self._folded = folded
        return self._folded.get(name.casefold())

    def marks(self, matches: list[tuple[int, int, int]]) -> dict[str, list[int]]:
        """Where each kind of symbol trigger starts (symbols.trigger_marks, from the scan)."""
        marks: dict[str, list[int]] = {kind: [] for kind in TRIGGERS}
        triggers = self.triggers
        for i, start, _ in matches:
            kind = triggers[i]
            if kind is not None:
                marks[kind].append(start)
        for found in marks.values():
            found.sort()
        return marks

    def region(self, matches: list[tuple[int, int, int]]) -> str | None:
        """The market the cues point to, when one clearly leads (two cues or more). A cue in
        the opening lines (the title, the lede) counts twice: that is where a story says
        which market it is about, and a quoted aside later ("Hong Kong's Hang Seng was up")
        does not outweigh it."""
        counts: dict[str, int] = {}
        regions = self.regions
        for i, start, _ in matches:
            region = regions[i]
            if region is not None:
                counts[region] = counts.get(region, 0) + (2 if start < LEDE else 1)
        ranked = sorted(counts.values(), reverse=True)
        if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[1] == ranked[0]):
            return None
        return max(counts, key=lambda r: counts[r])


@dataclass
class Catalog:
    """Entities, the symbol index, and one automaton over every name and alias."""

    entities: Mapping[str, CatalogEntity]
    symbols: dict[str, str]  # Yahoo symbol (upper case) -> entity id
    names: NameIndex
    suppressed: frozenset[tuple[str, str]] = frozenset()  # (entity id, alias or "*")
    zipf: dict[str, int] = field(default_factory=dict)  # a name's commonness, Zipf x 10
    # Words that continue a company's name after it ("Research", "Holdings"), from the build.
    trade_words: frozenset[str] = frozenset()
    evidence: Model = field(default_factory=load_model)  # weighs names that need context
    _by_base: dict[str, list[str]] | None = None

    @property
    def by_base(self) -> dict[str, list[str]]:
        """Listings by the code before their market suffix, for "$BABA.HK"-style lookups."""
        if self._by_base is None:
            self._by_base = _bases(self.symbols)
        return self._by_base

    def entity_for_symbol(self, symbol: str) -> CatalogEntity | None:
        eid = self.symbols.get(symbol.upper())
        return self.entities[eid] if eid and eid in self.entities else None

    def listing_on(self, entity: CatalogEntity, suffix: str) -> str | None:
        """The entity's listing on the market with this Yahoo suffix (".HK"), if any."""
        for symbol in entity.listings:
            if symbol.upper().endswith(suffix.upper()):
                return symbol
        return None


def default_catalog_path() -> Path:
    return resources_dir() / "catalog" / "catalog.json"


def load_catalog(path: Path | None = None, overrides: Path | None = None) -> Catalog:
    """Read the built catalog and, when given, a user's overrides file."""
    collecting = gc.isenabled()
    gc.disable()  # the parse makes a million objects: collections in the middle cost 40%
    try:
        return _load(path, overrides)
    finally:
        if collecting:
            gc.enable()


def _load(path: Path | None, overrides: Path | None) -> Catalog:
    raw = json.loads((path or default_catalog_path()).read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in raw.get("entities", [])}
    entities = _Entities(by_id)
    names: dict[str, list[str]] = raw.get("names") or name_table(list(by_id.values()))
    suppressed: set[tuple[str, str]] = set()
    if overrides is not None and overrides.is_file():
        suppressed = _apply_overrides(entities, overrides, names)
    return Catalog(entities, raw.get("symbols") or {}, NameIndex(names), frozenset(suppressed),
                   raw.get("zipf") or {}, trade_words=frozenset(raw.get("trade_words") or ()))


def _apply_overrides(entities: _Entities, path: Path,
                     names: dict[str, list[str]]) -> set[tuple[str, str]]:
    """{"aliases": {entity id: [alias, ...]}, "suppress": [{"entity": id, "alias": text}]}"""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()  # a damaged overrides file must not stop tagging; the catalog stands
    for eid, extra in (data.get("aliases") or {}).items():
        if eid in entities and isinstance(extra, list):
            e = entities[eid]
            e.aliases = tuple(dict.fromkeys([*e.aliases, *(str(a) for a in extra)]))
            for alias in extra:
                for form in spellings(str(alias), e.type, e.size):
                    _own(names, form, "a:" + eid)
    suppressed = set()
    for item in data.get("suppress") or []:
        if isinstance(item, dict) and item.get("entity"):
            suppressed.add((str(item["entity"]), str(item.get("alias") or "*")))
    return suppressed


def name_table(entities: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Every name the engine matches, with its owners: "a:<id>" when the name is an alias of
    that entity, "m:<id>" when it is an ambiguous one. The build writes it into the catalog
    (reading it is far cheaper than making it), and it is made here when a catalog lacks it."""
    names: dict[str, list[str]] = {}
    for e in entities:
        ambiguous = set(e.get("ambiguous_aliases") or ())
        for alias in e.get("aliases") or ():
            if alias not in ambiguous:
                for form in spellings(alias, e.get("type", "company"), e.get("size")):
                    _own(names, form, "a:" + e["id"])
        for alias in ambiguous:
            _own(names, alias, "m:" + e["id"])
            if alias.endswith("'s"):  # "Marston’s": outlets curl the apostrophe
                _own(names, alias.replace("'", "’"), "m:" + e["id"])
    return names


def _own(names: dict[str, list[str]], name: str, owner: str) -> None:
    name = name.strip()
    if len(name) >= 2:
        owners = names.setdefault(name, [])
        if owner not in owners:
            owners.append(owner)


_INDEX_WORDS = (" Index", " Composite", " Average")


def spellings(alias: str, kind: str, size: int | None) -> list[str]:
    """How outlets also write a distinctive name: capitalised word by word ("Unicredit",
    "Ultratech Cement", "Arcelormittal"), in capitals for a large company ("GLENCORE", as
    some broker round-ups do), an index's last word in lower case ("Hang Seng index"), with a
    curly apostrophe ("Moody’s"), and with a space for a hyphen or "and" for "&" and the other
    way round ("UOB Kay Hian", "Bombay Dyeing and Manufacturing"). Names that are also words
    keep their one spelling: there, case is what tells them apart."""
    forms = [alias]
    title = " ".join(_capitalised(w) for w in alias.split())
    if title != alias and any(c.isalpha() for c in title):
        forms.append(title)
    if alias.endswith("'s") or ("'" in alias and " " not in alias):
        forms.append(alias.replace("'", "’"))  # "Moody’s": most outlets curl it
    if " " in alias and (size is None or size <= 3):
        if _HYPHEN_JOIN.search(alias):
            forms.append(_HYPHEN_JOIN.sub(" ", alias))
        if " & " in alias:
            forms.append(alias.replace(" & ", " and "))
        elif " and " in alias:  # "Industrial & Commercial Bank of China"
            forms.append(alias.replace(" and ", " & "))
    if (size is not None and size <= 1 and sum(c.isalpha() for c in alias) >= 4
            and alias.upper() != alias):
        forms.append(alias.upper())
    if kind == "index" and alias.endswith(_INDEX_WORDS):
        head, last = alias.rsplit(" ", 1)
        forms.append(f"{head} {last.lower()}")
    return forms


_HYPHEN_JOIN = re.compile(r"(?<=[A-Za-z])-(?=[A-Z])")


def _capitalised(word: str) -> str:
    """A word as a title-casing outlet writes it: initials and short acronyms kept ("A.P.",
    "JD"), every hyphenated part capitalised ("Moller-Maersk")."""
    if "." in word or (len(word) <= 3 and word.isupper()):
        return word
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _bases(symbols: dict[str, str]) -> dict[str, list[str]]:
    """Listings by the code before their market suffix, for "$BABA.HK"-style lookups."""
    bases: dict[str, list[str]] = {}
    for symbol, eid in symbols.items():
        base = symbol.split(".", 1)[0]
        if eid not in bases.setdefault(base, []):
            bases[base].append(eid)
    return bases
