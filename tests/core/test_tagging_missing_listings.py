"""Companies whose listing the public reference data lacks, so that only their curated entry
(resources/catalog/curated.toml, "Listings the reference data lacks (AIM, TPEx, recent
listings)") lets the engine tag them: AIM and small London names, Taiwan's TPEx and main
board, listings of 2022-2025, and a few others found missing.

The sentences are the project's own; company names and symbols are facts.
"""

from __future__ import annotations

import pytest
from tagkit import tagged

# -- 1. London: AIM and small caps ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("Quadrise shares jumped 18% after the fuel technology firm signed a trial agreement.",
     "QED.L"),
    ("Mosman Oil and Gas said output from its Texas wells rose in the quarter.", "MSMN.L"),
    ("Jadestone Energy slipped after it trimmed its production guidance for the year.",
     "JSE.L"),
    ("Helium One Global rose after it reported gas shows at its Tanzanian well.", "HE1.L"),
    ("Atlantic Lithium fell as the Ghana mining lease approval slipped again.", "ALL.L"),
])
def test_aim_explorers_and_miners(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


@pytest.mark.parametrize(("text", "symbol"), [
    ("Kitwave Group plc lifted its profit forecast on strong foodservice demand.", "KITW.L"),
    ("Microlise, the fleet software group, won a contract with a large retailer.", "SAAS.L"),
    ("Victorian Plumbing said revenue grew for a third straight quarter.", "VIC.L"),
    ("hVIVO rose after the clinical trials firm won a new challenge study contract.", "HVO.L"),
])
def test_aim_consumer_tech_and_pharma(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


def test_small_london_names_with_a_common_word() -> None:
    text = ("Among small caps, Big Technologies plc fell 9% and Ashtead Technology rose 4% "
            "after its half-year update.")
    assert {"BIG.L", "AT.L"} <= tagged(text)


def test_renamed_london_company_by_its_old_name() -> None:
    assert "ZIG.L" in tagged("Redde Northgate said vehicle hire volumes held up in the period.")
    assert "DEBS.L" in tagged("Shares in boohoo group fell after the retailer delayed results.")


# -- 2. Taiwan ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("Vanguard International Semiconductor rose 3% on the Taipei over-the-counter market.",
     "5347.TWO"),
    ("E Ink Holdings gained after it raised its outlook for electronic paper shipments.",
     "8069.TWO"),
    ("WIN Semiconductors slid as smartphone orders for its power amplifiers weakened.",
     "3105.TWO"),
    ("Concord Securities cut its target for the index after the sell-off.", "6016.TWO"),
])
def test_tpex_names(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


@pytest.mark.parametrize(("text", "symbol"), [
    ("Tung Ho Steel raised its rebar prices for next month.", "2006.TW"),
    ("Wan Hai Lines and other container lines fell as freight rates eased.", "2615.TW"),
    ("Starlux Airlines said it would add more flights to North America.", "2646.TW"),
    ("Taiwan Mobile said monthly revenue rose 5% from a year earlier.", "3045.TW"),
    ("Airoha Technology rose on demand for wireless earbud chips.", "6526.TW"),
])
def test_taiwan_main_board_names(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


# -- 3. Recent listings ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("RoboSense shares surged after the lidar maker reported record shipments.", "2498.HK"),
    ("XtalPi rose after signing a drug discovery deal with a US pharmaceutical group.",
     "2228.HK"),
    ("Giant Biogene fell as sales of its skincare brands slowed.", "2367.HK"),
    ("CALB said it would build a new battery plant in Portugal.", "3931.HK"),
])
def test_hong_kong_listings(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


@pytest.mark.parametrize(("text", "symbol"), [
    ("Lenskart shares rose in their first week of trading in Mumbai.", "LENSKART.NS"),
    ("Meesho gained after the e-commerce company reported a narrower loss.", "MEESHO.NS"),
    ("Pine Labs said payment volumes on its terminals rose sharply.", "PINELABS.NS"),
])
def test_indian_listings(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


@pytest.mark.parametrize(("text", "symbol"), [
    ("Rakuten Bank said deposits passed a new high at the end of the quarter.", "5838.T"),
    ("Sony Financial Group fell on its first day of trading after the spin-off.", "8729.T"),
    ("Sanil Electric rose on orders for transformers from US utilities.", "062040.KS"),
    ("Netskope shares rose in their market debut in New York.", "NTSK"),
    ("Planisware climbed after the software maker raised its sales target.", "PLNW.PA"),
])
def test_japan_korea_us_and_europe_listings(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


# -- 4. Others found missing --------------------------------------------------------------


def test_mainland_and_hong_kong_lines() -> None:
    text = ("People's Insurance Co. (Group) of China and Shanghai Pharmaceuticals both fell "
            "in Hong Kong trading.")
    found = tagged(text)
    assert "1339.HK" in found
    assert "2607.HK" in found


def test_japanese_names() -> None:
    text = "Metaplanet rose 12% and Toyo Engineering gained 5% in Tokyo."
    assert {"3350.T", "6330.T"} <= tagged(text)


def test_exchange_operator_by_its_company_name() -> None:
    assert "1818.KL" in tagged("Bursa Malaysia Bhd reported higher trading revenue.")
    assert "1111.SR" in tagged("Saudi Tadawul Group posted a rise in quarterly profit.")


def test_market_name_alone_is_not_the_operator() -> None:
    text = "Shares on Bursa Malaysia ended lower as plantation stocks weighed."
    assert "1818.KL" not in tagged(text)


@pytest.mark.parametrize(("text", "symbol"), [
    ("China Southern Airlines fell 3% after the carrier cut its outlook.", "1055.HK"),
    ("Air China and China Eastern rose after strong holiday travel data.", "0753.HK"),
    ("Air China and China Eastern rose after strong holiday travel data.", "0670.HK"),
])
def test_chinas_big_three_airlines_have_their_home_lines(text: str, symbol: str) -> None:
    assert symbol in tagged(text)
