"""Same fact, other words: links between sentences of different outlets that tell one fact.

The alignment (:mod:`akhbar.align`) groups sentences whose stem vectors are close (cosine 0.4); two
outlets telling one fact in their own words rarely get there. «قال زكريا ملاحفجي المسؤول الكبير
بالمعارضة السورية إن جماعات المعارضة أبلغت الولايات المتحدة أنها لن تترك حلب ...» and «وقال مسؤول
كبير في المعارضة السورية المسلحة يدعى زكريا ملاحفجي، إن الفصائل المقاتلة بحلب أبلغت مسؤولين
أمريكيين بأنها لن تترك المدينة ...» share a name, a verb and a refusal, not a wording. Two sentences
are linked here when

- they **share what is rare in the story**: the weight of their shared content stems over the
  geometric mean of their weights, each stem weighed by the square of its inverse frequency among
  the story's sentences (a name or a rare verb, ملاحفجي، أبلغت, counts far more than the story's
  own words, حلب، المعارضة), reaching ``threshold``; or their **characters** agree (cosine of
  4-gram vectors, ``char_threshold``), which survives the outlets' spellings (موغريني / موغيريني);
- or, when they share a little of it (``SOFT_GATE``), each holds ``SOFT_THRESHOLD`` of the other's
  weight **in other words**: every stem of one is matched to its closest stem of the other by the
  shipped word vectors (:mod:`akhbar.summarize.softshare`, cosine ``SOFT_FLOOR`` or more; the same
  stem matches fully), and the weighted share matched is read both ways, the smaller kept
  («رفعت الحكومة المصرية أسعار المحروقات» / «قررت الحكومة المصرية رفع أسعار الوقود»: الوقود and
  المحروقات are neighbours; a soft cosine in the manner of BERTScore, with Word2Vec stems);
- those thresholds hold for a pair that shares an **anchor** of a fact
  (:attr:`akhbar.summarize.anchors.PairFlags.anchored`): a word of the two speakers, a skeleton
  of the two actors, the speaker of one as the actor of the other, or a figure that agrees; a
  pair with none needs ``UNANCHORED_THRESHOLD`` of shared weight (or ``UNANCHORED_SOFT_THRESHOLD``
  in other words): the story's names and frame words alone
  («الرئيس الأمريكي دونالد ترامب ... الاتفاق النووي») are shared by many of its facts;
- and nothing says they are two facts:
  - **speakers**: when both name who speaks (the words after an early reporting verb, up to
    «إن/أن», a colon, or a comma, past a short title to the name set off after it: «أعلن وزير
    البترول المصري، طارق الملا، ...»), they share a word of it (Lavrov and Malahfaji on the same
    talks are two facts);
  - **actors**: when both open on a verb, the few words after it (its subject; none when a
    preposition comes first: «وانهار أمس خلال أمطار غزيرة») share a consonant skeleton (الأمريكي /
    الأميركي agree; «وحثت بريطانيا ...» and «أعلن الرئيس الأمريكي ...» do not);
  - **figures**: when both hold figures, they share one (53 dead and 25 dead are two tolls);
  - **questions**: a question tells no fact («ما الذي سيعلنه ترامب ...؟»).

Candidates are the pairs of sentences of different outlets that share ``min_shared`` stems held by
at most ``max_df`` sentences (:func:`akhbar.blocking.candidate_pairs`), never all pairs; each is
scored once. The rule and its thresholds were chosen on the dev split of the judged audit pairs
(``data/audit/paraphrase.jsonl``, ``akhbar eval-paraphrase --split dev --held-out``; figures and
what was tried in docs/summaries.md): on the 479 dev pairs, precision 0.92 and recall 0.39 with the
thresholds chosen on all of dev, 0.81 and 0.40 with each story's chosen on the others.

A **learned second path** (:mod:`akhbar.summarize.pairmodel`) adds links the rule misses: a
candidate pair sharing ``SOFT_GATE`` of rare weight that the shipped logistic model links (the
speaker and actor conflicts are its features there, not vetoes; figures that disagree and a
question still veto). ``Rule.model_threshold`` turns it off (``RULE_ONLY``). With it, on the 551
dev pairs: 0.91 / 0.59, held out 0.88 / 0.55 (the rule alone 0.88 / 0.29); on the 479 judged
before the model, held out 0.819 / 0.456.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from scipy import sparse

from akhbar.align import SentenceVectors, content_stems
from akhbar.blocking import candidate_pairs, row_dots
from akhbar.records import Sentence
from akhbar.stories.wordvectors import word_vectors
from akhbar.summarize.anchors import (
    PairFlags,
    actor_skeletons,
    figures_of,
    pair_flags,
    skeleton,
    speaker_stems,
)
from akhbar.summarize.overlap import document_frequencies
from akhbar.summarize.pairmodel import OFF, PairModel, pair_features, shipped_model
from akhbar.summarize.softshare import batched_soft_shares, soft_shares
from akhbar.text.segment import is_question
from akhbar.vectors import counted_terms

THRESHOLD = 0.3  # shared rare weight that links two sentences (dev split of data/audit/paraphrase.jsonl)
CHAR_THRESHOLD = 0.3  # ... or character 4-gram cosine
CHAR_GATE = 0.15  # ... scored only for pairs sharing at least this much rare weight
SOFT_THRESHOLD = 0.45  # ... or the share of each one's weight the other tells in other words (word vectors)
SOFT_GATE = 0.1  # ... scored only for pairs sharing at least this much rare weight
# A pair that shares no anchor (a word of the speaker, the actor, a figure) needs more: the story's
# names and frame words alone («الرئيس الأمريكي دونالد ترامب ... الاتفاق النووي») are not a fact.
UNANCHORED_THRESHOLD = 0.4
UNANCHORED_SOFT_THRESHOLD = 0.5
# ... and only in a story of this many sentences: in a handful, every word is rare, and two facts of one
# storm («ضربت عاصفة ... الإسكندرية» / «تسببت العاصفة في انقطاع الكهرباء ... بالإسكندرية») share 0.39.
SOFT_MIN_SENTENCES = 30
MIN_SHARED = 2
MAX_DF = 400


@dataclass(frozen=True, slots=True)
class Told:
    """What a sentence tells, for comparison: its stems with weights, its speaker's stems, its figures."""

    weights: Mapping[str, float]
    speaker: frozenset[str]
    figures: frozenset[str]
    actor: frozenset[str] = frozenset()
    question: bool = False  # a question tells no fact («ما الذي سيعلنه ترامب ...؟»)
    # the speaker's words as skeletons, read once per sentence: the speaker of one may be the actor of another
    speaker_skeletons: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "speaker_skeletons", frozenset(skeleton(t) for t in self.speaker))

    @property
    def total(self) -> float:
        return sum(self.weights.values())


