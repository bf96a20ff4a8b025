"""Where a quotation's attribution is, and the words that name its speaker.

An attribution is read from the quotation's own sentence: after it ("…," said X / X, a …,
said / X was quoted as saying / X, title, Firm.), or before it (X said: "…" / according to X,
"…" / As the newspaper reported, "…"), or, for a fragment quoted inside a sentence, from the
subject of the speech verb before it (X called it "…" / X vowed tariffs "…" / the company
promises what it calls "…"). The subject is returned as written; resolving it to a speaker is
the caller's work.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from .names import (
    CROWDS,
    NAME,
    ORG,
    ORG_NOUNS,
    PRONOUNS,
    TITLE_WORDS,
    UP,
    is_person,
)
from .quote_marks import Span

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
)
NAMING: Final = frozenset({"labelled", "labeled", "dubbed", "branded", "termed", "called", "calls",
                           "calling"})  # verbs that name things: "analysts dubbed it the 'X trade'"
# Participles hang off the sentence's subject ("Jane Doe praised the deal, calling it …").
PARTICIPLES: Final = frozenset({"adding", "calling", "saying", "noting", "describing", "warning",
                                "arguing", "insisting", "citing", "expecting"})
_VERB_SET: Final = frozenset(v for v in VERBS if " " not in v)
_SHORTEST_VERB: Final = min(len(v) for v in _VERB_SET)  # 4: "said", "told"
_LONGEST_VERB: Final = max(len(v) for v in _VERB_SET | {"pointed", "quoted"})  # 12: "acknowledged"
_QUOTED_AS: Final = re.compile(r"(?:was|were|is|been)[ \t]+$")
_AS_SAYING: Final = re.compile(r"[^.;“”\"]{0,60}?\bas[ \t]+saying\b")


class Verb:
    # A plain class: mypyc compiles its __init__ (a dataclass's stays interpreted).
    def __init__(self, start: int, end: int, word: str) -> None:
        self.start = start
        self.end = end
        self.word = word  # lower case; "quoted" for "was quoted … as saying"


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
    if not _SHORTEST_VERB <= end - start <= _LONGEST_VERB:
        return None
    word = words[start:end].lower()
    if word in _VERB_SET:
        return Verb(start, end, word)
    if (word == "pointed" or word == "points") and words.startswith(" out", end):
        return Verb(start, end + 4, word + " out")
    if word == "quoted" and _QUOTED_AS.search(words, max(0, start - 12), start):
        saying = _AS_SAYING.match(words, end)
        if saying:
            return Verb(start, saying.end(), word)
    return None


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


_ACCORDING_TO: Final = re.compile(r"\b[Aa]ccording to[ \t]+(" + ORG + r"|the[ \t]+[a-z]+)")
_AS_X_SAID: Final = re.compile(
    r"(?:[Aa]ccording to|\b[Aa]s|[Ii]n the words of)[ \t]+(?P<who>[^,“”\"]{2,80}?)(?:[ \t]+(?:"
    r"reported|put it|noted|said|wrote|told[^,]{0,40}|has said|had said|says))?[ \t]*,[ \t]*$")
_CLAUSE_BREAK: Final = re.compile(r"\s+(?:as|while|after|before|when|because|since|in|on|to)\s+")
_LEAD_BREAK: Final = re.compile(r"\b(?:after|as|while|when|because|since|though|although|but|"
                                r"whereas)[ \t]+|;[ \t]*")
_COLON_LEAD: Final = re.compile(r"^\s*(?:\[[^\]]{1,20}\]\s*)?(" + UP + r"[^:“”\"]{1,60}?):\s*$")
_NAME_ONLY: Final = re.compile(r"[ \t]*(" + NAME + r")[ \t]*(?:,|\.|$)")
_NAME_AT: Final = re.compile(r"[ \t]*(" + NAME + r")")
_BOUNDARY: Final = re.compile(r"[.!?](?:[”\"’']?\s+(?=[A-Z“\"‘])|(?=[”\"’']?[ \t]*(?:\n|$)))")
_ABBREV: Final = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Inc|Corp|Ltd|Co|Jr|Sr|No|vs|U\.S|U\.K|"
                            r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)|(?:^|[\s.])[A-Z])\.$")
_SKIP_BEFORE_VERB: Final = frozenset("""
also later then instead previously again however earlier now still separately further had has
have was is would will could may might recently once yesterday today on last this monday
tuesday wednesday thursday friday saturday sunday week
""".split())
_SUBJECT_STARTS: Final = frozenset("""
the a an one two three some several many most other another people sources analysts traders
investors economists strategists officials executives bankers dealers he she they it we its
their his her management
""".split())
ATTRIBUTION_REACH: Final = 400  # characters on either side of a quotation searched for its speaker


class Said:
    def __init__(self, subject: str, at: int, naming: bool = False) -> None:
        self.subject = subject  # the words naming the speaker ("Jane Doe, an analyst at X")
        self.at = at  # where they are
        self.naming = naming  # the verb names a thing rather than quotes words ("dubbed it")


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


def after(text: str, span: Span, sentences: Sentences) -> Said | None:
    """An attribution after the quotation, in the same sentence (read by index: copying the
    quotation and the text after it cost more than the reading)."""
    at = span.close_at
    limit = min(len(text), at + ATTRIBUTION_REACH)
    lead = at  # the first character after the closing mark that is not a space
    while lead < limit and (text[lead] == " " or text[lead] == "\t"):
        lead += 1
    if lead == limit or text[lead] == "\n":
        return None
    quote_end = span.end  # the quotation without the spaces and commas it ends with
    while quote_end > span.start and (text[quote_end - 1] == " " or text[quote_end - 1] == ","):
        quote_end -= 1
    ended = _ends_sentence(text, span.start, quote_end) and not (
        text[lead].islower() or text[lead] == ":")
    if ended and text[quote_end - 1] in ".…":
        return None
    _, end = sentences.bounds(at)
    stop = min(limit, end) if end > at else limit
    for mark in ("“", '"', "‘", "\n"):  # the attribution ends where another quotation opens
        cut = text.find(mark, at, stop)
        if cut >= 0:
            stop = cut
    return _read_after(text[at:stop], at, ended)


def _ends_sentence(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] ends a sentence, as r"[.!?…]['’]?$" finds: a stop, perhaps with an
    apostrophe, at its end or (as "$" reads it) before a newline that ends it."""
    if hi > lo and text[hi - 1] == "\n" and _stop_before(text, lo, hi - 1):
        return True
    return _stop_before(text, lo, hi)


