"""The tagging scorer (scripts/score_tagging.py) on hand-made predictions, and the labelled
passages it reads (tests/data/tagging/passages.jsonl).

No real engine here: a fake one returns exactly the predictions each test wants, so the
precision/recall arithmetic and the matching rules are checked on their own.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from types import SimpleNamespace as NS
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "score_tagging.py"
PASSAGES = ROOT / "tests" / "data" / "tagging" / "passages.jsonl"


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_tagging", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_tagging"] = module
    spec.loader.exec_module(module)
    return module


st = _load_scorer()


# --------------------------------------------------------------------------- helpers


def ent(name: str, type_: str, listings: list[str], primary: str | None = None) -> dict:
    return {"name": name, "type": type_, "listings": listings, "primary": primary}


def quo(text: str, speaker: str | None, **extra: str) -> dict:
    return {"text": text, "speaker": speaker, **extra}


def passage(pid: str, text: str, entities=(), quotations=(), absent=(), rule="r") -> dict:
    return {
        "id": pid,
        "rule": rule,
        "text": text,
        "region": None,
        "entities": list(entities),
        "absent": list(absent),
        "quotations": list(quotations),
    }


def p_ent(name: str, type_: str, *listings: str, mentions=()) -> NS:
    """A predicted entity shaped like tag_text's (attributes, listings a tuple)."""
    return NS(
        name=name,
        type=type_,
        listings=tuple(listings),
        mentions=tuple(NS(text=m) for m in mentions),
    )


def p_quo(text: str, speaker: str | None, title=None, organization=None) -> NS:
    return NS(text=text, speaker=speaker, title=title, organization=organization, start=0, end=0)


def fake_engine(by_text: dict[str, Any]):
    def tag(text: str) -> Any:
        value = by_text[text]
        if isinstance(value, Exception):
            raise value
        return value

    return tag


def result(entities=(), quotations=()) -> NS:
    return NS(entities=list(entities), quotations=list(quotations))


def score(passages: list[dict], predictions: list[Any]) -> dict:
    engine = fake_engine({p["text"]: r for p, r in zip(passages, predictions, strict=True)})
    return st.run(passages, engine, engine="fake")


# --------------------------------------------------------------------------- arithmetic


