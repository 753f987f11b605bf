"""CoNLL-style NER corpora: reading, label mapping and chunk extraction.

ANERcorp says PERS and AQMAR says MIS; the package speaks PER/LOC/ORG/MISC everywhere, so
every reader maps labels on the way in and nothing downstream ever sees corpus spellings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LABELS = ("PER", "LOC", "ORG", "MISC")
_LABEL_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC", "MIS": "MISC"}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One tagged (or untagged) sentence: parallel token and BIO-tag tuples."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Chunk:
    """An entity as token offsets ``[start, end)`` with its label."""

    label: str
    start: int
    end: int


def map_tag(tag: str) -> str:
    """Corpus tag -> package tag (``B-PERS`` -> ``B-PER``); unknown labels become ``O``."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, _, label = tag.partition("-")
    mapped = _LABEL_MAP.get(label.upper())
    if mapped is None or prefix not in ("B", "I"):
        return "O"
    return f"{prefix}-{mapped}"


def parse_conll(lines: Iterable[str], *, tagged: bool = True) -> Iterator[Sentence]:
    """Sentences from ``token [extra columns] TAG`` lines; blank lines separate sentences.

    With ``tagged=False`` only the first column is read and tags are all ``O``, so the same
    reader serves both training files and the CLI's ``--conll`` input.
    """
    tokens: list[str] = []
    tags: list[str] = []
    for raw in lines:
        fields = raw.split()
        if not fields:
            if tokens:
                yield Sentence(tuple(tokens), tuple(tags))
                tokens, tags = [], []
            continue
        tokens.append(fields[0])
        tags.append(map_tag(fields[-1]) if tagged and len(fields) > 1 else "O")
    if tokens:
        yield Sentence(tuple(tokens), tuple(tags))


def read_conll(path: Path, *, tagged: bool = True) -> list[Sentence]:
    with path.open(encoding="utf-8-sig") as handle:
        return list(parse_conll(handle, tagged=tagged))


def chunks(tags: Iterable[str]) -> list[Chunk]:
    """Entity chunks of a BIO sequence, conlleval-style.

    An ``I-X`` that does not continue an ``X`` chunk opens a new one (as conlleval does), so a
    tagger that never emits ``B-`` is still scored on the spans it finds rather than on nothing.
    """
    found: list[Chunk] = []
    label: str | None = None
    start = 0
    i = -1
    for i, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == label
        if label is not None and not continues:
            found.append(Chunk(label, start, i))
            label = None
        if prefix == "B" or (prefix == "I" and not continues):
            label, start = kind, i
    if label is not None:
        found.append(Chunk(label, start, i + 1))
    return found
