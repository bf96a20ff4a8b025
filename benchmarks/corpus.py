"""A deterministic corpus of market-news feeds: N feeds x M items, RSS 2.0 and Atom 1.0 in turn.

The corpus is cached under benchmarks/out/ and reused while its manifest matches the
requested size and this generator's version. Feed URLs depend on the port the server gets,
so the OPML that lists them is written each time the corpus is served (see `write_opml`).

Run on its own: `python -m benchmarks.corpus --feeds 20 --items 10`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from . import prose

# Bump when the output changes, so cached corpora and archives are rebuilt.
GENERATOR_VERSION = 3
OUT_DIR = Path(__file__).resolve().parent / "out"
NEWEST = datetime(2025, 3, 28, 9, 30, tzinfo=UTC)

OUTLETS = ("Harbour Street Wire", "Lantern Markets", "Copperline Daily", "Tidewater Finance",
           "Meridian Ledger", "Northgate Investor", "Quayside Capital News", "Bluestone Brief",
           "Junction Markets", "Kestrel Financial Post")
DESKS = ("Asia Markets", "Tech Stocks", "Earnings", "Macro", "Commodities", "Banks",
         "Hong Kong", "Wall Street", "Europe", "Autos and EVs")


@dataclass(frozen=True)
class FeedSpec:
    """One feed of the corpus: where it lives on the server and what it claims to be."""

    index: int
    fmt: str  # "rss" or "atom"
    title: str
    site: str  # the outlet's (fictional, .example) site for this desk
    path: str  # path on the benchmark server, "/feeds/f007.xml"


def feed_spec(index: int) -> FeedSpec:
    outlet = OUTLETS[index % len(OUTLETS)]
    desk = DESKS[(index // len(OUTLETS)) % len(DESKS)]
    edition = index // (len(OUTLETS) * len(DESKS))
    title = f"{outlet}: {desk}" + (f" ({edition + 1})" if edition else "")
    domain = outlet.lower().replace(" ", "") + ".example"
    desk_slug = desk.lower().replace(" ", "-")
    return FeedSpec(index, "rss" if index % 2 == 0 else "atom", title,
                    f"https://{domain}/{desk_slug}" + (f"-{edition + 1}" if edition else ""),
                    f"/feeds/f{index:04d}.xml")


@dataclass(frozen=True)
class Item:
    guid: str
    link: str
    when: datetime
    story: prose.Story


def feed_items(spec: FeedSpec, count: int, *, salt: str = "corpus") -> list[Item]:
    """The feed's items, newest first; each depends only on (salt, feed, item)."""
    items = []
    step = timedelta(minutes=17 + spec.index % 23)
    start = NEWEST - timedelta(minutes=spec.index * 3)
    for n in range(count):
        rng = random.Random(f"{salt}/{spec.index}/{n}")
        slug = f"{spec.index:04d}-{n:05d}"
        link = f"{spec.site}/{slug}"
        image = f"https://img.{spec.site.split('/')[2]}/{slug}.jpg"
        story = prose.story(rng, image, spec.site)
        items.append(Item(f"{spec.site}/#{slug}", link, start - step * n, story))
    return items


