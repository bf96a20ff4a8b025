#!/usr/bin/env python3
"""Score the tagging engine against the labelled passages in tests/data/tagging/passages.jsonl.

Usage
-----
    python scripts/score_tagging.py                 # in-process: briefing.core.tagging.tag_text
    python scripts/score_tagging.py --verbose       # ... plus every miss and false hit
    python scripts/score_tagging.py --cli           # through `briefing tag - --json` (the contract)
    python scripts/score_tagging.py --cli --briefing ".venv/bin/briefing"
    python scripts/score_tagging.py --engine pkg.module:function   # any text -> tags callable
    python scripts/score_tagging.py --json          # one JSON document on stdout
    python scripts/score_tagging.py --rule cashtag --rule quote-split --id 'article-*'
    python scripts/score_tagging.py --set real-dev -v   # one set: passages, real, real-dev,
                                                        # real-holdout (default: each in turn)

Two labelled sets are scored, each on its own: the passages written for the project
(tests/data/tagging/passages.jsonl) and paragraphs of real articles from public news archives
(tests/data/tagging/real/*.jsonl, see the README there). A quarter of the real excerpts, chosen
by a hash of their id, is held out: the engine is tuned on the rest (real-dev), and the
held-out part (real-holdout) estimates how it does on articles it never saw.

It measures, it does not test: the exit status is 0 whenever scoring ran, whatever the figures
(an engine that cannot be imported, or that fails on a passage, scores those passages as misses
and is listed under "errors"). It is 1 only when the passages file cannot be read, 2 on bad usage.

The passages file
-----------------
One JSON object per line: id, rule, text, region, entities (name, type, listings, primary),
absent (symbols or names that must not be tagged), quotations (text, speaker, optional title and
organization). See tests/data/tagging/README.md.

Conventions the labels follow
-----------------------------
* A quotation is someone's words. A quoted span is a quotation when it is attributed to a
  speaker (named, an organisation, or anonymous: "one trader said") or when it is a clause or
  sentence presented as what somebody said or wrote, even without attribution. Scare quotes are
  NOT quotations: a word or short phrase in quotes used as a label, nickname, slogan or name
  (the so-called "Magnificent Seven", Beijing's "national team", Alibaba's "1+6+N" plan) with no
  one saying it. An attributed single word is a quotation (the bank could "comfortably" beat).
* Each contiguous quoted span is one quotation: a quotation split around its attribution
  ("A," she said, "B.") is two quotations with the same speaker. A quotation that a paragraph
  opens and leaves open because the next paragraph continues it is ONE quotation, its text the
  paragraphs' words joined by a space. Quotes nested inside a quotation are part of it.
* Quotation text is the words between the quote marks, without the marks.
* Speaker: the full name given in the passage ("Doe said" and "she added" resolve to "Jane Doe");
  an organisation's name as the passage gives it when an organisation speaks; null when the
  quotation is unattributed or its speaker is anonymous ("one trader", "a person who manages
  money"). Quotations in a headline are quotations too; their speaker is whoever the headline or
  article attributes them to, resolved to the full name given in the passage.
* Title and organisation are given only when the passage gives them (apposition "said Jane Doe,
  chief strategist at Example Capital in Sydney", "Example Capital analyst Jane Doe", "Jane Doe
  of Example Capital"), and are then expected for every quotation of that speaker.
* Entities: every company, index, fund, private company and product a careful market reader
  would tag, including a speaker's employer when it is a real listed company. Invented firms
  (speakers' employers) are not entities: tagging them is a false hit.
* primary is given when the passage makes the market clear (a region, an exchange, an explicit
  symbol), else null.

Matching rules
--------------
Names are compared after normalising: Unicode NFKD without accents, case-folded, curly
apostrophes made straight, a trailing possessive ('s) and full stops removed, "A/S" read as "AS",
split into words (letters/digits, and "&"), a leading "the" dropped, then trailing legal-form
words dropped repeatedly while more than one word is left: inc, incorporated, corp, corporation,
co, company, ltd, limited, plc, ag, se, sa, nv, spa, ab, as, asa, llc, lp, pbc, holding,
holdings, group, "&". So "Goldman Sachs Group Inc." and "Goldman Sachs" are the same name;
"Ant Group" and "Ant Group Co., Ltd." too.

Entities. An expected entity is found when a predicted entity has the same type and:
  * company / index / fund with expected listings: the predicted listings share at least one of
    the expected listings (symbols compared case-insensitively);
  * private company, or any entity expected with no listings: the names are compatible: equal
    after normalising, or one's words are a leading run of the other's ("Moonshot AI" /
    "Moonshot"; "WeChat" / "WeChat Pay"), tried against the predicted name and against the text of
    each predicted mention (so "SpaceX" is found under the name "Space Exploration Technologies");
  * product: compatible names as above AND, when the expected product has listings (its owner's),
    a shared listing.
Matching is one-to-one (a maximum bipartite matching per passage): a second predicted entity for
the same company is a false hit. A predicted entity that matches nothing expected is a false hit
(reported as a trap when it also hits an "absent" item: one of its listings is the absent
symbol, or its name or a mention is name-compatible with the absent name, legal forms kept, so
absent "SoftBank Corp." is not hit by "SoftBank Group Corp."). A predicted entity that does
match but carries a listing named in "absent" counts as one more false hit ("absent" names are
only checked against entities that match nothing, so the expected Tencent is not penalised for the
absent "Tencent Music").
Secondary figures, reported apart from precision and recall:
  * primary: for matched entities whose primary is given, listings[0] equals it;
  * listings: the share of expected listings present among the matched entities' listings;
  * traps: absent items hit by any predicted entity, out of all absent items.

Quotations. Texts are normalised: NFKC, curly single quotes/apostrophes made straight, double
quote marks of any style (" “ ” „ « » 「 」 ...) removed, whitespace collapsed, case-folded,
leading/trailing spaces, single quote marks and punctuation (.,;:!?-–—…) trimmed. Two texts
overlap when their longest common substring (in characters, after normalising) is at least 80%
of the shorter text. An expected quotation is found (quotation+speaker) when a predicted
quotation overlaps it and the speakers match: both null, or equal names after normalising
(case-insensitive, legal-form words dropped, so "Vodafone Group plc" and "Vodafone" match;
"Doe" does not match "Jane Doe"). Matching is one-to-one. Also reported: quotation text alone
(ignoring speakers), and for quotation+speaker matches the accuracy of title and organization
where the passage gives them (normalised, either one containing the other).

Precision, recall and F1 are micro-averaged (summed true positives, false hits and misses over
the passages), overall and per rule. Undefined figures (nothing expected, nothing predicted) are
shown as "-" and null in JSON.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import importlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "tests" / "data" / "tagging" / "passages.jsonl"
REAL_DIR = ROOT / "tests" / "data" / "tagging" / "real"
SETS = ("passages", "real", "real-dev", "real-holdout")

ENTITY_TYPES = ("company", "index", "fund", "private", "product")
OVERLAP = 0.8

LEGAL_WORDS = frozenset(
    "inc incorporated corp corporation co company ltd limited plc ag se sa nv spa ab as asa "
    "llc lp pbc holding holdings group &".split()
)

_DOUBLE_QUOTES = '"“”„‟«»「」『』〝〞〟＂'
_SINGLE_QUOTES = "‘’‚‛`´′"
_TRIM = " '.,;:!?-–—…"


# --------------------------------------------------------------------------- normalising


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def name_words(name: str | None, *, legal: bool = False) -> tuple[str, ...]:
    """A name as comparable words (see the module docstring); legal=True keeps legal forms."""
    if not name:
        return ()
    s = _strip_accents(name).casefold()
    for ch in _SINGLE_QUOTES:
        s = s.replace(ch, "'")
    s = re.sub(r"\ba/s\b", "as", s)
    s = s.replace(".", "")
    s = re.sub(r"'s?\b", "", s)
    words = re.findall(r"\w+|&", s)
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while not legal and len(words) > 1 and words[-1] in LEGAL_WORDS:
        words.pop()
    return tuple(words)


def names_compatible(a: str | None, b: str | None, *, legal: bool = False) -> bool:
    """Equal after normalising, or one is a leading run of the other's words."""
    wa, wb = name_words(a, legal=legal), name_words(b, legal=legal)
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return long_[: len(short)] == short


