"""More kinds of attribution, seen in copy from outlets the engine was not tuned on: one test
for each kind, in the project's own words (invented people and firms)."""

from __future__ import annotations

import pytest
from tagkit import one as _one
from tagkit import quotes as _quotes
from tagkit import speaker_of as _speaker_of

# -- reporting verbs ------------------------------------------------------------------------------


@pytest.mark.parametrize("verb", [
    "analysed", "analyzed", "summarised", "summarizes", "mentioned", "opined", "asserted",
    "observes", "cautions", "concludes", "underlined", "reckons",
])
def test_more_reporting_verbs_after_the_quotation(verb: str) -> None:
    text = (f"\"Margins held up better than anyone on the desk expected,\" {verb} Lena Hart, a "
            "researcher at Pinecrest Securities.")
    quote = _one(text, "Margins held up")
    assert (quote.speaker, quote.title, quote.organization) == (
        "Lena Hart", "researcher", "Pinecrest Securities")


def test_a_reporting_verb_before_the_quotation() -> None:
    text = ("Lena Hart, a researcher at Pinecrest Securities, analysed, \"Every dip since June "
            "has been bought within a day or two.\"")
    assert _speaker_of(text, "Every dip") == "Lena Hart"


def test_summed_up_is_a_reporting_verb() -> None:
    text = "\"It was a quarter to forget for the miners,\" summed up Rafe Oduya of Tarn Partners."
    assert _speaker_of(text, "It was a quarter") == "Rafe Oduya"


def test_a_pronoun_points_to_a_surname_that_mentioned_something() -> None:
    text = ("Okafor mentioned that the chipmakers led the gains. He also highlighted the "
            "\"quiet comeback\" of the utilities.")
    assert _speaker_of(text, "quiet comeback") == "Okafor"


# -- a title in lower case between the verb and the name ------------------------------------------


@pytest.mark.parametrize(("attribution", "title", "org"), [
    ("says market analyst Jane Roe at Gullwing Index", "market analyst", "Gullwing Index"),
    ("said chief executive Jane Roe", "chief executive", None),
    ("says senior portfolio manager Jane Roe of Tagus Capital", "senior portfolio manager",
     "Tagus Capital"),
    ("said the head of research Jane Roe", "head of research", None),
])
def test_a_title_in_lower_case_before_the_name_after_the_verb(attribution: str, title: str,
                                                               org: str | None) -> None:
    text = f"\"The worst of the slowdown is probably behind us now,\" {attribution}."
    quote = _one(text, "The worst")
    assert (quote.speaker, quote.title, quote.organization) == ("Jane Roe", title, org)


# -- passive attributions -------------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["quoted", "cited", "reported"])
def test_a_name_was_quoted_or_cited_as_saying(verb: str) -> None:
    text = (f"\"We see no reason to change our guidance at this stage,\" Hartley was {verb} as "
            "saying in the note. \"Orders are still coming in.\"")
    assert _speaker_of(text, "We see no reason") == "Hartley"
    assert _speaker_of(text, "Orders are still") == "Hartley"


# -- quotations with no attribution of their own --------------------------------------------------


def test_a_quotation_after_a_sentence_where_a_named_person_speaks() -> None:
    text = ("Mina Sato, a strategist at Hollow Oak Securities, stressed the role of pension "
            "funds. \"Pension funds have been net buyers for nine sessions in a row.\"")
    quote = _one(text, "Pension funds")
    assert (quote.speaker, quote.title, quote.organization) == (
        "Mina Sato", "strategist", "Hollow Oak Securities")


def test_the_speaking_sentence_may_end_the_paragraph_before() -> None:
    text = ("Mina Sato, a strategist at Hollow Oak Securities, pointed out the gap in "
            "valuations.\n\n\"Small caps trade at their widest discount in a decade.\"")
    assert _speaker_of(text, "Small caps") == "Mina Sato"


def test_no_speaker_when_the_sentence_before_does_not_speak() -> None:
    text = ("Mina Sato joined Hollow Oak Securities in 2019 from a rival. \"Small caps trade at "
            "their widest discount in a decade.\"")
    assert _speaker_of(text, "Small caps") is None


def test_no_person_speaks_for_a_quotation_after_a_firm() -> None:
    text = ("Hollow Oak Securities said volumes were thin. \"Small caps trade at their widest "
            "discount in a decade.\"")
    assert _speaker_of(text, "Small caps") is None


