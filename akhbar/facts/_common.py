"""Shared helpers for the fact extractors: tokens with offsets, quotation spans, content stems."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from akhbar.resources import resource_set
from akhbar.text import light_stem, normalize, token_spans
from akhbar.text.segment import OPENING_CONTEXT

_MAX_DIGITS = 18  # longer digit runs are noise (IDs, phone numbers), never a count or a date
_OPENERS = "«“"
_CLOSERS = "»”"
_AMBIGUOUS = '"”»“'
_MARKS = re.compile(f"[{re.escape(_OPENERS + _CLOSERS + _AMBIGUOUS)}]")



def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit of any script (``str.isdecimal``) written in ASCII.

    Superscripts and other non-decimal "digits" (² ¹ ①, for which ``str.isdigit`` is true but
    ``int`` fails) stay as they are.
    """
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def decimal_value(text: str) -> int | None:
    """The integer ``text`` denotes if it is only decimal digits (any script), else None.

    The one way the fact extractors read a digit token: ``'²'`` (``isdigit`` but not decimal),
    ``''`` and runs longer than 18 digits give None instead of crashing ``int``.
    """
    if not text or not text.isdecimal() or len(text) > _MAX_DIGITS:
        return None
    return int(ascii_digits(text))


@dataclass(frozen=True, slots=True)
class Tok:
    """A token of a sentence: original text, offsets in the sentence and match-normalized form."""

    text: str
    start: int
    end: int
    norm: str


def tokens_of(text: str) -> list[Tok]:
    """Tokens of ``text`` with offsets and match-normalized forms (cached per text)."""
    return list(_tokens_cached(text))


@lru_cache(maxsize=65_536)
def _tokens_cached(text: str) -> tuple[Tok, ...]:
    return tuple(Tok(text[s:e], s, e, normalize(text[s:e])) for s, e in token_spans(text))


def gap(text: str, toks: list[Tok], i: int) -> str:
    """The characters between token ``i - 1`` and token ``i`` (punctuation, quotes, spaces)."""
    start = toks[i - 1].end if i > 0 else 0
    end = toks[i].start if i < len(toks) else len(text)
    return text[start:end]


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans (inside the marks) of quotations in ``text``.

    Outlets use « », “ ” and "" and also ” or » as both opening and closing mark
    (بـ”الإرهابيين”, بـ»الإرهابيين»): a mark opens when it is left-flanking and closes otherwise.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for mark in _MARKS.finditer(text):  # only the marks: a loop over every character was the cost
        i, ch = mark.start(), mark.group()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if open_at is None:
            if ch in _OPENERS or (not nxt.isspace() and (prev in OPENING_CONTEXT or not prev.isalnum())):
                open_at = i + 1
        elif ch not in _OPENERS or nxt.isspace() or not nxt.isalnum():
            if i > open_at:
                spans.append((open_at, i))
            open_at = None
    if open_at is not None and len(text) - open_at > 1:
        spans.append((open_at, len(text)))
    return spans


_PROCLITICS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")


@lru_cache(maxsize=100_000)
def clitic_forms(norm: str) -> tuple[str, ...]:
    """The token and its forms without conjunction/preposition proclitics (وبالمدينة -> بالمدينة, المدينة)."""
    forms = [norm]
    word = norm
    if len(word) > 3 and word[0] in _PROCLITICS:
        word = word[1:]
        forms.append(word)
    if len(word) > 3 and word.startswith("لل"):
        forms.append("ال" + word[2:])
    elif len(word) > 3 and word[0] in _PREPOSITIONS:
        forms.append(word[1:])
    return tuple(dict.fromkeys(forms))


def drop_article(form: str) -> str:
    """المدنيين -> مدنيين; a short word keeps its ال (الله, الان are not article + noun)."""
    return form[2:] if form.startswith("ال") and len(form) > 4 else form


def strip_article(norm: str) -> str:
    """Remove proclitics and the article: والمدنيين -> مدنيين."""
    return drop_article(clitic_forms(norm)[-1])


