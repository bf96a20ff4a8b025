"""Weighted evidence that a name which is also a word, a place or a person is the company.

"Target", "Shell" or "Persimmon" name companies only in some sentences; so do the plain names
of thousands of small companies. Each kind of evidence is a feature of the mention: how common
the name is as English (wordfreq), the company's size, a price move or a percentage in its
clause, market words around it, a list of other companies it stands in, its own ticker after
it, the article's market, and the traps (a first name or title before it, a capitalised word
that makes it part of a longer name, the start of a sentence). A small logistic model weighs
them; its weights, and the market words with theirs, are fitted on labelled real paragraphs by
scripts/fit_evidence.py and shipped in resources/tagging/evidence.json.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..paths import resources_dir

FEATURES = (
    "zipf",  # the name's commonness as English words, Zipf scale (0 unknown .. 7 "the")
    "size",  # 0 mega cap .. 5 nano cap (names of big companies need less context)
    "words",  # words in the name beyond the first (0, 1, 2)
    "cue",  # the market words around it, each weighted by how often it means a company
    "percent",  # a percentage or price in its clause
    "move",  # a price verb right after it, or "shares of" before it
    "listed",  # other companies beside it in a list ("Nvidia, Meta and Netflix")
    "corroborated",  # the same company is named unambiguously elsewhere in the text
    "region",  # +1 the article's market is the company's, -1 another market, 0 unknown
    "start",  # first word of a sentence: its capital says nothing
    "longer",  # a capitalised word right before or after: part of a longer name
    "person",  # a first name, title or honorific right before it
    "owners",  # other entities answering to the same name
    "article",  # "the" before it: +1 for an index ("the Dow"), -1 for a company ("the Amazon")
    "bare",  # no market word, figure, price move or list at all, times the name's commonness
)


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]  # one per feature, in FEATURES order
    bias: float
    threshold: float  # probability at or above which the mention is the company
    cues: dict[str, float]  # word -> weight (log-odds of a company beside it)
    moves: frozenset[str]  # price verbs ("rose", "slumped")

    def probability(self, x: list[float]) -> float:
        z = self.bias
        for w, v in zip(self.weights, x, strict=True):
            z += w * v
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def model_path() -> Path:
    return resources_dir() / "tagging" / "evidence.json"


def load_model(path: Path | None = None) -> Model:
    raw = json.loads((path or model_path()).read_text(encoding="utf-8"))
    weights = raw["weights"]
    return Model(weights=tuple(float(weights.get(f, 0.0)) for f in FEATURES),
                 bias=float(raw["bias"]), threshold=float(raw["threshold"]),
                 cues={str(k): float(v) for k, v in raw["cues"].items()},
                 moves=frozenset(str(w) for w in raw["moves"]))


# -- the context of a mention ---------------------------------------------------------------

REACH = 160  # characters looked at on either side, within the sentence
WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")  # a word of lower-cased text
_PERCENT = re.compile(r"\d(?:[\d,.]*\d)?\s?(?:%|per\s?cent\b|percent\b|pc\b|bps\b)|"
                      r"[$€£¥₹]\s?\d|\d\s?(?:pence|cents|yen|won|rupees)\b")
_SHARES_OF = re.compile(r"(?:shares|stock|stocks|ADRs|bonds)\s+(?:of|in)\s+$")
_POSSESSIVE_SHARES = re.compile(r"(?:['’]s?)?\s+(?:shares|stock|ADRs)\b")
_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b|\bor\b|\bas well as\b|\bplus\b)\s*")
_HONORIFIC = frozenset("""Mr Mrs Ms Dr Sir Dame Lord Lady Prof President Chairman Senator
Governor Minister Judge Justice Rep Sen Gov""".split())


_ENDS = (". ", "! ", "? ", ".\" ", ".” ", "\n")


def sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of the mention's sentence within REACH characters of it. Sentence ends are
    found with str.find: a regular expression here cost more than the rest of the evidence."""
    lo = max(0, start - REACH)
    left = lo
    for mark in _ENDS:
        at = text.rfind(mark, lo, start)
        if at >= 0 and at + len(mark) > left:
            left = at + len(mark)
    hi = min(len(text), end + REACH)
    right = hi
    for mark in _ENDS:
        at = text.find(mark, end, right)
        if at >= 0:
            right = at + 1
    return left, right


def words_around(text: str, start: int, end: int, lo: int, hi: int) -> list[str]:
    """Ten words on either side, lower case (about 100 characters each way are enough)."""
    return (WORD.findall(text[max(lo, start - 100):start].lower())[-10:]
            + WORD.findall(text[end:min(hi, end + 100)].lower())[:10])


def cue_score(words: list[str], cues: dict[str, float]) -> float:
    """The market words' weights, each word once, limited to a few words' worth."""
    total = 0.0
    for word in set(words):
        total += cues.get(word, 0.0)
    return max(-4.0, min(4.0, total))


def has_percent(text: str, lo: int, hi: int) -> bool:
    """A percentage or a price: cheap string tests first, the pattern only to confirm."""
    window = text[lo:hi]
    if not any(c in window for c in _FIGURE_SIGNS) and "cent" not in window and (
            "pence" not in window and "yen" not in window and "won" not in window
            and "rupee" not in window and "bps" not in window and "pc" not in window):
        return False
    return _PERCENT.search(text, lo, hi) is not None


_FIGURE_SIGNS = "%$€£¥₹"


