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
   paragraph after one, continues that speaker; a sentence that is only a quotation takes the
   person the sentence before has speak (or introduces, with a title); a headline in quotes,
   the name it opens with ("Jane Doe: …") or the person the next paragraph has speak; and
   quotations left without a speaker just before '"…," she added' are hers. Otherwise it has
   none, and a short one with no attribution at all is a label in quotes ("scare quotes"),
   not someone's words; so is a short one in single marks where its paragraph quotes words
   in double ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from ..models import Quotation
from . import attribution
from .given_names import gender, is_given_name
from .names import (
    CROWDS,
    DOCUMENT_NOUNS,
    INSTITUTIONS,
    NAME,
    NATIONALITIES,
    NOT_NAMES,
    ORG_NOUNS,
    ORG_WORDS,
    PRONOUNS,
    ROLE_WORDS,
    clean_name,
    clean_org,
    is_org,
    is_person,
    is_title_word,
    split_titled,
    titled_lead,
)
from .quote_marks import MAX_SPANS, Span, paragraphs, quoted_spans
from .speakers import Cast, Person, describe, expand_abbreviation
from .speech import PARTICIPLES, Said, Sentences, first_verb, last_verb

QUOTE_MARKS: Final = ("“", '"', "‘", "'", "«", "„", "「")
_OPENING_MARKS: Final = ("“", '"', "‘", "«", "„", "「")  # not the apostrophe: "Doe's"
MIN_WORDS_UNATTRIBUTED: Final = 4  # shorter unattributed quotes are scare quotes, not words
_NAME_WORDS: Final = 8  # the longest title-case quote read as a name ("Plan for a Better Way")

RATINGS: Final = frozenset((  # brokers' ratings, quoted as names of a rating, not as anyone's words
    "buy", "sell", "hold", "neutral", "overweight", "underweight", "outperform",
    "underperform", "accumulate", "reduce", "add", "equal weight", "equal-weight",
    "market perform", "sector perform", "peer perform", "market weight", "in line", "in-line",
    "strong buy", "strong sell", "conviction buy", "top pick", "positive", "negative",
    "sector outperform", "sector underperform", "market outperform", "market underperform",
    "in line with the market", "outperform the market", "underperform the market",
    "outperform the industry", "underperform the industry", "in line with the industry",
))
_PRONOUNS_WE: Final = PRONOUNS | {"we"}
_OPENERS: Final = frozenset("But And Yet So Still Then Also Now Meanwhile However As".split())
_SMALL_WORDS: Final = frozenset("a an the of to for and in on at by with or vs".split())
_GROUP_WORDS: Final = ("nalysts", "trategists", "conomists", "xecutives", "led by")
_LED_BY: Final = re.compile(r"\bled by\s+(.+)$")
_GROUP_AT: Final = re.compile(r"^(?:[Aa]nalysts|[Ss]trategists|[Ee]conomists|[Ee]xecutives)\s+"
                              r"(?:at|from|with)\s+(.+)$")
_GROUP_AFTER: Final = re.compile(r"^(.+?)\s+(?:analysts|strategists|economists|executives)$")
_MODIFIER: Final = re.compile(r"\s+(?:at|of|for|from|with|in)\s+")
_ROLE_AT_ORG: Final = re.compile(r"^(?:the|an?)\s+(.+?)\s+(?:at|of|with)\s+([A-Z].*)$")
_POSSESSOR: Final = re.compile(r"^(?:[Tt]he\s+)?(.+?)['’]s\s+")
_OF_ORG: Final = re.compile(r"^(.+?)\s+(?:of|at|from)\s+([A-Z].+)$")


class Speaker:
    # A plain class: mypyc compiles its __init__ (a dataclass's stays interpreted).
    def __init__(self, name: str | None, title: str | None = None,
                 org: str | None = None) -> None:
        self.name = name  # None: anonymous ("one trader said") or not resolved
        self.title = title
        self.org = org


_NOBODY: Final = Speaker(None)


