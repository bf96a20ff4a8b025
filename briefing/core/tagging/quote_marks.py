"""Quoted spans of a text, as real copy marks them.

* Curly, straight, guillemet and corner marks, and doubled apostrophes (''…'') used as double
  quotes; a curly opening mark may close on a straight one (“…").
* Straight marks and apostrophes are read by what is on either side of them: a mark after a
  space that touches a word opens, one after a word closes, one inside a word is an apostrophe.
* Nesting: a quotation may hold another (“… ‘…’ …”, ‘… “…” …’); only the outermost is a span.
* Paragraphs: a quotation left open at the end of a paragraph continues when the next paragraph
  opens with a quote mark of the same kind (the newswire convention: each paragraph of a long
  quotation opens with a mark, only the last one closes); otherwise it ends with its paragraph.
"""

from __future__ import annotations

from typing import Final

MAX_SPANS: Final = 500  # quoted spans read per chunk of text: a real article has a few dozen

_OPENERS: Final = "“„«「『"
_CLOSERS: Final = "”»」』"
_SINGLES: Final = "‘’'"
MARK_CHARS: Final = _OPENERS + _CLOSERS + '"' + _SINGLES
_OPEN_BEFORE: Final = " \t\n([{—–-/:"  # what may stand before an opening mark


# Plain classes, not dataclasses: mypyc compiles their __init__, while the __init__ that
# @dataclass generates stays interpreted Python (Said, Verb, Speaker, Person: the same).
class Span:
    def __init__(self, start: int, end: int, open_at: int, close_at: int, paragraph: int,
                 last_paragraph: int, single: bool = False) -> None:
        self.start = start  # first character inside the opening mark
        self.end = end  # the closing mark (or the end of the last paragraph)
        self.open_at = open_at  # the opening mark
        self.close_at = close_at  # just after the closing mark (or the end of the last paragraph)
        self.paragraph = paragraph  # the paragraph it opens in (index among non-empty lines)
        self.last_paragraph = last_paragraph  # the paragraph it closes in
        self.single = single  # quoted with single marks


class _Open:
    def __init__(self, single: bool, at: int, width: int) -> None:
        self.single = single
        self.at = at  # the opening mark
        self.width = width


