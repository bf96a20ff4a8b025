#!/usr/bin/env python3
"""Build resources/catalog/catalog.json: the ticker catalog the tagging engine loads.

Inputs
  resources/catalog/curated.toml               the project's curated entities (they win)
  <data>/sec_company_tickers_exchange.json     US listings (U.S. SEC, public domain)
  <data>/financedatabase_equities_intl.csv     international listings (FinanceDatabase, MIT)
  <data>/pytickersymbols_stocks.yaml           index members, alternative names (MIT)
  <data>/index_aliases.csv                     index names (compiled for this project)
  scripts/catalog_common_words.txt             words too common to be a name on their own

<data> is ../shared/data/tickers beside the repository unless --data says otherwise.

What is built
  * every curated entity, as written;
  * every other US issuer in the SEC file: one entity per CIK with all its tickers, named
    from the SEC's conformed name ("TARGET CORP" -> "Target Corp."); that name minus its
    legal suffix becomes an alias only when it is distinctive (two or more words that are
    not all generic, or one word that is not a common English word), else the entity is
    symbol-only;
  * every large or mega cap home line in FinanceDatabase as a named entity (same rule),
    merged with its US line when the SEC file has a company of the same name;
  * index members in pytickersymbols get their names and alternative names as aliases;
  * every other live listing in the data as a symbol-only entity: no aliases, so the engine
    recognises it only in explicit forms ($XYZ, "(NYSE: XYZ)", 1234.HK...).

Output: one compact JSON object, keys sorted, the same bytes for the same inputs.
Every entity has id, name, type, country and listings; the optional keys aliases,
ambiguous_aliases, owner, parent and region_listings are written only when not empty
(readers default them to [], [], null, null and {}), which keeps the file small.

Needs the standard library, plus PyYAML (a build-time tool) for the pytickersymbols file.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "tickers"
DEFAULT_CURATED = REPO / "resources" / "catalog" / "curated.toml"
DEFAULT_OUT = REPO / "resources" / "catalog" / "catalog.json"
DEFAULT_WORDS = Path(__file__).resolve().parent / "catalog_common_words.txt"

SEC_FILE = "sec_company_tickers_exchange.json"
FD_FILE = "financedatabase_equities_intl.csv"
PTS_FILE = "pytickersymbols_stocks.yaml"
INDEX_FILE = "index_aliases.csv"

TYPES = ("company", "index", "fund", "private", "product")
OPTIONAL = {"aliases": [], "ambiguous_aliases": [], "owner": None, "parent": None,
            "region_listings": {}}
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
LEGAL_FORMS = [
    "public company limited", "public limited company", "company limited", "co., ltd.",
    "co.,ltd.", "co. ltd.", "co ltd", "s.a.b. de c.v.", "sab de cv", "ag & co. kgaa",
    "& co. kgaa", "& co. inc.", "& co.", "& co", "& company", "kgaa", "(publ)",
    "incorporated", "inc.", "inc", "corporation", "corp.", "corp", "company", "co.", "co",
    "limited", "ltd.", "ltd", "plc.", "plc", "p.l.c.", "llc", "l.l.c.", "l.p.", "lp",
    "ag", "se", "s.e.", "sa", "s.a.", "nv", "n.v.", "spa", "s.p.a.", "asa", "ab", "oyj",
    "abp", "a/s", "tbk", "bhd", "berhad", "bv", "b.v.", "gmbh", "sca", "s.c.a.",
    "societe anonyme", "aktiengesellschaft", "k.k.", "pvt. ltd.", "pvt ltd", "pty ltd",
    "pty. ltd.", "pty", "n.a.", "societa per azioni", "aktiebolag",
]
# Organisation words the engine also treats as optional; stripped to make an alias, kept
# when names are compared ("Compass Group" and "Compass, Inc." are not the same company).
ORG_WORDS = ["holdings", "holding", "group", "gruppe", "groupe", "companies", "cos.", "cos"]


def _suffix_re(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?:[\s,]+(?:" + alternatives + r"))+[\s,.]*$", re.IGNORECASE)


LEGAL_RE = _suffix_re(LEGAL_FORMS)
LEGAL_AND_ORG_RE = _suffix_re(LEGAL_FORMS + ORG_WORDS)

# Qualifiers that are not part of a company's name at all.
NAME_NOISE = re.compile(
    r"(?:\s*(?<!\bA)[/\\][A-Za-z .]{2,12}[/\\]?)+\s*$"  # SEC tags: /DE/, \DE\, /NEW, /ADR
    r"|\s+-\s+(?:registered|bearer|ordinary|american|class\s).*$"
    r"|\s+(?:class|series)\s+[a-z0-9]\b.*$"
    r"|\s+(?:sponsored|unsponsored)\s+(?:adr|gdr).*$"
    r"|\s*\(the\)\s*$|\s*\((?:reit|adr)\)\s*$",
    re.IGNORECASE,
)
# Words a conformed (upper-case) SEC name keeps in capitals when it is title-cased.
KEEP_UPPER = {
    "AB", "ADR", "AG", "AI", "ASA", "BDC", "BV", "ETF", "ETN", "II", "III", "IV", "LLC",
    "LP", "NV", "REIT", "SA", "SE", "SPA", "UK", "US", "USA", "VI", "VII", "VIII",
}
SUFFIX_STYLE = {
    "INC": "Inc.", "INC.": "Inc.", "CORP": "Corp.", "CORP.": "Corp.", "CO": "Co.",
    "CO.": "Co.", "LTD": "Ltd.", "LTD.": "Ltd.", "PLC": "plc", "COS": "Cos.",
    "HLDGS": "Holdings", "INTL": "International",
}
# A two-word name made only of these (or of common words) is too generic to match.
GENERIC_WORDS = {
    "acquisition", "advisors", "america", "american", "asset", "assets", "bancorp",
    "bancshares", "bank", "bankshares", "brands", "business", "capital", "commerce",
    "commercial", "community", "consolidated", "corporate", "credit", "diversified",
    "enterprise", "enterprises", "equity", "federal", "financial", "first", "fund",
    "general", "global", "group", "growth", "holding", "holdings", "income", "industries",
    "institutions", "insurance", "international", "investment", "investments", "investors",
    "management", "national", "new", "partners", "properties", "property", "realty",
    "resources", "savings", "securities", "services", "solutions", "systems",
    "technologies", "technology", "the", "trust", "united", "value",
}
FUND_RE = re.compile(r"\b(?:ETF|ETN|FUND|ISHARES|SPDR|PROSHARES|GRAYSCALE|DIREXION)\b",
                     re.IGNORECASE)
# Words that describe a company's trade at the end of its name. A large company is also
# known by its name without them, when what is left is still distinctive: "Akamai
# Technologies" -> "Akamai", "Live Nation Entertainment" -> "Live Nation".
DESCRIPTOR_WORDS = {
    "aerospace", "analytics", "automotive", "biosciences", "bioscience", "biotherapeutics",
    "brands", "chemical", "chemicals", "communications", "diagnostics", "electronics",
    "energy", "enterprises", "entertainment", "financial", "foods", "global", "group",
    "health", "healthcare", "holdings", "honsha", "industries", "industry",
    "instruments", "interactive", "international", "labs", "laboratories", "materials",
    "medical", "networks", "pharma", "pharmaceutical", "pharmaceuticals", "platforms",
    "power", "resources", "restaurants", "scientific", "semiconductor", "semiconductors",
    "services", "software", "solutions", "systems", "tech", "technologies", "technology",
    "telecom", "therapeutics", "usa", "worldwide", "electric",
}
SEC_LARGE = 1500  # issuers this high in the SEC file (ordered by value) count as large
ISIN_SYMBOL_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{9}\d\.")  # ISIN-shaped pseudo symbols


# --------------------------------------------------------------------------- names


@cache
def fold(text: str) -> str:
    """Accent-free, case-folded text, for comparisons."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def strip_noise(name: str) -> str:
    name = re.sub(r",(?=[A-Za-z])", ", ", name.replace("\u00a0", " "))
    name = " ".join(name.split()).strip(" ,")
    while True:
        stripped = NAME_NOISE.sub("", name).strip(" ,")
        if stripped == name or not stripped:
            return name
        name = stripped