def find_quotations(text: str, firms: Callable[[], list[tuple[int, str]]] | None = None
                    ) -> list[Quotation]:
    """The quotations of a text with their speakers; `firms` gives, when asked, where the
    entity tagger found companies in it and by what names (what "the company" can refer to)."""
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
    cast = Cast(text, lambda: _near_quotes(text, spans, paras), marks, firms)
    sentences = Sentences(text)
    results: list[Quotation] = []
    doubles = {span.paragraph for span in spans if not span.single}
    last: tuple[Quotation, Span] | None = None
    unattributed: list[tuple[int, Span]] = []  # the quotations with no speaker just before
    for span in spans[:MAX_SPANS]:
        start, end = _trimmed(text, span)
        if start >= end:
            continue
        said = _attribution(text, span, sentences, results)
        who = _NOBODY if said is None else _resolve(said, span, cast, results, sentences)
        heading = _heading(text, span) if said is None else None
        if heading is not None:  # "JANE DOE | EXAMPLE BANK" on the line above: hers
            who, said = heading, Said("", span.open_at)
        elif said is None and last is not None and _continues(text, span, last):
            who = Speaker(last[0].speaker, last[0].title, last[0].organization)
            said = Said("", span.open_at)
        elif said is None and text.count(" ", start, end) >= MIN_WORDS_UNATTRIBUTED - 1:
            who = _lead_in(text, span, sentences, cast, results)
            said = Said("", span.open_at) if who.name else None
        if who.name and " " not in who.name and not who.title:
            who = _NOBODY if who.name in NOT_NAMES or who.name.lower() in _FUNCTION_WORDS or \
                not who.name[:1].isalnum() else Speaker(
                cast.fuller(who.name, span.open_at), None, who.org)  # never "The" or "and"
        quote = text[start:end]
        words = quote.split(None, _NAME_WORDS)  # all its words when few (only then read)
        if _label(quote, words, said, who) or _named_thing(text, start, end, words, sentences) \
                or _titled(text, span.open_at) or (span.single and span.paragraph in doubles
                                                   and len(words) < MIN_WORDS_UNATTRIBUTED):
            # (a short quote in single marks in a paragraph that quotes words in double ones:
            # the writer's label, "said 'concept' stocks would “lead the market”")
            continue
        if who.name and unattributed and (_added(text, span, sentences, unattributed)
                                          or _chained(text, unattributed[-1][1], span)):
            for k, _ in unattributed:  # '"…" ¶ "…," he added': the paragraphs before are his
                old = results[k]
                results[k] = Quotation(old.text, old.start, old.end, who.name, who.title, who.org)
        if who.name:
            unattributed = []
        elif said is None:
            unattributed.append((len(results), span))
        q = Quotation(text=quote, start=start, end=end, speaker=who.name, title=who.title,
                      organization=who.org)
        results.append(q)
        if who.name and " " in who.name and is_person(who.name):
            cast.add(Person(span.open_at, who.name, who.title, who.org))
        last = (q, span)
    return results


def _chained(text: str, previous: Span, span: Span) -> bool:
    """'"…", "…", says Jane Doe': a quotation that only a comma separates from the next one,
    whose speaker follows it, is the same speaker's."""
    between = text[previous.close_at + 1:span.open_at]
    return len(between) <= 4 and between.strip(" ,") in ("", "and")


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


def _known_person(who: Speaker, cast: Cast, at: int) -> bool:
    """Whether a speaker is surely a person: described (a title or a firm), a given name
    that says so, or someone the text introduced ("Example Foods" only looks like a name)."""
    if not who.name or not is_person(who.name):
        return False
    return bool(who.title or who.org) or gender(who.name.split()[0]) is not None or \
        cast.find(who.name, at) is not None


_ADDED: Final = frozenset({"added", "adds", "continued", "concluded"})


def _added(text: str, span: Span, sentences: Sentences,
           before: list[tuple[int, Span]]) -> bool:
    """Whether a quotation attributed with "he added" ("X continued") follows the unattributed
    quotations `before` right away, each opening its paragraph after the one before ends: then
    they are the same speaker's earlier words (a press release's "'…' ¶ '…,' he added")."""
    nxt = span
    for _, previous in reversed(before):
        if not (previous.last_paragraph == nxt.paragraph - 1 and
                _opens_paragraph(text, nxt.open_at) or previous.last_paragraph == nxt.paragraph):
            return False
        nxt = previous
    s_start = sentences.bounds(span.open_at)[0]
    s_end = sentences.bounds(span.close_at)[1]
    verb = first_verb(text[span.close_at:max(span.close_at, s_end)]) or \
        last_verb(text[s_start:span.open_at], 0)
    return verb is not None and verb.word in _ADDED


