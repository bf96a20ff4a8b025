#!/usr/bin/env python3
"""Build resources/names/given-names.tsv: given names that are clearly a man's or a woman's,
for resolving "he said" / "she said" to the right person (briefing.core.tagging.given_names).

Built from the `gender-guesser` package (a development-time dependency only, never imported by
Briefing): `.venv/bin/pip install gender-guesser`, then

    .venv/bin/python scripts/build_given_names.py

Kept: names that gender-guesser calls "male" or "female" across all its countries (names it
calls "mostly", or used for both, are left out: a pronoun may then go to either), written in
letters only, and not among the rarest (frequency class 1 of 13 in every country), which keeps
the file small. See resources/names/README.md for the licence of the data.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "names" / "given-names.tsv"
MIN_FREQUENCY = 2  # nam_dict.txt's frequency classes: 1 (very rare) .. 13 (very common)
HEX = "0123456789abcdefABCDEF"


def _frequencies(data: Path) -> dict[str, int]:
    """Each name's highest frequency class over the countries of nam_dict.txt."""
    best: dict[str, int] = {}
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in "#=" or len(line) < 31:
                continue
            name = line.split()[1]
            values = [int(ch, 16) for ch in line[30:-1] if ch in HEX]
            best[name] = max(best.get(name, 0), max(values, default=0))
    return best


def main() -> int:
    try:
        from gender_guesser.detector import Detector  # type: ignore[import-untyped]
    except ImportError:
        print("needs gender-guesser: .venv/bin/pip install gender-guesser", file=sys.stderr)
        return 1
    import gender_guesser

    data = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    frequency = _frequencies(data)
    detector = Detector()
    rows = []
    for name, freq in frequency.items():
        if freq < MIN_FREQUENCY or not name.isalpha() or not name[:1].isupper():
            continue
        gender = {"male": "m", "female": "f"}.get(detector.get_gender(name))
        if gender:
            rows.append(f"{name}\t{gender}\n")
    rows.sort()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    header = ("# Given names and the gender they clearly belong to (m/f), built by "
              "scripts/build_given_names.py from gender-guesser's nam_dict.txt "
              "(GNU FDL 1.2+, see README.md).\n")
    TARGET.write_text(header + "".join(rows), encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(rows)} names, {TARGET.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
