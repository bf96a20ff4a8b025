"""Company names as the catalog build reads, tidies, compares and matches them.

Tidying: SEC conformed names ("HORTON D R INC /DE/") become display names ("D.R. Horton Inc."),
legal forms and qualifiers come off, names compare by a key that ignores case, accents,
punctuation and legal form (and, for the SEC's surname-first forms, word order).

Matching: a name alone is "distinctive" when it is safe to tag without context; otherwise it
is still a name, but the tagging engine wants context before it counts (catalog "ambiguous"
names). How common a word is comes from wordfreq's Zipf frequencies (0 = unknown, 3 = once per
million words, 7 = "the"), and first names from gender-guesser's dictionary (given_names.py):
data made for the purpose, not lists typed by hand.

Needs wordfreq and gender-guesser at build time (pip install -e '.[catalog]').
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

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
    "telecom", "therapeutics", "usa", "worldwide", "electric", "research", "bancorp",
    "bancorporation", "bancshares", "motor", "motors", "airlines", "banking",
    # trades that outlets drop from a longer name ("Casio", "Shandong Gold", "Genus Power")
    "computer", "computers", "mining", "infrastructure", "infrastructures", "engineering",
    "logistics", "construction", "manufacturing", "shipbuilding", "shipping", "textiles",
}


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


def bag_key(name: str) -> str:
    """key() with its words sorted: "HORTON D R INC" and "D.R. Horton, Inc." give one key."""
    return " ".join(sorted(key(name).split()))


def conformed(name: str) -> bool:
    """An SEC conformed name: capitals, but for a stray "Co" or "Inc." ("J M SMUCKER Co")."""
    lower = sum(c.islower() for c in name)
    return lower <= 2 and sum(c.isupper() for c in name) > 2 * lower + 2


def initials_first(name: str) -> str:
    """Founders' initials where the press writes them: the SEC puts them after the surname
    ("HORTON D R INC" is D.R. Horton) or spaces them out ("A O SMITH" is A.O. Smith)."""
    words = name.split()
    lead = 0
    while lead < len(words) and len(words[lead]) == 1 and words[lead].isalpha():
        lead += 1
    if lead >= 2 and lead < len(words):
        return "".join(w + "." for w in words[:lead]) + " " + " ".join(words[lead:])
    after = 1
    while after < len(words) and len(words[after]) == 1 and words[after].isalpha():
        after += 1
    if after > 1 and len(words[0]) >= 3 and words[0].isalpha():
        initials = "".join(w + "." for w in words[1:after])
        return " ".join([initials, words[0], *words[after:]])
    return name


SMALL_WORDS = {"OF", "AND", "THE", "FOR", "DE", "DA", "DEL", "LA", "LE", "DU", "VON", "VAN"}


def pretty_name(raw: str) -> str:
    """Display form of a data-file name; conformed upper-case names are title-cased."""
    name = strip_noise(raw)
    if not conformed(name):
        return name
    words = []
    for i, word in enumerate(initials_first(name).split()):
        core = word.strip(",.")
        if core in SUFFIX_STYLE and i > 0:
            words.append(SUFFIX_STYLE[core] + ("," if word.endswith(",") else ""))
        elif core in KEEP_UPPER or "&" in core or any(c.isdigit() for c in core) or (
                re.fullmatch(r"(?:[A-Z]\.)+", word.rstrip(","))):
            words.append(word)
        elif len(core) <= 4 and not re.search(r"[AEIOUY]", core):
            words.append(word)  # an acronym such as CSX, PNC or DFDS
        elif i > 0 and core in SMALL_WORDS:
            words.append(word.lower())
        elif core.startswith("MC") and len(core) > 3:
            words.append("Mc" + word[2:].capitalize())
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(words)


COMMON_ZIPF = 3.0  # once per million words of English or more: a word, not only a name
WEAK_MAX_ZIPF = 4.0  # a one-word name more common than this ("Hunting", "Next") is not matched
GIVEN_NAME_FREQUENCY = 4  # on gender-guesser's 1..13 scale: a first name common somewhere


def _wordfreq() -> Callable[[str], float]:
    try:
        from wordfreq import zipf_frequency
    except ImportError as exc:  # a build-time dependency
        raise SystemExit("the wordfreq package is needed to build the catalog "
                         "(pip install -e '.[catalog]')") from exc
    return lambda text: float(zipf_frequency(text, "en"))


def _given() -> frozenset[str]:
    from given_names import read_given_names

    return frozenset(fold(n.name) for n in read_given_names().values()
                     if n.frequency >= GIVEN_NAME_FREQUENCY)


class Words:
    """How common a word or phrase is in English, and whether a word is a first name."""

    def __init__(self, zipf: Callable[[str], float] | None = None,
                 given: frozenset[str] | None = None) -> None:
        self._zipf = cache(zipf or _wordfreq())
        self.given = _given() if given is None else given

    def zipf(self, text: str) -> float:
        """wordfreq's Zipf frequency of the text as English words (0: unknown)."""
        return self._zipf(fold(text))

    def common(self, word: str) -> bool:
        word = fold(word.strip(".,()'’"))
        return self._zipf(word) >= COMMON_ZIPF or word in self.given

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


