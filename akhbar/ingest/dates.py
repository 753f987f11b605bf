"""Dates: in article headers (`الأحد 2016/12/04`, `4 ديسمبر 2016`) and in feed metadata
(RFC 2822 `Sun, 18 Feb 2018 21:35:43 +0400` as in RSS and ANT, ISO 8601 with or without a time)."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from akhbar.text.calendar import MONTHS_ONE, MONTHS_TWO, WEEKDAYS
from akhbar.text.normalize import normalize

# Month names as written in a header line: one word, or two (كانون الاول).
MONTHS = {**MONTHS_ONE, **{" ".join(words): month for words, month in MONTHS_TWO.items()}}
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_NUMERIC = re.compile(r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})")
_WORDED = re.compile(rf"(\d{{1,2}})\s+({_MONTH})(?:\s*/\s*{_MONTH})?\s*,?\s+(\d{{4}})")
# A weekday, then an ASCII or Arabic comma (`الأحد، 4 سبتمبر 2005`); a date; a time; a full stop.
_DATE = (rf"(?:{_WEEKDAY}\s*[,،]?\s*)?(?:{_NUMERIC.pattern}|{_WORDED.pattern})"
         r"(?:\s*[-,،]?\s*\d{1,2}:\d{2}(?:\s*(?:ص|م|am|pm))?)?")
_DATE_LINE = re.compile(rf"^{_DATE}\s*[.۔]?$", re.IGNORECASE)
# The same date opening a line of text: `الأحد، 4 سبتمبر 2005 - قال ...`, `4 سبتمبر 2005: ...`.
_DATE_OPENING = re.compile(rf"^\s*{_DATE}\s*(?:[-–—:.،,]|\(|$)", re.IGNORECASE)


def parse_date(text: str) -> date | None:
    """The calendar date of a timestamp (RFC 2822, ISO 8601), else the first date written in
    ``text`` (numeric or with an Arabic month name), if valid. A timestamp keeps the day as the
    outlet wrote it, in its own time zone."""
    stamp = _timestamp(text.strip())
    if stamp is not None:
        return _valid(stamp.year, stamp.month, stamp.day)
    norm = normalize(text)
    for match in _NUMERIC.finditer(norm):
        a, b, c = (int(g) for g in match.groups())
        year, month, day = (a, b, c) if a > 31 else (c, b, a)
        found = _valid(year, month, day)
        if found:
            return found
    worded = _WORDED.search(norm)
    if worded:
        return _valid(int(worded.group(3)), MONTHS[worded.group(2)], int(worded.group(1)))
    return None


def _timestamp(text: str) -> datetime | None:
    if not text or not text[0].isascii():
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def date_line(line: str) -> date | None:
    """The date of a line that is nothing but a date (optionally with a weekday and a time)."""
    return parse_date(line) if _DATE_LINE.match(normalize(line)) else None


def date_opening(line: str) -> tuple[date, int] | None:
    """The date a line of text opens with, and how many characters of ``line`` it takes (its
    separator included), or None. Only a weekday, a date, a time and a separator are taken."""
    norm = normalize(line)
    match = _DATE_OPENING.match(norm)
    if match is None:
        return None
    found = parse_date(match.group())
    if found is None:
        return None
    taken = match.group()
    if taken.endswith("("):  # `... 2005 (رويترز) -`: the agency stays for the dateline rule
        taken = taken[:-1]
    # Normalizing drops marks (tatweel, short vowels): find the end of ``taken`` in the line itself.
    for end in range(len(taken.rstrip()), min(len(line), 2 * len(taken)) + 1):
        if normalize(line[:end]) == taken.rstrip():
            return found, end + (len(line[end:]) - len(line[end:].lstrip()))
    return None


def is_date_line(line: str) -> bool:
    return date_line(line) is not None


def _valid(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
