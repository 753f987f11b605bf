"""Remove and report the page furniture around an article's text.

Each rule comes from the seed articles: a title line, a date line, a related-headline line,
datelines (`بيروت -`, `عواصم - (وكالات):`), footers (`تعليقات الفيسبوك`), stray page numbers,
and lines hard-wrapped in mid-sentence. Nothing is dropped silently: every removal is returned
as a :class:`RemovedLine` with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from akhbar.ingest.dates import date_line, date_opening
from akhbar.records import RemovedLine
from akhbar.resources import resource_lines, resource_set
from akhbar.text.normalize import normalize

_HEADLINE_ENDS = tuple(".؟?!…:")  # a line ending so is a sentence, not a headline
# A line ending so ends its sentence: the hard-wrap repair joins the next line to any other (the menu
# check and the dataset readers read lines the same way).
TERMINAL = (*_HEADLINE_ENDS, '"', "'", "»", "”", ")")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?[\d٠-٩]{1,4}(?:\s*[-–—])?\s*$")
_AGENCY = r"\((?:[^()\n]{1,30})\)"
# `بيروت -`, `عواصم - (وكالات):`, `بيروت:`, `القاهرة (رويترز) -`: one to three words, then a mark.
_DATELINE = re.compile(
    rf"^\s*(?P<place>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){{0,2}})\s*(?:{_AGENCY}\s*)?"
    rf"(?:[-–—]\s*(?:{_AGENCY}\s*)?:?|:)\s+"
)
_AGENCY_OPENING = re.compile(rf"^{_AGENCY}\s*(?:[-–—]\s*:?|:)\s*")
# Words that open ordinary sentences: a `قال:` or `وأضاف -` is speech, not a dateline.
_NOT_PLACES = frozenset(normalize(w) for w in (
    "قال", "وقال", "قالت", "وقالت", "أضاف", "وأضاف", "أكد", "وأكد", "أوضح", "وأوضح", "أشار", "وأشار",
    "في", "من", "على", "إلى", "عن", "هذا", "هذه", "ذلك", "المصدر", "المصادر", "البيان", "الرئيس",
    "النص", "السؤال", "الجواب", "تحديث", "عاجل",
))
_MAX_HEADLINE_WORDS = 16
_MAX_UNSEPARATED_TITLE_WORDS = 10


@dataclass(frozen=True, slots=True)
class CleanText:
    body: str
    title: str | None
    date: date | None
    removed: tuple[RemovedLine, ...]


def _reporting_verbs() -> frozenset[str]:
    return resource_set("reporting_verbs.txt")


def _is_speech(word: str) -> bool:
    """`قال:`, `وأكدت الخارجية:`, `شدد الوزير:` open speech, not a dateline."""
    bare = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    return word in _NOT_PLACES or word in _reporting_verbs() or bare in _reporting_verbs()


def _boilerplate() -> tuple[str, ...]:
    return resource_lines("boilerplate.txt")


_MAX_FURNITURE_WORDS = 12


def is_boilerplate(line: str) -> bool:
    """A footer or link line: an entry on its own, or a several-word entry opening a short line
    (`اقرأ أيضا: ...`). A one-word entry never matches as a prefix: `شارك أكثر من مئة مهاجر`
    is news, not a share button."""
    norm = normalize(line).rstrip(":").strip()
    if norm in _boilerplate():
        return True
    short = len(norm.split()) <= _MAX_FURNITURE_WORDS
    return short and any(" " in entry and norm.startswith((entry + " ", entry + ":")) for entry in _boilerplate())


def _is_headline(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _MAX_HEADLINE_WORDS and not line.rstrip().endswith(_HEADLINE_ENDS)


def clean_article_text(text: str) -> CleanText:
    """Split raw article text into body, title and date, reporting every removed line."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    removed: list[RemovedLine] = []
    found_date: date | None = None
    kept: list[str] = []  # "" marks a blank line (paragraph separator)
    for line in lines:
        if not line:
            kept.append("")
        elif is_boilerplate(line):
            removed.append(RemovedLine(line, "footer"))
        elif _PAGE_NUMBER.match(line):
            removed.append(RemovedLine(line, "page-number"))
        elif (line_date := date_line(line)) is not None:
            removed.append(RemovedLine(line, "date"))
            found_date = found_date or line_date
        elif not any(kept) and (opening := date_opening(line)) is not None and line[opening[1]:].strip():
            # The first line opens with its date, then the text: `الأحد، 4 سبتمبر 2005 - قال ...`.
            removed.append(RemovedLine(line[: opening[1]].strip(), "date"))
            found_date = found_date or opening[0]
            rest = line[opening[1]:].strip()
            if (agency := _AGENCY_OPENING.match(rest)) and rest[agency.end():].strip():
                removed.append(RemovedLine(agency.group().strip(), "dateline"))
                rest = rest[agency.end():]
            kept.append(rest)
        else:
            kept.append(line)
    title, kept = _take_title(kept, removed)
    kept = _drop_header_headlines(kept, removed)
    paragraphs = _join_wrapped_lines(kept, removed)
    if paragraphs:
        paragraphs[0] = _strip_dateline(paragraphs[0], removed)
    # Reported in reading order, whatever rule found them.
    removed = _in_reading_order(text, removed)
    return CleanText("\n".join(paragraphs), title, found_date, tuple(removed))


