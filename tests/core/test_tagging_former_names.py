"""Companies under the names older copy uses: a former name of a company that is listed today
(after a rename, or a merger it survived), a brand or unlisted unit of a listed group, and a
company since bought by a listed one (resources/catalog/curated.toml, "Former names, brands and
units the older press uses").

Conventions (tests/data/tagging/real/README.md): a former name is the company it became, with
today's symbols; a unit, brand or bought company is a product of its owner, with the owner's
listings; one taken private has no listings. A former name that is now another company's name
is not taken, and a brand that is also a word or a place needs context.

The sentences are the project's own; company names, owners and symbols are facts.
"""

from __future__ import annotations

import pytest
from tagkit import kinds, tagged

# -- 1. a former name is the company it became -------------------------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("Matsushita Electric Industrial lifted its profit forecast on strong demand for flat "
     "screens.", "6752.T"),
    ("Fuji Heavy Industries said output of its Forester model would rise next year.", "7270.T"),
    ("Kraft Foods agreed to buy the biscuit maker for cash.", "MDLZ"),
    ("Shares in DSG International slid after the electricals retailer cut its dividend.",
     "CURY.L"),
    ("NASDAQ OMX said trading volumes in its options markets hit a record.", "NDAQ"),
    ("Idea Cellular added more subscribers than its rivals in the month.", "IDEA.NS"),
    ("Daewoo International won a contract to supply steel to a carmaker.", "047050.KS"),
    ("Cheil Industries shares jumped on the first day of trading in Seoul.", "028260.KS"),
    ("JMC Projects secured new orders worth Rs 1,200 crore, the builder said.", "KPIL.NS"),
    ("Capital Senior Living cut its occupancy outlook for the year.", "SNDA"),
    ("ADA-ES said demand for its emissions-control products had weakened.", "ARQ"),
    ("PSA Peugeot Citroen and its Chinese partner plan a new plant.", "STLAP.PA"),
    ("Statoil and DONG Energy will build the wind farm together.", "EQNR.OL"),
    ("Hynix Semiconductor posted a fourth straight quarterly loss.", "000660.KS"),
    ("Showa Denko raised the price of its graphite electrodes.", "4004.T"),
    ("Hutchison Whampoa and Cheung Kong Holdings will be reorganised into two companies.",
     "0001.HK"),
])
def test_former_names_are_todays_company(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


def test_two_companies_from_one_old_name_are_told_apart() -> None:
    """Kraft Foods Inc. became Mondelez; the grocery business it spun off, Kraft Foods Group,
    is part of Kraft Heinz today."""
    got = tagged("Kraft Foods Group rose while Kraft Foods slipped after the split.")
    assert {"KHC", "MDLZ"} <= got


def test_a_renamed_indian_company_has_todays_symbol() -> None:
    got = kinds("Indiabulls Housing Finance raised Rs 1,000 crore through bonds.")
    assert got.get("Sammaan Capital Ltd.") == ("company", ("SAMMAANCAP.NS",))


# -- 2. a company bought by a listed one is a product of its owner ---------------------------


@pytest.mark.parametrize(("text", "name", "symbol"), [
    ("Randgold Resources lifted its gold output guidance.", "Randgold Resources", "B"),
    ("Inmarsat said its new satellite had reached orbit.", "Inmarsat", "VSAT"),
    ("Pioneer Natural Resources pumped more oil from the Permian basin.",
     "Pioneer Natural Resources", "XOM"),
    ("GfK said its consumer confidence index fell again in March.", "GfK", "NIQ"),
    ("Seattle Genetics reported positive results from a cancer drug trial.", "Seagen", "PFE"),
    ("Xstrata agreed to sell its stake in the copper mine.", "Xstrata", "GLEN.L"),
    ("Dialog Semiconductor won a new order for its power chips.", "Dialog Semiconductor",
     "6723.T"),
])
def test_bought_companies_are_products_of_their_owner(text: str, name: str,
                                                      symbol: str) -> None:
    got = kinds(text)
    assert name in got
    assert got[name][0] == "product"
    assert symbol in got[name][1]


# -- 3. brands and unlisted units --------------------------------------------------------------


@pytest.mark.parametrize(("text", "name", "symbol"), [
    ("Ladbrokes said more punters bet on the cup final this year.", "Ladbrokes", "ENT.L"),
    ("Dish Network lost pay-TV subscribers again in the quarter.", "Dish Network", "SATS"),
    ("Customers of Interactive Investor bought more bank shares last week.",
     "Interactive Investor", "ABDN.L"),
    ("Virgin Money said mortgage lending grew in the half.", "Virgin Money", "NBS.L"),
    ("Boston Dynamics showed a new version of its humanoid robot.", "Boston Dynamics",
     "005380.KS"),
])
def test_brands_and_units_carry_their_owners_listings(text: str, name: str,
                                                       symbol: str) -> None:
    got = kinds(text)
    assert got.get(name, ("", ()))[0] == "product"
    assert symbol in got[name][1]


def test_a_bought_company_that_went_private_has_no_listings() -> None:
    got = kinds("The Go-Ahead Group said bus passenger numbers had recovered.")
    assert got.get("The Go-Ahead Group") == ("private", ())


# -- 4. traps ----------------------------------------------------------------------------------


def test_a_former_name_that_is_a_word_needs_context() -> None:
    assert not tagged("Indeed, the market rallied into the close.")
    assert not tagged("Nigel Lawson, a former chancellor, spoke at the dinner.")


def test_a_former_name_does_not_take_a_live_company_s_name() -> None:
    """Cheil Worldwide is listed on its own; it is not Cheil Industries (now Samsung C&T)."""
    got = tagged("Cheil Worldwide won a new advertising account from the carmaker.")
    assert "028260.KS" not in got
    got = tagged("Cheil Industries merged with Samsung C&T in 2015.")
    assert "030000.KS" not in got


def test_a_person_with_an_old_company_name_is_a_person() -> None:
    assert not tagged('"Orders are soft," said Takashi Matsushita, a strategist at a Tokyo '
                      "brokerage.")
    assert not tagged("Colin Ferguson, an analyst, said margins would hold.")


def test_place_names_stay_places() -> None:
    assert not tagged("The Shire is a quiet region of rolling hills.")
    assert not tagged("Heavy snow closed roads around Halifax on Monday.")
