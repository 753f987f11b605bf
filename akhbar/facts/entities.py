"""Named entities of a story: clean names, merged variants, and only candidates that look like names.

Mentions come from ``akhbar.ner.story_mentions``, which reads every article of the batch as one
story, and are placed back in their sentences. Each mention gets the name a reader expects
(``akhbar.ner.names.display_tokens``: proclitics off, للأمم -> الأمم, no phrase run on after the
name). Two mentions are the same entity when their keys match: match normalization, ال dropped,
أميركي/أمريكي folded. A person named by part of a fuller name with the same last word is that
person (لافروف = سيرغي لافروف); candidates come from a block keyed by that last word, never from all
pairs. An entity is shown only if its name looks like a name (``akhbar.ner.names.looks_like_name``,
measured evidence) and the tagger is sure of it: each mention carries the CRF's confidence, and the
chance that at least one of an entity's mentions is right (noisy-or) must reach
``EvidenceConfig.min_confidence``; its type is the confidence-weighted vote of its mentions. It is
shown under its best-spelt common form. Without a usable model the result is empty and flagged.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from akhbar.facts._common import drop_article
from akhbar.facts.entity_aliases import (
    known_name,
    lone_particle_name,
    merge_first_names,
    merge_long_forms,
    merge_place_aliases,
)
from akhbar.facts.records import Entity
from akhbar.ner.names import NameEvidence, best_form, display_tokens, looks_like_name, match_form, strip_proclitics
from akhbar.records import Sentence

# The texts of one story -> the mentions of each text (objects with text, label, start, end).
MentionFn = Callable[[Sequence[str]], Sequence[Sequence[Any]]]
_SENTENCE_BREAK = "\n"
_VARIANTS = (("اميرك", "امريك"), ("بريطان", "بريطان"))
_EDGE = ' "«»“”'
_Placed = tuple[Sentence, Any, int]  # sentence, mention, offset of the mention in the sentence
# A last word shared by more people than this (محمد, a common family name) is no evidence of sameness.
_MAX_PERSON_BLOCK = 50


@dataclass(frozen=True, slots=True)
class _Item:
    sentence: Sentence
    raw: str  # the mention as the article writes it
    name: str  # the display name
    label: str
    typed: bool = False  # the context names the type (an organisation's head word before it)
    confidence: float = 1.0  # the tagger's (``akhbar.ner.Mention.confidence``)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity before the confidence filter, with the evidence the filter reads."""

    entity: Entity
    confidences: tuple[float, ...]  # the tagger's, one per mention
    bare_first_name: bool = False  # a lone first name the story gives to no one person

    @property
    def confidence(self) -> float:
        """How likely one of the mentions is a name of this type, were they independent (noisy-or):
        a name the tagger finds twice at 0.8 is surer than one found once at 0.9."""
        doubt = 1.0
        for confidence in self.confidences:
            doubt *= 1.0 - confidence
        return 1.0 - doubt

    @property
    def best_confidence(self) -> float:
        return max(self.confidences)


@dataclass(frozen=True, slots=True)
class _Raw:
    sentence: Sentence
    text: str
    label: str
    offset: int
    confidence: float


def load_mention_fn() -> MentionFn | None:
    """``akhbar.ner.story_mentions`` if the module and its model are usable, else None."""
    try:
        from akhbar.ner import story_mentions

        story_mentions(["اختبار"])
    except Exception:
        return None
    return story_mentions


def load_evidence() -> NameEvidence:
    """The name evidence shipped with the model; none (every candidate kept) if it cannot be read."""
    try:
        from akhbar.ner.model import default_name_evidence

        return default_name_evidence()
    except Exception:
        return NameEvidence()


def _fold(token: str) -> str:
    for a, b in _VARIANTS:
        token = token.replace(a, b)
    token = drop_article(token)
    # سورية = سوريا, جنوة = جنوى: a final ة, ى or ا is one ending however an outlet writes it
    return token[:-1] + "ا" if len(token) > 3 and token[-1] in "هي" else token


def name_key(tokens: Sequence[str]) -> tuple[str, ...]:
    """The merge key of a name: match-normalized words, ال dropped, compounds written as one word
    (نصر الله = نصرالله, عبد الله = عبدالله), so spellings of one name share a key."""
    words = [match_form(t) for t in tokens]
    joined: list[str] = []
    for word in words:
        if joined and (word == "الله" or joined[-1] in _COMPOUND_HEADS):
            joined[-1] += word
        else:
            joined.append(word)
    return tuple(_fold(w) for w in joined)


