"""Quotations and their speakers: who said what.

Quoted spans are found paragraph by paragraph (curly and straight quotes; a paragraph that
leaves a quotation open is continued by the next one). Each is attributed from its own
sentence ("…," said X / X said / X wrote in a note / according to X), else from the previous
quotation of the same passage; surnames and pronouns resolve to the full names given earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Quotation

VERBS = (
    "said", "says", "added", "adds", "wrote", "writes", "told", "tells", "noted", "notes",
    "warned", "warns", "explained", "explains", "argued", "argues", "continued", "cautioned",
    "predicted", "insisted", "observed", "stressed", "commented", "remarked", "asked",
    "replied", "acknowledged", "conceded", "estimated", "reckoned", "concluded", "recalled",
    "posted", "stated", "declared", "suggested", "countered", "maintained",
)
_VERB = r"(?:" + "|".join(VERBS) + r")"
_NAME_WORD = r"(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.)"
_NAME = _NAME_WORD + r"(?:\s+(?:(?:de|van|von|da|del|di|bin|al|le|la)\s+)?" + _NAME_WORD + r"){0,3}"
_PRONOUN = r"(?:he|she|they|He|She|They)"
_ORG_SPEAKER = r"(?:the company|the bank|the firm|the group|the ministry|the regulator)"

# After a quotation: ', said Jane Doe' / ' Jane Doe said' / ' she added' / 'analyst X wrote'
_AFTER_VERB_FIRST = re.compile(r"(?:^|,)[\s]*" + _VERB + r"\s+(?P<name>" + _NAME + ")")
_AFTER_NAME_FIRST = re.compile(
    r"^[\s,]*(?P<lead>(?:[A-Za-z0-9&.,'’\-]+\s+){0,8}?)(?P<name>" + _NAME + "|" + _PRONOUN + "|"
    + _ORG_SPEAKER + r")\s+(?:also\s+|later\s+)?" + _VERB + r"\b"
)
_ACCORDING = re.compile(r"according to (?P<name>" + _NAME + ")")
# Before a quotation: 'Jane Doe said: "' / 'she said that "' / 'Doe told reporters, "'
_BEFORE = re.compile(
    r"(?P<name>" + _NAME + "|" + _PRONOUN + r")(?:,[^,]{3,80},)?\s+(?:also\s+)?" + _VERB
    + r"(?:\s+(?:reporters|investors|analysts|clients|Bloomberg|Reuters|CNBC|the \w+))?"
    r"(?:\s+(?:in|on)\s+an?\s+\w+(?:\s+\w+)?)?[:,]?\s*(?:that\s+)?$"
)
_APPOSITIVE = re.compile(
    r"^,\s+(?:an?\s+|the\s+)?(?P<title>[^,.;“”\"]{2,90}?)\s+(?:at|of|with)\s+"
    r"(?P<org>(?:[A-Z][\w&.'’\-]*)(?:\s+(?:&\s+)?[A-Z][\w&.'’\-]*)*)"
)
_NOT_NAMES = frozenset({
    "The", "A", "An", "It", "This", "That", "These", "Those", "But", "And", "Still", "Yet",
    "However", "Meanwhile", "In", "On", "At", "For", "As", "If", "When", "While", "Now", "Then",
    "Also", "Shares", "Analysts", "Investors", "Officials", "Executives", "Traders",
})
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"]|\s*$)")
MIN_WORDS_UNATTRIBUTED = 4  # shorter unattributed quotes are scare quotes, not someone's words


@dataclass
class _Span:
    start: int  # first character inside the quote marks
    end: int
    open_at: int  # position of the opening mark
    close_at: int  # position after the closing mark (end of paragraph when left open)
    paragraph: int
    continues: bool = False  # opened in an earlier paragraph that left it open


_ROLE = re.compile(
    r"\b(?:analysts?|strategist|economist|manager|director|executive|CEO|CFO|CIO|president|"
    r"chair(?:man|woman)?|founder|head|partner|officer|spokes(?:person|man|woman)|minister|"
    r"governor|professor|trader|investor|researcher|adviser|advisor|official|lawmaker)\s+"
    r"(?P<name>" + _NAME + ")"
)
_NAME_THEN_ROLE = re.compile(r"(?P<name>" + _NAME + r"),\s+(?:an?|the)\s+[a-z]")


def _people(text: str) -> list[tuple[int, str]]:
    """Full names introduced by a role ("analyst Jane Doe", "Jane Doe, a strategist")."""
    found = []
    for pattern in (_ROLE, _NAME_THEN_ROLE):
        for m in pattern.finditer(text):
            name = _trim_name(m.group("name"))
            if " " in name and _is_name(name):
                found.append((m.start("name"), name))
    return sorted(found)


def find_quotations(text: str) -> list[Quotation]:
    spans = _quoted_spans(text)
    people = _people(text)
    speakers: list[str] = []
    results: list[Quotation] = []
    last: Quotation | None = None
    last_paragraph = -1
    for span in spans:
        quote = text[span.start:span.end]
        quote_stripped = quote.strip(" ,")
        if not quote_stripped:
            continue
        found = _attribute(text, span)
        speaker = title = org = None
        if found:
            speaker, title, org = found
            known = speakers + [n for pos, n in people if pos < span.open_at]
            speaker = _resolve(speaker, known, last)
        elif last is not None and last.speaker and (
            span.paragraph == last_paragraph or span.continues
        ):
            speaker = last.speaker  # a second quotation of the same speaker's passage
        if speaker is None and not found and len(quote_stripped.split()) < MIN_WORDS_UNATTRIBUTED:
            continue
        start = span.start + (len(quote) - len(quote.lstrip(" ")))
        end = span.end - (len(quote) - len(quote.rstrip(" ,")))
        q = Quotation(text=text[start:end], start=start, end=end, speaker=speaker,
                      title=title, organization=org)
        results.append(q)
        if speaker and speaker not in speakers and " " in speaker:
            speakers.append(speaker)
        last, last_paragraph = q, span.paragraph
    return results


def _quoted_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    carried = False
    for index, (p_start, p_end) in enumerate(paragraphs):
        para = text[p_start:p_end]
        i, open_at, straight_open = 0, -1, False
        continues_here = False
        if carried and para.lstrip().startswith(("“", '"')):
            continues_here = True
        carried = False
        while i < len(para):
            ch = para[i]
            if ch == "“" or (ch == '"' and not straight_open and open_at < 0):
                if open_at >= 0 and ch == "“":
                    pass  # a nested or stray opening mark inside a quotation
                else:
                    open_at = i
                    straight_open = ch == '"'
            elif (ch == "”" and open_at >= 0) or (ch == '"' and straight_open):
                spans.append(_Span(p_start + open_at + 1, p_start + i, p_start + open_at,
                                   p_start + i + 1, index, continues_here))
                open_at, straight_open = -1, False
            i += 1
        if open_at >= 0:  # left open: runs to the end of the paragraph, the next continues
            spans.append(_Span(p_start + open_at + 1, p_end, p_start + open_at, p_end, index,
                               continues_here))
            carried = True
    return spans


def _sentence_after(text: str, span: _Span) -> str:
    rest = text[span.close_at:]
    rest = rest.split("\n", 1)[0]
    nxt = min((i for i in (rest.find("“"), rest.find('"')) if i >= 0), default=len(rest))
    m = _SENTENCE_END.search(rest, 0)
    end = m.start() if m else len(rest)
    return rest[:min(end, nxt)]


def _sentence_before(text: str, span: _Span) -> str:
    line_start = text.rfind("\n", 0, span.open_at) + 1
    before = text[line_start:span.open_at]
    cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "), before.rfind("”"),
              before.rfind('"'))
    return before[cut + 1:] if cut >= 0 else before


def _attribute(text: str, span: _Span) -> tuple[str, str | None, str | None] | None:
    after = _sentence_after(text, span)
    m = _AFTER_VERB_FIRST.search(after)
    if m and _is_name(m.group("name")):
        name = _trim_name(m.group("name"))
        title, org = _appositive(after[m.end("name") - (len(m.group("name")) - len(name)):])
        return name, title, org
    m = _AFTER_NAME_FIRST.match(after)
    if m and (_is_name(m.group("name")) or _is_pronoun(m.group("name"))):
        title, org = _lead_title(m.group("lead"))
        return m.group("name"), title, org
    for m in _ACCORDING.finditer(after):
        name = _trim_name(m.group("name"))
        if _is_name(name):
            title, org = _appositive(after[m.start("name") + len(name):])
            return name, title, org
    before = _sentence_before(text, span)
    m = _BEFORE.search(before)
    if m and (_is_name(m.group("name")) or _is_pronoun(m.group("name"))):
        return _trim_name(m.group("name")), None, None
    m = _ACCORDING.search(before)
    if m and _is_name(m.group("name")):
        name = _trim_name(m.group("name"))
        title, org = _appositive(before[m.start("name") + len(name):])
        return name, title, org
    return None


def _trim_name(name: str) -> str:
    return name.rstrip(".,’'")


def _is_pronoun(name: str) -> bool:
    return name.lower() in ("he", "she", "they") or name.startswith("the ")


def _is_name(name: str) -> bool:
    first = name.split()[0] if name.split() else ""
    return bool(first) and first not in _NOT_NAMES


def _appositive(rest: str) -> tuple[str | None, str | None]:
    m = _APPOSITIVE.match(rest)
    if not m:
        return None, None
    title = re.split(r"\s+for\s+[A-Z]", m.group("title"))[0].strip()
    org = re.split(r"\s+in\s+[A-Z]", m.group("org"))[0].strip().rstrip(".,")
    return title or None, org or None


def _lead_title(lead: str) -> tuple[str | None, str | None]:
    """'JPMorgan Chase & Co. analyst ' -> ("analyst", "JPMorgan Chase & Co.")."""
    lead = lead.strip(" ,")
    if not lead:
        return None, None
    words = lead.split()
    org_words: list[str] = []
    while words and (words[0][:1].isupper() or words[0] in ("&", "and")):
        org_words.append(words.pop(0))
    title = " ".join(words).strip() or None
    return title, " ".join(org_words).strip() or None


def _resolve(name: str, speakers: list[str], last: Quotation | None) -> str | None:
    """A surname or pronoun as the full name it stands for, when the text gave one."""
    if _is_pronoun(name):
        if name.startswith("the "):
            return None
        return last.speaker if last and last.speaker else (speakers[-1] if speakers else None)
    if " " not in name:
        for full in reversed(speakers):
            if full.split()[-1] == name:
                return full
    return name
