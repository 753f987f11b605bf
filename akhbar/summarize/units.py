"""Summary units and their scores.

Units are the alignment groups plus every sentence that no other outlet repeats. A unit scores
by centrality (LexRank over the stem-similarity graph), overlap with its article's title,
coverage (how many independent articles carry it) and position (news puts the most important
fact first); a penalty hits sentences that lean on the previous one (`وأضاف ...`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse

from akhbar.align import SentenceVectors, content_stems, stopwords
from akhbar.blocking import similarity_graph
from akhbar.config import SummaryConfig
from akhbar.ingest.dates import is_date_line
from akhbar.ingest.noise import is_boilerplate
from akhbar.records import Group, Sentence
from akhbar.resources import resource_lines, resource_set
from akhbar.summarize.readable import bare_kind_noun, is_fragment, is_site_furniture, refers_back
from akhbar.summarize.speech import bare_role_speaker, unattributed_speech
from akhbar.text.normalize import normalize

_DAMPING = 0.85
_GRAPH_THRESHOLD = 0.1


@dataclass(frozen=True, slots=True)
class Unit:
    """A candidate for the summary: one fact and the sentences (of one or more articles) carrying it."""

    members: tuple[int, ...]  # indexes into the sentence list
    representative: int
    score: float
    position: float  # relative position of the earliest member in its article (0 = lead)
    paraphrase: bool = False  # an alignment group of the same fact in other words


def dangling_openers() -> tuple[str, ...]:
    return resource_lines("dangling_openers.txt")


@cache
def _opener_set() -> frozenset[str]:
    return frozenset(dangling_openers())


def is_dangling(text: str) -> bool:
    """Whether ``text`` opens on a dangling opener (``dangling_openers.txt``): the opener followed
    by a space, «،» or «:», or the whole text. Openers are one or two words."""
    head = normalize(text)
    openers = _opener_set()
    if head in openers:
        return True
    words = head.split(" ", 2)
    for n in (1, 2):
        if len(words) < n:
            break
        *before, last = words[:n]
        for mark in ("،", ":"):
            cut = last.split(mark, 1)
            if len(cut) == 2 and " ".join([*before, cut[0]]) in openers:
                return True
        if len(words) > n and " ".join(words[:n]) in openers:
            return True
    return False


# Words after a reporting verb that carry the speaker over from the sentence before (وتابع قائلا).
_NOT_A_SPEAKER = frozenset({"قايلا", "قايلة", "قايلين", "بالقول"})
_PRONOUN_OPENERS = frozenset({"هو", "هي", "وهو", "وهي", "لكنه", "لكنها"})  # the subject is a pronoun
_SPEAKER_WINDOW = 3  # a reporting verb this early names the sentence's speaker right after it (كما أعلنت ماي)


def names_its_speaker(text: str) -> bool:
    """Whether an early reporting verb is followed by its speaker (وأضاف الرئيس التركي ...).

    «وأضاف أن ...», «وتابع قائلا: ...» and «وأضاف: "..."» carry the speaker over from the sentence
    before; «وأشار ترامب إلى أن ...» names him, and reads alone in a summary of several outlets.
    """
    words = normalize(text).split()
    if words and words[0].strip("،,") in _PRONOUN_OPENERS:
        return False
    for k, word in enumerate(words[:_SPEAKER_WINDOW]):
        bare = word.strip("،,:.")
        if bare not in reporting_verbs() and not (bare[:1] in "وف" and bare[1:] in reporting_verbs()):
            continue
        if word.endswith(":") or k + 1 >= len(words):
            return False
        speaker = words[k + 1]
        name = speaker.strip("،,:.\"'")
        return speaker[0].isalpha() and name not in stopwords() and not _carries_the_speaker(name)
    return False


def _carries_the_speaker(word: str) -> bool:
    """قائلا, or an accusative participle (متحدثا، مشيرا، موضحا): the verb's subject is the
    speaker of the sentence before."""
    return word in _NOT_A_SPEAKER or (word.startswith("م") and word.endswith("ا") and len(word) >= 5)


def leans_on_previous(text: str, *, first: bool = False) -> bool:
    """A dangling opener (`وأضاف ...`) or a reporting verb in any form (`وأضافت أن ...`, `وقال إن
    ...`, `وأعرب عن ...`) whose speaker is not named right after it, or first words that point back
    to what was just told (`وياتي هذا الرفض`, `واستطاع البعض منهم`,
    :func:`akhbar.summarize.readable.refers_back`), or speech whose speaker was named before
    (`وذكر المصدر أن ...`, `لا أتذكر ...`: :mod:`akhbar.summarize.speech`). An article's ``first``
    sentence has no sentence before it: a bare role there («قال المسؤول إن ...») is vague, not a
    pointer back, and stays."""
    return (((is_dangling(text) or opens_on_reporting_verb(text)) and not names_its_speaker(text))
            or refers_back(text) or bare_kind_noun(text) or (not first and bare_role_speaker(text))
            or unattributed_speech(text))


def opens_on_reporting_verb(text: str) -> bool:
    """Whether the first word is a reporting verb (``reporting_verbs.txt``: قال، أضافت، أعرب ...),
    with or without و/ف."""
    words = normalize(text).split()
    if not words:
        return False
    first = words[0].strip("،,:.")
    return first in reporting_verbs() or (first[:1] in "وف" and first[1:] in reporting_verbs())


def reporting_verbs() -> frozenset[str]:
    return resource_set("reporting_verbs.txt")


def word_count(text: str) -> int:
    return len(text.split())


def lexrank(similarity: sparse.csr_matrix, *, iterations: int = 50) -> np.ndarray:
    """Stationary distribution of the thresholded, row-normalized similarity graph (sparse)."""
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0)
    graph = similarity.copy().tocsr()
    graph.data[graph.data < _GRAPH_THRESHOLD] = 0
    graph.eliminate_zeros()
    degree = np.asarray(graph.sum(axis=1)).ravel()
    degree[degree == 0] = 1
    transition = sparse.diags(1 / degree) @ graph
    # .T builds a new matrix object on each access: once, not once per iteration.
    transposed = transition.T
    scores = np.full(n, 1 / n)
    for _ in range(iterations):
        updated = (1 - _DAMPING) / n + _DAMPING * (transposed @ scores)
        if np.abs(updated - scores).sum() < 1e-8:
            return updated
        scores = updated
    return scores


def position_prior(index: int, relative: float, decay: float) -> float:
    """How much news puts its most important facts first: 1 for the lead sentence.

    With ``decay`` 0 the prior falls linearly over the article (relative position); with a
    positive ``decay`` it falls as ``1 / (1 + index) ** decay`` of the sentence's index, so that
    the lead stands out even in a long article.
    """
    if decay <= 0:
        return 1 - relative
    return float((1 + index) ** -decay)


def title_overlap(sentences: Sequence[Sentence], titles: Mapping[str, str | None]) -> np.ndarray:
    """Share of its article's title content words that each sentence holds (0 without a title).

    A headline names the story; the sentences that restate it are what a standfirst says.
    """
    stems = {article: set(content_stems(title)) for article, title in titles.items() if title}
    out = np.zeros(len(sentences))
    for i, sentence in enumerate(sentences):
        title = stems.get(sentence.article)
        if title:
            out[i] = len(title & set(content_stems(sentence.text))) / len(title)
    return out


def _member_sets(sentences: Sequence[Sentence], groups: Sequence[Group]) -> list[tuple[tuple[int, ...], bool]]:
    """Each group's sentence indexes (and whether it is a paraphrase group), then every lone sentence."""
    index_of = {(s.article, s.index): i for i, s in enumerate(sentences)}
    member_sets = [(tuple(index_of[(s.article, s.index)] for s in group.sentences), group.kind == "paraphrase")
                   for group in groups]
    grouped = {i for members, _ in member_sets for i in members}
    return member_sets + [((i,), False) for i in range(len(sentences)) if i not in grouped]