def rss_document(spec: FeedSpec, items: list[Item]) -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n',
        f"<title>{escape(spec.title)}</title>\n<link>{escape(spec.site)}/</link>\n",
        f"<description>{escape(spec.title)}: market news</description>\n"
        "<language>en</language>\n",
        f"<lastBuildDate>{format_datetime(items[0].when if items else NEWEST)}"
        "</lastBuildDate>\n",
    ]
    for it in items:
        s = it.story
        out.append(
            f"<item>\n<title>{escape(s.title)}</title>\n<link>{escape(it.link)}</link>\n"
            f'<guid isPermaLink="false">{escape(it.guid)}</guid>\n'
            f"<pubDate>{format_datetime(it.when)}</pubDate>\n"
            f"<dc:creator>{escape(s.author)}</dc:creator>\n"
            f"<category>{escape(s.category)}</category>\n"
            f"<description>{escape(s.summary)}</description>\n"
            f"<content:encoded><![CDATA[{s.body_html}]]></content:encoded>\n</item>\n"
        )
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def atom_document(spec: FeedSpec, items: list[Item]) -> str:
    updated = (items[0].when if items else NEWEST).isoformat()
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        'xml:lang="en">\n',
        f"<title>{escape(spec.title)}</title>\n<id>{escape(spec.site)}/</id>\n",
        f"<updated>{updated}</updated>\n",
        f'<link rel="alternate" type="text/html" href={quoteattr(spec.site + "/")}/>\n',
    ]
    for it in items:
        s = it.story
        stamp = it.when.isoformat()
        out.append(
            f"<entry>\n<title>{escape(s.title)}</title>\n<id>{escape(it.guid)}</id>\n"
            f'<link rel="alternate" type="text/html" href={quoteattr(it.link)}/>\n'
            f"<published>{stamp}</published>\n<updated>{stamp}</updated>\n"
            f"<author><name>{escape(s.author)}</name></author>\n"
            f'<category term={quoteattr(s.category)}/>\n'
            f'<summary type="text">{escape(s.summary)}</summary>\n'
            f'<content type="html">{escape(s.body_html)}</content>\n</entry>\n'
        )
    out.append("</feed>\n")
    return "".join(out)


def feed_document(spec: FeedSpec, items_per_feed: int) -> bytes:
    items = feed_items(spec, items_per_feed)
    writer = rss_document if spec.fmt == "rss" else atom_document
    return writer(spec, items).encode("utf-8")


@dataclass(frozen=True)
class Corpus:
    root: Path
    feeds: tuple[FeedSpec, ...]
    items_per_feed: int
    total_bytes: int

    @property
    def total_items(self) -> int:
        return len(self.feeds) * self.items_per_feed


def ensure_corpus(feeds: int, items: int, out_dir: Path = OUT_DIR) -> tuple[Corpus, bool]:
    """The cached corpus of this size, generated first if missing; (corpus, was it built)."""
    root = out_dir / f"corpus-{feeds}x{items}"
    manifest = root / "manifest.json"
    wanted = {"generator": GENERATOR_VERSION, "feeds": feeds, "items": items}
    if manifest.exists():
        meta = json.loads(manifest.read_text())
        if {k: meta.get(k) for k in wanted} == wanted:
            return _corpus(root, feeds, items, meta["bytes"]), False
    tmp = out_dir / f".corpus-{feeds}x{items}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "feeds").mkdir(parents=True)
    total = 0
    for i in range(feeds):
        spec = feed_spec(i)
        data = feed_document(spec, items)
        (tmp / spec.path.lstrip("/")).write_bytes(data)
        total += len(data)
    (tmp / "manifest.json").write_text(json.dumps({**wanted, "bytes": total}, indent=1))
    shutil.rmtree(root, ignore_errors=True)
    tmp.rename(root)
    return _corpus(root, feeds, items, total), True


def open_corpus(root: Path) -> Corpus:
    """A corpus folder written earlier by ensure_corpus."""
    meta = json.loads((root / "manifest.json").read_text())
    return _corpus(root, meta["feeds"], meta["items"], meta["bytes"])


def _corpus(root: Path, feeds: int, items: int, total: int) -> Corpus:
    return Corpus(root, tuple(feed_spec(i) for i in range(feeds)), items, total)


def write_opml(corpus: Corpus, base_url: str, path: Path) -> Path:
    """An OPML 2.0 file subscribing to every feed of the corpus at base_url."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<opml version="2.0">',
             "<head><title>Briefing benchmark corpus</title></head>", "<body>",
             '<outline text="Benchmark" title="Benchmark">']
    for spec in corpus.feeds:
        lines.append(
            f"<outline type=\"rss\" text={quoteattr(spec.title)} title={quoteattr(spec.title)} "
            f"xmlUrl={quoteattr(base_url + spec.path)} htmlUrl={quoteattr(spec.site + '/')}/>"
        )
    lines += ["</outline>", "</body>", "</opml>", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=50)
    args = ap.parse_args()
    t0 = time.perf_counter()
    corpus, built = ensure_corpus(args.feeds, args.items)
    print(f"{corpus.root}: {len(corpus.feeds)} feeds, {corpus.total_items} items, "
          f"{corpus.total_bytes / 1e6:.1f} MB ({'built' if built else 'cached'}, "
          f"{time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
