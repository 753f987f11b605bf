"""The shipped tagger: loads the CRF and its lexical resources once, tags tokens and text."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path

import pycrfsuite

from akhbar.ner.data import Sentence, chunks
from akhbar.ner.features import (
    DOC_RADIUS,
    DocCues,
    Resources,
    document_cues,
    sentence_features,
    view,
    windowed_document_cues,
)
from akhbar.ner.gazetteer import GAZETTEER_FILE, Gazetteer, load_gazetteer
from akhbar.ner.lexicon import parse_lexicon
from akhbar.ner.memo import Tagged, active_memo, fingerprint, memo_key
from akhbar.ner.namelike import NAMELIKE_FILE, NameShape, load_shape
from akhbar.ner.names import NameEvidence
from akhbar.ner.store import load_clusters
from akhbar.ner.wordstats import WORDSTATS_FILE, load_wordstats
from akhbar.text.segment import sentence_spans
from akhbar.text.tokens import token_spans

MODEL_FILE = "model.crfsuite"
CLUSTERS_FILE = "clusters.tsv.gz"
LEXICON_FILE = "lexicon.tsv.gz"
AUTO_LEXICON_FILE = "autolex.tsv.gz"
# crfsuite is linear in sentence length, but a runaway "sentence" (a table, a list without
# punctuation) would still be tagged with context from unrelated text; cut it into windows.
_MAX_TOKENS = 200
_NON_SPACE = re.compile(r"\S+")


# One-entity-type-per-document: a surname tagged PER in some of its occurrences in an article is a
# person in the others too, where the context (no title, no first name) did not say so.
# `python benchmarks/ner_consistency.py ../shared/data/anercorp_camellab` measures the rule on the
# held-out tenth of the train split (CRF without the self-trained lexicon), micro-F1: no rule 0.7205,
# share 0.5: 0.7292, 0.3: 0.7322, 0.1 to 0.2: 0.7330 (0.15, the middle, is used); counting every
# word of an entity rather than its last: 0.7295. `akhbar summarize` reads a whole story as one
# document, so the rule was also checked on larger windows (±30 / ±60 sentences, several ANERcorp
# articles each): 0.15 still beats 0.5 (0.7376 vs 0.7295; 0.7342 vs 0.7272). With the self-trained
# lexicon (``--ant``): 0.5: 0.7397, 0.15: 0.7447; ±30: 0.7394 vs 0.7416; ±60: 0.7389 vs 0.7407.
_CONSISTENCY_SHARE = 0.15
# A place also tagged inside an organisation's name (حلب in جيش حلب) still counts as one type when
# 80% of its tagged occurrences agree (held-out: no change from requiring 100%).
_DOMINANT_TYPE = 0.8
_MIN_PROPAGATED_LENGTH = 3
# Attributes whose every weight is smaller than this are not passed to the tagger: fewer feature
# strings per word, nearly the same tags. Held-out micro-F1 of the c2 = 0.1 recipe (README): all
# 26,075 attributes 0.7558; |w| >= 0.1: 18,413, 0.7555; 0.15: 15,555, 0.7558; 0.2: 13,249,
# 0.7592; 0.3: 9,631, 0.7500.
MIN_WEIGHT = 0.15


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    label: str  # "PER" | "LOC" | "ORG" | "MISC"
    start: int
    end: int
    # How sure the CRF is: the least of its words' marginal probabilities of their tags (the entity
    # table shows a name only when some mention of it is sure enough). 1.0 where not computed.
    confidence: float = field(default=1.0, compare=False)


def load_resources(directory: Path, *, auto: bool = True) -> Resources:
    """Clusters and lexicons from ``directory``; a missing file just means no such features.

    ``auto=False`` leaves out the self-trained lexicon (training builds its own, per half).
    """
    clusters: dict[str, tuple[int, ...]] = {}
    if (directory / CLUSTERS_FILE).exists():
        clusters = load_clusters(directory / CLUSTERS_FILE)
    lexicon: dict[str, tuple[str, ...]] = {}
    for name in (LEXICON_FILE, AUTO_LEXICON_FILE) if auto else (LEXICON_FILE,):
        if (directory / name).exists():
            with gzip.open(directory / name, "rt", encoding="utf-8") as handle:
                for word, classes in parse_lexicon(handle).items():
                    lexicon[word] = lexicon.get(word, ()) + classes
    gazetteer = load_gazetteer(directory / GAZETTEER_FILE) if (directory / GAZETTEER_FILE).exists() else Gazetteer()
    shape = load_shape(directory / NAMELIKE_FILE) if (directory / NAMELIKE_FILE).exists() else NameShape()
    return Resources(clusters, lexicon, gazetteer, shape)


class Tagger:
    """A crfsuite model plus the resources its features were trained with."""

    def __init__(self, model_path: Path, resources: Resources, *, min_weight: float = MIN_WEIGHT) -> None:
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        weights = self._tagger.info().state_features
        attributes = frozenset(attribute for (attribute, _), weight in weights.items() if abs(weight) >= min_weight)
        self.resources = replace(resources, attributes=attributes)

    @classmethod
    def from_directory(cls, directory: Path, model_path: Path | None = None) -> Tagger:
        return cls(model_path or directory / MODEL_FILE, load_resources(directory))

    def tag(self, tokens: Sequence[str], doc: DocCues | None = None) -> list[str]:
        """Tags of one sentence; ``doc`` carries cues from the rest of its document, if known."""
        tags: list[str] = []
        for start in range(0, len(tokens), _MAX_TOKENS):
            window = tokens[start:start + _MAX_TOKENS]
            tags.extend(self._tagger.tag(sentence_features(window, self.resources, doc)))
        return tags

    def tag_scored(self, tokens: Sequence[str], doc: DocCues | None = None) -> tuple[list[str], list[float]]:
        """Tags of one sentence and, per token, how sure the CRF is of it (1.0 for O): the marginal
        probability of its tag, and on a mention's last word also that the name ends there (not
        I- on the next word: مصطفى | ضيائي is a name cut short however sure its first word is).

        Marginals are read only inside mentions: crfsuite runs its forward-backward pass for a
        window on the first such read, so a window without a mention costs nothing more.
        """
        tags: list[str] = []
        scores: list[float] = []
        for start in range(0, len(tokens), _MAX_TOKENS):
            window = self._tagger.tag(sentence_features(tokens[start:start + _MAX_TOKENS], self.resources, doc))
            tags.extend(window)
            window_scores = [1.0] * len(window)
            for j in [j for j, tag in enumerate(window) if tag != "O"]:
                window_scores[j] = self._sureness(window, j)
            scores.extend(window_scores)
        return tags, scores

    def _sureness(self, window: Sequence[str], j: int) -> float:
        tag = window[j]
        score = self._tagger.marginal(tag, j)
        following = f"I-{tag[2:]}"
        if j + 1 < len(window) and window[j + 1] != following:
            score = min(score, 1.0 - self._tagger.marginal(following, j + 1))
        return score

    def tag_sentences(
        self, sentences: Sequence[Sentence], *, radius: int = DOC_RADIUS, share: float | None = _CONSISTENCY_SHARE
    ) -> list[list[str]]:
        """Tags of a run of sentences, with document cues and consistency from ``radius`` neighbours
        either side (``share``: see ``relabel_consistently``; None switches that rule off)."""
        tokens = [s.tokens for s in sentences]
        docs = windowed_document_cues(tokens, radius)
        tags = [self.tag(t, doc) for t, doc in zip(tokens, docs, strict=True)]
        if share is None:
            return tags
        return [
            relabel_consistently(tokens[i], tags[i], *label_counts(tokens[lo:hi], tags[lo:hi]), share=share)
            for i, (lo, hi) in enumerate(_windows(len(tokens), radius))
        ]


def _windows(n: int, radius: int = DOC_RADIUS) -> list[tuple[int, int]]:
    return [(max(0, i - radius), min(n, i + radius + 1)) for i in range(n)]


def label_counts(
    sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]
) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """Per core form: occurrences, and occurrences ending an entity of each type.

    Only the last word of an entity counts: a surname (لافروف in سيرغي لافروف) or a name standing
    alone stands for the entity, while the head of a longer name (جيش in جيش الفتح) does not.
    """
    total: Counter[str] = Counter()
    labelled: dict[str, Counter[str]] = {}
    for tokens, sentence_tags in zip(sentences, tags, strict=True):
        for j, (token, tag) in enumerate(zip(tokens, sentence_tags, strict=True)):
            core = view(token).core
            total[core] += 1
            following = sentence_tags[j + 1] if j + 1 < len(sentence_tags) else "O"
            if tag != "O" and following != f"I-{tag[2:]}":
                labelled.setdefault(core, Counter())[tag[2:]] += 1
    return total, labelled


def relabel_consistently(
    tokens: Sequence[str], tags: Sequence[str], total: Counter[str], labelled: dict[str, Counter[str]],
    *, share: float = _CONSISTENCY_SHARE,
) -> list[str]:
    """Tag untagged occurrences of words the document mostly tags as one entity type.

    Only undefined words (no ال: الوطني inside "المجلس الوطني" is not an entity alone) of
    letters, ending an entity in at least 15% of their occurrences, 80% of those times of one type.
    """
    out = list(tags)
    for j, token in enumerate(tokens):
        core = view(token).core
        if out[j] != "O" or core not in labelled:
            continue
        if len(core) < _MIN_PROPAGATED_LENGTH or not core.isalpha() or core.startswith("ال"):
            continue
        ((label, count),) = labelled[core].most_common(1)
        if count / labelled[core].total() >= _DOMINANT_TYPE and count / total[core] >= share:
            # Two propagated person tokens in a row are one name (first name + surname).
            continues = j > 0 and out[j - 1][2:] == label == "PER"
            out[j] = ("I-" if continues else "B-") + label
    return out


_stack = ExitStack()


@cache
def _packaged_directory() -> Path:
    files = importlib_resources.files("akhbar") / "resources" / "ner"
    # as_file keeps working if the package is ever zipped; the stack holds the extraction open.
    return Path(_stack.enter_context(importlib_resources.as_file(files)))


@cache
def default_tagger() -> Tagger:
    """The packaged model, loaded on first use and kept for the life of the process."""
    return Tagger.from_directory(_packaged_directory())


@cache
def packaged_fingerprint() -> str:
    """A digest of the packaged model and its resources (see :func:`akhbar.ner.memo.fingerprint`)."""
    return fingerprint(_packaged_directory())


def load_name_evidence(directory: Path, gazetteer: Gazetteer) -> NameEvidence:
    """Word statistics of ``directory`` (none if the file is missing) with ``gazetteer``."""
    path = directory / WORDSTATS_FILE
    return NameEvidence(load_wordstats(path) if path.exists() else {}, gazetteer)


@cache
def default_name_evidence() -> NameEvidence:
    """The evidence shipped with the packaged model (``akhbar.ner.names``)."""
    return load_name_evidence(_packaged_directory(), default_tagger().resources.gazetteer)


def tag_tokens(tokens: list[str]) -> list[str]:
    """BIO tags (labels PER/LOC/ORG/MISC) for one sentence of tokens."""
    if not tokens:
        return []
    return default_tagger().tag(tokens)


def context_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Word spans of ``text[start:end]`` (from ``token_spans``) and the punctuation between them.

    The training corpora keep punctuation as tokens (« . ، "), and the CRF uses it as context
    (a name often ends at a comma), so punctuation runs are tagged too; the flag says which
    spans are words, and only words may begin or end a mention.
    """
    spans: list[tuple[int, int, bool]] = []
    cursor = start
    for a, b in token_spans(text[start:end]):
        gap = text[cursor:start + a]
        spans.extend((cursor + m.start(), cursor + m.end(), False) for m in _NON_SPACE.finditer(gap))
        spans.append((start + a, start + b, True))
        cursor = start + b
    spans.extend((cursor + m.start(), cursor + m.end(), False) for m in _NON_SPACE.finditer(text[cursor:end]))
    return spans


