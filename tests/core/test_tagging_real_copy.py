"""Entities as real market copy writes them (issue 12): every listed company by name, the
market's shorthand for indexes, a name with its own ticker, odd capitals, common-word names in
market context, and the traps that precision needs. Quotations: test_quotations_real_copy.py.

The sentences are the project's own, in the styles the issue describes; company names and
symbols are facts.
"""

from __future__ import annotations

import pytest
from tagkit import names, tagged

from briefing.core.tagging import tag_text


def listings(text: str) -> dict[str, tuple[str, ...]]:
    """Each tagged entity's listings, by the first text it was found as."""
    return {e.mentions[0].text: e.listings for e in tag_text(text).entities}





# -- 1. small and mid caps by name, in every market --------------------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("In Tokyo, Lasertec dropped 6% after its order book thinned for a second quarter.",
     "6920.T"),
    ("Heat-pump maker NIBE Industrier slid 7% in Stockholm on a weaker outlook.", "NIBE-B.ST"),
    ("Mediobanca gained 2.1% in Milan as bids for the lender were weighed.", "MB.MI"),
    ("Embraer jumped 9% in Sao Paulo after landing a regional-jet order.", "EMBR3.SA"),
    ("Equipment renter Ashtead fell 4% after trimming its rental growth forecast.", "AHT.L"),
    ("Homebuilders rallied, with D.R. Horton up 3.4% and Toll Brothers adding 2.9%.", "DHI"),
    ("Homebuilders rallied, with D.R. Horton up 3.4% and Toll Brothers adding 2.9%.", "TOL"),
    ("Cannabis producer Canopy Growth sank 12% after another write-down.", "WEED.TO"),
])
def test_small_and_mid_caps_by_name(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


@pytest.mark.parametrize(("text", "symbol"), [
    ("Ferrexpo slid 6% as iron ore prices fell for a third day.", "FXPO.L"),  # Swiss office
    ("Sylvania Platinum rose 3% after a record quarter of output.", "SLP.L"),  # Bermuda
    ("Avance Gas jumped 5% in Oslo as freight rates climbed.", "AGAS.OL"),
])
def test_companies_incorporated_offshore_by_name_where_they_list(text: str,
                                                                 symbol: str) -> None:
    assert symbol in tagged(text)


@pytest.mark.parametrize("month", ["May", "August", "June"])
def test_a_month_ending_a_sentence_is_no_first_name_for_the_next(month: str) -> None:
    assert "XPEV" in tagged(f"Deliveries fell in {month}. Xpeng slid 5.2% in Hong Kong.")
    assert "XPEV" not in tagged(f"The fund is run by {month} Xpeng, who joined in 2020.")


def test_a_title_naming_london_outweighs_an_aside_about_hong_kong() -> None:
    result = tag_text(
        "FTSE 100 rises as retailers rally\n\nThe FTSE 100 rose 0.4% on Thursday as Ocado gained "
        "3% and a run of upbeat festive trading updates lifted the rest of the high street, from "
        "clothing chains to bakeries. Brokers said retail parks had done better than city "
        "centres, where train strikes kept many shoppers at home in the last weeks of the "
        "year.\n\n"
        "\"Asian stocks did well overnight. Hong Kong's Hang Seng was up 0.9%, and the Hang "
        "Seng is at its highest since October,\" said one analyst.")
    assert result.region == "UK"


def test_indian_companies_from_the_exchange_list_by_name() -> None:
    found = tagged("Jupiter Wagons surged 8% while Poonawalla Fincorp and Data Patterns "
                   "gained up to 4% on the NSE.")
    assert {"JWL.NS", "POONAWALLA.NS", "DATAPATTNS.NS"} <= found


def test_sec_conformed_names_read_as_the_company_writes_them() -> None:
    found = {e.listings[0]: e.name for e in tag_text(
        "D.R. Horton and W.W. Grainger both beat forecasts; J.M. Smucker missed.").entities}
    assert found.get("DHI", "").startswith("D.R. Horton")
    assert found.get("GWW", "").startswith("W.W. Grainger")


# -- 2. the market's shorthand for indexes ------------------------------------------------------


def test_nasdaq_alone_in_a_market_wrap_is_the_composite() -> None:
    text = ("Wall Street ended higher: the S&P 500 rose 0.8% and the Nasdaq climbed 1.4%, "
            "while the Dow added 120 points.")
    found = tagged(text)
    assert {"^GSPC", "^IXIC", "^DJI"} <= found
    assert "NDAQ" not in found and "DOW" not in found


def test_dow_in_a_list_of_index_moves_is_the_average_not_dow_inc() -> None:
    found = tagged("The Dow fell 0.4%, the S&P 500 slipped 0.2% and the Nasdaq was flat.")
    assert "^DJI" in found and "DOW" not in found


@pytest.mark.parametrize(("text", "symbol"), [
    ("Hang Seng slipped 1.2% as property developers extended losses.", "^HSI"),
    ("The Nikkei closed 0.9% higher, led by exporters.", "^N225"),
    ("The broader Topix gained 0.5%.", "^TOPX"),
    ("The Sensex shed 300 points while the Nifty ended 0.6% lower.", "^BSESN"),
    ("The Sensex shed 300 points while the Nifty ended 0.6% lower.", "^NSEI"),
    ("The Footsie closed up 0.7% as miners rallied.", "^FTSE"),
    ("The pan-European STOXX 600 eased 0.3% by the close.", "^STOXX"),
])
def test_index_shorthand(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


@pytest.mark.parametrize(("text", "symbol"), [
    ("Tokyo tracked the tech-heavy U.S. Nasdaq index's overnight advance.", "^IXIC"),
    ("With the NASDAQ index now down 1.1% on the day, chip stocks led losses.", "^IXIC"),
    ("The Nasdaq surging to yet another record high lifted Asian tech names.", "^IXIC"),
    ("The German Dax rose by 0.1% and the French CAC jumped by 0.4%.", "^GDAXI"),
    ("The German Dax rose by 0.1% and the French CAC jumped by 0.4%.", "^FCHI"),
    ("Germany's Dax and Spain's Ibex drifted lower into the close.", "^GDAXI"),
])
def test_an_index_named_short_with_the_words_that_make_it_one(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


@pytest.mark.parametrize(("text", "absent"), [
    ("Apple rose after a report from Japan's Nikkei said iPhone output would rise.", "^N225"),
    ("The ChiNext tracks China's Nasdaq-style board of growth companies.", "^IXIC"),
    ("The broader S&P BSE Smallcap index hit a fresh record high.", "^GSPC"),
    ("Actor Dax Shepard said the podcast would go on.", "^GDAXI"),
])
def test_index_words_that_do_not_make_an_index(text: str, absent: str) -> None:
    assert absent not in tagged(text)


def test_the_benchmark_once_named_is_a_mention_of_it() -> None:
    text = ("The Hang Seng Index fell 1.1% on Tuesday. The benchmark has lost 6% this month.")
    index = next(e for e in tag_text(text).entities if e.listings[0] == "^HSI")
    assert [m.text for m in index.mentions] == ["Hang Seng Index", "benchmark"]


def test_sector_moves_in_a_wrap_are_the_sp500_sector_indexes() -> None:
    text = ("Of the 11 S&P 500 sector indexes, eight rose, led by utilities, up 1.8%, while "
            "energy lost 0.9%.")
    found = tagged(text)
    assert {"^SP500-55", "^SP500-10"} <= found


def test_a_sector_word_outside_a_sector_list_is_a_word() -> None:
    found = tagged("The utilities regulator said energy bills would fall this winter.")
    assert not {s for s in found if s.startswith("^SP500-")}


# -- 3. a name followed by its own ticker -------------------------------------------------------


@pytest.mark.parametrize(("text", "symbol"), [
    ("Netflix (NFLX) rose 3% after subscriber numbers beat forecasts.", "NFLX"),
    ("Wipro (WIT) slipped 1% in New York trading.", "WIT"),
    ("Target (TGT) cut its outlook for the holiday quarter.", "TGT"),
    ("Block (NYSE: XYZ) said payments volume grew 9%.", "XYZ"),
])
def test_a_name_with_its_own_ticker_after_it(text: str, symbol: str) -> None:
    found = tag_text(text).entities
    entity = next(e for e in found if symbol in e.listings)
    assert entity.listings[0] == symbol
    assert {m.why for m in entity.mentions} >= {"symbol"}


@pytest.mark.parametrize(("text", "symbol"), [
    ("Nvidia stock fell 0.8%, TSLA 1.8% and Amazon 2%. GOOGL stock sank 2.5%.", "TSLA"),
    ("Nvidia stock fell 0.8%, TSLA 1.8% and Amazon 2%. GOOGL stock sank 2.5%.", "GOOGL"),
    ("PANW stock is in the software ETF, and ANET stock in the networking one.", "PANW"),
    ("PANW stock is in the software ETF, and ANET stock in the networking one.", "ANET"),
    ("Caterpillar beat forecasts, and CAT stock rose 4% at the open.", "CAT"),
])
def test_a_bare_ticker_in_a_stock_column(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


def test_a_short_name_written_out_longer_is_still_weighed_as_the_company() -> None:
    # "Comer" alone is a surname; "Comer Industries fell" is the company, moving
    found = tagged("In Milan, Fidia slipped while Comer Industries fell 2.7% on weaker orders.")
    assert "COM.MI" in found


@pytest.mark.parametrize(("text", "absent"), [
    ("IT shares fell in Mumbai as the rupee firmed.", "IT"),
    ("AI stock valuations worried the fund manager.", "AI"),
    ("IPO shares of the lender priced at the top of the range.", "IPO"),
    ("NVDA STOCK FALLS 3% AS CHIP CURBS BITE", "NVDA"),
])
def test_capitals_before_stock_that_are_not_a_ticker_here(text: str, absent: str) -> None:
    assert absent not in tagged(text)


# -- 4. case -------------------------------------------------------------------------------------


def test_names_written_in_capitals_by_broker_roundups() -> None:
    found = tagged("GLENCORE: Jefferies raises to buy from hold. BARCLAYS: UBS cuts target.")
    assert {"GLEN.L", "BARC.L"} <= found


def test_names_capitalised_word_by_word() -> None:
    found = tagged("Arcelormittal and Unicredit led the gainers in Europe.")
    assert {"MT.AS", "UCG.MI"} <= found


def test_a_small_caps_name_capitalised_word_by_word() -> None:
    assert "VIKASECO.NS" in tagged("Vikas Ecotech jumped 9% on a fresh order win.")


def test_case_still_separates_a_company_from_a_word() -> None:
    assert "AAPL" not in tagged("She bought an apple and a pear on the way home.")


# -- 5. common-word names in market context -------------------------------------------------------


@pytest.mark.parametrize(("text", "symbols"), [
    ("Megacaps such as Nvidia, Meta and Netflix led the rebound.", {"NVDA", "META", "NFLX"}),
    ("Infosys and Wipro slipped about 1% each in Mumbai.", {"INFY.NS", "WIPRO.NS"}),
    ("Target shares fell 5% after the retailer cut its forecast.", {"TGT"}),
    ("Apple added 2.3% and Amazon rose 1.1% on Tuesday.", {"AAPL", "AMZN"}),
])
def test_common_word_names_in_market_context(text: str, symbols: set[str]) -> None:
    assert symbols <= tagged(text)


@pytest.mark.parametrize(("text", "absent"), [
    ("Apple growers in Washington expect a smaller harvest after a late frost.", "AAPL"),
    ("Loggers have cleared another stretch of the Amazon rainforest, officials said.", "AMZN"),
    ("Michael Dell said on Tuesday that he would keep his stake.", "DELL"),
    ("Warren Buffett, the Oracle of Omaha, spoke for six hours.", "ORCL"),
    ("Target practice at the range was cancelled because of the storm.", "TGT"),
])
def test_traps_that_precision_needs(text: str, absent: str) -> None:
    assert absent not in tagged(text)


# -- 8. precision traps seen in real copy ---------------------------------------------------------


def test_a_chief_executive_named_like_a_company_is_a_person() -> None:
    found = tagged("Chairman N. Chandrasekaran and Noel Tata attended; Tata said little.")
    assert "TMPV.NS" not in found


def test_a_longer_name_that_begins_with_a_listed_one_is_not_it() -> None:
    found = tagged("VodafoneThree said it would spend more on its network, and Vodafone Idea "
                   "raised fresh funds.")
    assert "VOD.L" not in found


def test_a_group_company_is_not_the_flagship() -> None:
    found = tagged("Mahindra Lifespace Developers rose 4% after selling its Pune project.")
    assert "M&M.NS" not in found


def test_an_exchange_code_in_a_ticker_form_is_not_the_exchange() -> None:
    found = tagged("Pilbara Minerals (ASX: PLS) said lithium output rose.")
    assert "ASX.AX" not in found


def test_republic_inside_a_country_name_is_not_a_company() -> None:
    found = tagged("Exports from the Czech Republic and the Republic of Korea rose in May.")
    assert "RSG" not in found


def test_a_legal_suffix_never_makes_a_generic_word_a_name() -> None:
    found = tagged("Bluewater Capital Partners, LLC filed a Form D for its third fund.")
    assert "PGHN.SW" not in found


# -- 9. markets beyond the US and Europe ----------------------------------------------------------


def test_indian_report_with_small_caps_and_index_shorthand() -> None:
    text = ("Among small caps, Balaji Telefilms and Olectra Greentech rose 5% each, while the "
            "BSE Smallcap index gained 0.8% and the Nifty ended flat.")
    found = tagged(text)
    assert {"BALAJITELE.NS", "OLECTRA.NS", "^NSEI"} <= found
    assert "BSE.NS" not in found
    assert any("smallcap" in n.lower() for n in names(text))


def test_korean_report_names_kospi_companies_and_brokers() -> None:
    text = ("The KOSPI rose 1.1%, with Hanwha Aerospace up 4% and SK hynix up 2%, said an "
            "analyst at Kiwoom Securities.")
    found = tagged(text)
    assert {"^KS11", "012450.KS", "000660.KS", "039490.KS"} <= found


@pytest.mark.parametrize("text", [
    "The Dow rose a little, while the S&P 500 and Nasdaq both slipped in late trade.",
    "Nasdaq and Dow futures were lower before the jobs report.",
])
def test_a_short_index_name_beside_another_index_is_the_index(text: str) -> None:
    found = tagged(text)
    assert "^IXIC" in found and "NDAQ" not in found


def test_the_exchange_operator_named_alone_stays_the_company() -> None:
    found = tagged("Nasdaq reported record listings revenue for the quarter.")
    assert "^IXIC" not in found


@pytest.mark.parametrize(("text", "symbol"), [
    ("The first pick on the list is a Goldman-backed marketing group.", "GS"),
    ("Snap gained 3%, while Facebook-parent Meta rose 2%.", "META"),
    ("A Tencent-owned studio topped the download charts.", "0700.HK"),
])
def test_a_firm_named_in_an_ownership_compound_is_tagged(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


def test_a_hyphenated_word_that_only_begins_with_a_name_is_not_tagged() -> None:
    assert "META" not in tagged("A meta-analysis of the trials found no effect.")


def test_a_curated_large_cap_the_data_gives_no_size_is_weighed_as_large() -> None:
    # Disco Corp. (6146.T): FinanceDatabase has no market cap for it; as a small cap, its
    # everyday-word name fell just short with a price move and a figure beside it.
    assert "6146.T" in tagged("Disco fell 8.5% in Tokyo after its forecast disappointed.")


@pytest.mark.parametrize(("text", "symbol"), [
    ("Shares of chipmaker Disco rose 3% in afternoon trade.", "6146.T"),
    ("Cruise owner Carnival and publisher Pearson fell in a weak market.", "CCL"),
])
def test_a_company_word_right_before_an_everyday_name_makes_it_the_company(
        text: str, symbol: str) -> None:
    assert symbol in tagged(text)


def test_the_company_word_must_be_right_before_the_name() -> None:
    assert "CCL" not in tagged("The company hired a carnival for its staff party.")


def test_the_nikkei_expected_to_set_new_highs_is_the_index() -> None:
    assert "^N225" in tagged("We can expect the Nikkei to set new highs next week.")


@pytest.mark.parametrize(("text", "symbol"), [
    ("On the Ftse Mib, which closed up 1%, banks led the gains.", "FTSEMIB.MI"),
    ("The broader SBF 120 rose 0.6% in Paris.", "^SBF120"),
    ("The Swiss Performance Index added 0.8%.", "^SSHI"),
    ("Xpeng Motors delivered 10,412 cars in September.", "XPEV"),
    ("HTC shares jumped 9% in Taipei after the headset launch.", "2498.TW"),
])
def test_more_index_and_company_spellings(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


@pytest.mark.parametrize("text", [
    "Around the region, MSCI's Asia ex-Japan stock index was weaker by 1.2 per cent.",
    "The S&P mid-cap and small-cap indexes also climbed.",
])
def test_an_index_provider_named_for_its_index_family_is_not_the_company(text: str) -> None:
    found = tagged(text)
    assert "MSCI" not in found and "SPGI" not in found


def test_an_index_provider_in_the_news_itself_is_the_company() -> None:
    assert "MSCI" in tagged("MSCI shares fell 3% after its quarterly results.")


@pytest.mark.parametrize(("text", "symbol"), [
    ("\"Investors are cautious,\" said Shigetoshi Kamada, general manager at Tachibana "
     "Securities. Kamada expects more downgrades.", "KMDA"),
    ("\"Luxury has become a safe haven,\" notes Ilana Azuelos-Bossard, deputy director at "
     "Kiplink Finance.", "BOSN.SW"),
])
def test_a_surname_before_a_persons_title_is_no_company(text: str, symbol: str) -> None:
    assert symbol not in tagged(text)


def test_a_double_barrelled_company_name_still_counts() -> None:
    assert "MAERSK-B.CO" in tagged("A.P. Moeller-Maersk A/S fell 2.4% in Copenhagen.")


def test_an_index_only_form_on_the_exchange_is_the_index() -> None:
    assert "^IXIC" in tagged("Asian chip stocks rose after a 1% rise on the tech-heavy Nasdaq "
                             "overnight.")
    assert "^IXIC" not in tagged("The software maker will list its shares on the Nasdaq.")


def test_nasdaq_after_the_dow_written_out_is_the_composite() -> None:
    found = tagged("The Dow Jones Industrial Average and Nasdaq climbed 0.3% and 1.3%.")
    assert {"^DJI", "^IXIC"} <= found and "NDAQ" not in found


@pytest.mark.parametrize(("text", "symbol"), [
    ("Watch and calculator maker Casio was the Nikkei's biggest gainer, up 8%.", "6952.T"),
    ("Gold miners fell, with Shandong Gold down 3.1% in Shanghai.", "600547.SS"),
    ("Leading advancers included Contemporary Amperex, up 7.6%, and Sungrow Power.",
     "300750.SZ"),
    ("Ferry operator DFDS fell 3% after its second profit warning of the year.", "DFDS.CO"),
])
def test_a_name_without_the_trade_word_it_ends_with(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


def test_shanghai_codes_as_mainland_outlets_write_them() -> None:
    found = tagged("Gold miners retreated, with Chifeng Jilong Gold Mining (600988.SH) and "
                   "Shandong Gold (600547.SH) down about 3%.")
    assert {"600988.SS", "600547.SS"} <= found
    assert not tagged("Turnover at AB.SH and the rest was thin.")


def test_a_dateline_in_capitals_names_the_market() -> None:
    result = tag_text("TORONTO — Canada's main stock index rose on Tuesday as Suncor Energy "
                      "gained 2% and Cenovus Energy added 1.5% on the TSX.")
    assert result.region == "CA"
    assert {e.name: e.listings[0] for e in result.entities}.get(
        "Suncor Energy Inc.", "").endswith(".TO")


def test_a_market_that_leads_twice_over_is_the_texts_even_among_many() -> None:
    """A London broker round-up that also names a US, a Canadian and two continental
    brokers is still about London: 'Prudential' there is Prudential plc."""
    text = ("Broker round-up\n\nAviva: Barclays reiterates equal weight.\nHiscox: Citigroup "
            "cuts to neutral.\nPrudential: JPMorgan upgrades to overweight.\nGSK: Berenberg "
            "reiterates hold.\nMarshalls: Canaccord Genuity cuts to hold.\neasyJet: Kepler "
            "Cheuvreux downgrades to reduce.\nCraneware: Panmure Liberum reiterates buy.")
    assert "PRU.L" in tagged(text)


def test_sector_moves_in_a_toronto_wrap_are_not_the_sp500_sectors() -> None:
    text = ("TORONTO — The S&P/TSX composite index rose 0.6%, led by the energy sector, which "
            "gained 2.1%, while the materials sector slipped 0.4%. In New York the S&P 500 "
            "edged up 0.1%.")
    assert not {"^SP500-10", "^SP500-15"} & tagged(text)


def test_hong_kongs_tech_index_by_its_short_name() -> None:
    found = tagged("The Hang Seng Index fell 1.3% by the close. The Tech Index retreated 2.4 "
                   "per cent as Alibaba slid.")
    assert "HSTECH.HK" in found
    assert "HSTECH.HK" not in tagged("The Tech Index of the Nasdaq fell 2.4 per cent.")


@pytest.mark.parametrize(("text", "symbol"), [
    ("The pubs group Marston’s fell 7.7 per cent after warning on profits.", "MARS.L"),
    ("CATL narrowly overtook Industrial & Commercial Bank of China by market value.",
     "1398.HK"),
    ("SYDNEY — Australian shares slipped. IAG Group shares dropped 2.1 per cent after the "
     "insurer raised its estimate of storm claims on the ASX.", "IAG.AX"),
])
def test_names_as_outlets_spell_them(text: str, symbol: str) -> None:
    assert symbol in tagged(text)


def test_iag_in_a_london_report_is_the_airline_group() -> None:
    assert "IAG.L" in tagged("LONDON — IAG rose 3% on the FTSE 100 as British Airways "
                             "bookings climbed.")


def test_asx_codes_with_their_moves_in_an_australian_market_note() -> None:
    text = ("The ASX 200 closed down 16 points in Sydney. Banks were the swing factor: NAB "
            "eased back 1.0%, SUN down 2.2% and WES better by 0.7%, while FMG rose 0.8%.")
    assert {"NAB.AX", "SUN.AX", "WES.AX", "FMG.AX"} <= tagged(text)


def test_one_code_with_a_move_is_not_enough_and_other_markets_have_none() -> None:
    assert "SUN.AX" not in tagged("The ASX 200 closed lower in Sydney, SUN down 2.2%.")
    assert not {"NAB.AX", "SUN.AX"} & tagged(
        "Wall Street rose as NAB gained 1% and SUN was up 2% in New York trade.")


def test_tickers_as_a_canadian_newspaper_writes_them() -> None:
    found = tagged("BCE’s BCE-T 9.9-per-cent loss took 25 points from the index, while Rogers "
                   "(RCI.B-T) and Apple (AAPL-Q) gained.")
    assert {"BCE.TO", "RCI-B.TO", "AAPL"} <= found
    assert not tagged("The X-T series and the COVID-N strain made no difference.")


def test_the_chip_index_as_wraps_write_it() -> None:
    assert "^SOX" in tagged("The PHLX semiconductor index rose 2.15% as Micron jumped.")


def test_names_in_capitals_with_their_legal_form_as_exchange_notices_write_them() -> None:
    found = tagged("The securities most bought by foreign investors this week were RADIANT "
                   "OPTO-ELECTRONICS CORP. 21,467 and AU OPTRONICS CORPORATION 21,385.")
    assert {"6176.TW", "2409.TW"} <= found
    assert not tagged("THE ORRIN WIDGET CORP. and HALDEN TRADING LTD. filed their accounts.")
