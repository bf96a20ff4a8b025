"""Quotations and their speakers: who said what.

1. Quoted spans (quote_marks): curly, straight, doubled and single marks, nested quotations,
   and quotations continued over paragraphs.
2. Each quotation's attribution from its own sentence (attribution): after it, before it, or
   the subject of the speech verb a fragment hangs off.
3. The attribution's subject resolved to a speaker (here, with the people and organisations of
   speakers.Cast): surnames, "Ms Doe", titles before names, pronouns (by the gender a given
   name says), "the strategist", "the company", "the statement", "they".
4. Unattributed quotations: one that follows another in its paragraph, or that opens the
   paragraph after one, continues that speaker; otherwise it has none, and a short one with
   no attribution at all is a label in quotes ("scare quotes"), not someone's words.
"""

from __future__ import annotations

import re
from typing import Final

from ..models import Quotation
from . import attribution
from .attribution import Said, Sentences
from .given_names import gender
from .names import (
    CROWDS,
    DOCUMENT_NOUNS,
    NATIONALITIES,
    NOT_NAMES,
    ORG_NOUNS,
    PRONOUNS,
    ROLE_WORDS,
    clean_name,
    clean_org,
    is_org,
    is_person,
    is_title_word,
    split_titled,
)
from .quote_marks import MAX_SPANS, Span, paragraphs, quoted_spans
from .speakers import Cast, Person, describe, expand_abbreviation

QUOTE_MARKS: Final = ("“", '"', "‘", "'", "«", "„", "「")
MIN_WORDS_UNATTRIBUTED: Final = 4  # shorter unattributed quotes are scare quotes, not words
_NAME_WORDS: Final = 8  # the longest title-case quote read as a name ("Plan for a Better Way")

RATINGS: Final = frozenset((  # brokers' ratings, quoted as names of a rating, not as anyone's words
    "buy", "sell", "hold", "neutral", "overweight", "underweight", "outperform",
    "underperform", "accumulate", "reduce", "add", "equal weight", "equal-weight",
    "market perform", "sector perform", "peer perform", "market weight", "in line", "in-line",
    "strong buy", "strong sell", "conviction buy", "top pick", "positive", "negative",
    "sector outperform", "sector underperform", "market outperform", "market underperform",
))
_PRONOUNS_WE: Final = PRONOUNS | {"we"}
_SMALL_WORDS: Final = frozenset("a an the of to for and in on at by with or vs".split())
_GROUP_WORDS: Final = ("nalysts", "trategists", "conomists", "xecutives", "led by")
_LED_BY: Final = re.compile(r"\bled by\s+(.+)$")
_GROUP_AT: Final = re.compile(r"^(?:[Aa]nalysts|[Ss]trategists|[Ee]conomists|[Ee]xecutives)\s+"
                              r"(?:at|from|with)\s+(.+)$")
_GROUP_AFTER: Final = re.compile(r"^(.+?)\s+(?:analysts|strategists|economists|executives)$")
_MODIFIER: Final = re.compile(r"\s+(?:at|of|for|from|with|in)\s+")
_ROLE_AT_ORG: Final = re.compile(r"^(?:the|an?)\s+(.+?)\s+(?:at|of|with)\s+([A-Z].*)$")
_POSSESSOR: Final = re.compile(r"^(?:the\s+)?(.+?)['’]s\s+")
_OF_ORG: Final = re.compile(r"^(.+?)\s+(?:of|at|from)\s+([A-Z].+)$")


class Speaker:
    # A plain class: mypyc compiles its __init__ (a dataclass's stays interpreted).
    def __init__(self, name: str | None, title: str | None = None,
                 org: str | None = None) -> None:
        self.name = name  # None: anonymous ("one trader said") or not resolved
        self.title = title
        self.org = org


_NOBODY: Final = Speaker(None)


