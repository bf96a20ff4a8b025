"""The tagging engine on bad input: no crash, no hang, and offsets that always point at the
text they name (issue 3, "Bad input").

Every result is checked the same way: each mention and quotation has
0 <= start <= end <= len(text) and text[start:end] equal to its own text, and the whole result
turns into the JSON of DESIGN.md. The texts are written here (invented market news).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.models import TagResult
from briefing.core.sanitize import html_to_text, sanitize_html
from briefing.core.tagging import get_catalog, tag_article, tag_text, to_json

LEAD = ("Shares of Alibaba Group Holding Ltd. (NYSE: BABA; 9988.HK) rose 3% while Tencent "
        "(0700.HK) slipped and the Hang Seng Tech Index closed flat. ")
QUOTE = ("“We like the quarter, but margins are thin,” said Jane Doe, chief strategist at "
         "Example Capital in Hong Kong. ")
PARAGRAPH = LEAD + QUOTE + "Doe added that $JD and Meituan looked cheap.\n\n"


def assert_offsets(text: str, result: TagResult) -> None:
    """Every span of the result is inside `text` and names what `text` says there."""
    for entity in result.entities:
        assert entity.mentions, f"{entity.name} has no mention"
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(text), (entity.name, m)
            assert text[m.start:m.end] == m.text, (entity.name, m, text[m.start:m.end])
    for q in result.quotations:
        assert 0 <= q.start <= q.end <= len(text), q
        assert text[q.start:q.end] == q.text, (q, text[q.start:q.end])
    json.dumps(to_json(result), ensure_ascii=False)  # the CLI's shape never fails


def tagged(text: str) -> TagResult:
    result = tag_text(text)
    assert_offsets(text, result)
    return result


# -- empty and blank -------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "", " ", "\n", "\r\n", "\t\t", "   \n\n\t  \r\n ", "\u00a0\u2009\u3000", "\u2028\u2029",
    "\ufeff", "\x00", "\x00" * 100, "\n" * 10_000, " " * 100_000,
], ids=lambda t: repr(t[:12]) + f"x{len(t)}")
def test_empty_and_blank_text_finds_nothing(text: str) -> None:
    result = tagged(text)
    assert result.entities == () and result.quotations == ()


def test_empty_article_and_title_only() -> None:
    assert tag_article("", "").entities == ()
    result = tag_article("Alibaba (NYSE: BABA) rallies", "")
    assert [e.name for e in result.entities] == ["Alibaba Group Holding Ltd."]
    title = "Alibaba (NYSE: BABA) rallies"
    for m in result.entities[0].mentions:
        assert m.field == "title" and title[m.start:m.end] == m.text


# -- binary junk -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes_decoded_with_replacement(seed: int) -> None:
    rng = random.Random(seed)
    raw = rng.randbytes(200_000)
    tagged(raw.decode("utf-8", errors="replace"))
    tagged(raw.decode("latin-1"))  # every C0/C1 control character appears


def test_junk_around_real_news() -> None:
    rng = random.Random(42)
    parts = []
    for _ in range(200):
        parts.append(rng.randbytes(rng.randrange(1, 300)).decode("utf-8", errors="replace"))
        parts.append(rng.choice([LEAD, QUOTE, "$BABA", "“", "”", '"', "said Jane Doe", "\n\n"]))
    text = "".join(parts)
    result = tagged(text)
    assert any(e.name.startswith("Alibaba") for e in result.entities)


def test_a_pdf_read_as_text(tmp_path: Path) -> None:
    """What a user gets by feeding a binary file to `briefing tag`: the bytes decoded."""
    raw = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\nstream\n"
           + random.Random(7).randbytes(50_000) + b"\nendstream\n(Alibaba) Tj\n%%EOF\n")
    tagged(raw.decode("utf-8-sig", errors="replace"))


# -- size ------------------------------------------------------------------------------------

# Huge inputs are tagged in a child process that is killed if it has not returned by then: a
# hang fails one test instead of holding the suite. Not a speed figure (the benchmark gives
# those); a linear engine needs a small fraction of this on any machine.
HANG_AFTER_S = 120

CHILD = r"""
import json, sys
from briefing.core.tagging import tag_text
job = json.load(sys.stdin)
text = job["unit"] * job["times"]
result = tag_text(text)
bad = []
for e in result.entities:
    for m in e.mentions:
        if not (0 <= m.start < m.end <= len(text)) or text[m.start:m.end] != m.text:
            bad.append([e.name, m.start, m.end, m.text])
