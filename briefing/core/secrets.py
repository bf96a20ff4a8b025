"""API keys and feed passwords, kept only in the operating system's keyring.

    secrets = Secrets()
    secrets.set("finnhub", key)       # stored by the keyring (Secret Service, Keychain, ...)
    secrets.get("finnhub")            # None when not set

Nothing here writes a secret anywhere else: not SQLite, not settings.json, not the log. Where
no keyring backend works (a bare server, a container), secrets are kept for this session only
and `persistent` is False, so the app can say so once, plainly.
"""

from __future__ import annotations

import logging
import threading

from .errors import BriefingError

log = logging.getLogger("briefing.secrets")
SERVICE = "briefing"  # the keyring's service name; entries are "api-key:<provider>" etc.


class SecretsError(BriefingError):
    pass


_SESSION: dict[str, str] = {}  # secrets kept for this session when the keyring cannot
_LOCK = threading.Lock()


def _api_entry(provider: str) -> str:
    return f"api-key:{provider}"


def _password_entry(feed_url: str) -> str:
    return f"feed-password:{feed_url}"


class Secrets:
    """Keys in the keyring; in memory for this session when no keyring backend works."""

    def __init__(self) -> None:
        self._session = _SESSION  # one per process: the window and its workers share it
        self._lock = _LOCK
        self.backend_name, self.persistent = _backend()

    # -- API keys -------------------------------------------------------------------------

    def get(self, provider: str) -> str | None:
        return self._read(_api_entry(provider))

    def set(self, provider: str, key: str) -> None:
        key = key.strip()
        if not key:
            raise SecretsError("The key is empty: paste the key the provider gave you.")
        self._write(_api_entry(provider), key)

    def remove(self, provider: str) -> bool:
        return self._delete(_api_entry(provider))

    # -- feed passwords (HTTP Basic) --------------------------------------------------------

    def feed_password(self, feed_url: str) -> str | None:
        return self._read(_password_entry(feed_url))

    def set_feed_password(self, feed_url: str, password: str) -> None:
        self._write(_password_entry(feed_url), password)

    def remove_feed_password(self, feed_url: str) -> bool:
        return self._delete(_password_entry(feed_url))

    # -- the keyring ------------------------------------------------------------------------

    def _read(self, entry: str) -> str | None:
        with self._lock:
            if entry in self._session:
                return self._session[entry]
        if not self.persistent:
            return None
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, entry)
        except KeyringError as exc:
            log.warning("the keyring could not be read (%s)", type(exc).__name__)
            return None

    def _write(self, entry: str, value: str) -> None:
        if self.persistent:
            import keyring
            from keyring.errors import KeyringError

            try:
                keyring.set_password(SERVICE, entry, value)
                with self._lock:
                    self._session.pop(entry, None)
                return
            except KeyringError as exc:  # locked, refused: keep it for this session
                log.warning("the keyring refused to store a secret (%s)", type(exc).__name__)
        with self._lock:
            self._session[entry] = value

    def _delete(self, entry: str) -> bool:
        with self._lock:
            found = self._session.pop(entry, None) is not None
        if self.persistent:
            import keyring
            from keyring.errors import KeyringError, PasswordDeleteError

            try:
                keyring.delete_password(SERVICE, entry)
                found = True
            except PasswordDeleteError:
                pass
            except KeyringError as exc:
                log.warning("the keyring could not delete a secret (%s)", type(exc).__name__)
        return found


def _backend() -> tuple[str, bool]:
    """The keyring backend in use, and whether it stores anything (the fail and null
    backends do not)."""
    try:
        import keyring
        from keyring.backends import fail, null
    except ImportError:
        return "none (keyring is not installed)", False
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    useless = isinstance(backend, fail.Keyring | null.Keyring)
    chained = getattr(backend, "backends", None)
    if chained is not None and not chained:
        useless = True  # a chainer with nothing to chain
    return name, not useless
