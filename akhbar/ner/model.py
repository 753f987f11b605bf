"""The shipped tagger: loads the CRF and its lexical resources once, tags tokens and text."""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path

import pycrfsuite

from akhbar.ner.clusters import parse_clusters
from akhbar.ner.data import Sentence, chunks
from akhbar.ner.features import Resources, sentence_features
from akhbar.ner.lexicon import parse_lexicon
from akhbar.text.segment import sentence_spans
from akhbar.text.tokens import token_spans

MODEL_FILE = "model.crfsuite"
CLUSTERS_FILE = "clusters.tsv.gz"
LEXICON_FILE = "lexicon.tsv.gz"
# crfsuite is linear in sentence length, but a runaway "sentence" (a table, a list without
# punctuation) would still be tagged with context from unrelated text; cut it into windows.
_MAX_TOKENS = 200
_NON_SPACE = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    label: str  # "PER" | "LOC" | "ORG" | "MISC"
    start: int
    end: int


def load_resources(directory: Path) -> Resources:
    """Clusters and lexicon from ``directory``; a missing file just means no such features."""
    clusters: dict[str, tuple[int, ...]] = {}
    lexicon: dict[str, tuple[str, ...]] = {}
    if (directory / CLUSTERS_FILE).exists():
        with gzip.open(directory / CLUSTERS_FILE, "rt", encoding="utf-8") as handle:
            clusters = parse_clusters(handle)
    if (directory / LEXICON_FILE).exists():
        with gzip.open(directory / LEXICON_FILE, "rt", encoding="utf-8") as handle:
            lexicon = parse_lexicon(handle)
    return Resources(clusters, lexicon)


class Tagger:
    """A crfsuite model plus the resources its features were trained with."""

    def __init__(self, model_path: Path, resources: Resources) -> None:
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self.resources = resources

    @classmethod
    def from_directory(cls, directory: Path, model_path: Path | None = None) -> Tagger:
        return cls(model_path or directory / MODEL_FILE, load_resources(directory))

    def tag(self, tokens: Sequence[str]) -> list[str]:
        tags: list[str] = []
        for start in range(0, len(tokens), _MAX_TOKENS):
            window = tokens[start:start + _MAX_TOKENS]
            tags.extend(self._tagger.tag(sentence_features(window, self.resources)))
        return tags

    def tag_sentences(self, sentences: Sequence[Sentence]) -> list[list[str]]:
        return [self.tag(s.tokens) for s in sentences]


_stack = ExitStack()


@cache
def default_tagger() -> Tagger:
    """The packaged model, loaded on first use and kept for the life of the process."""
    files = importlib_resources.files("akhbar") / "resources" / "ner"
    # as_file keeps working if the package is ever zipped; the stack holds the extraction open.
    directory = _stack.enter_context(importlib_resources.as_file(files))
    return Tagger.from_directory(Path(directory))


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
    found: list[Mention] = []
    for s_start, s_end in sentence_spans(text):
        spans = context_spans(text, s_start, s_end)
        if not any(is_word for _, _, is_word in spans):
            continue
        tags = tagger.tag([text[a:b] for a, b, _ in spans])
        # A mention made only of punctuation, or a label on a quote mark, is not an entity.
        tags = [tag if is_word else "O" for tag, (_, _, is_word) in zip(tags, spans, strict=True)]
        for chunk in chunks(tags):
            start, end = spans[chunk.start][0], spans[chunk.end - 1][1]
            found.append(Mention(text[start:end], chunk.label, start, end))
    return found


def entity_mentions(text: str) -> list[Mention]:
    """Entity mentions of ``text`` found by the packaged model."""
    return mentions_with(default_tagger(), text)
