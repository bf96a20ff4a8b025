"""Unlisted firms the market press names: big private companies, hedge funds, private-equity
and venture firms, family offices, sovereign and pension investors, independent brokers and
research houses, news agencies and data firms, state-owned companies, mutual insurers and
banks (resources/catalog/curated.toml, "Private companies, investors, brokers, research and
data firms, state firms and mutuals the market press names").

Conventions (tests/data/tagging/real/README.md): a private firm is its own entity with no
listings; an unlisted arm of a listed group belongs to its listed parent and is not here; a
firm taken private is private. A short name that is also a word, a place or a person's name
is tagged only where the sentence says it is the firm.

The sentences are the project's own; firm names and facts about them are facts.
"""

from __future__ import annotations

import pytest
from tagkit import names

from briefing.core.tagging import tag_text


def private_names(text: str) -> set[str]:
    return {e.name for e in tag_text(text).entities if e.type == "private" and not e.listings}


# -- 1. a private firm named in full is tagged, with no listings -------------------------------


@pytest.mark.parametrize(("text", "name"), [
    # big private companies, in every market
    ("Publix reported higher same-store sales as shoppers traded down to its own brands.",
     "Publix Super Markets Inc."),
    ("The Trump Organization signed a licensing deal for a new tower in the Gulf.",
     "The Trump Organization"),
    ("China Baowu Steel Group cut output at two of its mills as demand from builders slowed.",
     "China Baowu Steel Group"),
    ("Petronas agreed to supply liquefied natural gas to a Japanese utility for ten years.",
     "Petroliam Nasional Bhd. (Petronas)"),
    ("Serum Institute of India said it would double its vaccine capacity.",
     "Serum Institute of India"),
    ("Mercadona opened its first stores in a new region of Portugal.", "Mercadona"),
    # hedge funds, activists and short sellers
    ("Sachem Head Capital Management built a stake in the railroad and asked for board seats.",
     "Sachem Head Capital Management"),
    ("Short seller Spruce Point Capital Management said it was betting against the lender.",
     "Spruce Point Capital Management"),
    ("Wolfpack Research published a report questioning the company's reported sales.",
     "Wolfpack Research"),
    ("Effissimo Capital Management raised its holding in the Tokyo-listed shipper.",
     "Effissimo Capital Management"),
    # private equity, venture and family offices
    ("Clayton, Dubilier & Rice agreed to buy a majority stake in the distributor.",
     "Clayton, Dubilier & Rice"),
    ("MBK Partners teamed up with the zinc smelter's top shareholder in a tender offer.",
     "MBK Partners"),
    ("Peak XV Partners led the start-up's latest funding round.", "Peak XV Partners"),
    # sovereign, pension and state investors
    ("Kuwait Investment Authority joined the funding round alongside two US pension funds.",
     "Kuwait Investment Authority"),
    ("Korea's National Pension Service cut its target weighting for domestic equities.",
     "National Pension Service (Korea)"),
    ("Danantara will put money into nickel smelters, its chief investment officer said.",
     "Danantara Indonesia"),
    # asset managers and mutual insurers
    ("Dimensional Fund Advisors filed to turn two more mutual funds into ETFs.",
     "Dimensional Fund Advisors LP"),
    ("Northwestern Mutual raised the dividend it pays to policyholders.",
     "Northwestern Mutual Life Insurance Co."),
    ("Crédit Mutuel Alliance Fédérale reported a rise in half-year net income.",
     "Crédit Mutuel Alliance Fédérale"),
    # independent brokers and research houses quoted in market reports
    ("Telsey Advisory Group analyst Jane Roe raised her price target on the retailer.",
     "Telsey Advisory Group"),
    ("“Valuations are stretched,” said Tom Jones, president of Infrastructure Capital "
     "Advisors.", "Infrastructure Capital Advisors"),
    ("Oil could fall further, said Max Moe, a partner at Again Capital in New York.",
     "Again Capital"),
    ("Singer Capital Markets cut its rating on the miner to hold.", "Singer Capital Markets"),
    ("Exporters should gain from a weaker won, said an analyst at Leading Investment & "
     "Securities.", "Leading Investment & Securities Co."),
    ("Prabhudas Lilladher expects the lender's margins to recover in the second half.",
     "PL Capital (Prabhudas Lilladher)"),
    # news agencies and data firms
    ("Foreign investors were net sellers for a fifth day, according to Yonhap Infomax.",
     "Yonhap Infomax"),
    ("Tokyo Shoko Research said corporate bankruptcies rose for a third year.",
     "Tokyo Shoko Research"),
    ("Wind Information data showed northbound flows turned positive in the week.",
     "Wind Information Co."),
    ("The Conference Board's index of consumer confidence fell to a five-month low.",
     "The Conference Board"),
])
def test_private_firms_are_tagged(text: str, name: str) -> None:
    assert name in private_names(text)


def test_a_private_unit_of_a_private_group_is_its_own_entity() -> None:
    """Air India belongs to Tata Sons, which is unlisted too: both are private."""
    got = private_names("Tata Sons' Air India ordered more wide-body jets for long-haul routes.")
    assert {"Tata Sons Pvt. Ltd.", "Air India Ltd."} <= got


def test_a_private_firm_beside_a_listed_one() -> None:
    got = names("Farallon Capital took a stake in Seven & i as the retailer weighed its options.")
    assert "Farallon Capital Management" in got
    assert "Seven & i Holdings Co. Ltd." in got


# -- 2. short names that are also words, places or people need context ------------------------


@pytest.mark.parametrize(("firm", "word", "name"), [
    ("Sixth Street agreed to lend $1 billion to the software company.",
     "We met for coffee on Sixth Street after work.", "Sixth Street Partners"),
    ("Decathlon is selling a minority stake to a Chinese investor.",
     "She won the decathlon at the national championships.", "Decathlon SA"),
    ("Iliad, the French telecoms group, raised its outlook for the year.",
     "The Iliad is an epic poem about the Trojan war.", "Iliad SA"),
    ("Farallon bought more shares of the Japanese retailer, a filing showed.",
     "The Farallon Islands lie off the coast of San Francisco.",
     "Farallon Capital Management"),
    ("Schonfeld cut staff after a weak year for the hedge fund.",
     "Mr Schonfeld went for a walk in the park.", "Schonfeld Strategic Advisors"),
])
def test_ambiguous_short_names_need_market_context(firm: str, word: str, name: str) -> None:
    assert name in names(firm)
    assert name not in names(word)


@pytest.mark.parametrize(("text", "name"), [
    ("Please toss the salad before the guests arrive.", "Viva Republica (Toss)"),
    ("I took the subway home after the concert.", "Subway"),
    ("Lucia Ferrero went to the market on Saturday.", "Ferrero Group"),
])
def test_everyday_words_and_people_are_not_firms(text: str, name: str) -> None:
    assert name not in names(text)
