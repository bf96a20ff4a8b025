"""OPML 2.0 in and out, folders nested as outlines."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime

from .. import __version__
from .errors import BriefingError

MAX_DEPTH = 32


class OpmlError(BriefingError):
    """The file is not OPML Briefing can import; the message says why."""


@dataclass
class OpmlFeed:
    url: str
    title: str
    folder: tuple[str, ...]  # path of folder names, outermost first
    site_url: str | None = None


@dataclass
class OpmlFolder:
    path: tuple[str, ...]


@dataclass
class OpmlDocument:
    title: str | None = None
    feeds: list[OpmlFeed] = field(default_factory=list)
    folders: list[OpmlFolder] = field(default_factory=list)


def parse_opml(data: bytes) -> OpmlDocument:
    """Read OPML 1.0/2.0. Outlines with xmlUrl are feeds; others with children are folders."""
    if b"<!ENTITY" in data[:65536]:
        raise OpmlError("The OPML file declares entities, which Briefing refuses to expand.")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"The file is not well-formed XML ({exc}): export the OPML again "
                        "from the reader it came from.") from exc
    if _local(root.tag) != "opml":
        raise OpmlError(f"The file is XML but not OPML (its root is <{_local(root.tag)}>): "
                        "choose an OPML file (.opml).")
    body = next((c for c in root if _local(c.tag) == "body"), None)
    if body is None:
        raise OpmlError("The OPML file has no <body>, so it lists no feeds.")
    head = next((c for c in root if _local(c.tag) == "head"), None)
    doc = OpmlDocument()
    if head is not None:
        title = next((c for c in head if _local(c.tag) == "title"), None)
        doc.title = (title.text or "").strip() or None if title is not None else None
    _walk(body, (), doc, 0)
    return doc


def _walk(node: ET.Element, path: tuple[str, ...], doc: OpmlDocument, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise OpmlError(f"The outlines are nested more than {MAX_DEPTH} deep.")
    for outline in node:
        if _local(outline.tag) != "outline":
            continue
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        label = (attrs.get("title") or attrs.get("text") or "").strip()
        url = (attrs.get("xmlurl") or "").strip()
        if url:
            if not url.startswith(("http://", "https://")):
                raise OpmlError(f"The feed address {url!r} is not an http(s) URL.")
            doc.feeds.append(OpmlFeed(url, label or url, path, attrs.get("htmlurl") or None))
            continue
        if len(outline):
            sub = (*path, label or "Untitled folder")
            doc.folders.append(OpmlFolder(sub))
            _walk(outline, sub, doc, depth + 1)
        elif label and not attrs.get("type"):
            doc.folders.append(OpmlFolder((*path, label)))  # an empty folder


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def write_opml(feeds: list[OpmlFeed], folders: list[OpmlFolder], title: str = "Briefing") -> str:
    """OPML 2.0 text with every folder (empty ones too) and every feed in its folder."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    ET.SubElement(head, "docs").text = "https://opml.org/spec2.opml"
    ET.SubElement(head, "generator").text = f"Briefing {__version__}"
    body = ET.SubElement(root, "body")
    nodes: dict[tuple[str, ...], ET.Element] = {(): body}

    def folder_node(path: tuple[str, ...]) -> ET.Element:
        if path not in nodes:
            parent = folder_node(path[:-1])
            nodes[path] = ET.SubElement(parent, "outline", text=path[-1], title=path[-1])
        return nodes[path]

    for folder in sorted(folders, key=lambda f: f.path):
        folder_node(folder.path)
    for feed in feeds:
        attrs = {"type": "rss", "text": feed.title, "title": feed.title, "xmlUrl": feed.url}
        if feed.site_url:
            attrs["htmlUrl"] = feed.site_url
        ET.SubElement(folder_node(feed.folder), "outline", attrs)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
