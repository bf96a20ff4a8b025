"""Quotations and speakers as real newswire, column, broadcaster and press-release copy writes
them (the invented passages are tidier): continued paragraphs, pronouns, organisations that
speak, fragments inside a sentence, statements, and quote marks as they really come."""

from __future__ import annotations

import pytest
from tagkit import quotes as _quotes


def _who(text: str) -> list[tuple[str, str | None]]:
    """(first five words of each quotation, its speaker)."""
    return [(" ".join(q.text.split()[:5]), q.speaker) for q in _quotes(text)]


def _speaker_of(text: str, words: str) -> str | None:
    matches = [q for q in _quotes(text) if q.text.startswith(words)]
    assert len(matches) == 1, (words, _who(text))
    return matches[0].speaker


# -- 6 (a) continuation paragraphs ------------------------------------------------------------

CONTINUED_AFTER_SAID = (
    "“Freight rates have roughly halved since January,” said Tobias Renner, a shipping analyst "
    "at Kellmore Research in Hamburg.\n\n"
    "“Owners ordered too many vessels during the boom and the bill is now arriving.”\n\n"
    "Container lines fell across Europe on Tuesday."
)

CONTINUED_AFTER_QUOTED_AS_SAYING = (
    '"We are not planning any further price cuts this year," Ines Moreau, finance director of '
    "Valtre Foods, was quoted by a news agency as saying.\n\n"
    '"The promotions in the spring were a one-off."'
)

CONTINUED_AFTER_X_SAID = (
    "Grain traders expect another weak harvest. \"Yields in the south are the lowest in a "
    "decade,\" Pablo Ibarra of Suroeste Agro said.\n\n"
    "\"Unless it rains in the next fortnight, exports will have to be cut.\" The ministry has not "
    "commented."
)


def test_a_quotation_paragraph_without_attribution_continues_the_previous_speaker() -> None:
    assert _speaker_of(CONTINUED_AFTER_SAID, "Owners ordered") == "Tobias Renner"
    assert _speaker_of(CONTINUED_AFTER_QUOTED_AS_SAYING, "The promotions") == "Ines Moreau"
    assert _speaker_of(CONTINUED_AFTER_X_SAID, "Unless it rains") == "Pablo Ibarra"


def test_the_continued_speaker_keeps_title_and_organisation() -> None:
    later = [q for q in _quotes(CONTINUED_AFTER_SAID) if q.text.startswith("Owners")][0]
    assert later.title == "shipping analyst"
    assert later.organization == "Kellmore Research"


def test_a_paragraph_after_narration_is_not_continued_from_an_older_quotation() -> None:
    text = (
        "“Margins will recover,” said Tobias Renner of Kellmore Research.\n\n"
        "Shares in the group fell 4% after the results.\n\n"
        "“This is what a profit warning looks like, whatever they call it.”"
    )
    assert _speaker_of(text, "This is what") is None


# -- 6 (b) pronouns ---------------------------------------------------------------------------


def test_she_resolves_to_the_woman_not_to_the_man_named_later() -> None:
    text = (
        "Priyanka Mehra, who runs a credit fund at Banyan Ridge Capital, was more cautious than "
        "her colleague Arjun Kapoor. “Spreads do not pay you for the risk any more,” she said."
    )
    assert _speaker_of(text, "Spreads do not") == "Priyanka Mehra"


def test_he_resolves_to_the_man_not_to_the_woman_named_later() -> None:
    text = (
        "Lukas Brenner, a portfolio manager at Ostwald Invest, disagreed with Maria Olsen of "
        "Fjordvik Capital. “Banks are cheap for a reason,” he said."
    )
    assert _speaker_of(text, "Banks are cheap") == "Lukas Brenner"