def mentions_with(tagger: Tagger, text: str) -> list[Mention]:
    """Entity mentions of ``text`` with character offsets, tagging sentence by sentence."""
    return story_mentions_with(tagger, [text])[0]


def story_mentions_with(tagger: Tagger, texts: Sequence[str]) -> list[list[Mention]]:
    """Mentions of each text, with the texts read as one story.

    Cue words (مدينة حلب) and the one-type-per-word rule then work across all the texts: outlets
    covering one event name the same places and people, and a name one outlet introduces with a
    title is the same name where another outlet drops the title.
    """
    per_text = [word_sentences(text) for text in texts]
    tokens = [[text[a:b] for a, b, _ in spans] for text, spans_list in zip(texts, per_text, strict=True)
              for spans in spans_list]
    doc = document_cues(tokens)
    scored, keys = _tag_all(tagger, tokens, doc)
    memo = active_memo()
    all_tags = [tags for tags, _ in scored]
    counts = label_counts(tokens, all_tags)
    surest = surest_tags(tokens, scored)
    found: list[list[Mention]] = []
    k = 0
    for text, spans_list in zip(texts, per_text, strict=True):
        if memo is not None:
            memo.keys_of[text] = keys[k:k + len(spans_list)]
        mentions: list[Mention] = []
        for spans in spans_list:
            tags = relabel_consistently(tokens[k], all_tags[k], *counts)
            scores = _propagated_scores(tokens[k], all_tags[k], scored[k][1], tags, surest)
            k += 1
            # A mention made only of punctuation, or a label on a quote mark, is not an entity.
            tags = [tag if is_word else "O" for tag, (_, _, is_word) in zip(tags, spans, strict=True)]
            for chunk in chunks(tags):
                start, end = spans[chunk.start][0], spans[chunk.end - 1][1]
                confidence = min(scores[chunk.start:chunk.end])
                mentions.append(Mention(text[start:end], chunk.label, start, end, confidence))
        found.append(mentions)
    return found


