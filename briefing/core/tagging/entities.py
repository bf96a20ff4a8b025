"""Entities in a text: explicit symbols, then names and aliases, then which names stand.

Names are found by one Aho-Corasick pass (linear in the text), kept only on word boundaries,
longest first. Which of them are the companies they name is resolve.py's work: distinctive
names stand, the others are weighed on the evidence around them (evidence.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Entity, Mention
from .catalog import LEGAL_SUFFIX, Catalog, CatalogEntity
from .resolve import Hit, infer_region, resolve, weighed
from .shorthand import resolve_shorthand
from .symbols import find_symbols

_LEGAL_AFTER = re.compile(LEGAL_SUFFIX.pattern)


@dataclass
class _Found:
    entity: CatalogEntity
    hits: list[Hit] = field(default_factory=list)


def find_entities(text: str, catalog: Catalog, region: str | None,
                  matches: list[tuple[int, int, int]] | None = None,
                  title_end: int = 0) -> list[Entity]:
    """Entities of a text; `matches` is the catalog's name scan of it, when already done.

    With `title_end`, the text is an article's title, two newlines and its body: mentions
    before that point are in the title field, and those after index the body alone."""
    if matches is None:
        matches = catalog.names.scan(text)
    symbol_hits = _symbol_hits(text, catalog, catalog.names.marks(matches))
    taken = [(h.start, h.end) for h in symbol_hits]
    name_hits = _name_hits(text, catalog, taken, matches)
    hits = resolve(text, catalog, catalog.evidence, region, symbol_hits, name_hits)
    if " CORP" in text or " LTD" in text or " INC" in text or " LIMITED" in text:
        hits += _capitals_with_legal_form(text, catalog, hits)
    region = region or infer_region(catalog, {h.entity for h in hits})
    hits += resolve_shorthand(text, catalog, hits, region)
    if catalog.suppressed:
        hits = [h for h in hits if not _suppressed(catalog, h, text)]
    found: dict[str, _Found] = {}
    hits.sort(key=lambda h: h.start)
    for h in hits:
        entry = found.get(h.entity)
        if entry is None:
            entry = found[h.entity] = _Found(catalog.entities[h.entity])
        entry.hits.append(h)
    return [_entity(f, catalog, region, text, title_end) for f in found.values()]


# "RADIANT OPTO-ELECTRONICS CORP.", as exchange notices and broker tables write names: words
# in capitals before a legal form in capitals.
_CAPITALS_LEGAL = re.compile(r"(?<![\w&.-])((?:[A-Z][A-Z0-9&'’.\-]*[ \t]+){0,5}[A-Z][A-Z0-9&'’\-]*)"
                             r",?[ \t]+(?:CORP(?:ORATION)?|LTD|LIMITED|INC|CO\.?,?[ \t]+LTD)"
                             r"(?![\w])\.?")


def _capitals_with_legal_form(text: str, catalog: Catalog, hits: list[Hit]) -> list[Hit]:
    """A name written in capitals with its legal form in capitals is the company whose
    distinctive name it is, whatever its case: the legal form says it is a company."""
    taken = [(h.start, h.end) for h in hits]
    found = []
    for m in _CAPITALS_LEGAL.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        words = m.group(1).split()
        for k in range(len(words)):  # the longest known name ending the run of capitals
            eid = catalog.names.distinctive(" ".join(words[k:]))
            if eid is not None:
                start = m.start(1) + m.group(1).find(words[k])
                found.append(Hit(start, m.end(), eid, "alias", alias=" ".join(words[k:]),
                                 legal=True))
                break
    return found


def weighed_names(text: str, catalog: Catalog) -> list[tuple[Hit, list[float]]]:
    """The names of a text that need context, each reading with its evidence (for fitting the
    evidence model: scripts/fit_evidence.py)."""
    matches = catalog.names.scan(text)
    region = catalog.names.region(matches)
    symbol_hits = _symbol_hits(text, catalog, catalog.names.marks(matches))
    name_hits = _name_hits(text, catalog, [(h.start, h.end) for h in symbol_hits], matches)
    return weighed(text, catalog, region, symbol_hits, name_hits)


def _suppressed(catalog: Catalog, hit: Hit, text: str) -> bool:
    """A user's override removes this tag: the whole entity, the alias, or the words as they
    appear (what the window shows and writes)."""
    gone = catalog.suppressed
    return bool(gone) and ((hit.entity, "*") in gone or (hit.entity, hit.alias) in gone
                           or (hit.entity, text[hit.start:hit.end]) in gone)


def _symbol_hits(text: str, catalog: Catalog, marks: dict[str, list[int]]) -> list[Hit]:
    found: list[Hit] = []
    reach = -1  # hits come sorted by start: one that begins before this end overlaps
    for sh in sorted(find_symbols(text, marks), key=lambda h: (h.start, -(h.end - h.start))):
        if sh.start < reach:
            continue
        listing = next((c for c in sh.candidates if c.upper() in catalog.symbols), None)
        entity = catalog.entity_for_symbol(listing) if listing else None
        if entity is None and sh.base and sh.suffix:
            for eid in catalog.by_base.get(sh.base, []):  # "$baba.hk": Alibaba's HK line
                listing = catalog.listing_on(catalog.entities[eid], sh.suffix)
                if listing:
                    entity = catalog.entities[eid]
                    break
        if entity is None or listing is None:
            continue
        reach = max(reach, sh.end)
        found.append(Hit(sh.start, sh.end, entity.id, "symbol",
                         listing=_canonical(entity, listing)))
    return found


def _canonical(entity: CatalogEntity, listing: str) -> str:
    return next((s for s in entity.listings if s.upper() == listing.upper()), listing)


def _name_hits(text: str, catalog: Catalog, taken: list[tuple[int, int]],
               matches: list[tuple[int, int, int]]) -> list[Hit]:
    """Names and aliases on word boundaries, longest first, none inside another or a symbol."""
    names = catalog.names
    name_count, size = names.name_count, len(text)
    candidates: list[tuple[int, int, int, int]] = []  # (-length, start, end, pattern index)
    for index, start, end in matches:
        if index >= name_count:
            continue  # a region cue or a symbol trigger, not a name
        if start and (text[start - 1].isalnum() or text[start - 1] in "_$@#&"):
            continue
        if end < size and text[end].isalnum():
            continue
        candidates.append((start - end, start, end, index))
    candidates.sort()
    chosen: list[Hit] = []
    occupied = bytearray(size + 1)  # 1 where a longer name or a symbol already is
    for s, e in taken:
        occupied[s:e] = b"\x01" * (e - s)
    patterns, owners_of = names.patterns, names.owners
    for length, start, end, index in candidates:
        if occupied.find(1, start, end) != -1:
            continue
        occupied[start:end] = b"\x01" * -length
        legal_end = _legal_suffix_end(text, end)
        alias = patterns[index]
        for owner in owners_of[index]:
            eid = owner[2:]
            kind = "alias" if owner[0] == "a" else "ambiguous"
            chosen.append(Hit(start, legal_end or end, eid, kind, alias=alias,
                               legal=legal_end is not None))
    return chosen


def _legal_suffix_end(text: str, end: int) -> int | None:
    # Every legal form starts with a capital, "&", "(" or "plc"/"and" after a space or ", ":
    # most names are followed by none of these, and the full pattern is costly.
    after = text[end:end + 3]
    if after[:1] == " ":
        first = after[1:2]
    elif after[:2] == ", ":
        first = after[2:3]
    else:
        return None
    if not first or not (first.isupper() or first in "&(pa"):
        return None
    m = _LEGAL_AFTER.match(text, end)
    if not m or m.end() == end:
        return None
    return m.end()


def _entity(found: _Found, catalog: Catalog, region: str | None, text: str,
            title_end: int) -> Entity:
    e = found.entity
    listings = list(e.listings)
    if e.type == "product" and e.owner and e.owner in catalog.entities:
        owner = catalog.entities[e.owner]
        listings = list(owner.listings) if owner.type != "private" else []
    if e.type == "private":
        listings = []
    primary = _primary(e, listings, found.hits, region)
    if primary and primary in listings:
        listings.remove(primary)
        listings.insert(0, primary)
    mentions = tuple(
        Mention(h.start, h.end, text[h.start:h.end], _why(h), "title") if h.start < title_end
        else Mention(h.start - title_end, h.end - title_end, text[h.start:h.end], _why(h))
        for h in found.hits
    ) if title_end else tuple(Mention(h.start, h.end, text[h.start:h.end], _why(h))
                              for h in found.hits)
    return Entity(id=e.id, name=e.name, type=e.type, listings=tuple(listings),
                  mentions=mentions)


def _why(hit: Hit) -> str:
    if hit.kind == "symbol":
        return "symbol"
    if hit.kind == "alias in context":
        return "alias in context"
    return "name" if hit.legal else "alias"


REGION_SUFFIXES = {
    "HK": (".HK",), "CN": (".SS", ".SZ"), "JP": (".T",), "UK": (".L",), "KR": (".KS", ".KQ"),
    "TW": (".TW", ".TWO"), "IN": (".NS", ".BO"), "EU": (".DE", ".PA", ".AS", ".SW", ".MC",
                                                      ".MI", ".CO", ".ST", ".HE", ".BR"),
    "AU": (".AX", ".NZ"), "CA": (".TO", ".V"), "SG": (".SI",), "BR": (".SA",),
}


def _primary(e: CatalogEntity, listings: list[str], hits: list[Hit],
             region: str | None) -> str | None:
    written = [h.listing for h in hits if h.listing]
    if written:
        return max(set(written), key=lambda s: (written.count(s), -written.index(s)))
    if not region or len(listings) < 2:
        return None
    if region in e.region_listings:
        return e.region_listings[region]
    if region == "US":
        return next((s for s in listings if "." not in s and not s.startswith("^")), None)
    suffixes = REGION_SUFFIXES.get(region, ())
    return next((s for s in listings if s.upper().endswith(suffixes)), None)
