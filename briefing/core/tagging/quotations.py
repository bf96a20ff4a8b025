"""Quotations and their speakers: who said what.

1. Quoted spans, paragraph by paragraph (curly, straight and single quotes); a paragraph that
   leaves a quotation open is continued by the next one, and the parts make one quotation.
2. People the text introduces, with what it says of them ("Jane Doe, a strategist at Example
   Capital", "Example Capital analyst Jane Doe", "Jane Doe of Example Capital").
3. Each quotation's attribution from its own sentence ("…," said X / X, a …, said / X told
   … / according to X / X called it "…"), else the previous quotation of the same passage.
   Surnames, "Ms. Doe", pronouns and "the strategist" resolve to the person meant.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..models import Quotation

VERBS = (
    "said", "says", "added", "adds", "adding", "wrote", "writes", "told", "tells", "noted",
    "notes", "warned", "warns", "explained", "explains", "argued", "argues", "continued",
    "cautioned", "predicted", "insisted", "observed", "stressed", "commented", "remarked",
    "asked", "replied", "acknowledged", "conceded", "estimated", "reckoned", "concluded",
    "recalled", "posted", "stated", "declared", "suggested", "countered", "maintained",
    "called", "described", "describes", "calls", "predicts", "expects", "expected",
)
_VERB_RE = re.compile(r"\b(?:" + "|".join(VERBS) + r")\b", re.IGNORECASE)
_UP = r"[A-ZÀ-ÖØ-Þ]"
_WORD = _UP + r"[^\W\d_]*(?:[-'’][^\W\d_]+)*\.?"
_PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|bin|al|le|la|du|dos)"
_NAME_WORD = _UP + r"[^\W\d_]*(?:[-'’][^\W\d_]+)*(?!\w)|" + _UP + r"\.(?=[ \t]" + _UP + ")"
_NAME = (r"(?:" + _NAME_WORD + r")(?:[ \t]+(?:" + _PARTICLE + r"[ \t]+)?(?:" + _NAME_WORD
         + r")){0,3}")
_ORG = r"(?:" + _WORD + r"|&|and)(?:[ \t]+(?:" + _WORD + r"|&|and(?=[ \t]+" + _UP + r")))*"
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame)\.?\s+")
_PRONOUNS = {"he", "she", "they"}
_LEGAL_WORDS = frozenset("""
Inc Inc. Corp Corp. Corporation Ltd Ltd. Limited plc PLC AG SE SA NV Co Co. Group Holdings
Holding Capital Partners Research Securities Bank Investments Investment Management Advisors
Advisers Asset Exchange Exchanges Fund Funds Bureau Ministry Commission Council Agency
""".split())
_NOT_NAMES = frozenset("""
The A An It This That These Those But And Still Yet However Meanwhile In On At For As If When
While Now Then Also Shares Analysts Investors Officials Executives Traders Some Many Most
Others One Both Its Their His Her Our We I You They He She Says Said Asked Told According
""".split())
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|Inc|Corp|Ltd|Co|Jr|Sr|No|vs|U\.S|U\.K|Jan|Feb|"
                     r"Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.$")
QUOTE_MARKS = ("“", '"', "‘", "'")
MIN_WORDS_UNATTRIBUTED = 4  # shorter unattributed quotes are scare quotes, not someone's words
MAX_SPANS = 500  # quoted spans read per chunk of text: a real article has a few dozen
ATTRIBUTION_REACH = 400  # characters on either side of a quotation searched for its speaker


@dataclass
class _Span:
    start: int  # first character inside the quote marks
    end: int
    open_at: int  # the opening mark
    close_at: int  # just after the closing mark (or the end of the last paragraph)
    paragraph: int
    continues: bool = False  # the previous paragraph left a quotation open


@dataclass
class _Person:
    at: int
    name: str
    title: str | None = None
    org: str | None = None


# -- quoted spans -----------------------------------------------------------------------


def _quoted_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    marks = _mark_positions(text)
    next_mark = 0
    pending: _Span | None = None  # a quotation left open at the end of a paragraph
    for index, (p_start, p_end) in enumerate(_paragraphs(text)):
        while next_mark < len(marks) and marks[next_mark] < p_start:
            next_mark += 1
        if next_mark == len(marks) or marks[next_mark] >= p_end:  # no quote mark here
            if pending is not None:
                spans.append(pending)
                pending = None
            continue
        para = text[p_start:p_end]
        opened_with_quote = para.lstrip()[:1] in ("“", '"', "‘")
        if pending is not None and not opened_with_quote:
            spans.append(pending)
            pending = None
        open_at, mark = -1, ""
        for found in _MARK.finditer(para):
            i, ch = found.start(), found.group()
            if open_at < 0:
                if ch in "“\"" or (ch == "‘" and _single_opens(para, i)) or (
                    ch == "'" and _single_opens(para, i)
                ):
                    open_at, mark = i, ch
            elif (mark == "“" and ch == "”") or (mark == '"' and ch == '"') or (
                mark in "‘'" and ch in "’'" and _single_closes(para, i)
            ):
                if pending is not None and open_at == len(para) - len(para.lstrip()):
                    pending.end, pending.close_at = p_start + i, p_start + i + 1
                    spans.append(pending)
                    pending = None
                else:
                    spans.append(_Span(p_start + open_at + 1, p_start + i, p_start + open_at,
                                       p_start + i + 1, index))
                open_at = -1
        if open_at >= 0 and mark in "“\"":
            if pending is not None and open_at == len(para) - len(para.lstrip()):
                pending.end, pending.close_at = p_end, p_end  # still open: keep going
            else:
                if pending is not None:
                    spans.append(pending)
                pending = _Span(p_start + open_at + 1, p_end, p_start + open_at, p_end, index)
        elif pending is not None:
            spans.append(pending)
            pending = None
    if pending is not None:
        spans.append(pending)
    return sorted(spans, key=lambda s: s.start)


_MARK = re.compile(r"[“”\"‘’']")


def _mark_positions(text: str) -> list[int]:
    """Where the quote marks and apostrophes are (str.find is many times faster here than a
    regular expression's character class)."""
    found: list[int] = []
    for ch in QUOTE_MARKS + ("”", "’"):
        i = text.find(ch)
        while i >= 0:
            found.append(i)
            i = text.find(ch, i + 1)
    found.sort()
    return found


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line."""
    found = []
    pos = 0
    for line in text.split("\n"):
        if line:
            found.append((pos, pos + len(line)))
        pos += len(line) + 1
    return found


def _single_opens(para: str, i: int) -> bool:
    before = para[i - 1] if i > 0 else " "
    after = para[i + 1] if i + 1 < len(para) else " "
    return (before.isspace() or before in "(“\"—:") and after.isalnum()


def _single_closes(para: str, i: int) -> bool:
    before = para[i - 1] if i > 0 else " "
    after = para[i + 1] if i + 1 < len(para) else " "
    return not before.isspace() and not after.isalnum()


# -- people -----------------------------------------------------------------------------

_ROLE_WORDS = frozenset("""
analyst analysts strategist economist manager director officer executive chief head partner
trader investor researcher adviser advisor chairman chairwoman chair president founder
spokesperson spokesman spokeswoman minister governor professor ceo cfo cio
""".split())

# People are found from cheap anchors (", a…", " of ", "'s title, ", a role word), then the
# name is read backwards or forwards from the anchor: a full scan of the text with patterns
# that start with a name costs ten times more.
_NAME_END = re.compile(r"(?:" + _NAME + r")(?:[ \t]+and[ \t]+(?:" + _NAME + r"))?$")
_ORG_END = re.compile(r"(?:" + _ORG + r")$")
_NAME_AT = re.compile(r"(?:" + _NAME + r")")
_COMMA_ANCHOR = re.compile(r",[ \t]+(?=an?[ \t]|the[ \t]|who[ \t]|[a-z])")
_APPOS_TAIL = re.compile(
    r",\s+(?:an?\s+|the\s+)?(?P<title>[a-z][^,.;:“”\"]{1,80})\s+(?:at|with)\s+(?P<org>" + _ORG
    + r")|,\s+(?:an?\s+|the\s+)?(?P<title2>[a-z][^,.;:“”\"]{1,80}?)\s+(?:of|for)\s+(?P<org2>"
    + _ORG + ")"
)
_WHO_TAIL = re.compile(r",\s+who\s(?:[^,.;]{1,80}?\s+(?:at|of|for)\s+(?P<org>" + _ORG + "))?")
_OF_ANCHOR = re.compile(r"[ \t](?:of|at|from)[ \t]+(?=[A-ZÀ-ÖØ-Þ])")
_ORG_AT = re.compile(r"(?:" + _ORG + r")")
_POSS_ANCHOR = re.compile(r"['’]s[ \t]+(?P<title>[a-z][a-z\- ]{2,40}),[ \t]+")
_THE_ORG_END = re.compile(r"\bthe[ \t]+(?P<org>bank|company|firm|group|fund|exchange)$")
_CAPITAL_AFTER_LOWER = re.compile(r"[a-z][ \t]([A-ZÀ-ÖØ-Þ])")
_TITLE_WORDS_END = re.compile(r"(?:[a-z][a-z\-]+[ \t]+){0,3}$")
_ANALYSTS_AT = re.compile(r"[Aa]nalysts at (" + _ORG + ")")

# Patterns the attribution steps use, compiled once.
_ORG_SAID = re.compile(r"(" + _ORG + r")\s+(?:said|says|reported|announced)")
_FOR_NAME = re.compile(r"\s+for\s+" + _UP)
_IN_NAME = re.compile(r"\s+in\s+" + _UP)
_TRAILING_AND = re.compile(r"\s+(?:and|&)$")
_ABBREVIATED_END = re.compile(r"\b(?:Co|Inc|Ltd|Corp|Bhd|Pte|S\.A|N\.V)\.$")
_ACCORDING_TO = re.compile(r"according to\s+(" + _NAME + ")")
_ANY_LETTER = re.compile(r"[A-Za-z]")
_ANY_CAPITAL = re.compile(r"[A-Z]")
_SPACE_NAME = re.compile(r"\s+(" + _NAME + ")")
_CLAUSE_BREAK = re.compile(r"\s+(?:as|while|after|before|when|because|since)\s+")
_LED_BY = re.compile(r"led by\s+(" + _NAME + ")")
_NAME_END_ONLY = re.compile(_NAME + r"$")
_NAME_OF_ORG = re.compile(r"(" + _NAME + r")\s+(?:of|at|from)\s+(" + _ORG + r")")
_ROLE_THEN_NAME_END = re.compile(r"\s(?!and\b)[a-z]+\s+" + _NAME + "$")
_POSSESSIVE = re.compile(r"['’]s\s+")
_NAME_GROUP_END = re.compile(r"(" + _NAME + r")$")
_TITLE_AT_ORG = re.compile(r"(?:an?\s+|the\s+)?([a-z][^,]*?)\s+(?:at|of|with)\s+(" + _ORG + ")")


def _name_before(text: str, pos: int) -> tuple[int, str] | None:
    lo = max(0, pos - 90)
    m = _NAME_END.search(text, lo, pos)
    return (m.start(), m.group()) if m else None


def _people(text: str) -> list[_Person]:
    people: list[_Person] = []
    for anchor in _COMMA_ANCHOR.finditer(text):  # "Jane Doe, a strategist at X" / ", who"
        found = _name_before(text, anchor.start())
        if not found:
            continue
        at, names = found
        m = _APPOS_TAIL.match(text, anchor.start())
        if m:
            k = "" if m.group("title") else "2"
            for one in names.split(" and "):
                people.append(_Person(at, _clean_name(one), _clean_title(m.group("title" + k)),
                                      _clean_org(m.group("org" + k))))
            continue
        m = _WHO_TAIL.match(text, anchor.start())
        if m:
            people.append(_Person(at, _clean_name(names), None, _clean_org(m.group("org"))))
    for anchor in _OF_ANCHOR.finditer(text):  # "Jane Doe of Example Capital"
        found = _name_before(text, anchor.start())
        org_at = _ORG_AT.match(text, anchor.end())
        if found and org_at:
            for one in found[1].split(" and "):
                people.append(_Person(found[0], _clean_name(one), None,
                                      _clean_org(org_at.group())))
    for anchor in _POSS_ANCHOR.finditer(text):  # "Example plc's finance chief, Jane Doe,"
        who = _NAME_AT.match(text, anchor.end())
        if not who or text[who.end():who.end() + 1] != ",":
            continue
        lo = max(0, anchor.start() - 60)
        the = _THE_ORG_END.search(text, lo, anchor.start())
        org_m = _ORG_END.search(text, lo, anchor.start())
        org = _recent_org(text, anchor.start()) if the else (org_m.group() if org_m else None)
        people.append(_Person(who.start(), _clean_name(who.group()),
                              _clean_title(anchor.group("title")), _clean_org(org)))
    for capital in _CAPITAL_AFTER_LOWER.finditer(text):  # "Example Capital analyst Jane Doe"
        word_end = capital.start(1) - 1
        word_start = max(text.rfind(" ", 0, word_end), text.rfind("\t", 0, word_end)) + 1
        if text[word_start:word_end] not in _ROLE_WORDS:
            continue
        who = _NAME_AT.match(text, capital.start(1))
        if not who:
            continue
        lead = _TITLE_WORDS_END.search(text, max(0, word_start - 40), word_start)
        title_start = lead.start() if lead else word_start
        if title_start == 0 or text[title_start - 1] not in " \t":
            continue
        org_m = _ORG_END.search(text, max(0, title_start - 60), title_start - 1)
        if org_m:
            title = text[title_start:word_end].strip()
            people.append(_Person(who.start(), _clean_name(who.group()), title,
                                  _clean_org(org_m.group())))
    pos = text.find("nalysts at ")
    while pos > 0:
        m = _ANALYSTS_AT.match(text, pos - 1)
        if m:
            people.append(_Person(m.start(1), _clean_org(m.group(1)) or m.group(1)))
        pos = text.find("nalysts at ", pos + 1)
    return sorted((p for p in people if _is_person(p.name) or _is_org(p.name)),
                  key=lambda p: p.at)





def _recent_org(text: str, before: int) -> str | None:
    """The last organisation-looking name before a point ("Barclays said … the bank's")."""
    orgs = _ORG_SAID.findall(text, 0, before)
    return _clean_org(orgs[-1]) if orgs else None


def _clean_name(name: str) -> str:
    return _HONORIFIC.sub("", name.strip()).rstrip(".,’'")


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = _FOR_NAME.split(title.strip(), maxsplit=1)[0]
    return title.strip() or None


def _clean_org(org: str | None) -> str | None:
    if not org:
        return None
    org = _IN_NAME.split(org.strip(), maxsplit=1)[0]
    org = _TRAILING_AND.sub("", org).strip(" ,")
    if org.endswith(".") and not _ABBREVIATED_END.search(org):
        org = org[:-1]
    return org or None


def _is_person(name: str) -> bool:
    words = name.split()
    return bool(words) and words[0] not in _NOT_NAMES and not (set(words) & _LEGAL_WORDS)


def _is_org(name: str) -> bool:
    return bool(set(name.replace(",", " ").split()) & _LEGAL_WORDS)


# -- attribution ------------------------------------------------------------------------


_BOUNDARY = re.compile(r"[.!?](?:[”\"’']?\s+(?=[A-Z“\"‘])|(?=[”\"’']?[ \t]*(?:\n|$)))")


class _Sentences:
    """Sentence boundaries of a text, found a paragraph at a time, only for the paragraphs a
    quotation asks about: (punctuation position, next sentence's start)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self._paragraphs: dict[int, tuple[list[int], list[int]]] = {}

    def _boundaries(self, p_start: int, p_end: int) -> tuple[list[int], list[int]]:
        found = self._paragraphs.get(p_start)
        if found is None:
            text = self.text
            marks: list[int] = []
            nexts: list[int] = []
            for m in _BOUNDARY.finditer(text, p_start, p_end):
                pos = m.start()
                if _ABBREV.search(text, max(0, pos - 6), pos + 1):
                    continue  # "Mr.", "Co.", "U.S." end no sentence
                marks.append(pos)
                nexts.append(m.end() if m.end() > pos + 1 else pos + 1)
            found = self._paragraphs[p_start] = (marks, nexts)
        return found

    def bounds(self, at: int) -> tuple[int, int]:
        """The sentence around position `at`, within its paragraph."""
        k = bisect.bisect_left(self.newlines, at)
        p_start = self.newlines[k - 1] + 1 if k else 0
        p_end = self.newlines[k] if k < len(self.newlines) else len(self.text)
        marks, nexts = self._boundaries(p_start, p_end)
        i = bisect.bisect_right(nexts, at + 1)  # boundaries that end at or before `at`
        start = p_start
        if i and nexts[i - 1] > p_start:
            start = nexts[i - 1]
        j = bisect.bisect_left(marks, at)
        end = marks[j] + 1 if j < len(marks) else p_end
        return start, end


def _subject_after(after: str) -> tuple[str, str] | None:
    """From the words after a quotation: ("verb-first", name) or ("subject", subject)."""
    after = after.split("“")[0].split('"')[0]
    m = _VERB_RE.search(after)
    if not m:
        m2 = _ACCORDING_TO.search(after)
        return ("verb-first", m2.group(1)) if m2 else None
    head = after[:m.start()].strip(" ,")
    tail = after[m.end():]
    if not head or head.endswith(",") or not _ANY_LETTER.search(head) or (
        m.start() > 0 and after[:m.start()].rstrip().endswith(",") and _VERB_RE.match(
            after[m.start():]) and not _subject_like(head)
    ):
        n = _SPACE_NAME.match(tail)
        if n:
            return "verb-first", n.group(1)
    if head and _subject_like(head):
        return "subject", head
    n = _SPACE_NAME.match(tail)
    if n and not head:
        return "verb-first", n.group(1)
    m2 = _ACCORDING_TO.search(after)
    return ("verb-first", m2.group(1)) if m2 else None


def _subject_like(head: str) -> bool:
    last = head.split(",")[0].strip()
    words = last.split()
    if not words:
        return False
    return words[-1].lower() in _PRONOUNS or words[0][:1].isupper() or words[0] == "the"


_BEFORE_SUBJECT = re.compile(
    r"(?P<subject>(?:" + _ORG + r"|[Hh]e|[Ss]he|[Tt]hey)(?:\s+(?:of|at|from)\s+" + _ORG
    + r")?(?:,[^,“”\"]{2,120},)?)\s+(?:also\s+|then\s+|later\s+)?(?P<verb>" + "|".join(VERBS)
    + r"|Says|Said|Warns|Tells)\b[^“”\"‘]*$"
)


def _subject_before(before: str) -> str | None:
    """The speaker of a sentence that leads into a quotation ("X of Y wrote:", "X called it")."""
    m = _BEFORE_SUBJECT.search(before)
    if m:
        return m.group("subject")
    m = _ACCORDING_TO.search(before)
    return m.group(1) if m else None


class _People:
    """The people a text introduces, found only when a quotation needs them (scanning for
    them costs more than everything else tagging does)."""

    def __init__(self, text: str, spans: list[_Span]) -> None:
        self._text, self._spans = text, spans
        self._found: list[_Person] | None = None
        self._extra: list[_Person] = []

    def __iter__(self) -> Iterator[_Person]:
        if self._found is None:
            self._found = _people(_near_quotes(self._text, self._spans))
        merged = sorted([*self._found, *self._extra], key=lambda p: p.at)
        return iter(merged)

    def add(self, person: _Person) -> None:
        self._extra.append(person)

    def known(self, name: str) -> bool:
        return any(p.name == name for p in self._extra)


def _near_quotes(text: str, spans: list[_Span]) -> str:
    """The text with only the paragraphs around quotations kept (others blanked, so offsets
    hold): people are introduced there, and scanning less keeps tagging fast."""
    starts = [m.start() for m in re.finditer(r"[^\n]+", text)]
    if len(starts) <= 3:
        return text
    keep: set[int] = set()
    for span in spans:
        keep.update((span.paragraph - 1, span.paragraph, span.paragraph + 1))
    bounds = [*starts, len(text)]
    parts = []
    for i, start in enumerate(starts):
        end = bounds[i + 1]
        chunk = text[start:end]
        parts.append(chunk if i in keep else re.sub(r"[^\n]", " ", chunk))
    return text[:starts[0]] + "".join(parts)


def find_quotations(text: str) -> list[Quotation]:
    if not any(mark in text for mark in QUOTE_MARKS):
        return []
    spans = _quoted_spans(text)
    if not spans:
        return []
    people = _People(text, spans)
    sentences = _Sentences(text)
    results: list[Quotation] = []
    last: Quotation | None = None
    last_paragraph = -1
    for span in spans[:MAX_SPANS]:
        quote = text[span.start:span.end]
        stripped = quote.strip(" ,")
        if not stripped:
            continue
        speaker, title, org = _attribute(text, span, people, results, sentences)
        if speaker is None and last is not None and last.speaker and (
            span.paragraph == last_paragraph or span.continues
        ):
            speaker, title, org = last.speaker, last.title, last.organization
        if speaker is None and len(stripped.split()) < MIN_WORDS_UNATTRIBUTED:
            continue  # scare quotes: a label, not someone's words
        lead = len(quote) - len(quote.lstrip(" "))
        trail = len(quote) - len(quote.rstrip(" ,"))
        start, end = span.start + lead, span.end - trail
        q = Quotation(text=text[start:end], start=start, end=end, speaker=speaker,
                      title=title, organization=org)
        results.append(q)
        if speaker and " " in speaker and not people.known(speaker):
            people.add(_Person(span.open_at, speaker, title, org))
        last, last_paragraph = q, span.paragraph
    return results


def _attribute(text: str, span: _Span, people: _People, done: list[Quotation],
               sentences: _Sentences) -> tuple[str | None, str | None, str | None]:
    s_start, s_end = sentences.bounds(span.open_at)
    _, end_of_quote_sentence = sentences.bounds(max(span.close_at - 1, span.open_at))
    limit = max(end_of_quote_sentence, span.close_at)
    # An attribution sits within a few dozen words of its quotation: looking further only
    # costs time (and would make one endless paragraph quadratic).
    after = text[span.close_at:min(limit, span.close_at + ATTRIBUTION_REACH)]
    found = _subject_after(after)
    subject = None
    if found:
        subject = found[1]
        if found[0] == "verb-first":  # "said Jane Doe, a strategist at X": keep the appositive
            at_name = after.find(subject)
            if at_name >= 0:
                subject = _CLAUSE_BREAK.split(after[at_name:], maxsplit=1)[0]
    else:
        previous = done[-1] if done else None
        if previous and previous.speaker and s_start <= previous.end <= span.open_at:
            return previous.speaker, previous.title, previous.organization  # same sentence
        before = text[max(s_start, span.open_at - ATTRIBUTION_REACH):span.open_at]
        subject = _subject_before(before) if before.strip() else None
    if not subject:
        return None, None, None
    return _resolve(subject, span.open_at, text, people, done, limit)


def _resolve(subject: str, at: int, text: str, people: _People,
             done: list[Quotation], limit: int | None = None
             ) -> tuple[str | None, str | None, str | None]:
    subject = subject.strip(" ,.;:")
    limit = at if limit is None else limit
    if subject.lower().startswith("analysts at "):
        return _clean_org(subject[12:]), None, None
    led = _LED_BY.search(subject)
    if led:
        org_match = _ORG_AT.match(subject)
        return _lookup(_clean_name(led.group(1)), at, people,
                       _clean_org(org_match.group(1)) if org_match else None)
    parts = [p.strip() for p in subject.split(",") if p.strip()]
    head = parts[0] if parts else subject
    words = head.split()
    if not words:
        return None, None, None
    if words[-1].lower() in _PRONOUNS and len(words) <= 2:
        return _recent_person(text, at, people, done)
    names_after = [p for p in parts[1:] if _NAME_AT.fullmatch(p) and _is_person(p)]
    if words[0].lower() == "the" or (words[-1].lower() in _ROLE_WORDS and not names_after
                                     and _NAME_END_ONLY.search(
                                         head.split("’s")[-1].split("'s")[-1]) is not None
                                     and _role_only(head)):
        if names_after:
            name = _clean_name(names_after[0])
            person = _find(name, at, people)
            return name, person.title if person else None, person.org if person else None
        role = words[-1].lower()
        everyone = list(people)
        for p in reversed([p for p in everyone if p.at < limit] or everyone):
            if p.title and role in p.title.lower():
                return p.name, p.title, p.org
        if role in ("company", "bank", "firm", "group", "exchange"):
            return _recent_org(text, at), None, None
        return None, None, None
    if names_after and not _ANY_CAPITAL.search(head.split()[-1][:1]):
        return _lookup(_clean_name(names_after[0]), at, people)
    m = _NAME_OF_ORG.fullmatch(head)
    if m and _is_person(_clean_name(m.group(1))):
        return _lookup(_clean_name(m.group(1)), at, people, _clean_org(m.group(2)))
    if _is_org(head) and not _ROLE_THEN_NAME_END.search(head):
        return _clean_org(head) or head, None, None
    bare = _HONORIFIC.sub("", head)
    bare = _POSSESSIVE.split(bare)[-1]  # "Northbay’s Pereira" -> "Pereira"
    m = _NAME_GROUP_END.search(bare)
    if not m:
        return None, None, None
    name = _clean_name(m.group(1))
    if not _is_person(name):
        return None, None, None
    title: str | None = None
    org: str | None = None
    if len(parts) > 1:
        m2 = _TITLE_AT_ORG.match(parts[1])
        if m2:
            title, org = _clean_title(m2.group(1)), _clean_org(m2.group(2))
    lead = bare[:m.start()].strip()
    if lead and not org:
        org_words = [w for w in lead.split() if w[:1].isupper() or w == "&"]
        title_words = [w for w in lead.split() if w[:1].islower()]
        org = " ".join(org_words) or None
        title = " ".join(title_words) or None
    return _lookup(name, at, people, org, title)


def _role_only(head: str) -> bool:
    """'Fund Chief', 'the strategist': a role where a name would be."""
    return all(w.lower() in _ROLE_WORDS or w.lower() in ("fund", "the", "bank's", "firm's")
               for w in head.split()[-2:])


def _find(name: str, at: int, people: _People) -> _Person | None:
    matches = [p for p in people if p.name == name or name in p.name.split()
               or p.name in name.split()]
    before = [p for p in matches if p.at < at]
    return (before or matches)[-1] if (before or matches) else None


def _lookup(name: str, at: int, people: _People, org: str | None = None,
            title: str | None = None) -> tuple[str | None, str | None, str | None]:
    """A name as written, completed from the people the text introduced."""
    if (title or org) and " " in name:
        return name, title, org  # the attribution said who it is
    person = _find(name, at, people)
    if person is None:
        return name, title, org
    full = person.name if len(person.name.split()) >= len(name.split()) else name
    return full, title or person.title, org or person.org


PRONOUN_LOOKBACK = 3000  # characters: a pronoun refers to someone named in the last few paragraphs


def _recent_person(text: str, at: int, people: _People,
                   done: list[Quotation]) -> tuple[str | None, str | None, str | None]:
    """Whom a pronoun stands for: the person last named (in full or by surname) before it."""
    lo = max(0, at - PRONOUN_LOOKBACK)
    best: tuple[int, _Person] | None = None
    for p in people:
        if p.at >= at:
            continue
        for token in {p.name, *p.name.split()}:
            pos = _last_word(text, token, lo, at)
            if pos >= 0 and (best is None or pos > best[0]):
                best = (pos, p)
    if best is not None:
        return best[1].name, best[1].title, best[1].org
    if done and done[-1].speaker:
        return done[-1].speaker, done[-1].title, done[-1].organization
    return None, None, None


def _last_word(text: str, word: str, lo: int, hi: int) -> int:
    """The last place in text[lo:hi] where `word` stands as a whole word, or -1."""
    pos = text.rfind(word, lo, hi)
    while pos >= 0:
        before = text[pos - 1] if pos > 0 else " "
        after_at = pos + len(word)
        after = text[after_at] if after_at < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return pos
        pos = text.rfind(word, lo, pos)
    return -1
