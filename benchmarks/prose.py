"""Market-news-like articles made from templates, deterministic for a given seed.

Company names and tickers are real listings (facts); every analyst, firm, outlet and
quotation is invented here. Articles mix the ticker forms a reader meets in the wild:
cashtags ($NVDA), exchange prefixes (NASDAQ: JD), local codes (9988.HK, 7203.T) and
class shares (BRK.B).
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Company:
    name: str  # first mention
    short: str  # later mentions
    exchange: str | None  # "NASDAQ: JD", written in parentheses after the name
    cashtag: str | None  # "JD" for $JD
    local: str | None  # "9618.HK", the home-market code
    sector: str


COMPANIES: tuple[Company, ...] = (
    Company("NVIDIA Corp.", "NVIDIA", "NASDAQ: NVDA", "NVDA", None, "chips"),
    Company("Advanced Micro Devices", "AMD", "NASDAQ: AMD", "AMD", None, "chips"),
    Company("Intel Corp.", "Intel", "NASDAQ: INTC", "INTC", None, "chips"),
    Company("Broadcom Inc.", "Broadcom", "NASDAQ: AVGO", "AVGO", None, "chips"),
    Company("Taiwan Semiconductor Manufacturing Co.", "TSMC", "NYSE: TSM", "TSM", "2330.TW",
            "chips"),
    Company("ASML Holding", "ASML", "NASDAQ: ASML", "ASML", "ASML.AS", "chips"),
    Company("Samsung Electronics", "Samsung", None, None, "005930.KS", "chips"),
    Company("Apple Inc.", "Apple", "NASDAQ: AAPL", "AAPL", None, "devices"),
    Company("Xiaomi Corp.", "Xiaomi", None, None, "1810.HK", "devices"),
    Company("Sony Group Corp.", "Sony", "NYSE: SONY", "SONY", "6758.T", "devices"),
    Company("Microsoft Corp.", "Microsoft", "NASDAQ: MSFT", "MSFT", None, "software"),
    Company("Alphabet Inc.", "Alphabet", "NASDAQ: GOOGL", "GOOGL", None, "internet"),
    Company("Meta Platforms", "Meta", "NASDAQ: META", "META", None, "internet"),
    Company("Netflix Inc.", "Netflix", "NASDAQ: NFLX", "NFLX", None, "internet"),
    Company("Amazon.com Inc.", "Amazon", "NASDAQ: AMZN", "AMZN", None, "retail"),
    Company("Alibaba Group Holding Ltd.", "Alibaba", "NYSE: BABA", "BABA", "9988.HK",
            "retail"),
    Company("JD.com Inc.", "JD.com", "NASDAQ: JD", "JD", "9618.HK", "retail"),
    Company("PDD Holdings", "PDD", "NASDAQ: PDD", "PDD", None, "retail"),
    Company("Meituan", "Meituan", None, None, "3690.HK", "retail"),
    Company("Walmart Inc.", "Walmart", "NYSE: WMT", "WMT", None, "retail"),
    Company("Tencent Holdings Ltd.", "Tencent", None, None, "0700.HK", "internet"),
    Company("Baidu Inc.", "Baidu", "NASDAQ: BIDU", "BIDU", "9888.HK", "internet"),
    Company("NetEase Inc.", "NetEase", "NASDAQ: NTES", "NTES", "9999.HK", "internet"),
    Company("Tesla Inc.", "Tesla", "NASDAQ: TSLA", "TSLA", None, "autos"),
    Company("BYD Co.", "BYD", None, None, "1211.HK", "autos"),
    Company("Li Auto Inc.", "Li Auto", "NASDAQ: LI", "LI", "2015.HK", "autos"),
    Company("Toyota Motor Corp.", "Toyota", "NYSE: TM", "TM", "7203.T", "autos"),
    Company("JPMorgan Chase & Co.", "JPMorgan", "NYSE: JPM", "JPM", None, "banks"),
    Company("Goldman Sachs Group", "Goldman Sachs", "NYSE: GS", "GS", None, "banks"),
    Company("HSBC Holdings plc", "HSBC", "LSE: HSBA", None, "0005.HK", "banks"),
    Company("Berkshire Hathaway Inc.", "Berkshire", "NYSE: BRK.B", "BRK.B", None, "insurance"),
    Company("AIA Group Ltd.", "AIA", None, None, "1299.HK", "insurance"),
    Company("Ping An Insurance", "Ping An", None, None, "2318.HK", "insurance"),
    Company("SoftBank Group Corp.", "SoftBank", None, None, "9984.T", "software"),
    Company("Exxon Mobil Corp.", "Exxon", "NYSE: XOM", "XOM", None, "energy"),
    Company("Shell plc", "Shell", "LSE: SHEL", "SHEL", None, "energy"),
    Company("PetroChina Co.", "PetroChina", None, None, "0857.HK", "energy"),
    Company("Novo Nordisk A/S", "Novo Nordisk", "NYSE: NVO", "NVO", "NOVO-B.CO", "pharma"),
    Company("Nestlé S.A.", "Nestlé", "SIX: NESN", None, "NESN.SW", "consumer"),
    Company("LVMH Moët Hennessy Louis Vuitton", "LVMH", "EPA: MC", None, "MC.PA", "consumer"),
    Company("Nike Inc.", "Nike", "NYSE: NKE", "NKE", None, "consumer"),
    Company("Boeing Co.", "Boeing", "NYSE: BA", "BA", None, "industrials"),
    Company("China Mobile Ltd.", "China Mobile", None, None, "0941.HK", "telecom"),
)

PRIVATE = ("ByteDance", "OpenAI", "Ant Group", "SpaceX", "Shein", "Anthropic", "Databricks")
INDEXES = ("the Hang Seng Index", "the Hang Seng Tech Index", "the S&P 500", "the Nasdaq 100",
           "the Nikkei 225", "the Stoxx Europe 600", "the CSI 300", "the Dow Jones Industrial "
           "Average")

SECTOR_THINGS = {
    "chips": ("data-centre accelerators", "advanced packaging capacity", "wafer orders",
              "AI server chips", "memory prices"),
    "devices": ("handset shipments", "smartphone upgrades", "wearables", "the console cycle"),
    "software": ("cloud subscriptions", "enterprise licences", "AI copilots", "data centres"),
    "internet": ("advertising revenue", "cloud computing", "games licensing", "short video"),
    "retail": ("online sales", "its cloud unit", "merchant fees", "discount shoppers",
               "cross-border e-commerce"),
    "autos": ("electric vehicle deliveries", "battery costs", "price cuts", "hybrid models"),
    "banks": ("net interest income", "trading revenue", "deal fees", "loan growth"),
    "insurance": ("new business value", "float income", "premium growth", "agency headcount"),
    "energy": ("refining margins", "crude output", "LNG contracts", "buybacks funded by oil"),
    "pharma": ("weight-loss drugs", "trial results", "supply of injectables"),
    "consumer": ("luxury demand", "pricing power", "mainland shoppers", "wholesale orders"),
    "industrials": ("aircraft deliveries", "the order backlog", "supplier delays"),
    "telecom": ("5G subscribers", "enterprise connectivity", "dividend payouts"),
}

SECTOR_NAMES = {
    "chips": "chip", "devices": "hardware", "software": "software", "internet": "internet",
    "retail": "e-commerce", "autos": "carmaker", "banks": "bank", "insurance": "insurance",
    "energy": "energy", "pharma": "drugmaker", "consumer": "consumer", "industrials":
    "industrial", "telecom": "telecom",
}

FIRST_NAMES = ("Mara", "Jonas", "Priya", "Tobias", "Wen", "Ines", "Kofi", "Hana", "Rafael",
               "Leila", "Dmitri", "Ayesha", "Callum", "Yuki", "Soren", "Nadia", "Mateo",
               "Grace", "Ravi", "Elif", "Owen", "Mei", "Lucas", "Zainab", "Felix", "Ana")
SURNAMES = ("Okafor", "Lindqvist", "Ramaswamy", "Brandt", "Tsang", "Moreau", "Haddad",
            "Kimura", "Castellanos", "Farouk", "Volkov", "Siddiqui", "Doyle", "Nakamura",
            "Holm", "Petrova", "Quintero", "Achebe", "Iyer", "Demir", "Whitlock", "Leung",
            "Ferreira", "Bello", "Hartmann", "Sokolova")
ROLES = ("chief investment officer", "head of Asia equities", "senior analyst",
         "portfolio manager", "chief market strategist", "head of research",
         "equity strategist", "managing director", "credit analyst", "economist")
FIRMS = ("Larkspur Capital", "Tidemark Securities", "Orchard Row Partners", "Bellhaven Asset "
         "Management", "Granite Quay Research", "Silverpine Advisors", "Kingsmoor Investments",
         "Eastwater Brokerage", "Halcyon Ridge Funds", "Northlight Wealth", "Copperfield "
         "Markets", "Juniper Bay Capital")

QUOTES = (
    "Investors have been paying for growth that has not shown up in the numbers yet",
    "The market is pricing a perfect landing, and that leaves very little room for error",
    "We think the selling is overdone, the balance sheet is far stronger than a year ago",
    "Guidance matters more than the quarter, and the guidance was cautious",
    "Valuations in Hong Kong still look cheap next to Wall Street, even after this rally",
    "Nobody wants to be the last one holding these shares if demand rolls over",
    "Margins are the story here, revenue was never the problem",
    "We are adding on weakness, but slowly, because the policy picture is still unclear",
    "The buyback is a signal that management sees value at these prices",
    "This is a rotation, not a crash, money is moving from winners to laggards",
    "Supply is tight through next year, so pricing should hold up",
    "The regulatory overhang has eased, but it has not gone away",
    "Retail investors drove the move, and they can leave as quickly as they came",
    "We would not chase the stock here, the easy money has been made",
    "Rates are the whole game for this sector right now",
    "Earnings revisions are still pointing up, which is rare in this market",
)

MOVES_UP = ("rose", "climbed", "jumped", "gained", "advanced", "rallied")
MOVES_DOWN = ("fell", "slid", "dropped", "declined", "slumped", "retreated")
EVENTS = ("quarterly results beat forecasts", "it raised its full-year outlook",
          "a broker upgrade", "it announced a share buyback", "export rules were tightened",
          "a profit warning", "it cut prices again", "regulators opened a review",
          "it unveiled a new AI model", "a key supplier reported weak orders",
          "reports of a stake sale", "it missed revenue estimates")
THEMES = ("rate-cut bets", "trade tensions", "a stronger dollar", "stimulus hopes",
          "bond yields rising", "a slowdown in consumer spending", "AI spending",
          "a recovery in mainland demand", "oil prices easing", "thin holiday trading")
TITLE_TEMPLATES = (
    "{short} shares {move} after {event}",
    "{short} {move} as investors weigh {theme}",
    "Stocks to watch: {short}, {other} and {third}",
    "{index_title} {move} as {short} leads {direction}",
    "{short} outlook: what analysts expect from {thing}",
    "Why {short} is betting on {thing}",
    "{short} and {other} {move} on {theme}",
    "Earnings preview: {short} faces questions over {thing}",
)


def _pct(rng: random.Random) -> str:
    return f"{rng.uniform(0.3, 9.5):.1f}%"


def _price(rng: random.Random, c: Company) -> str:
    if c.local and c.local.endswith(".HK"):
        return f"HK${rng.uniform(8, 600):.2f}"
    if c.local and c.local.endswith(".T"):
        return f"¥{rng.randint(900, 12000):,}"
    return f"US${rng.uniform(15, 900):.2f}"


def first_mention(c: Company, rng: random.Random) -> str:
    """The company's name with one of its ticker forms, as a wire story would write it."""
    forms = []
    if c.exchange:
        forms.append(f"{c.name} ({c.exchange})")
    if c.local:
        forms.append(f"{c.name} ({c.local})")
    if c.exchange and c.local:
        forms.append(f"{c.name} ({c.exchange}; {c.local})")
    if c.cashtag:
        forms.append(f"{c.short} ${c.cashtag}")
    return html.escape(rng.choice(forms) if forms else c.name, quote=False)


