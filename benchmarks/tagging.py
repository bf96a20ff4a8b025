"""How fast the tagging engine is: catalog load time and articles tagged per second, one core.

    python -m benchmarks --only tagging
    python -m benchmarks.tagging --articles 200 --runs 1     # alone, a quick look

Catalog load: a fresh interpreter per run imports the engine (timed apart), then times
`load_catalog()` alone, then the first `tag_text()` (which builds the entities it meets).
Throughput: `tag_article(title, text)` as a refresh calls it, on the plain text a refresh
stores (`html_to_text(sanitize_html(html))`), in this one thread pinned to one CPU, after a
short untimed warm-up; median of the runs. Two sets of articles: ~800-word market news made
here (more companies and quotations than the refresh corpus, as in long wire stories), and the
refresh corpus's own articles (150–600 words), generated in memory from benchmarks/corpus.py.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from typing import Any

from . import corpus, prose
from .refresh import BenchError
from .stats import summary

LOAD_SNIPPET = """
import json, time
t0 = time.perf_counter()
from briefing.core.tagging import load_catalog, tag_text
t1 = time.perf_counter()
catalog = load_catalog()
t2 = time.perf_counter()
tag_text("Alibaba (NYSE: BABA) and Tencent (0700.HK) rose, said Jane Doe.", catalog=catalog)
t3 = time.perf_counter()
print(json.dumps({"import_ms": (t1 - t0) * 1e3, "load_ms": (t2 - t1) * 1e3,
                  "first_tag_ms": (t3 - t2) * 1e3, "entities": len(catalog.entities)}))
"""

Article = tuple[str, str]  # (title, plain text)


# -- the articles --------------------------------------------------------------------------


def long_story(rng: random.Random, words: int = 800) -> Article:
    """One ~800-word article: three to six companies in their ticker forms, indexes, private
    companies, and three to six quotations by invented analysts, as plain text."""
    picks = rng.sample(prose.COMPANIES, rng.randint(3, 6))
    main, others = picks[0], picks[1:]
    move = rng.choice(prose.MOVES_UP + prose.MOVES_DOWN)
    lead = (f"{prose.first_mention(main, rng)} {move} {rng.uniform(0.3, 9.5):.1f}% on "
            f"{rng.choice(('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'))} after "
            f"{rng.choice(prose.EVENTS)}, while {rng.choice(prose.INDEXES)} "
            f"{rng.choice(prose.MOVES_UP + prose.MOVES_DOWN)} amid {rng.choice(prose.THEMES)}.")
    paras = [f"<p>{lead}</p>"]
    for other in others:  # every company named once in full with a ticker form
        paras.append(f"<p>{prose.first_mention(other, rng)} also moved, as traders weighed "
                     f"{html.escape(rng.choice(prose.THEMES))}.</p>")
    quotations = rng.randint(3, 6)
    count = sum(len(p.split()) for p in paras)
    while count < words - 25:
        if quotations and rng.random() < 0.3:
            quotations -= 1
            para = prose.quotation_html(rng)
        else:
            sentences = [prose._sentence(rng, main, others) for _ in range(rng.randint(2, 4))]
            para = "<p>" + html.escape(" ".join(sentences), quote=False) + "</p>"
        paras.append(para)
        count += len(para.split())
    paras.extend(prose.quotation_html(rng) for _ in range(quotations))
    title = prose._title(rng, main, others)
    return title, _plain("\n".join(paras))


def long_stories(n: int, words: int = 800, seed: str = "tagging") -> list[Article]:
    return [long_story(random.Random(f"{seed}/{i}"), words) for i in range(n)]


def corpus_articles(feeds: int, items: int) -> list[Article]:
    """The refresh benchmark's articles (same generator, same seeds), as a refresh stores them."""
    out = []
    for index in range(feeds):
        for item in corpus.feed_items(corpus.feed_spec(index), items):
            out.append((item.story.title, _plain(item.story.body_html)))
    return out


def _plain(body_html: str) -> str:
    from briefing.core.sanitize import html_to_text, sanitize_html

    return html_to_text(sanitize_html(body_html))


# -- measuring -------------------------------------------------------------------------------


@contextmanager
def one_cpu() -> Any:
    """Run the block on one CPU (where the OS allows it), then restore the previous set."""
    if not hasattr(os, "sched_setaffinity"):
        yield None
        return
    before = os.sched_getaffinity(0)
    cpu = min(before)
    os.sched_setaffinity(0, {cpu})
    try:
        yield cpu
    finally:
        os.sched_setaffinity(0, before)