_COMPOUND_HEADS = frozenset(("عبد", "ابو"))  # عبد الرحمن, أبو ظبي: one word however written


def mention_key(text: str, known: Set[str], evidence: NameEvidence | None = None) -> tuple[str, ...]:
    """The merge key of a raw mention: its first word's proclitic dropped when the evidence allows."""
    tokens = text.replace('"', " ").split()
    if not tokens:
        return ()
    tokens[0] = strip_proclitics(tokens[0], evidence or NameEvidence(), known)
    return name_key(tokens)


def extract_entities(
    sentences: Sequence[Sentence],
    mention_fn: MentionFn | None = None,
    evidence: NameEvidence | None = None,
) -> tuple[list[Entity], bool]:
    """``(entities, available)``; entities by number of mentions, then by first appearance.

    ``evidence`` defaults to the packaged one (``load_evidence``). An entity is shown only if the
    tagger was sure enough of one of its mentions (``EvidenceConfig.min_confidence``).
    """
    evidence = load_evidence() if evidence is None else evidence
    candidates, available = entity_candidates(sentences, mention_fn, evidence)
    threshold = evidence.config.min_confidence
    return [replace(c.entity, evidence=_evidence(c, evidence)) for c in candidates
            if c.confidence >= threshold and not _unit_word(c.entity.name) and not _no_name(c.entity.name)], available


# Currencies and units: the tagger marks them (MISC) but a reader does not look for «دولار» among names.
_UNITS = frozenset(match_form(w) for w in (
    "دولار", "الدولار", "يورو", "اليورو", "جنيه", "الجنيه", "ريال", "الريال", "درهم", "دينار", "ليرة", "الليرة",
    "روبل", "الروبل", "ين", "الين", "كيلومتر", "الكيلومتر", "كلم", "أوكتين", "أوكتان"))


def _unit_word(name: str) -> bool:
    return match_form(name) in _UNITS


def _no_name(name: str) -> bool:
    """«الله» alone is the end of a name the tagger cut (حزب | الله, نصر | الله) or an invocation."""
    return match_form(name) == "الله"


def _evidence(candidate: Candidate, evidence: NameEvidence) -> float:
    """How much a row looks like a name beyond the tagger's say: its mean confidence, halved for a
    lone word that news uses as a common word (سعيد, البرلمان), and cut for a fragment of two
    letters (إف, إس: a piece of إف-16)."""
    mean = sum(candidate.confidences) / len(candidate.confidences)
    words = candidate.entity.name.split()
    if lone_particle_name(words):
        return mean * 0.3  # cut before its end (لويجي دي) or letters only (بي سي)
    if candidate.bare_first_name:
        mean *= 0.6  # حسن beside حسن روحاني and حسن نصر الله: whose name it is, the row cannot say
    if len(words) == 1:
        form = drop_article(match_form(words[0]))
        if len(form) <= 2:
            mean *= 0.3
        elif evidence.common(match_form(words[0])) or not (evidence.name_like(match_form(words[0]))
                                                          or evidence.in_gazetteer((match_form(words[0]),))):
            mean *= 0.6
    return mean


def entity_candidates(
    sentences: Sequence[Sentence], mention_fn: MentionFn | None, evidence: NameEvidence
) -> tuple[list[Candidate], bool]:
    """``(candidates, available)``: every entity that looks like a name, with the tagger's confidence,
    by number of mentions, then by first appearance."""
    fn = mention_fn or load_mention_fn()
    if fn is None:
        return [], False
    raw = [
        _with_head(r, evidence)
        for r in _join_split_names(_story_mentions(fn, list(_by_article(sentences).values())), evidence)
    ]
    story = {match_form(item.raw.split()[0]) for item in raw}
    groups: dict[tuple[str, ...], list[_Item]] = defaultdict(list)
    for item in raw:
        tokens = display_tokens(item.raw, item.label, evidence, story)
        if tokens:
            groups[name_key(tokens)].append(replace(item, name=" ".join(tokens)))
    weighted = evidence.config.confidence_type_vote
    _merge_people(groups, weighted)
    def label(items: Sequence[_Item]) -> str:
        return _label(items, weighted)

    merge_long_forms(groups, label)
    merge_place_aliases(groups, label,
                        lambda items: (name_key(text.split()) for item in items for text in (item.name, item.raw)))
    unresolved = merge_first_names(groups, label)
    candidates = [_candidate(items, weighted, bare_first_name=key in unresolved) for key, items in groups.items()]
    candidates = [c for c in candidates if looks_like_name(c.entity.name.split(), evidence, c.entity.mentions)]
    order = {id(c): k for k, c in enumerate(candidates)}
    candidates.sort(key=lambda c: (-c.entity.mentions, order[id(c)]))
    return candidates, True