def speaker(rng: random.Random) -> tuple[str, str, str]:
    return (f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}", rng.choice(ROLES),
            rng.choice(FIRMS))


def quotation_html(rng: random.Random) -> str:
    """One paragraph with a quotation and an invented speaker, in one of several shapes."""
    name, role, firm = speaker(rng)
    words = rng.choice(QUOTES)
    shape = rng.randrange(4)
    if shape == 0:
        return f"<p>“{words},” said {name}, {role} at {firm}.</p>"
    if shape == 1:
        return f"<p>{name}, {role} at {firm}, said: “{words}.”</p>"
    if shape == 2:
        return f"<p>“{words},” {name} of {firm} wrote in a note to clients.</p>"
    return f"<blockquote><p>{words}.</p></blockquote><p>— {name}, {firm}</p>"


def _sentence(rng: random.Random, main: Company, others: list[Company]) -> str:
    o = rng.choice(others)
    thing = rng.choice(SECTOR_THINGS[main.sector])
    up = rng.random() < 0.5
    move = rng.choice(MOVES_UP if up else MOVES_DOWN)
    choices = (
        f"Shares of {main.short} {move} {_pct(rng)} to {_price(rng, main)} in early trading, "
        f"the most since {rng.choice(('January', 'the spring', 'last summer', 'October'))}.",
        f"Analysts said {thing} would decide whether the recent rally can last.",
        f"The stock has {rng.choice(('gained', 'lost'))} {_pct(rng)} this year, against "
        f"a {_pct(rng)} move in {rng.choice(INDEXES)}.",
        f"Rival {o.short} {rng.choice(MOVES_UP + MOVES_DOWN)} {_pct(rng)} as traders compared "
        f"the two companies' exposure to {rng.choice(THEMES)}.",
        f"Trading volume was {rng.uniform(1.2, 4.0):.1f} times the 30-day average, exchange "
        "data showed.",
        f"{main.short} said its business in {thing} grew {_pct(rng)} from a year earlier, while "
        f"operating costs rose {_pct(rng)}.",
        f"The company is due to report results on {rng.choice(('Tuesday', 'Thursday'))} and "
        f"will hold a call with investors the same evening.",
        f"Options traders bought protection against a further drop, and the put-to-call ratio "
        f"reached its highest level in {rng.randint(2, 11)} weeks.",
        f"Some funds trimmed positions in {o.short} to buy {main.short}, according to people "
        "familiar with the trades.",
        f"Investors are also watching {rng.choice(PRIVATE)}, which is private but competes "
        f"with {main.short} in {thing}.",
        f"Over the past month the shares have traded in a range of {_pct(rng)} either side "
        f"of their average, a sign that conviction is thin.",
        f"Net buying through the Stock Connect link reached HK${rng.uniform(1, 12):.1f} billion "
        "on the day, with mainland investors favouring large technology names.",
        f"The consensus price target is {_price(rng, main)}, implying about {_pct(rng)} of "
        "upside from the last close.",
        f"Management repeated that it expects {thing} to be its fastest-growing business.",
        f"Market breadth was weak: decliners outnumbered advancers by "
        f"{rng.randint(2, 4)} to 1.",
    )
    return rng.choice(choices)


