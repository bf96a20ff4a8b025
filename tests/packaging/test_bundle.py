"""The desktop app as users get it: the PyInstaller bundle built from briefing.spec, its
self-test, a refresh through the frozen app (worker processes included), and the per-user
desktop install and uninstall. Slow (about a minute): marked `slow`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("PyInstaller is not installed (make setup installs it)")
    out = tmp_path_factory.mktemp("bundle")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(out / "dist"), "--workpath", str(out / "build"),
                    str(ROOT / "briefing.spec")], cwd=ROOT, check=True, timeout=900,
                   capture_output=True)
    app = out / "dist" / "briefing"
    assert (app / "briefing").is_file()
    return app


def run(app: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_DATA_DIR"}
    env.update(QT_QPA_PLATFORM="offscreen", NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
    return subprocess.run([str(app / "briefing"), *args], capture_output=True, text=True,
                          env=env, timeout=300, **kw)  # type: ignore[call-overload]


def test_the_bundle_passes_its_self_test(bundle: Path) -> None:
    done = run(bundle, "--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all checks passed" in done.stdout
    # the compiled tagging engine came along, every module of it
    assert re.search(r"tagging engine: (\d+) of \1 compiled", done.stdout), done.stdout
    size = sum(f.lstat().st_size for f in bundle.rglob("*") if not f.is_symlink()) / 1e6
    print(f"bundle size: {size:.0f} MB")


def test_the_frozen_app_refreshes_and_tags(bundle: Path, feed_server, tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Story {i}</title><guid isPermaLink='false'>s{i}</guid>"
        f"<description>Alibaba Group Holding Ltd. (NYSE: BABA) moved {i}%.</description>"
        "</item>" for i in range(30))
    feed_server.add("/f.xml", f"<?xml version='1.0'?><rss version='2.0'><channel>"
                    f"<title>Frozen</title>{items}</channel></rss>",
                    content_type="application/rss+xml")
    data = str(tmp_path / "data")
    assert run(bundle, "--data-dir", data, "add", feed_server.url("/f.xml")).returncode == 0
    refreshed = run(bundle, "--data-dir", data, "refresh", "--json")
    assert refreshed.returncode == 0, refreshed.stderr
    listed = run(bundle, "--data-dir", data, "articles", "--ticker", "9988.HK", "--limit", "0")
    assert listed.stdout.count("Story") == 30


def test_desktop_install_and_uninstall(bundle: Path, tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("no make here")
    prefix = tmp_path / "prefix"
    make = ["make", f"PREFIX={prefix}", f"BUNDLE={bundle}"]
    subprocess.run([*make, "install-desktop"], cwd=ROOT, check=True, capture_output=True)
    desktop = prefix / "share/applications/io.github.briefing.Briefing.desktop"
    assert f"Exec={prefix}/share/briefing/briefing" in desktop.read_text()
    assert (prefix / "share/icons/hicolor/256x256/apps/io.github.briefing.Briefing.png").is_file()
    version = subprocess.run([str(prefix / "bin/briefing"), "--version"], capture_output=True,
                             text=True, check=True)
    assert version.stdout.startswith("briefing ")
    subprocess.run([*make, "uninstall-desktop"], cwd=ROOT, check=True, capture_output=True)
    assert not desktop.exists() and not (prefix / "bin/briefing").exists()
    assert not (prefix / "share/briefing").exists()


def test_appstream_metadata_is_valid() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed here")
    done = subprocess.run([tool, "validate", "--no-net", str(
        ROOT / "packaging/linux/io.github.briefing.Briefing.metainfo.xml")],
        capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pip_install_gives_the_command_and_the_gui_entry_point(tmp_path: Path) -> None:
    """A wheel built from the checkout: `briefing` and `briefing-gui` are installed, the
    resources travel inside the package, and the installed app passes its self-test."""
    import sysconfig
    import venv

    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q",
                    "-w", str(wheels)], check=True, capture_output=True, timeout=900)
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    wheel = next(wheels.glob("briefing-*.whl"))
    subprocess.run([str(target / "bin/python"), "-m", "pip", "install", "-q", "--no-deps",
                    str(wheel)], check=True, capture_output=True, timeout=300)
    assert (target / "bin/briefing").is_file() and (target / "bin/briefing-gui").is_file()
    # dependencies from this environment, the package itself from the new one
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"],
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([str(target / "bin/briefing"), "--self-test"], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert str(target) in done.stdout  # resources found inside the installed package