def test_a_pronoun_never_resolves_to_a_company_or_product_named_in_between() -> None:
    text = (
        "Hannah Okoye, an analyst at Lyndhurst Securities, expects Samsung Electronics Co. to "
        "gain share as the Galaxy S25 sells well in India.\n\n"
        "“The mid-range is where the volume is,” she said."
    )
    assert _speaker_of(text, "The mid-range") == "Hannah Okoye"


def test_he_added_after_an_unattributed_gap_finds_the_last_man_named() -> None:
    text = (
        "Rafael Costa, head of trading at Lisboa Mercados, said volumes had dried up. "
        "Apple Inc. and Microsoft Corp. led the decline.\n\n"
        "“Nobody wants to be long into the data,” he added."
    )
    assert _speaker_of(text, "Nobody wants to") == "Rafael Costa"


# -- 6 (c) organisations speak ----------------------------------------------------------------


def test_a_firm_named_alone_speaks_in_its_own_name() -> None:
    text = ("Japanese brokers turned cautious. Nomura said the Topix had “run ahead of "
            "earnings” and cut its year-end target.")
    assert _speaker_of(text, "run ahead of") == "Nomura"


def test_according_to_the_brokerage_goes_to_the_broker_named_earlier() -> None:
    text = (
        "Brokerage Kestrel Broking upgraded the stock to buy on Monday. Margins “have bottomed "
        "and should widen through the next two years,” according to the brokerage."
    )
    assert _speaker_of(text, "have bottomed") == "Kestrel Broking"


def test_as_the_newspaper_reported_goes_to_the_newspaper() -> None:
    text = (
        "The Daily Ledger said the talks had stalled. As the newspaper reported, “neither side is "
        "willing to move on price before the summer.”"
    )
    assert _speaker_of(text, "neither side") == "The Daily Ledger"


def test_the_firm_said_goes_to_the_company_whose_shares_moved() -> None:
    text = (
        "Shares in Brackenfield rose 3% after the housebuilder reported record completions.\n\n"
        "The firm said: “Demand has held up well despite higher mortgage rates.”"
    )
    assert _speaker_of(text, "Demand has held") == "Brackenfield"


def test_the_company_is_not_a_firm_only_named_as_an_analysts_employer() -> None:
    text = (
        "Streamly Inc. executives took questions from Halden Partners analyst Rosa Lind on the "
        "call. “We will keep prices where they are this year,” the company wrote in a letter "
        "to shareholders."
    )
    assert _speaker_of(text, "We will keep") == "Streamly Inc."


# -- 6 (d) fragments inside a sentence --------------------------------------------------------


def test_a_fragment_belongs_to_the_sentences_subject() -> None:
    text = ("Trade minister Olga Varga vowed retaliatory tariffs “with no exemptions” on "
            "Wednesday.")
    assert _speaker_of(text, "with no exemptions") == "Olga Varga"


def test_the_analyst_said_the_quarter_was_a_mess() -> None:
    text = ("Daniel Achebe, an analyst at Kingsway Equity, cut his rating. The analyst said the "
            "quarter was “a mess” and that guidance looked stretched.")
    q = [q for q in _quotes(text) if q.text == "a mess"]
    assert q and q[0].speaker == "Daniel Achebe"


def test_what_the_company_calls_is_the_companys_words() -> None:
    text = ("Orlen Motors Ltd. unveiled a cheaper model. The company promises what it calls “a "
            "car for every driveway” by 2027.")
    assert _speaker_of(text, "a car for") == "Orlen Motors Ltd."


def test_calling_it_belongs_to_the_subject_with_a_title_before_the_name() -> None:
    text = ("Chief Executive Officer Mira Santos praised the partnership during a visit to "
            "Manila, calling it “indispensable.”")
    q = [q for q in _quotes(text) if q.text.startswith("indispensable")]
    assert q and q[0].speaker == "Mira Santos"
    assert q[0].title == "Chief Executive Officer"


