"""Summaries and paraphrase links judged on the audit stories (issue 20).

Two judged files beside ``stories.jsonl`` (``data/audit/``), keyed by :func:`sentence_key`:

- ``summary.jsonl``: one row per summary sentence ever judged (a sentence that follows its own
  antecedent in the summary is read with it, and needs no judgement to read alone),
  ``{"story", "key", "alone": bool, "furniture": bool, "reason"}``. *alone*: a reader who knows the
  story's topic understands the sentence without the one before it in its article (no dangling
  speaker, pronoun, demonstrative or contrast whose antecedent is missing, not a question);
  *furniture*: the line is the site's, not news (follow, read more, a gallery or video caption).
- ``paraphrase.jsonl``: cross-outlet sentence pairs, ``{"story", "a", "b", "same": bool, "reason"}``:
  *same* when both tell one fact (the same actor doing or saying the same thing; details may
  differ, a different speaker or a different figure makes another fact).

:func:`audit_summaries` scores the summaries the current code makes: the share of judged sentences
that read alone, the furniture count, the outlets cited per story against ``min(k, 3)``, and the
sentences not judged yet (so a change that brings new sentences is seen, never silently scored).
:func:`audit_links` scores the same-fact links on the judged pairs: precision and recall.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from akhbar.align import vectorize
from akhbar.blocking import row_dots
from akhbar.config import Config
from akhbar.eval.audit_data import AUDIT_DIR, read_jsonl, sentence_key
from akhbar.outlets import outlet_name
from akhbar.pipeline import split_articles, summarize_articles
from akhbar.records import Article, Sentence, SummaryItem
from akhbar.stories.wordvectors import word_vectors
from akhbar.summarize.pairmodel import OFF
from akhbar.summarize.samefact import (
    SHIPPED,
    SOFT_GATE,
    SOFT_MIN_SENTENCES,
    Rule,
    Told,
    read_all,
    same_fact,
)
from akhbar.summarize.softshare import soft_shares


@dataclass(frozen=True, slots=True)
class Judged:
    alone: bool
    furniture: bool
    reason: str


@dataclass(frozen=True, slots=True)
class StoryAudit:
    story: str
    outlets: int  # k, the outlets of the story
    cited: int  # distinct outlets the summary cites (sources)
    named: int  # distinct outlets cited or named as related
    sentences: tuple[tuple[str, str, Judged | None], ...]  # key, text, judgement (None: not judged)

    @property
    def spread_met(self) -> bool:
        return self.cited >= min(self.outlets, 3)


@dataclass(frozen=True, slots=True)
class SummaryAudit:
    stories: tuple[StoryAudit, ...]

    def judged(self) -> list[Judged]:
        return [j for s in self.stories for _, _, j in s.sentences if j is not None]

    @property
    def alone_share(self) -> float:
        judged = self.judged()
        return sum(j.alone for j in judged) / len(judged) if judged else 0.0

    @property
    def furniture(self) -> int:
        return sum(j.furniture for j in self.judged())

    def unjudged(self) -> list[tuple[str, str, str]]:
        return [(s.story, key, text) for s in self.stories for key, text, j in s.sentences if j is None]


def read_judgements(path: Path | None = None) -> dict[tuple[str, str], Judged]:
    path = path or AUDIT_DIR / "summary.jsonl"
    if not path.exists():
        return {}
    return {(str(r["story"]), str(r["key"])): Judged(bool(r["alone"]), bool(r["furniture"]), str(r.get("reason", "")))
            for r in read_jsonl(path)}


def audit_summaries(stories: Mapping[str, Sequence[Article]], judgements: Mapping[tuple[str, str], Judged], *,
                    config: Config | None = None) -> SummaryAudit:
    """Each story summarized with the packaged settings (or ``config``'s), each sentence looked up."""
    out = []
    for story, articles in stories.items():
        items = summarize_articles(articles, config=config.summary_for(len(articles)) if config else None)
        outlets = {a.id: outlet_name(a) for a in articles}
        rows = tuple((key := sentence_key(item.sentence.article, item.text), item.text,
                      _in_context(item, items[k - 1] if k else None, judgements.get((story, key))))
                     for k, item in enumerate(items))
        out.append(StoryAudit(story, len(set(outlets.values())), len(_outlets(items, outlets, related=False)),
                              len(_outlets(items, outlets, related=True)), rows))
    return SummaryAudit(tuple(out))


def _in_context(item: SummaryItem, before: SummaryItem | None, judged: Judged | None) -> Judged | None:
    """A sentence that follows its own antecedent (the sentence before it in its article) is read
    with it: the summary took its antecedent, as issue 20 allows."""
    follows = (before is not None and before.sentence.article == item.sentence.article
               and before.sentence.index == item.sentence.index - 1)
    if follows and judged is not None and not judged.alone and not judged.furniture:
        return Judged(True, False, f"read after its antecedent ({judged.reason})")
    if follows and judged is None:
        return Judged(True, False, "read after its antecedent")
    return judged


def _outlets(items: Sequence[SummaryItem], outlets: Mapping[str, str], *, related: bool) -> set[str]:
    return {outlets[a] for i in items for a in (*i.sources, *(i.related if related else ()))}


# Paraphrase links ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    story: str
    a: str
    b: str
    same: bool
    reason: str = ""


@dataclass(frozen=True, slots=True)
class LinkAudit:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    missing: tuple[Pair, ...] = ()  # judged pairs whose sentences the stories no longer hold
    errors: tuple[tuple[Pair, bool], ...] = field(default_factory=tuple)  # (pair, predicted) when wrong

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 0.0

    @property
    def recall(self) -> float:
        real = self.true_positive + self.false_negative
        return self.true_positive / real if real else 0.0


def read_pairs(path: Path | None = None) -> list[Pair]:
    path = path or AUDIT_DIR / "paraphrase.jsonl"
    if not path.exists():
        return []
    return [Pair(str(r["story"]), str(r["a"]), str(r["b"]), bool(r["same"]), str(r.get("reason", "")))
            for r in read_jsonl(path)]


def keyed_sentences(articles: Sequence[Article]) -> tuple[list[Sentence], dict[str, int]]:
    """The story's sentences, and the index of each key (the first of two sentences with one key)."""
    sentences = split_articles(articles)
    keyed: dict[str, int] = {}
    for i, sentence in enumerate(sentences):
        keyed.setdefault(sentence_key(sentence.article, sentence.text), i)
    return sentences, keyed


# The thresholds (:class:`akhbar.summarize.samefact.Rule`) a held-out estimate may choose from, around
# the shipped ones: the shared rare weight and the soft share of an anchored pair, and of a pair
# with no anchor (``OFF``: never by that path); the learned path off (:mod:`akhbar.eval.pairmodel` adds it).
HELD_OUT_GRID = tuple(Rule(t, s, SOFT_GATE, u, v, model_threshold=OFF)
                      for t in (0.2, 0.25, 0.3, 0.35) for s in (0.3, 0.35, 0.4, 0.45, 0.5, OFF)
                      for u in (0.3, 0.35, 0.4, 0.45, 0.5, 0.6, OFF) for v in (0.4, 0.5, 0.6, OFF))
TARGET_PRECISION = 0.9  # issue 20


@dataclass(frozen=True, slots=True)
class Scored:
    """A judged pair read for comparison: the two readings, their character cosine and soft share."""

    pair: Pair
    a: Told
    b: Told
    chars: float
    soft: float
    contained: float = 0.0  # the larger soft share (the smaller is ``soft``): 0 when no soft share was read

    def predicted(self, rule: Rule) -> bool:
        return same_fact(self.a, self.b, chars=self.chars, soft=self.soft, rule=rule, contained=self.contained)


def scored_pairs(stories: Mapping[str, Sequence[Article]], pairs: Sequence[Pair], *,
                 with_vectors: bool = True) -> tuple[list[Scored], list[Pair]]:
    """Each judged pair of the given stories read with its story's own frequencies (as the summary
    reads them), and the pairs whose sentences the stories no longer hold. Without vectors, no pair has
    a soft share: the links the rule makes from words alone (what the vectors add, measured)."""
    scored, missing = [], []
    by_story: dict[str, list[Pair]] = {}
    for pair in pairs:
        by_story.setdefault(pair.story, []).append(pair)
    for story, judged in by_story.items():
        if story not in stories:
            continue
        sentences, keyed = keyed_sentences(stories[story])
        readings = read_all([s.text for s in sentences])
        vectors = vectorize(sentences)
        for pair in judged:
            if pair.a not in keyed or pair.b not in keyed:
                missing.append(pair)
                continue
            a, b = keyed[pair.a], keyed[pair.b]
            chars = float(row_dots(vectors.chars, np.array([a]), np.array([b]))[0])
            soft, larger = (soft_shares(readings[a].weights, readings[b].weights, word_vectors())
                            if with_vectors and len(sentences) >= SOFT_MIN_SENTENCES else (0.0, 0.0))
            scored.append(Scored(pair, readings[a], readings[b], chars, soft, larger if soft > 0 else 0.0))
    return scored, missing


def _counted(scored: Sequence[Scored], rule: Rule) -> LinkAudit:
    counts = [0, 0, 0, 0]  # true positive, false positive, true negative, false negative
    errors = []
    for item in scored:
        predicted = item.predicted(rule)
        counts[(0 if predicted else 2) + (0 if predicted == item.pair.same else 1)] += 1
        if predicted != item.pair.same:
            errors.append((item.pair, predicted))
    tp, fp, tn, fn = counts
    return LinkAudit(tp, fp, fn, tn, errors=tuple(errors))


def audit_links(stories: Mapping[str, Sequence[Article]], pairs: Sequence[Pair], *,
                threshold: float | None = None, with_vectors: bool = True) -> LinkAudit:
    """Precision and recall of :func:`akhbar.summarize.samefact.same_fact` on the judged pairs,
    each story's sentences read with its own frequencies (as the summary reads them)."""
    scored, missing = scored_pairs(stories, pairs, with_vectors=with_vectors)
    result = _counted(scored, SHIPPED if threshold is None else replace(SHIPPED, threshold=threshold))
    return LinkAudit(result.true_positive, result.false_positive, result.false_negative, result.true_negative,
                     tuple(missing), result.errors)


def _merit(result: LinkAudit) -> tuple[bool, float, float]:
    """Recall once precision reaches ``TARGET_PRECISION``; below it, precision first."""
    reached = result.precision >= TARGET_PRECISION
    return (reached, result.recall if reached else result.precision, result.precision)


def held_out(scored: Sequence[Scored], grid: Sequence[Rule] = HELD_OUT_GRID) -> tuple[LinkAudit, dict[str, Rule]]:
    """How the rule carries to a story it was not tuned on: for each story, the thresholds of ``grid``
    that do best on the other stories (:func:`_merit`) score its pairs; the counts are summed. The
    dev figures of ``audit_links`` come from thresholds chosen on every dev story; this estimate is
    what a new story, such as a test story, can expect."""
    stories = sorted({item.pair.story for item in scored})
    # Each rule scores each story once; the other stories' counts are the totals less the story's.
    counts = {rule: {story: _count_vector(_counted([i for i in scored if i.pair.story == story], rule))
                     for story in stories} for rule in grid}
    totals = [0, 0, 0, 0]
    chosen: dict[str, Rule] = {}
    for story in stories:
        def merit(rule: Rule, story: str = story) -> tuple[bool, float, float]:
            tp, fp, fn, tn = (sum(c[k] for c in counts[rule].values()) - counts[rule][story][k] for k in range(4))
            return _merit(LinkAudit(tp, fp, fn, tn))
        rule = max(grid, key=merit)
        chosen[story] = rule
        totals = [t + c for t, c in zip(totals, counts[rule][story], strict=True)]
    tp, fp, fn, tn = totals
    return LinkAudit(tp, fp, fn, tn), chosen


def _count_vector(result: LinkAudit) -> tuple[int, int, int, int]:
    return (result.true_positive, result.false_positive, result.false_negative, result.true_negative)
