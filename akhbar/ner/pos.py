"""Part-of-speech tags as NER features: a small CRF trained on UD Arabic-PUD's surface words.

The NER tagger misses most of the foreign names it has never seen. Whether a word is a proper
noun is a question a treebank answers without any NER label: UD Arabic-PUD (CC BY-SA 3.0, 1,000
sentences of news and Wikipedia, 750 translated from English and so full of foreign names) tags
every syntactic word with its UPOS. PUD splits clitics off (و + ب + موسكو, each a word of its own,
joined by ``SpaceAfter=No``); news and ANERcorp keep them on the word (وبموسكو), so the words are
glued back and each surface word takes the tag of its main, non-clitic word (PROPN for وبموسكو,
VERB for نشرتها).

The POS model's features use nothing learned from NER labels: the word's forms and affixes
(``akhbar.ner.features.view``), its ANT clusters and its name shape (``akhbar.ner.namelike``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite

from akhbar.ner.features import view
from akhbar.ner.namelike import NameShape, shape_value

POS_FILE = "pos.crfsuite"
PUD_FILE = "ar_pud-ud-test.conllu"
# UPOS -> the coarse tag the tagger learns. Function words are one class: the NER tagger needs to
# know a word is not a content word, not which kind of particle it is.
_COARSE = {
    "PROPN": "PROPN", "NOUN": "NOUN", "ADJ": "ADJ", "VERB": "VERB", "AUX": "VERB", "NUM": "NUM",
    "ADV": "ADV", "PUNCT": "PUNCT", "SYM": "X", "X": "X",
}
FUNCTION = "FUNC"
TAGS = (*sorted(set(_COARSE.values())), FUNCTION)
# Words that PUD splits off as clitics: a surface word's tag is its first word not of these
# (ب + موسكو is PROPN, نشرت + ها is VERB), or, when all are (ل + ه), its first non-conjunction.
_CLITIC_UPOS = frozenset(("ADP", "CCONJ", "SCONJ", "PART", "PRON", "DET"))
# How the NER features read the POS tags (benchmarks/ner_gazetteer.py measures each):
# "tag": the word's tag; "context": also its neighbours' and the pairs; "propn": the tag and the
# PROPN marginal of the word and its neighbours, in quarters.
FORMS = ("tag", "context", "propn")
_BUCKETS = 4
_MEMO_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class TaggedWords:
    """One sentence of surface words and their coarse POS tags."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def coarse(upos: str) -> str:
    return _COARSE.get(upos, FUNCTION)


def main_tag(upos: Sequence[str]) -> str:
    """The coarse tag of a surface word made of syntactic words tagged ``upos``, in order."""
    for tag in upos:
        if tag not in _CLITIC_UPOS:
            return coarse(tag)
    for tag in upos:
        if tag != "CCONJ":
            return coarse(tag)
    return coarse(upos[0])


def _sentence(words: Sequence[tuple[str, str, bool]]) -> TaggedWords:
    """Glue syntactic words (form, UPOS, no space after) into surface words; punctuation stands
    alone, as in ANERcorp and the tokenizer (شولمان , not شولمان,)."""
    tokens: list[str] = []
    tags: list[str] = []
    form, parts = "", []
    for word, upos, glued in words:
        if upos == "PUNCT":
            if parts:
                tokens.append(form)
                tags.append(main_tag(parts))
                form, parts = "", []
            tokens.append(word)
            tags.append(coarse(upos))
            continue
        form += word
        parts.append(upos)
        if not glued:
            tokens.append(form)
            tags.append(main_tag(parts))
            form, parts = "", []
    if parts:
        tokens.append(form)
        tags.append(main_tag(parts))
    return TaggedWords(tuple(tokens), tuple(tags))


def parse_conllu(lines: Iterable[str], source: str = "CoNLL-U") -> list[TaggedWords]:
    """Surface-word sentences of a CoNLL-U file's lines (multiword-token ranges and empty nodes are
    skipped: their syntactic words carry the forms). A row without ten columns is a ``ValueError``
    naming ``source`` and the line."""
    sentences: list[TaggedWords] = []
    words: list[tuple[str, str, bool]] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip():
            if words:
                sentences.append(_sentence(words))
                words = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"{source}, line {number}: {len(cols)} tab-separated columns, not 10")
        if "-" in cols[0] or "." in cols[0]:
            continue
        glued = "SpaceAfter=No" in cols[9].split("|")
        words.append((cols[1], cols[3], glued))
    if words:
        sentences.append(_sentence(words))
    return [s for s in sentences if s.tokens]


