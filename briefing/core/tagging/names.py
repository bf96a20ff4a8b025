"""Words for people, roles and organisations, shared by speaker discovery and attribution."""

from __future__ import annotations

import re
from typing import Final

from .given_names import gender

UP: Final = r"[A-ZÀ-ÖØ-Þ]"
_WORD: Final = UP + r"[^\W\d_]*(?:[-'’][^\W\d_]+)*\.?"
_PARTICLE: Final = r"(?:de|da|del|della|dela|di|van|von|der|den|bin|binti|ibn|al|le|la|du|dos)"
_NAME_WORD: Final = UP + r"[^\W\d_]*(?:[-'’][^\W\d_]+)*(?!\w)|" + UP + r"\.(?=[ \t]" + UP + ")"
NAME: Final = (r"(?:" + _NAME_WORD + r")(?:[ \t]+(?:" + _PARTICLE + r"[ \t]+){0,2}(?:"
               + _NAME_WORD + r")){0,3}")
ORG: Final = (r"(?:" + _WORD + r"|&|and)(?:[ \t]+(?:" + _WORD + r"|&|plc\b|(?:and|of)(?=[ \t]+"
              + UP + r")))*")  # "Example Bank of Ruritania"

HONORIFIC: Final = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame)\.?\s+")
_HONORIFIC_STARTS: Final = ("Mr", "Ms", "Dr", "Prof", "Sir", "Dame")
PRONOUNS: Final = frozenset({"he", "she", "they", "it"})
ROLE_WORDS: Final = frozenset("""
analyst analysts strategist strategists economist economists manager managers director officer
executive executives chief head partner trader investor researcher adviser advisor chairman
chairwoman chair president founder co-founder spokesperson spokesman spokeswoman minister
governor professor ceo cfo cio coo cto secretary official commissioner treasurer senator
principal vice deputy senior managing general portfolio fund money boss
""".split())
# Capitalised words that are a title when they stand before or after a name ("Chief Executive
# Officer Tim Cook", "Ajit Mishra Vice President") rather than part of it.
TITLE_WORDS: Final = ROLE_WORDS | frozenset("""
co-chief co-head global regional prime finance trade foreign deputy acting interim former
ceo cfo cio coo executive-director industrialist billionaire entrepreneur tycoon veteran
activist banker investor economist lawmaker legislator md vp svp evp avp expert
""".split())
ORG_NOUNS: Final = frozenset("""
company firm bank brokerage broker group lender insurer newspaper paper agency broadcaster
exchange regulator carmaker automaker chipmaker developer builder housebuilder retailer miner
operator airline conglomerate maker manufacturer publisher owner giant outlet fund house
provider chain supplier producer drugmaker biotech utility refiner explorer shipper carrier
brewer grocer supermarket telecom startup lab platform outfit steelmaker
""".split())
# Public bodies that speak as themselves ("Japan's finance ministry said").
INSTITUTIONS: Final = frozenset("""
government ministry cabinet parliament regulator treasury administration court watchdog
commission agency congress senate council
""".split())
DOCUMENT_NOUNS: Final = frozenset("""
statement filing release note report letter announcement memo presentation prospectus
notice email post
""".split())
CROWDS: Final = frozenset("""
officials sources people traders investors dealers bankers analysts economists strategists
experts observers participants insiders executives managers brokers residents critics
regulators lawmakers authorities shareholders lenders politicians ministers
""".split())
PARTICLES: Final = frozenset(
    "de da del della dela di van von der den bin binti ibn al le la du dos".split())
ORG_WORDS: Final = frozenset("""
Inc Inc. Corp Corp. Corporation Ltd Ltd. Limited plc PLC AG SE SA NV Co Co. Group Holdings
Holding Capital Partners Research Securities Bank Investments Investment Management Advisors
Advisers Asset Exchange Exchanges Fund Funds Bureau Ministry Commission Council Agency Broking
Markets Brokers Stockbrokers Bancorp Financial Insurance Trust Associates Consulting Ventures
Wealth Economics Analytics Institute Office Department Authority Board Reserve Times Journal
Post News Herald Telegraph Ledger Gazette Press Daily AB ASA A/S SpA GmbH KK Bhd Tbk Pte LLC
LLP LP
""".split())
# Words before "analysts" or "officials" that make a crowd, not a firm ("Japanese officials").
NATIONALITIES: Final = frozenset("""
American British Chinese European French German Indian Japanese Korean Asian Australian
Canadian Italian Spanish Swiss Dutch Russian Brazilian Taiwanese Singaporean Western Global
Foreign Local Domestic Other Some Many Most Several Senior Top Independent Private Government
State Federal Bank U.S. US UK EU
""".split())
NOT_NAMES: Final = frozenset("""
The A An It This That These Those But And Still Yet However Meanwhile In On At For As If When
While Now Then Also Shares Analysts Investors Officials Executives Traders Some Many Most
Others One Both Its Their His Her Our We I You They He She Says Said Asked Told According
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December Reuters Bloomberg After Before Under With
""".split())

