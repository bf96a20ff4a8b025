"""Kinds of attribution that market copy writes and the first engine missed: one test for each
kind, in the project's own words (invented people and firms)."""

from __future__ import annotations

import pytest
from tagkit import one as _one
from tagkit import quotes as _quotes
from tagkit import speaker_of as _speaker_of

# -- quoted spans that are not quotations ---------------------------------------------------------


def test_a_quote_after_titled_is_the_name_of_a_report() -> None:
    text = ("Brackwater Securities issued a note titled \"Slow burn, then a bonfire,\" saying "
            "that \"margins have further to fall before they recover.\"")
    assert [q.text for q in _quotes(text)] == ["margins have further to fall before they recover."]


def test_a_long_title_case_name_of_a_plan_is_not_a_quotation() -> None:
    text = ("At the annual briefing the chairman said he would present the \"Strategy for an "
            "Open and Deeper Bond Market\" to members next week.")
    assert _quotes(text) == []


def test_a_description_led_by_an_acronym_is_words_not_a_name() -> None:
    text = ("Piet Vermeulen, a strategist at Dijkstra Research, called the rally another "
            "\"AI-driven\" burst that would not last.")
    assert _speaker_of(text, "AI-driven") == "Piet Vermeulen"


# -- subjects a verb shares or a clause hides -----------------------------------------------------


def test_a_verb_after_and_or_but_shares_the_subject_of_the_verb_before() -> None:
    text = ("OSLO (Nordwire) - Fjellheim ASA on Monday said orders were steady but believes "
            "that a new chairman is \"the right step for the group\".")
    assert _speaker_of(text, "the right step") == "Fjellheim ASA"
    text = ("Brokerage Tallis Partners kept its rating. The brokerage said volumes had slipped "
            "but added that \"pricing power is intact and should last into next year.\"")
    assert _speaker_of(text, "pricing power") == "Tallis Partners"


def test_participles_and_characterising_verbs_quote_their_subject() -> None:
    text = ("Minister Olaf Brandt accused the exporters of \"reckless\" pricing, stating that "
            "\"the rules apply to everyone, large or small.\"")
    assert _speaker_of(text, "reckless") == "Olaf Brandt"
    assert _speaker_of(text, "the rules apply") == "Olaf Brandt"
    text = "Renate Kopp, who runs Kopp Advisory, dismissed the bounce as a \"dead-cat\" move."
    assert _speaker_of(text, "dead-cat") == "Renate Kopp"


def test_a_relative_clause_ending_in_a_time_word_still_points_to_the_name() -> None:
    text = ("Ilse Marten, the former finance director of Grauwerk, whose move to Holtz Energie "
            "was announced last week, admitted: \"I have a lot to learn about utilities.\"")
    assert _speaker_of(text, "I have a lot") == "Ilse Marten"


def test_a_fragment_then_an_apposition_before_said() -> None:
    text = ("The board is \"fully behind\" the takeover, Lindqvist, who became chairman in "
            "2021, said on Friday.")
    assert _speaker_of(text, "fully behind") == "Lindqvist"


# -- who the subject is ---------------------------------------------------------------------------


def test_a_sentence_opener_is_not_part_of_the_name() -> None:
    text = ("Henrik Aalto, chief executive of Kuusi Foods, spoke to investors. But Aalto said "
            "the chain had \"cut costs hard\" this year.")
    assert _speaker_of(text, "cut costs hard") == "Henrik Aalto"


def test_boss_before_a_name_is_a_title() -> None:
    text = "Boss Greta Lind said: \"We will keep paying the dividend.\""
    assert _speaker_of(text, "We will keep") == "Greta Lind"


def test_a_name_at_a_firm_speaks_as_the_person() -> None:
    text = "Tobias Frei at Aarberg Securities said:\n\n\"The sell-off has further to run.\""
    quote = _one(text, "The sell-off")
    assert (quote.speaker, quote.organization) == ("Tobias Frei", "Aarberg Securities")


def test_a_role_before_the_name_in_apposition() -> None:
    text = ("Velloro Systems President and CEO, Dana Whitcombe, stated, \"Our subscription "
            "revenue grew faster than we planned.\"")
    quote = _one(text, "Our subscription")
    assert (quote.speaker, quote.title, quote.organization) == (
        "Dana Whitcombe", "President and CEO", "Velloro Systems")


def test_a_capitalised_title_of_a_firm_is_not_a_person() -> None:
    text = ("Marcus Ohlin, CEO of Stavby, said sales were \"softer than hoped\" in the spring.\n\n"
            "\"Footfall recovered in June, but too late for the quarter,\" he said.")
    quote = _one(text, "Footfall recovered")
    assert (quote.speaker, quote.title, quote.organization) == ("Marcus Ohlin", "CEO", "Stavby")


def test_a_title_in_lower_case_before_the_name_after_a_clause_word() -> None:
    text = ("The shares fell 6% after chief executive Noor Haddad warned of a \"bumpy second "
            "half\".")
    assert _speaker_of(text, "bumpy second half") == "Noor Haddad"


def test_a_firm_in_apposition_after_its_description() -> None:
    text = ("The index slipped 0.4%, or 12 points, to 3,410, after the region's largest grocer, "
            "Hallmark Stores, said it faced a \"very tough year\".")
    assert _speaker_of(text, "very tough year") == "Hallmark Stores"