def _stop_before(text: str, lo: int, end: int) -> bool:
    if end <= lo:
        return False
    if text[end - 1] in ".!?…":
        return True
    return text[end - 1] in "'’" and end - 2 >= lo and text[end - 2] in ".!?…"


def _read_after(words: str, at: int, ended: bool) -> Said | None:
    m = first_verb(words)
    according = _ACCORDING_TO.search(words) if "ccording to" in words else None
    if according and (m is None or according.start() < m.start):
        return Said(according.group(1), at + according.start(1))
    if m is None:
        return _juxtaposed(words, at, ended)
    if m.word in PARTICIPLES:
        return None  # "…", adding that …: the quotation hangs off the clause before it
    head = words[:m.start].strip(" ,;—–-")
    if not head or (words[:m.start].rstrip().endswith(",") and not _subject_like(head)):
        tail = words[m.end:]
        subject = _before_match(_CLAUSE_BREAK, tail.strip(" ,:"))
        offset = at + m.end + (len(tail) - len(tail.lstrip(" ,:")))
        return Said(subject, offset) if subject and _subject_like(subject) else None
    if ended and not head[:1].isupper():
        return None
    if _subject_like(head):
        return Said(head, at + words.find(head))
    last = head.rsplit(",", 1)[-1].strip()  # "…", with investors keen, X said.
    if last != head and _subject_like(last):
        return Said(last, at + words.rfind(last))
    return None


def _before_match(pattern: re.Pattern[str], words: str) -> str:
    """pattern.split(words, maxsplit=1)[0], without the list."""
    m = pattern.search(words)
    return words[:m.start()] if m else words


def _juxtaposed(words: str, at: int, ended: bool) -> Said | None:
    """A name set after the quotation with no verb: "…," Jane Doe, Head – Research, Firm. /
    'It was inevitable': Jane Doe (a headline)."""
    colon = words.lstrip()[:1] == ":"
    rest = words.lstrip(" ,;:—–-")
    named = (_NAME_AT if colon else _NAME_ONLY).match(rest)
    if named is None or " " not in named.group(1) or not is_person(named.group(1)):
        return None
    if not colon and (ended or not _only_described(rest[named.end():])):
        return None
    lead = len(words) - len(rest)
    subject = named.group(1) if colon else rest.strip(" ,;—–-.")
    return Said(subject, at + lead)


_WORD: Final = re.compile(r"[^\W\d_][\w'’-]*")
_FUNCTION_WORDS: Final = frozenset("of at for and the in on with a an".split())


def _only_described(rest: str) -> bool:
    """Whether what follows a name is only its description ("Head – Research, Firm."), with
    no verb of its own (the "new GE," GE Aerospace, will emerge …)."""
    for word in _WORD.findall(rest):
        if word[:1].islower() and word not in _FUNCTION_WORDS and word not in TITLE_WORDS:
            return False
    return True


