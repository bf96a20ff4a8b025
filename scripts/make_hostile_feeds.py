"""Write the hostile-feed corpus of tests/data/hostile/: malformed and hostile feeds, made
systematically (every active-content trick in every place a feed can carry HTML, every
encoding trap, truncations, nesting, entity bombs, huge values).

    python scripts/make_hostile_feeds.py         # rewrites tests/data/hostile/generated/

Hand-made feeds sit beside them in tests/data/hostile/hand/. The test that serves them all
is tests/integration/test_hostile_corpus.py. The 100,000-item feed is made by that test in
memory, not stored here.
"""

from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "hostile" / "generated"

ACTIVE = {  # name -> HTML that would run, load or restyle something if it survived
    "script": "<script>alert(1)</script>",
    "script-src": '<script src="https://evil.example/x.js"></script>',
    "style-tag": "<style>body{background:url(https://evil.example/t.gif)}</style>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "iframe-srcdoc": "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "form": '<form action="https://evil.example/"><input name=p><button>Go</button></form>',
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "svg-onload": '<svg onload="alert(1)"><circle r="5"/></svg>',
    "math-href": '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    "link-stylesheet": '<link rel="stylesheet" href="https://evil.example/s.css">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "base-href": '<base href="https://evil.example/">',
    "noscript": "<noscript><img src=x onerror=alert(1)></noscript>",
    "template": "<template><script>alert(1)</script></template>",
    "audio": '<audio src="https://evil.example/a.mp3" autoplay></audio>',
    "video-poster": '<video poster="javascript:alert(1)"></video>',
    "applet": '<applet code="Evil.class"></applet>',
    "frameset": '<frameset><frame src="https://evil.example/"></frameset>',
    "comment-trick": "<!--<script>alert(1)</script>-->",
    "cdata-trick": "<![CDATA[<script>alert(1)</script>]]>",
    "unclosed-script": "<script>alert(1)",
    "nested-script": "<scr<script>ipt>alert(1)</scr</script>ipt>",
}
HANDLERS = ["onerror", "onload", "onclick", "onmouseover", "onfocus", "onanimationstart",
            "onpointerenter", "ontoggle", "onbegin", "onwheel", "oncopy", "onauxclick"]
URL_ATTRS = [("a", "href"), ("img", "src"), ("form", "action"), ("button", "formaction"),
             ("video", "poster"), ("table", "background"), ("img", "srcset"),
             ("img", "lowsrc"), ("img", "dynsrc"), ("a", "ping"), ("blockquote", "cite"),
             ("img", "longdesc"), ("svg", "xlink:href"), ("area", "href"),
             ("input", "src")]
BAD_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)",
            "&#106;avascript:alert(1)", " javascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "vbscript:msgbox(1)", "livescript:alert(1)"]
CSS = ["width:expression(alert(1))", "background:url(javascript:alert(1))",
       "behavior:url(x.htc)", "-moz-binding:url(x.xml#x)", "x:\\65xpression(alert(1))",
       "background-image:url(&#1;javascript:alert(1))"]
PLACES = ["rss-description-cdata", "rss-description-escaped", "rss-content-encoded",
          "atom-content-html", "atom-content-xhtml", "atom-summary-html", "json-feed"]


def rss(items_xml: str, *, encoding: str = "utf-8", extra_ns: str = "") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"{extra_ns}>'
            f"<channel><title>Hostile</title><link>https://hostile.example/</link>"
            f"{items_xml}</channel></rss>\n")


def item(title: str, description: str, guid: str) -> str:
    return (f"<item><title>{title}</title><link>https://hostile.example/{guid}</link>"
            f'<guid isPermaLink="false">{guid}</guid>{description}</item>')