def test_an_unattributed_paragraph_before_he_added_is_the_same_speaker() -> None:
    text = ("Tillbury Foods said Chief Executive Officer Mara Quinn had bought 20,000 shares.\n\n"
            "'I have never been more confident in our plan for the next three years.'\n\n"
            "'We are only at the start of what this business can do,' she added.")
    for words in ("I have never", "We are only"):
        quote = _one(text, words)
        assert (quote.speaker, quote.title) == ("Mara Quinn", "Chief Executive Officer")


def test_an_unattributed_paragraph_before_a_plain_said_stays_unattributed() -> None:
    text = ("The index closed at a record.\n\n"
            "\"Nobody on the floor expected a rally of this size before the budget.\"\n\n"
            "\"We trimmed our positions into the close,\" said Pavel Novak, a trader at Brisk "
            "Capital.")
    assert _speaker_of(text, "Nobody on the floor") is None


def test_a_quoted_headline_opening_with_a_name_is_that_persons() -> None:
    text = ("\"Ada Nwosu: miners can lead the index higher into the summer\"\n\n"
            "Hong Kong stocks opened firmer on Tuesday.")
    assert _speaker_of(text, "Ada Nwosu:") == "Ada Nwosu"


def test_a_quoted_headline_line_is_the_person_who_speaks_below_it() -> None:
    text = ("\"Property names rebound; market waits for the policy meeting\"\n\n"
            "The benchmark edged up in early trade. Wong Ka Ming, chief strategist at Harbour "
            "Crest Securities, told reporters that buyers had returned to developers.")
    assert _speaker_of(text, "Property names rebound") == "Wong Ka Ming"


# -- other styles ---------------------------------------------------------------------------------


def test_german_quote_marks_with_a_verb_and_a_title_after() -> None:
    text = ("„Orders from abroad have not turned yet, and they will not turn before spring,“ "
            "summarizes Karl Vogt, chief economist at Nordwall Bank. „Firms are holding back.“")
    for words in ("Orders from abroad", "Firms are holding"):
        quote = _one(text, words)
        assert (quote.speaker, quote.title, quote.organization) == (
            "Karl Vogt", "chief economist", "Nordwall Bank")


def test_a_video_script_names_the_speaker_on_a_line_before_the_stage_direction() -> None:
    text = ("3. SOUNDBITE (English) Gordon Pike, Harlow Bank Chief Economist:\n"
            "++PART OVERLAID WITH SHOTS 2 AND 4++\n"
            "\"Rates will stay higher for longer than the market has priced in so far.\"\n"
            "4. Traders at their desks")
    quote = _one(text, "Rates will stay")
    assert (quote.speaker, quote.title, quote.organization) == (
        "Gordon Pike", "Chief Economist", "Harlow Bank")


def test_a_digest_sentence_with_no_subject_speaks_for_the_paragraphs_firm() -> None:
    text = ("Harlow Group PLC, down 8% at 52 pence. Warns on annual profit after a weak autumn. "
            "Says it \"remains confident in the medium-term strategy despite the weak autumn\".")
    assert _speaker_of(text, "remains confident") == "Harlow Group PLC"


def test_a_clause_after_a_semicolon_is_not_the_quotations_attribution() -> None:
    text = ("Brisk Capital reiterated a buy after calling the new handset \"impressive\"; it "
            "added that margins could widen.")
    assert _speaker_of(text, "impressive") == "Brisk Capital"


@pytest.mark.parametrize("quoted", ["in line with the market", "outperform the industry"])
def test_a_rating_of_several_words_is_not_a_quotation(quoted: str) -> None:
    text = (f"The broker raised its rating on Harbour Crest from \"{quoted}\" to \"buy\" and "
            "lifted the target price.")
    assert _quotes(text) == []


def test_a_name_that_traders_refer_to_is_a_label() -> None:
    text = "Stocks rose in what many traders refer to as the \"summer lull rally\" this week."
    assert _quotes(text) == []


# -- more forms found while writing the above ----------------------------------------------------


def test_a_byline_after_a_dash_names_the_speaker() -> None:
    text = "\"Nobody rings a bell at the top of a market.\" – Ines Carvalho, CEO"
    quote = _one(text, "Nobody rings")
    assert (quote.speaker, quote.title) == ("Ines Carvalho", "CEO")


@pytest.mark.parametrize("lead", [
    "As Ines Carvalho put it:",
    "Ines Carvalho, head of equities at Lisboa Capital, put it bluntly:",
    "Ines Carvalho's advice:",
])
def test_a_lead_ending_in_a_colon_without_a_speech_verb(lead: str) -> None:
    text = f"{lead} \"Do not chase this rally into the summer months.\""
    assert _speaker_of(text, "Do not chase") == "Ines Carvalho"