def build_units(
    sentences: Sequence[Sentence], groups: Sequence[Group], vectors: SentenceVectors, *,
    config: SummaryConfig, titles: Mapping[str, str | None] | None = None,
) -> list[Unit]:
    lengths: dict[str, int] = {}
    for s in sentences:
        lengths[s.article] = max(lengths.get(s.article, 0), s.index + 1)
    n_articles = len(lengths)
    centrality = lexrank(similarity_graph(vectors.stems, min_similarity=_GRAPH_THRESHOLD))
    if centrality.size and centrality.max() > 0:
        centrality = centrality / centrality.max()
    # Each sentence's own merit; a unit takes its best member's.
    merit = (config.centrality_weight * centrality
             + config.title_weight * title_overlap(sentences, titles or {})
             - config.dangling_penalty * np.array([is_dangling(s.text) for s in sentences], dtype=float))
    units = []
    for members, paraphrase in _member_sets(sentences, groups):
        eligible = [i for i in members if _eligible(sentences[i].text, config)]
        representative = max(eligible or members, key=lambda i: (merit[i], -sentences[i].index))
        articles = {sentences[i].article for i in members}
        position = min(sentences[i].index / lengths[sentences[i].article] for i in members)
        first_index = min(sentences[i].index for i in members)
        coverage = (len(articles) - 1) / (n_articles - 1) if n_articles > 1 else 0.0
        score = (float(merit[list(members)].max())
                 + config.coverage_weight * coverage
                 + config.position_weight * position_prior(first_index, position, config.position_decay))
        if not eligible:
            score = -np.inf
        units.append(Unit(members, representative, score, position, paraphrase))
    return units


def within_bounds(text: str, config: SummaryConfig) -> bool:
    """Within the word bounds and not announcing what follows (a colon at the end)."""
    return _eligible(text, config)


def _eligible(text: str, config: SummaryConfig) -> bool:
    words = word_count(text)
    return config.min_words <= words <= config.max_words and not text.rstrip().endswith(":")


def is_furniture(text: str) -> bool:
    """A date line (`الأحد 4 ديسمبر 2016`), a footer left in the body or a line addressed to the
    site's reader (`تابعوا تغطية خاصة ...`, `للمزيد: ...`): never a summary sentence."""
    line = text.strip()
    return is_date_line(line) or is_boilerplate(line) or is_site_furniture(line) or is_fragment(line)


def stands_alone(text: str, config: SummaryConfig, *, first: bool = False) -> bool:
    """Whether a sentence can be read out of its article: within the word bounds, not page
    furniture, not leaning on the sentence before it (`وأضاف ...`), not announcing what follows."""
    return _eligible(text, config) and not leans_on_previous(text, first=first) and not is_furniture(text)
