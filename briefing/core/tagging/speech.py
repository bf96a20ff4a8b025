"""The words attribution reads: speech verbs, found word by word, and sentences, found a
paragraph at a time; with the Said record of who an attribution names.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

MORE_VERBS: Final = (
    # reporting verbs, present and past, British and American spellings
    "mentioned", "mentions", "opined", "opines", "analysed", "analyzed", "analyzes",
    "summarised", "summarized", "summarises", "summarizes", "asserted", "asserts", "affirmed",
    "affirms", "contended", "contends", "responded", "responds", "answered", "replies",
    "stresses", "emphasises", "emphasizes", "highlights", "observes", "cautions", "concludes",
    "declares", "suggests", "reveals", "confirmed", "confirms", "elaborated", "underlined",
    "underlines", "underscored", "underscores", "indicated", "indicates", "retorted",
    "exclaimed", "lamented", "laments", "complained", "complains", "boasted", "boasts", "mused",
    "muses", "reasoned", "surmised", "testified", "announces", "reiterates", "insists",
    "reckons", "maintains", "concedes", "counters", "recounted", "recounts", "specified",
    "mentioning", "emphasising", "emphasizing", "underlining", "asserting",
    # the verbs translated Korean and Chinese copy attributes with ("X diagnosed, '…'")
    "diagnosed", "diagnoses", "evaluated", "evaluates", "projected", "advised", "advises",
    "interpreted", "interprets", "assessed", "assesses", "judged", "forecasted", "elaborates",
    "clarified", "clarifies", "answers",
)
VERBS: Final = (
    "said", "says", "added", "adds", "adding", "wrote", "writes", "told", "tells", "noted",
    "notes", "warned", "warns", "explained", "explains", "argued", "argues", "continued",
    "cautioned", "predicted", "insisted", "observed", "stressed", "commented", "remarked",
    "asked", "replied", "acknowledged", "conceded", "estimated", "reckoned", "concluded",
    "recalled", "posted", "stated", "declared", "suggested", "countered", "maintained",
    "called", "described", "describes", "calls", "predicts", "expects", "expected", "vowed",
    "vows", "promised", "promises", "pledged", "reported", "reports", "revealed", "announced",
    "reiterated", "emphasised", "emphasized", "highlighted", "admitted", "claimed", "claims",
    "believes", "thinks", "sees", "forecast", "forecasts", "quipped", "joked", "tweeted",
    "read", "reads", "calling", "saying", "noting", "describing", "warning", "arguing",
    "insisting", "urged", "assured", "citing", "expecting", "acknowledges", "admitted",
    "admits", "pointed out", "points out", "labelled", "labeled", "dubbed", "branded", "termed",
    "accused", "accuses", "alleged", "alleges", "confessed", "confesses", "admit", "stating",
    "believing", "claiming", "predicting", "stressing", "explaining", "reiterating",
    "acknowledging", "conceding",
    # verbs that characterise: their object in quotes is the subject's words
    "attributed", "dismissed", "hailed", "hailing", "praised", "welcomed", "criticised",
    "criticized", "slammed", "blamed", "touted", "flagged", "highlighting", "cited", "likened",
    "characterised", "characterized", "lauded",
    # and as headlines write them, in the present ("X hails 'new era'", "X slams 'unfair' levy")
    "hails", "praises", "welcomes", "criticises", "criticizes", "slams", "blames", "touts",
    "flags", "cites", "lauds", "dismisses", "likens", "characterises", "characterizes",
    # the present as translated and French copy writes it ("…," continues Jane Doe)
    "continues", "concludes", "comments", "observes", "stresses", "recalls", "suggests",
    "estimates", "remarks", "emphasises", "emphasizes", "underlines", "cautions", "states",
    # participles of reporting: "X rose after reporting that the 'strong demand' held"
    "reporting", "revealing", "announcing",
    *MORE_VERBS,
)
# verbs that name things: "analysts dubbed it the 'X trade'", "what traders refer to as"
NAMING: Final = frozenset({"labelled", "labeled", "dubbed", "branded", "termed", "called", "calls",
                           "calling", "referred to as"})
# Verbs after which a short quote is a label unless their subject is someone: those that
# characterise rather than speak ("the data suggests a 'soft landing'"), and all the verbs
# added for copy from more outlets (they made no short quote a quotation before).
INFINITIVES: Final = frozenset({"note", "say", "warn", "stress", "mention", "explain", "argue",
                                "insist"})  # "except to note that …"
WEAK: Final = frozenset(MORE_VERBS) | INFINITIVES
# Participles hang off the sentence's subject ("Jane Doe praised the deal, calling it …").
PARTICIPLES: Final = frozenset({"adding", "calling", "saying", "noting", "describing", "warning",
                                "arguing", "insisting", "citing", "expecting", "stating",
                                "believing", "claiming", "predicting", "stressing", "explaining",
                                "reiterating", "acknowledging", "conceding", "hailing",
                                "highlighting", "mentioning", "emphasising", "emphasizing",
                                "underlining", "asserting", "reporting", "revealing",
                                "announcing"})
VERB_SET: Final = frozenset(v for v in VERBS if " " not in v)
_VERB_SET: Final = VERB_SET
LABELLING: Final = frozenset({"referred to as"})  # "what traders refer to as the 'X'": a name
_SHORTEST_VERB: Final = min(len(v) for v in _VERB_SET)  # 4: "said", "told"
_LONGEST_VERB: Final = max(len(v) for v in _VERB_SET | {"pointed", "quoted"})  # "characterised"
_QUOTED_AS: Final = re.compile(r"\b(?:was|were|is|been)[ \t]+$")
_AS_SAYING: Final = re.compile(r"[^.;“”\"]{0,60}?\bas[ \t]+saying\b")


class Verb:
    # A plain class: mypyc compiles its __init__ (a dataclass's stays interpreted).
    def __init__(self, start: int, end: int, word: str) -> None:
        self.start = start
        self.end = end
        self.word = word  # lower case; "quoted" for "was quoted (cited) … as saying", which
        # starts at "was"


# Words are read as the pattern [A-Za-z]+(?:[-'’][A-Za-z]+)* reads them ("so-called" is one
# word, not "called"), by a loop over character codes: compiled, it is several times faster
# than a regular expression's match objects, and it can stop at the first verb or read from
# the end for the last one.
def _letter(code: int) -> bool:
    return 97 <= code <= 122 or 65 <= code <= 90


def _joins(code: int) -> bool:
    return code == 45 or code == 39 or code == 8217  # - ' ’


def _word_end(words: str, i: int, size: int) -> int:
    """The end of the word that starts with the letter at i."""
    i += 1
    while i < size:
        if _letter(ord(words[i])):
            i += 1
        elif _joins(ord(words[i])) and i + 1 < size and _letter(ord(words[i + 1])):
            i += 2
        else:
            break
    return i


def _word_start(words: str, i: int, lo: int) -> int:
    """The start of the word that ends with the letter at i - 1 (none starts before lo)."""
    i -= 1
    while i > lo:
        if _letter(ord(words[i - 1])):
            i -= 1
        elif _joins(ord(words[i - 1])) and i - 2 >= lo and _letter(ord(words[i - 2])):
            i -= 2
        else:
            break
    return i


def _verb(words: str, start: int, end: int) -> Verb | None:
    """The speech verb that is the word words[start:end], if it is one."""
    if not _SHORTEST_VERB <= end - start <= _LONGEST_VERB and not (
            end - start == 3 and (words.startswith("ut it", start + 1) or
                                  words.startswith("say", start))):
        return None  # ("put it", "to say": the shorter ones)
    word = words[start:end].lower()
    if word in _PASSIVE:  # "X was quoted as saying", "X was cited as saying": from "was"
        aux = _QUOTED_AS.search(words, max(0, start - 12), start)
        saying = _AS_SAYING.match(words, end) if aux else None
        if aux and saying:
            return Verb(aux.start(), saying.end(), "quoted")
    if word in _VERB_SET:
        if word.startswith("expect") and words.startswith(" to ", end):
            return None  # "profit expected to rise": a forecast, not speech
        return Verb(start, end, word)
    if word in INFINITIVES and words.endswith("to ", max(0, start - 4), start) and \
            (start < 4 or not words[start - 4].isalpha()):  # "except to note that"
        return Verb(start, end, word)
    if (word == "pointed" or word == "points") and words.startswith(" out", end):
        return Verb(start, end + 4, word + " out")
    if (word == "summed" or word == "sums") and words.startswith(" up", end):
        return Verb(start, end + 3, word + " up")
    if (word == "put" or word == "puts") and words.startswith(" it", end) and \
            not words[end + 3:end + 4].isalpha():  # "as Jane Doe put it", "Doe put it bluntly"
        return Verb(start, end + 3, word + " it")
    if word in _REFER and words.startswith(" to as", end):  # "what analysts refer to as"
        return Verb(start, end + 6, "referred to as")
    return None


_REFER: Final = frozenset({"refer", "refers", "referred", "referring"})


_PASSIVE: Final = frozenset({"quoted", "cited", "reported"})


def first_verb(words: str) -> Verb | None:
    """The first speech verb of a stretch of text (a set lookup per word: a regular expression
    alternation of the verbs costs ten times more)."""
    i, size = 0, len(words)
    while i < size:
        if not _letter(ord(words[i])):
            i += 1
            continue
        end = _word_end(words, i, size)
        verb = _verb(words, i, end)
        if verb is not None:
            return verb
        i = end
    return None


def last_verb(words: str, pos: int) -> Verb | None:
    """The last speech verb of words[pos:], read from the end."""
    i = len(words)
    while i > pos:
        if not _letter(ord(words[i - 1])):
            i -= 1
            continue
        start = _word_start(words, i, pos)
        verb = _verb(words, start, i)
        if verb is not None:
            return verb
        i = start
    return None


_BOUNDARY: Final = re.compile(r"[.!?](?:[”\"’']?\s+(?=[A-Z“\"‘])|(?=[”\"’']?[ \t]*(?:\n|$)))")
_ABBREV: Final = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Inc|Corp|Ltd|Co|Jr|Sr|No|vs|U\.S|U\.K|"
                            r"Dy|Jt|Asst|Pvt|Govt|Gen|Exec|"  # "CEO & Dy. Managing Director"
                            r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)|(?:^|[\s.])[A-Z])\.$")


class Said:
    def __init__(self, subject: str, at: int, naming: bool = False) -> None:
        self.subject = subject  # the words naming the speaker ("Jane Doe, an analyst at X")
        self.at = at  # where they are
        self.naming = naming  # the verb names a thing rather than quotes words ("dubbed it")
        self.firm = False  # the text calls the subject a firm ("the broker Example Partners")


class Sentences:
    """Sentence boundaries, found a paragraph at a time, only for the paragraphs a quotation
    asks about: (punctuation position, next sentence's start)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._paragraphs: dict[int, tuple[list[int], list[int]]] = {}

    def _boundaries(self, p_start: int, p_end: int) -> tuple[list[int], list[int]]:
        found = self._paragraphs.get(p_start)
        if found is None:
            found = self._paragraphs[p_start] = _sentence_ends(self.text, p_start, p_end)
        return found

    def paragraph(self, at: int) -> tuple[int, int]:
        """The line around `at` (looked up with str.find: no table of the text's lines)."""
        at = max(at, 0)
        p_end = self.text.find("\n", at)
        return self.text.rfind("\n", 0, at) + 1, p_end if p_end >= 0 else len(self.text)

    def bounds(self, at: int) -> tuple[int, int]:
        """The sentence around position `at`, within its paragraph."""
        p_start, p_end = self.paragraph(at)
        marks, nexts = self._boundaries(p_start, p_end)
        i = bisect.bisect_right(nexts, at + 1)  # boundaries that end at or before `at`
        start = p_start
        if i and nexts[i - 1] > p_start:
            start = nexts[i - 1]
        j = bisect.bisect_left(marks, at)
        end = marks[j] + 1 if j < len(marks) else p_end
        return start, end


def _sentence_ends(text: str, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Where the sentences of text[lo:hi] end: _BOUNDARY.finditer's matches, tried only at the
    punctuation str.find finds, and only where a space, a quote mark or the end follows."""
    found: list[int] = []
    for ch in ".!?":
        i = text.find(ch, lo, hi)
        while i >= 0:
            if i + 1 == hi or text[i + 1].isspace() or text[i + 1] in _AFTER_STOP:
                found.append(i)
            i = text.find(ch, i + 1, hi)
    found.sort()
    marks: list[int] = []
    nexts: list[int] = []
    for pos in found:
        m = _BOUNDARY.match(text, pos, hi)
        if m is None or text[pos] == "." and _abbreviation(text, pos):
            continue  # "Mr.", "Co.", "U.S." end no sentence
        marks.append(pos)
        nexts.append(m.end() if m.end() > pos + 1 else pos + 1)
    return marks, nexts


def _abbreviation(text: str, pos: int) -> bool:
    """Whether the full stop at pos ends an abbreviation, as _ABBREV finds. Each one it knows
    ends the word of one to four letters before the stop ("Mr", "Sept", the "S" of "U.S"), so
    the search is left out after a longer word or none (most full stops)."""
    k = pos
    while k > 0 and pos - k < 5 and (text[k - 1].isalnum() or text[k - 1] == "_"):  # \w
        k -= 1
    if not 1 <= pos - k <= 4:
        return False
    return _ABBREV.search(text, max(0, pos - 6), pos + 1) is not None


_AFTER_STOP: Final = "”\"’'"  # the quote marks _BOUNDARY lets follow a sentence's last word


def word_spans(words: str) -> list[tuple[int, str]]:
    r"""(start, word) of each run of non-space characters, as re.finditer(r"\S+") finds them
    (str.split splits on the same spaces; str.find places each word after the last)."""
    found: list[tuple[int, str]] = []
    pos = 0
    for word in words.split():
        pos = words.find(word, pos)
        found.append((pos, word))
        pos += len(word)
    return found