def test_perfect_predictions_score_one() -> None:
    ps = [
        passage(
            "a",
            "Alibaba rose.",
            [ent("Alibaba Group Holding Ltd.", "company", ["9988.HK", "BABA"], "9988.HK")],
            [quo("We like it", "Jane Doe")],
        )
    ]
    preds = [
        result(
            [p_ent("Alibaba Group Holding Ltd.", "company", "9988.HK", "BABA")],
            [p_quo("We like it", "Jane Doe")],
        )
    ]
    o = score(ps, preds)["overall"]
    for key in ("entities", "quotations", "quotation_text"):
        assert (o[key]["precision"], o[key]["recall"], o[key]["f1"]) == (1.0, 1.0, 1.0)
    assert o["primary"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert o["listings"]["accuracy"] == 1.0


def test_precision_recall_f1_arithmetic() -> None:
    ps = [
        passage("a", "text a", [ent("A", "company", ["AAA"]), ent("B", "company", ["BBB"])]),
        passage("b", "text b", [ent("C", "company", ["CCC"])]),
    ]
    preds = [
        result(
            [
                p_ent("A", "company", "AAA"),
                p_ent("B", "company", "BBB"),
                p_ent("Z", "company", "ZZZ"),
            ]
        ),  # one false hit
        result([]),  # one miss
    ]
    e = score(ps, preds)["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (2, 1, 1)
    assert e["precision"] == pytest.approx(2 / 3)
    assert e["recall"] == pytest.approx(2 / 3)
    assert e["f1"] == pytest.approx(2 / 3)


def test_uneven_precision_and_recall() -> None:
    ps = [passage("a", "t", [ent(n, "company", [n]) for n in ("A", "B", "C", "D")])]
    preds = [result([p_ent("A", "company", "A")])]
    e = score(ps, preds)["overall"]["entities"]
    assert e["precision"] == 1.0 and e["recall"] == 0.25
    assert e["f1"] == pytest.approx(2 * 1.0 * 0.25 / 1.25)


def test_undefined_figures_are_none_not_zero_division() -> None:
    ps = [passage("a", "nothing here")]
    report = score(ps, [result()])
    e = report["overall"]["entities"]
    assert e["precision"] is None and e["recall"] is None and e["f1"] is None
    assert "-" in st.format_report(report)


def test_per_rule_figures() -> None:
    ps = [
        passage("a", "t1", [ent("A", "company", ["A"])], rule="cashtag"),
        passage("b", "t2", [ent("B", "company", ["B"])], rule="index"),
    ]
    report = score(ps, [result([p_ent("A", "company", "A")]), result([])])
    assert report["rules"]["cashtag"]["entities"]["recall"] == 1.0
    assert report["rules"]["index"]["entities"]["recall"] == 0.0
    assert report["rules"]["index"]["passages"] == 1


# --------------------------------------------------------------------------- entity matching


def test_one_shared_listing_is_enough_but_type_must_agree() -> None:
    ps = [
        passage(
            "a",
            "t",
            [
                ent("Tencent Holdings Ltd.", "company", ["0700.HK", "TCEHY"]),
                ent("Hang Seng Tech Index", "index", ["HSTECH.HK"]),
            ],
        )
    ]
    preds = [
        result(
            [
                p_ent("Tencent", "company", "TCEHY"),  # listings incomplete: still found
                p_ent("Hang Seng Tech", "company", "HSTECH.HK"),
            ]
        )
    ]  # wrong type
    report = score(ps, preds)
    e = report["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (1, 1, 1)
    assert report["overall"]["listings"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    miss = report["misses"][0]
    assert miss["kind"] == "entity" and "found as" in miss["hint"]


def test_listed_entity_is_not_matched_by_name_alone() -> None:
    ps = [passage("a", "t", [ent("Alibaba Group Holding Ltd.", "company", ["9988.HK"])])]
    preds = [result([p_ent("Alibaba Group Holding Ltd.", "company", "ALB")])]
    e = score(ps, preds)["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (0, 1, 1)


def test_private_companies_match_by_name_with_legal_forms_and_prefixes() -> None:
    ps = [
        passage(
            "a",
            "t",
            [
                ent("ByteDance Ltd.", "private", []),
                ent("Moonshot AI", "private", []),
                ent("SpaceX", "private", []),
                ent("Ant Group", "private", []),
            ],
        )
    ]
    preds = [
        result(
            [
                p_ent("ByteDance", "private"),
                p_ent("Moonshot", "private"),
                p_ent(
                    "Space Exploration Technologies Corp.", "private", mentions=["SpaceX"]
                ),  # found through its mention
                p_ent("Ant Group Co., Ltd.", "private"),
            ]
        )
    ]
    e = score(ps, preds)["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (4, 0, 0)


def test_private_company_given_as_company_is_a_miss() -> None:
    ps = [passage("a", "t", [ent("OpenAI", "private", [])])]
    e = score(ps, [result([p_ent("OpenAI", "company")])])["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (0, 1, 1)


def test_products_need_their_name_and_their_owners_listing() -> None:
    ps = [
        passage(
            "a",
            "t",
            [
                ent("WeChat", "product", ["0700.HK"]),
                ent("TikTok", "product", []),
                ent("Honor of Kings", "product", ["0700.HK"]),
            ],
        )
    ]
    preds = [
        result(
            [
                p_ent("WeChat Pay", "product", "0700.HK"),  # prefix-compatible
                p_ent("TikTok", "product"),
                p_ent("Honor of Kings", "product"),
            ]
        )
    ]  # owner's listing missing
    e = score(ps, preds)["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (2, 1, 1)


def test_matching_is_one_to_one() -> None:
    ps = [passage("a", "t", [ent("Alibaba", "company", ["9988.HK", "BABA"])])]
    preds = [result([p_ent("Alibaba", "company", "9988.HK"), p_ent("Alibaba", "company", "BABA")])]
    e = score(ps, preds)["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (1, 1, 0)


def test_matching_finds_the_best_assignment() -> None:
    # greedy would give the two-listing prediction to the first expected entity and miss one
    ps = [passage("a", "t", [ent("X", "company", ["AAA", "BBB"]), ent("Y", "company", ["AAA"])])]
    preds = [result([p_ent("P", "company", "AAA", "BBB"), p_ent("Q", "company", "BBB")])]
    e = score(ps, preds)["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (2, 0, 0)


def test_absent_items_are_false_hits_and_traps() -> None:
    ps = [passage("a", "A meta-analysis.", [], absent=["META", "Meta"])]
    report = score(ps, [result([p_ent("Meta Platforms Inc.", "company", "META")])])
    e = report["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (0, 1, 0)  # one entity, one false hit
    assert report["overall"]["traps"] == {"hit": 2, "total": 2}
    assert report["false_hits"][0]["reason"].startswith("absent")


def test_absent_listing_on_a_matched_entity_counts_once_more() -> None:
    ps = [
        passage(
            "a",
            "t",
            [ent("SoftBank Group Corp.", "company", ["9984.T"])],
            absent=["9434.T", "SoftBank Corp."],
        )
    ]
    preds = [result([p_ent("SoftBank Group Corp.", "company", "9984.T", "9434.T")])]
    report = score(ps, preds)
    e = report["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (1, 1, 0)
    assert report["overall"]["traps"]["hit"] == 1  # the name is not checked on a match


def test_absent_name_does_not_penalise_the_expected_entity() -> None:
    ps = [
        passage(
            "a",
            "t",
            [ent("Tencent Holdings Ltd.", "company", ["0700.HK"])],
            absent=["Tencent Music", "TME"],
        )
    ]
    report = score(ps, [result([p_ent("Tencent Holdings Ltd.", "company", "0700.HK")])])
    e = report["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (1, 0, 0)
    assert report["overall"]["traps"]["hit"] == 0


def test_primary_listing_is_scored_apart() -> None:
    ps = [
        passage(
            "a",
            "t",
            [
                ent("Alibaba", "company", ["9988.HK", "BABA"], "BABA"),
                ent("Tencent", "company", ["0700.HK"], "0700.HK"),
                ent("JD", "company", ["JD", "9618.HK"]),
            ],
        )
    ]  # no primary given
    preds = [
        result(
            [
                p_ent("Alibaba", "company", "9988.HK", "BABA"),
                p_ent("Tencent", "company", "0700.HK"),
                p_ent("JD", "company", "9618.HK", "JD"),
            ]
        )
    ]
    report = score(ps, preds)
    assert report["overall"]["entities"]["f1"] == 1.0
    assert report["overall"]["primary"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert report["wrong_primary"] == [
        {"id": "a", "rule": "r", "entity": "Alibaba", "expected": "BABA", "got": "9988.HK"}
    ]


def test_symbols_compare_case_insensitively() -> None:
    ps = [passage("a", "t", [ent("Alibaba", "company", ["9988.HK"], "9988.HK")])]
    report = score(ps, [result([p_ent("Alibaba", "company", "9988.hk")])])
    assert report["overall"]["entities"]["tp"] == 1
    assert report["overall"]["primary"]["correct"] == 1


# --------------------------------------------------------------------------- quotations


def test_quotation_marks_and_whitespace_are_normalised() -> None:
    ps = [passage("a", "t", [], [quo("Share prices  have run ahead,\nof earnings", "Jane Doe")])]
    preds = [result([], [p_quo("“share prices have run ahead, of earnings.”", "jane doe")])]
    q = score(ps, preds)["overall"]["quotations"]
    assert (q["tp"], q["fp"], q["fn"]) == (1, 0, 0)


def test_overlap_threshold_is_80_percent_of_the_shorter() -> None:
    expected = "abcdefghij" * 2  # 20 characters
    ps = [
        passage("a", "t1", [], [quo(expected, None)]),
        passage("b", "t2", [], [quo(expected, None)]),
    ]
    preds = [
        result([], [p_quo(expected[:16] + "XXXXXXXXXXXX", None)]),  # 16/20 = 0.80
        result([], [p_quo(expected[:15] + "XXXXXXXXXXXX", None)]),
    ]  # 15/20 = 0.75
    report = score(ps, preds)
    q = report["overall"]["quotations"]
    assert (q["tp"], q["fp"], q["fn"]) == (1, 1, 1)
    assert st.overlap_ratio(expected, expected[:16] + "XXXX") == pytest.approx(0.8)


def test_a_longer_prediction_containing_the_quotation_matches() -> None:
    ps = [passage("a", "t", [], [quo("Profit margins will come under pressure", "Jo Li")])]
    preds = [
        result(
            [], [p_quo("Profit margins will come under pressure. We still like banks.", "Jo Li")]
        )
    ]
    assert score(ps, preds)["overall"]["quotations"]["tp"] == 1


def test_speaker_must_match_but_text_only_is_reported() -> None:
    ps = [
        passage(
            "a",
            "t",
            [],
            [quo("We are buying", "Jane Doe"), quo("Too early", None), quo("Not yet", "John Roe")],
        )
    ]
    preds = [
        result(
            [],
            [
                p_quo("We are buying", "Doe"),  # surname only: wrong
                p_quo("Too early", None),  # null vs null: right
                p_quo("Not yet", None),
            ],
        )
    ]  # null vs a name: wrong
    report = score(ps, preds)
    q, t = report["overall"]["quotations"], report["overall"]["quotation_text"]
    assert (q["tp"], q["fp"], q["fn"]) == (1, 2, 2)
    assert (t["tp"], t["fp"], t["fn"]) == (3, 0, 0)
    hints = [m["hint"] for m in report["misses"]]
    assert "text found, speaker 'Doe'" in hints


def test_organisation_speakers_ignore_legal_forms_and_case() -> None:
    ps = [
        passage(
            "a",
            "t",
            [],
            [
                quo("Deal closes in March", "Vodafone Group plc"),
                quo("Record levels", "Hong Kong Exchanges and Clearing Ltd."),
            ],
        )
    ]
    preds = [
        result(
            [],
            [
                p_quo("Deal closes in March", "VODAFONE"),
                p_quo("Record levels", "Hong Kong Exchanges and Clearing Limited"),
            ],
        )
    ]
    assert score(ps, preds)["overall"]["quotations"]["tp"] == 2


def test_speaker_accents_do_not_matter() -> None:
    ps = [passage("a", "t", [], [quo("Adding banks", "Nicolás Ferreyra")])]
    preds = [result([], [p_quo("Adding banks", "Nicolas Ferreyra")])]
    assert score(ps, preds)["overall"]["quotations"]["tp"] == 1


def test_split_quotation_counts_each_part() -> None:
    ps = [
        passage(
            "a",
            "t",
            [],
            [
                quo("Hong Kong is cheap", "Wong Ka-lok"),
                quo("but cheap markets can stay cheap for a long time", "Wong Ka-lok"),
            ],
        )
    ]
    merged = "Hong Kong is cheap but cheap markets can stay cheap for a long time"
    q = score(ps, [result([], [p_quo(merged, "Wong Ka-lok")])])["overall"]["quotations"]
    assert (q["tp"], q["fp"], q["fn"]) == (1, 0, 1)


def test_scare_quotes_predicted_as_quotations_are_false_hits() -> None:
    ps = [passage("a", "The so-called “Magnificent Seven” rallied.")]
    q = score(ps, [result([], [p_quo("Magnificent Seven", None)])])["overall"]["quotations"]
    assert (q["tp"], q["fp"], q["fn"]) == (0, 1, 0)
    assert q["precision"] == 0.0 and q["recall"] is None


def test_title_and_organization_accuracy() -> None:
    ps = [
        passage(
            "a",
            "t",
            [],
            [
                quo("One", "Jane Doe", title="chief strategist", organization="Example Capital"),
                quo("Two", "John Roe", organization="Sample Partners"),
                quo("Three", "Ann Poe"),
            ],
        )
    ]
    preds = [
        result(
            [],
            [
                p_quo(
                    "One", "Jane Doe", title="Chief Strategist", organization="Example Capital Ltd"
                ),
                p_quo("Two", "John Roe", organization=None),
                p_quo("Three", "Ann Poe", title="analyst"),
            ],
        )
    ]
    o = score(ps, preds)["overall"]
    assert o["title"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert o["organization"] == {"correct": 1, "total": 2, "accuracy": 0.5}


# --------------------------------------------------------------------------- engine shapes


def test_engine_failure_scores_misses_and_is_reported() -> None:
    ps = [
        passage("a", "t1", [ent("A", "company", ["A"])], [quo("x y z", None)]),
        passage("b", "t2", [ent("B", "company", ["B"])]),
    ]
    preds = [RuntimeError("boom"), result([p_ent("B", "company", "B")])]
    report = score(ps, preds)
    e = report["overall"]["entities"]
    assert (e["tp"], e["fp"], e["fn"]) == (1, 0, 1)
    assert report["overall"]["quotations"]["fn"] == 1
    assert report["errors"] == [{"id": "a", "error": "RuntimeError: boom"}]


def test_missing_engine_scores_everything_as_missed() -> None:
    ps = [passage("a", "t", [ent("A", "company", ["A"])])]
    report = st.run(ps, None, "engine unavailable: ImportError", engine="none")
    assert report["overall"]["entities"]["recall"] == 0.0
    assert report["errors"][0]["error"].startswith("engine unavailable")


def test_json_contract_shape_and_offsets_are_checked() -> None:
    text = "Alibaba (NYSE: BABA) rose."
    raw = {
        "entities": [
            {
                "name": "Alibaba Group Holding Ltd.",
                "type": "company",
                "listings": ["9988.HK", "BABA"],
                "mentions": [
                    {"start": 0, "end": 7, "text": "Alibaba", "why": "name"},
                    {"start": 15, "end": 19, "text": "BAB", "why": "symbol"},
                    {"start": 90, "end": 95, "text": "x", "why": "symbol"},
                ],
            }
        ],
        "quotations": [
            {
                "text": "rose",
                "speaker": None,
                "title": None,
                "organization": None,
                "start": 21,
                "end": 25,
            }
        ],
    }
    pred = st.normalise_prediction(raw, text)
    assert pred.entities[0].listings == ("9988.HK", "BABA")
    assert pred.entities[0].mentions[0] == "Alibaba"
    assert len(pred.offset_problems) == 2
    assert pred.quotations[0].speaker is None and pred.quotations[0].start == 21


def test_enum_types_and_listing_objects_are_read() -> None:
    import enum

    class Kind(enum.Enum):
        COMPANY = "company"

    raw = NS(
        entities=[
            NS(name="Alibaba", type=Kind.COMPANY, listings=(NS(symbol="9988.HK"),), mentions=())
        ],
        quotations=[],
    )
    pred = st.normalise_prediction(raw, "Alibaba")
    assert pred.entities[0].type == "company" and pred.entities[0].listings == ("9988.HK",)


def test_name_normalisation() -> None:
    words = st.name_words
    assert words("Goldman Sachs Group Inc.") == words("goldman sachs")
    assert words("JPMorgan Chase & Co.") == ("jpmorgan", "chase")
    assert words("Novo Nordisk A/S") == ("novo", "nordisk")
    assert words("Alibaba’s") == ("alibaba",)
    assert words("The Group") == ("group",)  # never strips a name to nothing
    assert st.names_compatible("WeChat", "WeChat Pay")
    assert st.names_compatible("Tencent", "Tencent Music")  # why listed entities match by symbol
    assert not st.names_compatible("SoftBank Corp.", "SoftBank Group Corp.", legal=True)
    assert not st.names_compatible("Doe", "Jane Doe")
    assert not st.speakers_match("Doe", "Jane Doe")
    assert st.speakers_match(None, None)


# --------------------------------------------------------------------------- command line


def _write_passages(path: Path, passages: list[dict]) -> None:
    path.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in passages), encoding="utf-8"
    )


FAKE_ENGINE = textwrap.dedent(
    """
    from types import SimpleNamespace as NS

    def tag(text):
        ents = []
        if "Alibaba" in text:
            ents.append(NS(name="Alibaba Group Holding Ltd.", type="company",
                           listings=("9988.HK", "BABA"), mentions=()))
        return NS(entities=ents, quotations=[])
    """
)

FAKE_CLI = textwrap.dedent(
    """
    import json, sys
    assert sys.argv[1:] == ["tag", "-", "--json"], sys.argv
    text = sys.stdin.buffer.read().decode("utf-8")
    if "crash" in text:
        sys.exit(1)
    out = {"entities": [], "quotations": []}
    if "Alibaba" in text:
        i = text.index("Alibaba")
        out["entities"].append({"name": "Alibaba Group Holding Ltd.", "type": "company",
                                "listings": ["9988.HK", "BABA"],
                                "mentions": [{"start": i, "end": i + 7, "text": "Alibaba",
                                              "why": "name"}]})
    if "“" in text:
        a, b = text.index("“") + 1, text.index("”")
        out["quotations"].append({"text": text[a:b], "speaker": "Jane Doe", "title": None,
                                  "organization": None, "start": a, "end": b})
    print(json.dumps(out))
    """
)


@pytest.fixture
def small_set(tmp_path: Path) -> Path:
    data = tmp_path / "passages.jsonl"
    _write_passages(
        data,
        [
            passage(
                "one-01",
                "Alibaba rose. “Good quarter,” said Jane Doe.",
                [ent("Alibaba Group Holding Ltd.", "company", ["9988.HK", "BABA"])],
                [quo("Good quarter", "Jane Doe")],
                rule="one",
            ),
            passage("two-01", "Nothing to see, crash here.", [], [], absent=["AI"], rule="two"),
        ],
    )
    return data


def test_main_with_an_engine_module_prints_json_and_exits_0(
    small_set: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "fake_tagging_engine.py").write_text(FAKE_ENGINE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    code = st.main(["--data", str(small_set), "--engine", "fake_tagging_engine:tag", "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["passages"] == 2
    assert report["overall"]["entities"]["f1"] == 1.0
    assert report["overall"]["quotations"]["recall"] == 0.0
    assert set(report["rules"]) == {"one", "two"}


def test_main_text_report_verbose_and_filters(
    small_set: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "fake_tagging_engine.py").write_text(FAKE_ENGINE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert (
        st.main(
            [
                "--data",
                str(small_set),
                "--engine",
                "fake_tagging_engine:tag",
                "--verbose",
                "--rule",
                "one",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "1 passages" in out and "entities" in out and "quotation+speaker" in out
    assert "misses (1):" in out and "Good quarter" in out
    assert (
        st.main(["--data", str(small_set), "--engine", "fake_tagging_engine:tag", "--id", "two-*"])
        == 0
    )
    assert "1 passages" in capsys.readouterr().out


def test_main_through_the_cli_contract(
    small_set: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "fake_briefing.py"
    script.write_text(FAKE_CLI, encoding="utf-8")
    command = f"'{sys.executable}' '{script}'"
    assert st.main(["--data", str(small_set), "--cli", "--briefing", command, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["entities"]["tp"] == 1
    assert report["overall"]["quotations"]["tp"] == 1
    assert report["overall"]["offset_problems"] == 0
    assert [e["id"] for e in report["errors"]] == ["two-01"]  # the fake exits 1 on "crash"


def test_main_exits_0_when_the_engine_cannot_be_imported(
    small_set: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert st.main(["--data", str(small_set), "--engine", "no_such_module_xyz:tag"]) == 0
    captured = capsys.readouterr()
    assert "engine unavailable" in captured.err
    assert "engine errors" in captured.out


def test_main_exits_1_without_passages(tmp_path: Path) -> None:
    assert st.main(["--data", str(tmp_path / "missing.jsonl")]) == 1


# --------------------------------------------------------------------------- the labelled set

RULES = {
    "cashtag",
    "exchange",
    "yahoo",
    "reuters",
    "bloomberg",
    "hk-code",
    "legal-suffix",
    "possessive",
    "longest-match",
    "holding",
    "adr-primary",
    "ambiguous-company",
    "ambiguous-word",
    "person-name",
    "non-ticker",
    "index",
    "index-trap",
    "private",
    "product",
    "fund",
    "quote-straight",
    "quote-curly",
    "quote-split",
    "quote-open-paragraph",
    "quote-partial",
    "quote-said-x",
    "quote-x-said",
    "quote-note",
    "quote-according",
    "quote-told",
    "quote-added",
    "quote-appositive",
    "quote-resolve",
    "quote-org",
    "quote-unattributed",
    "scare-quotes",
    "quote-headline",
    "article",
}
SYMBOL = re.compile(r"^\^?[A-Z0-9]{1,10}(-[A-Z])?(\.[A-Z]{1,2})?$")


def _plain(s: str) -> str:
    return st.normalise_quotation(s).replace("'", "")


@pytest.fixture(scope="module")
def labelled() -> list[dict]:
    return st.load_passages(PASSAGES)


def test_labelled_set_shape(labelled: list[dict]) -> None:
    assert len(labelled) >= 120
    ids = [p["id"] for p in labelled]
    assert len(ids) == len(set(ids)), "passage ids must be unique"
    for p in labelled:
        assert set(p) == {"id", "rule", "text", "region", "entities", "absent", "quotations"}, p[
            "id"
        ]
        assert p["rule"] in RULES, p["id"]
        assert p["region"] in (None, "US", "HK", "CN", "JP", "KR", "TW", "IN", "UK", "EU"), p["id"]
        assert 0 < len(p["text"]) < 1500, p["id"]
        assert "\r" not in p["text"] and "\n\n\n" not in p["text"], p["id"]
        for e in p["entities"]:
            assert set(e) == {"name", "type", "listings", "primary"}, (p["id"], e)
            assert e["type"] in st.ENTITY_TYPES, (p["id"], e)
            assert all(SYMBOL.match(s) for s in e["listings"]), (p["id"], e)
            assert e["primary"] is None or e["primary"] in e["listings"], (p["id"], e)
            if e["type"] == "private":
                assert e["listings"] == [], (p["id"], e)
            if e["type"] in ("company", "index", "fund"):
                assert e["listings"], (p["id"], e)
        assert all(isinstance(a, str) and a.strip() for a in p["absent"]), p["id"]
        for q in p["quotations"]:
            assert set(q) <= {"text", "speaker", "title", "organization"}, (p["id"], q)
            assert q["text"].strip(), p["id"]


def test_every_rule_has_several_passages(labelled: list[dict]) -> None:
    counts: dict[str, int] = {}
    for p in labelled:
        counts[p["rule"]] = counts.get(p["rule"], 0) + 1
    assert set(counts) == RULES
    thin = {r: n for r, n in counts.items() if n < 3}
    assert not thin, f"rules with fewer than 3 passages: {thin}"


def test_labels_are_grounded_in_their_passage(labelled: list[dict]) -> None:
    for p in labelled:
        plain = _plain(p["text"])
        for q in p["quotations"]:
            assert _plain(q["text"]) in plain, (p["id"], q["text"])
            for key in ("speaker", "title", "organization"):
                if q.get(key):
                    assert q[key].casefold() in p["text"].casefold(), (p["id"], key, q[key])
        for e in p["entities"]:
            assert not any(a.upper() in {s.upper() for s in e["listings"]} for a in p["absent"]), (
                p["id"],
                e,
            )


def test_labelled_set_covers_the_traps_of_issue_3(labelled: list[dict]) -> None:
    text = "\n".join(p["text"] for p in labelled)
    for needle in (
        "$BABA",
        "$baba.hk",
        "(NYSE: GS)",
        "(NASDAQ:JD;",
        "HKEX: 9988",
        "TYO: 9984",
        "LON: VOD",
        "9988.HK",
        "0700.HK",
        "9984.T",
        "VOD.L",
        "AAPL.O",
        "IBM.N",
        "700 HK",
        "9984 JP",
        "(00700)",
        "Tencent Music",
        "SoftBank Corp.",
        "meta-analysis",
        "shell companies",
        "snap election",
        "visa rules",
        "Times Square",
        "Amazon rainforest",
        "Apple growers",
        "inflation target",
        "The gap between",
        "Miriam Ford",
        "Hang Seng Tech gauge",
        "Nasdaq 100",
        "Nasdaq Composite",
        "S&P 500",
        "the Dow",
        "Nikkei 225",
        "Kospi",
        "FTSE 100",
        "DAX",
        "CSI 300",
        "OpenAI",
        "ByteDance",
        "SpaceX",
        "Stripe",
        "Shein",
        "Discord",
        "TikTok",
        "ChatGPT",
        "WeChat",
        "’s",
        "'s",
        "\n\n“",
        "wrote in a note",
        "according to",
        "told",
        "added",
        "she added",
        "said.",
    ):
        assert needle in text, needle
    quoted = [q for p in labelled for q in p["quotations"]]
    assert len(quoted) >= 80
    assert sum(q["speaker"] is None for q in quoted) >= 4
    assert sum(1 for p in labelled if p["rule"] == "scare-quotes" and not p["quotations"]) >= 3