def strip_suffixes(name: str, *, org_words: bool = True) -> str:
    """The name without its trailing legal form (and org words such as Group, Holdings)."""
    out = strip_noise(name)
    if out[:4].casefold() == "the " and len(out.split()) > 2:
        out = out[4:]
    pattern = LEGAL_AND_ORG_RE if org_words else LEGAL_RE
    stripped = pattern.sub("", out).strip(" ,-")
    return stripped or out


TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe",
                                 "Ü": "Ue", "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae",
                                 "Æ": "Ae", "å": "a", "Å": "A"})


@cache
def key(name: str) -> str:
    """Comparison key for a company name: folded, legal form removed, punctuation removed.

    German and Nordic letters are spelled out ("Bär" and "Baer" give the same key).
    """
    base = fold(strip_suffixes(name.translate(TRANSLITERATION), org_words=False))
    base = base.replace("&", " and ")
    words = re.sub(r"[^0-9a-z]+", " ", base).split()
    return " ".join("holding" if w == "holdings" else w for w in words)


def pretty_name(raw: str) -> str:
    """Display form of a data-file name; conformed upper-case names are title-cased."""
    name = strip_noise(raw)
    if any(c.islower() for c in name):
        return name
    words = []
    for i, word in enumerate(name.split()):
        core = word.strip(",.")
        if core in SUFFIX_STYLE and i > 0:
            words.append(SUFFIX_STYLE[core] + ("," if word.endswith(",") else ""))
        elif core in KEEP_UPPER or "&" in core or any(c.isdigit() for c in core):
            words.append(word)
        elif len(core) <= 3 and not re.search(r"[AEIOUY]", core):
            words.append(word)  # an acronym such as CSX or PNC
        elif core.startswith("MC") and len(core) > 3:
            words.append("Mc" + word[2:].capitalize())
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(words)


