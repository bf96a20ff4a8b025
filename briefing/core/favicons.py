"""Feed icons: each site's favicon, fetched once and kept in the data directory."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import httpx

from .http import USER_AGENT

MAX_ICON_BYTES = 256 * 1024
RESERVED = (".invalid", ".test", ".example")


class Favicons:
    """favicons/<host> holds the icon's bytes; favicons/<host>.none says there is none."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @staticmethod
    def host(url: str) -> str | None:
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host or host.endswith(RESERVED):
            return None  # names reserved never to resolve (RFC 6761): nothing to fetch
        return f"{host}_{parts.port}" if parts.port else host

    def get(self, url: str) -> bytes | None:
        host = self.host(url)
        if host is None:
            return None
        try:
            return (self.directory / host).read_bytes()
        except OSError:
            return None

    def known(self, url: str) -> bool:
        """Whether this site's icon was fetched, or found missing, already."""
        host = self.host(url)
        return host is None or (self.directory / host).exists() or (
            self.directory / f"{host}.none").exists()

    def fetch(self, url: str, *, timeout: float = 8.0) -> bytes | None:
        """GET the site's /favicon.ico once; remember a miss so it is never asked again."""
        host = self.host(url)
        if host is None:
            return None
        parts = urlsplit(url)
        icon_url = f"{parts.scheme}://{parts.netloc}/favicon.ico"
        data = bytearray()
        try:
            with httpx.stream("GET", icon_url, timeout=timeout, follow_redirects=True,
                              headers={"User-Agent": USER_AGENT}) as resp:
                ctype = resp.headers.get("content-type", "").lower()
                if resp.status_code == 200 and ("image" in ctype or "icon" in ctype):
                    for chunk in resp.iter_bytes():
                        data.extend(chunk)
                        if len(data) > MAX_ICON_BYTES:
                            data.clear()
                            break
        except httpx.HTTPError:
            data.clear()
        self.directory.mkdir(parents=True, exist_ok=True)
        if data:
            (self.directory / host).write_bytes(bytes(data))
            return bytes(data)
        (self.directory / f"{host}.none").touch()
        return None
