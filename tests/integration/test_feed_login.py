"""A feed behind HTTP Basic: the password goes to the keyring (a real file backend), the
archive keeps the address with the user name only, and every refresh logs in."""

from __future__ import annotations

import base64
from pathlib import Path

import keyring
import pytest
from feedserver import Request, Response

from briefing.core.service import Service

PRIVATE = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Members</title>"
           b"<item><title>Members only</title><guid isPermaLink='false'>m1</guid>"
           b"<description>Paid research note.</description></item></channel></rss>")


def guarded(user: str, password: str):  # noqa: ANN201
    expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def answer(request: Request) -> Response:
        if request.headers.get("authorization") != expected:
            return Response(401, b"login required", {"WWW-Authenticate": 'Basic realm="x"'})
        return Response(200, PRIVATE, {"Content-Type": "application/rss+xml"})

    return answer


def test_a_feed_behind_a_login(feed_server, tmp_path: Path, file_keyring) -> None:
    feed_server.handle("/private.xml", guarded("ann", "s3cret-pw"))
    address = feed_server.url("/private.xml").replace("http://", "http://ann:s3cret-pw@")
    data = tmp_path / "data"
    with Service(data) as svc:
        added = svc.add(address)
        assert added.report.new == 1
        kept = added.feed.url
        assert kept.startswith("http://ann@127.0.0.1") and "s3cret" not in kept
        assert keyring.get_password("briefing", f"feed-password:{kept}") == "s3cret-pw"
        svc.refresh()  # logs in again: no error, nothing new
        assert svc.store.feed(added.feed.id).last_error is None
        assert feed_server.requests("/private.xml")[-1].headers["authorization"].startswith(
            "Basic ")
    for path in data.rglob("*"):
        if path.is_file():
            assert b"s3cret-pw" not in path.read_bytes(), path
    with Service(data) as svc:
        svc.unsubscribe(kept)
    assert keyring.get_password("briefing", f"feed-password:{kept}") is None


def test_a_wrong_password_is_one_clear_error(feed_server, tmp_path: Path,
                                             file_keyring) -> None:
    feed_server.handle("/private.xml", guarded("ann", "right"))
    address = feed_server.url("/private.xml").replace("http://", "http://ann:wrong@")
    with Service(tmp_path / "data") as svc, pytest.raises(Exception) as caught:
        svc.add(address)
    assert "401" in str(caught.value) and "wrong" not in str(caught.value)


def test_opml_logins_go_to_the_keyring(tmp_path: Path, file_keyring) -> None:
    opml = tmp_path / "in.opml"
    opml.write_text("<?xml version='1.0'?><opml version='2.0'><body>"
                    "<outline type='rss' text='P' xmlUrl='https://ann:opml-pw-1@f.example.test/p.xml'/>"
                    "</body></opml>", encoding="utf-8")
    with Service(tmp_path / "data") as svc:
        svc.import_opml(opml)
        [feed] = svc.feeds()
    assert feed.url == "https://ann@f.example.test/p.xml"
    assert keyring.get_password("briefing", f"feed-password:{feed.url}") == "opml-pw-1"
    assert b"opml-pw-1" not in (tmp_path / "data" / "briefing.db").read_bytes()


def test_a_login_is_never_sent_to_another_host(feed_server, tmp_path: Path,
                                               file_keyring) -> None:
    from feedserver import FeedServer

    elsewhere = FeedServer()
    try:
        elsewhere.add("/feed.xml", PRIVATE, content_type="application/rss+xml")
        page = (f"<html><head><link rel='alternate' type='application/rss+xml' "
                f"href='{elsewhere.url('/feed.xml')}'></head><body>Hi</body></html>")
        feed_server.add("/page.html", page, content_type="text/html")
        address = feed_server.url("/page.html").replace("http://", "http://ann:pw-local@")
        with Service(tmp_path / "data") as svc:
            added = svc.add(address)
        assert "authorization" not in elsewhere.requests("/feed.xml")[0].headers
        assert "ann@" not in added.feed.url  # no login kept for that other host
        assert keyring.get_password("briefing", f"feed-password:{added.feed.url}") is None
    finally:
        elsewhere.close()


def test_a_permanent_redirect_keeps_the_login(feed_server, tmp_path: Path,
                                              file_keyring) -> None:
    feed_server.handle("/private.xml", guarded("ann", "pw-move"))
    feed_server.handle("/moved.xml", guarded("ann", "pw-move"))
    address = feed_server.url("/private.xml").replace("http://", "http://ann:pw-move@")
    with Service(tmp_path / "data") as svc:
        added = svc.add(address)
        feed_server.redirect("/private.xml", "/moved.xml", status=301)
        svc.refresh()
        moved = svc.store.feed(added.feed.id)
        assert moved.url.startswith("http://ann@") and moved.url.endswith("/moved.xml")
        svc.store.conn.execute("UPDATE feeds SET next_check = NULL")
        report = svc.refresh()
    assert report.feeds[0].error is None  # still logged in at the new address
