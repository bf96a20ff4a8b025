"""Running the real `briefing` command in a subprocess, and the feeds the CLI tests serve."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from feedserver import FeedServer


def briefing_command() -> list[str]:
    """The installed console script beside this interpreter, else `python -m briefing.cli`."""
    script = Path(sys.executable).parent / ("briefing.exe" if os.name == "nt" else "briefing")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "briefing.cli"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_DATA_DIR"}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env.update(extra)
    return env


@dataclass
class Done:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def one_error_line(self) -> str:
        """stderr as exactly one line, "briefing: <sentence>."; fails otherwise."""
        text = self.err.strip()
        assert text, "expected an error on stderr"
        assert "\n" not in text, f"error is not one line: {text!r}"
        assert "Traceback" not in text
        assert text.startswith("briefing: ") and text.endswith("."), text
        return text


class Cli:
    """`briefing` against one data directory (given with --data-dir)."""

    def __init__(self, data_dir: Path | None, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.env = env or clean_env()

    def __call__(self, *args: str, expect: int | None = 0, stdin: str | None = None) -> Done:
        cmd = briefing_command()
        if self.data_dir is not None:
            cmd += ["--data-dir", str(self.data_dir)]
        done = subprocess.run(
            [*cmd, *args], capture_output=True, text=True, encoding="utf-8", env=self.env,
            input=stdin, timeout=90,
        )
        result = Done(done.returncode, done.stdout, done.stderr)
        if expect is not None:
            assert result.code == expect, (
                f"briefing {' '.join(args)} exited {result.code}, not {expect}\n"
                f"stdout: {result.out}\nstderr: {result.err}"
            )
        return result

    @property
    def archive(self) -> Path:
        assert self.data_dir is not None
        return self.data_dir / "briefing.db"


@dataclass
class Populated:
    """An archive made once per module with `briefing add`, for tests that only read it."""

    cli: Cli
    server: FeedServer
    markets_url: str
    asia_url: str
    articles: list[dict]  # type: ignore[type-arg]  # `articles --json --limit 0`, newest first

    def article_id(self, title: str) -> int:
        return int(next(a["id"] for a in self.articles if a["title"] == title))


# -- feeds ------------------------------------------------------------------------------

START = datetime(2025, 3, 1, tzinfo=UTC)


def rss(title: str, items: list[dict[str, str]], site: str = "https://site.example.test/") -> str:
    body = []
    for it in items:
        parts = [f"<title>{it['title']}</title>"]
        if "guid" in it:
            parts.append(f'<guid isPermaLink="false">{it["guid"]}</guid>')
        if "link" in it:
            parts.append(f"<link>{it['link']}</link>")
        if "date" in it:
            parts.append(f"<pubDate>{it['date']}</pubDate>")
        parts.append(f"<description><![CDATA[{it.get('html', '')}]]></description>")
        body.append("<item>" + "".join(parts) + "</item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{title}</title><link>{site}</link><description>Test feed</description>"
            + "".join(body) + "</channel></rss>\n")


def rfc822(when: datetime) -> str:
    return format_datetime(when, usegmt=True)


def harbour_notes(count: int = 55) -> str:
    """A feed of `count` notes, one an hour from 1 March 2025; note i is the i-th oldest."""
    items = [
        {"title": f"Harbour note {i:02d}", "guid": f"hm-{i}",
         "link": f"https://harbour.example.test/notes/{i}",
         "date": rfc822(START + timedelta(hours=i)),
         "html": f"<p>Note {i} on the session.</p>"}
        for i in range(count)
    ]
    return rss("Harbour Markets", items, "https://harbour.example.test/")


FILLER = " ".join(["Markets were quiet across the region for most of the day."] * 25)

ASIA_ITEMS = [
    {"title": "Alibaba cloud revenue beats", "guid": "ad-1",
     "link": "https://asia.example.test/ad-1", "date": "Tue, 01 Apr 2025 01:00:00 GMT",
     "html": '<p>Alibaba ($BABA, 9988.HK) grew cloud revenue 18%.</p>'
             '<script>alert("x")</script><p onclick="steal()">Shares rose.</p>'},
    {"title": "Berkshire adds to trading houses", "guid": "ad-2",
     "link": "https://asia.example.test/ad-2", "date": "Wed, 02 Apr 2025 01:00:00 GMT",
     "html": "<p>Berkshire Hathaway (BRK.B) raised its stakes in Japan.</p>"},
    {"title": "Berkshire class A note", "guid": "ad-3",
     "link": "https://asia.example.test/ad-3", "date": "Thu, 03 Apr 2025 01:00:00 GMT",
     "html": "<p>Only BRK.A shares are discussed in this one.</p>"},
    {"title": "Meituan results: Meituan beats", "guid": "ad-4",
     "link": "https://asia.example.test/ad-4", "date": "Fri, 04 Apr 2025 01:00:00 GMT",
     "html": "<p>Meituan (3690.HK) beat forecasts, and Meituan shares rose.</p>"},
    {"title": "Regional wrap", "guid": "ad-5",
     "link": "https://asia.example.test/ad-5", "date": "Sat, 05 Apr 2025 01:00:00 GMT",
     "html": f"<p>{FILLER} Meituan was little changed.</p>"},
]


def asia_desk() -> str:
    return rss("Asia Desk", ASIA_ITEMS, "https://asia.example.test/")


def small_feed(title: str, prefix: str, count: int = 2) -> str:
    items = [{"title": f"{title} item {i}", "guid": f"{prefix}-{i}",
              "date": rfc822(START + timedelta(days=i)), "html": f"<p>{title} text {i}.</p>"}
             for i in range(count)]
    return rss(title, items)


def opml(body: str, title: str = "Subscriptions") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>{title}'
            f"</title></head><body>{body}</body></opml>\n")