_FOR_NAME: Final = re.compile(r"\s+for\s+" + UP)
_IN_NAME: Final = re.compile(r"\s+in\s+" + UP)
_TRAILING_AND: Final = re.compile(r"\s+(?:and|&)$")
_SENTENCE_AFTER: Final = re.compile(r"[a-z]{3}\. +[A-Z]")
_ABBREVIATED_END: Final = re.compile(r"\b(?:Co|Inc|Ltd|Corp|Bhd|Pte|S\.A|N\.V)\.$")


def clean_name(name: str) -> str:
    name = name.strip()
    if name.startswith(_HONORIFIC_STARTS):  # most names have none: no regular expression
        name = HONORIFIC.sub("", name)
    return name.rstrip(".,’'")


def clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = title.strip()
    if "for" in title:  # the regular expression only where it can match
        m = _FOR_NAME.search(title)
        title = title[:m.start()] if m else title
    return title.strip(" ,") or None


def clean_org(org: str | None) -> str | None:
    if not org:
        return None
    org = org.strip()
    if ". " in org:  # "Example Capital. He added …": the sentence ended with the firm
        m = _SENTENCE_AFTER.search(org)
        org = org[:m.start() + 3] if m else org
    if "in" in org:  # the regular expressions only where they can match
        m = _IN_NAME.search(org)
        org = org[:m.start()] if m else org
    if org.endswith(("and", "&")):
        org = _TRAILING_AND.sub("", org)
    org = org.strip(" ,")
    if org.endswith("’s") or org.endswith("'s"):
        org = org[:-2]
    elif org.endswith("s'") or org.endswith("s’"):  # "Example Partners' chief economist"
        org = org[:-1]
    if org.endswith(".") and not _ABBREVIATED_END.search(org):
        org = org[:-1]
    return org or None


def is_person(name: str) -> bool:
    """A name that could be a person's (not a sentence opener, not a firm)."""
    words = name.split()
    if len(words) >= 3 and words[-1][:1].isupper() and len(words[-1]) > 2 and all(
            len(w) == 1 and w.isupper() for w in words[:-1]):
        return True  # "A K Doe": initials without full stops, the first one "A"
    return (bool(words) and words[0] not in NOT_NAMES  # any(): mypyc makes it a loop
            and not any(word in ORG_WORDS for word in words)
            and words[0][:1].isupper() and (len(words) > 1 or len(words[0].strip(".")) > 1))


def is_org(name: str) -> bool:
    return any(word in ORG_WORDS for word in name.replace(",", " ").split())


def is_title_word(word: str) -> bool:
    return word.lower().strip(",") in TITLE_WORDS


_NOT_BEFORE_NAME: Final = frozenset("at of for from with to in on and the a an".split())


def titled_lead(words: list[str]) -> int:
    """Where the name starts after a title in lower case ("chief executive Jane Doe", "market
    analyst Jane Roe at X"): the index of its first word, or 0 when the words open otherwise."""
    if not words or not words[0][:1].islower():
        return 0
    titled = False
    for k in range(min(len(words), 5)):
        word = words[k]
        if word[:1].isupper():
            return k if titled and words[k - 1] not in _NOT_BEFORE_NAME else 0
        if not word.replace("-", "").isalpha() or not word.islower():
            return 0
        titled = titled or word in TITLE_WORDS
    return 0


def name_gender(name: str) -> str | None:
    words = name.split()
    return gender(words[0]) if words else None


def split_titled(phrase: str) -> tuple[str, str | None, str | None]:
    """A name with the words around it: "SBI chairman Rajnish Kumar" -> ("Rajnish Kumar",
    "chairman", "SBI"); "Chief Executive Officer Tim Cook" -> ("Tim Cook", "Chief Executive
    Officer", None); "Ajit Mishra Vice President" -> ("Ajit Mishra", "Vice President", None)."""
    words = phrase.split()
    end = len(words)
    while end > 1 and is_title_word(words[end - 1]):
        end -= 1
    start = end
    while start > 0 and (words[start - 1][:1].isupper() and not is_title_word(words[start - 1])
                         or (words[start - 1] in PARTICLES and start < end)):
        start -= 1
    while start < end - 1 and words[start] in PARTICLES:
        start += 1
    while end - start > 4 or (start < end - 1 and words[start] in NOT_NAMES
                              and not (words[start] == "A" and len(words[start + 1]) == 1)):
        start += 1  # a name has at most four words; "The" and such open none ("A K Doe" does)
    for i in range(start, end - 1):
        if words[i].endswith(("’s", "'s", "s'", "s’")):  # "Northbay’s Pereira": the firm's
            start = i + 1
    name = " ".join(words[start:end])
    if start == 0 and end == len(words):
        return name, None, None  # the usual case: all of it is the name
    lead, trail = words[:start], words[end:]
    first_title = next((i for i, w in enumerate(lead) if is_title_word(w)), len(lead))
    org = " ".join([w for w in lead[:first_title] if w not in NOT_NAMES]) or None
    title = " ".join(lead[first_title:] + trail) or None
    if org and title and all(w.lower() in TITLE_WORDS or w[:1].islower() for w in lead[:1]):
        org, title = None, " ".join(lead + trail)
    return name, title, clean_org(org)
