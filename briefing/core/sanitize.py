"""Article HTML made safe (nh3, an allow-list) and turned into plain text.

Stored HTML keeps structure, links and image references and nothing active: no script, style,
frames, objects, forms, meta or base, no event handlers, no javascript: or data: URLs.
"""

from __future__ import annotations

import html as htmllib
import re
from typing import Literal

import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "acronym", "b", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "acronym": {"title"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed"},
    "li": {"value"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Dropped with everything inside: noscript's fallback markup would otherwise show as text.
DROP_WITH_CONTENT = frozenset({"script", "style", "template", "noscript"})

BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "thead", "tbody", "tfoot", "caption", "figure",
    "figcaption", "hr", "details", "summary", "section", "article", "header", "footer",
    "address", "aside", "nav", "main",
})
_CELL_TAGS = frozenset({"td", "th"})  # cells of a row: kept apart by a space
_PARA = "\x00"
_LINE = "\x01"
_HAS_MARKUP = re.compile(r"<[A-Za-z!/?]|&[#A-Za-z]")
_TAG = re.compile(r'</?([A-Za-z][A-Za-z0-9]*)(?:[^>"]|"[^"]*")*>')


def sanitize_html(html: str, base_url: str | None = None) -> str:
    """The allow-listed form of an HTML fragment; relative links resolved against base_url."""
    if not html:
        return ""
    relative: tuple[Literal["rewrite_with_base"], str] | None = None
    if base_url and base_url.startswith(("http://", "https://")):
        relative = ("rewrite_with_base", base_url)
    try:
        return nh3.clean(
            html,
            tags=set(ALLOWED_TAGS),
            clean_content_tags=set(DROP_WITH_CONTENT),
            attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
            url_schemes=set(URL_SCHEMES),
            link_rel="noopener noreferrer",
            strip_comments=True,
            url_relative=relative,
        )
    except ValueError:  # a base URL nh3 refuses: keep relative links as they are
        return nh3.clean(
            html, tags=set(ALLOWED_TAGS), clean_content_tags=set(DROP_WITH_CONTENT),
            attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
            url_schemes=set(URL_SCHEMES), link_rel="noopener noreferrer",
        )


def text_to_html(text: str) -> str:
    """Plain text as safe HTML paragraphs."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + htmllib.escape(p).replace("\n", "<br>") + "</p>" for p in paras
    )


def html_to_text(html: str) -> str:
    """Readable plain text of sanitised HTML (sanitize_html's output): paragraphs apart.

    nh3 serialises well-formed markup with double-quoted attributes, so one regular
    expression finds every tag; anything else goes through sanitize_html first.
    """
    if not html or not html.strip():
        return ""
    if not _HAS_MARKUP.search(html):
        return _tidy(html.replace("\n\n", _PARA))
    return _tidy(htmllib.unescape(_TAG.sub(_tag_break, html)))


def _tag_break(match: re.Match[str]) -> str:
    name = match.group(1).lower()
    if name == "br":
        return _LINE
    if name in BLOCK_TAGS:
        return _PARA
    return " " if name in _CELL_TAGS else ""


def inline_text(html: str) -> str:
    """One line of plain text (titles, authors): markup removed, spaces collapsed."""
    if not html:
        return ""
    if _HAS_MARKUP.search(html):
        html = html_to_text(sanitize_html(html))
    return " ".join(html.split())


def _tidy(raw: str) -> str:
    """Collapse whitespace (str.split knows every Unicode space) and lay out the breaks."""
    paragraphs = []
    for block in raw.split(_PARA):
        if _LINE in block:
            lines = (" ".join(line.split()) for line in block.split(_LINE))
            text = "\n".join(line for line in lines if line)
        else:
            text = " ".join(block.split())
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)
