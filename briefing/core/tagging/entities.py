"""Entities in a text: explicit symbols, then names and aliases, then ambiguity resolved.

Names are found by one Aho-Corasick pass (linear in the text), kept only on word boundaries,
longest first. A name that is also a common word, a place or a person's name (Meta, Shell,
Snap, Amazon…) counts only when the article corroborates it — a legal name, a symbol or
another name of the same company elsewhere — or its own sentence reads like company news;
then one sense holds for the whole article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Entity, Mention
from .catalog import LEGAL_SUFFIX, Catalog, CatalogEntity
from .symbols import find_symbols

_LEGAL_AFTER = re.compile(LEGAL_SUFFIX.pattern)
_COMPANY_CUES = frozenset("""
shares share stock stocks shareholders shareholder investors earnings revenue revenues profit
profits sales quarter quarterly ceo cfo chief executive executives analysts analyst valuation
listed listing ipo buyback dividend dividends guidance outlook results rival rivals peers
acquisition acquire acquired deal merger users subscribers platform platforms app apps brand
customers customer contract contracts unit subsidiary owner owned parent company's firm's
layoffs hiring ads advertising advertisers cloud chips chip devices products product launched
nasdaq nyse market cap capitalisation capitalization inc corp ltd plc
""".split())
_NEGATIVE_AFTER = frozenset("""
election elections poll polls vote judgment judgement decision analysis analyses review
rainforest rainforests river basin forest jungle region application applications waiver company
companies corporation corporations entity entities game games fruit juice
""".split())
_GIVEN_NAMES = frozenset("""
Harrison Tom Henry Gerald Betty Michael Mike John Jane Mary James Robert David William Richard
Joseph Thomas Charles Chris Christopher Daniel Matthew Anthony Mark Donald Steven Paul Andrew
Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas
Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Frank Gregory Raymond Patrick
Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Zachary Douglas Peter Kyle Noah Ethan
Jeremy Walter Christian Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence
Jordan Jesse Bryan Billy Bruce Gabriel Joe Logan Alan Juan Albert Willie Elijah Wayne Randy
Vincent Eugene Russell Bobby Philip Johnny Patricia Jennifer Linda Elizabeth Barbara Susan
Jessica Sarah Karen Lisa Nancy Sandra Ashley Emily Donna Michelle Carol Amanda Melissa Deborah
Stephanie Rebecca Sharon Laura Cynthia Dorothy Amy Kathleen Angela Shirley Emma Brenda Pamela
Nicole Anna Samantha Katherine Christine Debra Rachel Carolyn Janet Maria Olivia Heather Helen
Catherine Diane Julie Victoria Joyce Lauren Kelly Christina Ruth Joan Virginia Judith Evelyn
Hannah Andrea Megan Cheryl Jacqueline Madison Teresa Abigail Sophia Martha Sara Gloria Janice
Kathryn Ann Isabella Judy Charlotte Julia Grace Amber Alice Jean Denise Frances Danielle Marilyn
Natalie Beverly Diana Brittany Theresa Kayla Alexis Doris Lori Tiffany Wei Li Ming Hui Jun Yan
Hiroshi Takeshi Kenji Yuki Akira Min Ji Hyun Raj Amit Priya Rahul Anil Sunil Vijay
""".split())


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    entity: str
    kind: str  # symbol, name, alias, ambiguous
    listing: str | None = None  # the listing an explicit symbol names
    alias: str = ""
    legal: bool = False


@dataclass
class _Found:
    entity: CatalogEntity
    hits: list[_Hit] = field(default_factory=list)


def find_entities(text: str, catalog: Catalog, region: str | None,
                  matches: list[tuple[int, int, int]] | None = None,
                  title_end: int = 0) -> list[Entity]:
    """Entities of a text; `matches` is the catalog's name scan of it, when already done.

    With `title_end`, the text is an article's title, two newlines and its body: mentions
    before that point are in the title field, and those after index the body alone."""
    if matches is None:
        matches = catalog.names.scan(text)
    symbol_hits = list(_symbol_hits(text, catalog, catalog.names.marks(matches)))
    taken = [(h.start, h.end) for h in symbol_hits]
    name_hits = _name_hits(text, catalog, taken, matches)
    hits = _resolve_ambiguity(text, catalog, symbol_hits, name_hits)
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


def _suppressed(catalog: Catalog, hit: _Hit, text: str) -> bool:
    """A user's override removes this tag: the whole entity, the alias, or the words as they
    appear (what the window shows and writes)."""
    gone = catalog.suppressed
    return bool(gone) and ((hit.entity, "*") in gone or (hit.entity, hit.alias) in gone
                           or (hit.entity, text[hit.start:hit.end]) in gone)


def _symbol_hits(text: str, catalog: Catalog, marks: dict[str, list[int]]) -> Iterable[_Hit]:
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
        yield _Hit(sh.start, sh.end, entity.id, "symbol", listing=_canonical(entity, listing))


def _canonical(entity: CatalogEntity, listing: str) -> str:
    return next((s for s in entity.listings if s.upper() == listing.upper()), listing)


def _name_hits(text: str, catalog: Catalog, taken: list[tuple[int, int]],
               matches: list[tuple[int, int, int]]) -> list[_Hit]:
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
    chosen: list[_Hit] = []
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
        for eid, kind in owners_of[index]:
            chosen.append(_Hit(start, legal_end or end, eid, kind, alias=alias,
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


def _resolve_ambiguity(
    text: str, catalog: Catalog, symbols: list[_Hit], names: list[_Hit]
) -> list[_Hit]:
    strong = {h.entity for h in symbols}
    strong |= {h.entity for h in names if h.kind != "ambiguous" or h.legal}
    by_span: dict[tuple[int, int], list[_Hit]] = {}
    for h in names:
        by_span.setdefault((h.start, h.end), []).append(h)
    kept: list[_Hit] = list(symbols)
    in_context: set[str] = set()
    pending: list[_Hit] = []
    for (start, end), options in sorted(by_span.items()):
        if _looks_like_person(text, start, end, options[0].alias):
            continue
        if len(options) == 1 and (options[0].kind != "ambiguous" or options[0].legal):
            kept.append(options[0])  # the common case: one clear owner
            continue
        clear = [h for h in options if h.kind != "ambiguous" or h.legal]
        if len(clear) == 1 or (clear and len({h.entity for h in clear}) == 1):
            kept.append(clear[0])
            continue
        pick = [h for h in options if h.entity in strong]
        if len(pick) >= 1:
            chosen = pick[0]
            if chosen.kind == "ambiguous":
                if _negative_context(text, start, end):
                    continue
                chosen.kind = "alias in context"
            kept.append(chosen)
            continue
        pending.append(_by_type(options, text, start, catalog))
    for h in pending:  # ambiguous and uncorroborated: its own sentence must read as company news
        if not _negative_context(text, h.start, h.end) and _company_context(text, h.start, h.end):
            in_context.add(h.entity)
    for h in pending:
        if h.entity in in_context and not _negative_context(text, h.start, h.end):
            h.kind = "alias in context"
            kept.append(h)
    return kept


def _by_type(options: list[_Hit], text: str, start: int, catalog: Catalog) -> _Hit:
    """Two entities share an ambiguous alias ("the Dow"): "the" before it suggests an index."""
    if text[max(0, start - 4):start].lower() == "the ":
        indexes = [o for o in options if catalog.entities[o.entity].type == "index"]
        if indexes:
            return indexes[0]
    return options[0]


def _words_around(text: str, start: int, end: int, span: int = 8) -> list[str]:
    """Words on either side within the same sentence."""
    lo = max(0, start - 80)
    left_text = re.split(r"[.!?]\s|\n", text[lo:start])[-1]
    right_text = re.split(r"[.!?]\s|\n", text[end:end + 80])[0]
    left = re.findall(r"[A-Za-z’']+", left_text)[-span:]
    right = re.findall(r"[A-Za-z’']+", right_text)[:span]
    return [w.lower().rstrip("’'s") if w.endswith(("’s", "'s")) else w.lower()
            for w in left + right]


def _company_context(text: str, start: int, end: int) -> bool:
    if text[end:end + 2] in ("’s", "'s") and _COMPANY_CUES & set(_words_around(text, start, end)):
        return True
    return bool(_COMPANY_CUES & set(_words_around(text, start, end)))


_PROPER_BEFORE = re.compile(r"([A-Z][\w&'’.-]*)[ \t]+$")


def _negative_context(text: str, start: int, end: int) -> bool:
    if end < len(text) and text[end] == "-" and end + 1 < len(text) and text[end + 1].islower():
        return True  # "Meta-analysis", "Snap-judgement"
    prev_word = _PROPER_BEFORE.search(text, max(0, start - 40), start)
    if prev_word and not _sentence_start(text, prev_word.start()):
        return True  # the tail of another name: "Crescent Peak Partners", "Harbour Square"
    nxt = re.match(r"\s+([A-Za-z]+)", text[end:end + 30])
    if nxt and nxt.group(1).lower() in _NEGATIVE_AFTER:
        return True
    prev = re.search(r"([A-Za-z]+)\s+$", text[max(0, start - 30):start])
    return bool(prev and prev.group(1).lower() in ("a", "an") and nxt and nxt.group(1).islower())


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" \t")
    return not before or before[-1] in ".!?\n“\"(:"


def _looks_like_person(text: str, start: int, end: int, alias: str) -> bool:
    """'Harrison Ford', 'Michael Dell': a given name right before a one-word alias."""
    if " " in alias or start < 3 or not text[start - 1].isspace():
        return False
    gap = start - 1
    word_start = max(text.rfind(" ", max(0, gap - 16), gap),
                     text.rfind("\n", max(0, gap - 16), gap)) + 1
    return text[word_start:gap] in _GIVEN_NAMES


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


def _why(hit: _Hit) -> str:
    if hit.kind == "symbol":
        return "symbol"
    if hit.kind == "alias in context":
        return "alias in context"
    return "name" if hit.legal else "alias"


REGION_SUFFIXES = {
    "HK": (".HK",), "CN": (".SS", ".SZ"), "JP": (".T",), "UK": (".L",), "KR": (".KS", ".KQ"),
    "TW": (".TW", ".TWO"), "IN": (".NS", ".BO"), "EU": (".DE", ".PA", ".AS", ".SW", ".MC",
                                                      ".MI", ".CO", ".ST", ".HE", ".BR"),
}


def _primary(e: CatalogEntity, listings: list[str], hits: list[_Hit],
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
