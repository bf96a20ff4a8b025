"""The firms market copy cites as its sources: brokers quoted for their analysts, research and
data houses, rating agencies, proxy advisers, consultancies and local securities houses in
India, Korea, Japan, China and Hong Kong, Southeast Asia, Australia, the UK and the US
(resources/catalog/curated.toml, "Sources the market press cites").

Conventions (tests/data/tagging/real/README.md): a listed firm is its listed entity; an
unlisted arm of a listed group (a bank's broking house, research unit or fund manager) is its
listed parent; a firm a listed group bought is a product of the buyer, with the buyer's
listings; a private firm has no listings; a name that is also a surname or a word is weighed
in context.

The sentences are the project's own; firm names, owners and symbols are facts.
"""

from __future__ import annotations

import pytest
from tagkit import tagged

from briefing.core.tagging import tag_text


def found(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each tagged entity's type and listings, by its catalog name."""
    return {e.name: (e.type, tuple(e.listings)) for e in tag_text(text).entities}




def private_names(text: str) -> set[str]:
    return {e.name for e in tag_text(text).entities if e.type == "private" and not e.listings}


# -- 1. brokers and securities houses that are listed themselves -------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("“Rate-sensitive stocks could stay in favour,” said a strategist at Nuvama Institutional "
     "Equities in Mumbai.", "NUVAMA.NS"),
    ("Banks led the advance, said S Iyer, head of research at LKP Securities.", "540192.BO"),
    ("Kiran Rao, an analyst at Choice International, expects margins to hold.", "CHOICEIN.NS"),
    ("Groww added more active clients than any other broker in the quarter.", "GROWW.NS"),
    ("“Foreign selling has eased,” said a strategist at Anand Rathi Shares and Stock "
     "Brokers.", "ARSSBL.NS"),
    ("Kenji Sato, chief strategist at Iwai Cosmo Securities, said exporters would gain.",
     "8707.T"),
    ("Toyo Securities expects the Nikkei to test its record again this month.", "8614.T"),
    ("“Chip names are overbought,” said a market analyst at Okasan Online Securities.",
     "8609.T"),
    ("Shipbuilders rallied, an analyst at Hanwha Investment & Securities said.", "003530.KS"),
    ("SK Securities raised its target price for the defence contractor.", "001510.KS"),
    ("Everbright Securities cut its forecast for the brewer's sales growth.", "601788.SS"),
    ("Analysts at China Galaxy Securities see more support for property developers.",
     "601881.SS"),
    ("CGS International kept its add call on the Singapore lender.", "601881.SS"),
    ("Bell Potter analyst Jane Roe lifted her target on the lithium miner.", "BFG.AX"),
    ("Maybank Investment Bank said palm oil planters could benefit from El Nino.", "1155.KL"),
])
def test_listed_brokers_are_their_listed_entity(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


# -- 2. an unlisted arm is its listed parent ---------------------------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("“The index may consolidate,” said Ravi Kumar, head of retail research at HDFC "
     "Securities.", "HDFCBANK.NS"),
    ("Axis Securities expects the Nifty to hold its recent range.", "AXISBANK.NS"),
    ("Kotak Institutional Equities downgraded the cement maker to sell.", "KOTAKBANK.NS"),
    ("An analyst at KB Securities said shipbuilders had further to run.", "105560.KS"),
    ("Hana Securities raised its earnings estimate for the chipmaker.", "086790.KS"),
    ("“Yields should stay low,” said a strategist at Asset Management One.", "8411.T"),
    ("Economists at Dai-ichi Life Research Institute expect a rate rise by summer.", "8750.T"),
    ("Evercore ISI upgraded the retailer to outperform.", "EVR"),
    ("Moody's Analytics cut its forecast for US growth next year.", "MCO"),
    ("Volumes rose, according to S&P Global Market Intelligence.", "SPGI"),
])
def test_an_unlisted_arm_is_its_listed_parent(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


def test_a_securities_house_of_a_merged_company_is_the_survivor() -> None:
    # Haitong Securities was absorbed by Guotai Junan, now Guotai Haitong Securities.
    assert {"601211.SS", "2611.HK"} <= tagged(
        "Haitong Securities analysts expect more easing from Beijing.")


# -- 3. a firm bought by a listed group is a product of its buyer ------------------------------


@pytest.mark.parametrize(("text", "name", "symbol"), [
    ("Fundraising by buyout firms fell to a six-year low, according to data from Preqin.",
     "Preqin", "BLK"),
    ("PitchBook counted fewer venture deals in the third quarter.", "PitchBook", "MORN"),
    ("Analysts polled by StreetAccount had expected a smaller loss.", "StreetAccount", "FDS"),
    ("Sharekhan expects the index to find support near its 50-day average.",
     "Sharekhan (Mirae Asset Sharekhan)", "006800.KS"),
    ("Smartphone shipments grew 4%, according to Canalys.", "Canalys", "TTGT"),
])
def test_a_bought_firm_is_a_product_of_its_buyer(text: str, name: str, symbol: str) -> None:
    entities = found(text)
    assert entities[name][0] == "product"
    assert symbol in entities[name][1]


def test_kbw_is_a_product_of_stifel() -> None:
    entities = found("KBW cut its price target on the exchange operator to $29.")
    assert any(kind == "product" and "SF" in symbols for kind, symbols in entities.values())


# -- 4. private research houses, brokers, rating agencies and consultancies -------------------


@pytest.mark.parametrize(("text", "name"), [
    ("“Demand is holding up,” said Jane Roe, chief economist at Oxford Economics.",
     "Oxford Economics"),
    ("Smartphone sales fell 3% in the quarter, Counterpoint Research said.",
     "Counterpoint Research"),
    ("Memory prices will rise again next quarter, TrendForce said in a report.",
     "TrendForce Corp."),
    ("Upstream spending will climb next year, according to Rystad Energy.", "Rystad Energy"),
    ("Wood Mackenzie expects LNG supply to outrun demand by 2028.", "Wood Mackenzie"),
    ("Ship-tracking data from Kpler showed crude exports at a four-month high.", "Kpler"),
    ("M&A volumes rose 12%, according to Dealogic.", "Dealogic"),
    ("India Ratings placed the lender's bonds on rating watch.",
     "India Ratings and Research"),
    ("Scope Ratings affirmed the sovereign's A rating with a stable outlook.",
     "Scope Ratings GmbH"),
    ("Proxy adviser Glass Lewis recommended that shareholders vote against the pay plan.",
     "Glass Lewis & Co."),
    ("A study by Bain & Company found luxury sales would stall this year.", "Bain & Company"),
    ("Shares of the chipmaker rose after Robert W. Baird upgraded the stock.",
     "Robert W. Baird & Co."),
    ("“We see limited downside,” said a strategist at Loop Capital Markets.",
     "Loop Capital Markets"),
    ("Shore Capital raised its recommendation on the housebuilder to buy.",
     "Shore Capital Group Ltd."),
    ("Nirmal Bang cut its target for the paint maker after weak volumes.",
     "Nirmal Bang Securities Pvt. Ltd."),
    ("“Buyers are cautious,” said a research analyst at Tachibana Securities.",
     "Tachibana Securities Co. Ltd."),
    ("Ord Minnett kept its accumulate rating on the miner.", "Ord Minnett"),
])
def test_private_sources_are_private_firms(text: str, name: str) -> None:
    assert name in private_names(text)


def test_a_rating_agency_that_is_listed_has_its_listing() -> None:
    assert "CRISIL.NS" in tagged("CRISIL upgraded the developer's long-term rating.")


# -- 5. names that are also surnames or words ---------------------------------------------------


def test_an_ambiguous_broker_name_is_tagged_in_market_context() -> None:
    text = "Shares of Westpac fell 2%, said Jane Roe, a senior adviser at Morgans."
    assert "Morgans Financial Ltd." in {e.name for e in tag_text(text).entities}


@pytest.mark.parametrize("text", [
    "The Wilsons moved to Perth last year and opened a bakery.",
    "Morgans Hotel reopened its doors in Miami on Friday.",
    "Robert Baird, the poet, read from his new collection.",
    "The Janney family donated the land to the town.",
])
def test_an_ambiguous_name_is_not_tagged_outside_market_copy(text: str) -> None:
    assert not tag_text(text).entities


def test_a_bare_baird_is_not_the_broker_without_its_full_name() -> None:
    # "Baird" alone is weighed as a surname; the firm's full name is what tags it.
    assert "Robert W. Baird & Co." not in {
        e.name for e in tag_text("Ms Baird said the school would reopen.").entities}


# -- a firm the copy cites, by what its words make it ---------------------------------------------


@pytest.mark.parametrize("sentence", [
    "The euro should firm into the meeting, ING strategist Jane Roe said.",
    "ING economists expect two more cuts this year.",
    "A cut next month is now priced at one chance in four, according to ING.",
    "Fund managers turned more cautious in May, an ING survey showed.",
    "Inflows reached a record, according to figures compiled by ING.",
])
def test_a_name_that_is_also_a_word_is_the_firm_whose_staff_it_names(sentence: str) -> None:
    assert "INGA.AS" in tagged(sentence)


def test_a_cited_name_inside_a_longer_firm_name_is_not_that_firm() -> None:
    text = "The numbers were fine, LightShed Partners analyst Rich Moor said after the call."
    assert "PGHN.SW" not in tagged(text)


@pytest.mark.parametrize("text", [
    "Foreign inflows reached a record in March, according to LSEG.",
    "LSEG data showed the fund's third week of outflows.",
])
def test_an_exchange_operator_cited_as_a_source_is_the_company(text: str) -> None:
    assert "LSEG.L" in tagged(text)


def test_an_exchange_operator_named_as_the_place_of_listing_is_not_tagged() -> None:
    assert "LSEG.L" not in tagged("The miner plans to list its shares on the LSE next year.")


@pytest.mark.parametrize(("text", "symbol"), [
    ("\"The summer lull is here,\" said Dana Cole, chief market strategist at IG Index.",
     "IGG.L"),
    ("THG shares jumped 9% after the online retailer returned to sales growth.", "THG.L"),
])
def test_a_listed_firm_under_the_name_of_its_brand_or_its_ticker(text: str, symbol: str) -> None:
    assert symbol in tagged(text)