def told(text: str, df: Mapping[str, int], n: int) -> Told:
    """``text`` read for comparison: stems weighed by the square of ``log((1 + n) / (1 + df)) + 1``."""
    stems = content_stems(text)
    weights = {t: (math.log((1 + n) / (1 + df.get(t, 0))) + 1) ** 2 for t in set(stems)}
    return Told(weights, speaker_stems(text, apposition=True), figures_of(stems), actor_skeletons(text),
                is_question(text))


def key_overlap(a: Told, b: Told) -> float:
    """Weight of what ``a`` and ``b`` share over the geometric mean of their weights."""
    norm = math.sqrt(a.total * b.total)
    if norm <= 0:
        return 0.0
    return min(1.0, sum(w for t, w in a.weights.items() if t in b.weights) / norm)


@dataclass(frozen=True, slots=True)
class Rule:
    """The thresholds of :func:`same_fact` (module docstring); the defaults are the shipped ones."""

    threshold: float = THRESHOLD
    soft_threshold: float = SOFT_THRESHOLD
    soft_gate: float = SOFT_GATE
    unanchored_threshold: float = UNANCHORED_THRESHOLD
    unanchored_soft_threshold: float = UNANCHORED_SOFT_THRESHOLD
    char_threshold: float = CHAR_THRESHOLD
    # The learned path (:mod:`akhbar.summarize.pairmodel`): a pair the thresholds leave apart is linked
    # when the shipped model's probability reaches this (None: the model's own threshold; ``OFF``: never).
    model_threshold: float | None = None


SHIPPED = Rule()
RULE_ONLY = Rule(model_threshold=OFF)


def same_fact(a: Told, b: Told, *, chars: float = 0.0, threshold: float = THRESHOLD,
              char_threshold: float = CHAR_THRESHOLD, soft: float = 0.0, rule: Rule | None = None,
              contained: float | None = None) -> bool:
    """Whether ``a`` and ``b`` tell one fact (module docstring); ``chars``: their character cosine;
    ``soft``: their :func:`akhbar.summarize.softshare.soft_share` (0: not used); ``contained``: the
    larger share (read from their weights if not given). With ``rule``
    (the shipped rule: ``SHIPPED``), its thresholds decide, and a pair with no anchor
    (:func:`akhbar.summarize.anchors.pair_flags`) needs its stricter ones; without it, the keyword
    thresholds decide for every pair."""
    if rule is None:
        rule = Rule(threshold, SOFT_THRESHOLD, SOFT_GATE, threshold, SOFT_THRESHOLD, char_threshold, OFF)
    return decide(key_overlap(a, b), chars, soft, pair_flags(a, b), rule,
                  contained=_contained(a, b, soft) if contained is None else contained)