def find_quotations(text: str) -> list[Quotation]:
    # Compiled, 43 µs for an 800-word story with three to six quotations (benchmarks.tagging
    # long_stories), from 100 µs: little regular expression work per quotation, no copies of
    # the text, native classes (plain ones: a dataclass's __init__ stays interpreted), Final
    # module constants (static, not looked up in the module's dict).
    if not any(mark in text for mark in QUOTE_MARKS):
        return []
    paras = paragraphs(text)
    spans = quoted_spans(text, paras)
    if not spans:
        return []
    cast = Cast(text, lambda: _near_quotes(text, spans, paras))
    sentences = Sentences(text)
    results: list[Quotation] = []
    last: tuple[Quotation, Span] | None = None
    for span in spans[:MAX_SPANS]:
        start, end = _trimmed(text, span)
        if start >= end:
            continue
        said = _attribution(text, span, sentences, results)
        who = _NOBODY if said is None else _resolve(said, span, cast, results)
        if said is None and last is not None and _continues(text, span, last):
            who = Speaker(last[0].speaker, last[0].title, last[0].organization)
            said = Said("", span.open_at)
        quote = text[start:end]
        words = quote.split(None, _NAME_WORDS)  # all its words when few (only then read)
        if _label(quote, words, said, who) or _named_thing(text, start, end, words, sentences) \
                or _titled(text, span.open_at):
            continue
        q = Quotation(text=quote, start=start, end=end, speaker=who.name, title=who.title,
                      organization=who.org)
        results.append(q)
        if who.name and " " in who.name and is_person(who.name):
            cast.add(Person(span.open_at, who.name, who.title, who.org))
        last = (q, span)
    return results


def _trimmed(text: str, span: Span) -> tuple[int, int]:
    """The quotation's words: without the spaces and commas at its edges (read by index, as
    str.lstrip and str.rstrip of a copy of the quotation would)."""
    start, end = span.start, span.end
    while start < span.end and (text[start] == " " or text[start] == "\n"):
        start += 1
    while end > span.start and text[end - 1] in " ,\n":
        end -= 1
    for i in range(start, end):
        if text[i].isalnum():
            return start, end
    return start, start


def _attribution(text: str, span: Span, sentences: Sentences,
                 done: list[Quotation]) -> Said | None:
    found = attribution.after(text, span, sentences)
    if found is not None:
        return found
    s_start, _ = sentences.bounds(span.open_at)
    previous = done[-1] if done else None
    if previous and previous.speaker and s_start <= previous.end <= span.open_at:
        return Said("", -1)  # "A," she said, "B.": the sentence's speaker again
    return attribution.before(text, span, sentences, s_start)


def _continues(text: str, span: Span, last: tuple[Quotation, Span]) -> bool:
    """An unattributed quotation continues the last one's speaker when it is in the same
    paragraph, or opens the paragraph right after the one the last quotation ended in."""
    q, previous = last
    if not q.speaker:
        return False
    if span.paragraph == previous.last_paragraph:
        return True
    return span.paragraph == previous.last_paragraph + 1 and _opens_paragraph(text, span.open_at)


def _opens_paragraph(text: str, at: int) -> bool:
    """Whether only spaces or a bullet's marks ("** ", "- ", "• ") stand before `at` in its
    paragraph: a digest's bullets open their paragraphs just as a plain line does."""
    for i in range(at - 1, -1, -1):
        ch = text[i]
        if ch == "\n":
            return True
        if ch.isalnum() or at - i > 6:
            return False
    return True


def _label(quote: str, words: list[str], said: Said | None, who: Speaker) -> bool:
    """A short quote that no one is said to have said is a label ("so-called 'Magnificent
    Seven'"), not someone's words; so is a broker's rating ("cut to 'neutral'") and a name
    given anonymously ("investors dubbed it the 'X moment'"). `words`: quote.split(None, 6)."""
    if len(words) >= MIN_WORDS_UNATTRIBUTED:
        return False
    if quote.strip(" .,").lower() in RATINGS:
        return True
    return said is None or (who.name is None and said.naming)


def _titled(text: str, open_at: int) -> bool:
    """A quote right after "titled" or "entitled" is the name of a report, a speech or a
    book, whoever wrote it: its title, not words quoted from it."""
    i = open_at
    while i > 0 and text[i - 1] in " \t,:":
        i -= 1
    if not text.endswith("titled", max(0, i - 6), i):
        return False
    return i < 7 or not text[i - 7].isalpha() or text.endswith("entitled", max(0, i - 8), i)


