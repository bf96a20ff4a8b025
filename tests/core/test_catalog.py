"""The ticker catalog (resources/catalog/catalog.json) and its build script.

The built catalog is committed, so most tests read it directly; the build tests need the
public reference data in ../shared and are skipped without it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import tomllib
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CATALOG_DIR = REPO / "resources" / "catalog"
CATALOG = CATALOG_DIR / "catalog.json"
CURATED = CATALOG_DIR / "curated.toml"
SCRIPT = REPO / "scripts" / "build_catalog.py"
DATA = REPO.parent / "shared" / "data" / "tickers"

TYPES = {"company", "index", "fund", "private", "product"}
REQUIRED = {"id", "name", "country", "listings"}
OPTIONAL = {"type", "aliases", "ambiguous_aliases", "owner", "parent", "region_listings", "size"}
SYMBOL_RE = re.compile(r"^\^?[A-Z0-9][A-Z0-9.&=\-]*$")


@cache
def catalog() -> dict[str, Any]:
    with CATALOG.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@cache
def by_id() -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in catalog()["entities"]}


@cache
def curated() -> list[dict[str, Any]]:
    with CURATED.open("rb") as fh:
        entities: list[dict[str, Any]] = tomllib.load(fh)["entity"]
    return entities


def entity_of(symbol: str) -> dict[str, Any]:
    eid = catalog()["symbols"].get(symbol)
    assert eid is not None, f"{symbol} is not in the catalog"
    return by_id()[eid]


def names(entity: dict[str, Any]) -> list[str]:
    return [*entity.get("aliases", []), *entity.get("ambiguous_aliases", [])]


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_catalog", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_catalog", module)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ the committed catalog


def test_catalog_loads_with_the_documented_shape() -> None:
    data = catalog()
    assert data["version"] == 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["built"])
    assert data["sources"] and all(isinstance(s, str) for s in data["sources"])
    assert len(data["entities"]) > 10_000
    seen: set[str] = set()
    for entity in data["entities"]:
        keys = set(entity)
        assert REQUIRED <= keys <= REQUIRED | OPTIONAL, entity["id"]
        assert entity["id"] not in seen, entity["id"]
        seen.add(entity["id"])
        assert entity.get("type", "company") in TYPES
        assert entity.get("type") != "company", "company is the default type: left out"
        assert entity["name"].strip()
        assert re.fullmatch(r"[A-Z]{2}", entity["country"]), entity["id"]
        for symbol in entity["listings"]:
            assert SYMBOL_RE.match(symbol), symbol
        for optional in OPTIONAL & keys - {"size"}:
            assert entity[optional], f"{entity['id']}: empty {optional} should be left out"
        assert entity.get("size", 0) in range(6), entity["id"]
        for region, symbol in entity.get("region_listings", {}).items():
            assert re.fullmatch(r"[A-Z]{2}", region)
            assert symbol in entity["listings"]
        for ref in (entity.get("owner"), entity.get("parent")):
            assert ref is None or ref in seen or ref in by_id(), ref
        if entity.get("type") in ("private", "product"):
            assert entity["listings"] == [], entity["id"]


def test_symbols_map_every_listing_to_its_entity() -> None:
    data = catalog()
    listed: dict[str, str] = {}
    for entity in data["entities"]:
        for symbol in entity["listings"]:
            assert symbol not in listed, f"{symbol}: {listed.get(symbol)} and {entity['id']}"
            listed[symbol] = entity["id"]
    assert data["symbols"] == listed


def test_file_is_compact_and_sorted() -> None:
    text = CATALOG.read_text(encoding="utf-8")
    assert text == json.dumps(catalog(), ensure_ascii=False, sort_keys=True,
                              separators=(",", ":")) + "\n"
    assert CATALOG.stat().st_size < 8_000_000


def test_every_curated_entity_is_in_the_catalog_as_written() -> None:
    entities = curated()
    assert len(entities) >= 400
    for raw in entities:
        built = by_id().get(raw["id"])
        assert built is not None, raw["id"]
        assert built["name"] == raw["name"]
        assert built.get("type", "company") == raw["type"]
        assert built["listings"] == raw.get("listings", [])
        assert built.get("aliases", []) == raw.get("aliases", [])
        assert built.get("ambiguous_aliases", []) == raw.get("ambiguous_aliases", [])
        assert built.get("owner") == raw.get("owner")
        assert built.get("parent") == raw.get("parent")
        for symbol in raw.get("listings", []):
            assert catalog()["symbols"][symbol] == raw["id"], symbol


@pytest.mark.parametrize(
    ("symbols", "name"),
    [
        (["9988.HK", "BABA"], "Alibaba Group Holding Ltd."),
        (["0700.HK", "TCEHY"], "Tencent Holdings Ltd."),
        (["9984.T", "SFTBY"], "SoftBank Group Corp."),
        (["9618.HK", "JD"], "JD.com Inc."),
        (["9888.HK", "BIDU"], "Baidu Inc."),
        (["1211.HK", "002594.SZ"], "BYD Co. Ltd."),
        (["300750.SZ", "3750.HK"], "Contemporary Amperex Technology Co. Ltd."),
        (["HSBA.L", "0005.HK", "HSBC"], "HSBC Holdings plc"),
        (["0981.HK", "688981.SS"], "Semiconductor Manufacturing International Corp."),
        (["7203.T", "TM"], "Toyota Motor Corp."),
        (["2330.TW", "TSM"], "Taiwan Semiconductor Manufacturing Co. Ltd."),
        (["INFY.NS", "INFY"], "Infosys Ltd."),
        (["SHEL.L", "SHEL"], "Shell plc"),
        (["VOD.L", "VOD"], "Vodafone Group plc"),
        (["NOVO-B.CO", "NVO"], "Novo Nordisk A/S"),
    ],
)
def test_listings_of_one_company_are_one_entity(symbols: list[str], name: str) -> None:
    entities = {entity_of(s)["id"] for s in symbols}
    assert len(entities) == 1
    entity = entity_of(symbols[0])
    assert entity["name"] == name
    assert entity.get("type", "company") == "company"
    assert entity["listings"][: len(symbols)] == symbols  # home line first


def test_alibaba_is_primary_in_hong_kong_and_in_new_york() -> None:
    alibaba = entity_of("BABA")
    assert alibaba["listings"][0] == "9988.HK"
    assert alibaba["region_listings"] == {"HK": "9988.HK", "US": "BABA"}
    assert {"Alibaba", "Alibaba Group", "Alibaba Group Holding"} <= set(alibaba["aliases"])


def test_nasdaq_100_is_not_the_composite() -> None:
    ndx = entity_of("^NDX")
    ixic = entity_of("^IXIC")
    assert ndx["id"] != ixic["id"]
    assert ndx["name"] == "Nasdaq 100" and ndx["type"] == "index"
    assert ixic["name"] == "Nasdaq Composite" and ixic["type"] == "index"
    assert "Nasdaq 100" in ndx["aliases"] and "Nasdaq-100" in ndx["aliases"]
    assert "Nasdaq 100" not in names(ixic)


@pytest.mark.parametrize(
    ("symbol", "alias"),
    [
        ("^GSPC", "S&P 500"), ("^DJI", "the Dow"), ("^DJI", "Dow Jones"),
        ("^RUT", "Russell 2000"), ("^VIX", "VIX"), ("^HSI", "Hang Seng Index"),
        ("HSTECH.HK", "Hang Seng Tech gauge"), ("HSTECH.HK", "Hang Seng Tech Index"),
        ("^HSCE", "Hang Seng China Enterprises Index"), ("000300.SS", "CSI 300"),
        ("000001.SS", "Shanghai Composite"), ("399001.SZ", "Shenzhen Component"),
        ("^N225", "Nikkei 225"), ("^TOPX", "Topix"), ("^KS11", "Kospi"),
        ("^TWII", "Taiex"), ("^NSEI", "Nifty 50"), ("^BSESN", "Sensex"),
        ("^FTSE", "FTSE 100"), ("^GDAXI", "DAX"), ("^FCHI", "CAC 40"),
        ("^STOXX50E", "Euro Stoxx 50"), ("^STOXX", "Stoxx 600"),
    ],
)
def test_major_indexes_and_their_names(symbol: str, alias: str) -> None:
    entity = entity_of(symbol)
    assert entity["type"] == "index"
    assert alias in names(entity)


def test_tencent_music_is_not_tencent() -> None:
    tme = entity_of("TME")
    tencent = entity_of("0700.HK")
    assert tme["id"] != tencent["id"]
    assert entity_of("1698.HK")["id"] == tme["id"]
    assert "Tencent Music" in tme["aliases"]
    assert "Tencent Music" not in names(tencent)


def test_holding_company_apart_from_its_listed_subsidiary() -> None:
    corp = entity_of("9434.T")
    group = entity_of("9984.T")
    assert corp["id"] != group["id"]
    assert corp["parent"] == group["id"]
    assert "SoftBank" in group["aliases"]  # the press's "SoftBank" is the group
    assert "SoftBank" not in corp.get("aliases", [])
    assert entity_of("0241.HK")["parent"] == entity_of("9988.HK")["id"]


def test_private_companies_have_no_listings() -> None:
    for eid in ("openai", "bytedance", "spacex", "stripe", "shein", "discord", "anthropic",
                "deepseek", "ant-group", "huawei"):
        entity = by_id()[eid]
        assert entity["type"] == "private", eid
        assert entity["listings"] == [], eid
    assert "OpenAI" in by_id()["openai"]["aliases"]


def test_products_name_their_owner() -> None:
    tiktok = by_id()["tiktok"]
    assert tiktok["type"] == "product"
    assert tiktok["owner"] == "bytedance"
    assert by_id()["bytedance"]["type"] == "private"
    for product, owner in [("qwen", "9988.HK"), ("wechat", "0700.HK"), ("youtube", "GOOGL"),
                           ("instagram", "META"), ("iphone", "AAPL"), ("aws", "AMZN")]:
        assert by_id()[product]["owner"] == entity_of(owner)["id"], product
    assert by_id()["chatgpt"]["owner"] == "openai"


def test_no_name_belongs_to_two_entities_unless_marked_ambiguous() -> None:
    clashes = sorted(name for name, owners in catalog()["names"].items()
                     if len({o[2:] for o in owners if o.startswith("a:")}) > 1)
    assert clashes == []
    for entity in catalog()["entities"]:  # case can part them: "DAX" is safe, "Dax" a name
        assert not set(entity.get("aliases", [])) & set(entity.get("ambiguous_aliases", []))


def test_every_name_of_the_table_belongs_to_an_entity() -> None:
    for name, owners in catalog()["names"].items():
        assert owners and name.strip() == name, name
        for owner in owners:
            assert owner[:2] in ("a:", "m:") and owner[2:] in by_id(), (name, owner)


@pytest.mark.parametrize("word", ["AI", "CEO", "CFO", "US", "IPO", "ESG", "GDP", "S&P",
                                  "Inc", "Group", "Holdings", "Apple", "Amazon", "Meta",
                                  "Shell", "Target", "Visa", "Dow", "Nasdaq"])
def test_common_words_are_never_a_safe_alias(word: str) -> None:
    for name, owners in catalog()["names"].items():
        if name.casefold() == word.casefold():
            assert not [o for o in owners if o.startswith("a:")], (name, owners)


def test_ambiguous_names_of_curated_companies() -> None:
    assert "Meta" in by_id()["meta"]["ambiguous_aliases"]
    assert "Meta Platforms" in by_id()["meta"]["aliases"]
    assert "Apple Inc" in by_id()["apple"]["aliases"]
    assert "Dow" in by_id()["dow-inc"]["ambiguous_aliases"]


# ------------------------------------------------------------------ the build


needs_data = pytest.mark.skipif(not (DATA / "sec_company_tickers_exchange.json").is_file(),
                                reason="the ticker reference data in ../shared is absent")


@needs_data
def test_build_is_deterministic(tmp_path: Path) -> None:
    for module in ("yaml", "wordfreq", "gender_guesser"):
        pytest.importorskip(module)
    script = build_script()
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert script.main(["--data", str(DATA), "--out", str(first)]) == 0
    assert script.main(["--data", str(DATA), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


@needs_data
def test_committed_catalog_is_up_to_date(tmp_path: Path) -> None:
    for module in ("yaml", "wordfreq", "gender_guesser"):
        pytest.importorskip(module)
    out = tmp_path / "catalog.json"
    assert build_script().main(["--data", str(DATA), "--out", str(out)]) == 0
    assert out.read_bytes() == CATALOG.read_bytes(), (
        "catalog.json is stale: run scripts/build_catalog.py and commit the result")


def test_curated_file_problems_are_reported(tmp_path: Path) -> None:
    script = build_script()
    bad = tmp_path / "curated.toml"
    bad.write_text(
        '[[entity]]\nid = "a"\nname = "A"\ntype = "company"\ncountry = "US"\n'
        'listings = ["AAA"]\n\n'
        '[[entity]]\nid = "b"\nname = "B"\ntype = "product"\ncountry = "US"\n'
        'listings = ["AAA"]\nowner = "nobody"\n',
        encoding="utf-8")
    with pytest.raises(script.CatalogError) as info:
        script.load_curated(bad)
    message = str(info.value)
    assert "AAA already belongs to a" in message
    assert "a product has no listings" in message
    assert "unknown reference 'nobody'" in message


def test_a_curated_size_must_be_a_class(tmp_path: Path) -> None:
    script = build_script()
    bad = tmp_path / "curated.toml"
    bad.write_text('[[entity]]\nid = "a"\nname = "A"\ntype = "company"\ncountry = "US"\n'
                   'listings = ["AAA"]\nsize = 9\n', encoding="utf-8")
    with pytest.raises(script.CatalogError) as info:
        script.load_curated(bad)
    assert "size is a class" in str(info.value)


def test_curated_companies_the_data_does_not_size_count_as_large() -> None:
    entities = {e["id"]: e for e in json.loads(CATALOG.read_text(encoding="utf-8"))["entities"]}
    assert entities["disco"]["size"] == 1  # no market cap in FinanceDatabase for 6146.T
    assert entities["fast-retailing"]["size"] == 1
    assert "size" not in entities["bloomberg-lp"]  # private: no size class


def test_name_tidying() -> None:
    script = build_script()
    assert script.pretty_name("TARGET CORP") == "Target Corp."
    assert script.pretty_name("JPMORGAN CHASE & CO") == "Jpmorgan Chase & Co."
    assert script.pretty_name("US BANCORP \\DE\\") == "US Bancorp"
    names = sys.modules["catalog_names"]  # imported by the build script
    assert names.strip_suffixes("Alibaba Group Holding Ltd") == "Alibaba"
    assert names.strip_suffixes("Genmab A/S") == "Genmab"
    assert script.key("Julius Bär Gruppe AG") == script.key("JULIUS BAER GRUPPE AG")
    assert script.key("Compass Group plc") != script.key("Compass, Inc.")


def test_nse_equities_the_data_lacks_are_named() -> None:
    # Poonawalla Fincorp and Data Patterns are in the NSE's list, not in FinanceDatabase
    assert entity_of("POONAWALLA.NS")["name"].startswith("Poonawalla Fincorp")
    assert entity_of("DATAPATTNS.NS")["name"].startswith("Data Patterns")


def test_a_recoded_nse_company_has_todays_code_first() -> None:
    assert entity_of("JWL.NS")["listings"][0] == "JWL.NS"  # Jupiter Wagons, once CEBBCO


def test_a_numbered_asian_share_without_a_sector_is_a_company() -> None:
    assert entity_of("2449.TW")["name"].startswith("King Yuan")


def test_korean_shares_the_data_lacks_are_named() -> None:
    assert entity_of("003620.KS")["name"].startswith("KG Mobility")
    assert entity_of("005935.KS")["id"] == entity_of("005930.KS")["id"]  # Samsung's preferred