def _lead_in(text: str, span: Span, sentences: Sentences, cast: Cast,
             done: list[Quotation]) -> Speaker:
    """The speaker of a quotation that is a sentence of its own with no attribution, when
    the text makes it a person: the name a headline in quotes opens with ("Jane Doe: rally
    has legs"); for a line that is only a headline in quotes, the person who speaks in the
    paragraph after it ("Nip Chun Pong … told the agency that …"); else the subject of the
    sentence before ("Jane Doe, a strategist at X, highlighted the role of foreign buyers.
    "Foreign investors have …"")."""
    s_start, _ = sentences.bounds(span.open_at)
    for i in range(s_start, span.open_at):
        if not text[i].isspace():
            return _NOBODY  # words before the quotation in its sentence
    named = _HEADLINE_NAME.match(text, span.start)
    if named is not None and " " in named.group(1) and is_person(named.group(1)):
        return _person(named.group(1), span.open_at, cast, None, None)
    speaks = True
    if _headline_line(text, span, sentences):
        found = _headline(text, span, sentences)
    else:
        found, speaks = _said_before(text, span, sentences, s_start)
    if found is None:
        return _NOBODY
    who = _resolve(found, span, cast, done, sentences)
    if not speaks and not (who.title or who.org):
        return _NOBODY  # a subject that does not speak, named without saying who they are
    if speaks and who.name and _opens_paragraph(text, span.open_at) and cast.is_org(who.name) \
            and cast.find(who.name, span.open_at) is None and \
            not _names_someone(text[found.at + len(found.subject):span.open_at]):
        return who  # "X said it expects …. ¶ "…"": the firm that spoke goes on (no person named)
    return who if _known_person(who, cast, span.open_at) else _NOBODY


def _names_someone(words: str) -> bool:
    """Whether words name a person: a given name before another capitalised word."""
    tokens = words.split()
    return any(gender(a) is not None and b[:1].isupper() and is_person(f"{a} {b}")
               for a, b in zip(tokens, tokens[1:], strict=False))


_HEADLINE_NAME: Final = re.compile(r"(" + NAME + r"):[ \t]")


def _headline_line(text: str, span: Span, sentences: Sentences) -> bool:
    """Whether a quotation is a line of its own with no full stop: a headline."""
    if span.last_paragraph != span.paragraph or not _opens_paragraph(text, span.open_at):
        return False
    _, p_end = sentences.paragraph(span.open_at)
    return not text[span.close_at:p_end].strip() and \
        text[span.start:span.end].rstrip()[-1:] not in ".!?…" and \
        text.count(" ", span.start, span.end) <= 25


def _headline(text: str, span: Span, sentences: Sentences) -> Said | None:
    """The first person the paragraph after a headline in quotes has speak."""
    _, p_end = sentences.paragraph(span.open_at)
    at = p_end + 1
    while at < len(text) and text[at].isspace():
        at += 1
    n_end = sentences.paragraph(at)[1]
    for _ in range(4):
        if at >= n_end:
            break
        s_start, s_end = sentences.bounds(at)
        sentence = text[s_start:s_end]
        verb = first_verb(sentence)
        if verb is not None and verb.start > 0 and verb.word not in PARTICIPLES and not any(
                mark in sentence for mark in _OPENING_MARKS):
            found = attribution.clause_subject(sentence[:verb.start], s_start)
            if found is not None and found.subject[:1].isupper():
                return found
        at = s_end + 1
        while at < n_end and text[at].isspace():
            at += 1
    return None


def _said_before(text: str, span: Span, sentences: Sentences,
                 s_start: int) -> tuple[Said | None, bool]:
    """The subject of the sentence before a quotation's, and whether it speaks there (the
    subject of a speech verb) rather than only being described."""
    j = s_start - 1
    while j > 0 and text[j].isspace():
        j -= 1
    if j <= 0 or text[j] not in ".!?" or (text[j + 1:s_start].count("\n") and not
                                            _opens_paragraph(text, span.open_at)):
        return None, True
    p_start = sentences.bounds(j - 1)[0]  # the sentence the stop at j ends
    previous = text[p_start:j + 1]
    if any(mark in previous for mark in _OPENING_MARKS):
        return None, True
    verb = first_verb(previous)
    if verb is None:  # "Jane Doe, head of equities at X, was blunt. "…"": the person
        return attribution.sentence_subject(previous, p_start, 0), False
    if verb.word in PARTICIPLES or verb.start == 0:
        return None, True
    return attribution.clause_subject(previous[:verb.start], p_start), True


