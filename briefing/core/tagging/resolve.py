"""Which names found in a text are the companies, indexes and products they name.

A distinctive name ("Netflix", "Tokyo Electron", "Target Corp.") counts as found, unless a
first name or title before it makes it a person. A name followed by its own ticker ("Target
(TGT)") counts whatever else it is. Every other name (a word, a place or a person as well as a
company, or the plain name of a small company) is weighed by the evidence model: the mention
counts when its context makes the company likely enough. One pass, then a second for names
that the first pass's companies now stand beside in a list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .catalog import Catalog, CatalogEntity
from .evidence import (
    FEATURES,
    STILL_THE_COMPANY,
    WORD,
    Model,
    article_before,
    cue_score,
    has_percent,
    is_start,
    joined_before,
    listed,
    longer_name,
    own_name_end,
    person_before,
    price_move,
    sentence_window,
    words_around,
)
from .given_names import given_names
from .names import ORG_NOUNS
from .symbols import EXCHANGE_SUFFIX


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    entity: str
    kind: str  # symbol, alias, ambiguous, alias in context
    listing: str | None = None  # the listing an explicit symbol names
    alias: str = ""
    legal: bool = False


# The markets the engine's regions stand for (ISO country codes of the catalog).
REGION_COUNTRIES = {
    "US": ("US",), "UK": ("GB", "JE", "GG", "IM"), "HK": ("HK", "CN"), "CN": ("CN", "HK"),
    "JP": ("JP",), "KR": ("KR",), "TW": ("TW",), "IN": ("IN",),
    "EU": ("DE", "FR", "NL", "IT", "ES", "CH", "SE", "DK", "FI", "NO", "BE", "PT", "IE",
           "AT", "LU"),
    "AU": ("AU", "NZ"), "CA": ("CA",), "SG": ("SG",), "BR": ("BR",),
}
# "Netflix (NFLX)", "Wipro (NYSE: WIT)", "Exelixis (EXEL -0.88%)": a name, then its ticker in
# parentheses, perhaps with the exchange before it and the day's move after it.
_OWN_TICKER = re.compile(r"\s?\(\s*(?:(?:NYSE|NASDAQ|Nasdaq|NYSEArca|AMEX|OTC|LSE|LON|TSX|"
                         r"ASX|NSE|BSE|HKEX|TYO)\s?:\s?)?([A-Z0-9][A-Z0-9.\-]{0,9})"
                         r"(?:\s+[-+−]?\d[\d.,]*\s?%)?\s*[,;)]")
_HYPHEN_WORD = re.compile(r"-[a-z]")
_OWNER_HYPHEN = re.compile(r"-(?:backed|owned|parent|owner|controlled|led|funded|affiliated)\b")


def resolve(text: str, catalog: Catalog, model: Model, region: str | None,
            symbols: list[Hit], names: list[Hit]) -> list[Hit]:
    """The hits that stand: every symbol, the clear names, the weighed ones that pass."""
    kept, accepted, pending, tentative = _sort(text, catalog, symbols, names)
    if pending:
        region = region or infer_region(catalog, accepted)
        _weigh(text, catalog, model, region, pending, kept, accepted)
    kept.extend(h for h in tentative if h.entity in accepted)
    return kept


_COUNTRY_REGION = {country: region for region, countries in REGION_COUNTRIES.items()
                   for country in countries if (country, region) != ("CN", "HK")}


def infer_region(catalog: Catalog, entities: set[str]) -> str | None:
    """The market most of the text's companies and indexes are from, when it clearly leads
    (two of them at least, and twice as many as the next market): German names around
    "Merck" make it Merck KGaA, pence and FTSE names around "Prudential" Prudential plc."""
    counts: dict[str, int] = {}
    for eid in entities:
        country = catalog.entities[eid].country
        region = _COUNTRY_REGION.get(country or "")
        if region is not None:
            counts[region] = counts.get(region, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda r: counts[r])
    second = max((n for r, n in counts.items() if r != best), default=0)
    return best if counts[best] >= 2 and counts[best] >= 2 * second else None


def _sort(text: str, catalog: Catalog, symbols: list[Hit], names: list[Hit]
          ) -> tuple[list[Hit], set[str], list[list[Hit]], list[Hit]]:
    """The hits that stand without weighing (symbols, clear names, names with their own
    ticker), their entities, the names to weigh (each with its possible readings), and the
    clear names that stand only if their company is named elsewhere too."""
    kept = list(symbols)
    accepted = {h.entity for h in symbols}
    pending: list[list[Hit]] = []
    tentative: list[Hit] = []
    people: set[str] = set()  # names this text gives to a person ("Kenji Nomura")
    given = given_names()
    ticker_end = -1  # the end of the last ticker read after a name: no name inside it
    for options in _by_span(names):
        first = options[0]
        if first.start < ticker_end:
            continue
        options = [h for h in options if not venue(text, h) and not _index_family(text, h)]
        if not options:
            continue
        index = _index_in_context(text, options, catalog)
        if index is not None:  # before the person test: "the German Dax" is no Germán Dax
            index.kind = "alias in context"
            kept.append(index)
            accepted.add(index.entity)
            continue
        if first.alias in people or _not_a_name(text, first, given):
            if " " not in first.alias and (person_before(text, first.start, given)
                                           or _titled_surname(text, first)):
                people.add(first.alias)
            continue
        own = _own_ticker(text, options, catalog)
        if own is not None:
            kept.extend(own)
            accepted.add(own[0].entity)
            ticker_end = own[1].end
            continue
        clear = [h for h in options if h.kind == "alias" or (
            h.legal and not joined_before(text, h.start))]
        if clear and len({h.entity for h in clear}) == 1:
            if not clear[0].legal and prefix_of_longer(
                    text, clear[0], catalog.entities[clear[0].entity].name):
                tentative.append(clear[0])
                continue
            kept.append(clear[0])
            accepted.add(clear[0].entity)
            continue
        source = _source_firm(text, options, catalog) or _described_firm(text, options, catalog)
        if source is not None:  # "ING strategist Jane Roe said", "cruise owner Carnival"
            source.kind = "alias in context"
            kept.append(source)
            accepted.add(source.entity)
            continue
        pending.append(options)
    return kept, accepted, pending, tentative


def _by_span(names: list[Hit]) -> list[list[Hit]]:
    groups: dict[tuple[int, int], list[Hit]] = {}
    for h in names:
        groups.setdefault((h.start, h.end), []).append(h)
    return [groups[span] for span in sorted(groups)]


# Companies that run exchanges: their names are mostly the exchange as a place ("listed on
# the BSE", "Nasdaq-listed", "the ASX"), and the company only when its own shares are meant.
EXCHANGE_OPERATORS = frozenset("""bse-ltd nasdaq-inc hkex asx-ax euronext deutsche-boerse s68-si
jse-jo mcx jpx lseg x-to cboe ice cme-group""".split())
VENUE_INDEXES = frozenset(("nasdaq-composite",))  # indexes named after their exchange
_COMPANY_FORM = re.compile(r"(?:['’]s)?\s+(?:shares|stock|Ltd|Limited|Inc|Group|plc|Holdings|"
                           r"Corp|said|reported|posted)\b")


_LISTING_AFTER = re.compile(r"(?:-listed|\s+(?:debut|listing|IPO|flotation|float)\b)")
# A firm the copy cites: "according to X", "X data" (an exchange operator too, not a venue).
_SOURCE_BEFORE = ("according to ", "strategists at ", "analysts at ", "economists at ",
                  "strategists from ", "analysts from ", "economists from ", "compiled by ",
                  "according to a ", "according to an ", "told ")
_SOURCE_AFTER = re.compile(r"(?:['’]s)? (?:data|survey|poll|calculations|estimates|figures)\b")
_ON_BEFORE = re.compile(r"\b(?:on|onto|to|from) (?:the )?$")


def venue(text: str, hit: Hit) -> bool:
    """An exchange named as a place, not as a company whose shares are news, nor as the index
    that shares its name ("a Nasdaq debut", "listed on the Nasdaq")."""
    if hit.entity in VENUE_INDEXES:
        if hit.kind == "alias":
            return False  # "a rise on the tech-heavy Nasdaq": a form only the index has
        return bool(_LISTING_AFTER.match(text, hit.end)
                    or _ON_BEFORE.search(text, max(0, hit.start - 10), hit.start))
    if hit.entity not in EXCHANGE_OPERATORS or hit.legal or not (
            hit.kind == "ambiguous" or hit.alias.isupper()):
        return False  # "Nasdaq Inc", "Hong Kong Exchanges and Clearing": the company
    if _COMPANY_FORM.match(text, hit.end) or "(" in text[hit.end:hit.end + 2]:
        return False
    if text.endswith(_SOURCE_BEFORE, 0, hit.start) or _SOURCE_AFTER.match(text, hit.end):
        return False  # "according to LSEG", "LSEG data showed": the firm as a source
    return not re.match(r"\s+(?:rose|fell|gained|jumped|slipped|climbed|dropped|surged|"
                        r"slumped|rallied|declined|advanced|lost|added)\b", text[hit.end:])


# Index providers named for an index of theirs ("MSCI's Asia ex-Japan stock index", "the S&P
# mid-cap and small-cap indexes"): the index family, not the company.
_INDEX_PROVIDERS = frozenset({"MSCI", "S&P", "FTSE", "Stoxx", "STOXX", "Russell"})
_FAMILY_AFTER = re.compile(r"(?:['’]s)?(?:[ \t]+[A-Za-z][\w\-]*){0,5}?[ \t]+(?:index|indices|"
                           r"indexes|gauge|benchmark)\b")


def _index_family(text: str, hit: Hit) -> bool:
    return hit.alias in _INDEX_PROVIDERS and not hit.legal and \
        _FAMILY_AFTER.match(text, hit.end) is not None


def _not_a_name(text: str, hit: Hit, given: frozenset[str]) -> bool:
    """A person ("Michael Dell"), a word the name only begins ("Meta-analysis"), or an
    exchange's code before a ticker ("ASX: XYZ")."""
    after = text[hit.end:hit.end + 2]
    if after[:1] == "-" and _HYPHEN_WORD.match(text, hit.end) and not _OWNER_HYPHEN.match(
            text, hit.end):
        return True  # (but "Goldman-backed", "Facebook-parent Meta" name the firm)
    if ":" in after and hit.alias.upper() in EXCHANGE_SUFFIX and _CODE_AFTER.match(text,
                                                                                  hit.end):
        return True
    if " " not in hit.alias and _after_ampersand(text, hit):
        return True  # "Orrin & Vale": the end of a partnership's name
    if _titled_surname(text, hit):
        return True
    return " " not in hit.alias and person_before(text, hit.start, given)


