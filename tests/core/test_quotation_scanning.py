"""The quotation engine's hand-written scanners read text exactly as the regular expressions
and string methods they replaced for speed (compiled with mypyc, a loop over characters or
str.find beats a regular expression's match objects): each is checked here against that
reference on generated text rich in the characters it looks at.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.tagging import attribution, names, quote_marks, speech

PIECES = ("said", "Said", "says", "told", "acknowledged", "pointed out", "points  out",
          "was quoted", "is  quoted", " as saying", "quoted", "so-called", "don't", "Mr", "Mrs",
          "Sept", "U.S", "U.K", "Co", "Inc", "A", "x", "İ", "é", "_", "1", "in", "for", "and",
          "&", "Jane", "Doe", "Bank", "Dr", "Prof", "Dame", "’s", "'s", "-said", "’said", "said'",
          "-'said", "a-said")
CHARS = tuple(".!?…,;: \t\n\u2003\x1c'’\"”“‘-")
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(CHARS), st.text(max_size=3)),
                 max_size=40).map("".join)
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_TOKEN = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")  # the words speech verbs are read from


def _verbs(words: str, pos: int = 0) -> list[tuple[int, int, str]]:
    found = []
    for m in _TOKEN.finditer(words, pos):
        verb = speech._verb(words, m.start(), m.end())
        if verb is not None:
            found.append((verb.start, verb.end, verb.word))
    return found


def _as_tuple(verb: speech.Verb | None) -> tuple[int, int, str] | None:
    return None if verb is None else (verb.start, verb.end, verb.word)


@PROPERTY
@given(texts, st.integers(0, 40))
def test_verbs_are_read_word_by_word(words: str, pos: int) -> None:
    found = _verbs(words)
    assert _as_tuple(speech.first_verb(words)) == (found[0] if found else None)
    assert _as_tuple(speech.last_verb(words, 0)) == (found[-1] if found else None)
    pos = min(pos, len(words))
    found = _verbs(words, pos)
    assert _as_tuple(speech.last_verb(words, pos)) == (found[-1] if found else None)


@PROPERTY
@given(texts)
def test_sentence_ends_as_the_boundary_pattern_finds_them(text: str) -> None:
    for lo, hi in quote_marks.paragraphs(text):
        marks, nexts = [], []
        for m in speech._BOUNDARY.finditer(text, lo, hi):
            pos = m.start()
            if not speech._ABBREV.search(text, max(0, pos - 6), pos + 1):
                marks.append(pos)
                nexts.append(max(m.end(), pos + 1))
        assert speech._sentence_ends(text, lo, hi) == (marks, nexts)
    for pos in (i for i, ch in enumerate(text) if ch == "."):
        expected = speech._ABBREV.search(text, max(0, pos - 6), pos + 1) is not None
        assert speech._abbreviation(text, pos) == expected


@PROPERTY
@given(texts, st.integers(0, 200), st.integers(0, 200))
def test_ends_and_tokens_as_their_patterns_read_them(text: str, lo: int, hi: int) -> None:
    lo, hi = sorted((min(lo, len(text)), min(hi, len(text))))
    ended = re.search(r"[.!?…]['’]?$", text[lo:hi]) is not None
    assert attribution._ends_sentence(text, lo, hi) == ended
    assert attribution._ends_with(text, ",") == (re.search(r",[ \t]*$", text) is not None)
    assert speech.word_spans(text) == [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]


@PROPERTY
@given(texts)
def test_paragraphs_are_the_lines_that_are_not_blank(text: str) -> None:
    expected, pos = [], 0
    for line in text.split("\n"):
        if line and not line.isspace():
            expected.append((pos, pos + len(line)))
        pos += len(line) + 1
    assert quote_marks.paragraphs(text) == expected


def _clean_org(org: str) -> str | None:
    """names.clean_org as it was, running its patterns on every name."""
    org = org.strip()
    cut = names._SENTENCE_AFTER.search(org)  # "Example Capital. He added": the firm only
    org = org[:cut.start() + 3] if cut else org
    org = names._IN_NAME.split(org, maxsplit=1)[0]
    org = names._TRAILING_AND.sub("", org).strip(" ,")
    if org.endswith(("’s", "'s")):
        org = org[:-2]
    elif org.endswith(("s'", "s’")):  # a plural's possessive: "Example Partners' economist"
        org = org[:-1]
    if org.endswith(".") and not names._ABBREVIATED_END.search(org):
        org = org[:-1]
    return org or None


@PROPERTY
@given(texts)
def test_names_are_cleaned_as_the_patterns_alone_would(text: str) -> None:
    """The patterns are only run where they can match; the result is theirs."""
    assert names.clean_name(text) == names.HONORIFIC.sub("", text.strip()).rstrip(".,’'")
    assert names.clean_org(text) == (_clean_org(text) if text else None)
    title = names._FOR_NAME.split(text.strip(), maxsplit=1)[0].strip(" ,") or None
    assert names.clean_title(text) == (title if text else None)
