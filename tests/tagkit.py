"""What the tagging tests read of the engine's results, in one place.

Test modules import these by name (tests/conftest.py puts tests/ on sys.path)::

    from tagkit import kinds, names, one, speaker_of, tagged
"""

from __future__ import annotations

from briefing.core.models import Quotation
from briefing.core.tagging import tag_text
from briefing.core.tagging.quotations import find_quotations


def tagged(text: str) -> set[str]:
    """Every listing of every tagged entity."""
    return {s for e in tag_text(text).entities for s in e.listings}


def names(text: str) -> set[str]:
    """The catalog names of every tagged entity."""
    return {e.name for e in tag_text(text).entities}


def kinds(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each tagged entity's type and listings, by its catalog name."""
    return {e.name: (e.type, tuple(e.listings)) for e in tag_text(text).entities}


def quotes(text: str) -> list[Quotation]:
    """The quotations of a text, each checked to point at its own words."""
    found = find_quotations(text)
    for q in found:
        assert text[q.start:q.end] == q.text, q
    return found


def one(text: str, words: str) -> Quotation:
    """The one quotation that begins with `words`."""
    matches = [q for q in quotes(text) if q.text.startswith(words)]
    assert len(matches) == 1, (words, [(q.text, q.speaker) for q in quotes(text)])
    return matches[0]


def speaker_of(text: str, words: str) -> str | None:
    return one(text, words).speaker