def mark_positions(text: str) -> list[int]:
    """Where the quote marks and apostrophes are (str.find is many times faster here than a
    regular expression's character class)."""
    found: list[int] = []
    for ch in MARK_CHARS:
        i = text.find(ch)
        while i >= 0:
            found.append(i)
            i = text.find(ch, i + 1)
    found.sort()
    return found


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that is not blank (found with str.find, without splitting the
    text into lines: a line is only copied to test it when it opens with a space)."""
    found: list[tuple[int, int]] = []
    pos = 0
    size = len(text)
    while pos <= size:
        end = text.find("\n", pos)
        if end < 0:
            end = size
        if end > pos and (not text[pos].isspace() or not text[pos:end].isspace()):
            found.append((pos, end))
        pos = end + 1
    return found


def _role(text: str, i: int, lo: int, hi: int) -> tuple[bool, str, int]:
    """(single, role, width) of the mark at i: role is "open", "close", "either" or "" (an
    apostrophe or a stray mark)."""
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    if ch in "'‘’" and i + 1 < hi and text[i + 1] == ch:  # ''…'' as double quotes
        after = text[i + 2] if i + 2 < hi else " "
        return False, _flank(before, after), 2
    after = text[i + 1] if i + 1 < hi else " "
    if ch in _OPENERS:
        closes = not before.isspace() and (after.isspace() or after in ".,;:!?)")
        return False, "close" if closes and before not in _OPEN_BEFORE else "open", 1
    if ch in _CLOSERS:
        opens = before in _OPEN_BEFORE and after.isalnum()
        return False, "open" if opens else "close", 1
    if ch == '"':
        return False, _flank(before, after), 1
    if before.isalnum() and after.isalnum():
        return True, "", 1  # don't, Lloyd's
    if ch == "‘" or (ch == "'" and before in _OPEN_BEFORE):
        return True, "open" if after.isalnum() or after in "“\"$£€¥" else "", 1
    if ch == "’" and before in _OPEN_BEFORE:
        return True, "", 1  # ’90s, ’em
    return True, "close" if not before.isspace() else "", 1


def _flank(before: str, after: str) -> str:
    if before in _OPEN_BEFORE or before in _OPENERS:
        return "open" if not after.isspace() else ""
    if after.isspace() or not after.isalnum():
        return "close"
    return "either"


def _continues(text: str, p_start: int, p_end: int, single: bool) -> int:
    """Width of the opening mark that starts a paragraph continuing a quotation, else 0."""
    i = p_start
    while i < p_end and text[i] in " \t":
        i += 1
    if i >= p_end:
        return 0
    is_single, role, width = _role(text, i, p_start, p_end)
    return width if role in ("open", "either") and is_single == single else 0


def quoted_spans(text: str, paras: list[tuple[int, int]]) -> list[Span]:
    """The outermost quoted spans, in order (`paras`: the text's paragraphs)."""
    marks = mark_positions(text)
    spans: list[Span] = []
    pending: Span | None = None  # a quotation left open at the end of the previous paragraph
    k = 0
    for index, (p_start, p_end) in enumerate(paras):
        if len(spans) >= MAX_SPANS or k >= len(marks) and pending is None:
            break
        if pending is None and marks[k] >= p_end:
            continue  # no quote mark here
        stack: list[_Open] = []
        first = p_start
        if pending is not None:
            width = _continues(text, p_start, p_end, pending.single)
            if width:
                first = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
                first += width
                stack.append(_Open(pending.single, pending.open_at, -1))  # -1: resumed
            else:
                _flush(spans, pending)
                pending = None
        while k < len(marks) and marks[k] < first:
            k += 1
        k, pending = _paragraph(text, marks, k, (p_start, p_end, index), stack, pending, spans)
    if pending is not None:
        _flush(spans, pending)
    return spans


def _paragraph(text: str, marks: list[int], k: int, where: tuple[int, int, int],
               stack: list[_Open], pending: Span | None, spans: list[Span]
               ) -> tuple[int, Span | None]:
    """Read one paragraph's marks; returns the next mark's index and the quotation left open."""
    p_start, p_end, index = where
    while k < len(marks) and marks[k] < p_end:
        i = marks[k]
        single, role, width = _role(text, i, p_start, p_end)
        k += 1
        if width == 2:
            k += 1  # the doubled apostrophe's second half
        if role == "either":
            role = "close" if any(o.single == single for o in stack) else "open"
        if role == "open":
            stack.append(_Open(single, i, width))
        elif role == "close":
            j = _innermost(stack, single)
            if j < 0 or (single and (j != len(stack) - 1 or _possessive(text, i, p_start,
                                                                          p_end))):
                continue  # a stray mark, or an apostrophe after a plural
            outer = stack[0]
            del stack[j:]
            if j > 0:
                continue
            if outer.width < 0 and pending is not None:
                pending.end, pending.close_at, pending.last_paragraph = i, i + width, index
                spans.append(pending)
                pending = None
            else:
                spans.append(Span(outer.at + outer.width, i, outer.at, i + width, index, index,
                                  outer.single))
    return k, _left_open(stack, pending, p_end, index)


def _left_open(stack: list[_Open], pending: Span | None, p_end: int,
               index: int) -> Span | None:
    if not stack:
        return None
    outer = stack[0]
    if outer.width < 0 and pending is not None:
        pending.end, pending.close_at, pending.last_paragraph = p_end, p_end, index
        return pending
    return Span(outer.at + outer.width, p_end, outer.at, p_end, index, index, outer.single)


def _flush(spans: list[Span], pending: Span) -> None:
    """A quotation its paragraph never closed ends there; a single mark left open was more
    likely an apostrophe."""
    if not pending.single:
        spans.append(pending)


def _innermost(stack: list[_Open], single: bool) -> int:
    for j in range(len(stack) - 1, -1, -1):
        if stack[j].single == single:
            return j
    return -1


def _possessive(text: str, i: int, lo: int, hi: int) -> bool:
    """"the investors’ money": a plural's apostrophe, when a later mark can close instead."""
    if text[i - 1] not in "sS":
        return False
    for ch in "’'":
        j = text.find(ch, i + 1, hi)
        while j >= 0:
            if _role(text, j, lo, hi)[1] == "close":
                return True
            j = text.find(ch, j + 1, hi)
    return False
