"""Brands, banners, units and products of listed companies: a reader who meets "Zara" or
"Keytruda" in an article should see the listed owner's ticker (resources/catalog/curated.toml,
"Brands and units"). A product carries no listings of its own: the engine gives it its owner's.

A brand with a distinctive name is tagged on its own; one that is also a word, a place or a
person's name needs a market context around it, and an everyday sentence does not tag it.

The sentences are the project's own; brand names, owners and symbols are facts.
"""

from __future__ import annotations

import pytest
from tagkit import kinds, tagged

from briefing.core.tagging import tag_text

# -- 1. a distinctive brand carries its owner's listings --------------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("Demand for Casamigos tequila cooled in the United States this spring.", "DGE.L"),
    ("Johnnie Walker shipments to Asia picked up in the second half.", "DGE.L"),
    ("Shoppers at Food Lion and Hannaford traded down to private-label goods.", "AD.AS"),
    ("Bershka and Massimo Dutti opened fewer stores than planned this year.", "ITX.MC"),
    ("Tecentriq lost ground to newer immunotherapies in lung cancer.", "ROG.SW"),
    ("Tezspire prescriptions for severe asthma climbed again in the quarter.", "AZN.L"),
    ("Doctors wrote more prescriptions for tirzepatide than for any rival weight-loss drug.",
     "LLY"),
    ("Regulators approved a higher dose of semaglutide for obese adults.", "NVO"),
    ("Comirnaty revenue dropped as fewer people sought booster shots.", "PFE"),
    ("Capital IQ figures put the value of the bids at a record for the sector.", "SPGI"),
    ("Datastream figures showed the euro at a three-month low against sterling.", "LSEG.L"),
    ("Westlaw subscriptions grew 7% as more law firms signed up for its AI tools.", "TRI"),
    ("Paramount+ added subscribers after CBS aired the championship game.", "PSKY"),
    ("Jaguar Land Rover halted production at its Midlands plants for a week.",
     "TMPV.NS"),
    ("Sales of the Sorento and Sportage helped the carmaker to a record half.", "000270.KS"),
    ("Minecraft and Call of Duty lifted revenue at the gaming division.", "MSFT"),
    ("Waze drivers reported fewer jams during the holiday weekend.", "GOOGL"),
    ("Spirit AeroSystems delivered more fuselages to Wichita's biggest customer.", "BA"),
    ("The Pentagon ordered another batch of F-35 jets.", "LMT"),
    ("Dr Pepper overtook a rival cola in US supermarket sales.", "KDP"),
    ("Farfetch narrowed its losses under its new South Korean owner.", "CPNG"),
    ("Zudio stores drew crowds of young shoppers in smaller Indian cities.", "TRENT.NS"),
])
def test_a_brand_is_tagged_with_its_owner(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


@pytest.mark.parametrize(("text", "name", "symbol"), [
    ("Ozempic supply shortages eased in the spring.", "Ozempic", "NOVO-B.CO"),
    ("Casamigos volumes fell for a third quarter.", "Casamigos", "DEO"),
    ("Westlaw subscriptions grew faster than the legal market.", "Westlaw", "TRI"),
])
def test_a_brand_is_a_product_without_listings_of_its_own(text: str, name: str,
                                                         symbol: str) -> None:
    got = kinds(text)
    assert got.get(name, ("", ()))[0] == "product"
    assert symbol in got[name][1]


# -- 2. a brand that is also a word, a place or a name needs context ---------------------------


@pytest.mark.parametrize(("market", "everyday", "symbol"), [
    ("Guinness sales rose 8% in the half, helping Diageo shares gain.",
     "Clear skies over the city lifted everyone's mood.", "DGE.L"),
    ("Genesis sales rose 15% in the third quarter, Hyundai said.",
     "In the beginning, Genesis tells the story of creation.", "005380.KS"),
    ("Tide maker Procter & Gamble said Tide detergent sales rose 4%.",
     "The tide turned as the boats left the harbour.", "PG"),
    ("Dodge Charger deliveries slumped 30%, Stellantis said.",
     "They tried to dodge the question at the press conference.", "STLAP.PA"),
    ("Mustang Mach-E deliveries fell 10% in the quarter, Ford said.",
     "A wild mustang roamed the plains at dawn.", "F"),
])
def test_an_everyday_brand_name_needs_a_market_context(market: str, everyday: str,
                                                        symbol: str) -> None:
    assert symbol in tagged(market)
    assert symbol not in tagged(everyday)


def test_a_dove_in_the_square_is_a_bird() -> None:
    assert "ULVR.L" not in tagged("A dove flew over the square and settled on the fountain.")


def test_a_place_named_car_is_the_car_only_with_its_maker() -> None:
    """The Tucson is a Hyundai; Tucson, Arizona, is a city."""
    assert "005380.KS" in tagged("The Hyundai Tucson was the best-selling SUV in Europe.")
    assert "005380.KS" not in tagged("We drove to Tucson for the weekend.")


def test_a_news_agency_dateline_is_not_its_owner() -> None:
    got = tagged("LONDON (Reuters) - Shares in Vodafone rose 2% after it raised its outlook.")
    assert "TRI" not in got
    assert "VOD.L" in got


def test_a_brand_is_its_owners_where_the_text_names_the_owner() -> None:
    """"Budweiser" is also the short name of the Asian brewer listed in Hong Kong: in a
    Hong Kong market report it is that company, beside AB InBev it is AB InBev's beer."""
    hong_kong = tag_text("The Hang Seng fell 1%. Losers included Budweiser and Longfor Group, "
                         "each sliding more than 5% in Hong Kong.")
    assert "1876.HK" in {s for e in hong_kong.entities for s in e.listings}
    brand = tag_text("AB InBev said Budweiser sales fell again in the US as rivals gained.")
    assert {e.name: e.listings[0] for e in brand.entities}.get("Budweiser") == "ABI.BR"