def _with_head(raw: _Raw, evidence: NameEvidence) -> _Item:
    """A name the tagger cut after an organisation's head word (جيش | الإسلام) gets its head back;
    a person's name after one (حركة | نور الدين الزنكي) names the organisation."""
    words = raw.sentence.text[:raw.offset].split()
    head = evidence.organisation_head(words[-1]) if raw.label != "ORG" and words else None
    item = _Item(raw.sentence, raw.text, "", raw.label, confidence=raw.confidence)
    if head is None:
        return item
    if raw.label == "PER":
        return replace(item, label="ORG", typed=True)
    return replace(item, raw=f"{head} {raw.text}", label="ORG", typed=True)


def _join_split_names(placed: Sequence[_Placed], evidence: NameEvidence | None = None) -> list[_Raw]:
    """One ``_Raw`` per mention; two mentions of one type a space apart, the second definite
    (كرم | الجبل) or neither a known name alone (بيلو | هوريزونتي), are one name the tagger split: a
    list of names has و or a comma. A mention of punctuation alone names nothing and is dropped."""
    out: list[_Raw] = []
    for sentence, m, offset in placed:
        text = m.text.strip(_EDGE)
        if not text:
            continue
        confidence = getattr(m, "confidence", 1.0)
        prev = out[-1] if out else None
        if prev and _split_name(prev, sentence, m.label, text, offset, evidence=evidence or NameEvidence()):
            joined = sentence.text[prev.offset:offset + len(text)]
            out[-1] = replace(prev, text=joined, confidence=min(prev.confidence, confidence))
            continue
        out.append(_Raw(sentence, text, m.label, offset + m.text.index(text), confidence))
    return out


def _split_name(prev: _Raw, sentence: Sentence, label: str, text: str, offset: int, *, evidence: NameEvidence) -> bool:
    between = sentence.text[prev.offset + len(prev.text):offset]
    if prev.sentence is not sentence or prev.label != label or between != " ":
        return False
    if text.startswith("ال"):
        return True
    known = evidence.gazetteer.entries
    return bool(known) and not text.startswith("و") and not any(known_name(part, known) for part in (prev.text, text))


def _merge_people(groups: dict[tuple[str, ...], list[_Item]], weighted: bool) -> None:
    """Fold the spellings of one person's name together (in place), in two passes over blocks keyed
    by the last word's skeleton (never over all pairs): first names spelt with other long vowels or
    doubled letters (ميشال عون = مشيل عون, تونينيلي = تونينيللي, نتنياهو = نتانياهو), then a shorter
    name into the one longer name that holds it (لافروف -> سيرغي لافروف). A bare family name that two
    people of the story share (جعجع beside سمير جعجع and ستريدا جعجع) stays apart."""
    by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key, items in groups.items():
        if _label(items, weighted) == "PER":
            by_last[_skeleton(key[-1])].append(key)
    for block in by_last.values():
        if len(block) < 2 or len(block) > _MAX_PERSON_BLOCK:
            continue
        block.sort(key=lambda k: (-len(k), -len(groups[k]), k))
        for key in block[::-1]:
            same = next((k for k in block if k != key and k in groups and len(k) == len(key)
                         and len(groups[k]) >= len(groups[key]) and _respelt(k, key)), None)
            if same is not None and key in groups:
                groups[same].extend(groups.pop(key))
        for key in block[::-1]:
            if key not in groups:
                continue
            targets = [k for k in block if len(k) > len(key) and k in groups and _within(key, k)]
            if not targets:
                continue
            # A rare fuller name (a tagging slip: أنطونيو غوتيريش ترامب) does not make a bare name ambiguous.
            top = max(len(groups[k]) for k in targets)
            likely = [k for k in targets if len(groups[k]) * 5 >= top]
            prefixes = {tuple(_skeleton(w) for w in k[:-1]) for k in likely}
            if len(prefixes) == 1 or len(key) > 1:
                groups[max(likely, key=lambda k: len(groups[k]))].extend(groups.pop(key))