def test_according_to_a_titled_name_before_a_fragment() -> None:
    text = ("According to Lisboa Capital's chief executive Ines Carvalho, the merger will "
            "\"transform the group\".")
    quote = _one(text, "transform the group")
    assert (quote.speaker, quote.title, quote.organization) == (
        "Ines Carvalho", "chief executive", "Lisboa Capital")


@pytest.mark.parametrize("verb", ["diagnosed", "evaluated", "viewed", "anticipated"])
def test_a_past_tense_verb_before_a_comma_and_the_quotation(verb: str) -> None:
    text = (f"Choi Min-seo, a researcher at Hanbit Securities, {verb}, \"The index will test "
            "its January high again this month.\"")
    assert _speaker_of(text, "The index will") == "Choi Min-seo"


def test_a_past_tense_verb_after_the_quotation_then_a_name() -> None:
    text = ("\"The index will test its January high again this month,\" prognosticated Choi "
            "Min-seo, a researcher at Hanbit Securities.")
    assert _speaker_of(text, "The index will") == "Choi Min-seo"


@pytest.mark.parametrize(("description", "title", "org"), [
    ("Head of Research at Vellar Broking", "Head of Research", "Vellar Broking"),
    ("President and CEO of Vellar Broking", "President and CEO", "Vellar Broking"),
    ("Vellar Broking's President and CEO", "President and CEO", "Vellar Broking"),
    ("Vellar Partners' chief economist", "chief economist", "Vellar Partners"),
    ("an economist at the Bank of Ruritania", "economist", "Bank of Ruritania"),
])
def test_titles_and_firms_described_after_the_name(description: str, title: str,
                                                     org: str) -> None:
    text = f"\"Volumes will stay thin until the budget,\" said Arjun Mehra, {description}."
    quote = _one(text, "Volumes will")
    assert (quote.speaker, quote.title, quote.organization) == ("Arjun Mehra", title, org)


def test_a_firm_in_the_plural_possessive_before_the_name() -> None:
    text = "Vellar Partners' Arjun Mehra said: \"Volumes will stay thin until the budget.\""
    quote = _one(text, "Volumes will")
    assert (quote.speaker, quote.organization) == ("Arjun Mehra", "Vellar Partners")


def test_a_name_with_two_particles() -> None:
    text = "\"Liquidity drives this market, nothing else,\" said Rosa de la Vega, a trader."
    assert _speaker_of(text, "Liquidity drives") == "Rosa de la Vega"


def test_a_title_in_lower_case_opens_a_script_line() -> None:
    text = ("UPSOUND (English) trader Ana Okoro, saying:\n"
            "\"Everyone is waiting for the jobs numbers on Friday.\"")
    quote = _one(text, "Everyone is waiting")
    assert (quote.speaker, quote.title) == ("Ana Okoro", "trader")


def test_its_title_before_a_name() -> None:
    text = "Its chief financial officer Ana Okoro said: \"We will keep the dividend unchanged.\""
    assert _speaker_of(text, "We will keep") == "Ana Okoro"


def test_the_company_is_the_firm_whose_shares_moved() -> None:
    text = ("Pellham Bio jumped 12% on Monday. The drugmaker said the trial met its goal and "
            "called the data \"clear and convincing\".")
    assert _speaker_of(text, "clear and convincing") == "Pellham Bio"


def test_a_verb_that_only_characterises_leaves_a_short_quote_a_label() -> None:
    text = "The latest survey suggests a \"soft landing\" is still within reach."
    assert _quotes(text) == []


def test_it_points_to_the_one_firm_named_nearer_than_the_sentences_subject() -> None:
    text = ("Retail names led the fallers, with Harbury Stores close behind after it warned of "
            "\"a difficult year ahead\".")
    assert _speaker_of(text, "a difficult year") == "Harbury Stores"


def test_a_speech_verb_in_the_infinitive() -> None:
    text = ("Harbury Stores made no comment on the bid, except to note that it had received "
            "\"a number of approaches over the year\".")
    assert _speaker_of(text, "a number of approaches") == "Harbury Stores"
    assert _quotes("Tariffs threaten to add \"significant\" costs for importers.") == []


def test_a_short_single_quoted_label_beside_words_in_double_quotes() -> None:
    text = ("Wen Jiahui, an analyst at Pearl River Securities, said ‘platform’ stocks “would "
            "lead the market for the rest of the month”.")
    assert [q.text for q in _quotes(text)] == ["would lead the market for the rest of the month"]
    headline = "Ozaki Says Demand ‘Still Outruns Supply’ as Sales Rise"
    assert [q.text for q in _quotes(headline)] == ["Still Outruns Supply"]