def test_a_later_sentence_about_the_money_manager_refers_to_the_person() -> None:
    text = (
        "“Capacity is coming, but it takes years to pay off,” said Imran Qureshi, chief "
        "investment officer at Tollgate Capital.\n\n"
        "The money manager, who also owns shares in two chip designers, said buyers were betting "
        "on “whichever name shows up in the next earnings season.”"
    )
    assert _speaker_of(text, "whichever name") == "Imran Qureshi"


def test_a_rating_in_quotes_under_a_non_speech_verb_is_not_a_quotation() -> None:
    text = "Dunmore Retail rallied after Vantage Securities raised its rating to ‘buy’."
    assert _quotes(text) == []


def test_an_anonymous_speaker_keeps_a_short_quotation_without_a_name() -> None:
    text = "Management was ‘defensive’ on the call, one analyst revealed."
    q = _quotes(text)
    assert [(x.text, x.speaker) for x in q] == [("defensive", None)]


# -- 6 (e) statements and groups --------------------------------------------------------------


def test_the_statement_said_goes_to_the_company_that_issued_it() -> None:
    text = (
        "Quayside Energy plc said on Thursday it would close two refineries. “This decision was "
        "not taken lightly,” the statement said."
    )
    assert _speaker_of(text, "This decision was") == "Quayside Energy plc"


def test_quoted_as_saying_in_a_statement_goes_to_the_person() -> None:
    text = (
        "“We see no reason to change our dividend policy,” Helen Marsh, chair of Quayside Energy "
        "plc, was quoted as saying in a statement."
    )
    assert _speaker_of(text, "We see no reason") == "Helen Marsh"


def test_they_after_strategists_at_a_bank_goes_to_the_bank() -> None:
    text = (
        "Strategists at Ferrant Bank wrote in a note that European equities were too cheap to "
        "ignore.\n\n"
        "“The discount to the US has never been wider outside a recession,” they said."
    )
    assert _speaker_of(text, "The discount to") == "Ferrant Bank"


def test_the_strategists_said_goes_to_their_firm() -> None:
    text = (
        "Halvard Bank cut its view on UK equities to underweight. “The market has no growth "
        "exposure to speak of,” the strategists said."
    )
    assert _speaker_of(text, "The market has") == "Halvard Bank"


# -- 7 quote marks ----------------------------------------------------------------------------


def test_a_quotation_over_three_paragraphs_is_one_quotation() -> None:
    text = (
        "Clara Voss, chief economist at Redmark Bank, laid out the case in a note.\n\n"
        "“Inflation is falling faster than the central bank expected.\n\n"
        "“Wages are cooling, and rents have stopped rising.\n\n"
        "“We now expect three cuts this year,” she wrote.\n\n"
        "Bond yields fell."
    )
    found = _quotes(text)
    assert len(found) == 1, found
    q = found[0]
    assert q.text.startswith("Inflation is falling") and q.text.endswith("three cuts this year")
    assert q.speaker == "Clara Voss"


def test_a_straight_quoted_multi_paragraph_quotation_after_said_is_one() -> None:
    text = (
        '"The first cut is coming in June," said Clara Voss, chief economist at Redmark Bank. '
        '"Another will follow in September.\n\n'
        '"After that the path is much less clear."\n\n'
        "Bond yields fell."
    )
    found = _quotes(text)
    assert [q.speaker for q in found] == ["Clara Voss", "Clara Voss"]
    assert found[1].text.startswith("Another") and found[1].text.endswith("less clear.")


def test_doubled_apostrophes_are_quote_marks() -> None:
    text = ("Rahul Verma, senior analyst at Kestrel Broking, said ''the market is overheated "
            "and due for a pause'' after the rally.")
    q = _quotes(text)
    assert [(x.text, x.speaker) for x in q] == [
        ("the market is overheated and due for a pause", "Rahul Verma")]


def test_mixed_curly_and_straight_marks_make_one_pair() -> None:
    text = ('“Refiners have pricing power again," said Omar Farouk, an energy analyst at Delta '
            "Crest. “Margins doubled in a quarter.”")
    assert _who(text) == [("Refiners have pricing power again", "Omar Farouk"),
                          ("Margins doubled in a quarter.", "Omar Farouk")]


