"""The people and organisations a text introduces, for attribution to resolve names to.

People are found from cheap anchors (", a…", " of ", "'s title, ", a role word before a name),
then the name is read backwards or forwards from the anchor: a full scan of the text with
patterns that start with a name costs ten times more. Organisations are found the same way,
from words that only a firm takes ("shares in X", "brokerage X", "X said", "X Securities").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Final

from .given_names import gender, is_given_name
from .names import (
    NAME,
    NOT_NAMES,
    ORG,
    ORG_WORDS,
    ROLE_WORDS,
    TITLE_WORDS,
    UP,
    clean_name,
    clean_org,
    clean_title,
    is_org,
    is_person,
    is_title_word,
    split_titled,
)
from .speech import VERB_SET as _VERB_SET


# Plain classes, not dataclasses: mypyc compiles their __init__ (a dataclass's stays
# interpreted).
class Person:
    def __init__(self, at: int, name: str, title: str | None = None,
                 org: str | None = None) -> None:
        self.at = at
        self.name = name
        self.title = title
        self.org = org


class Org:
    def __init__(self, at: int, name: str, sure: bool = True) -> None:
        self.at = at
        self.name = name
        self.sure = sure  # False: only seen as the subject of "said", which a surname can be


_NAME_END: Final = re.compile(r"(?:" + NAME + r")(?:[ \t]+and[ \t]+(?:" + NAME + r"))?$")
_ORG_END: Final = re.compile(r"(?:" + ORG + r")$")
_NAME_AT: Final = re.compile(r"(?:" + NAME + r")")
_ORG_AT: Final = re.compile(r"(?:" + ORG + r")")
_COMMA_ANCHOR: Final = re.compile(r",[ \t]+(?=an?[ \t]|the[ \t]|who[ \t]|[a-z]|" + UP
                                  + r"[^,.;]{0,60}?['’]s\s)")
_APPOS_TAIL: Final = re.compile(
    r",\s+(?![a-z]+ed\s)(?:an?\s+|the\s+)?(?P<title>[a-z][^,.;:“”\"]{1,80})\s+(?:at|with)\s+"
    r"(?:the\s+)?(?P<org>" + ORG + r")|,\s+(?![a-z]+ed\s)(?:an?\s+|the\s+)?"
    r"(?P<title2>[a-z][^,.;:“”\"]{1,80}?)\s+(?:of|for)\s+(?:the\s+)?(?P<org2>"
    + ORG + r")|,\s+(?P<org3>" + ORG + r")(?:['’]s|(?<=s)['’])\s+"
    r"(?P<title3>[a-z][^,.;:“”\"]{1,80}?)(?=[,.;]|$|\s+(?:said|says|told|wrote|added)\b)"
)
# Indian style: "Jane Doe, vice president, research, Example Broking"
_LIST_TAIL: Final = re.compile(
    r",\s+(?P<title>(?:[a-z][^,.;:“”\"]{1,40}|(?:Head|Vice|Chief|Senior|Managing)[^,.;:“”\"]"
    r"{1,40}),(?:\s+[a-zA-Z][^,.;:“”\"]{1,30},)?)\s+(?P<org>" + ORG + r")(?=[,.;]|\s*$)"
)
_WHO_TAIL: Final = re.compile(r",\s+who\s(?:[^,.;]{1,80}?\s+(?:at|of|for)\s+(?P<org>" + ORG + "))?")
_OF_ANCHOR: Final = re.compile(r"[ \t](?:of|at|from)[ \t]+(?=[A-ZÀ-ÖØ-Þ])")
_POSS_ANCHOR: Final = re.compile(r"['’]s[ \t]+(?P<title>[a-z][a-z\- ]{2,40}),[ \t]+")
_THE_ORG_END: Final = re.compile(r"\bthe[ \t]+(?P<org>bank|company|firm|group|fund|exchange)$")
_CAPITAL_AFTER_LOWER: Final = re.compile(r"[a-z][ \t]([A-ZÀ-ÖØ-Þ])")
_TITLE_WORDS_END: Final = re.compile(r"(?:[a-z][a-z\-]+[ \t]+){0,3}$")
_TITLE_CAPS: Final = re.compile(
    r"\b(?:Chief|President|Governor|Chairman|Chairwoman|Minister|Director|Secretary|Officer|"
    r"Senator|CEO|CFO|Head|Founder)[ \t]+(?=" + UP + r"[a-z])"
)
_GROUP: Final = re.compile(r"(?:[Aa]nalysts|[Ss]trategists|[Ee]conomists|[Ee]xecutives)[ \t]+"
                           r"(?:at|from|with)[ \t]+(" + ORG + ")")
_GROUP_AFTER: Final = re.compile(r"[ \t](?:analysts|strategists|economists|executives)\b")
_ORG_CUE_AFTER: Final = re.compile(
    r"(?:['’]s)?(?:[ \t]+on[ \t]+[A-Z][a-z]+day)?[ \t]+(?:(?P<sure>shares|stock|executives|"
    r"reported|announced|posted|issued|cut|raised|downgraded|upgraded|downgrades|upgrades)|"
    r"said|says|warned|"
    r"expects|sees|noted|wrote|reaffirmed|reiterated|reiterates|maintained|maintains|"
    r"initiated|lowered)\b"
)
_PRICE_MOVE: Final = re.compile(  # "Example jumped 12%": only a listed firm moves by a number
    r"(?:['’]s[ \t]+shares)?[ \t]+(?:rose|fell|jumped|gained|dropped|climbed|surged|slid|"
    r"tumbled|slumped|sank|soared|plunged|rallied|slipped|advanced|declined|edged[ \t]+"
    r"(?:up|down|higher|lower))[ \t]+(?:as much as[ \t]+|by[ \t]+|nearly[ \t]+|almost[ \t]+|"
    r"more than[ \t]+|about[ \t]+)?[\d$€£¥]")
_ORG_CUE_BEFORE: Final = re.compile(
    r"\b(?:[Ss]hares[ \t]+(?:in|of)|[Bb]rokerage|[Ll]ender|[Ii]nsurer|[Hh]ousebuilder|builder|"
    r"[Dd]eveloper|[Cc]armaker|[Cc]hipmaker|[Rr]etailer|[Mm]iner|[Nn]ewspaper|[Bb]roadcaster|"
    r"[Bb]ookmaker|[Bb]roker|[Oo]perator|[Aa]irline|[Rr]egulator|[Gg]iant|[Pp]ublisher|"
    r"[Aa]gency|[Cc]onglomerate|group|firm|company|chain|provider|maker|owner|operator|"
    r"supplier|producer|manufacturer|[Aa]ccording[ \t]+to)[ \t]+(?=" + UP + ")"
)
_ORG_WORD: Final = re.compile(r"\b(?:" + "|".join(sorted(
    (re.escape(w) for w in ORG_WORDS if not w.endswith(".")), key=len, reverse=True)) + r")\b")
_EMPLOYER_BEFORE: Final = re.compile(r"(?:[a-z][ \t]+(?:at|with|of|from)|" + UP
                                     + r"\w+[ \t]+(?:of|at))[ \t]+$")
_EMPLOYEE_AFTER: Final = re.compile(r"(?:['’]s)?[ \t]+(?:[a-z-]+[ \t]+){0,2}(?:" + "|".join(
    sorted(ROLE_WORDS)) + r")[ \t,]+" + UP)


def _name_before(text: str, pos: int) -> tuple[int, str] | None:
    m = _NAME_END.search(text, max(0, pos - 90), pos)
    return (m.start(), m.group()) if m else None


def describe(apposition: str) -> tuple[str | None, str | None]:
    """(title, organisation) from an apposition: ", a strategist at X", ", X's chief
    executive", ", vice president, research, X"."""
    m = _APPOS_TAIL.match(apposition)
    if m:
        for title, org in (("title", "org"), ("title2", "org2"), ("title3", "org3")):
            if m.group(title):
                return clean_title(m.group(title)), clean_org(m.group(org))
    m = _LIST_TAIL.match(apposition)
    if m and m.group("title"):
        return clean_title(m.group("title")), clean_org(m.group("org"))
    return None, None