def same_name(a: str | None, b: str | None) -> bool:
    return bool(name_words(a)) and name_words(a) == name_words(b)


def normalise_quotation(text: str | None) -> str:
    if not text:
        return ""
    s = unicodedata.normalize("NFKC", text)
    for ch in _SINGLE_QUOTES:
        s = s.replace(ch, "'")
    for ch in _DOUBLE_QUOTES:
        s = s.replace(ch, " ")
    return " ".join(s.split()).casefold().strip(_TRIM)


def overlap_ratio(a: str, b: str) -> float:
    """Longest common substring of the normalised texts over the shorter one's length."""
    na, nb = normalise_quotation(a), normalise_quotation(b)
    if not na or not nb:
        return 0.0
    m = SequenceMatcher(None, na, nb, autojunk=False).find_longest_match(0, len(na), 0, len(nb))
    return m.size / min(len(na), len(nb))


def speakers_match(expected: str | None, predicted: str | None) -> bool:
    if expected is None or predicted is None:
        return expected is None and predicted is None
    return same_name(expected, predicted)


def _contains_either(a: str | None, b: str | None, *, as_name: bool) -> bool:
    if not a or not b:
        return False
    if as_name:
        wa, wb = " ".join(name_words(a)), " ".join(name_words(b))
    else:
        wa = " ".join(re.findall(r"\w+|&", _strip_accents(a).casefold()))
        wb = " ".join(re.findall(r"\w+|&", _strip_accents(b).casefold()))
    if not wa or not wb:
        return False
    return f" {wa} " in f" {wb} " or f" {wb} " in f" {wa} "