class Words:
    """The common-word list: a name of one word must not be one of these."""

    def __init__(self, path: Path) -> None:
        self.words: set[str] = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            self.words.update(fold(w) for w in line.split("#", 1)[0].split())

    def common(self, word: str) -> bool:
        word = fold(word.strip(".,()'’"))
        return word in self.words or (word.endswith("s") and word[:-1] in self.words)

    def distinctive(self, alias: str, *, from_upper: bool, notable: bool = False) -> bool:
        """Safe to match alone?

        notable: a large company (large or mega cap, among the first SEC filers by size,
        an index member): its name is known well enough that a short name or a name made
        of common words is its own.
        """
        words = alias.split()
        if len(alias) < 3 or not re.search(r"[A-Za-z].*[A-Za-z]", alias):
            return False
        if len(words) == 1:
            if self.common(alias):
                return False
            # A short word from an all-capitals source is most likely an acronym.
            return len(alias) >= (3 if notable and not from_upper else 4 if notable
                                  else 5 if from_upper else 4)
        if any(len(w.strip(".,()")) < 2 for w in words):
            return False  # "Air T", "Can B"
        plain = [fold(w.strip(".,()")) for w in words]
        if all(w in GENERIC_WORDS for w in plain):
            return False  # "Financial Institutions", "First Capital"
        if all(w in GENERIC_WORDS or self.common(w) for w in plain):
            # "Public Storage", "Trade Desk", but not "Hold Me" or "Good Gaming".
            return notable and len(words) <= 3
        return True


def derived_alias(name: str, words: Words, *, from_upper: bool,
                  notable: bool = False) -> str | None:
    """The name minus its legal suffix, when that is safe to match on its own.

    "Match Group, Inc." gives "Match Group": "Match" alone is a common word.
    """
    for org_words in (True, False):
        alias = re.sub(r"\s*\([^)]*\)", "", strip_suffixes(name, org_words=org_words))
        alias = " ".join(alias.strip(" ,-").split())
        if alias and words.distinctive(alias, from_upper=from_upper, notable=notable):
            return alias
    return None