def find_people(text: str) -> list[Person]:
    people: list[Person] = []
    _appositions(text, people)
    _of_anchors(text, people)
    _possessive_titles(text, people)
    _role_before_name(text, people)
    _titles_before_name(text, people)
    return sorted((p for p in people if is_person(p.name)), key=lambda p: p.at)


def _appositions(text: str, people: list[Person]) -> None:
    """"Jane Doe, a strategist at Example Capital", "Jane Doe, who runs …"."""
    for anchor in _COMMA_ANCHOR.finditer(text):
        found = _name_before(text, anchor.start())
        if not found:
            continue
        at, names = found
        tail = text[anchor.start():anchor.start() + 160]
        title, org = describe(tail)
        if title or org:
            for one in names.split(" and "):
                name, lead_title, lead_org = split_titled(clean_name(one))
                people.append(Person(at, name, title or lead_title, org or lead_org))
            continue
        m = _WHO_TAIL.match(text, anchor.start())
        if m and not _EMPLOYER_BEFORE.search(text, max(0, at - 40), at):
            # ("… strategist at Example Bank, who is forecasting …": the bank is no person)
            people.append(Person(at, clean_name(names), None, clean_org(m.group("org"))))


def _of_anchors(text: str, people: list[Person]) -> None:
    """"Jane Doe of Example Capital"."""
    for anchor in _OF_ANCHOR.finditer(text):
        found = _name_before(text, anchor.start())
        org_at = _ORG_AT.match(text, anchor.end())
        if not found or not org_at:
            continue
        org = clean_org(org_at.group())
        if all(is_title_word(w) for w in found[1].split()):  # "Jane Doe, CEO of X"
            _titled_apposition(text, found[0], found[1], org, people)
            continue
        for one in found[1].split(" and "):
            people.append(Person(found[0], clean_name(one), None, org))