def _titled_surname(text: str, hit: Hit) -> bool:
    """"Shigetoshi Kamada, general manager at …", "Ilana Azuelos-Bossard, deputy director":
    a one-word name after another name and before a person's title is a surname."""
    if hit.end >= len(text) or text[hit.end] != "," or " " in hit.alias:
        return False  # (checked first: this runs for every name)
    return (joined_before(text, hit.start) or hit.start > 1 and text[hit.start - 1] == "-"
            and text[hit.start - 2].isalpha()) and _TITLED_AFTER.match(text, hit.end) is not None


# ", general manager at", ", a strategist at", ", chief economist of": a person's title
_TITLED_AFTER = re.compile(r",[ \t]+(?:an?[ \t]+|the[ \t]+)?(?:[a-z\-]+[ \t]+){0,3}?(?:"
                           r"manager|strategist|analyst|economist|director|officer|head|"
                           r"president|chairman|chairwoman|founder|partner|executive|"
                           r"trader|adviser|advisor|researcher|dealer)s?[ \t,]")


_CODE_AFTER = re.compile(r"\s?:\s?[A-Z0-9]")
_NEXT_WORD = re.compile(r" ([A-Z][\w'’&-]*)")


def prefix_of_longer(text: str, hit: Hit, full_name: str) -> bool:
    """A one-word name followed by a capitalised word that is not part of the company's own
    name ("Vodafone Idea", "Hanwha Aerospace", "Nestle India", "Cheil Industries" for Cheil
    Worldwide): maybe another company whose name begins with this one. A title, a legal form
    or an unlisted arm's word keeps it the company ("Nomura Securities")."""
    if " " in hit.alias or not text[hit.end + 1:hit.end + 2].isupper():
        return False
    m = _NEXT_WORD.match(text, hit.end)
    if m is None:
        return False
    word = m.group(1)
    return not word.isupper() and word not in STILL_THE_COMPANY and word.lower() not in (
        full_name.lower().replace(",", " ").split())


