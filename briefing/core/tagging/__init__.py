"""The tagging engine: companies, indexes, private companies and products with their listings,
and quotations with their speakers, found in any text.

    result = tag_text("Alibaba (NYSE: BABA) rose, “a fine quarter,” said Jane Doe.")

Results are computed once, at refresh time, and stored per article; the window only reads them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from ..models import Entity, Mention, Quotation, TagResult
from . import (
    attribution,
    catalog,
    entities,
    evidence,
    given_names,
    names,
    quotations,
    quote_marks,
    resolve,
    shorthand,
    speakers,
    speech,
    symbols,
)
from .catalog import OVERRIDES_NAME, Catalog, load_catalog
from .entities import find_entities
from .quotations import find_quotations

__all__ = ["OVERRIDES_NAME", "Catalog", "TagResult", "get_catalog", "load_catalog",
           "tag_article", "tag_text"]

# Raise when the engine's results change: stored articles are then tagged again.
ENGINE_VERSION = 5  # 4-5: issue 12, tagging on real news
MAX_TEXT = 2_000_000  # characters tagged per text: beyond this, the rest is left untagged

def build_state() -> dict[str, str]:
    """How each of the engine's hot modules runs: "compiled" (mypyc, at install), "python",
    or "stale" (compiled from an older source than the one beside it: reinstall)."""
    state = {}
    for module in (catalog, entities, evidence, resolve, shorthand, symbols, quotations,
                   quote_marks, attribution, speech, speakers, names, given_names):
        name = module.__name__.rsplit(".", 1)[-1]
        built = Path(module.__file__ or "")
        if built.suffix == ".py":
            state[name] = "python"
            continue
        source = built.with_name(name + ".py")
        # Only a source checkout (setup.py beside the package) can hold newer sources than
        # its compiled files; an installed wheel's files all carry their install times.
        checkout = (Path(__file__).resolve().parents[3] / "setup.py").exists()
        stale = checkout and source.exists() and source.stat().st_mtime > built.stat().st_mtime
        state[name] = "stale" if stale else "compiled"
    return state


_lock = threading.Lock()
_cached: dict[tuple[str, float], Catalog] = {}


def get_catalog(overrides: Path | None = None) -> Catalog:
    """The shipped catalog with a user's overrides, loaded once per process and file version."""
    stamp = overrides.stat().st_mtime if overrides is not None and overrides.exists() else 0.0
    key = (str(overrides or ""), stamp)
    with _lock:
        if key not in _cached:
            _cached.clear()
            _cached[key] = load_catalog(overrides=overrides)
        return _cached[key]


def guess_region(text: str, catalog: Catalog | None = None) -> str | None:
    """The market an article is about, when its words make that clear."""
    names = (catalog or get_catalog()).names
    return names.region(names.scan(text))


def tag_text(text: str, *, catalog: Catalog | None = None, region: str | None = None) -> TagResult:
    """Entities and quotations of a text; offsets are indices into `text`."""
    return _tag(text, catalog or get_catalog(), region, 0)


def _tag(text: str, catalog: Catalog, region: str | None, title_end: int) -> TagResult:
    body = text[:MAX_TEXT]
    matches = catalog.names.scan(body)  # names, aliases, region cues and symbol triggers
    region = region or catalog.names.region(matches)
    entities = tuple(find_entities(body, catalog, region, matches, title_end))
    quotations = tuple(_quotations_in_chunks(body, lambda: _firms(entities, title_end)))
    return TagResult(entities=entities, quotations=quotations, region=region)


def _firms(entities: tuple[Entity, ...], title_end: int) -> list[tuple[int, str]]:
    """Where the text names companies (offsets into the tagged text), and by what name."""
    return sorted((m.start if m.field == "title" else m.start + title_end, m.text)
                  for e in entities if e.type == "company" or e.type == "private"
                  for m in e.mentions if m.why != "symbol")


QUOTATION_CHUNK = 50_000  # characters: attribution looks back within a chunk, never further


def _quotations_in_chunks(text: str, firms: Callable[[], list[tuple[int, str]]]
                          ) -> list[Quotation]:
    """Quotations of a long text, a few pages at a time (cut between paragraphs), so a huge
    input costs time in proportion to its length."""
    if len(text) <= QUOTATION_CHUNK:
        return find_quotations(text, firms)
    found: list[Quotation] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + QUOTATION_CHUNK)
        if end < len(text):
            cut = text.rfind("\n", start + QUOTATION_CHUNK // 2, end)
            end = cut + 1 if cut >= 0 else end
        local = [(at - start, name) for at, name in firms() if start <= at < end]
        for q in find_quotations(text[start:end], local.copy):
            found.append(Quotation(q.text, q.start + start, q.end + start, q.speaker, q.title,
                                   q.organization))
        start = end
    return found


def tag_article(title: str, text: str, *, catalog: Catalog | None = None) -> TagResult:
    """Tags of an article: the title reads as context, and mentions say which field they are in.

    Offsets of text mentions index the article's text; those of title mentions its title.
    """
    joined = f"{title}\n\n{text}" if title else text
    shift = len(title) + 2 if title else 0
    result = _tag(joined, catalog or get_catalog(), None, shift)
    if not shift:
        return result
    quotations = [
        Quotation(q.text, q.start - shift, q.end - shift, q.speaker, q.title, q.organization)
        for q in result.quotations if q.start >= shift
    ]
    return TagResult(result.entities, tuple(quotations), result.region)


def to_json(result: TagResult) -> dict[str, object]:
    """The `briefing tag --json` shape of DESIGN.md."""
    return {
        "entities": [_entity_json(e) for e in result.entities],
        "quotations": [_quotation_json(q) for q in result.quotations],
    }


def _entity_json(e: Entity) -> dict[str, object]:
    return {"name": e.name, "type": e.type, "listings": list(e.listings),
            "mentions": [_mention_json(m) for m in e.mentions]}


def _mention_json(m: Mention) -> dict[str, object]:
    out: dict[str, object] = {"start": m.start, "end": m.end, "text": m.text, "why": m.why}
    if m.field != "text":
        out["field"] = m.field
    return out


def _quotation_json(q: Quotation) -> dict[str, object]:
    return {"text": q.text, "speaker": q.speaker, "title": q.title,
            "organization": q.organization, "start": q.start, "end": q.end}