def _titled_apposition(text: str, at: int, title: str, org: str | None,
                       people: list[Person]) -> None:
    """A capitalised title after a comma describes the name before the comma."""
    if text[max(0, at - 2):at] != ", ":
        return
    found = _name_before(text, at - 2)
    if found is not None and " " in found[1]:
        name = split_titled(clean_name(found[1]))[0]
        people.append(Person(found[0], name, title, org))


def _possessive_titles(text: str, people: list[Person]) -> None:
    """"Example plc's finance chief, Jane Doe,"."""
    for anchor in _POSS_ANCHOR.finditer(text):
        who = _NAME_AT.match(text, anchor.end())
        if not who or text[who.end():who.end() + 1] != ",":
            continue
        lo = max(0, anchor.start() - 60)
        the = _THE_ORG_END.search(text, lo, anchor.start())
        org_m = _ORG_END.search(text, lo, anchor.start())
        org = None if the else (org_m.group() if org_m else None)
        people.append(Person(who.start(), clean_name(who.group()),
                             clean_title(anchor.group("title")), clean_org(org)))


def _role_before_name(text: str, people: list[Person]) -> None:
    """"Example Capital analyst Jane Doe"."""
    for capital in _CAPITAL_AFTER_LOWER.finditer(text):
        word_end = capital.start(1) - 1
        word_start = max(text.rfind(" ", 0, word_end), text.rfind("\t", 0, word_end)) + 1
        if text[word_start:word_end] not in ROLE_WORDS:
            continue
        who = _NAME_AT.match(text, capital.start(1))
        if not who:
            continue
        lead = _TITLE_WORDS_END.search(text, max(0, word_start - 40), word_start)
        title_start = lead.start() if lead else word_start
        org_m = _ORG_END.search(text, max(0, title_start - 60), max(0, title_start - 1))
        title = _title_only(text[title_start:word_end])
        org = clean_org(org_m.group()) if org_m and org_m.group() not in NOT_NAMES else None
        name, _, _ = split_titled(clean_name(who.group()))
        people.append(Person(who.start(), name, title, org))


_NOT_TITLE_LEAD: Final = frozenset("the a an and by with to from for as".split())


def _title_only(words: str) -> str:
    """The lower-case words before a role word without the verb or article they follow:
    "says market analyst" -> "market analyst"."""
    parts = words.split()
    while len(parts) > 1 and (parts[0] in _VERB_SET or parts[0] in _NOT_TITLE_LEAD):
        parts.pop(0)
    return " ".join(parts)


def _titles_before_name(text: str, people: list[Person]) -> None:
    """"Chief Executive Officer Jane Doe", "President Jane Doe"."""
    for anchor in _TITLE_CAPS.finditer(text):
        who = _NAME_AT.match(text, anchor.end())
        if not who:
            continue
        lead = _ORG_END.search(text, max(0, anchor.start() - 60), who.start())
        start = lead.start() if lead else anchor.start()
        name, title, org = split_titled(clean_name(text[start:who.end()]))
        if title and " " in name:
            people.append(Person(who.start(), name, title, org))