def _after_ampersand(text: str, hit: Hit) -> bool:
    """"Orrin & Vale": a one-word name after "X &" ends a longer name (a partnership)."""
    return " " not in hit.alias and text[max(0, hit.start - 2):hit.start] == "& " and (
        hit.start >= 4 and text[hit.start - 4:hit.start - 2].strip()[-1:].isalpha())


# An index's short name is the index when the words around it say so: "the Nasdaq index",
# "Germany's Dax", "the French CAC", "the tech-heavy Nasdaq", "the Nikkei hit a record high".
_INDEX_AFTER = re.compile(r"\s+(?:(?:[Ii]ndex|[Cc]omposite|benchmark|gauge)\b|"
                          r"(?:to\s+)?(?:hit|set|\w+(?:ed|s|ing))\s+(?:\w+\s+){0,3}?"
                          r"(?:record|all-time|52-week|new|fresh)\s+(?:highs?|lows?|close))")
_INDEX_BEFORE = re.compile(
    r"(?:\b(?:[A-Z][a-z]+|U\.S\.|U\.K\.)['’]s|\bU\.S\.|\bUS|\bUK|\b(?:American|German|French|"
    r"British|Japanese|Chinese|Indian|Korean|Taiwanese|Australian|Spanish|Italian|Swiss|Dutch|"
    r"European|Asian|Tokyo|London|Paris|Frankfurt|Seoul|Shanghai|Mumbai)|"
    r"\b(?:tech-heavy|blue-chip|benchmark|broader|main|wider)) $")