def _contained(a: Told, b: Told, soft: float) -> float:
    """The larger of the two soft shares (:func:`akhbar.summarize.softshare.soft_shares`): 0 when no
    soft share was read (a small story, no vectors)."""
    return soft_shares(a.weights, b.weights, word_vectors())[1] if soft > 0 else 0.0


def decide(shared: float, chars: float, soft: float, flags: PairFlags, rule: Rule, *,
           contained: float = 0.0) -> bool:
    """The one decision of :func:`same_fact` and :func:`same_fact_links`, from a pair's measures
    and its :func:`akhbar.summarize.anchors.pair_flags`: linked by the thresholds (the
    stricter ones with no anchor) when nothing says two facts, or by the learned path.
    ``contained``: the larger soft share (a feature of the model)."""
    if flags.question:
        return False
    if not flags.two_facts and _linked(shared, chars, soft, flags.anchored, rule):
        return True
    return _learned(shared, chars, soft, flags, rule, contained=contained)


def _learned(shared: float, chars: float, soft: float, flags: PairFlags, rule: Rule, *,
             contained: float) -> bool:
    """The learned path: a pair sharing ``rule.soft_gate`` of rare weight (the pairs whose soft share
    is read) that the shipped model (:mod:`akhbar.summarize.pairmodel`) links."""
    learner = _learner(rule)
    if learner is None or shared < rule.soft_gate or not flags.readable:
        return False
    model, cut = learner
    return model.probability(pair_features(shared, chars, soft, contained, flags)) >= cut


def _learner(rule: Rule) -> tuple[PairModel, float] | None:
    """The shipped model and the probability from which it links under ``rule``, or None when the
    learned path is off (no shipped model, ``OFF``, or a threshold no probability reaches)."""
    model = shipped_model()
    if model is None or rule.model_threshold == OFF:
        return None
    cut = model.threshold if rule.model_threshold is None else rule.model_threshold
    return None if cut > 1 else (model, cut)


def _may_learn(shared: np.ndarray, chars: np.ndarray, soft: np.ndarray, contained: np.ndarray,
               rule: Rule) -> np.ndarray:
    """The pairs the learned path could link: the others cannot reach the model's threshold whatever
    their speakers, actors and figures (:meth:`akhbar.summarize.pairmodel.PairModel.ceiling`)."""
    learner = _learner(rule)
    if learner is None:
        return np.zeros(len(shared), dtype=bool)
    model, cut = learner
    return model.ceiling(shared, chars, soft, contained) >= cut


def _linked(shared: float, chars: float, soft: float, has_anchor: bool, rule: Rule) -> bool:
    if has_anchor:
        return (shared >= rule.threshold or (shared >= CHAR_GATE and chars >= rule.char_threshold)
                or (shared >= rule.soft_gate and soft >= rule.soft_threshold))
    return shared >= rule.unanchored_threshold or (shared >= rule.soft_gate and soft >= rule.unanchored_soft_threshold)


def read_all(texts: Sequence[str]) -> list[Told]:
    """Every text read for comparison, weighed by the story's own frequencies: what is rare in the
    story (a name, a figure, a verb one outlet chose) tells which of its facts a sentence tells."""
    df, n = document_frequencies(texts)
    return [told(t, df, n) for t in texts]