def find_groups(text: str) -> list[Org]:
    """Organisations whose people speak as a group: "analysts at X", "X strategists"."""
    found = [Org(m.start(1), clean_org(m.group(1)) or m.group(1)) for m in _GROUP.finditer(text)]
    for m in _GROUP_AFTER.finditer(text):
        org = _ORG_END.search(text, max(0, m.start() - 60), m.start())
        if org and org.group() not in NOT_NAMES and org.group()[:1].isupper():
            found.append(Org(org.start(), clean_org(org.group()) or org.group()))
    return sorted(found, key=lambda o: o.at)


def find_orgs(text: str, people: list[Person], full: str | None = None) -> list[Org]:
    """Organisations the text names as actors (not only as someone's employer). `full`: the
    whole text when `text` has paragraphs blanked, where an abbreviation may be defined."""
    person_words = {w for p in people for w in p.name.split()}
    found: list[Org] = []
    for m in _ORG_CUE_AFTER.finditer(text):
        org = _ORG_END.search(text, max(0, m.start() - 60), m.start())
        if org:
            _add_org(found, org.start(), org.group(), person_words, m.group("sure") is not None)
    for m in _PRICE_MOVE.finditer(text):
        org = _ORG_END.search(text, max(0, m.start() - 60), m.start())
        if org:
            _add_org(found, org.start(), org.group(), person_words, True)
    for m in _ORG_CUE_BEFORE.finditer(text):
        org = _ORG_AT.match(text, m.end())
        if org:
            _add_org(found, org.start(), org.group(), person_words, True)
    _orgs_by_name(text, person_words, found)
    for one in found:
        if one.name.isupper() and " " not in one.name:  # "Example Holdings Ltd (EHL)"
            one.name = expand_abbreviation(full or text, one.name, one.at) or one.name
    return sorted(found, key=lambda o: o.at)


def _orgs_by_name(text: str, person_words: set[str], found: list[Org]) -> None:
    """Names a firm's word ends ("Example Securities"), unless they only say where someone
    works ("an analyst at Example Securities", "Example Securities analyst Jane Doe")."""
    for m in _ORG_WORD.finditer(text):
        end = m.end() + (text[m.end():m.end() + 1] == ".")  # "Example Inc."
        org = _ORG_END.search(text, max(0, m.start() - 60), end)
        if org is None or _EMPLOYER_BEFORE.search(text, max(0, org.start() - 30), org.start()):
            continue
        if not _EMPLOYEE_AFTER.match(text, org.end()):
            _add_org(found, org.start(), org.group(), person_words, True)


def _add_org(found: list[Org], at: int, raw: str, person_words: set[str], sure: bool) -> None:
    name = clean_org(raw)
    if not name:
        return
    words = name.split()
    while words and (words[0] in NOT_NAMES and words[0] != "The" or words[0][:1].islower()):
        words.pop(0)  # (and "and cut its forecasts": a word the pattern lets in, no firm)
    if not words or (len(words) == 1 and words[0] == "The"):
        return
    name = " ".join(words)
    if not is_org(name) and (set(words) & person_words or _person_like(words)):
        return
    found.append(Org(at, name, sure or is_org(name)))


def _person_like(words: list[str]) -> bool:
    return len(words) >= 2 and gender(words[0]) is not None and words[-1] not in ORG_WORDS


_ACCORDING_NAME: Final = re.compile(r"[Aa]ccording to[ \t]+(" + NAME + ")")
_GIVEN_PAIR: Final = re.compile(UP + r"[a-z]+[ \t]+" + UP + r"[\w'’-]+")
_BARE_SUBJECT: Final = re.compile(
    r"(?<![\w’'])(" + UP + r"[a-z][\w'’-]+)(?:[ \t]+(?:also|still|now))?[ \t]+(?:isn['’]t|is|"
    r"was|has|had|says|said|sees|noted|notes|thinks|believes|expects|argued|argues|wrote|"
    r"writes|told|added|acknowledges|predicted|warned|maintains|did|highlighted|mentioned|"
    r"explained|stressed|emphasi[sz]ed|pointed|cautioned|commented|observed|remarked|"
    r"suggested|insisted|analy[sz]ed|summari[sz]ed)\b")
