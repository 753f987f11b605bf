"""One escaping helper per output format. Every renderer passes article text (and ids, file names,
titles: anything that came from an input) through the helper of its format, and only through it.

- Markdown: HTML-significant characters become entities (a Markdown viewer renders inline HTML:
  ``<script>``, ``</style>``), Markdown punctuation is backslash-escaped (no links, so no
  ``javascript:`` targets, no emphasis, no table breaks), line breaks become spaces; a code span
  is fenced with more backticks than the text holds, so a backtick cannot close it.
- Terminal: escape sequences (CSI, OSC, ...) and control characters are removed, and bidi
  overrides, embeddings and isolates, which could reorder what a terminal shows, are shown as
  ``<U+202E>``; the marks Arabic text uses (RLM, LRM, ALM) stay.
- HTML: :func:`html.escape` with quotes, for text and attribute values alike.
- JSON: floats that are not finite become null; the writer refuses NaN (``allow_nan=False``).
"""

from __future__ import annotations

import html
import math
import re
from typing import Any

_MD_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_MD_PUNCT = "\\`*_[]|~"  # inside a line: no list or heading can start, only inline markup matters
_MD = str.maketrans({**{c: "\\" + c for c in _MD_PUNCT}, **_MD_HTML})
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]+")
_BACKTICKS = re.compile(r"`+")
# ESC [ ... final, ESC ] ... BEL or ST, ESC P/X/^/_ ... ST, and two-character escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x1b\x9d\x90\x98\x9e\x9f][\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def markdown_text(text: str) -> str:
    """Article text as Markdown inline text that renders exactly as written."""
    return " ".join(_BREAKS.sub(" ", text).translate(_MD).split(" "))


def markdown_cell(text: str) -> str:
    """Inline text for a Markdown table cell (white space collapsed)."""
    return " ".join(markdown_text(text).split())


def markdown_code(text: str) -> str:
    """``text`` as a Markdown code span that no backtick inside it can close. Text holding ``<``, ``>``
    or ``&`` is written as escaped inline text instead: a code span shows entities literally, and raw
    markup, though inert there, should not sit in the file for a lesser renderer to find."""
    if any(char in text for char in "<>&"):
        return markdown_text(text)
    flat = _BREAKS.sub(" ", text)
    longest = max((len(run) for run in _BACKTICKS.findall(flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or longest else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def terminal_text(text: str, *, keep_newlines: bool = True) -> str:
    """Text safe to print on a terminal: no escape sequences, no control characters, bidi
    overrides shown as their code points."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    if not keep_newlines:
        text = _BREAKS.sub(" ", text)
    text = _CONTROLS.sub("", text)
    return _BIDI.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def html_text(text: str, *, quote: bool = True) -> str:
    """Text for HTML content or a quoted attribute value."""
    return html.escape(text, quote=quote)


def json_safe(value: Any) -> Any:
    """``value`` with every float that is not finite replaced by None (JSON has no NaN)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


def anchor(article: str, index: int) -> str:
    """The HTML element id of a sentence (escaped for an attribute); facts and groups link to it."""
    return html_text(f"s-{article}-{index}", quote=True)