# A line that is only a person and their firm, as analysts' views are set out one by one:
# "JANE DOE | EXAMPLE BANK", "Jane Doe, Example Bank:", "Jane Doe – Example Bank".
_BYLINE: Final = re.compile(r"([A-Z][A-Za-z'’.\-]+(?:[ \t]+[A-Z][A-Za-z'’.\-]+){1,3})[ \t]*"
                            r"(?:\||,|–|—)[ \t]*([A-Z][^\n|]{1,60}?)[ \t]*:?")


def _heading(text: str, span: Span) -> Speaker | None:
    """The person a quotation's paragraph is headed by, when the line right above it names
    only them and their firm."""
    if not _opens_paragraph(text, span.open_at):
        return None
    end = text.rfind("\n", 0, span.open_at)
    while end > 0 and text[end - 1] in "\n \t":
        end -= 1
    begin = text.rfind("\n", 0, end) + 1
    if end <= 0 or end - begin > 80:
        return None
    m = _BYLINE.fullmatch(text, begin, end)
    if m is None:
        return None
    name = m.group(1)
    first = name.split()[0]
    if not is_given_name(first.capitalize() if first.isupper() else first) or \
            not is_person(name.title() if name.isupper() else name):
        return None
    return Speaker(name, None, clean_org(m.group(2)))


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
    if len(words) <= 5 and quote.strip(" .,").lower() in RATINGS:
        return True
    if len(words) >= MIN_WORDS_UNATTRIBUTED:
        return False
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
            return Speaker(_own_subject(cast, sentences, at) or cast.recent_org(at)
                           or cast.recent_firm(at))
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
    lead = 1 if first in ("the", "its", "their") else 0
    k = titled_lead(words[lead:])
    if k:  # "chief executive Jane Doe", "market analyst Jane Roe at X", "the head of … Jo Li"
        found = _named_speaker(" ".join(words[lead + k:]), rest, at, cast)
        if found.name and " " in found.name and is_person(found.name):
            return Speaker(found.name, " ".join(words[lead:lead + k]), found.org)
    if first in ("the", "its", "their") or _role_phrase(words):
        return _definite(head, rest, at, span, cast, done)
    if rest and is_title_word(words[-1]) and _named(rest[0]):
        return _titled_name(words, rest[0], at, cast)
    if is_title_word(words[0]) and words[-1][:1].isupper():
        name, title, org = split_titled(head)  # "chief executive Jane Doe"
        if title and " " in name and is_person(name):
            return _person(name, at, cast, title, org)
    if head[:1].islower() or (words[0] in NOT_NAMES and not is_person(head)) or last in CROWDS:
        return _NOBODY  # "one trader", "Japanese officials", "people familiar": anonymous
    if is_title_word(words[-1]) and gender(words[0]) is None:
        person = cast.by_role(words[-1].lower(), max(at, span.close_at))
        if person is not None:  # "Exchange Chairman: …" in a headline
            return Speaker(person.name, person.title, person.org)
    return _named_speaker(head, rest, at, cast)


_BODY_STARTS: Final = frozenset({"Central", "Federal", "National", "European", "People's",
                                  "People’s", "Monetary", "State"})


def _institution(words: list[str]) -> bool:
    """"The Finance Ministry", "The Bank of Example", "Bank of Example", "Japan's finance
    ministry", "China's central bank": a public body that speaks as itself, its name as the
    text gives it."""
    if len(words) < 2 or len(words) > 6:
        return False
    if "of" in words and (words[0] in ORG_WORDS or words[0] in _BODY_STARTS):
        # "Bank of England" (its "the" left before "recently stated"), not "Bank of Example's
        # Jane Doe" nor "Bank of Example Governor Jane Doe"
        return all(w in ("of", "for", "and", "&") or w[:1].isupper() and not is_title_word(w)
                   and gender(w) is None and w[-1] not in "'’s" for w in words)
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
    if not name:
        return None
    words = name.split()
    if not words or words[0] in NOT_NAMES or gender(words[0]) is not None:
        return None
    between = cast.text[found.at + len(found.subject):at].split()
    if any(w[:1].isupper() for w in between):
        return _only_name(between)  # another name stands nearer to "it": the one, if one
    if found.at == s_start and not _VERB_NEXT.match(cast.text, found.at + len(
            found.subject)) and not cast.is_firm(name):  # (the cheap test first)
        return None  # "Stock prices have risen, but …, it said": a capital, not a firm
    return name


