"""Part-of-speech tags as NER features: a small CRF trained on UD Arabic-PUD's surface words.

An experiment, measured and not adopted (docs/experiments.md): it was ``akhbar/ner/pos.py`` and
left the package; ``benchmarks/ner_pos.py`` still cross-validates it.

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


# One piece of a CoNLL-U sentence: a syntactic word, or a multiword token's surface form with the
# UPOS of its words; then whether no space follows it.
_Piece = tuple[str, tuple[str, ...], bool]


def _sentence(pieces: Sequence[_Piece]) -> TaggedWords:
    """Glue pieces into surface words; punctuation stands alone, as in ANERcorp and the tokenizer
    (شولمان , not شولمان,)."""
    tokens: list[str] = []
    tags: list[str] = []
    form = ""
    parts: list[str] = []

    def flush() -> None:
        nonlocal form, parts
        if parts:
            tokens.append(form)
            tags.append(main_tag(parts))
        form, parts = "", []

    for word, upos, glued in pieces:
        if all(tag == "PUNCT" for tag in upos):
            flush()
            tokens.append(word)
            tags.append(coarse("PUNCT"))
            continue
        form += word
        parts.extend(upos)
        if not glued:
            flush()
    flush()
    return TaggedWords(tuple(tokens), tuple(tags))


def parse_conllu(lines: Iterable[str], source: str = "CoNLL-U") -> list[TaggedWords]:
    """Surface-word sentences of a CoNLL-U file's lines. PUD glues clitics by ``SpaceAfter=No`` on
    the syntactic words; other treebanks write a multiword-token row (``1-2 للسلطة``), whose form
    is then the surface word. A row without ten columns is a ``ValueError`` naming ``source`` and
    the line."""
    sentences: list[TaggedWords] = []
    pieces: list[_Piece] = []
    multiword: tuple[int, str, bool, list[str]] | None = None  # (last word id, form, glued, UPOS)
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip():
            if pieces:
                sentences.append(_sentence(pieces))
                pieces = []
            multiword = None
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"{source}, line {number}: {len(cols)} tab-separated columns, not 10")
        glued = "SpaceAfter=No" in cols[9].split("|")
        if "." in cols[0]:
            continue  # an empty node: no surface form
        if "-" in cols[0]:
            last = cols[0].split("-")[1]
            if not last.isdigit():
                raise ValueError(f"{source}, line {number}: bad multiword token id {cols[0]!r}")
            multiword = (int(last), cols[1], glued, [])
            continue
        if multiword is not None and cols[0].isdigit() and int(cols[0]) <= multiword[0]:
            multiword[3].append(cols[3])
            if int(cols[0]) == multiword[0]:
                pieces.append((multiword[1], tuple(multiword[3]), multiword[2]))
                multiword = None
            continue
        pieces.append((cols[1], (cols[3],), glued))
    if pieces:
        sentences.append(_sentence(pieces))
    return [s for s in sentences if s.tokens]


def read_conllu(path: Path) -> list[TaggedWords]:
    with path.open(encoding="utf-8-sig") as handle:
        return parse_conllu(handle, str(path))


@dataclass(frozen=True, slots=True)
class PosResources:
    """What the POS features read besides the word: ANT clusters and the name-shape classifier."""

    clusters: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    shape: NameShape = field(default_factory=NameShape)
    memo: dict[str, _Forms] = field(default_factory=dict, init=False, compare=False, repr=False)


_OFFSETS = (-2, -1, 1, 2)
# A word's features as itself, then as the neighbour at each of _OFFSETS.
_Forms = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _word_forms(token: str, res: PosResources) -> _Forms:
    found = res.memo.get(token)
    if found is None:
        if len(res.memo) >= _MEMO_LIMIT:
            res.memo.clear()  # a crude bound: the frequent words come straight back
        v = view(token)
        ids = res.clusters.get(v.core) or res.clusters.get(v.stripped) or ()
        looks = shape_value(v.stripped, res.shape)
        # A neighbour is its word, suffix and finest cluster (enough to see "after في" or "before
        # قال"); the next word also its clitic and name shape.
        far = [f"w={v.core}", f"s2={v.core[-2:]}", *(f"k2={cid}" for cid in ids[2:3])]
        near = [*far, f"cl={v.clitic}", *([f"nl={looks}"] if looks else [])]
        own = [f"w={v.core}", f"st={v.stem}", f"strip={v.stripped}", f"cl={v.clitic}", f"sh={v.shape}"]
        own.extend(f"p{n}={v.core[:n]}" for n in (1, 2, 3) if len(v.core) > n)
        own.extend(f"s{n}={v.core[-n:]}" for n in (1, 2, 3) if len(v.core) > n)
        own.extend(f"k{level}={cid}" for level, cid in enumerate(ids))
        if looks:
            own.append(f"nl={looks}")
        around = [tuple(f"{offset:+d}:{f}" for f in (near if abs(offset) == 1 else far)) for offset in _OFFSETS]
        found = res.memo[token] = (tuple(own), around[0], around[1], around[2], around[3])
    return found


def pos_features(tokens: Sequence[str], res: PosResources) -> list[list[str]]:
    """The POS CRF's features of each token: its own and a few of its neighbours'."""
    forms = [_word_forms(t, res) for t in tokens]
    n = len(tokens)
    out: list[list[str]] = []
    for i in range(n):
        feats = ["bias", *forms[i][0]]
        for slot, offset in enumerate(_OFFSETS, start=1):
            j = i + offset
            if 0 <= j < n:
                feats.extend(forms[j][slot])
            else:
                feats.append(f"{offset:+d}:pad")
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
