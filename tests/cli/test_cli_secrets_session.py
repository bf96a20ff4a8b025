"""A whole session with secrets — API keys entered, used and removed, a feed behind a
password added and refreshed — leaves none of them in the data directory (archive, settings,
logs, crash reports, backups)."""

from __future__ import annotations

import base64
from pathlib import Path

from clikit import Cli, clean_env
from feedserver import FeedServer, Request, Response
from marketdata import FINNHUB_QUOTE, serve

SECRETS = ("fh-session-key-9f1e", "av-session-key-77c0", "feed-pass-5b2d")


def test_no_secret_outlives_its_use(tmp_path: Path, feed_server: FeedServer) -> None:
    base = feed_server.url("").rstrip("/")
    cli = Cli(tmp_path / "data", env=clean_env(
        BRIEFING_YAHOO_URL=base, BRIEFING_FINNHUB_URL=base, BRIEFING_ALPHAVANTAGE_URL=base,
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        XDG_DATA_HOME=str(tmp_path / "keyring-home")))
    fh, av, password = SECRETS
    expected = "Basic " + base64.b64encode(f"ann:{password}".encode()).decode()

    def private(request: Request) -> Response:
        if request.headers.get("authorization") != expected:
            return Response(401, b"login")
        return Response(200, b"<?xml version='1.0'?><rss version='2.0'><channel><title>P"
                        b"</title><item><title>Members</title><guid>m</guid><description>"
                        b"Note.</description></item></channel></rss>",
                        {"Content-Type": "application/rss+xml"})

    feed_server.handle("/private.xml", private)
    cli("key", "set", "finnhub", stdin=fh + "\n")
    cli("key", "set", "alphavantage", stdin=av + "\n")
    serve(feed_server, {("/api/v1/quote", "AAPL"): (200, FINNHUB_QUOTE)})
    cli("quote", "AAPL", "--json")  # Yahoo is not served here: Finnhub's key is used
    assert feed_server.requests("/api/v1/quote")[-1].headers["x-finnhub-token"] == fh
    cli("add", feed_server.url("/private.xml").replace("http://", f"http://ann:{password}@"))
    cli("refresh")
    cli("key", "remove", "finnhub")
    cli("key", "remove", "alphavantage")
    cli("unsubscribe", feed_server.url("/private.xml").replace("http://", "http://ann@"))
    files = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    assert any(p.name == "briefing.db" for p in files) and any("logs" in p.parts for p in files)
    for path in files:
        raw = path.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in raw, (secret, path)
    from keyrings.alt.file import PlaintextKeyring  # the backend the commands used

    [stored] = (tmp_path / "keyring-home").rglob("keyring_pass.cfg")
    backend = PlaintextKeyring()
    backend.file_path = str(stored)
    for entry in ("api-key:finnhub", "api-key:alphavantage",
                  f"feed-password:{feed_server.url('/private.xml').replace('http://', 'http://ann@')}"):
        assert backend.get_password("briefing", entry) is None, entry  # removed there too