# --------------------------------------------------------------------------- predictions


@dataclass(frozen=True)
class PredEntity:
    name: str
    type: str
    listings: tuple[str, ...]
    mentions: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"{self.name} [{self.type} {' '.join(self.listings) or '-'}]"


@dataclass(frozen=True)
class PredQuotation:
    text: str
    speaker: str | None
    title: str | None = None
    organization: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Prediction:
    entities: tuple[PredEntity, ...]
    quotations: tuple[PredQuotation, ...]
    offset_problems: tuple[str, ...] = ()


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _as_str(value: Any) -> str:
    value = getattr(value, "value", value)  # enums
    return "" if value is None else str(value)


def _opt_str(value: Any) -> str | None:
    return None if value is None else _as_str(value) or None


def normalise_prediction(raw: Any, text: str) -> Prediction:
    """Read the engine's answer: a tag_text() result (attributes) or the CLI's JSON (dicts)."""
    problems: list[str] = []
    entities: list[PredEntity] = []
    for ent in _get(raw, "entities", None) or ():
        listings = tuple(
            _as_str(_get(x, "symbol", x)) if not isinstance(x, str) else x
            for x in (_get(ent, "listings", None) or ())
        )
        mention_texts: list[str] = []
        for m in _get(ent, "mentions", None) or ():
            start, end, mtext = _get(m, "start"), _get(m, "end"), _get(m, "text")
            if isinstance(start, int) and isinstance(end, int):
                if not 0 <= start <= end <= len(text):
                    problems.append(f"mention {start}:{end} outside the text")
                else:
                    if mtext is not None and text[start:end] != mtext:
                        problems.append(
                            f"mention {start}:{end} is {text[start:end]!r}, not {mtext!r}"
                        )
                    mtext = mtext if mtext is not None else text[start:end]
            if mtext:
                mention_texts.append(str(mtext))
        entities.append(
            PredEntity(
                name=_as_str(_get(ent, "name", "")),
                type=_as_str(_get(ent, "type", "")),
                listings=listings,
                mentions=tuple(mention_texts),
            )
        )
    quotations: list[PredQuotation] = []
    for q in _get(raw, "quotations", None) or ():
        start, end = _get(q, "start"), _get(q, "end")
        if isinstance(start, int) and isinstance(end, int) and not 0 <= start <= end <= len(text):
            problems.append(f"quotation {start}:{end} outside the text")
        quotations.append(
            PredQuotation(
                text=_as_str(_get(q, "text", "")),
                speaker=_opt_str(_get(q, "speaker")),
                title=_opt_str(_get(q, "title")),
                organization=_opt_str(_get(q, "organization")),
                start=start if isinstance(start, int) else None,
                end=end if isinstance(end, int) else None,
            )
        )
    return Prediction(tuple(entities), tuple(quotations), tuple(problems))


