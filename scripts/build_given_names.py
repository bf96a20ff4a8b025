#!/usr/bin/env python3
"""Build resources/names/given-names.tsv: first names and their usual gender, for the tagging
engine (briefing.core.tagging.given_names).

The engine reads it twice: a first name right before a company's name makes a person ("Michael
Dell", "Yuki Toyota"), and "he" or "she" goes to the nearest person the pronoun fits.

    .venv/bin/python scripts/build_given_names.py      # needs pip install -e '.[catalog]'

Kept: names written in letters (and hyphens) that are not among the rarest (2 or more on the
dictionary's 1..13 scale in some country), and not a common English word unless English-
speaking countries use it as a name too ("The" and "Young" go, "John" and "Mark" stay), each
with "m" or "f" when the dictionary gives it
mostly to men or to women, else "?" (either). See scripts/given_names.py for the source and
resources/names/README.md for the licence.
"""

from __future__ import annotations

import sys
from pathlib import Path

from given_names import read_given_names

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "names" / "given-names.tsv"
MIN_FREQUENCY = 2


WORD_ZIPF = 5.0  # as common an English word as "said" or "may"


def main() -> int:
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        print("needs wordfreq: pip install -e '.[catalog]'", file=sys.stderr)
        return 1
    kept = sorted((n for n in read_given_names().values()
                   if n.frequency >= MIN_FREQUENCY and n.name[:1].isupper()
                   and n.name.replace("-", "").isalpha()
                   and not (n.english == 0 and zipf_frequency(n.name, "en") >= WORD_ZIPF)),
                  key=lambda n: n.name)
    # One line a gender, the names after a tab, separated by spaces: read with three splits
    # (a line a name took ten times longer to load).
    lines = [f"{gender}\t" + " ".join(n.name for n in kept if n.gender == gender)
             for gender in ("m", "f", "?")]
    header = ("# Given names by their usual gender (m, f; ? for either), built by "
              "scripts/build_given_names.py from gender-guesser's nam_dict.txt "
              "(GNU FDL 1.2+, see README.md).\n")
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(kept)} names, {TARGET.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
