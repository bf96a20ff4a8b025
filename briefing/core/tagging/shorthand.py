"""The market's shorthand that only its context resolves.

- "the benchmark" (or "the gauge") after an index was named is that index again: the
  mention is added to the index named last before it.
- A ticker written once after its company's name ("Commercial Metals (CMC)") stands for the
  company when the text uses it again on its own ("CMC jumped 4%").
- A US ticker written bare, as some outlets write their stock columns ("PANW stock",
  "TSLA 1.8%"), when its shape and its company make it likely: a large company's ticker of
  three letters or more, a company the text names anyway, or one of several such tickers.
- A market wrap's sector moves ("led by utilities, up 1.8%, while energy lost 0.9%") are the
  S&P 500 sector indexes, when the sentence is about sectors and the text names the S&P 500.
- "The Tech Index" in a text that names the Hang Seng is the Hang Seng Tech Index.
- In a text about the ASX, codes of capitals followed by their moves ("NAB eased back 1.0%,
  SUN down 2.2%") are the companies the ASX lists under them.

Both run only when their words are in the text, after the names have been resolved.
"""

from __future__ import annotations

import bisect
import re

from .catalog import Catalog
from .resolve import Hit

_BACK = re.compile(r"\b[Tt]he (?:(?:broader|main|blue-chip|benchmark|key|wider) )?"
                   r"(benchmark|gauge)\b")
BACK_REACH = 800  # characters: "the benchmark" points back this far at most
SECTORS = {
    "energy": "^SP500-10", "materials": "^SP500-15", "industrials": "^SP500-20",
    "consumer discretionary": "^SP500-25", "consumer staples": "^SP500-30",
    "health care": "^SP500-35", "healthcare": "^SP500-35", "financials": "^SP500-40",
    "information technology": "^SP500-45", "technology": "^SP500-45", "tech": "^SP500-45",
    "communication services": "^SP500-50", "communications services": "^SP500-50",
    "utilities": "^SP500-55", "real estate": "^SP500-60",
}
_SECTOR = re.compile(r"\b(" + "|".join(sorted(SECTORS, key=len, reverse=True)) + r")\b",
                     re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
_MOVE_AFTER = re.compile(r"\s+(?:sector|index)\b|"
                         r"(?:\s*(?:,|\(|\bwas\b|\bwere\b))?\s*(?:up|down|rose|fell|gained|"
                         r"lost|added|dropped|slipped|climbed|jumped|declined|advanced|eased|"
                         r"slid|sank|rallied|[-+]?\d)", re.IGNORECASE)


def resolve_shorthand(text: str, catalog: Catalog, hits: list[Hit],
                      region: str | None = None) -> list[Hit]:
    """More hits for the shorthand of this text (none when it has none)."""
    extra: list[Hit] = _tickers_again(text, hits)
    extra += _bare_tickers(text, catalog, hits + extra)
    if region == "AU" and "%" in text:
        extra += _asx_codes(text, catalog, hits + extra)
    if "benchmark" in text or "gauge" in text:
        extra += _benchmarks(text, catalog, hits)
    if "sector" in text or "Sector" in text:
        extra += _sectors(text, catalog, hits)
    if "Tech Index" in text and "Hang Seng" in text:
        extra += _tech_index(text, catalog, hits)
    return extra


def _tech_index(text: str, catalog: Catalog, hits: list[Hit]) -> list[Hit]:
    """"The Tech Index fell 2.4%" in a Hong Kong report that names the Hang Seng: the Hang
    Seng Tech Index, as Hong Kong's own press shortens it. (Found with str.find: a pattern
    over the whole text cost a tenth of the tagging of a long story.)"""
    eid = catalog.symbols.get("HSTECH.HK")
    if eid is None:
        return []
    taken = sorted((h.start, h.end) for h in hits)
    found = []
    at = text.find("Tech Index")
    while at >= 0:
        end = at + 10
        if text[max(0, at - 4):at] in ("The ", "the ") and (at < 5 or not text[at - 5].isalnum()) \
                and not text[end:end + 1].isalnum() and not _covered(taken, at, end):
            found.append(Hit(at, end, eid, "alias in context", alias="Tech Index"))
        at = text.find("Tech Index", end)
    return found


_ASX_CODE = re.compile(r"(?<![\w$@#.:(/&-])([A-Z][A-Z0-9]{1,3})(?![\w&])")
_MOVE_SOON = re.compile(r"[^.;\n%]{0,24}?\d(?:\.\d+)?%")


def _asx_codes(text: str, catalog: Catalog, hits: list[Hit]) -> list[Hit]:
    """"NAB eased back 1.0%, SUN down 2.2% and MFG fell 4.3%": Australian market notes write
    companies by their ASX codes. In a text about the ASX, a code of capitals that the ASX
    lists, followed by its move, is that company, when the text writes several so."""
    found = []
    for m in _ASX_CODE.finditer(text):
        eid = catalog.symbols.get(m.group(1) + ".AX")
        if eid is not None and _MOVE_SOON.match(text, m.end()):
            found.append((m.start(1), m.end(1), eid, m.group(1) + ".AX"))
    if len(found) < 2:
        return []
    taken = sorted((h.start, h.end) for h in hits)
    return [Hit(start, end, eid, "symbol", listing=next(
                (s for s in catalog.entities[eid].listings if s.upper() == listing), listing))
            for start, end, eid, listing in found if not _covered(taken, start, end)]


def _tickers_again(text: str, hits: list[Hit]) -> list[Hit]:
    """Bare repeats of a ticker the text gave in full: three letters or more, as a word."""
    written: dict[str, Hit] = {}
    for h in hits:
        token = text[h.start:h.end]
        if h.kind == "symbol" and h.listing and len(token) >= 3 and token.isalpha() and (
                token.isupper()):
            written.setdefault(token, h)
    if not written:
        return []
    taken = sorted((h.start, h.end) for h in hits)
    found = []
    for token, first in written.items():
        at = text.find(token)
        while at >= 0:
            end = at + len(token)
            if _alone(text, at, end) and not _covered(taken, at, end):
                found.append(Hit(at, end, first.entity, "symbol", listing=first.listing))
            at = text.find(token, end)
    return found


def _bare_tickers(text: str, catalog: Catalog, hits: list[Hit]) -> list[Hit]:
    """"ANET stock", "GOOGL's shares", "TSLA 1.8%": a US ticker alone before the word stock
    or shares, or before its move in a text that writes tickers so. Short or small
    companies' tickers are words as often ("IT shares", "AI stock", "IPO shares"): they
    count only where the text names the company, or writes several tickers so."""
    found: list[tuple[int, int, str, str]] = []
    for word in (" stock", " shares"):
        at = text.find(word)
        while at >= 0:
            end = at - 2 if text[at - 2:at] in ("'s", "’s") else at
            _bare_before(text, catalog, end, found)
            at = text.find(word, at + 6)
    at = text.find("%") if found else -1  # "TSLA 1.8%" only beside "GOOGL stock"
    while at >= 0:
        i = at
        while i > 0 and (text[i - 1].isdigit() or text[i - 1] in ".,"):
            i -= 1
        if i > 1 and text[i - 1] in "+-−":
            i -= 1
        if i < at and i > 1 and text[i - 1] == " ":
            _bare_before(text, catalog, i - 1, found)
        at = text.find("%", at + 1)
    if not found:
        return []
    accepted = {h.entity for h in hits}
    several = len({token for _, _, token, _ in found if len(token) >= 3}) >= 2
    taken = sorted((h.start, h.end) for h in hits)
    out = []
    for start, end, token, eid in found:
        entity = catalog.entities[eid]
        likely = eid in accepted or (len(token) >= 3 and (
            several or (entity.type == "company" and entity.size is not None
                        and entity.size <= 2)))
        if likely and not _covered(taken, start, end):
            out.append(Hit(start, end, eid, "symbol", listing=token))
    return out


def _bare_before(text: str, catalog: Catalog, end: int,
                 found: list[tuple[int, int, str, str]]) -> None:
    """The ticker of capitals that ends at `end`, if the catalog lists it, in running text."""
    start = end
    while start > 0 and end - start < 6 and "A" <= text[start - 1] <= "Z":
        start -= 1
    if not 2 <= end - start <= 5 or (start and (text[start - 1].isalnum()
                                                 or text[start - 1] in "$@#.:(/&-")):
        return
    if not any(c.islower() for c in text[max(0, start - 40):start] + text[end:end + 40]):
        return  # a line of capitals: a heading, not a stock column
    token = text[start:end]
    eid = catalog.symbols.get(token)
    if eid is not None and catalog.entities[eid].type in ("company", "fund"):
        found.append((start, end, token, eid))


def _alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "$@#.-") and not (after.isalnum() or after in "-")


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    at = bisect.bisect_right(spans, (start, end))
    return any(s < end and start < e for s, e in spans[max(0, at - 2):at + 1])


