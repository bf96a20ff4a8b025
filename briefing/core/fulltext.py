"""Full text for offline reading: an article's page, its main text extracted with trafilatura."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool

from .http import PAGE_ACCEPT, Fetcher, HttpLimits
from .sanitize import html_to_text, sanitize_html

log = logging.getLogger("briefing.fulltext")
MIN_TEXT_CHARS = 200  # less than this is a cookie wall or a teaser, not the article


def extract_article(body: bytes, url: str) -> tuple[str, str] | None:
    """(sanitised HTML, plain text) of a page's main text, or None when there is none."""
    import trafilatura  # heavy: loaded only when a full-text feed needs it

    try:
        html = trafilatura.extract(
            body, url=url, output_format="html", include_links=True, include_images=True,
            include_tables=True, include_comments=False, favor_precision=True,
        )
    except Exception as exc:  # trafilatura on hostile pages: this page's problem only
        log.info("extraction failed for %s: %r", url, exc)
        return None
    if not html:
        return None
    clean = sanitize_html(html, url)
    text = html_to_text(clean)
    if len(text) < MIN_TEXT_CHARS:
        return None
    return clean, text


def fetch_full_texts(
    items: Sequence[tuple[int, str]],
    on_result: Callable[[int, tuple[str, str] | None, str | None], None],
    *, executor: Executor | None = None, limits: HttpLimits | None = None,
) -> None:
    """Fetch and extract each (article id, url); on_result(id, extracted or None, error)."""
    asyncio.run(_fetch_all(items, on_result, executor, limits))


async def _fetch_all(
    items: Sequence[tuple[int, str]],
    on_result: Callable[[int, tuple[str, str] | None, str | None], None],
    executor: Executor | None, limits: HttpLimits | None,
) -> None:
    loop = asyncio.get_running_loop()

    async def one(article_id: int, url: str) -> tuple[int, tuple[str, str] | None, str | None]:
        result = await fetcher.fetch(url, accept=PAGE_ACCEPT)
        if result.error or result.body is None:
            return article_id, None, result.error or f"HTTP {result.status}"
        try:
            extracted = await loop.run_in_executor(
                executor, extract_article, result.body, result.final_url or url
            )
        except BrokenProcessPool:
            return article_id, None, "The extractor crashed on this page."
        return article_id, extracted, None if extracted else "No article text found on the page."

    async with Fetcher(limits) as fetcher:
        tasks = [asyncio.create_task(one(i, u)) for i, u in items]
        for done in asyncio.as_completed(tasks):
            on_result(*(await done))