def test_a_firm_described_by_what_it_does_keeps_its_whole_name() -> None:
    text = ("Data provider Corvane Market Investor raised its outlook, expecting profit to be "
            "\"well\" ahead of forecasts.")
    assert _speaker_of(text, "well") == "Corvane Market Investor"


@pytest.mark.parametrize(("subject", "speaker"), [
    ("The Finance Ministry", "The Finance Ministry"),
    ("Ruritania's finance ministry", "Ruritania's finance ministry"),
    ("Ruritania's central bank", "Ruritania's central bank"),
    ("Regulators", None),
])
def test_public_bodies_speak_as_written_and_crowds_are_anonymous(subject: str,
                                                                 speaker: str | None) -> None:
    text = f"{subject} said the currency's moves were \"one-sided and speculative.\""
    assert _speaker_of(text, "one-sided") == speaker


def test_it_is_the_firm_its_sentence_opens_with() -> None:
    text = ("Ostrava Metals reported higher output. Kelvar edged up after backing its guidance "
            "as it said orders held up, citing \"resilient\" demand.")
    assert _speaker_of(text, "resilient") == "Kelvar"


def test_shares_in_a_firm_make_the_firm_the_subject() -> None:
    text = ("Shares in Brantwood were down 4% despite hailing a \"record year\" for its DIY "
            "stores.")
    assert _speaker_of(text, "record year") == "Brantwood"


# -- organisations named another way --------------------------------------------------------------


def test_an_abbreviation_defined_paragraphs_earlier_is_expanded() -> None:
    # paragraphs far from any quotation are not scanned for firms; the definition of the
    # abbreviation is still looked up in the whole text
    text = (
        "Harwell Leisure & Resorts Ltd (HLRL) reported a loss for the quarter.\n\n"
        "Revenue halved from a year earlier, HLRL said.\n\n"
        "Costs were cut across its sites.\n\n"
        "Occupancy is recovering. \"Bookings for the winter are ahead of last year,\" the "
        "company said.\n\n"
        "HLRL shares rose 2%."
    )
    assert _speaker_of(text, "Bookings for") == "Harwell Leisure & Resorts Ltd"


def test_a_clipped_form_of_a_firm_named_earlier_is_the_firm() -> None:
    text = ("Banque Lemaire downgraded the stock to hold.\n\n\"We see little upside from "
            "here,\" BanLem said.")
    assert _speaker_of(text, "We see little") == "Banque Lemaire"


def test_the_firm_after_named_analysts_is_their_firm() -> None:
    text = ("Calder Wynn analysts upgraded the shares to outperform.\n\n\"Demand is running "
            "ahead of supply,\" the firm wrote.")
    assert _speaker_of(text, "Demand is running") == "Calder Wynn"


# -- forms of attribution -------------------------------------------------------------------------


def test_reported_someone_as_saying() -> None:
    text = ("\"We are not selling the newsroom,\" a wire service has reported Ashworth as "
            "saying.\n\n\"It is part of what we are.\"")
    assert _speaker_of(text, "We are not selling") == "Ashworth"
    assert _speaker_of(text, "It is part") == "Ashworth"


@pytest.mark.parametrize("mark", [":", ","])
def test_according_to_a_name_with_title_and_firm(mark: str) -> None:
    text = (f"According to Priya Nair, Senior Analyst at Kestrel Wealth{mark} \"Banks may lead "
            "the next leg of the rally.\"")
    assert _speaker_of(text, "Banks may lead") == "Priya Nair"


def test_name_title_and_firm_listed_before_said() -> None:
    text = ("Commenting on the quarter, Arvind Rao, MD & CEO, Sahyadri Finance said, "
            "\"Collections were the best in two years.\"")
    assert _speaker_of(text, "Collections were") == "Arvind Rao"


def test_a_paragraph_opening_with_a_bullet_continues_the_quotation_before() -> None:
    text = ("** \"Demand for credit is recovering,\" Corran Ratings said in a note.\n\n"
            "** \"But any easing will be gradual, given the lenders' thin capital.\" ** The "
            "index fell.")
    assert _speaker_of(text, "But any easing") == "Corran Ratings"


# -- pronouns -------------------------------------------------------------------------------------


def test_he_never_points_to_a_name_inside_a_quotation() -> None:
    text = ("Oskar Lind, head of trading at Vesterhavn Bank, said it was \"too easy to blame "
            "Harold Brennan for the sell-off\".\n\n"
            "\"Rates and oil did more of the damage,\" he said.")
    assert _speaker_of(text, "Rates and oil") == "Oskar Lind"


def test_a_firm_in_the_possessive_before_a_title_is_not_a_person() -> None:
    text = ("Daniel Hoff is rarely with the crowd. Last year the veteran, now Morgan Keller's "
            "chief strategist, argued that a slowdown was coming, which he labelled \"the "
            "long chill\".")
    assert _speaker_of(text, "the long chill") == "Daniel Hoff"


def test_he_points_to_who_spoke_not_to_a_firm_that_looks_like_a_name() -> None:
    text = ("Wexley noted that Harvey Cole and Ruby Lane have risen for five sessions. "
            "\"The leaders are pulling the rest along,\" he said.")
    assert _speaker_of(text, "The leaders are") == "Wexley"