def _named_thing(text: str, start: int, end: int, words: list[str],
                 sentences: Sentences) -> bool:
    """A short quote in title case inside an ordinary sentence names something (the "Apple
    Store+" format, a plan called "Core Strategy for Growth"); in a headline it is words.
    `words`: text[start:end].split(None, _NAME_WORDS), all of its words when few enough."""
    if len(words) > _NAME_WORDS or not all(w[:1].isupper() or w.lower() in _SMALL_WORDS or
                                 not w[:1].isalpha() for w in words):
        return False
    s_start, s_end = sentences.bounds(start)
    around = (text[s_start:max(s_start, start - 1)] + " " + text[end + 1:s_end]).split()
    return sum(1 for w in around if w[:1].islower() and w not in _SMALL_WORDS) >= 3


def _near_quotes(text: str, spans: list[Span], bounds: list[tuple[int, int]]) -> str:
    """The text with only the paragraphs around quotations kept (others blanked, so offsets
    hold): people are introduced there, and scanning less keeps tagging fast."""
    if len(bounds) <= 3:
        return text
    keep: set[int] = set()
    for span in spans:
        keep.update(range(span.paragraph - 2, span.last_paragraph + 2))
    parts = []
    pos = 0
    for i, (start, end) in enumerate(bounds):
        parts.append(text[pos:start])
        parts.append(text[start:end] if i in keep else " " * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


# -- resolving an attribution to a speaker ------------------------------------------------------


def _resolve(said: Said, span: Span, cast: Cast, done: list[Quotation]) -> Speaker:
    if said.at < 0:
        q = done[-1]
        return Speaker(q.speaker, q.title, q.organization)
    subject = said.subject.strip(" ,.;:—–-")
    parts = [p.strip() for p in subject.split(",") if p.strip()]
    if not parts:
        return _NOBODY
    head, rest = parts[0], parts[1:]
    at = min(said.at, span.open_at)
    words = head.split()
    first, last = words[0].lower(), words[-1].lower()
    if len(words) <= 2 and last in _PRONOUNS_WE:
        return _pronoun(last, at, cast, done)
    group = _group(head)
    if group is not None:
        return group
    if first in ("the", "its", "their") or _role_phrase(words):
        return _definite(head, rest, at, span, cast, done)
    if head[:1].islower() or words[0] in NOT_NAMES or last in CROWDS:
        return _NOBODY  # "one trader", "Japanese officials", "people familiar": anonymous
    if is_title_word(words[-1]) and gender(words[0]) is None:
        person = cast.by_role(words[-1].lower(), max(at, span.close_at))
        if person is not None:  # "Exchange Chairman: …" in a headline
            return Speaker(person.name, person.title, person.org)
    return _named_speaker(head, rest, at, cast)


def _role_phrase(words: list[str]) -> bool:
    """"Fund Chief", "Shell plc's finance chief", "a strategist": a role where a name would be."""
    return all(is_title_word(w) for w in words[-2:]) or (
        words[-1].islower() and words[-1] in ROLE_WORDS and len(words) > 1)


def _named(part: str) -> bool:
    name = split_titled(clean_name(part))[0]
    return " " in name and is_person(name) and name == clean_name(part)


def _pronoun(word: str, at: int, cast: Cast, done: list[Quotation]) -> Speaker:
    if word in ("he", "she"):
        person = cast.nearest_person(at, "m" if word == "he" else "f")
        if person is not None:
            return Speaker(person.name, person.title, person.org)
        q = done[-1] if done else None
        return Speaker(q.speaker, q.title, q.organization) if q else _NOBODY
    if word == "they":
        org = cast.recent_group(at) or _previous_org(done) or cast.recent_org(at)
        return Speaker(org)
    if word == "it":
        return Speaker(cast.recent_org(at))
    return _NOBODY


def _previous_org(done: list[Quotation]) -> str | None:
    q = done[-1] if done else None
    return q.speaker if q and q.speaker and not is_person(q.speaker) else None


def _group(head: str) -> Speaker | None:
    """"Analysts at X", "X strategists led by Jane Doe"."""
    if not any(word in head for word in _GROUP_WORDS):
        return None
    led = _LED_BY.search(head)
    if led:
        name = split_titled(clean_name(led.group(1)))[0]
        org = _GROUP_AFTER.match(head[:led.start()].strip())
        return Speaker(name, None, clean_org(org.group(1)) if org else None)
    m = _GROUP_AT.match(head) or _GROUP_AFTER.match(head)
    if m and m.group(1)[:1].isupper() and m.group(1).split()[-1] not in NATIONALITIES:
        return Speaker(clean_org(m.group(1)))
    return None


def _definite(head: str, rest: list[str], at: int, span: Span, cast: Cast,
              done: list[Quotation]) -> Speaker:
    """"the company", "the statement", "the strategists", "the bank's finance chief, X"."""
    names = [p for p in rest if _named(p)]
    if names:
        owner = _POSSESSOR.match(head)
        title = head[owner.end():] if owner else re.sub(r"^(?:the|an?)\s+", "", head)
        org = clean_org(owner.group(1)) if owner and owner.group(1)[:1].isupper() else None
        return _person(clean_name(names[0]), at, cast, title or None, org)
    core = _MODIFIER.split(head, maxsplit=1)[0]  # "the CIO for fixed income at X": CIO
    noun = core.split()[-1].lower()
    if noun.endswith(("'s", "’s")):
        noun = noun[:-2]
    if noun in ORG_NOUNS:
        return Speaker(cast.recent_org(at) or _previous_org(done))
    if noun in DOCUMENT_NOUNS:
        q = done[-1] if done else None
        if q and q.speaker and q.end > at - 1500:
            return Speaker(q.speaker, q.title, q.organization)
        return Speaker(cast.recent_org(at))
    if noun.endswith("s") and noun[:-1] in ROLE_WORDS:
        return Speaker(cast.recent_group(at) or _previous_org(done) or cast.recent_org(at))
    if noun in ROLE_WORDS:
        return _role_holder(head, noun, at, span, cast, done)
    return _NOBODY


def _role_holder(head: str, role: str, at: int, span: Span, cast: Cast,
                 done: list[Quotation]) -> Speaker:
    """"The analyst", "the BoJ head": the person whose title says so, else the person last
    quoted, else the last person named; "the CIO for fixed income at X" also says who they
    are."""
    person = cast.by_role(role, max(at, span.close_at))
    if person is None:
        q = done[-1] if done else None
        if q and q.speaker and is_person(q.speaker) and q.end > at - 1500:
            return Speaker(q.speaker, q.title, q.organization)
        person = cast.nearest_person(at, None)
    if person is None:
        return _NOBODY
    title, org = person.title, person.org
    described = _ROLE_AT_ORG.match(head)
    if described and not title:
        title, org = described.group(1), org or clean_org(described.group(2))
        cast.add(Person(person.at, person.name, title, org))
    return Speaker(person.name, title, org)


def _named_speaker(head: str, rest: list[str], at: int, cast: Cast) -> Speaker:
    """"Jane Doe", "Doe", "Ms Doe", "Jane Doe of X", "X analyst Jane Doe", "Nomura"."""
    org = None
    m = _OF_ORG.match(head) if " of " in head or " at " in head or " from " in head else None
    if m and is_person(clean_name(m.group(1))):
        head, org = m.group(1), clean_org(m.group(2))
    name, title, lead_org = split_titled(clean_name(head))
    if not name:
        return _NOBODY
    if name.isupper() and len(name) > 1 and " " not in name:  # "MHRIL said"
        name = expand_abbreviation(cast.text, name, at) or name
        return Speaker(name)
    if (is_org(head) and not is_person(name)) or (is_org(name) and not title):
        return Speaker(clean_org(head) or head)
    if rest:
        t2, o2 = describe(", " + ", ".join(rest))
        title, org = t2 or title, o2 or org
    return _person(name, at, cast, title, org or lead_org)


def _person(name: str, at: int, cast: Cast, title: str | None, org: str | None) -> Speaker:
    """A person's name as written, completed from the people the text introduced."""
    if (title or org) and " " in name:
        return Speaker(name, title, org)
    person = cast.find(name, at)
    if person is not None and len(person.name.split()) >= len(name.split()):
        return Speaker(person.name, title or person.title, org or person.org)
    full = cast.complete(name, at) if " " not in name else name
    if full != name:
        known = cast.find(full, at)
        if known is not None:
            return Speaker(known.name, title or known.title, org or known.org)
    return Speaker(full, title, org)
