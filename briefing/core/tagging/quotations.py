"""Quotations and their speakers: who said what.

1. Quoted spans (quote_marks): curly, straight, doubled and single marks, nested quotations,
   and quotations continued over paragraphs.
2. Each quotation's attribution from its own sentence (attribution, reading speech verbs and
   sentences with speech): after it, before it, or the subject of the speech verb a fragment
   hangs off (or of the verb before a conjunction: "X reported … and warned that '…'").
3. The attribution's subject resolved to a speaker (here, with the people and organisations of
   speakers.Cast): surnames, "Ms Doe", titles before names, pronouns (by the gender a given
   name says; never a name inside a quotation), "the strategist", "the company", "the
   statement", "they", "it" (the firm its sentence opens with), public bodies as written.
4. Unattributed quotations: one that follows another in its paragraph, or that opens the
   paragraph after one, continues that speaker; otherwise it has none, and a short one with
   no attribution at all is a label in quotes ("scare quotes"), not someone's words.
"""

from __future__ import annotations

import re
from typing import Final

from ..models import Quotation
from . import attribution
from .given_names import gender
from .names import (
    CROWDS,
    DOCUMENT_NOUNS,
    INSTITUTIONS,
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
from .speech import Said, Sentences

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
_OPENERS: Final = frozenset("But And Yet So Still Then Also Now Meanwhile However".split())
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
    marks = [at for span in spans for at in (span.open_at, span.close_at)]
    cast = Cast(text, lambda: _near_quotes(text, spans, paras), marks)
    sentences = Sentences(text)
    results: list[Quotation] = []
    last: tuple[Quotation, Span] | None = None
    for span in spans[:MAX_SPANS]:
        start, end = _trimmed(text, span)
        if start >= end:
            continue
        said = _attribution(text, span, sentences, results)
        who = _NOBODY if said is None else _resolve(said, span, cast, results, sentences)
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
    if len(words) > _NAME_WORDS or not all(_title_cased(w) for w in words):
        return False
    s_start, s_end = sentences.bounds(start)
    around = (text[s_start:max(s_start, start - 1)] + " " + text[end + 1:s_end]).split()
    return sum(1 for w in around if w[:1].islower() and w not in _SMALL_WORDS) >= 3


def _title_cased(word: str) -> bool:
    """A word as a name writes it: "Strategy", "of", "Innovation-Led", "2030"; not "FOMO-based"
    or "AI-driven", descriptions that only begin with an acronym."""
    if not word[:1].isalpha():
        return True
    if not word[:1].isupper():
        return word.lower() in _SMALL_WORDS
    dash = word.find("-")
    return dash < 0 or not word[dash + 1:dash + 2].islower()


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


def _resolve(said: Said, span: Span, cast: Cast, done: list[Quotation],
             sentences: Sentences) -> Speaker:
    if said.at < 0:
        q = done[-1]
        return Speaker(q.speaker, q.title, q.organization)
    subject = said.subject.strip(" ,.;:—–-")
    if said.firm:  # "Data provider Example Institutional Investor": a firm, not a person
        return Speaker(clean_org(subject))
    parts = [p.strip() for p in subject.split(",") if p.strip()]
    if not parts:
        return _NOBODY
    head, rest = parts[0], parts[1:]
    at = min(said.at, span.open_at)
    words = head.split()
    if len(words) > 1 and words[0] in _OPENERS:  # "But Doe said": Doe
        words = words[1:]
        head = " ".join(words)
    last = words[-1].lower()
    if len(words) <= 2 and last in _PRONOUNS_WE:
        if last == "it":
            return Speaker(_own_subject(cast, sentences, at) or cast.recent_org(at))
        return _pronoun(last, at, cast, done)
    group = _group(head)
    if group is not None:
        return group
    if _institution(words):
        return Speaker(head)
    return _headed(head, rest, at, span, cast, done)


def _headed(head: str, rest: list[str], at: int, span: Span, cast: Cast,
            done: list[Quotation]) -> Speaker:
    """The speaker a subject's head names: "the company", "Example CEO, Jane Doe", "chief
    executive Jane Doe", "one trader", "Doe", "Example Securities"."""
    words = head.split()
    first, last = words[0].lower(), words[-1].lower()
    if first in ("the", "its", "their") or _role_phrase(words):
        return _definite(head, rest, at, span, cast, done)
    if rest and is_title_word(words[-1]) and _named(rest[0]):
        return _titled_name(words, rest[0], at, cast)
    if is_title_word(words[0]) and words[-1][:1].isupper():
        name, title, org = split_titled(head)  # "chief executive Jane Doe"
        if title and " " in name and is_person(name):
            return _person(name, at, cast, title, org)
    if head[:1].islower() or words[0] in NOT_NAMES or last in CROWDS:
        return _NOBODY  # "one trader", "Japanese officials", "people familiar": anonymous
    if is_title_word(words[-1]) and gender(words[0]) is None:
        person = cast.by_role(words[-1].lower(), max(at, span.close_at))
        if person is not None:  # "Exchange Chairman: …" in a headline
            return Speaker(person.name, person.title, person.org)
    return _named_speaker(head, rest, at, cast)


def _institution(words: list[str]) -> bool:
    """"The Finance Ministry", "The Bank of Example", "Japan's finance ministry", "China's
    central bank": a public body that speaks as itself, its name as the text gives it."""
    if len(words) < 2 or len(words) > 6:
        return False
    if words[0] in ("The", "the"):
        return all(w[:1].isupper() or w in ("of", "for", "and", "&") for w in words[1:]) and \
            words[-1][:1].isupper() and not is_title_word(words[-1])
    return words[0].endswith(("'s", "’s")) and words[0][:1].isupper() and (
        words[-1] in INSTITUTIONS or words[-2:] == ["central", "bank"])


def _titled_name(role: list[str], name: str, at: int, cast: Cast) -> Speaker:
    """"Example Corp President and CEO, Jane Doe, said": the name, with the role before it
    as the title and the words before the role as the organisation."""
    k = next((i for i, w in enumerate(role) if is_title_word(w)), len(role))
    org = clean_org(" ".join(w for w in role[:k] if w not in NOT_NAMES))
    return _person(clean_name(name), at, cast, " ".join(role[k:]), org)


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
    return _NOBODY


def _own_subject(cast: Cast, sentences: Sentences, at: int) -> str | None:
    """"Example fell after it said …", "Shares in Example rose as it warned …": "it" is the
    firm the sentence is about, when the sentence opens with one."""
    s_start, _ = sentences.bounds(at)
    found = attribution.sentence_subject(cast.text[s_start:at], s_start, 0)
    if found is None or found.at >= at or not found.subject[:1].isupper():
        return None
    name = clean_org(found.subject)
    words = name.split() if name else []
    if not words or words[0] in NOT_NAMES or gender(words[0]) is not None:
        return None
    between = cast.text[found.at + len(found.subject):at].split()
    if any(w[:1].isupper() for w in between):
        return None  # another name stands nearer to "it": not sure which one it is
    return name


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
    core = _MODIFIER.split(head, maxsplit=1)[0]  # "the CIO for fixed income at X": CIO
    noun = core.split()[-1].lower()
    if noun.endswith(("'s", "’s")):
        noun = noun[:-2]
    if noun in ORG_NOUNS and rest and rest[0][:1].isupper():
        return Speaker(clean_org(rest[0]))  # "the country's biggest retailer, Example, said"
    names = [p for p in rest if _named(p)]
    if names:
        owner = _POSSESSOR.match(head)
        title = head[owner.end():] if owner else re.sub(r"^(?:the|an?)\s+", "", head)
        org = clean_org(owner.group(1)) if owner and owner.group(1)[:1].isupper() else None
        return _person(clean_name(names[0]), at, cast, title or None, org)
    if noun in ORG_NOUNS:  # "Example Bank analysts upgraded …; the firm said": the bank
        return Speaker(cast.recent_org(at) or _previous_org(done) or cast.recent_group(at))
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
    if " " not in name and not title:  # "SocGen said", after "Societe Generale cut …"
        full = cast.short_form(name, at)
        if full is not None:
            return Speaker(full)
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
