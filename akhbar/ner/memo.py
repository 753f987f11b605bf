"""Tagged sentences kept between reports: what tagging one sentence depends on, and a memo of it.

A sentence's tags (and the tagger's sureness) depend on its words and on the story's document cues of
those words (``akhbar.ner.features``: a word that fills a cue slot such as مدينة + place anywhere in the
story). :func:`memo_key` digests exactly that, so a memo entry is reused only where tagging again would
give the same answer. A watcher keeps the entries of each article (``akhbar.store.report_parts``): a story
that gained three articles has only their sentences, and those whose cues changed, tagged again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from akhbar.ner.features import DocCues, view


def memo_key(tokens: Sequence[str], doc: DocCues) -> str:
    """What tagging ``tokens`` depends on, as a short digest: the words, and the document cue classes each
    word's features read (those of its core and its clitic-stripped form, :func:`sentence_features`)."""
    parts = []
    for token in tokens:
        v = view(token)
        classes = doc.get(v.core, frozenset()) | doc.get(v.stripped, frozenset()) if doc else frozenset()
        parts.append(f"{token}\x1f{','.join(sorted(classes))}")
    return hashlib.blake2b("\x1e".join(parts).encode(), digest_size=12).hexdigest()


Tagged = tuple[list[str], list[float]]  # a sentence's tags and, per word, how sure the tagger is


@dataclass(slots=True)
class TagMemo:
    """Tagged sentences kept from earlier reports (:func:`remembering`): ``known`` maps :func:`memo_key` to
    the tags; ``keys_of`` the keys of each text read; ``tagged`` counts the sentences tagged (not found)."""

    known: dict[str, Tagged] = field(default_factory=dict)
    keys_of: dict[str, list[str]] = field(default_factory=dict)  # a text read -> the keys of its sentences
    tagged: int = 0

    def entries(self, text: str) -> dict[str, Tagged]:
        """The tagged sentences of ``text`` (one article's, as :func:`story_mentions` read it)."""
        return {key: self.known[key] for key in self.keys_of.get(text, ())}


_ACTIVE_MEMO: ContextVar[TagMemo | None] = ContextVar("akhbar_tag_memo", default=None)


def active_memo() -> TagMemo | None:
    return _ACTIVE_MEMO.get()


@contextmanager
def remembering(memo: TagMemo) -> Iterator[TagMemo]:
    """Within the block, :func:`story_mentions` reads and fills ``memo`` (a watcher's cached report parts)."""
    token = _ACTIVE_MEMO.set(memo)
    try:
        yield memo
    finally:
        _ACTIVE_MEMO.reset(token)


def fingerprint(directory: Path) -> str:
    """A digest of the tagger's files in ``directory``: memo entries of another model are not reused."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(directory.iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