def _tag_all(tagger: Tagger, sentences: Sequence[Sequence[str]], doc: DocCues) -> tuple[list[Tagged], list[str]]:
    """``tag_scored`` of each sentence, and (while a :class:`~akhbar.ner.memo.TagMemo` is active) each one's
    :func:`~akhbar.ner.memo.memo_key`. A sentence's tags depend only on its words and their document cues,
    so a sentence met again (wire copy repeats whole paragraphs) is tagged once, and one the memo holds
    (the same words and cues, from an earlier report) is not tagged at all."""
    memo = active_memo()
    seen: dict[tuple[str, ...], tuple[Tagged, str]] = {}
    out: list[Tagged] = []
    keys: list[str] = []
    for sentence in sentences:
        words = tuple(sentence)
        found = seen.get(words)
        if found is None:
            key = "" if memo is None else memo_key(sentence, doc)
            tagged = None if memo is None else memo.known.get(key)
            if tagged is None:
                tagged = tagger.tag_scored(sentence, doc)
                if memo is not None:
                    memo.known[key] = tagged
                    memo.tagged += 1
            found = seen[words] = (tagged, key)
        out.append(found[0])
        keys.append(found[1])
    return out, keys


def surest_tags(
    sentences: Sequence[Sequence[str]], scored: Sequence[tuple[Sequence[str], Sequence[float]]]
) -> dict[tuple[str, str], float]:
    """(core form, type) -> the highest marginal the CRF gave that word tagged with that type."""
    best: dict[tuple[str, str], float] = {}
    for tokens, (tags, scores) in zip(sentences, scored, strict=True):
        for j in [j for j, tag in enumerate(tags) if tag != "O"]:
            key = (view(tokens[j]).core, tags[j][2:])
            best[key] = max(best.get(key, 0.0), scores[j])
    return best