_NOT_INDEX_AFTER = re.compile(r"['’]?s?\s+(?:said|says|reported|reports|wrote|newspaper|daily|"
                              r"Asia|business daily|survey|poll)\b")

_CAPITAL_NEXT = re.compile(r" [A-Z]")
# Another index named beside it ("the S&P 500 and Nasdaq declined", "the Nasdaq and the Dow").
_MAIN_INDEX = (r"(?:S&P 500|S&P|Dow Jones|Dow|Nasdaq|Russell 2000|FTSE 100|FTSE|Nikkei 225|Nikkei|"
               r"DAX|Dax|CAC 40|Hang Seng|Sensex|Nifty|Kospi|KOSPI|Topix|TOPIX|Stoxx 600)")
_BESIDE_INDEX_BEFORE = re.compile(r"\b" + _MAIN_INDEX + r"(?: [Ii]ndex| Industrial Average| "
                                  r"industrial average| Composite)?,? (?:and|&|or) (?:the )?$")
_BESIDE_INDEX_AFTER = re.compile(r",? (?:and|&|or) (?:the )?" + _MAIN_INDEX + r"\b")


def _index_in_context(text: str, options: list[Hit], catalog: Catalog) -> Hit | None:
    """The one index among a name's readings, when its words make it the index (a name
    that is only the index's, "S&P 500", needs no such words)."""
    index = None
    for h in options:
        if h.kind == "ambiguous" and catalog.entities[h.entity].type == "index":
            if index is not None:
                return None
            index = h
    if index is None or _HYPHEN_WORD.match(text, index.end) or _NOT_INDEX_AFTER.match(
            text, index.end) or _CAPITAL_NEXT.match(text, index.end):
        return None  # "Nasdaq-style", "Japan's Nikkei said", "the broader S&P BSE Smallcap"
    if _INDEX_AFTER.match(text, index.end) or _INDEX_BEFORE.search(
            text, max(0, index.start - 24), index.start) or _BESIDE_INDEX_BEFORE.search(
            text, max(0, index.start - 48), index.start) or _BESIDE_INDEX_AFTER.match(
            text, index.end):
        return index
    return None


