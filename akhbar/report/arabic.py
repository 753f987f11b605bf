"""The Arabic a reader sees in the reports: labels for the English codes the records carry, counted
nouns with Arabic number agreement, and one way of writing a date.

The records and the JSON keep their machine-readable codes (``verbatim``, ``dateline``,
``skipped``, ``metadata``...); every renderer meant for a reader (terminal, Markdown, HTML, the
story views) shows them through this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# Passage kinds (records.GroupKind).
KIND_AR = {"verbatim": "حرفي", "near": "شبه حرفي", "paraphrase": "بصياغة أخرى"}
# Why ingest or the learned boilerplate removed a line (records.RemovedLine.reason).
REASON_AR = {
    "title": "عنوان",
    "date": "سطر تاريخ",
    "related": "روابط ذات صلة",
    "dateline": "مكان الخبر وتاريخه",
    "footer": "تذييل الصفحة",
    "page-number": "رقم صفحة",
    "line-break": "سطر مقطوع",
    "boilerplate": "نص متكرر للمنفذ",
}
# What happened to a bad input (records.BadInput.action).
ACTION_AR = {"skipped": "تُرك", "repaired": "أُصلح", "ignored": "لم يُقرأ (نوع آخر)"}
# A copy's kind (stories.records.DuplicateLink.kind).
COPY_AR = {"exact": "مطابقة", "near": "شبه مطابقة"}
# Units the figures carry as codes; others are Arabic words already.
UNIT_AR = {"percent": "بالمئة"}


def kind_ar(kind: str) -> str:
    return KIND_AR.get(kind, kind)


def reason_ar(reason: str) -> str:
    return REASON_AR.get(reason, reason)


def action_ar(action: str) -> str:
    return ACTION_AR.get(action, action)


def unit_ar(unit: str) -> str:
    return UNIT_AR.get(unit, unit)


@dataclass(frozen=True, slots=True)
class Noun:
    """A countable noun's forms: one, two, three to ten, and the accusative singular of 11 to 99."""

    singular: str
    dual: str
    plural: str
    accusative: str
    feminine: bool = False


ARTICLE = Noun("مقال", "مقالان", "مقالات", "مقالًا")
STORY = Noun("قصة", "قصتان", "قصص", "قصةً", feminine=True)
EVENT = Noun("حدث", "حدثان", "أحداث", "حدثًا")
OUTLET = Noun("منفذ", "منفذان", "منافذ", "منفذًا")
INPUT = Noun("مدخل", "مدخلان", "مدخلات", "مدخلًا")
FILE = Noun("ملف", "ملفان", "ملفات", "ملفًا")
ROW = Noun("صف", "صفان", "صفوف", "صفًا")
LINE = Noun("سطر", "سطران", "أسطر", "سطرًا")


def count(n: int, noun: Noun) -> str:
    """``n`` of ``noun`` as Arabic says it: مقال واحد، مقالان، 3 مقالات، 11 مقالًا، 100 مقال، 103 مقالات.

    Past 100 the last two digits decide (101 مقال, 103 مقالات, 111 مقالًا), and a round hundred or
    thousand takes the singular (200 مقال). Zero is said with the plural (0 مقالات)."""
    if n == 1:
        return f"{noun.singular} {'واحدة' if noun.feminine else 'واحد'}"
    if n == 2:
        return noun.dual
    rest = n % 100
    if n > 100 and rest in (1, 2):
        return f"{n} {noun.singular}"
    if 3 <= rest <= 10:
        return f"{n} {noun.plural}"
    if 11 <= rest <= 99:
        return f"{n} {noun.accusative}"
    return f"{n} {noun.singular}" if n >= 100 else f"{n} {noun.plural}"


_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")


def show_date(value: str | None) -> str:
    """The one way a report writes a date: the ISO day (2016-12-04), read the same in every outlet's
    calendar words; «بلا تاريخ» when there is none. A longer ISO stamp keeps its day."""
    if not value:
        return "بلا تاريخ"
    found = _ISO_DAY.match(value.strip())
    return found.group(1) if found else value


def date_span(start: str | None, end: str | None) -> str:
    """A range of days, oldest first, joined by an arrow that points the way Arabic reads."""
    if start is None:
        return show_date(None)
    if end is None or start == end:
        return show_date(start)
    return f"{show_date(start)} ← {show_date(end)}"


# The English notes the facts stages write, and how a reader reads them. A note that matches none is
# shown as written (it is still the stage's own words, never article text alone).
Name = Callable[[str], str]


def _basis_rules(name: Name) -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]:
    return [
        (re.compile(r"^metadata$"), lambda m: "بيانات المقال"),
        (re.compile(r"^text: (.*)$", re.S), lambda m: f"النص: {m.group(1)}"),
        (re.compile(r"^(.*), on or after (\S+) \((.*)\)$", re.S),
         lambda m: f"{_lead(m.group(1))}، في {m.group(2)} أو بعده ({name(m.group(3))})"),
        (re.compile(r"^same relative report as (.*?): (.*)$", re.S),
         lambda m: f"الخبر النسبي نفسه في {name(m.group(1))}: {m.group(2)}"),
        (re.compile(r"^no date in metadata or text$"), lambda m: "لا تاريخ في بيانات المقال ولا في نصه"),
    ]


def _lead(weekday: str) -> str:
    return weekday.replace(" (lead)", " (في مقدمة المقال)")


def basis_ar(basis: str, name: Name = str) -> str:
    """An article date's basis (``ArticleDate.basis``) in Arabic; ``name`` shows an article id."""
    for pattern, say in _basis_rules(name):
        if found := pattern.match(basis):
            return say(found)
    return basis


def note_ar(note: str, name: Name = str, category: Mapping[str, str] | None = None) -> str:
    """A contradiction's note (``Conflict.note``) in Arabic; ``category`` names the figure categories."""
    names = category or {}

    def what(found: re.Match[str]) -> str:
        cat, unit = found.group("cat"), unit_ar(found.group("unit"))
        shown = names.get(cat, cat)
        return f"{shown} ({unit})" if unit else shown

    head = r"^(?P<cat>[\w-]+) \((?P<unit>[^)]*)\): "
    rules: list[tuple[str, Callable[[re.Match[str]], str]]] = [
        (head + r"(?P<a>\S+) on (?P<da>\S+) -> (?P<b>\S+) on (?P<db>\S+)$",
         lambda m: f"{what(m)}: {m['a']} في {m['da']} ← {m['b']} في {m['db']}"),
        (head + r"a later report gives a smaller count \((?P<b>\S+) < (?P<a>\S+)\)$",
         lambda m: f"{what(m)}: تقرير لاحق يعطي عددًا أصغر ({m['b']} بدل {m['a']})"),
        (head + r"(?P<a>\S+) vs (?P<b>\S+) \(same date (?P<d>\S+)\)$",
         lambda m: f"{what(m)}: {m['a']} مقابل {m['b']} (في اليوم نفسه {m['d']})"),
        (head + r"(?P<a>\S+) vs (?P<b>\S+)$", lambda m: f"{what(m)}: {m['a']} مقابل {m['b']}"),
        (r"^(?P<cue>.*): denied in (?P<x>.*?), stated in (?P<y>.*)$",
         lambda m: f"{m['cue']}: نفاه {name(m['x'])}، وأكده {name(m['y'])}"),
    ]
    for pattern, say in rules:
        if found := re.match(pattern, note, re.S):
            return say(found)
    return note
