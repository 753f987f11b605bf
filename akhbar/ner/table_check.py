"""The entity-table check: the entities a reader would see for each document, against the gold names.

``eval-ner`` scores the tagger's spans; a reader sees something else, the story's entity table
(``akhbar.facts.entities``): names cleaned, merged and filtered. Here each document of a CoNLL file
(ANERcorp has no article boundaries, so a run of ``DOC_SENTENCES`` sentences stands in for one) is
put through that table, and the set of (type, name) rows it shows is compared with the set of gold
entities of the document. A row is right when its name and type are a gold entity's; a gold entity
is found when a row, or one of the forms merged into it, is that entity with its type.

Names are compared on a loose key: match normalization, a leading proclitic run and ال dropped on
both sides, so بألمانيا (gold) and ألمانيا (shown) are one name and neither side is favoured.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from akhbar.facts._common import drop_article
from akhbar.facts.entities import MentionFn, extract_entities
from akhbar.facts.records import Entity
from akhbar.ner.data import Sentence as TaggedSentence
from akhbar.ner.data import chunks
from akhbar.ner.names import NameEvidence
from akhbar.records import Sentence
from akhbar.text.normalize import normalize

DOC_SENTENCES = 20
_PROCLITICS = "وفبلك"
_MIN_REST = 3

Name = tuple[str, tuple[str, ...]]  # (type, key)


@dataclass(frozen=True, slots=True)
class TableScore:
    shown: int
    right: int
    gold: int
    found: int
    documents: int

    @property
    def precision(self) -> float:
        return self.right / self.shown if self.shown else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0


def loose_key(text: str) -> tuple[str, ...]:
    tokens = normalize(text, "match").replace('"', " ").split()
    if not tokens:
        return ()
    first = tokens[0]
    if first.startswith("لل") and len(first) > 4:
        first = "ال" + first[2:]
    while len(first) - 1 >= _MIN_REST and first[0] in _PROCLITICS:
        first = first[1:]
    return tuple(drop_article(t) for t in (first, *tokens[1:]))


def documents(sentences: Sequence[TaggedSentence], size: int = DOC_SENTENCES) -> list[list[TaggedSentence]]:
    return [list(sentences[i:i + size]) for i in range(0, len(sentences), size)]


def gold_names(document: Iterable[TaggedSentence]) -> set[Name]:
    names: set[Name] = set()
    for sentence in document:
        for chunk in chunks(sentence.tags):
            key = loose_key(" ".join(sentence.tokens[chunk.start:chunk.end]))
            if key:
                names.add((chunk.label, key))
    return names


def as_article(document: Sequence[TaggedSentence], article: str = "doc") -> list[Sentence]:
    """The document as one article's sentences (tokens joined by spaces)."""
    out: list[Sentence] = []
    cursor = 0
    for index, sentence in enumerate(document):
        text = " ".join(sentence.tokens)
        out.append(Sentence(article, index, cursor, cursor + len(text), text))
        cursor += len(text) + 1
    return out


def score_table(entities: Sequence[Entity], gold: set[Name]) -> tuple[int, int, int]:
    """(rows shown, rows right, gold entities found) for one document."""
    right = sum((e.label, loose_key(e.name)) in gold for e in entities)
    covered = {(e.label, loose_key(form)) for e in entities for form in (e.name, *e.aliases)}
    return len(entities), right, len(gold & covered)


def table_check(
    sentences: Sequence[TaggedSentence],
    mention_fn: MentionFn,
    evidence: NameEvidence,
    *,
    size: int = DOC_SENTENCES,
    on_document: Callable[[list[Entity], set[Name]], None] | None = None,
) -> TableScore:
    shown = right = gold_total = found = 0
    docs = documents(sentences, size)
    for document in docs:
        gold = gold_names(document)
        entities, _ = extract_entities(as_article(document), mention_fn, evidence)
        n, r, f = score_table(entities, gold)
        shown, right, gold_total, found = shown + n, right + r, gold_total + len(gold), found + f
        if on_document is not None:
            on_document(entities, gold)
    return TableScore(shown, right, gold_total, found, len(docs))
