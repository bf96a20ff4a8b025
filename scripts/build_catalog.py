#!/usr/bin/env python3
"""Build resources/catalog/catalog.json: the ticker catalog the tagging engine loads.

Inputs
  resources/catalog/curated.toml               the project's curated entities (they win)
  <data>/sec_company_tickers_exchange.json     US listings (U.S. SEC, public domain)
  <data>/financedatabase_equities_intl.csv     international listings (FinanceDatabase, MIT)
  <data>/pytickersymbols_stocks.yaml           index members, alternative names (MIT)
  <data>/index_aliases.csv                     index names (compiled for this project)
  scripts/data/nse-equity-list.csv             every equity on the NSE (its EQUITY_L list)
  scripts/data/krx-equity-list.csv             KOSPI and KOSDAQ shares with English names
  wordfreq, gender-guesser (packages)          how common a word is; first names

<data> is ../shared/data/tickers beside the repository unless --data says otherwise.

What is built
  * every curated entity, as written;
  * every other US issuer in the SEC file: one entity per CIK with all its tickers, named as
    the company writes itself (pytickersymbols by symbol, FinanceDatabase's lines of US
    companies abroad by name) or else from the SEC's conformed name ("HORTON D R INC" ->
    "D.R. Horton Inc.");
  * every home line in FinanceDatabase, merged with its US line when the SEC file has the same
    company (an ADR, an OTC line, a Canadian interlisted share);
  * index members in pytickersymbols get their names and alternative names as aliases;
  * lines of companies whose home market is elsewhere (London's international order book,
    Brazilian depositary receipts) stay symbol-only: the engine finds them only in explicit
    forms ($XYZ, "(NYSE: XYZ)", 1234.HK...).
  Every named entity is matched by its name without legal suffix: as an alias when that is
  distinctive (catalog_names.Words.distinctive), else as an ambiguous alias that the engine
  tags only when the context says it is the company (briefing/core/tagging/evidence.py).
  Entities carry their size class (FinanceDatabase's cap class, or the SEC rank), and the
  catalog how common each name is as English (wordfreq), both evidence for the engine.

Output: one compact JSON object, keys sorted, the same bytes for the same inputs.
Every entity has id, name, type, country and listings; the optional keys aliases,
ambiguous_aliases, owner, parent, region_listings and size are written only when set
(readers default them to [], [], null, null, {} and null), which keeps the file small.

Needs PyYAML, wordfreq and gender-guesser at build time: pip install -e '.[catalog]'.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from catalog_names import (  # noqa: E402 - the scripts directory is not a package
    DESCRIPTOR_WORDS,
    ORG_WORDS,
    Words,
    bag_key,
    conformed,
    fold,
    key,
    name_forms,
    pretty_name,
)

from briefing.core.tagging.catalog import name_table  # noqa: E402 - the engine's own reading

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "tickers"
DEFAULT_CURATED = REPO / "resources" / "catalog" / "curated.toml"
DEFAULT_OUT = REPO / "resources" / "catalog" / "catalog.json"

SEC_FILE = "sec_company_tickers_exchange.json"
FD_FILE = "financedatabase_equities_intl.csv"
# The NSE's own list of the equities it trades (EQUITY_L.csv, October 2025): FinanceDatabase
# lacks a tenth of them, among them companies Indian market reports name every day.
NSE_FILE = REPO / "scripts" / "data" / "nse-equity-list.csv"
# KOSPI and KOSDAQ shares with their English names (May 2024): KOSPI whole, KOSDAQ's largest
# thousand; FinanceDatabase lacks a fifth of them.
KRX_FILE = REPO / "scripts" / "data" / "krx-equity-list.csv"
PTS_FILE = "pytickersymbols_stocks.yaml"
INDEX_FILE = "index_aliases.csv"

TYPES = ("company", "index", "fund", "private", "product")
OPTIONAL = {"aliases": [], "ambiguous_aliases": [], "owner": None, "parent": None,
            "region_listings": {}, "size": None}
SYMBOL_RE = re.compile(r"^\^?[A-Z0-9][A-Z0-9.&=\-]*$")

# Yahoo suffix -> market (ISO 3166 alpha-2). A plain symbol is a US line.
SUFFIX_MARKET = {
    "HK": "HK", "SS": "CN", "SZ": "CN", "T": "JP", "KS": "KR", "KQ": "KR", "TW": "TW",
    "TWO": "TW", "NS": "IN", "BO": "IN", "L": "GB", "DE": "DE", "F": "DE", "PA": "FR",
    "AS": "NL", "BR": "BE", "MI": "IT", "MC": "ES", "LS": "PT", "ST": "SE", "CO": "DK",
    "HE": "FI", "OL": "NO", "SW": "CH", "VX": "CH", "JO": "ZA", "TO": "CA", "V": "CA",
    "SA": "BR", "AX": "AU", "SI": "SG", "IR": "IE", "SR": "SA", "VI": "AT", "WA": "PL",
    "ME": "RU", "BK": "TH", "JK": "ID", "KL": "MY", "NZ": "NZ", "MX": "MX", "TA": "IL",
}

# FinanceDatabase exchange -> (its market, the countries whose companies have their home
# line there). Other rows are foreign lines: LSE international order book lines, Frankfurt
# quotes of US shares, Brazilian depositary receipts...
FD_EXCHANGES = {
    "HKG": ("HK", {"HK", "CN", "MO"}), "JPX": ("JP", {"JP"}), "SHH": ("CN", {"CN"}),
    "SHZ": ("CN", {"CN"}), "KSC": ("KR", {"KR"}), "KOE": ("KR", {"KR"}),
    "TAI": ("TW", {"TW"}), "TWO": ("TW", {"TW"}), "SES": ("SG", {"SG"}),
    "NSE": ("IN", {"IN"}), "ASX": ("AU", {"AU", "NZ"}),
    "LSE": ("GB", {"GB", "JE", "GG", "IM"}), "GER": ("DE", {"DE"}), "PAR": ("FR", {"FR"}),
    "AMS": ("NL", {"NL"}), "BRU": ("BE", {"BE"}), "MIL": ("IT", {"IT"}),
    "MCE": ("ES", {"ES"}), "LIS": ("PT", {"PT"}), "STO": ("SE", {"SE"}),
    "CPH": ("DK", {"DK"}), "HEL": ("FI", {"FI"}), "OSL": ("NO", {"NO"}),
    "EBS": ("CH", {"CH"}), "JNB": ("ZA", {"ZA"}), "TOR": ("CA", {"CA"}),
    "SAO": ("BR", {"BR"}),
}
# When a company has several lines in the data, they are listed in this order.
FD_EXCHANGE_ORDER = [
    "HKG", "SHH", "SHZ", "JPX", "KSC", "KOE", "TAI", "TWO", "NSE", "LSE", "PAR", "GER",
    "AMS", "BRU", "MIL", "MCE", "LIS", "STO", "CPH", "HEL", "OSL", "EBS", "TOR", "ASX",
    "SES", "JNB", "SAO",
]
# Where a company incorporated offshore (Jersey, Cayman, Bermuda ...) has its only listing
# in the data: Ferrexpo in London, a Cayman company in Taipei. Exchanges that mostly carry
# other markets' shares (Xetra, Milan, Madrid's Latibex, SIX's ISIN lines) are left out.
OFFSHORE = frozenset("KY BM VG JE GG IM CY MT LU GI BS CW LI MH PA MU".split())
PRIMARY_VENUES = frozenset("LSE HKG TAI TWO SES OSL STO CPH HEL ASX TOR AMS PAR BRU".split())
# Markets that list their own companies only (A shares, India's NSE): a line
# there is home whatever country the data gives ("Mongolia" for an Inner Mongolian miner).
DOMESTIC_ONLY = frozenset("SHH SHZ NSE".split())
ISIN_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{9}[0-9]$")
CAP_RANK = {"Mega Cap": 0, "Large Cap": 1, "Mid Cap": 2, "Small Cap": 3, "Micro Cap": 4,
            "Nano Cap": 5}

COUNTRY_CODES = {
    "Argentina": "AR", "Australia": "AU", "Austria": "AT", "Belgium": "BE", "Bermuda": "BM",
    "Brazil": "BR", "Canada": "CA", "Cayman Islands": "KY", "Chile": "CL", "China": "CN",
    "Colombia": "CO", "Cyprus": "CY", "Czech Republic": "CZ", "Denmark": "DK", "Egypt": "EG",
    "Finland": "FI", "France": "FR", "Germany": "DE", "Gibraltar": "GI", "Greece": "GR",
    "Guernsey": "GG", "Hong Kong": "HK", "Hungary": "HU", "India": "IN", "Indonesia": "ID",
    "Ireland": "IE", "Isle of Man": "IM", "Israel": "IL", "Italy": "IT", "Japan": "JP",
    "Jersey": "JE", "Jordan": "JO", "Kazakhstan": "KZ", "Luxembourg": "LU", "Macau": "MO",
    "Malaysia": "MY", "Malta": "MT", "Mexico": "MX", "Monaco": "MC", "Mongolia": "MN",
    "Netherlands": "NL", "New Zealand": "NZ", "Norway": "NO", "Panama": "PA", "Peru": "PE",
    "Philippines": "PH", "Poland": "PL", "Portugal": "PT", "Russia": "RU",
    "Russian Federation": "RU", "Saudi Arabia": "SA", "Singapore": "SG",
    "South Africa": "ZA", "South Korea": "KR", "Korea": "KR", "Spain": "ES",
    "Sweden": "SE", "Switzerland": "CH", "Taiwan": "TW", "Thailand": "TH", "Togo": "TG",
    "Turkey": "TR", "Ukraine": "UA", "United Arab Emirates": "AE",
    "United Kingdom": "GB", "United States": "US", "Uruguay": "UY", "Vietnam": "VN",
    "Virgin Islands, British": "VG", "British Virgin Islands": "VG", "Zambia": "ZM",
}

# pytickersymbols country -> Yahoo suffix of the home exchange, to derive the primary line
# the file often lacks (SAP -> SAP.DE, OR -> OR.PA).
PTS_SUFFIX = {
    "Germany": ".DE", "France": ".PA", "Netherlands": ".AS", "Spain": ".MC", "Italy": ".MI",
    "Belgium": ".BR", "Finland": ".HE", "Sweden": ".ST", "Switzerland": ".SW",
    "United Kingdom": ".L", "Denmark": ".CO", "Norway": ".OL",
}

# Legal forms, removed from the end of a name to compare names or to make an alias.
FUND_RE = re.compile(r"\b(?:ETF|ETN|FUND|ISHARES|SPDR|PROSHARES|GRAYSCALE|DIREXION)\b",
                     re.IGNORECASE)
# A legal form no US company has: the filer is a foreign company, and its US line is an ADR
# or an ordinary share of the same company as the home line ("EMBRAER S.A.", "SAP SE").
FOREIGN_FORM = re.compile(r"\b(?:S\.?A\.?|N\.?V\.?|AG|SE|S\.?P\.?A\.?|ASA|AB|OYJ|A/S|K\.?K\.?|"
                          r"TBK|BHD|S\.?A\.?B\. DE C\.?V\.?)(?:\s*/\w+/?)?\s*$", re.IGNORECASE)
ISIN_SYMBOL_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{9}\d\.")  # ISIN-shaped pseudo symbols
# Size classes, as FinanceDatabase names them; SEC issuers are placed by their rank in the
# SEC file, which lists them by market value.
SEC_SIZE_RANKS = ((200, 0), (1000, 1), (2500, 2), (4500, 3), (6500, 4))
NOTABLE_SIZE = 1  # large and mega caps: names known well enough to match with less care


# --------------------------------------------------------------------------- symbols


def market_of(symbol: str) -> str | None:
    if symbol.startswith("^") or "=" in symbol:
        return None
    if "." not in symbol:
        return "US"
    return SUFFIX_MARKET.get(symbol.rsplit(".", 1)[1])


def region_listings(listings: list[str]) -> dict[str, str]:
    regions: dict[str, str] = {}
    for symbol in listings:
        market = market_of(symbol)
        if market and market not in regions:
            regions[market] = symbol
    return regions if len(regions) > 1 else {}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# Asian markets code their ordinary shares by number ("2449.TW", "285A.T", "0315.HK"):
# a row of that shape is a company's share even where FinanceDatabase gives it no sector or
# cap class (King Yuan Electronics, Kioxia, SmarTone), unless its name says fund or SPAC.
_PLAIN_SHARE = {
    "JPX": re.compile(r"^[0-9]{3}[0-9A-Z]\.T$"), "TAI": re.compile(r"^[0-9]{4}\.TW$"),
    "TWO": re.compile(r"^[0-9]{4}\.TWO$"), "KSC": re.compile(r"^[0-9]{6}\.KS$"),
    "KOE": re.compile(r"^[0-9]{6}\.KQ$"), "HKG": re.compile(r"^[0-9]{4}\.HK$"),
    "SHH": re.compile(r"^6[08][0-9]{4}\.SS$"), "SHZ": re.compile(r"^(?:00|30)[0-9]{4}\.SZ$"),
}
_NOT_A_SHARE = re.compile(r"\b(?:fund|etf|reit|trust|acquisition|spac|warrants?|[cp]/w)\b",
                          re.IGNORECASE)


def _read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file beside the build script, keys and values stripped (none when the
    file is absent: the catalog is then built without it)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k.strip(): (v or "").strip() for k, v in row.items() if k}
                for row in csv.DictReader(fh)]


def _plain_share(exchange: str, symbol: str, name: str) -> bool:
    shape = _PLAIN_SHARE.get(exchange)
    return bool(shape and shape.match(symbol) and name.strip()
                and not _NOT_A_SHARE.search(name))


# --------------------------------------------------------------------------- entities


@dataclass
class Entity:
    id: str
    name: str
    type: str
    country: str
    listings: list[str]
    aliases: list[str] = field(default_factory=list)
    ambiguous_aliases: list[str] = field(default_factory=list)
    owner: str | None = None
    parent: str | None = None
    region_listings: dict[str, str] = field(default_factory=dict)
    curated: bool = False
    named: bool = False  # may carry aliases taken from the data
    foreign: bool = False  # a line of a company whose home market is elsewhere
    adr: bool = False  # SEC lines that look like a foreign company's (OTC F/Y lines, ADRs)
    size: int | None = None  # 0 mega cap, 1 large, 2 mid, 3 small, 4 micro, 5 nano

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "country": self.country,
                               "listings": self.listings}
        if self.type != "company":
            out["type"] = self.type
        for name in OPTIONAL:
            value = getattr(self, name)
            if value not in (None, [], {}):
                out[name] = value
        return out


class CatalogError(Exception):
    pass


def load_curated(path: Path) -> tuple[list[Entity], dict[str, Any]]:
    """Read and check the curated file; raises CatalogError listing every problem."""
    with path.open("rb") as fh:
        doc = tomllib.load(fh)
    entities: list[Entity] = []
    ids: set[str] = set()
    owners: dict[str, str] = {}
    problems: list[str] = []
    for raw in doc.get("entity", []):
        eid = str(raw.get("id", ""))
        where = f"curated entity {eid or raw.get('name')!r}"
        unknown = set(raw) - {"id", "name", "type", "country", "listings", *OPTIONAL}
        if unknown:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", eid):
            problems.append(f"{where}: the id must be a lower-case slug")
        if eid in ids:
            problems.append(f"{where}: duplicate id")
        ids.add(eid)
        etype = raw.get("type")
        if etype not in TYPES:
            problems.append(f"{where}: type must be one of {', '.join(TYPES)}")
        if not raw.get("name"):
            problems.append(f"{where}: no name")
        if not re.fullmatch(r"[A-Z]{2}", str(raw.get("country", ""))):
            problems.append(f"{where}: country must be an ISO 3166 alpha-2 code")
        listings = list(raw.get("listings", []))
        if etype in ("private", "product") and listings:
            problems.append(f"{where}: a {etype} has no listings of its own")
        for symbol in listings:
            if not SYMBOL_RE.match(symbol):
                problems.append(f"{where}: bad symbol {symbol!r}")
            if symbol in owners:
                problems.append(f"{where}: {symbol} already belongs to {owners[symbol]}")
            owners[symbol] = eid
        aliases = list(dict.fromkeys(raw.get("aliases", [])))
        ambiguous = list(dict.fromkeys(raw.get("ambiguous_aliases", [])))
        both = set(aliases) & set(ambiguous)  # case tells "DAX" (safe) from "Dax" (a name)
        if both:
            problems.append(f"{where}: both safe and ambiguous: {sorted(both)}")
        regions = dict(raw.get("region_listings", {}))
        for region, symbol in regions.items():
            if symbol not in listings:
                problems.append(f"{where}: region_listings {region} = {symbol} is not a "
                                "listing")
        entities.append(Entity(
            id=eid, name=str(raw.get("name", "")), type=str(etype),
            country=str(raw.get("country", "")), listings=listings, aliases=aliases,
            ambiguous_aliases=ambiguous, owner=raw.get("owner"), parent=raw.get("parent"),
            region_listings=regions or region_listings(listings), curated=True, named=True,
            size=_curated_size(raw.get("size"), where, problems)))
    for entity in entities:
        for ref in (entity.owner, entity.parent):
            if ref is not None and ref not in ids:
                problems.append(f"curated entity {entity.id!r}: unknown reference {ref!r}")
        if entity.type == "product" and not entity.owner:
            problems.append(f"curated entity {entity.id!r}: a product needs an owner")
    if problems:
        raise CatalogError("\n".join(problems))
    return entities, dict(doc.get("meta", {}))


SOURCES = [
    "resources/catalog/curated.toml: entities curated by hand for Briefing",
    "sec_company_tickers_exchange.json: U.S. SEC company tickers, public domain",
    "financedatabase_equities_intl.csv: FinanceDatabase (Jeroen Bouma), MIT, "
    "see LICENSE-FinanceDatabase.txt",
    "pytickersymbols_stocks.yaml: pytickersymbols (portfolio+), MIT, "
    "see LICENSE-pytickersymbols.txt",
    "index_aliases.csv: index names compiled for Briefing",
    "wordfreq (Robyn Speer): word frequencies, CC-BY-SA 4.0, for the zipf numbers",
]


# The size class of a curated company the data gives no market cap for (AIA, Fast Retailing,
# Disco, Roche's Swiss line…): the curated file names the companies readers follow, so large,
# unless its entry says `size`. Left unknown, they weighed as small caps (3).
CURATED_SIZE = 1


def _curated_size(raw: Any, where: str, problems: list[str]) -> int | None:
    if raw is None:
        return None
    if not isinstance(raw, int) or not 0 <= raw <= 5:
        problems.append(f"{where}: size is a class from 0 (mega cap) to 5 (nano cap)")
        return None
    return raw


def sec_size(rank: int) -> int:
    return next((size for top, size in SEC_SIZE_RANKS if rank < top), 5)


def _spellings(aliases: list[str], taken: dict[str, set[str]]) -> dict[str, str]:
    """One spelling per name, none a curated entity owns: lower-case letters beat capitals."""
    kept: dict[str, str] = {}
    for alias in aliases:
        folded = alias.casefold()
        if folded in taken:
            continue
        if folded not in kept or (kept[folded].isupper() and not alias.isupper()):
            kept[folded] = alias
    return kept


class Builder:
    def __init__(self, data: Path, curated: Path, words: Words | None = None) -> None:
        self.data = data
        self.curated_path = curated
        self.words = words or Words()
        self.fd_us: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        self.pts_us: dict[str, str] = {}  # US symbol -> name
        self._pts: dict[str, Any] | None = None
        self.data_size: dict[str, int] = {}  # symbol -> size class the data gives its company
        self.notes: list[str] = []
        self.entities: dict[str, Entity] = {}  # insertion order is the output order
        self.owner_of: dict[str, str] = {}  # symbol -> entity id
        self.curated_keys: dict[str, str] = {}  # name key -> curated company id
        self.meta: dict[str, Any] = {}
        self.sec_named: dict[str, list[Entity]] = defaultdict(list)  # name key -> entities

    def note(self, text: str) -> None:
        self.notes.append(text)

    def add(self, entity: Entity) -> Entity:
        base, n = entity.id, 2
        while entity.id in self.entities:
            entity.id, n = f"{base}-{n}", n + 1
        self.entities[entity.id] = entity
        for symbol in entity.listings:
            self.owner_of[symbol] = entity.id
        return entity

    def remove(self, entity: Entity) -> None:
        del self.entities[entity.id]
        for symbol in entity.listings:
            self.owner_of.pop(symbol, None)

    # ---- curated
    def load_curated(self) -> None:
        entities, self.meta = load_curated(self.curated_path)
        for entity in entities:
            self.add(entity)
            if entity.type in ("company", "fund"):
                for text in (entity.name, *entity.aliases):
                    self.curated_keys.setdefault(key(text), entity.id)

    # ---- SEC
    def load_sec(self) -> None:
        doc = json.loads((self.data / SEC_FILE).read_text(encoding="utf-8"))
        groups: dict[int, list[dict[str, Any]]] = {}
        for values in doc["data"]:
            row = dict(zip(doc["fields"], values, strict=True))
            groups.setdefault(int(row["cik"]), []).append(row)
        for rank, (cik, rows) in enumerate(groups.items()):
            exchange: dict[str, str | None] = {}
            for row in rows:
                symbol = str(row["ticker"]).upper().replace(".", "-")
                if SYMBOL_RE.match(symbol):
                    exchange.setdefault(symbol, row["exchange"])
            for symbol in exchange:
                self.data_size.setdefault(symbol, sec_size(rank))
            curated = sorted({self.owner_of[s] for s in exchange if s in self.owner_of})
            rest = [s for s in exchange if s not in self.owner_of]
            if not rest:
                continue
            # Exchange-listed lines before OTC ones, common stock before preferreds.
            rest.sort(key=lambda s: (exchange[s] in (None, "OTC"), "-P" in s))
            raw_name = str(rows[0]["name"])
            name = pretty_name(raw_name)
            entity = Entity(id="us-" + slug(rest[0]), name=name, type="company", country="US",
                            listings=rest)
            entity.adr = ("ADR" in raw_name.upper() or FOREIGN_FORM.search(raw_name) is not None
                          or any(exchange[s] == "OTC" and len(s) == 5 and s[-1] in "FY"
                                 for s in rest))
            if curated:
                self.note(f"SEC {raw_name} (CIK {cik}): {' '.join(rest)} not in curated "
                          f"{curated[0]}: symbol-only")
            elif key(raw_name) in self.curated_keys:
                self.note(f"SEC {raw_name} (CIK {cik}): {' '.join(rest)}: name of curated "
                          f"{self.curated_keys[key(raw_name)]}: symbol-only")
            else:
                entity.named = True
                entity.type = "fund" if FUND_RE.search(raw_name) else "company"
                entity.name, entity.size = self.us_name(raw_name, rest, rank)
                self.name_entity(entity, from_upper=entity.name == name and conformed(raw_name))
                self.sec_named[key(raw_name)].append(entity)
            self.add(entity)

    def us_name(self, raw_name: str, listings: list[str], rank: int) -> tuple[str, int]:
        """A US issuer's name as the company writes it, and its size class.

        The SEC's conformed name ("HORTON D R INC") is the last resort: pytickersymbols (by
        the US line) and FinanceDatabase's lines of the same company abroad (by the name,
        words in any order, when one company answers) usually spell it properly, and the
        latter also give its size."""
        size = sec_size(rank)
        proper = next((self.pts_us[s] for s in listings if s in self.pts_us), None)
        abroad = self.fd_us.get(bag_key(raw_name), [])
        if len({isin for _, _, isin in abroad}) == 1:
            proper = proper or abroad[0][0]
            size = min(size, *(cap for _, cap, _ in abroad))
        return (pretty_name(proper) if proper else pretty_name(raw_name)), size

    def name_entity(self, entity: Entity, *, from_upper: bool) -> None:
        """The names an entity is matched by: the distinctive ones as aliases, the others as
        ambiguous aliases, which the engine tags only in context."""
        notable = entity.size is not None and entity.size <= NOTABLE_SIZE
        safe, weak = name_forms(entity.name, self.words, from_upper=from_upper,
                                notable=notable, small=entity.size is None or entity.size >= 3)
        entity.aliases += safe
        entity.ambiguous_aliases += weak

    # ---- FinanceDatabase
    def load_fd(self) -> None:
        with (self.data / FD_FILE).open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        groups: dict[tuple[str, str], list[dict[str, str]]] = {}
        skipped = 0
        for row in rows:
            symbol = row["symbol"].strip().upper()
            if row["market_cap"] in CAP_RANK and row.get("delisted") != "True":
                self.data_size.setdefault(symbol, CAP_RANK[row["market_cap"]])
            if (row.get("delisted") == "True" or not SYMBOL_RE.match(symbol)
                    or ISIN_SYMBOL_RE.match(symbol) or symbol in self.owner_of
                    or row["exchange"] not in FD_EXCHANGES or not row["name"].strip()):
                continue
            if not (row["sector"] or row["market_cap"] or _plain_share(row["exchange"], symbol,
                                                                      row["name"])):
                continue  # certificates, warrants, funds and other non-equity rows
            name_key = key(row["name"])
            if name_key in self.curated_keys:
                skipped += 1  # another (often stale or foreign) line of a curated company
                continue
            market, homes = FD_EXCHANGES[row["exchange"]]
            country = COUNTRY_CODES.get(row["country"], "")
            # The ISIN says where the company is incorporated, when the data's country (its
            # head office, often wrong for London's trusts) does not make the line home.
            isin = row.get("isin", "").strip().upper()
            domicile = isin[:2] if ISIN_RE.match(isin) else ""
            offshore = domicile in OFFSHORE and row["exchange"] in PRIMARY_VENUES
            home = (country in homes or domicile in homes or row["exchange"] in DOMESTIC_ONLY
                    or (not country and market != "GB") or offshore)
            if row["exchange"] == "LSE" and re.match(r"^0[0-9A-Z]{3}\.L$", symbol):
                home = False  # international order book line of a foreign share
            if row["exchange"] == "SAO" and re.search(r"(?:3[2-5]|39)\.SA$", symbol):
                home = False  # Brazilian depositary receipt
            row["_symbol"] = symbol
            row["_home"] = "1" if home else ""
            row["_offshore"] = "1" if offshore and home else ""
            row["_country"] = (country if home else country or market) or market
            group = (row["_country"], name_key) if home else ("~" + symbol, name_key)
            groups.setdefault(group, []).append(row)
        self.note(f"FinanceDatabase: {skipped} rows skipped as lines of curated companies")
        self.merged = 0
        order = {exchange: i for i, exchange in enumerate(FD_EXCHANGE_ORDER)}
        for (_, name_key), members in sorted(groups.items()):
            members.sort(key=lambda r: (order[r["exchange"]], CAP_RANK.get(r["market_cap"], 6),
                                        len(r["_symbol"]), r["_symbol"]))
            listings = list(dict.fromkeys(r["_symbol"] for r in members))
            home = bool(members[0]["_home"])
            sizes = [CAP_RANK[r["market_cap"]] for r in members if r["market_cap"] in CAP_RANK]
            raw_name = members[0]["name"].strip()
            entity = Entity(id=slug(listings[0]), name=pretty_name(raw_name), type="company",
                            country=members[0]["_country"], listings=listings, named=home,
                            foreign=not home, size=min(sizes) if sizes else None)
            twins = self.sec_named.get(name_key, []) if home else []
            # The US line of the same company? Only when it looks like one: a Canadian
            # interlisted share, an OTC ordinary or ADR line, or the US line of a company
            # incorporated offshore (Bermuda's Borr Drilling in Oslo). Equal names alone are not
            # enough (CoStar Group in the US is not Costar Group in Shenzhen).
            if len(twins) == 1 and (entity.country == "CA" or twins[0].adr
                                    or members[0]["_offshore"]):
                # The US line of the same company: one entity, home line first.
                twin = twins.pop()
                self.remove(twin)
                entity.listings += [s for s in twin.listings if s not in entity.listings]
                entity.aliases += twin.aliases
                entity.ambiguous_aliases += twin.ambiguous_aliases
                self.merged += 1
            if home:
                self.name_entity(entity, from_upper=conformed(raw_name))
                entity.ambiguous_aliases += self.nse_codes(listings)
            entity.region_listings = region_listings(entity.listings)
            self.add(entity)
        self.note(f"FinanceDatabase: {self.merged} home lines merged with their US lines")

    def load_nse(self) -> None:
        """Equities the NSE trades that FinanceDatabase lacks, or has under an old code (a
        company renamed and recoded: Jupiter Wagons was CEBBCO)."""
        rows = []
        for row in _read_rows(NSE_FILE):
            if row.get("SERIES") in ("EQ", "BE", "BZ", "SM", "ST"):
                rows.append((row.get("SYMBOL", "").upper() + ".NS", row.get("NAME OF COMPANY", "")))
        self.add_listed("NSE list", rows, "IN", ".NS", recode=True)

    def load_krx(self) -> None:
        """KOSPI and KOSDAQ shares that FinanceDatabase lacks (KG Mobility, SK Securities)."""
        rows = [(row["symbol"], row["name"] or row["short_name"]) for row in _read_rows(KRX_FILE)]
        self.add_listed("KRX list", rows, "KR", ".K", recode=False)

    def add_listed(self, label: str, rows: list[tuple[str, str]], country: str, suffix: str,
                   *, recode: bool) -> None:
        """Named home-market companies for an exchange list's (symbol, name) rows that the
        catalog lacks. A company the data has by the same name on the same market gets the
        code as another line; with `recode`, as its first (the data's code is an old one)."""
        by_name: dict[str, Entity] = {}
        for entity in self.entities.values():
            if not entity.curated and any(suffix in s for s in entity.listings):
                by_name.setdefault(key(entity.name), entity)
        added = recoded = 0
        for symbol, name in rows:
            if (not name or not SYMBOL_RE.match(symbol) or symbol in self.owner_of
                    or key(name) in self.curated_keys):
                continue
            known = by_name.get(key(name))
            if known is not None:  # another line of a company the catalog has
                if recode:
                    known.listings.insert(0, symbol)  # today's code first; the old one stays
                    recoded += 1
                else:
                    known.listings.append(symbol)  # a preferred share, a second line
                self.owner_of[symbol] = known.id
                known.region_listings = region_listings(known.listings)
                continue
            if not any(c.isupper() for c in name):  # "63 moons technologies limited"
                name = " ".join(w[:1].upper() + w[1:] for w in name.split())
            entity = Entity(id=slug(symbol), name=pretty_name(name), type="company",
                            country=country, listings=[symbol], named=True)
            self.name_entity(entity, from_upper=conformed(name))
            entity.ambiguous_aliases += self.nse_codes(entity.listings)
            entity.region_listings = region_listings(entity.listings)
            self.add(entity)
            added += 1
        self.note(f"{label}: {added} companies added, {recoded} known ones under a new code")

    def nse_codes(self, listings: list[str]) -> list[str]:
        """Indian reports name companies by their NSE code ("BPCL", "ONGC", "NTPC"): the code
        is a name too, when it is letters and no English word."""
        codes = []
        for symbol in listings:
            code, _, market = symbol.partition(".")
            if (market == "NS" and len(code) >= 4 and code.replace("&", "").isalpha()
                    and self.words.zipf(code) < 3.0 and fold(code) not in self.words.given):
                codes.append(code)
        return codes

    # ---- names of US companies, as they write them
    def load_us_names(self) -> None:
        """What the SEC writes in capitals, FinanceDatabase (lines of US companies in London,
        Frankfurt and São Paulo) and pytickersymbols (by the US symbol) write properly."""
        with (self.data / FD_FILE).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["country"] == "United States" and row.get("delisted") != "True":
                    self.fd_us[bag_key(row["name"])].append(
                        (row["name"].strip(), CAP_RANK.get(row["market_cap"], 5),
                         row["isin"] or row["name"].strip()))
        for company in self.pts_doc().get("companies") or []:
            if company.get("country") == "United States" and company.get("name"):
                symbol = str(company.get("symbol", "")).split(":")[-1].replace(".", "-")
                self.pts_us[symbol] = str(company["name"])

    def pts_doc(self) -> dict[str, Any]:
        if self._pts is None:
            try:
                import yaml
            except ImportError as exc:  # pragma: no cover - a build-time dependency
                raise CatalogError("PyYAML is needed to read the pytickersymbols file "
                                   "(pip install -e '.[catalog]')") from exc
            with (self.data / PTS_FILE).open(encoding="utf-8") as fh:
                loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
                self._pts = yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader
        return self._pts

    # ---- pytickersymbols
    def load_pts(self) -> None:
        doc = self.pts_doc()
        attached = 0
        for company in doc.get("companies") or []:
            country = str(company.get("country", ""))
            if country in ("Russian Federation", "Russia"):
                continue  # MOEX lines: not tradable from most places, no names taken
            names = [n for n in [company.get("name"), *(company.get("akas") or [])] if n]
            base = str(company.get("symbol", "")).split(":")[-1]
            base = base.replace(" ", "-")
            candidates = [str(s.get("yahoo", "")).replace(" ", "-")
                          for s in company.get("symbols") or []]
            if base and country in PTS_SUFFIX:
                candidates.insert(0, base + PTS_SUFFIX[country])
            if base and country == "United States":
                candidates.insert(0, base.replace(".", "-"))
            first_word = fold(names[0]).split()[0] if names and names[0].split() else ""
            entity = None
            for symbol in candidates:
                owner = self.entities.get(self.owner_of.get(symbol, ""))
                # The line must belong to a company of that name (the file has entries whose
                # symbols are another company's), and not be a foreign line of it.
                if owner and not owner.foreign and (
                        fold(owner.name).split()[:1] == [first_word]
                        or key(names[0]) == key(owner.name)):
                    entity = owner
                    break
            if entity is None:
                continue
            if entity.curated:
                known = {key(a) for a in (entity.name, *entity.aliases,
                                          *entity.ambiguous_aliases)}
                extra = [n for n in names if key(n) not in known]
                if extra:
                    self.note(f"pytickersymbols names for curated {entity.id}: {extra}")
                continue
            entity.named = True
            attached += 1
            for name in names:
                safe, weak = name_forms(name, self.words, from_upper=False, notable=True)
                entity.aliases += safe
                entity.ambiguous_aliases += weak
        self.note(f"pytickersymbols: names attached to {attached} derived entities")

    # ---- index names
    def load_indexes(self) -> None:
        with (self.data / INDEX_FILE).open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for row in rows:
            symbols = [row["symbol"], *filter(None, row["alt_symbols"].split("|"))]
            aliases = [a for a in row["aliases"].split("|") if a]
            owner = next((self.owner_of[s] for s in symbols if s in self.owner_of), None)
            if owner is not None:
                entity = self.entities[owner]
                known = {a.casefold() for a in (entity.name, *entity.aliases,
                                                *entity.ambiguous_aliases)}
                missing = [a for a in aliases if a.casefold() not in known]
                if missing:
                    self.note(f"index_aliases.csv names not in curated {owner}: {missing}")
                continue
            country = {"UK": "GB"}.get(row["country"], row["country"])
            self.add(Entity(id="index-" + slug(row["name"]), name=row["name"], type="index",
                            country=country, listings=[row["symbol"]], aliases=aliases,
                            named=True))
            self.note(f"index {row['symbol']} ({row['name']}) taken from index_aliases.csv")

    # ---- one owner per name, unless the name is marked ambiguous
    def settle_aliases(self) -> None:
        curated_claims: dict[str, set[str]] = defaultdict(set)
        for entity in self.entities.values():
            if entity.curated:
                for alias in (*entity.aliases, *entity.ambiguous_aliases):
                    curated_claims[alias.casefold()].add(entity.id)
        derived_claims: dict[str, set[str]] = defaultdict(set)
        for entity in self.entities.values():
            if entity.curated:
                continue
            if not entity.named:
                entity.aliases, entity.ambiguous_aliases = [], []
                continue
            safe = _spellings(entity.aliases, curated_claims)
            weak = _spellings(entity.ambiguous_aliases, curated_claims)
            entity.aliases = sorted(safe.values(), key=lambda a: (a.casefold(), a))
            entity.ambiguous_aliases = sorted(
                (a for f, a in weak.items() if f not in safe), key=lambda a: (a.casefold(), a))
            for alias in (*entity.aliases, *entity.ambiguous_aliases):
                derived_claims[alias.casefold()].add(entity.id)
        for folded, claimants in derived_claims.items():
            if len(claimants) < 2:
                continue
            for eid in claimants:  # several companies answer to this name: all ambiguous
                entity = self.entities[eid]
                moved = [a for a in entity.aliases if a.casefold() == folded]
                entity.aliases = [a for a in entity.aliases if a.casefold() != folded]
                entity.ambiguous_aliases = sorted({*entity.ambiguous_aliases, *moved},
                                                  key=lambda a: (a.casefold(), a))
        for folded, claimants in sorted(curated_claims.items()):
            if len(claimants) > 1 and not any(
                    folded in {a.casefold() for a in self.entities[c].ambiguous_aliases}
                    for c in claimants):
                raise CatalogError(f"curated name {folded!r} is claimed by "
                                   f"{', '.join(sorted(claimants))} and is ambiguous in none")

    def build(self) -> dict[str, Any]:
        self.load_curated()
        self.load_us_names()
        self.load_sec()
        self.load_fd()
        self.load_nse()
        self.load_krx()
        self.load_pts()
        self.load_indexes()
        self.settle_aliases()
        curated = [e for e in self.entities.values() if e.curated]
        for entity in curated:  # sizes the data gives for curated companies' lines
            sizes = [self.data_size[s] for s in entity.listings if s in self.data_size]
            if entity.type != "company":
                entity.size = None
            elif sizes:
                entity.size = min(sizes)
            elif entity.size is None:  # the data has no cap for it (FinanceDatabase lacks
                entity.size = CURATED_SIZE  # many Asian lines): curated, so a large cap
        derived = sorted((e for e in self.entities.values() if not e.curated),
                         key=lambda e: e.id)
        symbols: dict[str, str] = {}
        for entity in (*curated, *derived):
            for symbol in entity.listings:
                if symbol in symbols:
                    raise CatalogError(f"{symbol} is a listing of both {symbols[symbol]} "
                                       f"and {entity.id}")
                symbols[symbol] = entity.id
        entities = [e.as_json() for e in (*curated, *derived)]
        names = name_table(entities)
        for entity in entities[len(curated):]:  # derived names live in "names" only
            entity.pop("aliases", None)
            entity.pop("ambiguous_aliases", None)
        return {
            "version": 1,
            "built": str(self.meta.get("as_of", "")),
            "sources": SOURCES,
            "entities": entities,
            "symbols": symbols,
            "names": names,
            "zipf": self.commonness(names),
            "trade_words": sorted({w.capitalize() for w in DESCRIPTOR_WORDS | set(ORG_WORDS)
                                   if w.isalpha()}),
        }

    def commonness(self, names: dict[str, list[str]]) -> dict[str, int]:
        """How common each name the engine may weigh is as English words: wordfreq's Zipf
        frequency in tenths, for the names English uses at all (a missing one reads as 0).
        Only names that are ambiguous, or shared by several entities, are ever weighed."""
        found = {name: round(self.words.zipf(name) * 10) for name, owners in names.items()
                 if len(owners) > 1 or any(o.startswith("m:") for o in owners)}
        return {name: z for name, z in sorted(found.items()) if z > 0}


def encode(catalog: dict[str, Any]) -> bytes:
    text = json.dumps(catalog, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def build(data: Path = DEFAULT_DATA, curated: Path = DEFAULT_CURATED,
          words: Words | None = None, built: str | None = None) -> tuple[bytes, list[str]]:
    """Build the catalog: its bytes and the build notes."""
    builder = Builder(data, curated, words)
    catalog = builder.build()
    if built:
        catalog["built"] = built
    return encode(catalog), builder.notes


def summary(catalog: dict[str, Any]) -> list[str]:
    by_type: dict[str, int] = defaultdict(int)
    for entity in catalog["entities"]:
        by_type[entity.get("type", "company")] += 1
    named = len({owner[2:] for owners in catalog["names"].values() for owner in owners})
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(by_type.items()))
    return [f"entities: {len(catalog['entities'])} ({kinds})",
            f"matchable by name: {named}; symbol-only: {len(catalog['entities']) - named}",
            f"names: {len(catalog['names'])}; symbols: {len(catalog['symbols'])}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build resources/catalog/catalog.json from the curated file and the "
                    "public ticker data.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the ticker data directory (default: %(default)s)")
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--built", help="the date recorded as 'built' (default: meta.as_of "
                                        "of the curated file, so rebuilds are identical)")
    parser.add_argument("--notes", action="store_true",
                        help="print the build notes: lines of curated companies that the "
                             "data has and the curated file lacks, and so on")
    args = parser.parse_args(argv)
    if not (args.data / SEC_FILE).is_file():
        print(f"build_catalog: no ticker data in {args.data}", file=sys.stderr)
        return 1
    try:
        blob, notes = build(args.data, args.curated, None, args.built)
    except CatalogError as exc:
        print(f"build_catalog: {exc}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(args.out.name + ".tmp")
    tmp.write_bytes(blob)
    tmp.replace(args.out)
    if args.notes:
        print("\n".join(notes), file=sys.stderr)
    print("\n".join(summary(json.loads(blob))))
    print(f"wrote {args.out} ({len(blob) / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