def short_form(alias: str, words: Words, *, from_upper: bool) -> str | None:
    """A large company's alias without the trade words at its end, when still distinctive.

    The shortest form that stays distinctive wins over none, the first one found over
    shorter ones: "Chubu Electric Power" -> "Chubu Electric".
    """
    parts = alias.split()
    while len(parts) > 1 and fold(parts[-1]) in DESCRIPTOR_WORDS:
        parts.pop()
        if fold(parts[-1]) in {"of", "and", "&", "the", "de", "-"}:
            return None
        short = " ".join(parts).rstrip(",")
        if words.distinctive(short, from_upper=from_upper, notable=True):
            return short
    return None


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

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "type": self.type,
                               "country": self.country, "listings": self.listings}
        for name in OPTIONAL:
            value = getattr(self, name)
            if value:
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
        both = {a.casefold() for a in aliases} & {a.casefold() for a in ambiguous}
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
            region_listings=regions or region_listings(listings), curated=True, named=True))
    for entity in entities:
        for ref in (entity.owner, entity.parent):
            if ref is not None and ref not in ids:
                problems.append(f"curated entity {entity.id!r}: unknown reference {ref!r}")
        if entity.type == "product" and not entity.owner:
            problems.append(f"curated entity {entity.id!r}: a product needs an owner")
    if problems:
        raise CatalogError("\n".join(problems))
    return entities, dict(doc.get("meta", {}))


class Builder:
    def __init__(self, data: Path, curated: Path, words: Path) -> None:
        self.data = data
        self.curated_path = curated
        self.words = Words(words)
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
            entity.adr = "ADR" in raw_name.upper() or any(
                exchange[s] == "OTC" and len(s) == 5 and s[-1] in "FY" for s in rest)
            if curated:
                self.note(f"SEC {raw_name} (CIK {cik}): {' '.join(rest)} not in curated "
                          f"{curated[0]}: symbol-only")
            elif key(raw_name) in self.curated_keys:
                self.note(f"SEC {raw_name} (CIK {cik}): {' '.join(rest)}: name of curated "
                          f"{self.curated_keys[key(raw_name)]}: symbol-only")
            else:
                entity.named = True
                entity.type = "fund" if FUND_RE.search(raw_name) else "company"
                upper = not any(c.islower() for c in raw_name)
                # The SEC file is ordered by market value: its first issuers are large.
                large = rank < SEC_LARGE
                alias = derived_alias(name, self.words, from_upper=upper, notable=large)
                if alias:
                    entity.aliases.append(alias)
                    short = short_form(alias, self.words, from_upper=upper) if large else None
                    if short:
                        entity.aliases.append(short)
                self.sec_named[key(raw_name)].append(entity)
            self.add(entity)

    # ---- FinanceDatabase
    def load_fd(self) -> None:
        with (self.data / FD_FILE).open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        groups: dict[tuple[str, str], list[dict[str, str]]] = {}
        skipped = 0
        for row in rows:
            symbol = row["symbol"].strip().upper()
            if (row.get("delisted") == "True" or not SYMBOL_RE.match(symbol)
                    or ISIN_SYMBOL_RE.match(symbol) or symbol in self.owner_of
                    or row["exchange"] not in FD_EXCHANGES or not row["name"].strip()):
                continue
            if not (row["sector"] or row["market_cap"]):
                continue  # certificates, warrants, funds and other non-equity rows
            name_key = key(row["name"])
            if name_key in self.curated_keys:
                skipped += 1  # another (often stale or foreign) line of a curated company
                continue
            market, homes = FD_EXCHANGES[row["exchange"]]
            country = COUNTRY_CODES.get(row["country"], "")
            home = country in homes or (not country and market != "GB")
            if row["exchange"] == "LSE" and re.match(r"^0[0-9A-Z]{3}\.L$", symbol):
                home = False  # international order book line of a foreign share
            if row["exchange"] == "SAO" and re.search(r"(?:3[2-5]|39)\.SA$", symbol):
                home = False  # Brazilian depositary receipt
            row["_symbol"] = symbol
            row["_home"] = "1" if home else ""
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
            named = home and min(CAP_RANK.get(r["market_cap"], 6) for r in members) <= 1
            raw_name = members[0]["name"].strip()
            entity = Entity(id=slug(listings[0]), name=pretty_name(raw_name), type="company",
                            country=members[0]["_country"], listings=listings, named=named,
                            foreign=not home)
            twins = self.sec_named.get(name_key, []) if home else []
            # The US line of the same company? Only when it looks like one: a Canadian
            # interlisted share, or an OTC ordinary or ADR line. Equal names alone are not
            # enough (CoStar Group in the US is not Costar Group in Shenzhen).
            if len(twins) == 1 and (entity.country == "CA" or twins[0].adr):
                # The US line of the same company: one entity, home line first.
                twin = twins.pop()
                self.remove(twin)
                entity.listings += [s for s in twin.listings if s not in entity.listings]
                entity.aliases += twin.aliases
                entity.named = True
                self.merged += 1
            if named:
                upper = not any(c.islower() for c in raw_name)
                alias = derived_alias(entity.name, self.words, from_upper=upper, notable=True)
                if alias:
                    entity.aliases.append(alias)
                    short = short_form(alias, self.words, from_upper=upper)
                    if short:
                        entity.aliases.append(short)
            entity.region_listings = region_listings(entity.listings)
            self.add(entity)
        self.note(f"FinanceDatabase: {self.merged} home lines merged with their US lines")

    # ---- pytickersymbols
    def load_pts(self) -> None:
        try:
            import yaml
        except ImportError as exc:  # pragma: no cover - a build-time dependency
            raise CatalogError("PyYAML is needed to read the pytickersymbols file "
                               "(pip install -e '.[dev]')") from exc
        with (self.data / PTS_FILE).open(encoding="utf-8") as fh:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            doc = yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader
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
                alias = derived_alias(name, self.words, from_upper=False, notable=True)
                if alias:
                    entity.aliases.append(alias)
                    short = short_form(alias, self.words, from_upper=False)
                    if short:
                        entity.aliases.append(short)
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
            kept: dict[str, str] = {}
            for alias in entity.aliases if entity.named else []:
                folded = alias.casefold()
                if folded in curated_claims:
                    continue  # a curated entity owns this name
                # Keep the best-cased spelling: one with lower-case letters beats capitals.
                if folded not in kept or (kept[folded].isupper() and not alias.isupper()):
                    kept[folded] = alias
            entity.aliases = sorted(kept.values(), key=lambda a: (a.casefold(), a))
            for alias in entity.aliases:
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
        self.load_sec()
        self.load_fd()
        self.load_pts()
        self.load_indexes()
        self.settle_aliases()
        curated = [e for e in self.entities.values() if e.curated]
        derived = sorted((e for e in self.entities.values() if not e.curated),
                         key=lambda e: e.id)
        symbols: dict[str, str] = {}
        for entity in (*curated, *derived):
            for symbol in entity.listings:
                if symbol in symbols:
                    raise CatalogError(f"{symbol} is a listing of both {symbols[symbol]} "
                                       f"and {entity.id}")
                symbols[symbol] = entity.id
        return {
            "version": 1,
            "built": str(self.meta.get("as_of", "")),
            "sources": [
                "resources/catalog/curated.toml: entities curated by hand for Briefing",
                "sec_company_tickers_exchange.json: U.S. SEC company tickers, public domain",
                "financedatabase_equities_intl.csv: FinanceDatabase (Jeroen Bouma), MIT, "
                "see LICENSE-FinanceDatabase.txt",
                "pytickersymbols_stocks.yaml: pytickersymbols (portfolio+), MIT, "
                "see LICENSE-pytickersymbols.txt",
                "index_aliases.csv: index names compiled for Briefing",
            ],
            "entities": [e.as_json() for e in (*curated, *derived)],
            "symbols": symbols,
        }