LOOKBACK: Final = 3000  # characters: a speaker is named within the last few paragraphs
PAIR_LOOKBACK: Final = 1500  # characters scanned for "Given Surname" pairs a pronoun may point to


class Cast:
    """The people and organisations of a text, found only when a quotation needs them
    (scanning for them costs more than everything else attribution does)."""

    def __init__(self, text: str, scan: Callable[[], str], spans: list[int],
                 firms: Callable[[], list[tuple[int, str]]] | None = None) -> None:
        self.text = text
        self._firms = firms  # (where, name) of the companies the entity tagger found, on demand
        self._firm_list: list[tuple[int, str]] | None = None
        self.spans = spans  # each quotation's opening and closing marks' positions, in order
        self._make_scan = scan  # the text with paragraphs far from any quotation blanked
        self._scanned: str | None = None
        self._people: list[Person] | None = None
        self._orgs: list[Org] | None = None
        self._groups: list[Org] | None = None
        self._extra: list[Person] = []

    @property
    def _scan(self) -> str:
        if self._scanned is None:
            self._scanned = self._make_scan()
        return self._scanned

    def people(self) -> list[Person]:
        if self._people is None:
            found = find_people(self._scan)
            for m in _ACCORDING_NAME.finditer(self._scan):
                name, title, org = split_titled(clean_name(m.group(1)))
                if " " in name and is_person(name) and not self.tagged_firm(name):
                    found.append(Person(m.start(1), name, title, org))  # (not "according to
                    # Goldman Sachs", a firm)
            self._people = found
        return self._people

    def everyone(self) -> list[Person]:
        return [*self.people(), *self._extra]

    def orgs(self) -> list[Org]:
        if self._orgs is None:
            self._orgs = find_orgs(self._scan, self.everyone(), self.text)
        return self._orgs

    def recent_firm(self, at: int) -> str | None:
        """The last company the entity tagger found before `at`: what "the company" refers
        to when no organisation before it acts as one ("fund manager JTC jumped 8% after the
        company said …")."""
        if self._firms is None:
            return None
        for where, name in reversed(self.firms()):
            if at - LOOKBACK <= where < at:
                return name
        return None

    def fuller(self, name: str, at: int) -> str:
        """The fuller name the text gave a firm before calling it by its first word: "Goldman"
        after "Goldman Sachs", "Macquarie" after "Macquarie Research"."""
        if " " in name or self._firms is None:
            return name
        prefix = name + " "
        best, best_at = name, -1
        for where, full in self.firms():  # as the entity tagger found them written
            if best_at < where < at and full.startswith(prefix) and not _LEGAL_END.search(full):
                best, best_at = full, where
        if best_at < 0 or self.find(name, at) is not None:
            return name  # (a person's surname stays as it is; asked last: it scans for people)
        return best

    def firms(self) -> list[tuple[int, str]]:
        """The companies the entity tagger found (asked for once, then kept)."""
        if self._firm_list is None:
            self._firm_list = self._firms() if self._firms is not None else []
        return self._firm_list

    def add(self, person: Person) -> None:
        if not any(p.name == person.name for p in self._extra):
            self._extra.append(person)

    def find(self, name: str, at: int) -> Person | None:
        """The person a name (or a surname) stands for, nearest before `at` when several."""
        words = name.split()
        matches = [p for p in self.everyone() if p.name == name or (
            len(words) == 1 and name in p.name.split())]
        before = [p for p in matches if p.at < at]
        pool = before or matches
        return max(pool, key=lambda p: (p.at, len(p.name))) if pool else None

    def complete(self, name: str, at: int) -> str:
        """A surname completed to the full name the text gave earlier ("Forrest" -> "Kim
        Forrest"), looked for as a whole word within the last few paragraphs."""
        token = name.split()[-1]
        lo = max(0, at - LOOKBACK)
        pos = last_word(self.text, token, lo, at)
        while pos >= 0:
            longer = _name_around(self.text, pos, token)
            if longer and len(longer.split()) > len(name.split()) and self._introduced(longer,
                                                                                        token, pos):
                return longer
            pos = last_word(self.text, token, lo, pos)
        return name

    def _introduced(self, name: str, surname: str, pos: int) -> bool:
        """Whether a longer name found around a surname is a person's: one that opens with a
        first name or the family name ("Park Min-jung"), or one written in a sentence rather
        than a headline ("Tasty Cranswick" in a headline is a pun on a firm's name)."""
        first = name.split()[0]
        if first == surname or is_given_name(first):
            return True
        end = self.text.find("\n", pos)
        line = self.text[self.text.rfind("\n", 0, pos) + 1:end if end >= 0 else len(self.text)]
        return line.rstrip().endswith((".", "!", "?", "”", '"', "’", ")")) or \
            len(line.split()) > 14

    def by_role(self, role: str, limit: int) -> Person | None:
        people = self.everyone()
        for p in reversed([p for p in people if p.at < limit] or people):
            if p.title and role in p.title.lower():
                return p
        return None

    def nearest_person(self, at: int, wanted: str | None) -> Person | None:
        """The person last named before `at` that a pronoun of this gender fits: one the text
        introduced, or a "Given Surname" whose given name says the gender."""
        lo = max(0, at - LOOKBACK)
        best: tuple[int, Person] | None = None
        for p in self.everyone():
            g = gender(p.name.split()[0])
            if wanted and g and g != wanted:
                continue
            for token in {p.name, p.name.split()[-1]}:
                pos = last_word(self.text, token, lo, at)
                while pos >= 0 and self.quoted(pos):
                    pos = last_word(self.text, token, lo, pos)
                if pos >= 0 and (best is None or pos > best[0]):
                    best = (pos, p)
        floor = max(lo, at - PAIR_LOOKBACK, best[0] if best else 0)
        for m in _GIVEN_PAIR.finditer(self.text, floor, at):
            name = split_titled(m.group())[0]
            g = gender(m.group().split()[0])
            if g and (g == wanted or not wanted) and is_person(name) and (
                    best is None or m.start() > best[0]) and self._antecedent(m.start(), m.end()):
                best = (m.start(), self.find(name, at) or self._speaking(m.start(), name, g))
        return best[1] if best else self._bare_subject(at)

    def _speaking(self, pos: int, name: str, wanted: str) -> Person:
        """The person a pronoun after "Doe noted that Example Mac rose" points to: a subject
        who speaks earlier in the sentence that names the pair, not a name in what they said."""
        lo = max(self.text.rfind(". ", 0, pos), self.text.rfind("\n", 0, pos), pos - 200, 0)
        bare = _BARE_SUBJECT.search(self.text, lo, pos)
        if bare is None or bare.group(1) in NOT_NAMES or bare.group(1) in ORG_WORDS:
            return Person(pos, name)
        person = self.find(bare.group(1), pos) or Person(bare.start(1), bare.group(1))
        return person if gender(person.name.split()[0]) in (None, wanted) else Person(pos, name)

    def quoted(self, pos: int) -> bool:
        """Whether `pos` is inside a quotation (`spans`: their marks' positions, in order)."""
        return bisect.bisect_right(self.spans, pos) % 2 == 1

    def _antecedent(self, start: int, end: int) -> bool:
        """Whether a "Given Surname" pair can be what a pronoun points to: not a name someone
        is quoted saying, nor a firm named for its employee ("Morgan Stanley's chief
        strategist"), which only look like a person's name."""
        if self.quoted(start):
            return False
        if not self.text.endswith(("'s", "’s"), start, end):
            return True
        following = self.text[end + 1:end + 14].split(" ", 1)[0]
        return following not in ROLE_WORDS and following not in TITLE_WORDS

    def _bare_subject(self, at: int) -> Person | None:
        """A surname alone as the subject of a speech or thought ("Selkin noted …"): the last
        resort for a pronoun when no one was introduced by full name."""
        firms = {o.name for o in self.orgs() if o.sure}
        found: Person | None = None
        for m in _BARE_SUBJECT.finditer(self.text, max(0, at - PAIR_LOOKBACK), at):
            word = m.group(1)
            if word not in NOT_NAMES and word not in firms and word not in ORG_WORDS:
                found = Person(m.start(1), word)
        return found

    def short_form(self, name: str, at: int) -> str | None:
        """The organisation named earlier that a clipped form stands for: "SocGen" for "Societe
        Generale", each capitalised part the start of one word of the full name."""
        parts: list[str] = []
        for i, ch in enumerate(name):
            if ch.isupper() and (i == 0 or name[i - 1].islower()):
                parts.append(ch)
            elif parts:
                parts[-1] += ch
        if len(parts) < 2 or min(len(p) for p in parts) < 2:
            return None
        for org in reversed(self.orgs()):
            words = org.name.split()
            if org.at < at and len(words) == len(parts) and all(
                    w.startswith(p) for w, p in zip(words, parts, strict=True)):
                return org.name
        return None

    def is_org(self, name: str) -> bool:
        """Whether the text names an organisation so."""
        return any(org.name == name for org in self.orgs())

    def is_firm(self, name: str) -> bool:
        """Whether the text names a firm so: an organisation, or a company the entity tagger
        found written so."""
        return self.is_org(name) or self.tagged_firm(name)

    def tagged_firm(self, name: str) -> bool:
        """Whether the entity tagger found a company written so, or so and more words."""
        return any(found == name or found.startswith(name + " ") for _, found in self.firms())

    def rating_org(self, at: int) -> str | None:
        """The last organisation before `at` that acts as a broker does ("X raised its
        target", "X (ETR:XYZ) has upgraded"): what "the brokerage" or "the firm" refers to
        when the companies it rates are named after it."""
        for org in reversed(self.orgs()):
            if at - LOOKBACK <= org.at < at and _RATES.match(self.text, org.at + len(org.name)):
                return org.name
        return None

    def recent_org(self, at: int) -> str | None:
        return _recent(self.orgs(), at)

    def recent_group(self, at: int) -> str | None:
        if self._groups is None:
            self._groups = find_groups(self._scan)
        return _recent(self._groups, at)