_STAFF_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?:chief[ \t]+|senior[ \t]+|lead[ \t]+|head[ \t]+)?"
                          r"(?:(?:strategist|analyst|economist)[ \t]+[A-Z]|"
                          r"(?:strategists|analysts|economists)\b)")


def _source_firm(text: str, options: list[Hit], catalog: Catalog) -> Hit | None:
    """The one company among a name's readings, where the words make it a firm the copy
    cites: its staff named after it ("ING strategist Jane Roe"), "according to" it, its data
    ("an ING survey", "compiled by ING")."""
    at, end = options[0].start, options[0].end
    if not (_STAFF_AFTER.match(text, end) or text.endswith(_SOURCE_BEFORE, 0, at)
            or _SOURCE_AFTER.match(text, end)):
        return None  # (the words first: most names have neither, and this runs for each)
    first = _one_company(options, catalog, ("company", "private"))
    if first is None or not first.alias[:1].isupper() or joined_before(text, first.start):
        return None
    return first


# What a company is, said right before its name ("P&O Cruises owner Carnival", "chipmaker
# Disco", "rival Next"): the name is the company.
_FIRM_NOUNS = ORG_NOUNS | frozenset("""homebuilder rival peer chain carrier specialist
designer distributor insurer""".split()) - frozenset("""newspaper paper agency broadcaster
exchange regulator outlet fund house lab platform""".split())


def _described_firm(text: str, options: list[Hit], catalog: Catalog) -> Hit | None:
    """The one company among a name's readings, when a lower-case word right before it says
    it is a company, and the name is not a sentence's first word."""
    at = options[0].start
    if at < 3 or text[at - 1] != " " or not text[at - 2].islower():
        return None
    begin = at - 2
    while begin > 0 and at - begin < 16 and text[begin - 1].isalpha():
        begin -= 1
    if text[begin:at - 1] not in _FIRM_NOUNS or not options[0].alias[:1].isupper():
        return None
    company = _one_company(options, catalog, ("company",))
    return None if company is None or joined_before(text, company.start) else company


def _one_company(options: list[Hit], catalog: Catalog, types: tuple[str, ...]) -> Hit | None:
    """The reading of a name that is a company of these types, when there is exactly one."""
    found: Hit | None = None
    for h in options:
        if catalog.entities[h.entity].type in types:
            if found is not None and h.entity != found.entity:
                return None
            found = found or h
    return found


def _own_ticker(text: str, options: list[Hit], catalog: Catalog) -> list[Hit] | None:
    """"Netflix (NFLX)", "Wipro (NYSE: WIT)": the name with its own listing after it, the
    strongest evidence there is; the listing becomes a mention too."""
    first = options[0]
    if "(" not in text[first.end:first.end + 2]:
        return None
    m = _OWN_TICKER.match(text, first.end)
    if m is None:
        return None
    written = m.group(1).upper().replace(".", "-")
    for h in options:
        entity = catalog.entities[h.entity]
        for listing in entity.listings:
            upper = listing.upper()
            if upper == written or upper.split(".", 1)[0] == written.replace("-", "."):
                h.kind = "alias" if h.kind == "alias" else "alias in context"
                ticker = Hit(m.start(1), m.end(1), h.entity, "symbol", listing=listing)
                return [h, ticker]
    return None


