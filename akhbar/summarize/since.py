"""What's new since a date: a summary of only what the articles after the date add.

A reader who followed a story until ``since`` wants the facts the later articles add, not the story
again. The articles dated ``since`` or later are the **new** ones; those dated earlier are what the
reader has read. An undated article cannot be placed after the date: it counts as read (its facts
are never presented as new, and they can make a later fact "told").

A sentence of a new article is **told before** when an earlier article tells its fact:

- it is in an alignment group (:mod:`akhbar.align`) with a sentence of an earlier article (the same
  passage, copied or paraphrased closely);
- it is linked to one by :mod:`akhbar.summarize.samefact` (the same fact in other words);
- or most of its meaning is in one earlier sentence: the containment overlap of
  :mod:`akhbar.summarize.overlap` (content stems weighted by rarity, figures doubled) reaches
  ``told_threshold``. Pairs come from the capped inverted index (:mod:`akhbar.blocking`), never
  from all pairs.

Then the usual lead-first walk (:mod:`akhbar.summarize.leads`) runs over the new articles'
sentences that stand alone and are not told before, and each item cites the articles that hold it
(earlier articles never: a fact one of them holds is not new).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from akhbar.align import SentenceVectors, content_stems
from akhbar.blocking import cross_pairs, row_dots
from akhbar.config import AlignConfig, SummaryConfig
from akhbar.records import Group, Sentence, SummaryItem
from akhbar.summarize import since_signals as signals
from akhbar.summarize.eligible import alone_and_short, cite, with_antecedent
from akhbar.summarize.leads import select_leads
from akhbar.summarize.overlap import FactTerms, document_frequencies, fact_terms, overlap
from akhbar.summarize.samefact import same_fact_links
from akhbar.summarize.since_signals import FigureIndex, Quote, held_share, quote, same_quote
from akhbar.summarize.units import Unit, build_units
from akhbar.vectors import binary

TOLD_THRESHOLD = 0.6  # share of a new sentence's meaning one earlier sentence holds (dev, `akhbar eval-since`)


def is_new(date: str | None, since: str) -> bool:
    """Whether an article of ``date`` is after the reader's last look (``since``, ISO, inclusive)."""
    return date is not None and date[:10] >= since


def told_before(sentences: Sequence[Sentence], groups: Sequence[Group], links: Mapping[int, Sequence[int]],
                new: Sequence[bool], *, threshold: float = TOLD_THRESHOLD, background: bool = True,
                chars: sparse.csr_matrix | None = None, outlets: Mapping[str, str] | None = None,
                dates: Mapping[str, str | None] | None = None, since: str | None = None) -> set[int]:
    """Indexes of the new sentences whose fact an earlier sentence tells (module docstring).

    ``chars`` (the character 4-gram rows of :func:`akhbar.align.vectorize`) and ``outlets`` turn on
    the outlet's-own-background rule, ``dates`` and ``since`` the past-weekday one; the other
    signals of :mod:`akhbar.summarize.since_signals` need only the texts."""
    told: set[int] = set()
    index_of = {(s.article, s.index): i for i, s in enumerate(sentences)}
    for group in groups:
        members = [index_of[(s.article, s.index)] for s in group.sentences]
        if any(not new[i] for i in members):
            told.update(i for i in members if new[i])
    for i, others in links.items():
        if new[i] and any(not new[j] for j in others):
            told.add(i)
    later = [i for i in range(len(sentences)) if new[i] and i not in told]
    earlier = [i for i in range(len(sentences)) if not new[i]]
    if not later or not earlier:
        return told
    stems = binary(set(content_stems(s.text)) for s in sentences)
    stems = sparse.csr_matrix(stems)
    rows, cols = cross_pairs(stems[later], stems[earlier], min_shared=2)
    df, n = document_frequencies((s.text for s in sentences), background=background)
    terms: dict[int, FactTerms] = {}

    def of(i: int) -> FactTerms:
        if i not in terms:
            terms[i] = fact_terms(sentences[i].text, df, n)
        return terms[i]

    best: dict[int, float] = {}
    pairs = list(zip((later[r] for r in rows.tolist()), (earlier[c] for c in cols.tolist()), strict=True))
    for i, j in pairs:
        if i in told:
            continue
        shared = overlap(of(i), of(j))
        best[i] = max(best.get(i, 0.0), shared)
        if shared >= threshold:
            told.add(i)
    found = _Candidates([i for i in later if i not in told], earlier, pairs, best,
                        {i: (dates or {}).get(sentences[i].article) for i in later}, since)
    told |= _told_by_signals(sentences, found, of, chars=chars, outlets=outlets)
    return told


@dataclass(frozen=True, slots=True)
class _Candidates:
    """The later sentences still new after the overlap rule, the earlier ones, the index's pairs
    (later, earlier) and each later sentence's best overlap with one earlier sentence."""

    later: Sequence[int]
    earlier: Sequence[int]
    pairs: Sequence[tuple[int, int]]
    best: Mapping[int, float]
    dates: Mapping[int, str | None]  # each later sentence's article date
    since: str | None


