"""The catalog of entities and listings (resources/catalog/catalog.json) and user overrides.

The catalog is built by scripts/build_catalog.py and shipped; a user's overrides file in the
data directory adds aliases to an entity or suppresses a wrong tag, and wins over the catalog.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick

from ..paths import resources_dir

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
    )


@dataclass
class Catalog:
    """Entities, the symbol index, and one automaton over every name and alias."""

    entities: Mapping[str, CatalogEntity]
    symbols: dict[str, str]  # Yahoo symbol (upper case) -> entity id
    automaton: Any  # ahocorasick.Automaton: alias -> (alias, ((entity id, kind), ...))
    suppressed: frozenset[tuple[str, str]] = frozenset()  # (entity id, alias or "*")
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
    raw = json.loads((path or default_catalog_path()).read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in raw.get("entities", [])}
    symbols = {k.upper(): v for k, v in (raw.get("symbols") or {}).items() if v in by_id}
    entities = _Entities(by_id)
    suppressed: set[tuple[str, str]] = set()
    if overrides is not None and overrides.is_file():
        suppressed = _apply_overrides(entities, overrides)
    touched = set(entities.built())  # entities the overrides gave aliases to
    named = [entities[eid] for eid, e in by_id.items()
             if e.get("aliases") or e.get("ambiguous_aliases") or eid in touched]
    return Catalog(entities, symbols, _build_automaton(named), frozenset(suppressed))


def _apply_overrides(entities: _Entities, path: Path) -> set[tuple[str, str]]:
    """{"aliases": {entity id: [alias, ...]}, "suppress": [{"entity": id, "alias": text}]}"""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()  # a damaged overrides file must not stop tagging; the catalog stands
    for eid, extra in (data.get("aliases") or {}).items():
        if eid in entities and isinstance(extra, list):
            e = entities[eid]
            e.aliases = tuple(dict.fromkeys([*e.aliases, *(str(a) for a in extra)]))
    suppressed = set()
    for item in data.get("suppress") or []:
        if isinstance(item, dict) and item.get("entity"):
            suppressed.add((str(item["entity"]), str(item.get("alias") or "*")))
    return suppressed


def _build_automaton(entities: list[CatalogEntity]) -> Any:
    keys: dict[str, list[tuple[str, str]]] = {}

    def add(alias: str, eid: str, kind: str) -> None:
        alias = alias.strip()
        if len(alias) >= 2:
            keys.setdefault(alias, []).append((eid, kind))

    for e in entities:
        ambiguous = set(e.ambiguous_aliases)
        for alias in e.aliases:
            if alias not in ambiguous:
                add(alias, e.id, "alias")
        for alias in ambiguous:
            add(alias, e.id, "ambiguous")
    automaton = ahocorasick.Automaton()
    for alias, owners in keys.items():
        automaton.add_word(alias, (alias, tuple(owners)))
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _bases(symbols: dict[str, str]) -> dict[str, list[str]]:
    """Listings by the code before their market suffix, for "$BABA.HK"-style lookups."""
    bases: dict[str, list[str]] = {}
    for symbol, eid in symbols.items():
        base = symbol.split(".", 1)[0]
        if eid not in bases.setdefault(base, []):
            bases[base].append(eid)
    return bases