# --------------------------------------------------------------------------- matching


def _max_matching(candidates: Sequence[Sequence[int]], n_right: int) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn): left index -> right index."""
    owner: list[int | None] = [None] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            k = owner[j]
            if k is None or augment(k, seen):
                owner[j] = i
                return True
        return False

    for i in range(len(candidates)):
        augment(i, set())
    return {i: j for j, i in enumerate(owner) if i is not None}


def _upper(symbols: Iterable[str]) -> set[str]:
    return {s.strip().upper() for s in symbols if s}


def entity_matches(expected: dict[str, Any], pred: PredEntity) -> bool:
    if pred.type != expected["type"]:
        return False
    exp_listings = _upper(expected.get("listings") or ())
    shares = bool(exp_listings & _upper(pred.listings))
    if exp_listings and expected["type"] != "product":
        return shares
    names = (pred.name, *pred.mentions)
    if not any(names_compatible(expected["name"], n) for n in names):
        return False
    return shares if exp_listings else True


def absent_hit(item: str, pred: PredEntity, *, by_name: bool) -> bool:
    if item.strip().upper() in _upper(pred.listings):
        return True
    if by_name:  # legal forms kept: absent "SoftBank Corp." is not "SoftBank Group Corp."
        return any(names_compatible(item, n, legal=True) for n in (pred.name, *pred.mentions))
    return False


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": p, "recall": r, "f1": f1}


@dataclass
class Ratio:
    good: int = 0
    total: int = 0

    def add(self, other: Ratio) -> None:
        self.good += other.good
        self.total += other.total

    def as_dict(self) -> dict[str, Any]:
        return {
            "correct": self.good,
            "total": self.total,
            "accuracy": self.good / self.total if self.total else None,
        }


@dataclass
class PassageScore:
    id: str
    rule: str
    entities: Counts = field(default_factory=Counts)
    quotations: Counts = field(default_factory=Counts)
    quotation_text: Counts = field(default_factory=Counts)
    primary: Ratio = field(default_factory=Ratio)
    listings: Ratio = field(default_factory=Ratio)
    title: Ratio = field(default_factory=Ratio)
    organization: Ratio = field(default_factory=Ratio)
    traps: Ratio = field(default_factory=Ratio)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_hits: list[dict[str, Any]] = field(default_factory=list)
    wrong_primary: list[dict[str, Any]] = field(default_factory=list)
    offset_problems: list[str] = field(default_factory=list)
    error: str | None = None


def _describe_expected(e: dict[str, Any]) -> str:
    return f"{e['name']} [{e['type']} {' '.join(e.get('listings') or ()) or '-'}]"


def _describe_quotation(text: str | None, speaker: str | None) -> str:
    short = (text or "")[:70] + ("..." if text and len(text) > 70 else "")
    return f"“{short}” — {speaker if speaker is not None else 'null'}"


def score_passage(
    passage: dict[str, Any], prediction: Prediction | None, error: str | None = None
) -> PassageScore:
    """Score one passage. prediction None (with error) means the engine failed on it."""
    ps = PassageScore(passage["id"], passage["rule"], error=error)
    expected_e: list[dict[str, Any]] = passage.get("entities") or []
    expected_q: list[dict[str, Any]] = passage.get("quotations") or []
    absent: list[str] = passage.get("absent") or []
    pred = prediction or Prediction((), ())
    ps.offset_problems = list(pred.offset_problems)

    # ---- entities
    cands = []
    for e in expected_e:
        js = [j for j, p in enumerate(pred.entities) if entity_matches(e, p)]
        primary = (e.get("primary") or "").upper()
        js.sort(
            key=lambda j, e=e, primary=primary: (
                bool(primary) and _upper(pred.entities[j].listings[:1]) != {primary},
                -len(_upper(e.get("listings") or ()) & _upper(pred.entities[j].listings)),
            )
        )
        cands.append(js)
    match = _max_matching(cands, len(pred.entities))
    matched_preds = set(match.values())
    ps.entities.tp = len(match)
    ps.entities.fn = len(expected_e) - len(match)
    for i, e in enumerate(expected_e):
        if i not in match:
            hint = ""
            for j, p in enumerate(pred.entities):
                if j in matched_preds:
                    continue
                if _upper(e.get("listings") or ()) & _upper(p.listings):
                    hint = f"found as {p.describe()}"
                    break
                if names_compatible(e["name"], p.name):
                    hint = f"found as {p.describe()}"
                    break
            ps.misses.append(
                {
                    "id": ps.id,
                    "rule": ps.rule,
                    "kind": "entity",
                    "expected": _describe_expected(e),
                    "hint": hint,
                }
            )
            continue
        p = pred.entities[match[i]]
        exp_listings = [s.upper() for s in e.get("listings") or ()]
        got = _upper(p.listings)
        ps.listings.total += len(exp_listings)
        ps.listings.good += sum(1 for s in exp_listings if s in got)
        if e.get("primary"):
            ps.primary.total += 1
            first = p.listings[0].upper() if p.listings else None
            if first == e["primary"].upper():
                ps.primary.good += 1
            else:
                ps.wrong_primary.append(
                    {
                        "id": ps.id,
                        "rule": ps.rule,
                        "entity": e["name"],
                        "expected": e["primary"],
                        "got": first,
                    }
                )
    for j, p in enumerate(pred.entities):
        if j in matched_preds:
            hits = [a for a in absent if absent_hit(a, p, by_name=False)]
            if hits:
                ps.entities.fp += 1
                ps.false_hits.append(
                    {
                        "id": ps.id,
                        "rule": ps.rule,
                        "kind": "entity",
                        "predicted": p.describe(),
                        "reason": "absent listing: " + ", ".join(hits),
                    }
                )
        else:
            ps.entities.fp += 1
            hits = [a for a in absent if absent_hit(a, p, by_name=True)]
            ps.false_hits.append(
                {
                    "id": ps.id,
                    "rule": ps.rule,
                    "kind": "entity",
                    "predicted": p.describe(),
                    "reason": ("absent: " + ", ".join(hits)) if hits else "not expected",
                }
            )
    ps.traps.total = len(absent)
    ps.traps.good = sum(
        1
        for a in absent
        if any(
            absent_hit(a, p, by_name=j not in matched_preds) for j, p in enumerate(pred.entities)
        )
    )  # "good" here counts traps that were hit

    # ---- quotations
    ratios = [[overlap_ratio(q["text"], p.text) for p in pred.quotations] for q in expected_q]
    text_cands, full_cands = [], []
    for i, q in enumerate(expected_q):
        js = [j for j, r in enumerate(ratios[i]) if r >= OVERLAP]
        js.sort(key=lambda j: -ratios[i][j])
        text_cands.append(js)
        full_cands.append(
            [j for j in js if speakers_match(q.get("speaker"), pred.quotations[j].speaker)]
        )
    text_match = _max_matching(text_cands, len(pred.quotations))
    full_match = _max_matching(full_cands, len(pred.quotations))
    for counts, m in ((ps.quotation_text, text_match), (ps.quotations, full_match)):
        counts.tp = len(m)
        counts.fn = len(expected_q) - len(m)
        counts.fp = len(pred.quotations) - len(m)
    used = set(full_match.values())
    for i, q in enumerate(expected_q):
        if i in full_match:
            p = pred.quotations[full_match[i]]
            if q.get("title"):
                ps.title.total += 1
                ps.title.good += _contains_either(q["title"], p.title, as_name=False)
            if q.get("organization"):
                ps.organization.total += 1
                ps.organization.good += _contains_either(
                    q["organization"], p.organization, as_name=True
                )
            continue
        hint = ""
        for j in text_cands[i]:
            if j not in used:
                hint = f"text found, speaker {pred.quotations[j].speaker!r}"
                break
        ps.misses.append(
            {
                "id": ps.id,
                "rule": ps.rule,
                "kind": "quotation",
                "expected": _describe_quotation(q["text"], q.get("speaker")),
                "hint": hint,
            }
        )
    for j, p in enumerate(pred.quotations):
        if j not in used:
            reason = "not expected"
            for i, q in enumerate(expected_q):
                if i not in full_match and j in text_cands[i]:
                    reason = f"wrong speaker: {q.get('speaker')!r} expected"
                    break
            else:
                if any(r >= OVERLAP for r in (row[j] for row in ratios)):
                    reason = "overlaps a quotation already matched (split in two?)"
            ps.false_hits.append(
                {
                    "id": ps.id,
                    "rule": ps.rule,
                    "kind": "quotation",
                    "predicted": _describe_quotation(p.text, p.speaker),
                    "reason": reason,
                }
            )
    return ps


# --------------------------------------------------------------------------- running


Tagger = Callable[[str], Any]


def load_passages(path: Path | str) -> list[dict[str, Any]]:
    passages = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    passages.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: {exc}") from exc
    return passages


def held_out(passage_id: str) -> bool:
    """One real excerpt in four, by a hash of its id, is kept out of tuning."""
    digest = hashlib.sha1(passage_id.encode("utf-8")).digest()
    return digest[0] % 4 == 0


def load_set(name: str) -> list[dict[str, Any]]:
    """A named set: the written passages, or the real excerpts (all, tuning part, held out)."""
    if name == "passages":
        return load_passages(DEFAULT_DATA)
    real = [p for path in sorted(REAL_DIR.glob("*.jsonl")) for p in load_passages(path)]
    if name == "real-dev":
        return [p for p in real if not held_out(p["id"])]
    if name == "real-holdout":
        return [p for p in real if held_out(p["id"])]
    return real


def api_tagger() -> Tagger:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from briefing.core.tagging import tag_text

    return tag_text


def engine_tagger(spec: str) -> Tagger:
    module, _, func = spec.partition(":")
    if not func:
        raise ValueError(f"--engine wants MODULE:FUNCTION, not {spec!r}")
    return getattr(importlib.import_module(module), func)


def default_briefing_command() -> list[str]:
    sibling = Path(sys.executable).with_name("briefing")
    if sibling.exists():
        return [str(sibling)]
    found = shutil.which("briefing")
    return [found or "briefing"]


def cli_tagger(command: Sequence[str], timeout: float = 120.0) -> Tagger:
    """`briefing tag - --json`: the text on stdin (UTF-8), the DESIGN.md JSON on stdout."""

    def tag(text: str) -> Any:
        proc = subprocess.run(
            [*command, "tag", "-", "--json"],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        if proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(f"exit status {proc.returncode}: {err[-1] if err else ''}")
        return json.loads(proc.stdout.decode("utf-8"))

    return tag


def run(
    passages: Sequence[dict[str, Any]],
    tagger: Tagger | None,
    engine_error: str | None = None,
    engine: str = "",
) -> dict[str, Any]:
    """Tag every passage with `tagger` and score it. tagger None: every passage fails."""
    scores = []
    started = time.perf_counter()
    for passage in passages:
        if tagger is None:
            scores.append(score_passage(passage, None, engine_error or "no engine"))
            continue
        try:
            raw = tagger(passage["text"])
            pred = normalise_prediction(raw, passage["text"])
        except Exception as exc:  # measure, never crash
            scores.append(score_passage(passage, None, f"{type(exc).__name__}: {exc}"))
            continue
        scores.append(score_passage(passage, pred))
    return summarise(scores, engine=engine, seconds=time.perf_counter() - started)


def summarise(
    scores: Sequence[PassageScore], engine: str = "", seconds: float | None = None
) -> dict[str, Any]:
    keys = ("entities", "quotations", "quotation_text")
    ratios = ("primary", "listings", "title", "organization", "traps")
    overall: dict[str, Any] = {k: Counts() for k in keys} | {k: Ratio() for k in ratios}
    rules: dict[str, dict[str, Any]] = {}
    for s in scores:
        per = rules.setdefault(
            s.rule, {"passages": 0} | {k: Counts() for k in keys} | {"primary": Ratio()}
        )
        per["passages"] += 1
        for k in keys:
            overall[k].add(getattr(s, k))
            per[k].add(getattr(s, k))
        for k in ratios:
            overall[k].add(getattr(s, k))
        per["primary"].add(s.primary)

    def out(d: dict[str, Any]) -> dict[str, Any]:
        return {k: (v.as_dict() if isinstance(v, Counts | Ratio) else v) for k, v in d.items()}

    traps = overall.pop("traps")
    report = {
        "engine": engine,
        "passages": len(scores),
        "seconds": round(seconds, 3) if seconds is not None else None,
        "overall": out(overall)
        | {
            "traps": {"hit": traps.good, "total": traps.total},
            "offset_problems": sum(len(s.offset_problems) for s in scores),
        },
        "rules": {r: out(v) for r, v in sorted(rules.items())},
        "errors": [{"id": s.id, "error": s.error} for s in scores if s.error],
        "misses": [m for s in scores for m in s.misses],
        "false_hits": [m for s in scores for m in s.false_hits],
        "wrong_primary": [m for s in scores for m in s.wrong_primary],
        "offset_problems": [{"id": s.id, "problem": p} for s in scores for p in s.offset_problems],
    }
    return report


# --------------------------------------------------------------------------- printing


def _f(x: float | None) -> str:
    return "    -" if x is None else f"{x:5.3f}"


def format_report(report: dict[str, Any], verbose: bool = False) -> str:
    o = report["overall"]
    lines = [
        f"Tagging score: {report['passages']} passages, engine {report['engine']}"
        + (f", {report['seconds']:.2f} s" if report.get("seconds") is not None else "")
    ]
    lines.append(f"{'':22}{'P':>7}{'R':>7}{'F1':>7}    tp/fp/fn")
    for label, key in (
        ("entities", "entities"),
        ("quotation+speaker", "quotations"),
        ("quotation text only", "quotation_text"),
    ):
        c = o[key]
        lines.append(
            f"{label:22}  {_f(c['precision'])}  {_f(c['recall'])}  {_f(c['f1'])}"
            f"    {c['tp']}/{c['fp']}/{c['fn']}"
        )
    for label, key in (
        ("primary listing", "primary"),
        ("quotation title", "title"),
        ("quotation organization", "organization"),
    ):
        r = o[key]
        lines.append(f"{label:22}  {_f(r['accuracy'])}  ({r['correct']}/{r['total']})")
    li = o["listings"]
    lines.append(
        f"{'expected listings':22}  {_f(li['accuracy'])}  ({li['correct']}/{li['total']}"
        " present on matched entities)"
    )
    lines.append(f"{'traps hit':22}  {o['traps']['hit']} of {o['traps']['total']} absent items")
    if o["offset_problems"]:
        lines.append(f"{'offset problems':22}  {o['offset_problems']}")
    if report["errors"]:
        lines.append(
            f"{'engine errors':22}  {len(report['errors'])} passages "
            f"(first: {report['errors'][0]['error']})"
        )
    lines.append("")
    lines.append(
        f"{'rule':22}{'n':>4}   {'ent P':>5}  {'ent R':>5}  {'ent F1':>6}"
        f"   {'q P':>5}  {'q R':>5}  {'q F1':>5}   primary"
    )
    for rule, r in report["rules"].items():
        e, q, p = r["entities"], r["quotations"], r["primary"]
        prim = f"{p['correct']}/{p['total']}" if p["total"] else "-"
        lines.append(
            f"{rule:22}{r['passages']:>4}   {_f(e['precision'])}  {_f(e['recall'])}"
            f"  {_f(e['f1'])}    {_f(q['precision'])}  {_f(q['recall'])}"
            f"  {_f(q['f1'])}   {prim}"
        )
    if verbose:
        for title, key, fmt in (
            (
                "misses",
                "misses",
                lambda m: (
                    f"{m['id']:18} {m['kind']:9} {m['expected']}"
                    + (f"  ({m['hint']})" if m["hint"] else "")
                ),
            ),
            (
                "false hits",
                "false_hits",
                lambda m: f"{m['id']:18} {m['kind']:9} {m['predicted']}  ({m['reason']})",
            ),
            (
                "wrong primary listing",
                "wrong_primary",
                lambda m: f"{m['id']:18} {m['entity']}: expected {m['expected']}, got {m['got']}",
            ),
            ("offset problems", "offset_problems", lambda m: f"{m['id']:18} {m['problem']}"),
            ("engine errors", "errors", lambda m: f"{m['id']:18} {m['error']}"),
        ):
            items = report[key]
            if items:
                lines.append("")
                lines.append(f"{title} ({len(items)}):")
                lines.extend("  " + fmt(m) for m in items)
    return "\n".join(lines)


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Precision/recall of the tagging engine on the labelled passages."
    )
    ap.add_argument("--data", type=Path, help="a passages JSONL file to score")
    ap.add_argument("--set", action="append", dest="sets", choices=SETS,
                    help="a labelled set to score (repeatable; default: passages, real-dev "
                         "and real-holdout, each on its own)")
    how = ap.add_mutually_exclusive_group()
    how.add_argument(
        "--cli",
        action="store_true",
        help="run `briefing tag - --json` per passage instead of importing",
    )
    how.add_argument(
        "--engine",
        metavar="MODULE:FUNC",
        help="a callable text -> tags (tag_text's or the JSON contract's shape)",
    )
    ap.add_argument(
        "--briefing",
        metavar="CMD",
        help="the briefing command for --cli (default: next to this Python)",
    )
    ap.add_argument("--rule", action="append", help="only passages of this rule (repeatable)")
    ap.add_argument(
        "--id",
        action="append",
        dest="ids",
        metavar="GLOB",
        help="only passages whose id matches (repeatable)",
    )
    ap.add_argument("--json", action="store_true", help="print one JSON document")
    ap.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list misses, false hits and wrong primary listings",
    )
    args = ap.parse_args(argv)

    if args.data:
        named = [(str(args.data), args.data)]
    else:
        named = [(n, n) for n in (args.sets or ("passages", "real-dev", "real-holdout"))]
    chosen: list[tuple[str, list[dict[str, Any]]]] = []
    for label, source in named:
        try:
            passages = load_passages(source) if isinstance(source, Path) else load_set(source)
        except (OSError, ValueError) as exc:
            print(f"score_tagging: cannot read the passages: {exc}", file=sys.stderr)
            return 1
        if args.rule:
            passages = [p for p in passages if p["rule"] in set(args.rule)]
        if args.ids:
            passages = [p for p in passages
                        if any(fnmatch.fnmatch(p["id"], g) for g in args.ids)]
        if passages or args.data:
            chosen.append((label, passages))

    tagger: Tagger | None = None
    engine_error = None
    if args.cli:
        command = shlex.split(args.briefing) if args.briefing else default_briefing_command()
        engine = "cli: " + " ".join(command) + " tag - --json"
        tagger = cli_tagger(command)
    else:
        engine = args.engine or "briefing.core.tagging.tag_text"
        try:
            tagger = engine_tagger(args.engine) if args.engine else api_tagger()
        except Exception as exc:
            engine_error = f"engine unavailable: {type(exc).__name__}: {exc}"
            print(f"score_tagging: {engine_error}", file=sys.stderr)

    reports = {label: run(passages, tagger, engine_error, engine) for label, passages in chosen}
    if args.json:
        doc = next(iter(reports.values())) if args.data else reports
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        texts = []
        for label, report in reports.items():
            # Held-out misses are not listed unless that set alone is asked for.
            quiet = label == "real-holdout" and args.sets != ["real-holdout"]
            texts.append(f"== {label}\n" + format_report(report, args.verbose and not quiet))
        print("\n\n".join(texts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