def time_tagging(articles: Sequence[Article], runs: int, warmup: int = 20) -> dict[str, Any]:
    """Articles per second and ms per article over `articles`, median of `runs` runs."""
    from briefing.core.tagging import get_catalog, tag_article

    catalog = get_catalog()
    for title, text in articles[:warmup]:
        tag_article(title, text, catalog=catalog)
    seconds = []
    with one_cpu() as cpu:
        for _ in range(runs):
            t0 = time.perf_counter()
            for title, text in articles:
                tag_article(title, text, catalog=catalog)
            seconds.append(time.perf_counter() - t0)
    found = [tag_article(t, x, catalog=catalog) for t, x in articles]
    n = len(articles)
    words = [len(text.split()) for _, text in articles]
    return {
        "articles": n, "runs": runs, "cpu": cpu,
        "words_mean": round(statistics.mean(words)), "words_min": min(words),
        "words_max": max(words),
        "chars_mean": round(statistics.mean(len(t) + len(x) for t, x in articles)),
        "entities_mean": round(statistics.mean(len(r.entities) for r in found), 2),
        "mentions_mean": round(statistics.mean(
            sum(len(e.mentions) for e in r.entities) for r in found), 2),
        "quotations_mean": round(statistics.mean(len(r.quotations) for r in found), 2),
        "seconds": summary(seconds),
        "articles_per_s": summary([n / s for s in seconds], 1),
        "ms_per_article": summary([s * 1e3 / n for s in seconds], 4),
    }


def time_catalog_load(runs: int, env: dict[str, str] | None = None,
                      timeout: float = 120) -> dict[str, Any]:
    """import, load_catalog() and the first tag_text(), each in a fresh interpreter per run."""
    records = []
    for _ in range(runs):
        try:
            done = subprocess.run([sys.executable, "-c", LOAD_SNIPPET], capture_output=True,
                                  text=True, env=env, timeout=timeout, check=True)
        except subprocess.CalledProcessError as exc:
            raise BenchError(f"loading the catalog failed: {exc.stderr[-2000:]}") from exc
        except subprocess.TimeoutExpired as exc:
            raise BenchError(f"loading the catalog took over {timeout:g} s") from exc
        records.append(json.loads(done.stdout))
    return {
        "runs": runs, "entities": records[0]["entities"],
        "import_ms": summary([r["import_ms"] for r in records], 1),
        "load_ms": summary([r["load_ms"] for r in records], 1),
        "first_tag_ms": summary([r["first_tag_ms"] for r in records], 1),
    }


def run(*, articles: int = 500, words: int = 800, runs: int = 3, load_runs: int = 7,
        corpus_feeds: int = 200, corpus_items: int = 50,
        say: Callable[[str], None] = print) -> dict[str, Any]:
    """Every tagging figure, as one dict for results.json."""
    from briefing.core.tagging import build_state

    out: dict[str, Any] = {"build": build_state()}
    say(f"tagging: catalog load, {load_runs} fresh interpreters")
    out["catalog"] = time_catalog_load(load_runs)
    say(f"tagging: {articles} articles of ~{words} words, {runs} run(s) on one CPU")
    out["long"] = time_tagging(long_stories(articles, words), runs)
    out["long"]["source"] = f"benchmarks/tagging.py long_story, ~{words} words"
    say(f"tagging: the refresh corpus's {corpus_feeds * corpus_items:,} articles, "
        f"{runs} run(s) on one CPU")
    out["corpus"] = time_tagging(corpus_articles(corpus_feeds, corpus_items), runs)
    out["corpus"]["source"] = f"benchmarks/corpus.py, {corpus_feeds} x {corpus_items}"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.tagging",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--words", type=int, default=800)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--load-runs", type=int, default=7)
    ap.add_argument("--feeds", type=int, default=200, help="feeds of the refresh corpus")
    ap.add_argument("--items", type=int, default=50, help="items per feed of that corpus")
    args = ap.parse_args(argv)
    from .report import tagging_table

    results = run(articles=args.articles, words=args.words, runs=args.runs,
                  load_runs=args.load_runs, corpus_feeds=args.feeds, corpus_items=args.items,
                  say=lambda m: print(f"[bench] {m}", file=sys.stderr, flush=True))
    print(tagging_table({"tagging": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