def _propagated_scores(
    tokens: Sequence[str], tagged: Sequence[str], scores: Sequence[float], relabelled: Sequence[str],
    surest: dict[tuple[str, str], float],
) -> list[float]:
    """A word tagged by the one-type-per-word rule is as sure as its surest tagged occurrence:
    the rule says it is the same name, and the CRF's marginal here (it said O) says nothing more."""
    if tagged == relabelled:
        return list(scores)
    return [
        score if old == new else surest.get((view(token).core, new[2:]), 0.0)
        for token, old, new, score in zip(tokens, tagged, relabelled, scores, strict=True)
    ]


def word_sentences(text: str) -> list[list[tuple[int, int, bool]]]:
    """The sentences of ``text`` as ``context_spans``, leaving out sentences without a word."""
    sentences = [context_spans(text, a, b) for a, b in sentence_spans(text)]
    return [spans for spans in sentences if any(is_word for _, _, is_word in spans)]


def entity_mentions(text: str) -> list[Mention]:
    """Entity mentions of ``text`` found by the packaged model."""
    return mentions_with(default_tagger(), text)


def story_mentions(texts: Sequence[str]) -> list[list[Mention]]:
    """Entity mentions of each of ``texts`` (one story) found by the packaged model."""
    return story_mentions_with(default_tagger(), texts)
