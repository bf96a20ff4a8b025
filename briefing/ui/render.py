"""An article as the HTML the article view shows: its text, with the tagging engine's stored
mentions and quotations highlighted exactly where they are, and a "Who said what" list.

The body is rendered from the stored plain text, whose offsets the tags index, so every
highlight lands on the words it names; pictures follow the text, loaded only when allowed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from ..core.models import Article, Entity, Quote, TagResult

IMG_SRC = re.compile(r"<img\b[^>]*\bsrc=\"(https?://[^\"]+)\"", re.IGNORECASE)


@dataclass(frozen=True)
class Palette:
    text: str
    muted: str
    background: str
    link: str
    chip: str
    chip_text: str
    quote: str
    speaker: str


LIGHT = Palette("#1d1f23", "#6a6f78", "#fbfaf7", "#1a5fb4", "#e3ecfa", "#12396e", "#fff4d6",
                "#8a5a00")
DARK = Palette("#e6e6e3", "#9aa0a8", "#1e2024", "#78aeed", "#243a5a", "#cfe1ff", "#3a3320",
               "#f0c36b")


def stylesheet(p: Palette, font_size: int) -> str:
    return f"""
body {{ color: {p.text}; background: {p.background}; font-size: {font_size}pt; }}
h1 {{ font-size: {font_size + 7}pt; font-weight: 600; margin-bottom: 4px; }}
p.meta {{ color: {p.muted}; font-size: {max(font_size - 3, 8)}pt; margin-top: 0; }}
p {{ line-height: 150%; margin-top: 0; margin-bottom: 12px; }}
a {{ color: {p.link}; text-decoration: none; }}
a.ticker {{ background-color: {p.chip}; color: {p.chip_text}; font-weight: 600; }}
a.price {{ font-size: {max(font_size - 3, 8)}pt; font-weight: 600; }}
a.up {{ color: #26a269; }}
a.down {{ color: #c01c28; }}
a.stale {{ color: {p.muted}; }}
span.quote {{ background-color: {p.quote}; }}
span.speaker {{ color: {p.speaker}; font-size: {max(font_size - 3, 8)}pt; font-weight: 600; }}
h2 {{ font-size: {font_size + 1}pt; font-weight: 600; margin-top: 24px; }}
li {{ margin-bottom: 8px; line-height: 140%; }}
p.images {{ color: {p.muted}; font-size: {max(font_size - 3, 8)}pt; }}
"""


def exact_time(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        when = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return when.strftime("%a %d %b %Y, %H:%M")


def relative_time(iso: str | None, now: datetime | None = None) -> str:
    """'5 min', '3 h', 'Tue', '12 Mar' — how a list shows an article's age."""
    if not iso:
        return ""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    now = now or datetime.now(UTC)
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h"
    local = when.astimezone()
    if seconds < 6 * 86400:
        return local.strftime("%a")
    if local.year == datetime.now().year:
        return local.strftime("%d %b").lstrip("0")
    return local.strftime("%d %b %Y").lstrip("0")


def render_article(article: Article, tags: TagResult, *, show_images: bool = False,
                   offer_images: bool = False, quotes: dict[str, Quote] | None = None) -> str:
    """The article view's HTML for one stored article; with `quotes` (by symbol), each
    listed entity's first mention is followed by its price and change."""
    meta = [html.escape(article.feed_title)]
    if article.author:
        meta.append(html.escape(article.author))
    if article.published:
        meta.append(html.escape(exact_time(article.published)))
    if article.url:
        meta.append(f'<a href="{html.escape(article.url, quote=True)}">Open original ↗</a>')
    parts = [
        f"<h1>{html.escape(article.title or 'Untitled')}</h1>",
        f'<p class="meta">{" · ".join(meta)}</p>',
        _body(article.text, tags, quotes or {}),
    ]
    images = IMG_SRC.findall(article.content_html or "")
    if images and show_images:
        parts.extend(f'<p><img src="{html.escape(src, quote=True)}" width="480"></p>'
                     for src in images[:12])
    elif images and offer_images:
        parts.append(f'<p class="images">{len(images)} picture(s) not loaded. '
                     '<a href="briefing:load-images">Load pictures for this feed</a></p>')
    elif images:
        parts.append(f'<p class="images">{len(images)} picture(s) not loaded.</p>')
    parts.append(_who_said_what(tags))
    return "<html><body>" + "".join(parts) + "</body></html>"


def _body(text: str, tags: TagResult, quotes: dict[str, Quote]) -> str:
    """Escaped paragraphs with mentions and quotations wrapped where their offsets say."""
    if not text:
        return "<p><i>This article has no text.</i></p>"
    events: dict[int, list[tuple[int, str]]] = {}  # position -> [(order, markup)]

    def add(pos: int, order: int, markup: str) -> None:
        events.setdefault(pos, []).append((order, markup))

    priced: set[str] = set()
    quote_ranges = [(q.start, q.end, q.speaker) for q in tags.quotations
                    if 0 <= q.start < q.end <= len(text)]
    for start, end, _ in quote_ranges:
        add(start, 1, "<q>")
        add(end, 0, "</q>")
    for entity in tags.entities:
        for m in entity.mentions:
            if m.field != "text" or not (0 <= m.start < m.end <= len(text)):
                continue
            if any(s < m.end and m.start < e and not (s <= m.start and m.end <= e)
                   for s, e, _ in quote_ranges):
                continue  # straddles a quotation's edge: leave it plain rather than break tags
            href = html.escape(f"ticker:{entity.id}", quote=True)
            add(m.start, 2, f'<a class="ticker" href="{href}">')
            add(m.end, -1, "</a>")
            quote = quotes.get(entity.listings[0]) if entity.listings else None
            if quote is not None and entity.id not in priced:
                priced.add(entity.id)
                add(m.end, -1, _price_chip(quote, href))
    speakers = {end: speaker for _, end, speaker in quote_ranges}
    out: list[str] = ["<p>"]
    in_quote = 0
    pos = 0
    for cut in sorted([*events, len(text)]):
        out.append(_escape_text(text[pos:cut], in_quote > 0))
        pos = cut
        for _, markup in sorted(events.get(cut, []), key=lambda e: e[0]):
            if markup == "<q>":
                in_quote += 1
                out.append('<span class="quote">')
            elif markup == "</q>":
                in_quote -= 1
                out.append("</span>")
                speaker = speakers.get(cut)
                if speaker and not _named_nearby(text, cut, speaker):
                    out.append(f'<span class="speaker"> [{html.escape(speaker)}]</span>')
            else:
                out.append(markup)
    out.append("</p>")
    return "".join(out)


def _price_chip(quote: Quote, href: str) -> str:
    """' 512.50 HKD −0.68%' after a ticker, green or red; grey and marked when stale."""
    percent = quote.change_percent
    kind = "stale" if quote.stale else "up" if (percent or 0) >= 0 else "down"
    move = f" {percent:+.2f}%".replace("-", "−") if percent is not None else ""
    price = f"{quote.price:,.2f}" if abs(quote.price) >= 1 else f"{quote.price:,.4f}"
    currency = f" {html.escape(quote.currency)}" if quote.currency else ""
    chip = f"{price}{currency}{move}".replace(" ", "&nbsp;")  # one piece, never wrapped
    return f' <a class="price {kind}" href="{href}">{chip}</a>'


def _named_nearby(text: str, end: int, speaker: str) -> bool:
    """Whether the text names the speaker right after the quotation ("…," said Jane Doe)."""
    after = text[end:end + 90]
    return any(part in after for part in speaker.split()[-1:]) or any(
        p in after[:25] for p in (" he ", " she ", " they ", "He ", "She "))


def _escape_text(chunk: str, in_quote: bool) -> str:
    escaped = html.escape(chunk)
    reopen = '</span></p><p><span class="quote">' if in_quote else "</p><p>"
    escaped = re.sub(r"\n\s*\n", reopen, escaped)
    return escaped.replace("\n", "<br>")


def _who_said_what(tags: TagResult) -> str:
    if not tags.quotations:
        return ""
    items = []
    for q in tags.quotations:
        who = html.escape(q.speaker) if q.speaker else "<i>Unattributed</i>"
        role = ", ".join(html.escape(x) for x in (q.title, q.organization) if x)
        words = html.escape(q.text if len(q.text) < 400 else q.text[:400] + "…")
        items.append(f"<li><b>{who}</b>{f' ({role})' if role else ''}: “{words}”</li>")
    return "<h2>Who said what</h2><ul>" + "".join(items) + "</ul>"


def entity_tooltip(entity: Entity, quote: Quote | None = None,
                   then: float | None = None) -> str:
    """What hovering over a ticker says: the entity, its listings, why it was tagged, and
    (when known) its price, and its price when the article was published with the move since."""
    kinds = {"company": "Company", "index": "Index", "fund": "Fund",
             "private": "Private company (not listed)", "product": "Product"}
    lines = [f"<b>{html.escape(entity.name)}</b>", kinds.get(entity.type, entity.type)]
    if entity.listings:
        lines.append("Listings: " + ", ".join(html.escape(s) for s in entity.listings))
    whys = sorted({m.why for m in entity.mentions})
    if whys:
        lines.append("Tagged by " + ", ".join(whys))
    if quote is not None:
        currency = f" {html.escape(quote.currency)}" if quote.currency else ""
        change = f" ({quote.change_percent:+.2f}% today)" if quote.change_percent is not None \
            else ""
        stale = " — last known" if quote.stale else ""
        lines.append(f"{html.escape(quote.symbol)}: {quote.price:,.2f}{currency}{change}{stale}")
        if then:
            since = (quote.price - then) / then * 100
            lines.append(f"When this was published: {then:,.2f}{currency}; "
                         f"{since:+.2f}% since")
    return "<br>".join(lines)
