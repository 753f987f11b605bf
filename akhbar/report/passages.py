"""Shared passages as a reader sees them: between outlets, or one outlet's own republished copies.

:func:`akhbar.align.align` groups sentences of different *articles* that say the same thing. An
outlet often posts one article under two sections (France24's international and Middle East pages),
so a group may hold only that outlet's copies: that is a republication, not a passage two outlets
share. The table «مقاطع مشتركة بين المنافذ» shows only groups whose sentences come from two or more
outlets; the others are listed apart, under «إعادة نشر داخل المنفذ نفسه».
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from akhbar.outlets import outlet_name
from akhbar.records import Article, Group

BETWEEN_TITLE = "مقاطع مشتركة بين المنافذ"
REPUBLISHED_TITLE = "إعادة نشر داخل المنفذ نفسه"
BETWEEN_EMPTY = "لا مقاطع مشتركة بين المنافذ"


@dataclass(frozen=True, slots=True)
class Passages:
    between: tuple[Group, ...]  # sentences from two or more outlets
    republished: tuple[Group, ...]  # one outlet's own copies


def outlets_of(group: Group, outlets: Mapping[str, str]) -> tuple[str, ...]:
    """The distinct outlets of a group's sentences (an unknown article counts as its own outlet)."""
    return tuple(sorted({outlets.get(s.article, s.article) for s in group.sentences}))


def split_passages(groups: Sequence[Group], articles: Iterable[Article]) -> Passages:
    """The groups shared between outlets and those that only one outlet's copies share, in order."""
    outlets = {a.id: outlet_name(a) for a in articles}
    between: list[Group] = []
    republished: list[Group] = []
    for group in groups:
        (between if len(outlets_of(group, outlets)) >= 2 else republished).append(group)
    return Passages(tuple(between), tuple(republished))