def test_a_colon_introduces_the_quotation_and_mr_without_a_full_stop() -> None:
    text = (
        "George Hollis, who chairs the Lendwell building society, expects rates to stay put.\n\n"
        "Mr Hollis said: “Savers have had a good two years and borrowers a bad one.”"
    )
    q = [q for q in _quotes(text) if q.text.startswith("Savers")]
    assert q and q[0].speaker == "George Hollis"


def test_a_quotation_holding_another_quotation_is_one() -> None:
    text = ('“When a client asks me \"is this the top?\" I tell them nobody rings a bell,” said '
            "Sophie Laurent of Baie Capital.")
    found = _quotes(text)
    assert len(found) == 1 and found[0].speaker == "Sophie Laurent"
    assert "is this the top?" in found[0].text and found[0].text.endswith("rings a bell")


def test_single_quotes_hold_double_quotes_in_uk_style() -> None:
    text = ("‘The board called it a “temporary pause” but nobody believes that,’ said Ruth "
            "Pennant, an analyst at Holloway Stockbrokers.")
    found = _quotes(text)
    assert len(found) == 1 and found[0].speaker == "Ruth Pennant"
    assert found[0].text.endswith("nobody believes that")


def test_possessive_title_apposition_uk_style() -> None:
    text = ("Tarnwood's chief executive, Alison Reeve, said: “We have never had a stronger order "
            "book.”")
    q = _quotes(text)[0]
    assert (q.speaker, q.title, q.organization) == ("Alison Reeve", "chief executive", "Tarnwood")


def test_a_title_before_the_name_is_the_title_not_the_name() -> None:
    text = "“We expect a record year,” Chief Executive Jane Halloway said on a call."
    q = _quotes(text)[0]
    assert q.speaker == "Jane Halloway" and q.title == "Chief Executive"


def test_name_and_comma_separated_title_and_firm_without_a_verb() -> None:
    text = (
        "“Markets clawed back their losses in the afternoon, led by banks,” Anil Desai, Head – "
        "Research, Peakstone Securities.\n\n"
        "“We expect the index to hold above its 50-day average,” he added."
    )
    assert _who(text) == [("Markets clawed back their losses", "Anil Desai"),
                          ("We expect the index to", "Anil Desai")]
    assert _quotes(text)[0].organization == "Peakstone Securities"


def test_according_to_name_with_a_title_and_firm_in_indian_style() -> None:
    text = (
        "According to Sunil Rao Vice President, Research, Peakstone Securities markets may stay "
        "in a range. “We suggest traders stick to large caps for now,” he said."
    )
    assert _speaker_of(text, "We suggest traders") == "Sunil Rao"


def test_said_without_a_colon_before_the_quotation() -> None:
    text = (
        "Meera Iyer, chief business officer, residential, Tamarind Homes, said “Redevelopment "
        "gives us land in places where nobody can build new towers.”"
    )
    assert _speaker_of(text, "Redevelopment gives") == "Meera Iyer"


def test_surname_attribution_finds_the_full_name_given_earlier_without_apposition() -> None:
    text = (
        "Ngozi Adeyemi, one of the loudest bond bears, has changed her mind. She now sees yields "
        "falling.\n\n"
        "“We were early, and early looks like wrong for a while,” said Adeyemi."
    )
    assert _speaker_of(text, "We were early") == "Ngozi Adeyemi"


@pytest.mark.parametrize("text", [
    "Investors piled into the so-called “Magnificent Seven” again on Monday.",
    "Dunmore Retail rallied after Vantage Securities raised its rating to “buy”.",
    "The ‘Remain’ campaign was gaining ground, bookmakers said.",
])
def test_scare_quotes_stay_out(text: str) -> None:
    assert _quotes(text) == []
