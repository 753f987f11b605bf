"""Self-trained lexicon: what a first tagger calls each word across many unlabelled articles.

A name the labelled data never saw is usually seen many times in a few thousand news articles,
often in a context that gives it away. Tagging those articles with a first model and counting,
per word, the share of its occurrences tagged PER/LOC/ORG/MISC turns scattered context evidence
into a word-level feature for the second model.

A first model trained on all the labelled data would have memorised the training words, so
their lexicon entries would be near perfect and the second model would learn to trust the
feature far more than it deserves on new words. Hence jackknifing: the training data is split
in two halves, each half's model tags the articles, and each half is trained with the lexicon
built by the *other* half's model. At tagging time both halves' counts are pooled.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from akhbar.ner.features import document_cues, surface, view
from akhbar.ner.model import Tagger, word_sentences
from akhbar.ner.wordstats import WordCounts

AUTO_PREFIX = "A"  # lexicon classes from self-training read "APER2", cue classes "PER2"


@dataclass(frozen=True, slots=True)
class AutoConfig:
    articles: int = 3000  # every n-th article of the dump, spread over its months and outlets
    min_count: int = 3
    strong_ratio: float = 0.5
    weak_ratio: float = 0.1


@dataclass(slots=True)
class TagCounts:
    """Per word (core form): occurrences, and occurrences inside an entity of each type."""

    total: Counter[str] = field(default_factory=Counter)
    labelled: dict[str, Counter[str]] = field(default_factory=dict)

    def merged(self, other: TagCounts) -> TagCounts:
        labelled = {w: Counter(c) for w, c in self.labelled.items()}
        for word, counts in other.labelled.items():
            labelled.setdefault(word, Counter()).update(counts)
        return TagCounts(self.total + other.total, labelled)


def count_tags(tagger: Tagger, texts: Iterable[str], progress: Callable[[int], None] | None = None) -> TagCounts:
    """Tag each text as one document and count, per word, how it was tagged."""
    counts = TagCounts()
    for text in texts:
        tokens = [[text[a:b] for a, b, _ in spans] for spans in word_sentences(text)]
        doc = document_cues(tokens)
        for sentence in tokens:
            for token, tag in zip(sentence, tagger.tag(sentence, doc), strict=True):
                core = view(token).core
                counts.total[core] += 1
                if tag != "O":
                    counts.labelled.setdefault(core, Counter())[tag[2:]] += 1
        if progress is not None:
            progress(1)
    return counts


def auto_lexicon(counts: TagCounts, config: AutoConfig = AutoConfig()) -> dict[str, tuple[str, ...]]:
    """Graded classes (``APER2``: at least ``strong_ratio`` of occurrences tagged PER)."""
    lexicon: dict[str, tuple[str, ...]] = {}
    for word, labels in counts.labelled.items():
        total = counts.total[word]
        if total < config.min_count:
            continue
        classes = []
        for label, n in labels.items():
            if n / total >= config.strong_ratio:
                classes.append(f"{AUTO_PREFIX}{label}2")
            elif n / total >= config.weak_ratio:
                classes.append(f"{AUTO_PREFIX}{label}1")
        if classes:
            lexicon[word] = tuple(sorted(classes))
    return lexicon


def merge_lexicons(*lexicons: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, tuple[str, ...]] = {}
    for lexicon in lexicons:
        for word, classes in lexicon.items():
            merged[word] = tuple(sorted(set(merged.get(word, ())) | set(classes)))
    return merged


def count_words(tagger: Tagger, texts: Iterable[str], progress: Callable[[int], None] | None = None) -> WordCounts:
    """Word statistics (``akhbar.ner.wordstats``) of ``texts``, each tagged as one document."""
    counts = WordCounts()
    for text in texts:
        tokens = [[text[a:b] for a, b, _ in spans] for spans in word_sentences(text)]
        doc = document_cues(tokens)
        for sentence in tokens:
            views = [view(token) for token in sentence]
            surfaces = [surface(token) for token in sentence]
            counts.add_sentence([v.core for v in views], tagger.tag(sentence, doc), surfaces)
        if progress is not None:
            progress(1)
    return counts