def _looks_back_at_told(text: str, terms: FactTerms, held: set[str], found: _Candidates, i: int) -> bool:
    """A sentence that says it looks back, and whose words the earlier articles hold; fewer of them
    when the day it names is before ``since``."""
    far = signals.far_past(text)
    if not far and not signals.looks_back(text):
        return False
    share = held_share(terms.weights, held, signals.marker_stems(text))
    day = signals.past_day(text, found.dates.get(i)) if found.since else None
    before = far or (day is not None and found.since is not None and day < found.since)
    return share >= (signals.PAST_DAY_HELD if before else signals.BACKGROUND_HELD)


def _told_by_signals(sentences: Sequence[Sentence], found: _Candidates, of: Callable[[int], FactTerms], *,
                     chars: sparse.csr_matrix | None, outlets: Mapping[str, str] | None) -> set[int]:
    """The later sentences :mod:`akhbar.summarize.since_signals` finds told: figures, looking back,
    the same quote (over the index's pairs), the outlet's own background paragraph."""
    told: set[int] = set()
    if not found.later:
        return told
    figure_index = FigureIndex([sentences[j].text for j in found.earlier])
    held: set[str] = set().union(*(of(j).weights for j in found.earlier))
    for i in found.later:
        if found.best.get(i, 0.0) < signals.TOPICAL:
            continue
        text = sentences[i].text
        if figure_index.told_share(text) >= signals.FIGURES_TOLD or _looks_back_at_told(text, of(i), held, found, i):
            told.add(i)
    waiting = set(found.later) - told
    candidates = [(i, j) for i, j in found.pairs if i in waiting]
    quotes: dict[int, Quote | None] = {}

    def quote_of(k: int) -> Quote | None:
        if k not in quotes:
            quotes[k] = quote(sentences[k].text)
        return quotes[k]

    told.update(i for i, j in candidates if same_quote(quote_of(i), quote_of(j)))
    claims: dict[int, Quote | None] = {}

    def claim_of(k: int) -> Quote | None:
        if k not in claims:
            claims[k] = signals.claim(sentences[k].text)
        return claims[k]

    told.update(i for i, j in candidates if i not in told and signals.same_claim(claim_of(i), claim_of(j)))
    if chars is not None and outlets is not None:
        same_outlet = [(i, j) for i, j in candidates if i not in told
                       and outlets.get(sentences[i].article) == outlets.get(sentences[j].article)]
        if same_outlet:
            rows = np.array([i for i, _ in same_outlet])
            cols = np.array([j for _, j in same_outlet])
            near = row_dots(chars, rows, cols) >= signals.OUTLET_COPY
            told.update(int(i) for i in rows[near])
    return told


def summarize_since(
    sentences: Sequence[Sentence], groups: Sequence[Group], vectors: SentenceVectors, *, since: str,
    config: SummaryConfig, dates: Mapping[str, str | None], titles: Mapping[str, str | None] | None = None,
    align: AlignConfig | None = None, outlets: Mapping[str, str] | None = None,
    told_threshold: float = TOLD_THRESHOLD, links: Mapping[int, tuple[int, ...]] | None = None,
    units: Sequence[Unit] | None = None,
) -> list[SummaryItem]:
    """The summary of what the articles dated ``since`` (ISO date, inclusive) or later add to the
    earlier ones: each item one sentence of a new article, citing the new articles holding it.

    Empty when no article is new. The arguments are those of :func:`akhbar.summarize.summarize`,
    plus ``since``; ``dates`` (article id -> ISO date or None) is required. ``links`` (the same-fact
    links) and ``units`` (:func:`akhbar.summarize.units.build_units`) do not depend on the date: a
    caller summarizing one story at several dates passes them, made once.
    """

    new = [is_new(dates.get(s.article), since) for s in sentences]
    if not any(new):
        return []
    if links is None:
        links = same_fact_links(sentences, vectors, outlets, threshold=config.same_fact_threshold)
    told = told_before(sentences, groups, links, new, threshold=told_threshold,
                       background=bool(config.background_df), chars=vectors.chars, outlets=outlets,
                       dates=dates, since=since)
    if units is None:
        units = build_units(sentences, groups, vectors, config=config, titles=titles)
    alone = alone_and_short(sentences, config)
    eligible = [new[i] and i not in told and alone[i] for i in range(len(sentences))]
    attachable = [new[i] and i not in told and a for i, a in enumerate(with_antecedent(sentences, config, alone))]
    chosen = select_leads(units, sentences, config=config, dates=dates, eligible=eligible, outlets=outlets,
                          links=links, attachable=attachable)
    items = cite(chosen, sentences, vectors, links, align=align or AlignConfig())
    new_articles = {s.article for s, is_later in zip(sentences, new, strict=True) if is_later}
    return [_only_new(item, new_articles) for item in items]


def _only_new(item: SummaryItem, new_articles: set[str]) -> SummaryItem:
    return replace(item, sources=tuple(a for a in item.sources if a in new_articles),
                   related=tuple(a for a in item.related if a in new_articles))
