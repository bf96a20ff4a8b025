"""More companies under the names older copy uses, in the markets whose archives name them so:
Canada, Australia, Brazil, Singapore, the UK and Europe, Japan, Korea, India and the US
(resources/catalog/curated.toml, "Former names the older press uses, batch 2").

Conventions (tests/data/tagging/real/README.md): a renamed company is the company it became,
with today's symbols; a company since bought by a listed one is a product of its buyer, with
the buyer's listings; one taken private has no listings.

The sentences are the project's own; company names, owners and symbols are facts.
"""

from __future__ import annotations

import pytest
from tagkit import kinds, tagged

# -- 1. a former name is the company it became -------------------------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("Encana said it would cut capital spending as gas prices slumped.", "OVV"),
    ("TransCanada said the Keystone pipeline would be restarted on Monday.", "TRP.TO"),
    ("Research In Motion unveiled a new smartphone with a keyboard.", "BB.TO"),
    ("SNC-Lavalin won a contract for a light rail line in Montreal.", "ATRL.TO"),
    ("Valeant Pharmaceuticals shares fell after the short-seller report.", "BHC"),
    ("Silver Wheaton signed a new streaming deal with a copper miner.", "WPM"),
    ("Caltex Australia raised fuel margins in the half.", "ALD.AX"),
    ("Incitec Pivot cut its fertiliser earnings guidance.", "DNL.AX"),
    ("BM&FBovespa reported record trading volumes in March.", "B3SA3.SA"),
    ("Kroton Educacional added students at its distance-learning arm.", "COGN3.SA"),
    ("Lojas Americanas said online sales jumped in the quarter.", "AMER3.SA"),
    ("Via Varejo shares fell on weak electronics sales.", "BHIA3.SA"),
    ("Sembcorp Marine won a rig contract from a Brazilian driller.", "5E2.SI"),
    ("Ascendas REIT bought three business parks in Sydney.", "A17U.SI"),
    ("CapitaLand Ltd reported higher profit from its malls.", "9CI.SI"),
    ("Olam International raised funds to expand its cocoa business.", "VC2.SI"),
    ("Iljin Materials expanded its copper foil plant in Malaysia.", "020150.KS"),
    ("Wal-Mart de Mexico reported higher same-store sales.", "WALMEX.MX"),
])
def test_former_names_are_todays_company(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


# -- 2. a company bought by a listed one is a product of its owner ---------------------------


@pytest.mark.parametrize(("text", "name", "symbol"), [
    ("Talisman Energy agreed to sell its North Sea stake.", "Talisman Energy", "REP.MC"),
    ("Goldcorp raised its gold production forecast for the year.", "Goldcorp", "NEM"),
    ("Shaw Communications added internet customers in western Canada.",
     "Shaw Communications", "RCI-B.TO"),
    ("Output at Syncrude fell after a fire at the oil sands plant.", "Syncrude Canada", "SU.TO"),
    ("Inmet Mining said copper output at its Spanish mine rose.", "Inmet Mining", "FM.TO"),
    ("Newcrest Mining lifted its dividend after a record half.", "Newcrest Mining", "NEM"),
    ("OZ Minerals said copper output at its South Australian mine fell.", "OZ Minerals",
     "BHP.AX"),
    ("Oil Search said its gas partners in Papua New Guinea agreed on an expansion.",
     "Oil Search", "STO.AX"),
    ("Coca-Cola Amatil reported lower soft drink volumes in Indonesia.", "Coca-Cola Amatil",
     "CCEP"),
    ("Fibria Celulose raised pulp prices for European customers.", "Fibria Celulose",
     "SUZB3.SA"),
    ("Redrow lifted its forecast for home completions.", "Redrow", "BTRW.L"),
    ("GKN said demand for driveline parts had weakened.", "GKN", "MRO.L"),
    ("Tokyo Dome Corp said attendance at its stadium had recovered.", "Tokyo Dome Corp.",
     "8801.T"),
    ("Kansas City Southern said its Mexican rail traffic rose.", "Kansas City Southern", "CP"),
    ("Wachovia said it would write down more mortgage assets.", "Wachovia", "WFC"),
    ("Foot Locker cut its outlook as shoppers held back.", "Foot Locker", "DKS"),
])
def test_bought_companies_are_products_of_their_owner(text: str, name: str,
                                                      symbol: str) -> None:
    got = kinds(text)
    assert name in got
    assert got[name][0] == "product"
    assert symbol in got[name][1]


def test_a_company_taken_private_has_no_listings() -> None:
    got = kinds("Sydney Airport Holdings said passenger numbers rose again in May.")
    assert got.get("Sydney Airport Holdings") == ("private", ())


# -- 3. traps ----------------------------------------------------------------------------------


def test_an_old_name_that_is_a_place_needs_context() -> None:
    assert not tagged("Fog delayed flights into Sydney Airport on Tuesday morning.")


def test_an_old_name_is_not_confused_with_a_live_namesake() -> None:
    """Tesoro Corp is part of Marathon Petroleum; a bare 'Tesoro' is not taken for it."""
    assert "MPC" in tagged("Tesoro Corp raised refinery runs in California.")
    assert "MPC" not in tagged("Tesoro drilled new gold holes in Chile.")