def _weigh(text: str, catalog: Catalog, model: Model, region: str | None,
           pending: list[list[Hit]], kept: list[Hit], accepted: set[str]) -> None:
    """Accept each weighed name whose best reading is likely enough; a second round lets a
    name accepted late vouch for its neighbours in a list."""
    spans = sorted([(h.start, h.end) for h in kept] + [(o[0].start, o[0].end) for o in pending])
    given = given_names()
    done: set[int] = set()
    for _ in range(2):
        changed = False
        for index, options in enumerate(pending):
            if index in done:
                continue
            best = _again(text, options, accepted, given) or _owned(catalog, options, accepted)
            if best is None:
                best = _best(text, catalog, model, region, options, spans, accepted, given)
            if best is not None:
                best.kind = "alias in context"
                kept.append(best)
                accepted.add(best.entity)
                done.add(index)
                changed = True
        if not changed:
            return


def _again(text: str, options: list[Hit], accepted: set[str],
           given: frozenset[str]) -> Hit | None:
    """A name whose company the text already named, in the same form and with nothing
    against it here, is that company again: no need to weigh it (one sense a text; the
    corroboration alone outweighs the rest of the evidence, and weighing costs ~10 µs)."""
    if len(options) != 1 or options[0].entity not in accepted:
        return None
    h = options[0]
    if longer_name(text, h.start, h.end) or person_before(text, h.start, given):
        return None
    return h


def _owned(catalog: Catalog, options: list[Hit], accepted: set[str]) -> Hit | None:
    """The one reading that is a brand of a company the text names ("AB InBev said Budweiser
    sales fell": AB InBev's beer, not the Asian brewer listed under its name)."""
    found: Hit | None = None
    for h in options:
        owner = catalog.entities[h.entity].owner
        if owner is not None and owner in accepted:
            if found is not None:
                return None
            found = h
    return found


def _best(text: str, catalog: Catalog, model: Model, region: str | None,
          options: list[Hit], spans: list[tuple[int, int]], accepted: set[str],
          given: frozenset[str]) -> Hit | None:
    first = options[0]
    if not _prose_around(text, first.start, first.end):
        return None  # a heading in capitals, a list of codes: no context to weigh
    best: Hit | None = None
    chance = best_region = 0.0
    rows = features(text, catalog, model, region, options, spans, accepted, given)
    at = _AT["region"]
    text_cue = _TextCue(text, model)
    figure_near = any(c.isdigit() for c in text[max(0, first.start - 60):first.end + 60])
    for h, x in zip(options, rows, strict=True):
        p = model.probability(x)
        if p < model.threshold or not _some_market_evidence(
                x, catalog.entities[h.entity].type, text_cue, figure_near):
            continue
        # Readings that pass: the company of the article's market first ("Merck" in a
        # Frankfurt report is Merck KGaA), then the likelier one.
        if best is None or (x[at], p) > (best_region, chance):
            best, chance, best_region = h, p, x[at]
    return best


_AT = {name: i for i, name in enumerate(FEATURES)}


class _TextCue:
    """The market words of a whole (short) text, counted once and only when asked for."""

    def __init__(self, text: str, model: Model) -> None:
        self.text, self.model = text, model
        self.score: float | None = None

    def __call__(self) -> float:
        if self.score is None:
            words = WORD.findall(self.text[:3000].lower())
            self.score = cue_score(words, self.model.cues)
        return self.score
COMMON_WORD_ZIPF = 4.0  # "Apple", "Target", "Shell": words English uses daily


def _some_market_evidence(x: list[float], kind: str, text_cue: Callable[[], float],
                          figure_near: bool) -> bool:
    """An index, or a company whose name is an everyday word, counts only with something in
    its context that is about the market: market words, a figure, a price move, a list of
    companies, the same company named plainly elsewhere, or market words elsewhere in a short
    text ("Apple growers", "Target practice", "the Nikkei newspaper" have none). A mega cap
    named inside a sentence ("the company said Apple opened a store") needs none: there,
    its capital is the company's. "The" before
    a company's name ("the Amazon") wants a price move, a list or another naming. However rare
    such sentences are in the labelled text, the fitted weights alone would let them in."""
    if x[_AT["article"]] < 0:
        return x[_AT["move"]] > 0 or x[_AT["listed"]] > 0 or x[_AT["corroborated"]] > 0
    if kind != "index" and (x[_AT["zipf"]] < COMMON_WORD_ZIPF or (
            x[_AT["size"]] == 0 and x[_AT["start"]] == 0)):
        return True  # a rare word, or the biggest companies' names inside a sentence
    if (x[_AT["cue"]] > 0.5 or x[_AT["percent"]] > 0 or x[_AT["move"]] > 0
            or x[_AT["listed"]] > 0 or x[_AT["corroborated"]] > 0):
        return True
    if kind == "index":
        return figure_near  # an index comes with its level, its move or a multiple
    return text_cue() > 0.5


