"""Pictures of articles, fetched only when the reader allows it and kept for offline reading."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx

from .http import USER_AGENT

MAX_IMAGE_BYTES = 8 * 1024 * 1024
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/svg+xml")


class ImageCache:
    """One file per picture URL under the data directory's images/ folder."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, url: str) -> Path:
        return self.directory / hashlib.sha1(url.encode("utf-8", "replace")).hexdigest()

    def get(self, url: str) -> bytes | None:
        try:
            return self.path_for(url).read_bytes()
        except OSError:
            return None

    def fetch(self, url: str, *, timeout: float = 15.0) -> bytes | None:
        """Download a picture (bounded in size and time), store it, return its bytes."""
        if not url.startswith(("http://", "https://")):
            return None
        data = bytearray()
        try:
            with httpx.stream("GET", url, timeout=timeout, follow_redirects=True,
                              headers={"User-Agent": USER_AGENT}) as resp:
                ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                if resp.status_code != 200 or ctype not in IMAGE_TYPES:
                    return None
                for chunk in resp.iter_bytes():
                    data.extend(chunk)
                    if len(data) > MAX_IMAGE_BYTES:
                        return None
        except httpx.HTTPError:
            return None
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.path_for(url)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(bytes(data))
        tmp.replace(path)
        return bytes(data)