def forms(name: str) -> tuple[list[str], list[str]]:
    """The ways a company is written, longest first: its name without legal form, then without
    organisation words ("Holdings", "Group"); and, apart, the shorter ones without the trade
    words at its end, one by one ("FactSet Research Systems", "FactSet Research", "FactSet")."""
    found: list[str] = []
    for org_words in (False, True):
        form = re.sub(r"\s*\([^)]*\)", "", strip_suffixes(name, org_words=org_words))
        form = " ".join(form.strip(" ,-").split())
        if form and form not in found:
            found.append(form)
    shorter: list[str] = []
    parts = found[-1].split() if found else []
    while len(parts) > 1 and fold(parts[-1].strip(",")) in DESCRIPTOR_WORDS:
        parts.pop()
        if fold(parts[-1]) in _CONNECTORS:
            break
        shorter.append(" ".join(parts).rstrip(","))
    return found, shorter


_CONNECTORS = {"of", "and", "&", "the", "de", "-", "for", "in"}
_LEGAL_WORDS = {"Corp", "Corp.", "Corporation", "Inc", "Inc.", "Ltd", "Ltd.", "Limited", "plc",
                "PLC", "Plc", "AG", "SE", "SA", "S.A.", "NV", "N.V.", "ASA", "AB", "Co", "Co."}


def with_legal_word(name: str) -> str | None:
    """"Delta Corp" for Delta Corp Ltd: a one-word name that is too common alone is still the
    company with the legal word it is written with (it is the company's name, not a generic
    word made a name)."""
    words = strip_noise(name).replace(",", "").split()
    while len(words) > 2 and words[-1] in _LEGAL_WORDS:
        words.pop()
    if len(words) == 2 and words[1] in _LEGAL_WORDS and fold(words[0]) not in GENERIC_WORDS:
        return " ".join(words).rstrip(".")
    return None


def name_forms(name: str, words: Words, *, from_upper: bool, notable: bool,
               small: bool = False) -> tuple[list[str], list[str]]:
    """A company's names: the distinctive ones, safe alone, and the others, which the engine
    tags only when the article's context says it is the company ("Celsius", "Hunting").
    small: a small company's one-word name is never safe alone, however rare as English:
    it is as likely someone's surname somewhere ("Kamada" is a small Israeli drug maker and
    a Japanese analyst)."""
    safe: list[str] = []
    weak: list[str] = []
    full, shorter = forms(name)
    for form in full:
        if words.distinctive(form, from_upper=from_upper, notable=notable):
            safe.append(form)
        elif weak_enough(form, words):
            weak.append(form)
    # A shortened name is only worth having when it is distinctive: "Shenzhen" from
    # "Shenzhen International Holdings" is a city before it is that company.
    safe += [f for f in shorter
             if words.distinctive(f, from_upper=from_upper, notable=notable)]
    # A longer form adds nothing once a shorter one is safe: the engine reads the trade words
    # and legal form after a name as part of it ("FactSet Research Systems Inc.").
    safe = [f for f in safe if not any(f.startswith(o + " ") for o in safe)]
    if small:
        weak += [f for f in safe if " " not in f and weak_enough(f, words)]
        safe = [f for f in safe if " " in f]
    if not safe and not weak:
        legal = with_legal_word(name)
        if legal:
            safe.append(legal)
    return safe, weak


def weak_enough(form: str, words: Words) -> bool:
    """Worth weighing at all: letters, and not a generic or very common single word."""
    if len(form) < 3 or not re.search(r"[A-Za-z].*[A-Za-z]", form):
        return False
    if form.isupper() and len(form) <= 3:
        return False  # "ESG", "CEO", "GDP": an acronym of three letters is rarely a name
    return " " in form or (fold(form) not in GENERIC_WORDS and fold(form) not in words.given
                           and words.zipf(form) < WEAK_MAX_ZIPF)