def _in_reading_order(text: str, removed: list[RemovedLine]) -> list[RemovedLine]:
    """Sort by position in ``text`` in linear time: whole lines by a table of line offsets, line
    breaks (found in reading order) by a search that resumes where the last one stopped."""
    offsets: dict[str, int] = {}
    position = 0
    for line in text.splitlines(keepends=True):
        offsets.setdefault(line.strip(), position + len(line) - len(line.lstrip()))
        position += len(line)
    cursor = 0
    keyed = []
    for item in removed:
        if item.reason == "line-break":
            key, cursor = _line_break_at(text, item.text, cursor)
        elif item.text in offsets:
            key = offsets[item.text]
        else:  # a dateline: the start of a paragraph, found once per article
            key = text.find(item.text)
        keyed.append((key, item))
    keyed.sort(key=lambda pair: pair[0])
    return [item for _, item in keyed]


def _line_break_at(text: str, joined: str, cursor: int) -> tuple[int, int]:
    """Where ``end ⏎ start`` (a word, white space holding a line break, a word) occurs from
    ``cursor`` on, and where the next search may resume; (-1, cursor) if nowhere."""
    end, start = joined.split(" ⏎ ")
    at = text.find(end, cursor)
    while at >= 0:
        after = at + len(end)
        gap_end = after
        while gap_end < len(text) and text[gap_end].isspace():
            gap_end += 1
        if "\n" in text[after:gap_end] and text.startswith(start, gap_end):
            return at, gap_end
        at = text.find(end, at + 1)
    return -1, cursor


def _take_title(kept: list[str], removed: list[RemovedLine]) -> tuple[str | None, list[str]]:
    """The first line is a title if it reads as a headline and stands apart from the body."""
    content = [i for i, line in enumerate(kept) if line]
    if len(content) < 2:
        return None, kept
    first = kept[content[0]]
    separated = content[1] > content[0] + 1
    if not _is_headline(first):
        return None, kept
    short_enough = separated or (len(first.split()) <= _MAX_UNSEPARATED_TITLE_WORDS and "،" not in first)
    if not short_enough:
        return None, kept
    removed.append(RemovedLine(first, "title"))
    return first, kept[content[0] + 1 :]


def _drop_header_headlines(kept: list[str], removed: list[RemovedLine]) -> list[str]:
    """Short stand-alone lines before the first real paragraph are related headlines."""
    out = list(kept)
    header: list[int] = []
    for i, line in enumerate(kept):
        if not line:
            continue
        standalone = (i + 1 >= len(kept) or not kept[i + 1]) and (i == 0 or not kept[i - 1])
        if not (_is_headline(line) and standalone) or _DATELINE.match(line):
            break
        header.append(i)
    else:
        header = []  # no real paragraph follows: these short lines are the article itself
    for i in header:
        removed.append(RemovedLine(kept[i], "related"))
        out[i] = ""
    # Same rule at the end: a short stand-alone line after the last paragraph (a related link).
    for i in range(len(out) - 1, -1, -1):
        line = out[i]
        if not line:
            continue
        standalone = (i == 0 or not out[i - 1]) and len(line.split()) <= 8
        if standalone and _is_headline(line) and any(out[:i]):
            removed.append(RemovedLine(line, "related"))
            out[i] = ""
        break
    return out


def _join_wrapped_lines(kept: list[str], removed: list[RemovedLine]) -> list[str]:
    """Join a line to the next when the sentence clearly runs on (no blank line, no end mark)."""
    paragraphs: list[str] = []
    current: list[str] = []  # the lines of the paragraph being joined (joined once: linear time)
    for line in kept:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
            current = []
        elif current and not current[-1].endswith(TERMINAL):
            removed.append(RemovedLine(f"{current[-1].split()[-1]} ⏎ {line.split()[0]}", "line-break"))
            current.append(line)
        else:
            if current:
                paragraphs.append(" ".join(current))
            current = [line]
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _strip_dateline(paragraph: str, removed: list[RemovedLine]) -> str:
    match = _DATELINE.match(paragraph)
    if not match:
        return paragraph
    place_words = normalize(match.group("place")).split()
    if not place_words or _is_speech(place_words[0]) or len(paragraph) - match.end() < 20:
        return paragraph
    removed.append(RemovedLine(match.group().strip(), "dateline"))
    return paragraph[match.end() :]