def in_place(place: str, markup: str, name: str) -> tuple[str, str]:
    """The markup carried in one of the places a feed holds HTML; (file suffix, text)."""
    body = f"<p>Before {html.escape(name)}.</p>{markup}<p>After.</p>"
    if place == "rss-description-cdata":
        return ".xml", rss(item(name, f"<description><![CDATA[{body}]]></description>", name))
    if place == "rss-description-escaped":
        return ".xml", rss(item(name, f"<description>{html.escape(body)}</description>", name))
    if place == "rss-content-encoded":
        return ".xml", rss(item(name, f"<content:encoded><![CDATA[{body}]]></content:encoded>",
                                name),
                           extra_ns=' xmlns:content="http://purl.org/rss/1.0/modules/content/"')
    if place.startswith("atom"):
        kind = "summary" if "summary" in place else "content"
        if place.endswith("xhtml"):
            payload = (f'<{kind} type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                       f"{_xhtml(body)}</div></{kind}>")
        else:
            payload = f'<{kind} type="html">{html.escape(body)}</{kind}>'
        return ".xml", ('<?xml version="1.0" encoding="utf-8"?>\n'
                        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Hostile</title>'
                        f"<id>urn:hostile</id><updated>2025-03-28T00:00:00Z</updated>"
                        f"<entry><title>{html.escape(name)}</title><id>urn:{name}</id>"
                        f"<updated>2025-03-28T00:00:00Z</updated>{payload}</entry></feed>\n")
    import json

    return ".json", json.dumps({"version": "https://jsonfeed.org/version/1.1",
                                "title": "Hostile", "items": [
                                    {"id": name, "title": name, "content_html": body}]})


def _xhtml(body: str) -> str:
    """Well-formed enough for an XHTML payload: void elements closed."""
    for tag in ("img", "input", "embed", "link", "meta", "base", "frame", "br"):
        body = body.replace(f"<{tag} ", f"<{tag} ").replace(f"<{tag}>", f"<{tag}/>")
    return body.replace('autoplay>', 'autoplay="autoplay">').replace("<input name=p>",
                                                                      "<input name='p'/>")


def feeds() -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    for name, markup in ACTIVE.items():
        for place in PLACES:
            suffix, text = in_place(place, markup, name)
            out[f"active-{name}-{place}{suffix}"] = text
    for handler in HANDLERS:
        markup = f'<img src="https://hostile.example/p.png" {handler}="alert(1)">' \
                 f'<div {handler}="alert(1)">x</div>'
        out[f"handler-{handler}.xml"] = in_place("rss-description-cdata", markup, handler)[1]
    for tag, attr in URL_ATTRS:
        links = "".join(f'<{tag} {attr}="{url}">x</{tag}>' for url in BAD_URLS)
        out[f"url-{tag}-{attr.replace(':', '_')}.xml"] = in_place(
            "rss-description-cdata", links, f"{tag}-{attr}")[1]
    for i, css in enumerate(CSS):
        markup = f'<p style="{css}">styled</p><div style="{css}">x</div>'
        out[f"css-{i}.xml"] = in_place("rss-description-cdata", markup, f"css{i}")[1]
    out["tracking-pixels.xml"] = in_place("rss-description-cdata", "".join(
        f'<img src="https://tracker.example/p{i}.gif" width="1" height="1">'
        for i in range(20)), "pixels")[1]
    good = rss("".join(item(f"Story {i}", f"<description>Note {i} about markets."
                            "</description>", f"s{i}") for i in range(30)))
    raw = good.encode()
    for cut in (10, 40, 80, 120, 200, 400, 800, 1200, 1600, len(raw) - 10):
        out[f"truncated-at-{cut}.xml"] = raw[:cut]
    latin = rss(item("Caf\u00e9 cr\u00e8me", "<description>Pr\u00e9vision \u00e0 la "
                     "hausse</description>", "l1"))
    out["declared-utf8-bytes-latin1.xml"] = latin.encode("latin-1", "replace")
    out["declared-latin1-bytes-utf8.xml"] = latin.replace(
        'encoding="utf-8"', 'encoding="iso-8859-1"').encode("utf-8")
    out["utf16-with-bom.xml"] = latin.replace('encoding="utf-8"', 'encoding="utf-16"'
                                              ).encode("utf-16")
    out["utf16-no-bom.xml"] = latin.replace('encoding="utf-8"', 'encoding="utf-16"'
                                            ).encode("utf-16-le")
    out["utf8-bom-declared-latin1.xml"] = b"\xef\xbb\xbf" + latin.replace(
        'encoding="utf-8"', 'encoding="iso-8859-1"').encode("utf-8")
    out["bogus-encoding.xml"] = latin.replace('encoding="utf-8"', 'encoding="x-no-such"'
                                              ).encode("utf-8")
    out["mixed-encodings.xml"] = (rss(item("Mixed", "<description>A</description>", "m1"))
                                  .encode() .replace(b"<description>A",
                                                     b"<description>\xe9t\xc3\xa9 \xff\xfe"))
    out["invalid-utf8-everywhere.xml"] = bytes(range(256)) * 8
    out["nul-bytes.xml"] = raw.replace(b"Note", b"No\x00te")
    out["control-chars.xml"] = raw.replace(b"Note", b"No\x01\x02\x1bte")
    out["deep-html-nesting.xml"] = in_place("rss-description-cdata",
                                            "<div>" * 20000 + "deep" + "</div>" * 20000,
                                            "deep")[1]
    out["deep-xml-nesting.xml"] = rss(item("Deep", "<x>" * 5000 + "</x>" * 5000, "d1"))
    out["unclosed-html.xml"] = in_place("rss-description-cdata",
                                        "<div><p><b><i><table><tr><td>" * 500, "unclosed")[1]
    out["huge-title.xml"] = rss(item("T" * 1_000_000, "<description>x</description>", "h1"))
    out["huge-attribute.xml"] = in_place("rss-description-cdata",
                                         f'<a href="https://h.example/{"a" * 1_000_000}">x</a>'
                                         f'<p title="{"t" * 1_000_000}">y</p>', "hugeattr")[1]
    out["many-attributes.xml"] = in_place("rss-description-cdata", "<p " + " ".join(
        f'a{i}="{i}"' for i in range(20000)) + ">x</p>", "attrs")[1]
    lol = "".join(f'<!ENTITY lol{i} "{"&lol" + str(i - 1) + ";" * 1}' * 1 + '">' if i else
                  '<!ENTITY lol0 "lol">' for i in range(10))
    out["billion-laughs.xml"] = ('<?xml version="1.0"?>\n<!DOCTYPE rss [' + "".join(
        f'<!ENTITY l{i} "' + (f"&l{i - 1};" * 10 if i else "lol") + '">' for i in range(10))
        + ']>' + rss(item("&l9;", "<description>&l9;</description>", "b1")).split("?>", 1)[1])
    out["quadratic-blowup.xml"] = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "'
                                   + "x" * 100_000 + '">]>' + rss(item(
                                       "q", "<description>" + "&a;" * 1000 + "</description>",
                                       "q1")).split("?>", 1)[1])
    out["external-entity-file.xml"] = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x '
                                       'SYSTEM "file:///etc/passwd">]>' + rss(item(
                                           "&x;", "<description>&x;</description>", "x1")
                                       ).split("?>", 1)[1])
    out["external-entity-http.xml"] = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x '
                                       'SYSTEM "http://127.0.0.1:9/x">]>' + rss(item(
                                           "&x;", "<description>&x;</description>", "x2")
                                       ).split("?>", 1)[1])
    out["parameter-entity.xml"] = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY % p '
                                   'SYSTEM "file:///etc/hostname"> %p;]>'
                                   + rss(item("p", "<description>p</description>", "p1")
                                         ).split("?>", 1)[1])
    del lol
    out["rss-with-html-page.xml"] = "<!doctype html><html><body><script>alert(1)</script>"
    out["empty.xml"] = ""
    out["whitespace.xml"] = " \n\t " * 100
    out["json-not-a-feed.json"] = '{"items": "not a list", "title": ["x"]}'
    out["json-deep.json"] = "[" * 100_000 + "]" * 100_000
    out["json-huge-number.json"] = '{"version": "https://jsonfeed.org/version/1", ' \
                                   '"items": [{"id": 1e99999, "title": 1e308}]}'
    return out


def main() -> int:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for name, content in feeds().items():
        data = content.encode("utf-8", "surrogateescape") if isinstance(content, str) \
            else content
        (OUT / name).write_bytes(data)
    print(f"wrote {len(list(OUT.iterdir()))} feeds to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