def _subject_like(head: str) -> bool:
    words = head.split(",")[0].split()
    if not words or len(words) > 12:
        return False
    first = words[0]
    return first[:1].isupper() or first.lower() in _SUBJECT_STARTS


def before(text: str, span: Span, sentences: Sentences, s_start: int) -> Said | None:
    """An attribution before the quotation: in its sentence, or a paragraph ending with a
    colon just before a quotation that opens its own paragraph."""
    lo = max(s_start, span.open_at - ATTRIBUTION_REACH)
    words = text[lo:span.open_at]
    if not words.strip():
        p_start, _ = sentences.paragraph(span.open_at)
        if p_start < 2 or not text[:p_start].rstrip().endswith(":"):
            return None
        prev_end = len(text[:p_start].rstrip())
        lo = sentences.bounds(prev_end - 1)[0]
        words = text[lo:prev_end]
    return _read_before(words, lo)


def _read_before(words: str, lo: int) -> Said | None:
    # _AS_X_SAID and _COLON_LEAD only match words ending with a comma or a colon: checked
    # first, as most sentences before a quotation end otherwise.
    m = _AS_X_SAID.search(words) if _ends_with(words, ",") else None
    if m:
        return Said(m.group("who"), lo + m.start("who"))
    last_mark = max(words.rfind("“"), words.rfind("”"), words.rfind('"'))
    verb = last_verb(words, max(0, last_mark))
    if verb is None:
        colon = _COLON_LEAD.match(words) if words.rstrip().endswith(":") else None
        return Said(colon.group(1), lo + colon.start(1)) if colon else None  # Chairman: "…"
    if verb.word in PARTICIPLES:  # "X upgraded it, saying …": X
        found = sentence_subject(words, lo, _clause_start(words[:verb.start])) or \
            sentence_subject(words, lo, 0)
    else:
        found = clause_subject(words[:verb.start], lo)
    if found is not None:
        found.naming = verb.word in NAMING
    return found


def _ends_with(words: str, mark: str) -> bool:
    """Whether words end with `mark` and spaces or tabs, as "[ \t]*$" reads the end."""
    end = len(words) - 1 if words.endswith("\n") else len(words)
    while end > 0 and (words[end - 1] == " " or words[end - 1] == "\t"):
        end -= 1
    return end > 0 and words[end - 1] == mark


def _clause_start(words: str) -> int:
    cut = 0
    for m in _LEAD_BREAK.finditer(words):
        cut = m.end()
    return cut


def clause_subject(words: str, lo: int) -> Said | None:
    """The subject of a verb that ends `words`: the name, pronoun or "the company" right
    before it, else the subject at the start of its clause ("X, a strategist at Y, said")."""
    tokens = _tokens(words)
    i = len(tokens)
    while i and _skippable(tokens[i - 1][1]):
        i -= 1
    if i and tokens[i - 1][1].lower() in ("who", "which") and tokens[i - 2:i - 1] and \
            tokens[i - 2][1].endswith(","):  # "X, which said": X
        return clause_subject(words[:tokens[i - 2][0] + len(tokens[i - 2][1]) - 1], lo)
    if i and not tokens[i - 1][1].endswith(","):
        j = _phrase_start(tokens, i)
        if j < i:
            start = tokens[j][0]
            return Said(words[start:tokens[i - 1][0] + len(tokens[i - 1][1])], lo + start)
    if i and tokens[i - 1][1].endswith(","):
        return apposition_subject(words[:tokens[i - 1][0] + len(tokens[i - 1][1])], lo)
    return sentence_subject(words, lo, _clause_start(words))


def _skippable(token: str) -> bool:
    word = token.lower().strip(",")
    return word in _SKIP_BEFORE_VERB or (word.endswith("ly") and len(word) > 4)


def apposition_subject(words: str, lo: int) -> Said | None:
    """"Jane Doe, an analyst at X," / "… and Jane Doe, chief economist, Firm,": the name
    the apposition follows, with the apposition (for the title and organisation)."""
    parts = words.split(",")
    starts = [0]
    for part in parts[:-1]:
        starts.append(starts[-1] + len(part) + 1)
    chosen = next((k for k in range(len(parts) - 1) if parts[k + 1].strip()[:1].islower()
                   and _ends_in_subject(parts[k])), None)
    if chosen is None:
        chosen = next((k for k in range(len(parts)) if _ends_in_subject(parts[k])), None)
    if chosen is None:
        return None
    tokens = _tokens(parts[chosen])
    j = _phrase_start(tokens, len(tokens))
    start = starts[chosen] + tokens[j][0]
    return Said(words[start:].rstrip(" ,"), lo + start)


