"""Explicit ticker forms in running text, turned into Yahoo-style symbols.

Cashtags ($BABA, $baba.hk), exchange-qualified forms ((NYSE: GS), HKEX: 9988, TYO: 9984),
Yahoo forms (9988.HK, VOD.L), Reuters forms (AAPL.O, IBM.N) and Bloomberg forms (700 HK,
9984 JP). Every candidate is checked against the catalog by the caller; nothing here decides
that a word is a ticker on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Exchange names as the press writes them -> Yahoo suffix ("" for US markets).
EXCHANGE_SUFFIX = {
    "NYSE": "", "NASDAQ": "", "NASDAQGS": "", "NASDAQGM": "", "NYSEAMERICAN": "",
    "NYSEARCA": "", "AMEX": "", "CBOE": "", "OTC": "", "OTCMKTS": "", "BATS": "",
    "HKEX": ".HK", "HKG": ".HK", "SEHK": ".HK", "HK": ".HK",
    "TYO": ".T", "TSE": ".T", "JPX": ".T",
    "LON": ".L", "LSE": ".L",
    "ETR": ".DE", "XETRA": ".DE", "FRA": ".F", "FWB": ".F",
    "EPA": ".PA", "EURONEXT": ".PA", "AMS": ".AS", "EBR": ".BR", "ELI": ".LS",
    "SWX": ".SW", "SIX": ".SW", "VTX": ".SW",
    "BME": ".MC", "BIT": ".MI", "STO": ".ST", "HEL": ".HE", "CPH": ".CO", "OSL": ".OL",
    "KRX": ".KS", "KOSPI": ".KS", "KOSDAQ": ".KQ",
    "TPE": ".TW", "TWSE": ".TW", "TPEX": ".TWO",
    "NSE": ".NS", "BSE": ".BO",
    "SSE": ".SS", "SHA": ".SS", "SHSE": ".SS", "SZSE": ".SZ", "SHE": ".SZ",
    "ASX": ".AX", "TSX": ".TO", "TSXV": ".V", "SGX": ".SI", "JSE": ".JO", "BVMF": ".SA",
}
YAHOO_SUFFIXES = (
    "HK", "T", "L", "DE", "F", "PA", "AS", "BR", "LS", "SW", "MC", "MI", "ST", "HE", "CO",
    "OL", "KS", "KQ", "TW", "TWO", "NS", "BO", "SS", "SZ", "AX", "TO", "V", "SI", "JO", "SA",
    "IR", "VI", "WA",
)
REUTERS_SUFFIX = {"O": "", "OQ": "", "N": "", "A": "", "K": "", "P": "", "HK": ".HK",
                  "T": ".T", "L": ".L", "DE": ".DE", "PA": ".PA", "AS": ".AS", "SS": ".SS",
                  "SZ": ".SZ", "KS": ".KS", "TW": ".TW", "NS": ".NS", "BO": ".BO"}
BLOOMBERG_SUFFIX = {
    "HK": ".HK", "JP": ".T", "JT": ".T", "LN": ".L", "GR": ".DE", "GY": ".DE", "FP": ".PA",
    "NA": ".AS", "SW": ".SW", "SE": ".SW", "KS": ".KS", "TT": ".TW", "IN": ".NS", "IS": ".NS",
    "CH": ".SS", "CG": ".SS", "CS": ".SZ", "AU": ".AX", "CN": ".TO", "US": "", "UN": "",
    "UW": "", "UQ": "",
}


@dataclass(frozen=True)
class SymbolHit:
    start: int
    end: int
    candidates: tuple[str, ...]  # Yahoo symbols to try, best first
    form: str  # cashtag, exchange, yahoo, reuters, bloomberg
    base: str = ""  # for "$baba.hk": the symbol written before the market suffix
    suffix: str = ""  # the Yahoo suffix asked for


_CASHTAG = re.compile(
    r"(?<![\w$])\$([A-Za-z][A-Za-z0-9]{0,9}(?:-[A-Za-z])?)(?:\.([A-Za-z]{1,3}))?(?![\w$])"
)
_CASHTAG_CODE = re.compile(r"(?<![\w$])\$(\d{3,6})\.([A-Za-z]{2})(?![\w])")
_EXCHANGES = sorted((re.escape(k) for k in EXCHANGE_SUFFIX), key=len, reverse=True)
_EXCHANGE = re.compile(
    r"\b(" + "|".join(_EXCHANGES) + r"|Nasdaq|Nyse|NYSE American|NYSE Arca|Hong Kong)"
    r"\s?:\s?([A-Z0-9]{1,6}(?:[.\-][A-Z])?)\b",
)
# "600547.SH": Shanghai's codes as mainland outlets write them (Yahoo writes .SS)
DOTTED_ALIASES = {"SH": "SS"}
_YAHOO = re.compile(
    r"(?<![\w.$])(\^?[A-Z0-9]{1,6}(?:-[A-Z]{1,2})?)\.(" + "|".join((*YAHOO_SUFFIXES,
                                                                   *DOTTED_ALIASES))
    + r")(?![\w])"
)
_PLACE_ABBREVIATIONS = frozenset(("U.K", "U.N", "U.S", "E.U", "U.A", "N.Y", "L.A", "D.C",
                                  "S.A", "N.Z", "H.K", "P.R"))
_REUTERS = re.compile(r"(?<![\w.$])([A-Z]{1,5})\.(OQ|O|N|A|B|K|P)(?![\w.])")
_BLOOMBERG = re.compile(
    r"(?<![\w.$])(\d{1,6}|[A-Z]{1,6}(?:/[A-Z])?)\s(" + "|".join(BLOOMBERG_SUFFIX)
    + r")(\s(?:Equity|equity))?(?![\w])"
)


def hk_code(code: str) -> str:
    """Hong Kong codes as Yahoo writes them: 700, 0700 and 00700 are all 0700.HK."""
    digits = code.lstrip("0") or "0"
    return digits.zfill(4) + ".HK"


def _with_suffix(code: str, suffix: str) -> str:
    if suffix == ".HK" and code.isdigit():
        return hk_code(code)
    return code.replace(".", "-") + suffix if suffix else code.replace(".", "-")


# The literal strings each explicit form needs. The catalog's automaton finds them in the same
# pass as the names (catalog.NameIndex), so the text is scanned once, and only short windows
# around them are read with the patterns above: a whole-text scan of each pattern would cost
# more than the rest of tagging.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "cashtag": ("$",),
    "exchange": (":",),
    "dotted": tuple(sorted({"." + s for s in (*YAHOO_SUFFIXES, *REUTERS_SUFFIX,
                                               *DOTTED_ALIASES, "B")})),
    "bloomberg": tuple(" " + s for s in BLOOMBERG_SUFFIX),
    "dashed": tuple("-" + s for s in ("T", "X", "N", "Q")),
}
_TRIGGER_RE = {kind: re.compile("|".join(re.escape(t) for t in sorted(ts, key=len, reverse=True)))
               for kind, ts in TRIGGERS.items()}


def trigger_marks(text: str) -> dict[str, list[int]]:
    """Where each kind of trigger starts in the text (what the catalog's scan gives too)."""
    marks: dict[str, list[int]] = {}
    for kind, pattern in _TRIGGER_RE.items():
        marks[kind] = [m.start() for m in pattern.finditer(text)]
    return marks


def find_symbols(text: str, marks: dict[str, list[int]] | None = None) -> list[SymbolHit]:
    """Every explicit ticker form in the text, in no particular order. `marks`: the trigger
    positions of trigger_marks(text), when the caller already has them. (Lists, not
    generators: compiled, a generator costs several times the plain loop.)"""
    if marks is None:
        marks = trigger_marks(text)
    out: list[SymbolHit] = []
    for p in marks.get("cashtag", ()):
        _cashtag(text, p, out)
    for p in marks.get("exchange", ()):
        if _exchange_colon(text, p):
            _exchange_form(text, p, out)
    dots = [p - 1 for p in marks.get("dotted", ()) if p > 0 and _upper_or_digit(text[p - 1])]
    for start, end in _windows(text, dots, 10, 8):
        _dotted_forms(text, start, end, out)
    codes = [p for p in marks.get("bloomberg", ()) if p > 0 and _upper_or_digit(text[p - 1])]
    for start, end in _windows(text, codes, 8, 12):
        _bloomberg_forms(text, start, end, out)
    dashes = [p for p in marks.get("dashed", ()) if p > 1 and "A" <= text[p - 1] <= "Z"]
    for start, end in _windows(text, dashes, 9, 3):
        _dashed_forms(text, start, end, out)
    return out


# "BCE-T", "RCI.B-T", "AAPL-Q": a Canadian newspaper's tickers, the market after a dash
_DASHED = re.compile(r"(?<![\w.$-])([A-Z]{2,5}(?:\.[A-Z]{1,2})?)-(T|X|N|Q)(?![\w-])")
DASHED_SUFFIX = {"T": ".TO", "X": ".V", "N": "", "Q": ""}


def _dashed_forms(text: str, start: int, end: int, out: list[SymbolHit]) -> None:
    for m in _DASHED.finditer(text, start, end):
        out.append(SymbolHit(m.start(), m.end(), (_with_suffix(m.group(1),
                                                               DASHED_SUFFIX[m.group(2)]),),
                             "dashed"))


def _upper_or_digit(ch: str) -> bool:
    return ch.isdigit() or ("A" <= ch <= "Z")


def _exchange_colon(text: str, p: int) -> bool:
    """A colon between a word and a code: "NYSE: GS", "HKEX:9988"."""
    after = text[p + 1:p + 2]
    if after.isspace():
        after = text[p + 2:p + 3]
    before = text[p - 1:p] if p else ""
    if before.isspace():
        before = text[p - 2:p - 1] if p > 1 else ""
    return bool(after) and _upper_or_digit(after) and before.isalpha()


def _windows(text: str, positions: list[int], before: int, after: int
             ) -> list[tuple[int, int]]:
    """Merged spans of text around each position."""
    spans: list[tuple[int, int]] = []
    for pos in positions:
        start, end = max(0, pos - before), min(len(text), pos + after)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def _cashtag(text: str, dollar: int, out: list[SymbolHit]) -> None:
    """The cashtag that starts at this dollar sign, if it is one ("$BABA", "$9988.HK")."""
    following = text[dollar + 1:dollar + 2]
    if following.isalpha():
        m = _CASHTAG.match(text, dollar)
        if m is None:
            return
        base, market = m.group(1).upper(), (m.group(2) or "").upper()
        if market and market in YAHOO_SUFFIXES:
            suffix = "." + market
            out.append(SymbolHit(m.start(), m.end(), (f"{base}{suffix}",), "cashtag", base, suffix))
        elif not market:
            out.append(SymbolHit(m.start(), m.end(), (base,), "cashtag"))
        elif market in ("A", "B"):
            out.append(SymbolHit(m.start(), m.end(), (f"{base}-{market}", base), "cashtag"))
    elif following.isdigit():  # most are prices ("$12.5"); a few are codes ("$700.HK")
        m = _CASHTAG_CODE.match(text, dollar)
        if m is None:
            return
        market = m.group(2).upper()
        if market in YAHOO_SUFFIXES:
            out.append(SymbolHit(m.start(), m.end(),
                                 (_with_suffix(m.group(1), "." + market),), "cashtag"))


def _exchange_form(text: str, colon: int, out: list[SymbolHit]) -> None:
    """The exchange form around one colon, read from the start of the one or two words before
    it ("NYSE: GS", "Hong Kong: 9988", "NYSE American: X")."""
    end = colon
    if end and text[end - 1].isspace():
        end -= 1
    one = end
    while one and text[one - 1].isalpha():
        one -= 1
    two = one - 1
    while two > 0 and text[two - 1].isalpha():
        two -= 1
    starts = (two, one) if 0 <= two < one - 1 and text[one - 1] == " " else (one,)
    for start in starts:
        m = _EXCHANGE.match(text, start, min(len(text), colon + 14))
        if m is None:
            continue
        exchange = m.group(1).upper().replace(" ", "")
        found = ".HK" if exchange == "HONGKONG" else EXCHANGE_SUFFIX.get(exchange)
        if found is None:
            continue
        out.append(SymbolHit(m.start(2), m.end(2), (_with_suffix(m.group(2), found),),
                             "exchange"))
        return


def _dotted_forms(text: str, start: int, end: int, out: list[SymbolHit]) -> None:
    for m in _YAHOO.finditer(text, start, end):
        code, market = m.group(1), m.group(2)
        if market in DOTTED_ALIASES:
            if not (code.isdigit() and len(code) == 6):
                continue  # "XX.SH" is no Shanghai code
            market = DOTTED_ALIASES[market]
        symbol = hk_code(code) if market == "HK" and code.isdigit() else f"{code}.{market}"
        out.append(SymbolHit(m.start(), m.end(), (symbol,), "yahoo"))
    for m in _REUTERS.finditer(text, start, end):
        base, market = m.group(1), m.group(2)
        if m.group() in _PLACE_ABBREVIATIONS:
            continue  # "the U.K and the EU": a country, not Unity's NYSE line
        if market in ("A", "B"):  # BRK.B is a share class before it is a Reuters code
            out.append(SymbolHit(m.start(), m.end(), (f"{base}-{market}", base), "class"))
        else:
            out.append(SymbolHit(m.start(), m.end(), (base + REUTERS_SUFFIX[market],), "reuters"))


def _bloomberg_forms(text: str, start: int, end: int, out: list[SymbolHit]) -> None:
    for m in _BLOOMBERG.finditer(text, start, end):
        code, market, equity = m.group(1), m.group(2), m.group(3)
        if not code.isdigit() and not equity and market in ("US", "UN", "UW", "UQ", "IN", "CN"):
            continue  # "THE US", "IN CN": too easy to misread without "Equity"
        stop = m.end(3) if equity else m.end(2)
        out.append(SymbolHit(m.start(), stop, (_with_suffix(code.replace("/", "-"),
                                                            BLOOMBERG_SUFFIX[market]),),
                             "bloomberg"))
