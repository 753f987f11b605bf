"""Learned boilerplate: sentences one outlet repeats across many of its articles.

Copyright lines, disclaimers («جميع المقالات المنشورة تمثل رأي كتابها فقط»), app and social-media
prompts, "read also" lines and agency credits are not news: cited as a shared passage they crowd out
the story. No fixed list can know every outlet's, so they are counted: each sentence of a body (a
whole line, or a sentence at the end of a paragraph) is keyed by its match-normalized tokens and
counted once per article, per outlet. A key becomes boilerplate when at least ``min_share`` of the
outlet's articles hold it, and never in fewer than ``min_articles`` articles, so a feed of five
articles learns nothing. Copies of an earlier article should not be counted (the caller passes
their ids): ten copies of one wire story would otherwise make its sentences look like furniture.

Counting is one pass with a Counter (linear); the counts are a plain record that the store keeps
and later ingests add to. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import repeat
from types import MappingProxyType

from akhbar.config import BoilerplateConfig
from akhbar.records import Article, RemovedLine
from akhbar.text.normalize import normalize

MIN_SHARE = BoilerplateConfig().min_share  # measured on ANT (see defaults.toml and README)
MIN_ARTICLES = BoilerplateConfig().min_articles
_MIN_TOKENS = 2  # a one-word sentence (a name, «عاجل») says too little to be called furniture
UNKNOWN_OUTLET = ""
_ENDS = ".؟?!…"
_CLOSERS = "\"'»”’)\\]"
# From a character that is neither space nor star, to an end mark (and closing quotes) followed by
# a space, a star or the end; a mark inside a number (3.5, 2016/12/04) does not end the sentence.
_ENDS_HERE = rf"[{_ENDS}{_CLOSERS}]*(?:[\s*]|$)"
_UNIT = re.compile(rf"[^\s*](?:[^\n*{_ENDS}]|[{_ENDS}](?!{_ENDS_HERE}))*(?:[{_ENDS}]+[{_CLOSERS}]*)?")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class LineCounts:
    """How many articles of each outlet hold each normalized sentence, and how many articles each
    outlet has (the denominators)."""

    lines: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (outlet, key) -> articles
    articles: Mapping[str, int] = field(default_factory=dict)  # outlet -> articles counted

    def merged(self, other: LineCounts) -> LineCounts:
        lines, articles = Counter(self.lines), Counter(self.articles)
        lines.update(other.lines)
        articles.update(other.articles)
        return LineCounts(dict(lines), dict(articles))


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Per outlet, the normalized sentences that are furniture, not news."""

    lines: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))

    def of(self, outlet: str | None) -> frozenset[str]:
        return self.lines.get(outlet or UNKNOWN_OUTLET, frozenset())

    def __len__(self) -> int:
        return sum(len(keys) for keys in self.lines.values())


def sentence_key(sentence: str) -> str:
    """The match-normalized words of a sentence, without punctuation: spelling aside, one key."""
    return " ".join(_NOT_WORD.sub(" ", normalize(sentence)).split())


Unit = tuple[int, int, str]  # a sentence's span in the body and its key


def sentence_units(body: str) -> tuple[Unit, ...]:
    """The keyed sentences of ``body`` that counting and stripping read (a pure function of the
    body, so that a pool can compute them once per article for both)."""
    return tuple(_units(body))


def _units(body: str) -> Iterable[Unit]:
    """Spans and keys of the sentences of ``body``: a line break, footnote stars (ingest joins
    `* نقلا عن "الحياة" اللندنية` to the `** جميع المقالات ...` line after it) and an end mark
    followed by a space end one.

    A regular expression rather than :func:`akhbar.text.segment.sentence_spans`: keys only need
    to agree between counting and stripping, and over an archive this runs four times faster
    (the segmenter's quote handling, which keeps a quoted speech whole, does not matter here).
    """
    for part in _UNIT.finditer(body):
        key = sentence_key(part.group())
        if key.count(" ") + 1 >= _MIN_TOKENS:
            yield part.start(), part.end(), key


def count_lines(articles: Iterable[Article], *, skip: Collection[str] = (),
                units: Iterable[Sequence[Unit]] | None = None) -> LineCounts:
    """Count each outlet's sentences, once per article; articles whose id is in ``skip`` (copies)
    are left out. ``units``: each article's :func:`sentence_units`, if already made."""
    lines: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    keyed: Iterable[Sequence[Unit] | None] = units if units is not None else repeat(None)
    for article, known in zip(articles, keyed, strict=False):
        if article.id in skip:
            continue
        outlet = article.source or UNKNOWN_OUTLET
        totals[outlet] += 1
        found = known if known is not None else _units(article.body)
        lines.update((outlet, key) for key in {key for _, _, key in found})
    return LineCounts(dict(lines), dict(totals))


def select_boilerplate(counts: LineCounts, *, min_share: float = MIN_SHARE,
                       min_articles: int = MIN_ARTICLES) -> Boilerplate:
    """The sentences that reach the outlet's threshold: ``min_share`` of its articles, at least
    ``min_articles``."""
    found: dict[str, set[str]] = {}
    for (outlet, key), count in counts.lines.items():
        needed = max(min_articles, min_share * counts.articles.get(outlet, 0))
        if count >= needed:
            found.setdefault(outlet, set()).add(key)
    return Boilerplate(MappingProxyType({outlet: frozenset(keys) for outlet, keys in sorted(found.items())}))


def learn_boilerplate(articles: Iterable[Article], *, skip: Collection[str] = (), min_share: float = MIN_SHARE,
                      min_articles: int = MIN_ARTICLES) -> Boilerplate:
    """Count and select in one call (see :func:`count_lines`, :func:`select_boilerplate`)."""
    return select_boilerplate(count_lines(articles, skip=skip), min_share=min_share, min_articles=min_articles)


def strip_boilerplate(article: Article, boilerplate: Boilerplate, units: Sequence[Unit] | None = None) -> Article:
    """``article`` without its outlet's boilerplate sentences, each reported as a
    ``RemovedLine(reason="boilerplate")``; the rest of each line is kept as written.
    ``units``: the article's :func:`sentence_units`, if already made."""
    keys = boilerplate.of(article.source)
    if not keys:
        return article
    body = article.body
    cut = [(start, end) for start, end, key in (units if units is not None else _units(body)) if key in keys]
    if not cut:
        return article
    pieces, position = [], 0
    for start, end in cut:
        pieces.append(body[position:start])
        position = end
    pieces.append(body[position:])
    kept = "\n".join(line.strip() for line in "".join(pieces).split("\n") if line.strip())
    removed = tuple(RemovedLine(body[start:end], "boilerplate") for start, end in cut)
    return replace(article, body=kept, removed=article.removed + removed)
