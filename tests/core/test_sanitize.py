"""Stored article HTML carries nothing active, and its plain text reads like the article."""

from __future__ import annotations

import re

import lxml.html
import pytest

from briefing.core.sanitize import html_to_text, inline_text, sanitize_html, text_to_html

BASE = "https://news.example.test/markets/story.html"

ACTIVE_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "textarea", "select", "option", "meta", "base", "link", "svg", "math",
    "template", "noscript", "video", "audio", "source", "track", "param", "portal", "isindex",
    "xml", "xss",
}
URL_ATTRIBUTES = {
    "href", "src", "cite", "action", "formaction", "background", "poster", "srcset", "data",
    "codebase", "longdesc", "usemap", "ping", "lowsrc", "dynsrc", "xlink:href", "manifest",
    "icon", "profile", "archive", "classid",
}
SAFE_SCHEMES = ("http://", "https://", "mailto:")

HOSTILE = {
    "script": '<p>Fine</p><script>alert("x")</script>',
    "script_uppercase": "<SCRIPT SRC=https://evil.example.test/x.js></SCRIPT><p>Fine</p>",
    "script_nested_trick": "<scr<script>ipt>alert(1)</scr</script>ipt><p>Fine</p>",
    "style": "<style>p{background:url(javascript:alert(1))}</style><p>Fine</p>",
    "iframe": '<iframe src="https://evil.example.test/" srcdoc="<script>alert(1)</script>">'
              "</iframe>",
    "object_embed": '<object data="x.swf"><param name="a" value="b"></object><embed src="y.swf">',
    "applet": '<applet code="Evil.class" codebase="https://evil.example.test/"></applet>',
    "form": '<form action="https://evil.example.test/login"><input name="pw">'
            '<button formaction="javascript:alert(1)">Go</button><textarea>x</textarea></form>',
    "meta_refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example.test/">',
    "base": '<base href="https://evil.example.test/"><a href="/x">x</a>',
    "link_stylesheet": '<link rel="stylesheet" href="https://evil.example.test/x.css">',
    "on_handlers": '<p onclick="a()" onmouseover="b()">x</p><img src="i.png" onerror="c()">'
                   '<body onload="d()"><div ONFOCUS="e()" tabindex="1">y</div>',
    "javascript_href": '<a href="javascript:alert(1)">a</a>',
    "javascript_mixed_case": '<a href=" JaVaScRiPt:alert(1)">a</a>',
    "javascript_entity": '<a href="&#106;avascript:alert(1)">a</a>'
                         '<a href="java&#x09;script:alert(1)">b</a>',
    "javascript_in_src": '<img src="javascript:alert(1)"><img src="vbscript:msgbox(1)">',
    "javascript_in_cite": '<blockquote cite="javascript:alert(1)">q</blockquote>'
                          '<q cite="javascript:alert(2)">r</q>',
    "data_urls": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a>'
                 '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "css_expression": '<p style="width: expression(alert(1)); background: url(javascript:x)">'
                      "css</p>",
    "svg_script": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)'
                  '</script><a xlink:href="javascript:alert(3)"><circle r="4"/></a></svg>',
    "math_mxss": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "noscript_mxss": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "table_background": '<table background="javascript:alert(1)"><tr>'
                        '<td background="javascript:alert(2)">c</td></tr></table>',
    "srcset": '<img src="ok.png" srcset="javascript:alert(1) 1x">',
    "video": '<video src="v.mp4" poster="javascript:alert(1)" onplay="x()"></video>',
    "template": "<template><script>alert(1)</script></template>",
    "comment": "<!--<script>alert(1)</script>--><p>Fine</p>",
    "target_blank": '<a href="https://ok.example.test/" target="_blank">t</a>',
}


def _fragment(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html or "<span></span>", create_parent="div")


def _active_parts(html: str) -> list[str]:
    found = []
    root = _fragment(html)
    for el in root.iter():
        if not isinstance(el.tag, str):
            found.append(f"non-element node {el!r}")
            continue
        tag = el.tag.lower().rsplit("}", 1)[-1]
        if tag in ACTIVE_TAGS:
            found.append(f"<{tag}>")
        for name, value in el.attrib.items():
            lname = name.lower()
            if lname.startswith("on"):
                found.append(f"{tag}@{name}")
            if lname == "style":
                found.append(f"{tag}@style={value!r}")
            if lname in URL_ATTRIBUTES or lname.endswith(":href"):
                cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
                if not cleaned.startswith(SAFE_SCHEMES):
                    found.append(f"{tag}@{name}={value!r}")
    return found


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_html_has_nothing_active(name: str) -> None:
    out = sanitize_html(HOSTILE[name], BASE)
    assert _active_parts(out) == [], out
    lowered = out.lower()
    for word in ("javascript:", "vbscript:", "data:", "expression(", "<script"):
        assert word not in lowered, out