_RATES: Final = re.compile(
    r"(?:[ \t]*\([^()\n]{1,30}\))*[ \t]+(?:has[ \t]+|have[ \t]+|also[ \t]+)?(?:raised|lifted|cut|"
    r"lowered|trimmed|upgraded|downgraded|initiated|reiterated|resumed|boosted|hiked|slashed|"
    r"raises|lifts|cuts|lowers|trims|upgrades|downgrades|initiates|reiterates|resumes|boosts|"
    r"hikes|slashes)\b")


_LEGAL_END: Final = re.compile(r"(?:&\s*Co\.?|\b(?:Inc|Corp|Ltd|plc|PLC|LLC|AG|SA|SE|NV))\.?$")


def _recent(orgs: list[Org], at: int) -> str | None:
    for org in reversed(orgs):
        if at - LOOKBACK <= org.at < at:
            return org.name
    return None


def _name_around(text: str, pos: int, token: str) -> str | None:
    """The person's name that the word at `pos` ends or starts ("Bob Michele", "Park
    Min-jung"), unless it is a firm's ("JPMorgan Chase & Co.")."""
    m = _NAME_END.search(text, max(0, pos - 60), pos + len(token))
    if m and m.start() < pos:
        name = split_titled(clean_name(m.group()))[0]
        if is_person(name) and token in name.split() and not _firm_follows(text, m.end()):
            return name
    m2 = _NAME_AT.match(text, pos)
    if m2 and m2.end() > pos + len(token):
        name = split_titled(clean_name(m2.group()))[0]
        if is_person(name) and name.split()[0] == token and not _firm_follows(text, m2.end()):
            return name
    return None


_FIRM_FOLLOWS: Final = re.compile(r",?[ \t]+(?:&|and[ \t]+Co\b|" + "|".join(
    re.escape(w) for w in sorted(ORG_WORDS)) + r")(?![\w])")


def _firm_follows(text: str, end: int) -> bool:
    return _FIRM_FOLLOWS.match(text, end) is not None


def expand_abbreviation(text: str, abbreviation: str, at: int) -> str | None:
    """The name an abbreviation was defined as: "Example Holdings Ltd (EHL)" -> for "EHL"."""
    pos = text.rfind("(" + abbreviation + ")", max(0, at - LOOKBACK), at)
    if pos < 0:
        return None
    org = _ORG_END.search(text, max(0, pos - 80), pos - 1)
    return clean_org(org.group()) if org else None


def last_word(text: str, word: str, lo: int, hi: int) -> int:
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