def encode(catalog: dict[str, Any]) -> bytes:
    text = json.dumps(catalog, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def build(data: Path = DEFAULT_DATA, curated: Path = DEFAULT_CURATED,
          words: Path = DEFAULT_WORDS, built: str | None = None) -> tuple[bytes, list[str]]:
    """Build the catalog: its bytes and the build notes."""
    builder = Builder(data, curated, words)
    catalog = builder.build()
    if built:
        catalog["built"] = built
    return encode(catalog), builder.notes


def summary(catalog: dict[str, Any]) -> list[str]:
    by_type: dict[str, int] = defaultdict(int)
    named = 0
    for entity in catalog["entities"]:
        by_type[entity["type"]] += 1
        named += bool(entity.get("aliases") or entity.get("ambiguous_aliases"))
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(by_type.items()))
    return [f"entities: {len(catalog['entities'])} ({kinds})",
            f"matchable by name: {named}; symbol-only: {len(catalog['entities']) - named}",
            f"symbols: {len(catalog['symbols'])}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build resources/catalog/catalog.json from the curated file and the "
                    "public ticker data.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the ticker data directory (default: %(default)s)")
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED)
    parser.add_argument("--words", type=Path, default=DEFAULT_WORDS)
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
        blob, notes = build(args.data, args.curated, args.words, args.built)
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
