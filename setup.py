"""Build step beyond pyproject.toml: the tagging engine's hot modules compiled with mypyc.

The engine's modules are ordinary typed Python; compiled, they tag about 1.5 times faster (see
README). Set BRIEFING_PURE_PYTHON=1 to skip compiling; if mypyc or a C compiler is missing, the
build goes on without them and the same modules run as plain Python.
"""

import os
import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent

COMPILED = [f"briefing/core/tagging/{name}.py"
            for name in ("catalog", "entities", "evidence", "resolve", "shorthand", "symbols",
                         "quotations", "quote_marks", "attribution", "speech", "speakers",
                         "names", "given_names")]


def ext_modules() -> list:
    if os.environ.get("BRIEFING_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify

        modules = mypycify(COMPILED, opt_level="3", group_name="briefing_tagging")
    except (Exception, SystemExit) as exc:  # mypyc exits on a type error
        print(f"briefing: not compiling the tagging engine ({exc!r})", file=sys.stderr)
        return []
    for module in modules:
        module.optional = True  # no C compiler: plain Python, same results
    return modules


class BuildWithResources(build_py):
    """Wheels carry the top-level resources/ (ticker catalog, sample, icons, default feeds)
    inside the package, as briefing/resources, where briefing.core.paths looks first."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "briefing" / "resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(ROOT / "resources", target)


setup(ext_modules=ext_modules(), cmdclass={"build_py": BuildWithResources})