@lru_cache(maxsize=16384)  # asked for each word of each pair in a block: a large story's blocks ask again and again
def _skeleton(word: str) -> str:
    """A name word without its long vowels ا and ي after the first letter, doubled letters single."""
    bare = word[:1] + word[1:].replace("ي", "").replace("ا", "")
    return "".join(c for k, c in enumerate(bare) if k == 0 or c != bare[k - 1])


def _same_word(x: str, y: str) -> bool:
    """One name word spelt two ways. A short word written as its bare skeleton (حسن beside حسين, سعد
    beside سعيد) is a name of its own; a longer one (ترمب, ترامب) is a transliteration."""
    if x == y:
        return True
    sx, sy = _skeleton(x), _skeleton(y)
    return sx == sy and len(sx) >= 3 and ((x != sx and y != sy) or len(sx) >= 4)


def _respelt(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(_same_word(x, y) for x, y in zip(a, b, strict=True))


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every word of ``short`` is a word of ``long`` (allowing respellings), the last words alike."""
    return _same_word(short[-1], long[-1]) and all(any(_same_word(w, v) for v in long) for w in short)


def _by_article(sentences: Sequence[Sentence]) -> dict[str, list[Sentence]]:
    grouped: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences:
        grouped[sentence.article].append(sentence)
    return grouped


def tagged_text(sentences: Sequence[Sentence]) -> str:
    """The text the tagger reads for one article: its sentences, each break made unmistakable."""
    return _SENTENCE_BREAK.join(s.text for s in sentences)


def _story_mentions(fn: MentionFn, articles: Sequence[Sequence[Sentence]]) -> list[_Placed]:
    """Mentions of every article, each with its sentence and its offset in that sentence.

    The tagger reads all articles as one story, so a name recognised in one sentence or outlet
    (حلب after مدينة) is recognised where the context says less (one type per word). If that
    fails, articles are tried one by one, then sentences, so one bad input costs only itself.
    """
    if not articles:
        return []
    texts = [tagged_text(article) for article in articles]
    try:
        per_text = fn(texts)
    except Exception:
        if len(articles) > 1:
            return [pair for article in articles for pair in _story_mentions(fn, [article])]
        if len(articles[0]) > 1:
            return [pair for sentence in articles[0] for pair in _story_mentions(fn, [[sentence]])]
        return []
    return [pair for article, mentions in zip(articles, per_text, strict=True) for pair in _place(article, mentions)]


def _place(sentences: Sequence[Sentence], mentions: Sequence[Any]) -> list[_Placed]:
    """Each mention of an article's joined text with the sentence it lies in."""
    starts: list[int] = []
    cursor = 0
    for sentence in sentences:
        starts.append(cursor)
        cursor += len(sentence.text) + len(_SENTENCE_BREAK)
    out: list[_Placed] = []
    for m in mentions:
        k = bisect_right(starts, m.start) - 1
        if k >= 0 and m.end <= starts[k] + len(sentences[k].text):  # never across a sentence break
            out.append((sentences[k], m, m.start - starts[k]))
    return out


def _label(items: Sequence[_Item], weighted: bool) -> str:
    """The majority type; a mention whose context names its type counts twice, and with
    ``weighted`` each vote is the tagger's confidence in that mention."""
    votes: dict[str, float] = defaultdict(float)
    for item in items:
        votes[item.label] += (2 if item.typed else 1) * (item.confidence if weighted else 1.0)
    return max(votes, key=lambda label: votes[label])


def _candidate(items: list[_Item], weighted: bool, *, bare_first_name: bool = False) -> Candidate:
    label = _label(items, weighted)
    name = best_form(Counter(item.name for item in items), label)
    sentences = tuple(dict.fromkeys(item.sentence for item in items))
    entity = Entity(
        name,
        label,
        tuple(sorted({item.raw for item in items} - {name})),
        len(items),
        tuple(sorted({s.article for s in sentences})),
        sentences,
    )
    return Candidate(entity, tuple(item.confidence for item in items), bare_first_name)
