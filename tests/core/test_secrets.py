"""Secrets in the OS keyring: a real file backend, the no-keyring fallback, and (where the
machine has them) a real Secret Service — gnome-keyring in its own D-Bus session."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from briefing.core import secrets as secrets_module
from briefing.core.secrets import Secrets, SecretsError


def test_keys_and_feed_passwords_round_trip_through_the_keyring(file_keyring) -> None:
    s = Secrets()
    assert s.persistent and "PlaintextKeyring" in s.backend_name
    s.set("finnhub", "  fh-1  ")
    s.set_feed_password("https://user@feeds.example.test/private.xml", "pw-9")
    secrets_module._SESSION.clear()  # nothing kept aside: it comes from the keyring
    assert Secrets().get("finnhub") == "fh-1"
    assert keyring.get_password("briefing", "api-key:finnhub") == "fh-1"
    assert Secrets().feed_password("https://user@feeds.example.test/private.xml") == "pw-9"
    assert Secrets().remove("finnhub") and Secrets().get("finnhub") is None
    assert not Secrets().remove("finnhub")


def test_an_empty_key_is_refused(file_keyring) -> None:
    with pytest.raises(SecretsError, match="empty"):
        Secrets().set("finnhub", "   ")


def test_without_a_working_keyring_keys_last_for_the_session_only() -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    secrets_module._SESSION.clear()
    try:
        s = Secrets()
        assert not s.persistent
        s.set("twelvedata", "td-1")
        assert Secrets().get("twelvedata") == "td-1"  # the same session: still there
        secrets_module._SESSION.clear()  # a new session
        assert Secrets().get("twelvedata") is None
    finally:
        keyring.set_keyring(before)
        secrets_module._SESSION.clear()


SECRET_SERVICE_CHECK = """
import briefing.core.secrets as m
from briefing.core.secrets import Secrets
s = Secrets()
assert s.persistent and "SecretService" in s.backend_name, s.backend_name
s.set("alphavantage", "av-secret-service")
m._SESSION.clear()
assert Secrets().get("alphavantage") == "av-secret-service"
assert Secrets().remove("alphavantage") and Secrets().get("alphavantage") is None
print("secret service ok")
"""


@pytest.mark.skipif(not (shutil.which("dbus-run-session")
                         and shutil.which("gnome-keyring-daemon")),
                    reason="no D-Bus session tool or gnome-keyring here (.ci/run installs them)")
def test_keys_in_a_real_secret_service(tmp_path: Path) -> None:
    script = tmp_path / "check.py"
    script.write_text(SECRET_SERVICE_CHECK, encoding="utf-8")
    inner = tmp_path / "inner.sh"
    inner.write_text(
        "set -e\n"
        "eval $(printf test-pass | gnome-keyring-daemon --unlock --components=secrets "
        "--daemonize | sed 's/^/export /')\n"
        f"PYTHON_KEYRING_BACKEND=keyring.backends.SecretService.Keyring {sys.executable} "
        f"{script}\n", encoding="utf-8")
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_RUNTIME_DIR": str(runtime), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["dbus-run-session", "--", "bash", str(inner)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert "secret service ok" in done.stdout, done.stderr[-2000:]