def read_conllu(path: Path) -> list[TaggedWords]:
    with path.open(encoding="utf-8-sig") as handle:
        return parse_conllu(handle, str(path))


@dataclass(frozen=True, slots=True)
class PosResources:
    """What the POS features read besides the word: ANT clusters and the name-shape classifier."""

    clusters: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    shape: NameShape = field(default_factory=NameShape)
    memo: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, compare=False, repr=False)


def _own(token: str, res: PosResources) -> tuple[str, ...]:
    found = res.memo.get(token)
    if found is None:
        if len(res.memo) >= _MEMO_LIMIT:
            res.memo.clear()
        v = view(token)
        feats = [f"w={v.core}", f"st={v.stem}", f"strip={v.stripped}", f"cl={v.clitic}", f"sh={v.shape}"]
        feats.extend(f"p{n}={v.core[:n]}" for n in (1, 2, 3) if len(v.core) > n)
        feats.extend(f"s{n}={v.core[-n:]}" for n in (1, 2, 3) if len(v.core) > n)
        ids = res.clusters.get(v.core) or res.clusters.get(v.stripped) or ()
        feats.extend(f"k{level}={cid}" for level, cid in enumerate(ids))
        looks = shape_value(v.stripped, res.shape)
        if looks:
            feats.append(f"nl={looks}")
        found = res.memo[token] = tuple(feats)
    return found


def pos_features(tokens: Sequence[str], res: PosResources) -> list[list[str]]:
    """The POS CRF's features of each token: its own and a few of its neighbours'."""
    own = [_own(t, res) for t in tokens]
    n = len(tokens)
    out: list[list[str]] = []
    for i in range(n):
        feats = ["bias", *own[i]]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if not 0 <= j < n:
                feats.append(f"{offset:+d}:pad")
                continue
            # Only the word, its suffix and finest cluster: enough to see "after في" or "before قال".
            neighbour = [f for f in own[j] if f.startswith(("w=", "s2=", "k2=")) or abs(offset) == 1
                         and f.startswith(("cl=", "nl="))]
            feats.extend(f"{offset:+d}:{f}" for f in neighbour)
        out.append(feats)
    return out


def train_pos(
    sentences: Sequence[TaggedWords], res: PosResources, model_path: Path, *, iterations: int = 150
) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        trainer.append(pos_features(sentence.tokens, res), list(sentence.tags))
    trainer.select("lbfgs")
    trainer.set_params({"c1": 0.05, "c2": 0.05, "max_iterations": iterations, "feature.minfreq": 1})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))


class PosTagger:
    """A trained POS model and the features the NER tagger reads from its tags (``FORMS``)."""

    def __init__(self, model_path: Path, res: PosResources, *, form: str = "context") -> None:
        if form not in FORMS:
            raise ValueError(f"unknown POS feature form {form!r} (one of {', '.join(FORMS)})")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self.resources = res
        self.form = form

    def tag(self, tokens: Sequence[str]) -> list[str]:
        return list(self._tagger.tag(pos_features(tokens, self.resources))) if tokens else []

    def ner_features(self, tokens: Sequence[str]) -> list[list[str]]:
        """Per token, the NER features of the sentence's POS tags, as ``form`` says."""
        tags = self.tag(tokens)
        n = len(tags)
        if self.form == "tag":
            return [[f"pos={tag}"] for tag in tags]
        if self.form == "context":
            out = []
            for i, tag in enumerate(tags):
                before = tags[i - 1] if i > 0 else "pad"
                after = tags[i + 1] if i + 1 < n else "pad"
                out.append([f"pos={tag}", f"-1:pos={before}", f"+1:pos={after}",
                            f"pos-1={before}|{tag}", f"pos+1={tag}|{after}"])
            return out
        propn = [min(_BUCKETS - 1, int(self._tagger.marginal("PROPN", i) * _BUCKETS)) for i in range(n)]
        return [
            [f"pos={tag}", f"propn={propn[i]}",
             *(f"{offset:+d}:propn={propn[i + offset]}" for offset in (-1, 1) if 0 <= i + offset < n)]
            for i, tag in enumerate(tags)
        ]
