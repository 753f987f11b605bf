"""Fetched bytes to entries and documents: feeds read by feedparser, pages by trafilatura (as ingest
reads a .html file), text decoded by its declared charset, else detected (UTF-8, UTF-16 with a BOM,
else Windows-1256, the rule of :mod:`akhbar.ingest.decoding`).

The result is a :class:`~akhbar.ingest.RawDocument`, so ``ingest`` stays the one door to an Article.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from akhbar.ingest.decoding import NotTextError, decode_noting, repair_field, repair_id, repair_text
from akhbar.ingest.readers import RawDocument
from akhbar.records import BadInput

_XML_DECLARED = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_TRACKING = re.compile(r"^(?:utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.IGNORECASE)
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                     "section", "article", "tr", "table", "figure", "figcaption", "pre", "hr", "header",
                     "footer"})


class FeedError(ValueError):
    """Bytes that are not a usable RSS or Atom feed; the message says why."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a feed, as the watcher needs it."""

    key: str  # what identifies the article: the guid (Atom id), else the canonical link
    guid: str | None
    link: str | None  # canonical
    title: str | None
    date: str | None  # as written: published, else updated
    text: str | None  # the full text it carries (content:encoded, Atom content), as plain text
    fingerprint: str  # changes when anything the watcher reads of the entry changes


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    entries: tuple[Entry, ...]
    problems: tuple[str, ...] = ()  # entries left out, and why


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if it names a codec Python knows."""
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return _known(value.strip().strip("\"'"))
    return None


def _known(name: str | bytes | None) -> str | None:
    if not name:
        return None
    label = name.decode("ascii", "replace") if isinstance(name, bytes) else name
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decodes(body: bytes, charset: str | None) -> bool:
    if charset is None:
        return False
    try:
        body.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def feed_charset(body: bytes, content_type: str | None) -> str:
    """The charset of a feed: the header's, else the XML declaration's (each only if the bytes decode
    with it), else detected."""
    found = _XML_DECLARED.match(body[:1024])
    for candidate in (charset_of(content_type), _known(found.group(1)) if found else None):
        if _decodes(body, candidate):
            return str(candidate)
    return _detected(body)


def _detected(body: bytes) -> str:
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1256"  # the legacy Arabic code page: what ingest reads when UTF-8 fails
    return "utf-8"


def page_text(body: bytes, content_type: str | None) -> str:
    """A page's text: the header's charset, else its ``<meta charset>``, else detected."""
    found = _META_CHARSET.search(body[:4096])
    for candidate in (charset_of(content_type), _known(found.group(1)) if found else None):
        if _decodes(body, candidate):
            return body.decode(str(candidate))
    try:
        return decode_noting(body)[0]
    except NotTextError:
        return body.decode("cp1256", errors="replace")


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """The entries of an RSS or Atom feed; :class:`FeedError` when it is not well-formed or not a feed."""
    import xml.sax

    import feedparser

    charset = feed_charset(body, content_type)
    parsed = feedparser.parse(body, response_headers={"content-type": f"application/xml; charset={charset}"})
    problem = parsed.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXException):
        raise FeedError(f"broken XML: {problem}")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS or Atom feed")
    entries: list[Entry] = []
    problems: list[str] = []
    for number, raw in enumerate(parsed.entries, 1):
        entry = _entry(raw, url)
        if entry is None:
            problems.append(f"item {number} has neither a guid nor a link: left out")
        else:
            entries.append(entry)
    title = parsed.feed.get("title")
    return ParsedFeed(repair_field(title) if title else None, tuple(entries), tuple(problems))


def _entry(raw: Any, feed_url: str) -> Entry | None:
    guid = _clean(raw.get("id"))
    guid = repair_id(guid)[0] if guid else None  # the key becomes the article's id: one printable line
    link_raw = _clean(raw.get("link"))
    link = canonical_url(link_raw, base=feed_url) if link_raw else None
    key = guid or link
    if not key:
        return None
    title = _clean(raw.get("title"))
    # dict.get: feedparser's own get maps a missing `updated` to `published`, with a warning
    updated = _clean(dict.get(raw, "updated"))
    date = _clean(dict.get(raw, "published")) or updated
    text = _content_text(raw)
    parts = (key, link or "", title or "", date or "", updated or "", text or "",
             _clean(raw.get("summary")) or "")
    fingerprint = hashlib.blake2b("\x00".join(parts).encode("utf-8", "replace"), digest_size=16).hexdigest()
    return Entry(key, guid, link, title, date, text, fingerprint)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = repair_field(value).strip()
    return value or None


def _content_text(raw: Any) -> str | None:
    """The plain text of the entry's full content (content:encoded, Atom content), if it has one."""
    contents = raw.get("content") or []
    for content in contents:
        value = content.get("value") or ""
        kind = content.get("type") or "text/html"
        text = value if kind == "text/plain" else html_text(value)
        if text.strip():
            return repair_text(text)[0]
    return None


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, one line per paragraph (block elements and ``<br>`` end a line)."""
    import lxml.html
    from lxml import etree

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    for node in root.iter("script", "style"):
        node.drop_tree()
    for node in root.iter():
        if isinstance(node.tag, str) and node.tag.lower() in _BLOCKS:
            node.tail = "\n" + (node.tail or "")
            if node.tag.lower() != "br":
                node.text = "\n" + (node.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def canonical_url(url: str, *, base: str | None = None) -> str:
    """The link as the article's address: absolute, scheme and host in lower case, no default port,
    no fragment and no tracking parameters (utm_*, fbclid, ...)."""
    absolute = urljoin(base, url) if base else url
    try:
        parts = urlsplit(absolute.strip())
        port = parts.port
    except ValueError:
        return absolute.strip()
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    netloc = host if port in (None, default) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", query, ""))


def entry_document(entry: Entry, *, outlet: str, feed_url: str) -> RawDocument:
    """The document of an entry that carries its full text."""
    return RawDocument(entry.key, entry.text or "", entry.link or f"{feed_url}#{entry.key}", title=entry.title,
                       date=entry.date, source=outlet, url=entry.link)


def page_document(body: bytes, content_type: str | None, *, entry: Entry, outlet: str) -> RawDocument | BadInput:
    """The document of an entry whose text is on its linked page: the page's main text (trafilatura)."""
    from akhbar.ingest.html import read_html

    name = entry.link or entry.key
    found = read_html(page_text(body, content_type), name, entry.key)
    if isinstance(found, BadInput):
        return found
    text, _ = repair_text(found.text)
    return RawDocument(entry.key, text, name, title=entry.title or found.title, date=entry.date or found.date,
                       source=outlet, url=entry.link)