def content_stems(text: str) -> set[str]:
    """Light stems of the content words of ``text`` (function words and numbers removed)."""
    return set(_content_stems_cached(text))


@lru_cache(maxsize=65_536)
def _content_stems_cached(text: str) -> frozenset[str]:
    stopset = resource_set("function_words.txt")
    out = set()
    for tok in tokens_of(text):
        if len(tok.norm) < 2 or tok.norm in stopset or tok.norm[0].isdigit():
            continue
        stem = light_stem(tok.norm)
        if stem not in stopset:
            out.add(stem)
    return frozenset(out)


def overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient |a & b| / min(|a|, |b|)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


T = TypeVar("T")


# A stem that more items of one block hold than this gives no candidates (see akhbar.blocking):
# the facts compare items within blocks, and a posting list this long would make a block quadratic.
FACTS_MAX_DF = 200


def shared_stem_pairs(
    stem_sets: Sequence[Iterable[str]], keys: Sequence[Hashable | None] | None = None, *,
    max_df: int = FACTS_MAX_DF,
) -> tuple[list[int], list[int]]:
    """Pairs ``i < j`` of items with the same key (None: no block) sharing a stem that at most
    ``max_df`` items of that block hold, in ``(i, j)`` order.

    The blocked replacement for a loop over every pair: the capped inverted index of
    :mod:`akhbar.blocking` over ``key + stem`` terms.
    """
    from akhbar.blocking import candidate_pairs
    from akhbar.vectors import binary

    if keys is None:
        keys = [()] * len(stem_sets)
    docs = [[] if key is None else [f"{key!r}\x1f{stem}" for stem in stems]
            for key, stems in zip(keys, stem_sets, strict=True)]
    if len(docs) < 2:
        return [], []
    rows, cols = candidate_pairs(binary(docs), max_df=max_df)
    return rows.tolist(), cols.tolist()


def earlier_candidates(
    stem_sets: Sequence[Iterable[str]], keys: Sequence[Hashable | None] | None = None, *,
    max_df: int = FACTS_MAX_DF,
) -> list[list[int]]:
    """For each item, the earlier items of its block sharing a rare stem, in order."""
    out: list[list[int]] = [[] for _ in stem_sets]
    for i, j in zip(*shared_stem_pairs(stem_sets, keys, max_df=max_df), strict=True):
        out[j].append(i)
    return out


def group_by_head(
    items: Sequence[T], key: Callable[[T], Hashable | None], text: Callable[[T], str], threshold: float
) -> list[list[T]]:
    """Greedy groups in input order: an item joins the first group whose head has the same key and
    shares at least ``threshold`` of its content stems (Jaccard); an item with key None stays alone.

    Only heads that share a rare stem with the item are tried (:func:`earlier_candidates`): a
    Jaccard above zero needs a shared stem, and a block of one key is never compared pairwise.
    """
    keys = [key(item) for item in items]
    stems = [content_stems(text(item)) for item in items]
    groups: list[list[T]] = []
    head_items: list[int] = []  # the item index of each group's head
    group_of_head: dict[int, int] = {}  # item index -> its group, for the items that head one
    first_of_key: dict[Hashable, int] = {}
    earlier = earlier_candidates(stems, keys) if threshold > 0 else None
    for j, item in enumerate(items):
        k = keys[j]
        joined: int | None = None
        if k is not None and earlier is None:
            joined = first_of_key.get(k)  # any head of the key qualifies: Jaccard >= 0 >= threshold
        elif k is not None and earlier is not None:
            heads = sorted(group_of_head[i] for i in earlier[j] if i in group_of_head)
            joined = next((g for g in heads if jaccard(stems[j], stems[head_items[g]]) >= threshold), None)
        if joined is not None:
            groups[joined].append(item)
            continue
        if k is not None:
            first_of_key.setdefault(k, len(groups))
        group_of_head[j] = len(groups)
        head_items.append(j)
        groups.append([item])
    return groups


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