def test_script_and_style_content_is_dropped_not_shown() -> None:
    out = sanitize_html("<p>Fine</p><script>alert(1)</script><style>p{color:red}</style>", BASE)
    assert html_to_text(out) == "Fine"


def test_hostile_text_stays_readable() -> None:
    out = sanitize_html('<p onclick="x()">Netflix <b>beat</b></p><script>alert(1)</script>', BASE)
    assert html_to_text(out) == "Netflix beat"


def test_links_get_noopener_and_keep_their_address() -> None:
    out = sanitize_html('<p><a href="https://ir.example.test/q1">Results</a></p>', BASE)
    link = _fragment(out).find(".//a")
    assert link is not None
    assert link.get("href") == "https://ir.example.test/q1"
    assert "noopener" in (link.get("rel") or "").split()


def test_images_stay_as_references() -> None:
    out = sanitize_html('<img src="/charts/0700.png" alt="Tencent chart" width="600">', BASE)
    img = _fragment(out).find(".//img")
    assert img is not None
    assert img.get("src") == "https://news.example.test/charts/0700.png"
    assert img.get("alt") == "Tencent chart"


@pytest.mark.parametrize(("href", "resolved"), [
    ("../companies/9988", "https://news.example.test/companies/9988"),
    ("/about", "https://news.example.test/about"),
    ("chart.png", "https://news.example.test/markets/chart.png"),
    ("//cdn.example.test/a.png", "https://cdn.example.test/a.png"),
    ("https://other.example.test/x", "https://other.example.test/x"),
    ("?page=2", "https://news.example.test/markets/story.html?page=2"),
])
def test_relative_urls_resolved_against_base(href: str, resolved: str) -> None:
    out = sanitize_html(f'<a href="{href}">x</a><img src="{href}">', BASE)
    root = _fragment(out)
    assert root.find(".//a").get("href") == resolved
    assert root.find(".//img").get("src") == resolved


def test_mailto_links_are_kept() -> None:
    out = sanitize_html('<a href="mailto:ir@example.test">IR</a>', BASE)
    assert _fragment(out).find(".//a").get("href") == "mailto:ir@example.test"


def test_structure_is_kept() -> None:
    html = ("<h2>Results</h2><ul><li>Revenue up</li><li>Margin flat</li></ul>"
            "<blockquote>Quoted</blockquote><table><tr><td>A</td></tr></table>")
    out = sanitize_html(html, BASE)
    root = _fragment(out)
    assert [el.tag for el in root.iter("h2", "ul", "li", "blockquote", "table", "td")] == [
        "h2", "ul", "li", "li", "blockquote", "table", "td"]


# -- plain text -------------------------------------------------------------------------


def test_html_to_text_keeps_paragraph_breaks() -> None:
    html = "<p>First   paragraph\n  continues.</p><p>Second one.</p><h2>Heading</h2><p>Third.</p>"
    assert html_to_text(html) == "First paragraph continues.\n\nSecond one.\n\nHeading\n\nThird."


def test_html_to_text_line_breaks_and_lists() -> None:
    html = "<p>Line one<br>Line two</p><ul><li>Alpha</li><li>Beta</li></ul>"
    assert html_to_text(html) == "Line one\nLine two\n\nAlpha\n\nBeta"


def test_html_to_text_collapses_spaces_and_decodes_entities() -> None:
    html = "<p>  S&amp;P&nbsp;500\t\t rose&#160;1%  &mdash; <b>again</b>  </p>"
    assert html_to_text(html) == "S&P 500 rose 1% — again"


def test_html_to_text_inline_markup_adds_no_spaces() -> None:
    assert html_to_text("<p>Ten<b>cent</b> and <i>Ali</i>baba</p>") == "Tencent and Alibaba"


def test_html_to_text_separates_table_cells() -> None:
    """Cells of a results table must not run together (search needs the words apart)."""
    html = "<table><tr><th>Item</th><th>Q1</th></tr><tr><td>Revenue</td><td>1,200</td></tr></table>"
    words = html_to_text(html).split()
    assert "Revenue" in words and "1,200" in words and "Item" in words and "Q1" in words


def test_html_to_text_of_plain_text() -> None:
    assert html_to_text("Just words,   no markup.") == "Just words, no markup."
    assert html_to_text("") == ""
    assert html_to_text("   ") == ""


def test_text_to_html_escapes_and_keeps_paragraphs() -> None:
    out = text_to_html("Margins < 30% & <b>rising</b>\n\nSecond line\nthird")
    assert out == ("<p>Margins &lt; 30% &amp; &lt;b&gt;rising&lt;/b&gt;</p>"
                   "<p>Second line<br>third</p>")
    assert html_to_text(out) == "Margins < 30% & <b>rising</b>\n\nSecond line\nthird"


def test_inline_text_is_one_line() -> None:
    assert inline_text("  Tencent\n  results:\t<b>beat</b> ") == "Tencent results: beat"
    assert inline_text("AT&amp;T &amp; Verizon") == "AT&T & Verizon"
    assert inline_text("") == ""
