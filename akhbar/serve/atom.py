"""`/stories.atom`: the latest stories as an Atom feed (RFC 4287), for feed readers.

Each entry's ``id`` is a tag: URI made of the story id, which never changes (a story merged into another
keeps its row and is no longer listed); its ``updated`` is the story's ``updated_at``, which moves in the
transaction that changes the story. Every text goes through ElementTree, which escapes it; characters
XML 1.0 forbids are dropped first (they would make the document unreadable, escaped or not).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from akhbar.serve.links import path_part, story_path
from akhbar.store import CachedReport, StoredStory

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TAG_AUTHORITY = "tag:akhbar.invalid,2026:"  # a tag: URI needs a name and a date; .invalid is never anyone's
SUMMARY_SENTENCES = 3
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def entry_id(story_id: str) -> str:
    return f"{TAG_AUTHORITY}story/{path_part(story_id)}"


def _rfc3339(value: str) -> str:
    """An ISO time as RFC 3339 (Atom's date construct): a zone is required, UTC when none is given. The
    fraction of a second is kept: two changes within one second still give two ``updated`` values."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return datetime.now(UTC).isoformat(timespec="microseconds")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="microseconds")


def _summary(story: StoredStory, cached: CachedReport | None) -> str:
    lines = [f"{len(story.articles)} مقالات من {len(story.outlets)} منافذ: {'، '.join(story.outlets)}"]
    if cached is not None and not cached.stale:
        summary = cached.report.get("report", {}).get("summary", [])
        lines += [str(item.get("text", "")) for item in summary[:SUMMARY_SENTENCES]]
    return "\n".join(lines)


def atom_feed(stories: Sequence[tuple[StoredStory, CachedReport | None]], *, base_url: str, self_url: str) -> bytes:
    """The feed's XML (UTF-8) for ``stories``, latest-updated first; ``base_url`` ends with a slash."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "ar"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{TAG_AUTHORITY}stories"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "أخبار: آخر القصص"
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = "قصص تجمع مقالات منافذ عدة، بملخص يذكر مصدر كل جملة"
    newest = max((s.updated_at for s, _ in stories), default="")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _rfc3339(newest) if newest else _rfc3339("")
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "akhbar"
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": self_url})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": f"{base_url}stories"})
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "akhbar"
    for story, cached in stories:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = entry_id(story.id)
        ET.SubElement(entry, f"{{{ATOM}}}title").text = _text(story.title) or story.id
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _rfc3339(story.updated_at)
        if story.created_at:
            ET.SubElement(entry, f"{{{ATOM}}}published").text = _rfc3339(story.created_at)
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                 "href": base_url + story_path(story.id).lstrip("/")})
        for outlet in story.outlets:
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": _text(outlet)})
        ET.SubElement(entry, f"{{{ATOM}}}summary", {"type": "text"}).text = _text(_summary(story, cached))
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body