for q in result.quotations:
    if not (0 <= q.start <= q.end <= len(text)) or text[q.start:q.end] != q.text:
        bad.append(["quotation", q.start, q.end, q.text])
print(json.dumps({"length": len(text), "entities": sorted(e.name for e in result.entities),
                  "quotations": len(result.quotations),
                  "speakers": sorted({str(q.speaker) for q in result.quotations}),
                  "bad": bad[:5]}))
"""


def tagged_in_child(unit: str, times: int) -> dict[str, object]:
    """tag_text(unit * times) in a fresh interpreter; what it found, or a failed test."""
    job = json.dumps({"unit": unit, "times": times})
    try:
        done = subprocess.run([sys.executable, "-c", CHILD], input=job, capture_output=True,
                              text=True, encoding="utf-8", timeout=HANG_AFTER_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"tag_text({unit[:40]!r} * {times}) had not returned after "
                    f"{HANG_AFTER_S} s: the engine hangs (or is far from linear) on it")
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, object] = json.loads(done.stdout)
    assert found["bad"] == [], found["bad"]
    return found


def test_five_megabytes_of_news_returns() -> None:
    """5 MB of ticker-dense news: the engine must come back. Beyond its limit it may tag a
    prefix only, with offsets into the text as given."""
    times = 5_000_000 // len(PARAGRAPH) + 1
    found = tagged_in_child(PARAGRAPH, times)
    assert found["length"] >= 5_000_000
    assert "Alibaba Group Holding Ltd." in found["entities"]  # type: ignore[operator]
    assert "Jane Doe" in found["speakers"]  # type: ignore[operator]


@pytest.mark.parametrize("unit", ["a", "“", '"', "$", " ", "\n", "BABA ", "Alibaba ", "“x” ",
                                  '"x" ', "“Alibaba,” said Jane Doe "])
def test_five_megabytes_of_one_thing_returns(unit: str) -> None:
    tagged_in_child(unit, 5_000_000 // len(unit))


# -- quotes ----------------------------------------------------------------------------------


QUOTE_TRAPS = {
    "nested curly": "“ “ ” ”",
    "nested with words": "He said “ “ ” ” and “Alibaba “rose” today,” said Jane Doe.",
    "nested single in double": "“She told me ‘the Tencent deal is off’ yesterday,” "
                               "said Ann Lee.",
    "lone straight": 'A lone " sits in this Tencent story, said Ann Lee.',
    "lone opening curly": "Alibaba fell. “Nothing more was said",
    "lone closing curly": "Nothing was said” about Alibaba, said Ann Lee.",
    "closing before opening": "” Alibaba rose “",
    "open at the very end": "Jane Doe, chief strategist at Example Capital, said: “",
    "close at the very start": "”",
    "500 opening curly": "“" * 500,
    "500 opening curly then news": "“" * 500 + " Alibaba (NYSE: BABA) rose, said Jane Doe.",
    "500 opening straight": '"' * 500 + " Alibaba rose.",
    "500 closing curly": "”" * 500,
    "alternating": "“”" * 500 + "Alibaba",
    "500 opened paragraphs": "\n\n".join(f"“Point {i} about Tencent" for i in range(500)),
    "paragraph left open": "“Demand is strong.\n\n“And margins held,” said Ann Lee.\n\n“Yes",
    "guillemets": "« Alibaba a progressé », a déclaré Jean Dupont. »» «« ",
    "corner brackets": "「阿里巴巴」「「」 Alibaba rose 」",
    "single quotes": "‘ ’ ’ ‘ 'Alibaba' ' ‘Tencent’s shares’ rose, said Ann Lee.",
    "apostrophes only": "Alibaba's and Tencent's and JD's investors' fears' eased.",
    "quote right after a name": "Alibaba“rose”Tencent\"fell\"JD",
    "unterminated across 2,000 lines": "“" + "Alibaba rose and Tencent fell\n" * 2000,
}


@pytest.mark.parametrize("text", list(QUOTE_TRAPS.values()), ids=list(QUOTE_TRAPS))
def test_unbalanced_and_nested_quotes(text: str) -> None:
    tagged(text)


# -- HTML with scripts -----------------------------------------------------------------------

HOSTILE_HTML = """<!doctype html><html><head>
<script>var s = "“Buy Tencent now,” said Evil Bot"; document.write('$NVDA');</script>
<style>p::before { content: "“Alibaba”"; }</style></head><body>
<!-- “a comment that says Apple (NASDAQ: AAPL)” -->
<noscript>Enable JavaScript for Microsoft news</noscript>
<p>Alibaba Group Holding Ltd. (NYSE: BABA) <b>rose</b> &amp; Tencent &#40;0700.HK&#41; fell.</p>
<p>&ldquo;We like the quarter,&rdquo; said <a href="javascript:alert(1)">Jane Doe</a>,
chief strategist at Example Capital.</p>
<svg><script>alert("$TSLA")</script></svg>
<iframe srcdoc="<p>Meta</p>"></iframe>
<p onclick="steal()">Shares of <i>JD</i>.com (NASDAQ:JD) <script>x()</script>held steady.</p>
<script>unclosed("“Goldman Sachs”")
"""


def test_html_with_scripts_through_sanitize() -> None:
    text = html_to_text(sanitize_html(HOSTILE_HTML))
    for hidden in ("Evil Bot", "document.write", "alert", "steal", "x()", "unclosed", "::before"):
        assert hidden not in text
    result = tagged(text)
    names = {e.name for e in result.entities}
    assert "Alibaba Group Holding Ltd." in names
    assert not any(n.startswith(("Tesla", "NVIDIA", "Goldman")) for n in names), names


def _briefing(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    script = Path(sys.executable).parent / ("briefing.exe" if os.name == "nt" else "briefing")
    cmd = [str(script)] if script.is_file() else [sys.executable, "-m", "briefing.cli"]
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_DATA_DIR"}
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, env=env, timeout=120)


def test_html_with_scripts_through_the_command_line() -> None:
    junk = random.Random(3).randbytes(2_000)
    raw = b"\xef\xbb\xbf" + HOSTILE_HTML.encode() + junk + b"<p>\xff\xfe BABA.</p>"
    done = _briefing("tag", "-", "--html", "--json", stdin=raw)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    out = json.loads(done.stdout)
    text = out["text"]
    assert "Evil Bot" not in text and "alert" not in text
    for e in out["entities"]:
        for m in e["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(text)
            assert text[m["start"]:m["end"]] == m["text"], m
    for q in out["quotations"]:
        assert 0 <= q["start"] <= q["end"] <= len(text)
        assert text[q["start"]:q["end"]] == q["text"], q
    assert any(e["name"].startswith("Alibaba") for e in out["entities"])


# -- long lines and tickers only -------------------------------------------------------------


@pytest.mark.parametrize(("unit", "times"), [
    (LEAD + QUOTE, 3_000),  # 700 kB on one line, thousands of quotations
    ("word ", 200_000),
    ("x" * 500_000 + "Alibaba" + "x" * 500_000, 1),
    ("x" * 500_000 + " Alibaba (NYSE: BABA) " + "x" * 500_000, 1),
    ("BABA", 100_000),
    ("$BABA", 50_000),
    ("9988.HK", 50_000),
    ("Alibaba", 50_000),
    ("-" * 300_000 + "“" + "-" * 300_000, 1),
    ("Tencent, ", 50_000),
], ids=["news", "words", "name-in-a-word", "name-in-the-middle", "BABA-run", "cashtag-run",
        "yahoo-run", "name-run", "dashes", "comma-list"])
def test_very_long_lines(unit: str, times: int) -> None:
    tagged_in_child(unit, times)


ALL_FORMS = ("$BABA $baba.hk 9988.HK (NYSE: GS) (NASDAQ:JD) HKEX: 9988 TYO: 9984 LON: VOD "
             "0700.HK 9984.T VOD.L AAPL.O IBM.N 700 HK 9984 JP 00700.HK ^NDX BRK.B BRK-B "
             "BCE-T RCI.B-T")


def test_a_text_that_is_only_tickers() -> None:
    result = tagged(ALL_FORMS)
    listings = {s for e in result.entities for s in e.listings}
    for symbol in ("BABA", "9988.HK", "GS", "JD", "9984.T", "0700.HK", "AAPL", "IBM",
                   "BCE.TO", "RCI-B.TO"):
        assert symbol in listings, (symbol, sorted(listings))


def test_thousands_of_cashtags_from_the_catalog() -> None:
    symbols = sorted(get_catalog().symbols)
    picked = random.Random(5).sample(symbols, 3_000)
    text = " ".join(f"${s}" for s in picked)
    result = tagged(text)
    assert len(result.entities) > 1_000


def test_capitalised_words_alone_are_not_tickers() -> None:
    result = tagged("AI CEO US IPO ESG GDP S&P\nAI, CEO; US. IPO! ESG? GDP: S&P")
    assert result.entities == (), [e.name for e in result.entities]


# -- the property: offsets always valid ------------------------------------------------------

NAMES = ("Alibaba", "Alibaba Group Holding Ltd.", "Tencent", "Tencent Music", "JPMorgan",
         "Goldman Sachs", "SoftBank", "Meta", "Meta Platforms Inc.", "Shell", "Snap", "Visa",
         "Amazon", "Apple", "Toyota Motor Corp.", "Samsung Electronics", "TSMC", "HSBC",
         "OpenAI", "ByteDance", "TikTok", "SpaceX", "the Hang Seng Tech gauge", "Nasdaq 100",
         "the S&P 500", "the Dow", "Nikkei 225", "BYD", "Xiaomi", "Baidu", "JD.com", "Nestlé")
TICKERS = ("$BABA", "$baba.hk", "9988.HK", "0700.HK", "00700.HK", "700 HK", "9984 JP",
           "(NYSE: GS)", "(NASDAQ:JD)", "HKEX: 9988", "TYO: 9984", "LON: VOD", "VOD.L",
           "AAPL.O", "IBM.N", "BRK.B", "^NDX", "$TSLA", "AI", "CEO", "S&P", "US", "BCE-T",
           "RCI.B-T", "T-Mobile")
MARKS = ("“", "”", '"', "‘", "’", "'", "«", "»", "「", "」", "„", "‟", "’s", "'s")
GLUE = (" ", "  ", "\n", "\n\n", "\r\n", "\u2028", "\t", ",", ", ", ".", ". ", ": ", "; ",
        "(", ")", "-", "—", "", "/")
SPEECH = ("said", "said Jane Doe", "Jane Doe said", ", said Jane Doe, chief strategist at "
          "Example Capital.", "she added", "Doe wrote in a note", "according to Ann Lee",
          "told reporters", "he said.", "Analysts at Goldman Sachs said")

pieces = st.one_of(
    st.sampled_from(NAMES), st.sampled_from(TICKERS), st.sampled_from(MARKS),
    st.sampled_from(GLUE), st.sampled_from(SPEECH),
    st.text(max_size=12),  # any unicode (no surrogates), combining marks, controls
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
)
texts = st.lists(pieces, max_size=60).map("".join)

PROPERTY = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(texts)
def test_offsets_always_point_at_their_text(text: str) -> None:
    tagged(text)


@PROPERTY
@given(st.lists(pieces, max_size=12).map("".join), texts)
def test_article_offsets_index_their_field(title: str, text: str) -> None:
    result = tag_article(title, text)
    for entity in result.entities:
        for m in entity.mentions:
            source = title if m.field == "title" else text
            assert 0 <= m.start < m.end <= len(source), (entity.name, m)
            assert source[m.start:m.end] == m.text, (entity.name, m)
    for q in result.quotations:
        assert 0 <= q.start <= q.end <= len(text), q
        assert text[q.start:q.end] == q.text, q


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(pieces, st.sampled_from(
    ("<p>", "</p>", "<script>", "</script>", "<b>", "&ldquo;", "&rdquo;", "&amp;", "<br>",
     "<!--", "-->", "<style>", "</style>", "<a href='x'>", "</a>"))), max_size=60).map("".join))
def test_offsets_hold_for_html_turned_into_text(page: str) -> None:
    tagged(html_to_text(sanitize_html(page)))
