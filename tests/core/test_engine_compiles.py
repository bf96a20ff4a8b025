"""The tagging engine's hot modules are compiled with mypyc at install (setup.py). mypyc
refuses code that does not type-check, and the install then goes on with plain Python, about
1.5 times slower and silently: so the modules must type-check as mypyc reads them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_compiled_modules_type_check() -> None:
    pytest.importorskip("mypy")
    setup = (ROOT / "setup.py").read_text(encoding="utf-8")
    names = setup.split('for name in (', 1)[1].split(")", 1)[0]
    modules = [f"briefing/core/tagging/{n.strip().strip(chr(34))}.py"
               for n in names.replace("\n", " ").split(",") if n.strip()]
    assert len(modules) >= 10, modules
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", *modules], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