@dataclass(frozen=True)
class Story:
    title: str
    author: str
    summary: str  # plain text, one or two sentences
    body_html: str
    category: str


def story(rng: random.Random, image_url: str, link_base: str) -> Story:
    """One article: 150–600 words, two to four companies, quotations and a picture."""
    picks = rng.sample(COMPANIES, rng.randint(2, 4))
    main, others = picks[0], picks[1:]
    target_words = rng.randint(150, 540)
    lead = (f"{first_mention(main, rng)} {rng.choice(MOVES_UP + MOVES_DOWN)} {_pct(rng)} on "
            f"{rng.choice(('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'))} after "
            f"{rng.choice(EVENTS)}, while {rng.choice(INDEXES)} "
            f"{rng.choice(MOVES_UP + MOVES_DOWN)} {_pct(rng)} amid {rng.choice(THEMES)}.")
    second = (f"{first_mention(others[0], rng)} and other {SECTOR_NAMES[main.sector]} "
              "names moved with it.")
    paras = [f"<p>{lead} {second}</p>", _figure(rng, main, image_url)]
    words = len(lead.split()) + len(second.split())
    quotations = rng.randint(1, 3)
    while words < target_words:
        if quotations and rng.random() < 0.3:
            quotations -= 1
            para = quotation_html(rng)
        else:
            sentences = [_sentence(rng, main, others) for _ in range(rng.randint(2, 4))]
            para = "<p>" + html.escape(" ".join(sentences), quote=False) + "</p>"
            if rng.random() < 0.2:
                para = para.replace(main.short, f'<a href="{link_base}/company/'
                                    f'{main.short.lower().replace(" ", "-")}">'
                                    f"{main.short}</a>", 1)
        paras.append(para)
        words += len(para.split())
    for _ in range(quotations):
        paras.append(quotation_html(rng))
    return Story(title=_title(rng, main, others), author=speaker(rng)[0],
                 summary=_plain(lead), body_html="\n".join(paras), category=main.sector)


def _figure(rng: random.Random, c: Company, image_url: str) -> str:
    caption = html.escape(f"{c.short} {rng.choice(('headquarters', 'store', 'factory floor'))}",
                          quote=False)
    return (f'<figure><img src="{image_url}" alt="{html.escape(c.short)}" width="640" '
            f'height="360"><figcaption>{caption}</figcaption></figure>')


def _title(rng: random.Random, main: Company, others: list[Company]) -> str:
    up = rng.random() < 0.5
    index = rng.choice(INDEXES).removeprefix("the ")
    return rng.choice(TITLE_TEMPLATES).format(
        short=main.short, other=others[0].short,
        third=others[1].short if len(others) > 1 else "the banks",
        move=rng.choice(MOVES_UP if up else MOVES_DOWN), event=rng.choice(EVENTS),
        theme=rng.choice(THEMES), thing=rng.choice(SECTOR_THINGS[main.sector]),
        index_title=index[0].upper() + index[1:],
        direction="gains" if up else "losses",
    )


def _plain(text: str) -> str:
    return html.unescape(text)