def _benchmarks(text: str, catalog: Catalog, hits: list[Hit]) -> list[Hit]:
    indexes = sorted((h for h in hits if catalog.entities[h.entity].type == "index"),
                     key=lambda h: h.start)
    if not indexes:
        return []
    found = []
    for m in _BACK.finditer(text, indexes[0].end):
        named = [h for h in indexes if h.end <= m.start() and m.start() - h.end <= BACK_REACH]
        if named:
            found.append(Hit(m.start(1), m.end(1), named[-1].entity, "alias in context",
                             alias=m.group(1)))
    return found


def _sectors(text: str, catalog: Catalog, hits: list[Hit]) -> list[Hit]:
    """Sector words that move, in sentences about sectors, in a text about the S&P 500."""
    sp500 = catalog.symbols.get("^GSPC")
    if not any(h.entity == sp500 for h in hits) and "S&P 500" not in text:
        return []
    if "S&P/TSX" in text or "S&P/ASX" in text:
        return []  # a Toronto or Sydney wrap: its sectors are its own index's
    taken = [(h.start, h.end) for h in hits]
    found = []
    for start, end in _sector_sentences(text):
        for m in _SECTOR.finditer(text, start, end):
            eid = catalog.symbols.get(SECTORS[m.group(1).lower()])
            if eid is None or any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if _MOVE_AFTER.match(text, m.end()) or _led_by(text, m.start()):
                found.append(Hit(m.start(), m.end(), eid, "alias in context",
                                 alias=m.group(1)))
    return found


def _sector_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence with "sector" or "sectors" in it, once each."""
    spans: list[tuple[int, int]] = []
    lowered = text.lower()
    at = lowered.find("sector")
    while at >= 0:
        if not spans or at >= spans[-1][1]:
            lo = max(0, at - 400)
            start = max(text.rfind(". ", lo, at) + 2, text.rfind("\n", lo, at) + 1, lo)
            stop = _SENTENCE_END.search(text, at)
            spans.append((start, stop.start() if stop else len(text)))
        at = lowered.find("sector", at + 6)
    return spans


def _led_by(text: str, start: int) -> bool:
    """"led by utilities", "followed by energy": a ranking of sector moves."""
    before = text[max(0, start - 16):start].lower()
    return before.endswith(("led by ", "followed by ", "and ", ", "))
