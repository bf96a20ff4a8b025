"""The real market article in ../shared/samples is read well (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.tagging import tag_text

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / (
    "000_5ff11ccfe289c4cd.txt"
)
pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/samples is not here")


@pytest.fixture(scope="module")
def result():
    text = SAMPLE.read_text(encoding="utf-8")
    return text, tag_text(text)


@pytest.mark.parametrize(("name", "listings"), [
    ("Alibaba", ["9988.HK", "BABA"]),
    ("Tencent", ["0700.HK", "TCEHY"]),
    ("Baidu", ["9888.HK", "BIDU"]),
    ("Meituan", ["3690.HK"]),
    ("JD.com", ["9618.HK", "JD"]),
    ("Microsoft", ["MSFT"]),
    ("SoftBank Group", ["9984.T"]),
    ("Meta Platforms", ["META"]),
    ("Goldman Sachs", ["GS"]),
    ("JPMorgan", ["JPM"]),
    ("Hang Seng Tech", ["HSTECH.HK"]),
    ("Nasdaq 100", ["^NDX"]),
])
def test_listed_companies_and_indexes_have_their_listings(result, name, listings) -> None:
    _, tags = result
    entity = next((e for e in tags.entities if e.name.lower().startswith(name.lower())), None)
    assert entity is not None, f"{name} not tagged"
    assert list(entity.listings[:len(listings)]) == listings  # Hong Kong article: HK first


@pytest.mark.parametrize("name", ["OpenAI", "ByteDance", "Discord"])
def test_private_companies_are_private_with_no_price(result, name) -> None:
    _, tags = result
    entity = next(e for e in tags.entities if e.name.startswith(name))
    assert entity.type == "private" and entity.listings == ()


def test_tiktok_is_a_product_of_a_private_owner(result) -> None:
    _, tags = result
    tiktok = next(e for e in tags.entities if e.name == "TikTok")
    assert tiktok.type == "product" and tiktok.listings == ()


def test_nothing_common_becomes_a_ticker(result) -> None:
    _, tags = result
    names = {e.name for e in tags.entities}
    assert not any(n.startswith(("News Corp", "Nasdaq Composite", "Nasdaq, Inc")) for n in names)


def test_all_six_quotations_with_their_speakers(result) -> None:
    text, tags = result
    speakers = [q.speaker for q in tags.quotations]
    assert speakers == ["Andy Wong", "Andy Wong", "Alex Yao", "Gary Tan", "Gary Tan", "Gary Tan"]
    first = tags.quotations[0]
    assert first.title == "investment and ESG director" and first.organization == "Solomons Group"
    assert tags.quotations[2].organization == "JPMorgan Chase & Co."
    for q in tags.quotations:
        assert text[q.start:q.end] == q.text


def test_mention_offsets_point_at_their_text(result) -> None:
    text, tags = result
    for e in tags.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