def _ends_in_subject(part: str) -> bool:
    tokens = _tokens(part)
    return bool(tokens) and _phrase_start(tokens, len(tokens)) < len(tokens)


def _tokens(words: str) -> list[tuple[int, str]]:
    r"""(start, word) of each run of non-space characters, as re.finditer(r"\S+") finds them
    (str.split splits on the same spaces; str.find places each word after the last)."""
    found: list[tuple[int, str]] = []
    pos = 0
    for word in words.split():
        pos = words.find(word, pos)
        found.append((pos, word))
        pos += len(word)
    return found


def _phrase_start(tokens: list[tuple[int, str]], i: int) -> int:
    """Where the noun phrase ending at token i-1 starts (i when there is none)."""
    last = tokens[i - 1][1]
    if last.lower() in PRONOUNS or last.lower() == "we":
        return i - 1
    end = i - 1 if last.lower() in CROWDS and i > 1 and last[:1].islower() else i
    j = end
    while j and _name_token(tokens[j - 1][1], j == end):
        j -= 1
    while j < end and tokens[j][1].lower() in ("of", "and", "&"):
        j += 1
    if j < end:
        return _described_by(tokens, j)  # "Japanese officials", "the CIO at X"
    if end < i:
        return i
    return _described_by(tokens, i - 1) if tokens[i - 1][1][:1].islower() else i


def _described_by(tokens: list[tuple[int, str]], j: int) -> int:
    """Extend a phrase back to the "the" it belongs to: "the CIO for fixed income at [X]",
    "the [company]", "the bank's finance [chief]"."""
    for k in range(j, max(-1, j - 8), -1):
        word = tokens[k][1]
        if k < j and word.endswith((",", ".", ";", ":")):
            break
        if word.lower() in ("the", "its", "their"):
            if k == j or tokens[j][1][:1].islower() or tokens[j - 1][1] in _PREPOSITIONS:
                return k
            break
    return j if tokens[j][1][:1].isupper() else j + 1


_PREPOSITIONS: Final = frozenset({"at", "of", "for", "from", "with"})


def _name_token(token: str, last: bool) -> bool:
    word = token.strip("()")
    if word in ("of", "&", "and", "de", "van", "von", "der"):
        return not last
    if word[:1].isupper():
        return not word.endswith(",") or last
    return not last and word.lower() in TITLE_WORDS  # which holds every role word


def sentence_subject(words: str, lo: int, cut: int) -> Said | None:
    """The subject a clause opens with, after any introductory phrase ("In a note, X …")."""
    clause = words[cut:]
    parts = clause.split(",")
    offset = cut
    for k, part in enumerate(parts):
        lead = part.strip()
        first = lead.split()[0] if lead.split() else ""
        if first and (first[:1].isupper() or first.lower() in _SUBJECT_STARTS) and not (
                k + 1 < len(parts) and _intro(lead)):
            head = _lead_phrase(lead)
            return Said(head, lo + offset + part.find(lead)) if head else None
        offset += len(part) + 1
    return None


def _intro(part: str) -> bool:
    """"In a note to clients", "On Monday", "However": a phrase before the subject."""
    first = part.split()[0].lower()
    return first in ("in", "on", "at", "for", "with", "after", "before", "however", "meanwhile",
                     "separately", "earlier", "later", "still", "yet", "but", "and", "speaking",
                     "asked", "writing", "by", "from", "during", "since", "as", "while")


_LEAD_NAME: Final = re.compile(r"(?:(?:" + UP + r"[\w.&'’-]*|of|and|&|de|van|von|(?:" + "|".join(
    sorted(TITLE_WORDS)) + r")(?=[ \t]+" + UP + r"))[ \t]+)*" + UP + r"[\w.&'’-]*")
_LEAD_DESCRIBED: Final = re.compile(r"(?:" + UP + r"[\w&'’-]*[ \t]+)?(?:[a-z-]+[ \t]+){0,3}(?:"
                                    + "|".join(sorted(ORG_NOUNS)) + r")[ \t]+(" + ORG + ")")
_LEAD_THE: Final = re.compile(r"(?:[Tt]he|[Ii]ts|[Tt]heir)(?:[ \t]+[a-z][\w'’-]*){1,3}")


def _lead_phrase(part: str) -> str | None:
    first = part.split()[0]
    if first.lower() in PRONOUNS or first.lower() == "we":
        return first
    m = _LEAD_THE.match(part)
    if m:
        return m.group()
    m = _LEAD_NAME.match(part)
    if m:
        described = _LEAD_DESCRIBED.match(part)  # "Information services provider X Ltd"
        return described.group(1) if described else m.group()
    words = part.split()
    return " ".join(words[:3]) if first.lower() in _SUBJECT_STARTS else None