def price_move(text: str, start: int, end: int, moves: frozenset[str]) -> bool:
    """The name as a share: a price verb right after it ("Target fell", "Tesco was up"),
    "shares" or "stock" after it ("Target shares") or "shares of" before it."""
    if _SHARES_OF.search(text, max(0, start - 20), start):
        return True
    if _POSSESSIVE_SHARES.match(text, end):
        return True  # "Visa stock", "Target shares", "Shell's shares": a share here
    if _listing_entry(text, start, end):
        return True
    words = WORD.findall(text[end:end + 40].lower())[:2]
    # The verb right after the name, or after "was"/"were"/"had" ("Tesco was up 2%"), not
    # a verb two nouns later ("the Amazon basin rose").
    if words and words[0] in ("was", "were", "had", "has", "have", "is", "are"):
        words = words[1:]
    return bool(words) and words[0] in moves


_ENTRY_AFTER = re.compile(r"(?:\s*\([^)\n]{1,40}\))?\s*(?::|\s[-–—]\s)")


def _listing_entry(text: str, start: int, end: int) -> bool:
    """A line that opens with the name and a colon or a dash, as market round-ups list their
    companies ("Diploma: Jefferies raises target", "Block - Shares plunged 14%")."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" *•-–"):
        return False
    return _ENTRY_AFTER.match(text, end) is not None


def is_start(text: str, start: int) -> bool:
    """The first word of a sentence, a paragraph, a quotation or a heading."""
    before = text[max(0, start - 4):start].rstrip(" \t")
    return not before or before[-1] in ".!?\n“\"‘(:—–-*•|"


_CAPITAL_BEFORE = re.compile(r"([A-Z][\w&'’.-]*) $")
# Words after a company's name that keep it that company: a title ("Apple Chief Executive"),
# its legal form, or its shares.
TITLE_OR_FORM = frozenset("""Chief CEO Executive President Chairman Chairwoman Founder Director
Spokesman Spokeswoman Analyst Analysts Vice Head Inc Corp Ltd Limited Group Holdings Co Shares
Stock Stocks Said Says ADR ADRs GDR GDRs""".split())
# With an unlisted arm's word too, that the reader follows through its listed parent ("Nomura
# Securities", "UBS Asset Management", "Allianz Global Investors"): for a name the catalog is
# sure of, not as evidence for a weighed one ("Naito Securities" is not Naito & Co.).
STILL_THE_COMPANY = TITLE_OR_FORM | frozenset("""Securities Asset Capital Investments Investment
Investors Research Global Markets Management Wealth Advisors Advisers Bank Banking Financial
Life Insurance Brokerage Broking International Americas Europe Asia UK US USA""".split())
_CAPITAL_AFTER = re.compile(r" (?:of |de |du |der )?([A-Z][\w&'’-]*)")


def joined_before(text: str, start: int) -> bool:
    """A capitalised word right before the name, not starting its sentence ("Crescent Peak
    Partners"): the name ends a longer one the catalog does not know."""
    if start < 2 or text[start - 1] != " " or not text[start - 2].isalnum():
        return False
    m = _CAPITAL_BEFORE.search(text, max(0, start - 30), start)
    return bool(m and m.group(1) not in _HONORIFIC and not is_start(text, m.start()))


def longer_name(text: str, start: int, end: int) -> bool:
    """A capitalised word joined to the name on either side ("Apple Daily", "Crescent Peak
    Partners"): the name is part of a longer one the catalog does not know. A title or a
    legal form after it ("Escorts Chairman") keeps it the company."""
    if joined_before(text, start):
        return True
    m = _CAPITAL_AFTER.match(text, end)
    return bool(m and not m.group(1).isupper() and m.group(1) not in TITLE_OR_FORM)


def own_name_end(text: str, end: int, own_name: str) -> int:
    """Where the company's own name ends when the text writes more of it than the catalog's
    short form ("Comer Industries" for Comer): the end of the last word that is its own."""
    words = own_name.lower().replace(",", " ").split()
    m = _CAPITAL_AFTER.match(text, end)
    while m is not None and m.group(1).lower() in words:
        end = m.end()
        m = _CAPITAL_AFTER.match(text, end)
    return end


def article_before(text: str, start: int) -> bool:
    return text[max(0, start - 4):start] in ("the ", "The ")


def word_before(text: str, start: int) -> str:
    """The capitalised word right before a name, one space between them ("" if none); a
    full stop after it is dropped ("Mr." gives "Mr"). Read by hand: this runs for every name."""
    end = start - 1
    if end < 1 or text[end] != " ":
        return ""
    if text[end - 1] == ".":
        end -= 1
    begin = end
    while begin > 0 and end - begin < 20 and text[begin - 1].isalpha():
        begin -= 1
    word = text[begin:end]
    return word if word[:1].isupper() else ""


def person_before(text: str, start: int, given: frozenset[str]) -> bool:
    """A first name, title or honorific right before: "Michael Dell", "Mr Target". After a
    full stop only an honorific counts ("Mr. Target"): "sales fell in May. Example rose" ends
    one sentence with a month that is also a first name and starts the next with a name."""
    word = word_before(text, start)
    if not word:
        return False
    if text[start - 2] == ".":
        return word in _HONORIFIC
    return word in given or word in _HONORIFIC


def listed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """How many names stand right beside this one in a list, joined by commas or "and".
    `spans` are the names' (start, end), sorted: only the two neighbours are looked at."""
    count = 0
    at = bisect.bisect_left(spans, (start, end))
    if at > 0:
        e = spans[at - 1][1]
        if e <= start and start - e <= 12 and _SEPARATOR.fullmatch(text, e, start):
            count += 1
    after = at + 1 if at < len(spans) and spans[at] == (start, end) else at
    if after < len(spans):
        s = spans[after][0]
        if s >= end and s - end <= 12 and _SEPARATOR.fullmatch(text, end, s):
            count += 1
    return count