def candidate_links(sentences: Sequence[Sentence], outlets: Mapping[str, str] | None = None, *,
                    min_shared: int = MIN_SHARED, max_df: int = MAX_DF,
                    stems: sparse.csr_matrix | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of sentences of different outlets sharing ``min_shared`` stems that at most
    ``max_df`` sentences hold: the only pairs ever scored. ``stems``: the binary sentence-by-stem
    matrix, if already made."""
    if len(sentences) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    matrix = stems if stems is not None else _binary([s.text for s in sentences])[0]
    rows, cols = candidate_pairs(matrix, max_df=max_df, min_shared=min_shared)
    names = outlets or {}
    outlet = np.array([names.get(s.article, s.article) for s in sentences])
    other = outlet[rows] != outlet[cols]
    return rows[other], cols[other]


def same_fact_links(sentences: Sequence[Sentence], vectors: SentenceVectors,
                    outlets: Mapping[str, str] | None = None, *, threshold: float = THRESHOLD,
                    char_threshold: float = CHAR_THRESHOLD) -> dict[int, tuple[int, ...]]:
    """For each sentence, the sentences of other outlets that tell its fact (by index, sorted).

    The overlaps of all candidates are computed at once with sparse products (the weight a pair
    shares is the dot product of the two rows of the stem matrix scaled by each stem's inverse
    frequency); speakers, actors and figures are read only for the pairs that pass, so a story of
    thousands of sentences costs a few sparse products, not a Python loop over its candidates.
    """
    names = outlets or {}
    if len({names.get(s.article, s.article) for s in sentences}) < 2:
        return {}  # links join other outlets only: a lone outlet's story (most of an archive's) has none
    texts = [s.text for s in sentences]
    stems, vocabulary = _binary(texts)
    rows, cols = candidate_links(sentences, outlets, stems=stems)
    if len(rows) == 0:
        return {}
    n = stems.shape[0]
    df = np.asarray(stems.sum(axis=0)).ravel()
    idf = np.log((1 + n) / (1 + df)) + 1  # the weight of :func:`told` is this squared
    scaled = sparse.csr_matrix(stems @ sparse.diags(idf))
    totals = np.asarray(scaled.multiply(scaled).sum(axis=1)).ravel()
    shared = row_dots(scaled, rows, cols)
    norm = np.sqrt(totals[rows] * totals[cols])
    overlaps = np.divide(shared, norm, out=np.zeros_like(shared), where=norm > 0)
    rule = replace(SHIPPED, threshold=threshold, char_threshold=char_threshold)
    learned = _learner(rule) is not None
    sure = overlaps >= max(rule.threshold, rule.unanchored_threshold)  # linked unless a veto says two facts
    passing = overlaps >= min(rule.threshold, rule.unanchored_threshold)
    # The learned path reads every pair from the soft gate on (a vetoed "sure" pair too): the
    # characters and the soft share are its features.
    read = (overlaps >= rule.soft_gate) & (np.ones(len(rows), dtype=bool) if learned else ~sure)
    # Characters are compared only where the stems already half agree: the character rule catches
    # spellings of shared names (موغريني / موغيريني), and wide character rows are the costly product.
    # (On the dev pairs a gate of up to 0.2 changes no decision.)
    chars = np.zeros(len(rows))
    gated = np.flatnonzero(read & (overlaps >= (rule.soft_gate if learned else CHAR_GATE)))
    chars[gated] = row_dots(vectors.chars, rows[gated], cols[gated])
    passing |= chars >= rule.char_threshold
    # Other words for the same things: only where some rare weight is shared already (the index's
    # candidates), one small product of the two sentences' stem vectors per pair.
    soft, contained = np.zeros(len(rows)), np.zeros(len(rows))
    softened = np.flatnonzero(read)
    if len(softened) and n >= SOFT_MIN_SENTENCES:
        soft[softened], contained[softened] = batched_soft_shares(stems, idf ** 2, vocabulary, rows[softened],
                                                                  cols[softened], vectors=word_vectors())
        passing |= soft >= min(rule.soft_threshold, rule.unanchored_soft_threshold)
    if learned:
        passing |= read & _may_learn(overlaps, chars, soft, contained, rule)
    readings: dict[int, Told] = {}
    # The figures of a sentence are its stems with a digit: read from the stem matrix, not stemmed again.
    in_column_order = sorted(vocabulary, key=vocabulary.__getitem__)
    numeric = np.array([any(ch.isdigit() for ch in term) for term in in_column_order], dtype=bool)
    terms = np.array(in_column_order, dtype=object)

    def reading(i: int) -> Told:
        if i not in readings:
            text = texts[i]
            columns = stems.indices[stems.indptr[i]:stems.indptr[i + 1]]
            figures = frozenset(terms[columns[numeric[columns]]].tolist())
            readings[i] = Told({}, speaker_stems(text, apposition=True), figures, actor_skeletons(text),
                               is_question(text))
        return readings[i]

    links: dict[int, list[int]] = {}
    for k in np.flatnonzero(passing).tolist():
        i, j = int(rows[k]), int(cols[k])
        if decide(float(overlaps[k]), float(chars[k]), float(soft[k]), pair_flags(reading(i), reading(j)), rule,
                  contained=float(contained[k])):
            links.setdefault(i, []).append(j)
            links.setdefault(j, []).append(i)
    return {i: tuple(sorted(js)) for i, js in links.items()}


def _binary(texts: Sequence[str]) -> tuple[sparse.csr_matrix, Mapping[str, int]]:
    """The binary sentence-by-stem matrix and its vocabulary (stem -> column)."""
    counts, vocabulary = counted_terms(set(content_stems(t)) for t in texts)
    counts = sparse.csr_matrix(counts)
    counts.data[:] = 1
    return counts, vocabulary
