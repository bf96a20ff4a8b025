"""`briefing --self-test`: checks an installed or frozen Briefing end to end.

Every module imports; the resources (catalog, sample, icons) are where the code looks for
them; a temporary archive takes the offline sample and searches it; the tagging engine finds
a company and a quotation with its speaker; an offscreen window opens and draws a chart; the
keyring backend in use is reported, and the check fails when it is one that stores nothing
while a working one is installed (a frozen app that lost keyring's backend metadata).
Exit status 0 when every check passes; each line says what was checked.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CheckResult = tuple[bool, str]


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a window without a screen
    started = time.perf_counter()
    checks: list[tuple[str, Callable[[], CheckResult]]] = [
        ("modules", _modules), ("resources", _resources), ("archive", _archive),
        ("tagging", _tagging), ("window", _window), ("keyring", _keyring),
    ]
    failed = 0
    for name, check in checks:
        t0 = time.perf_counter()
        try:
            ok, detail = check()
        except Exception as exc:  # a self-test reports every failure, whatever it is
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name:<10} {detail} "
              f"({(time.perf_counter() - t0) * 1000:.0f} ms)", flush=True)
    total = time.perf_counter() - started
    print(f"{'all checks passed' if not failed else f'{failed} check(s) failed'} "
          f"in {total:.2f} s", flush=True)
    return 0 if not failed else 1


def _modules() -> CheckResult:
    import briefing

    names = [m.name for m in pkgutil.walk_packages(briefing.__path__, "briefing.")]
    for name in names:
        importlib.import_module(name)
    from briefing.core.tagging import build_state

    states = build_state()
    compiled = sum(1 for state in states.values() if state == "compiled")
    return True, (f"{len(names)} modules imported; tagging engine: {compiled} of "
                  f"{len(states)} compiled")


def _resources() -> CheckResult:
    from briefing.core.paths import resources_dir

    root = resources_dir()
    needed = ["catalog/catalog.json", "sample/briefing.json", "default-feeds.opml",
              "icons/briefing.svg"]
    missing = [n for n in needed if not (root / n).is_file()]
    if missing:
        return False, f"missing under {root}: {', '.join(missing)}"
    return True, f"found under {root}"


def _archive() -> CheckResult:
    from briefing.core.sample import load_sample
    from briefing.core.service import Service

    with tempfile.TemporaryDirectory() as tmp, Service(Path(tmp)) as svc:
        added = load_sample(svc)
        found = svc.search("Nasdaq", limit=5)
        if not added or not found:
            return False, f"sample stored {added} articles; search found {len(found)}"
        return True, f"temporary archive: {added} sample articles, search works"


def _tagging() -> CheckResult:
    from briefing.core.tagging import tag_text

    result = tag_text("Alibaba Group Holding Ltd. (NYSE: BABA) rose 3% in Hong Kong. "
                      "“Cloud demand is strong,” said Jane Okafor, an analyst at Example "
                      "Capital.")
    names = {e.name for e in result.entities}
    speakers = {q.speaker for q in result.quotations}
    ok = any("Alibaba" in n for n in names) and "Jane Okafor" in speakers
    return ok, f"entities {sorted(names)}, speakers {sorted(s or '?' for s in speakers)}"


def _window() -> CheckResult:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from briefing.core.models import Bars
    from briefing.ui.window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        win = MainWindow(Path(tmp))
        win.show()
        app.processEvents()
        now = time.time()
        bars = Bars("TEST", "1d", "USD", tuple((now - 300 * (20 - i), 100.0 + i % 7)
                                                for i in range(20)), "self-test", 100.0)
        win.ticker.show_listing("TEST", "Self-test", None)
        win.ticker.set_bars(bars)
        win.ticker_dock.show()
        app.processEvents()
        drawn = len(win.ticker.shown_times())
        picture = win.grab()
        win.close()
        app.processEvents()
    ok = drawn == 20 and not picture.isNull() and "Briefing" in win.windowTitle()
    return ok, (f"offscreen window {picture.width()}x{picture.height()}, chart of {drawn} "
                f"prices ({app.platformName()} platform)")


def _keyring() -> CheckResult:
    from briefing.core.secrets import Secrets

    secrets = Secrets()
    if secrets.persistent:
        return True, f"backend {secrets.backend_name}"
    working = _working_backends()
    if working:
        return False, (f"the keyring uses {secrets.backend_name}, which stores nothing, "
                       f"although {', '.join(working)} would work: keyring's backend "
                       "metadata is missing from this build")
    return True, (f"no keyring backend works on this system ({secrets.backend_name}); keys "
                  "are kept for the session only")


def _working_backends() -> list[str]:
    """Platform backends that would work here, asked directly (not through the entry-point
    metadata a frozen app may have lost)."""
    candidates = {"linux": "keyring.backends.SecretService:Keyring",
                  "win32": "keyring.backends.Windows:WinVaultKeyring",
                  "darwin": "keyring.backends.macOS:Keyring"}
    spec = candidates.get(sys.platform)
    if spec is None:
        return []
    module_name, _, cls_name = spec.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), cls_name)
        return [spec] if cls.priority > 0 else []
    except Exception:  # not installed, no D-Bus session, locked: not working here
        return []