_FUNCTION_WORDS: Final = frozenset({"and", "or", "but", "the", "a", "an", "of", "to", "in"})
# What follows a firm that opens its sentence as the subject: a verb ("Example edged higher
# after it said"), where a noun would follow a capitalised common word ("Stock prices").
_VERB_NEXT: Final = re.compile(r"[ \t]+(?:[a-z]+ed|rose|fell|said|says|rises|falls|slid|sank|"
                               r"lost|won|was|is|has|had|will|would|also|shares)\b")


def _only_name(words: list[str]) -> str | None:
    """The one run of capitalised words among `words` when there is exactly one and it names
    a firm rather than a person ("Retail led, with Example Stores close behind after it
    warned"): the nearer name that "it" points to."""
    runs: list[list[str]] = []
    previous = False
    for word in words:
        capital = word[:1].isupper()
        if capital and previous:
            runs[-1].append(word)
        elif capital:
            runs.append([word])
        previous = capital and not word.endswith((",", ".", ";", ":"))
    if len(runs) != 1 or runs[0][0] in NOT_NAMES or gender(runs[0][0]) is not None:
        return None
    return clean_org(" ".join(runs[0]))


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
    if m and m.group(1)[:1].isupper() and not all(  # "Japanese officials", not "Example Bank"
            w in NATIONALITIES for w in m.group(1).split()):
        return Speaker(clean_org(m.group(1)))
    return None


def _definite(head: str, rest: list[str], at: int, span: Span, cast: Cast,
              done: list[Quotation]) -> Speaker:
    """"the company", "the statement", "the strategists", "the bank's finance chief, X"."""
    named = attribution.described_name(head)
    if named is not None:  # "the Bank of England governor Jane Doe": the title before the name
        title = re.sub(r"^(?:the|an?)\s+", "", head[:head.rfind(named)].strip())
        return _person(named, at, cast, title or None, None)
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
    if noun in _BROKER_NOUNS:  # "X raised its target on Y …; the brokerage said": X
        rater = cast.rating_org(at)
        if rater is not None:
            return Speaker(rater)
    if noun in ORG_NOUNS:  # "Example Bank analysts upgraded …; the firm said": the bank
        return Speaker(cast.recent_org(at) or _previous_org(done) or cast.recent_group(at)
                       or cast.recent_firm(at))
    if noun in DOCUMENT_NOUNS:
        q = done[-1] if done else None
        if q and q.speaker and q.end > at - 1500:
            return Speaker(q.speaker, q.title, q.organization)
        return Speaker(cast.recent_org(at))
    if noun.endswith("s") and noun[:-1] in ROLE_WORDS:
        return Speaker(cast.recent_group(at) or _previous_org(done) or cast.recent_org(at)
                       or cast.recent_firm(at))
    if noun in ROLE_WORDS:
        return _role_holder(head, noun, at, span, cast, done)
    return _NOBODY


_BROKER_NOUNS: Final = frozenset({"brokerage", "broker", "firm", "house"})


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
        for part in rest[:2] if t2 is None and o2 is None else ():
            t2, o2 = _firm_and_title(part)
            if t2 is not None:
                break
        title, org = t2 or title, o2 or org
    return _person(name, at, cast, title, org or lead_org)


def _firm_and_title(part: str) -> tuple[str | None, str | None]:
    """"Example CEO", "Example's President and CEO", "Chief Economist", "President and CEO of
    Example": a capitalised title after a name's comma, with the firm before or after it."""
    for sep in (" at ", " with ", " of "):  # "Head of Research at Example Securities"
        i = part.find(sep)
        if i > 0 and part[i + len(sep):i + len(sep) + 1].isupper() and \
                _capital_title(part[:i].split()):
            return part[:i], clean_org(part[i + len(sep):])
    words = part.split()
    k = len(words)
    while k and (is_title_word(words[k - 1]) and words[k - 1][:1].isupper() or
                 words[k - 1] in ("and", "&") and k < len(words)):
        k -= 1
    if k == len(words) or k > 4 or words[k] in ("and", "&") or not all(
            w[:1].isupper() for w in words[:k]):
        return None, None
    return " ".join(words[k:]), clean_org(" ".join(words[:k]))


def _capital_title(words: list[str]) -> bool:
    """"President and CEO", "Chief Executive Officer", "Head of Research": capitalised words
    that open with a title."""
    return bool(words) and len(words) <= 6 and is_title_word(words[0]) and \
        words[0][:1].isupper() and all(w in ("and", "&", "of", "for") or w[:1].isupper()
                                       for w in words)


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
