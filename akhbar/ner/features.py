"""Token features for the CRF tagger: pure functions from a token list to feature strings.

Every lexical feature is computed on the ``match`` form (أ/إ/آ -> ا, ة -> ه, ى -> ي) because
outlets spell names inconsistently and the tagger should not have to learn each variant.
Arabic glues conjunctions, prepositions and the article to the word (والرئيس, بموسكو), so a
clitic-stripped core and the light stem are features too, and prefix/suffix strings let the
model see the clitics themselves (ب before a place, ال never before a first name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from akhbar.ner.gazetteer import Gazetteer, match_tags, word_classes
from akhbar.ner.lexicon import slot_words
from akhbar.ner.namelike import NameShape, shape_value
from akhbar.text.normalize import normalize
from akhbar.text.stem import light_stem

# word -> classes of the cue slots (title + name, مدينة + place, ...) it fills in the document
DocCues = Mapping[str, frozenset[str]]
# News names a person in full with a title once, then by surname alone; a window of this many
# sentences either side stands in for the article where article boundaries are unknown.
DOC_RADIUS = 10

# Proclitics that precede names in news: و (and), ف (so), ب (in/by), ل (for), ك (like), ال.
PROCLITICS = ("وبال", "وال", "بال", "فال", "لل", "ال", "وب", "ول", "وك", "فب", "و", "ب", "ل", "ف", "ك")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_ARABIC = re.compile("[\u0621-\u064a]")
_LATIN = re.compile("[A-Za-z]")
_MIN_CORE = 2
_OFFSETS = (-2, -1, 1, 2)
# A word's features as the token itself, then as the neighbour at each of _OFFSETS.
_Forms = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Resources:
    """Lexical resources learned outside the labelled data.

    ``clusters``: word -> cluster ids, coarse to fine. ``lexicon``: word -> classes the
    word was seen as in unlabelled news (e.g. ``("PER",)``), as short strings. ``gazetteer``:
    known names (WikiFANE), empty when the model was trained without it.
    """

    clusters: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    lexicon: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    # what a word's letters say its class is (``akhbar.ner.namelike``), empty when not trained
    shape: NameShape = field(default_factory=NameShape)
    # token -> its features as itself and at each neighbour position: news repeats its words, and
    # building each word's feature strings again at each of its five window positions was most of
    # the tagger's time.
    # Not an init argument, so ``dataclasses.replace`` (another lexicon, another gazetteer) starts an
    # empty one: a copy must never read features cached under its original's resources.
    memo: dict[str, _Forms] = field(default_factory=dict, init=False, compare=False, repr=False)
    # The attributes a tagger passes to its model (None while training: all): those the model
    # weighs (``akhbar.ner.model.Tagger`` drops the ones whose weights are all negligible); the
    # others add nothing to any label's score.
    attributes: frozenset[str] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class TokenView:
    """The derived forms of one token that features are built from."""

    match: str
    core: str
    stripped: str
    stem: str
    clitic: str
    shape: str


@lru_cache(maxsize=300_000)
def view(token: str) -> TokenView:
    match = normalize(token, "match")
    core = _EDGE_PUNCT.sub("", match) or match
    clitic = ""
    stripped = core
    for prefix in PROCLITICS:
        if core.startswith(prefix) and len(core) - len(prefix) >= _MIN_CORE + 1:
            clitic, stripped = prefix, core[len(prefix):]
            break
    return TokenView(match, core, stripped, light_stem(core), clitic, _shape(token))


def surface(token: str) -> str:
    """The token as written, without edge punctuation (the display spelling of its ``core``)."""
    return _EDGE_PUNCT.sub("", token) or token


SHAPES = ("num", "hasnum", "latin", "punct", "arab+punct", "arab")


def _shape(token: str) -> str:
    """One of ``SHAPES``."""
    if token.isdigit():
        return "num"
    if any(ch.isdigit() for ch in token):
        return "hasnum"
    if _LATIN.search(token):
        return "latin"
    if not _ARABIC.search(token):
        return "punct"
    if _EDGE_PUNCT.search(token):
        return "arab+punct"
    return "arab"


def _cluster_ids(v: TokenView, clusters: Mapping[str, tuple[int, ...]]) -> tuple[tuple[int, ...], str]:
    """Cluster ids of the token, falling back to its clitic-stripped form (which is marked)."""
    for form, tag in ((v.core, "c"), (v.stripped, "s"), (v.stem, "t")):
        ids = clusters.get(form)
        if ids is not None:
            return ids, tag
    return (), ""


_MEMO_LIMIT = 100_000


def _word_forms(token: str, res: Resources) -> _Forms:
    found = res.memo.get(token)
    if found is None:
        if len(res.memo) >= _MEMO_LIMIT:
            res.memo.clear()  # a crude bound: the frequent words come straight back
        v = view(token)
        own = _weighted(res, _own_features(v, res))
        around = [_weighted(res, _word_features(v, res, f"{offset:+d}:", abs(offset) == 1)) for offset in _OFFSETS]
        found = res.memo[token] = (own, around[0], around[1], around[2], around[3])
    return found


def _weighted(res: Resources, feats: Sequence[str]) -> tuple[str, ...]:
    """``feats`` restricted to ``res.attributes`` (all of them while training)."""
    attributes = res.attributes
    return tuple(feats) if attributes is None else tuple(f for f in feats if f in attributes)


def _word_features(v: TokenView, res: Resources, pos: str, full: bool) -> list[str]:
    feats = [f"{pos}w={v.core}", f"{pos}st={v.stem}", f"{pos}sh={v.shape}"]
    if full:
        feats.append(f"{pos}strip={v.stripped}")
        feats.append(f"{pos}cl={v.clitic}")
    ids, via = _cluster_ids(v, res.clusters)
    for level, cid in enumerate(ids):
        feats.append(f"{pos}k{level}={cid}")
    if ids and via != "c":
        feats.append(f"{pos}kvia={via}")
    for form, tag in ((v.core, "c"), (v.stripped, "s")):
        for cls in res.lexicon.get(form, ()):
            feats.append(f"{pos}lex{tag}={cls}")
    return feats


def token_features(
    tokens: Sequence[str], i: int, res: Resources, doc: DocCues | None = None, known: Sequence[str] = ()
) -> list[str]:
    """Features of ``tokens[i]`` in context, as ``name=value`` strings for crfsuite.

    ``known``: the sentence's gazetteer match tags (``match_tags``), if a gazetteer is used.
    """
    lo, hi = max(0, i - 2), min(len(tokens), i + 3)
    forms = {j: _word_forms(tokens[j], res) for j in range(lo, hi)}
    return _features_at(tokens, i, forms, res, doc, known)


def _features_at(  # noqa: PLR0917 - the hot loop of the tagger: no keyword packing
    tokens: Sequence[str], i: int, forms: Mapping[int, _Forms] | Sequence[_Forms], res: Resources,
    doc: DocCues | None, known: Sequence[str],
) -> list[str]:
    n = len(tokens)
    feats = ["bias", *forms[i][0]]
    for slot, offset in enumerate(_OFFSETS, start=1):
        j = i + offset
        if 0 <= j < n:
            feats.extend(forms[j][slot])
    v = view(tokens[i])
    contextual = _gazetteer_features(tokens, i, known) if known else []
    if doc:
        classes = doc.get(v.core, frozenset()) | doc.get(v.stripped, frozenset())
        contextual.extend(f"doc={cls}" for cls in sorted(classes))
    if i < 2 or i + 2 >= n:
        contextual.extend(f"{offset:+d}:pad" for offset in _OFFSETS if not 0 <= i + offset < n)
    core = v.core
    if i > 0:
        contextual.append(f"bi-1={view(tokens[i - 1]).core}|{core}")
    if i + 1 < n:
        contextual.append(f"bi+1={core}|{view(tokens[i + 1]).core}")
    attributes = res.attributes
    feats.extend(contextual if attributes is None else filter(attributes.__contains__, contextual))
    return feats


def _own_features(v: TokenView, res: Resources) -> list[str]:
    """What a token says about itself, whatever its context: its forms, gazetteer classes and affixes."""
    feats = _word_features(v, res, "", True)
    if res.gazetteer.entries:
        feats.extend(word_classes(v.core, res.gazetteer))
    looks = shape_value(v.stripped, res.shape)
    if looks:
        feats.append(f"nl={looks}")
    core = v.core
    feats.extend(f"p{n}={core[:n]}" for n in (1, 2, 3) if len(core) > n)
    feats.extend(f"s{n}={core[-n:]}" for n in (1, 2, 3, 4) if len(core) > n)
    feats.append(f"len={min(len(core), 10)}")
    return feats


def _gazetteer_features(tokens: Sequence[str], i: int, known: Sequence[str]) -> list[str]:
    feats = [f"gz={known[i] or 'O'}"]
    for offset in (-1, 1):
        j = i + offset
        if 0 <= j < len(tokens):
            feats.append(f"{offset:+d}:gz={known[j] or 'O'}")
    return feats


def sentence_features(tokens: Sequence[str], res: Resources, doc: DocCues | None = None) -> list[list[str]]:
    """``token_features`` of every token, the same strings in the same order, with each token's forms,
    view and document cues looked up once for the sentence (this is the tagger's hot loop)."""
    views = [view(t) for t in tokens]
    cores = [v.core for v in views]
    known = match_tags(cores, res.gazetteer) if res.gazetteer.entries else []
    forms = [_word_forms(t, res) for t in tokens]
    n = len(tokens)
    attributes = res.attributes
    empty: frozenset[str] = frozenset()
    out = []
    for i in range(n):
        feats = ["bias", *forms[i][0]]
        if i >= 2:
            feats.extend(forms[i - 2][1])
        if i >= 1:
            feats.extend(forms[i - 1][2])
        if i + 1 < n:
            feats.extend(forms[i + 1][3])
        if i + 2 < n:
            feats.extend(forms[i + 2][4])
        contextual = _gazetteer_features(tokens, i, known) if known else []
        if doc:
            v = views[i]
            classes = doc.get(v.core, empty) | doc.get(v.stripped, empty)
            if classes:
                contextual.extend(f"doc={cls}" for cls in sorted(classes))
        if i < 2 or i + 2 >= n:
            contextual.extend(f"{offset:+d}:pad" for offset in _OFFSETS if not 0 <= i + offset < n)
        core = cores[i]
        if i > 0:
            contextual.append(f"bi-1={cores[i - 1]}|{core}")
        if i + 1 < n:
            contextual.append(f"bi+1={core}|{cores[i + 1]}")
        feats.extend(contextual if attributes is None else filter(attributes.__contains__, contextual))
        out.append(feats)
    return out


def _sentence_cues(tokens: Sequence[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for label, word in slot_words([view(t).core for t in tokens]):
        found.setdefault(word, set()).add(label)
    return found


def document_cues(sentences: Sequence[Sequence[str]]) -> DocCues:
    """Cue classes of every word over a whole document (all its sentences)."""
    merged: dict[str, set[str]] = {}
    for tokens in sentences:
        for word, labels in _sentence_cues(tokens).items():
            merged.setdefault(word, set()).update(labels)
    return {word: frozenset(labels) for word, labels in merged.items()}


def windowed_document_cues(sentences: Sequence[Sequence[str]], radius: int = DOC_RADIUS) -> list[DocCues]:
    """Per sentence, the cues of the ``radius`` sentences either side and itself.

    For corpora without article boundaries (ANERcorp, AQMAR are runs of sentences).
    """
    per_sentence = [_sentence_cues(tokens) for tokens in sentences]
    windows: list[DocCues] = []
    for i in range(len(sentences)):
        merged: dict[str, set[str]] = {}
        for cues in per_sentence[max(0, i - radius): i + radius + 1]:
            for word, labels in cues.items():
                merged.setdefault(word, set()).update(labels)
        windows.append({word: frozenset(labels) for word, labels in merged.items()})
    return windows