def _prose_around(text: str, start: int, end: int) -> bool:
    """Lower-case words on either side: a sentence, not a line of capitals or codes."""
    before = text[max(0, start - 60):start]
    after = text[end:end + 60]
    return any(c.islower() for c in before) or any(c.islower() for c in after)


def features(text: str, catalog: Catalog, model: Model, region: str | None,
             options: list[Hit], spans: list[tuple[int, int]], accepted: set[str],
             given: frozenset[str]) -> list[list[float]]:
    """The evidence (evidence.FEATURES) for each reading of one weighed name."""
    first = options[0]
    start, end = first.start, first.end
    lo, hi = sentence_window(text, start, end)
    shared = [
        cue_score(words_around(text, start, end, lo, hi), model.cues),
        1.0 if has_percent(text, lo, hi) else 0.0,
        1.0 if price_move(text, start, end, model.moves) else 0.0,
        float(listed(text, start, end, spans)),
    ]
    longer = longer_name(text, start, end)
    opening = 1.0 if is_start(text, start) else 0.0
    person = 1.0 if person_before(text, start, given) else 0.0
    the = article_before(text, start)
    nothing = shared[0] <= 0.0 and shared[1] + shared[2] + shared[3] == 0.0
    rows = []
    for h in options:
        entity = catalog.entities[h.entity]
        zipf = catalog.zipf.get(h.alias, 0) / 10.0
        row_shared, row_longer = shared, longer
        if longer:  # "Comer Industries fell": read on from the end of the company's own name
            own_end = own_name_end(text, end, entity.name)
            if own_end != end:
                row_longer = longer_name(text, start, own_end)
                row_shared = shared[:2] + [
                    1.0 if price_move(text, start, own_end, model.moves) else 0.0, shared[3]]
        rows.append([zipf, _size(entity), float(min(2, h.alias.count(" "))), *row_shared,
                     1.0 if h.entity in accepted else 0.0, _region(entity, region), opening,
                     1.0 if row_longer else 0.0, person, float(len(options) - 1),
                     (1.0 if entity.type == "index" else -1.0) if the else 0.0,
                     zipf / 5.0 if nothing and h.entity not in accepted else 0.0])
    return rows


def weighed(text: str, catalog: Catalog, region: str | None, symbols: list[Hit],
            names: list[Hit]) -> list[tuple[Hit, list[float]]]:
    """Every reading of every name the model would weigh, with its evidence as the first
    round sees it (scripts/fit_evidence.py learns the weights from these)."""
    kept, accepted, pending, _ = _sort(text, catalog, symbols, names)
    given = given_names()
    spans = sorted([(h.start, h.end) for h in kept] + [(o[0].start, o[0].end) for o in pending])
    out: list[tuple[Hit, list[float]]] = []
    for options in pending:
        rows = features(text, catalog, catalog.evidence, region, options, spans, accepted,
                        given)
        out.extend(zip(options, rows, strict=True))
    return out


def _size(entity: CatalogEntity) -> float:
    if entity.size is not None:
        return float(entity.size)
    return 1.0 if entity.type in ("index", "fund", "private", "product") else 3.0


def _region(entity: CatalogEntity, region: str | None) -> float:
    if region is None or entity.country is None:
        return 0.0
    return 1.0 if entity.country in REGION_COUNTRIES.get(region, ()) else -1.0
