"""Short forms market wraps use for index members: the clipped names of Indian, Hong Kong,
Japanese, Korean and Taiwanese reports ("Adani Ent", "SHKP", "Tokyo Elec", "Samsung Bio",
"Delta Elec"), the nicknames of London and continental desks ("Stan Chart", "Soc Gen",
"Healthineers") and of US copy ("Bristol Myers", "Abbott Labs"), and the unlisted arms a
listed group is cited by (resources/catalog/curated.toml).

A short form that is also a word, a place or a person's name is left out of the catalog or
weighed in context, so it does not tag a company where the text is not about one.

The sentences are the project's own; company names and symbols are facts.
"""

from __future__ import annotations

import pytest
from tagkit import tagged

# -- 1. clipped names in market wraps, market by market ---------------------------------------


@pytest.mark.parametrize(("text", "symbols"), [
    # India
    ("Infy and Wipro dragged the IT index lower in Mumbai.", {"INFY.NS"}),
    ("Adani Ent rose 4% while Adani Port slipped after the block deal.",
     {"ADANIENT.NS", "ADANIPORTS.NS"}),
    ("Divis Lab and Dr Reddy led the pharma pack on the Nifty.",
     {"DIVISLAB.NS", "DRREDDY.NS"}),
    ("Hind Zinc and Hind Copper rallied as base metal prices climbed.",
     {"HINDZINC.NS", "HINDCOPPER.NS"}),
    ("JFSL shares touched a record after the quarterly numbers.", {"JIOFIN.NS"}),
    # Hong Kong
    ("SHKP and CK Hutch gained, while New World Dev slid 3% on funding worries.",
     {"0016.HK", "0001.HK", "0017.HK"}),
    ("Galaxy Ent led the casino operators higher in afternoon trade.", {"0027.HK"}),
    ("ZhongAn Online jumped after the insurer's profit beat forecasts.", {"6060.HK"}),
    # Japan
    ("Tokyo Elec and Advantest pulled the Nikkei up by the close.", {"8035.T"}),
    ("Shin Etsu slipped 2% after it kept its full-year forecast unchanged.", {"4063.T"}),
    # Korea
    ("Samsung Bio and Hyundai Motors rose in Seoul as foreigners bought.",
     {"207940.KS", "005380.KS"}),
    ("Trading house Samsung C and T shot up 9% on the buyback news.", {"028260.KS"}),
    # Taiwan
    ("Delta Elec and Far EasTone gained as the Taiex edged higher.", {"2308.TW", "4904.TW"}),
    # UK and Europe
    ("Stan Chart and LSE Group were among the FTSE 100 fallers.", {"STAN.L", "LSEG.L"}),
    ("Soc Gen and Pernod fell in Paris while Healthineers rose in Frankfurt.",
     {"GLE.PA", "RI.PA", "SHL.DE"}),
    # United States
    ("Bristol Myers and Abbott Labs gained after their trial readouts.", {"BMY", "ABT"}),
])
def test_a_short_form_tags_its_company(text: str, symbols: set[str]) -> None:
    assert symbols <= tagged(text)


# -- 2. an unlisted arm is its listed group ----------------------------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("Sompo Japan raised its premiums for fire cover by 10%.", "8630.T"),
    ("Cathay Life added to its holdings of US Treasuries last quarter.", "2882.TW"),
    ("Bank of Scotland cut its fixed mortgage rates again this week.", "LLOY.L"),
    ("Eastspring Investments expects Asian credit to outperform next year.", "PRU.L"),
])
def test_an_arm_cited_by_its_short_name_is_its_listed_group(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


# -- 3. a short form used as a word or a place is not the company ------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("Carnival crowds filled the streets of Rio on Sunday.", "RIO.L"),
    ("The Swiss Market Index fell 0.7% by early afternoon in Zurich.", "ZURN.SW"),
    ("Wells in the region ran dry during the long drought.", "WFC"),
    ("The Anglo-Saxon chronicle was put online by the library.", "AAL.L"),
])
def test_a_short_form_used_as_a_word_is_not_tagged(text: str, symbol: str) -> None:
    assert symbol not in tagged(text)


def test_a_clipped_name_does_not_pull_in_the_wrong_sibling() -> None:
    # "Bank of China Hong Kong" is BOCHK, not its mainland parent.
    symbols = tagged("Bank of China Hong Kong rose 2% after its interim dividend.")
    assert "2388.HK" in symbols and "3988.HK" not in symbols
