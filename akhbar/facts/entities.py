"""Named entities of a story: clean names, merged variants, and only candidates that look like names.

Mentions come from ``akhbar.ner.story_mentions``, which reads every article of the batch as one
story, and are placed back in their sentences. Each mention gets the name a reader expects
(``akhbar.ner.names.display_tokens``: proclitics off, للأمم -> الأمم, no phrase run on after the
name). Two mentions are the same entity when their keys match: match normalization, ال dropped,
أميركي/أمريكي folded. A person named by part of a fuller name with the same last word is that
person (لافروف = سيرغي لافروف); candidates come from a block keyed by that last word, never from all
pairs. An entity is shown only if its name looks like a name (``akhbar.ner.names.looks_like_name``,
measured evidence), under its best-spelt common form. Without a usable model the result is empty
and flagged.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from typing import Any

from akhbar.facts._common import drop_article
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
    return drop_article(token)


def name_key(tokens: Sequence[str]) -> tuple[str, ...]:
    return tuple(_fold(match_form(t)) for t in tokens)


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

    ``evidence`` defaults to the packaged one (``load_evidence``).
    """
    fn = mention_fn or load_mention_fn()
    if fn is None:
        return [], False
    evidence = load_evidence() if evidence is None else evidence
    raw = [
        _with_head(sentence.text[:offset], text, label, evidence, sentence)
        for sentence, text, label, offset in _join_split_names(
            _story_mentions(fn, list(_by_article(sentences).values()))
        )
        if text
    ]
    story = {match_form(text.split()[0]) for _, text, _, _ in raw}
    groups: dict[tuple[str, ...], list[_Item]] = defaultdict(list)
    for sentence, text, label, typed in raw:
        tokens = display_tokens(text, label, evidence, story)
        if tokens:
            groups[name_key(tokens)].append(_Item(sentence, text, " ".join(tokens), label, typed))
    _merge_people(groups)
    entities = [_entity(items) for items in groups.values()]
    entities = [e for e in entities if looks_like_name(e.name.split(), evidence, e.mentions)]
    order = {id(e): k for k, e in enumerate(entities)}
    entities.sort(key=lambda e: (-e.mentions, order[id(e)]))
    return entities, True


def _with_head(
    before: str, text: str, label: str, evidence: NameEvidence, sentence: Sentence
) -> tuple[Sentence, str, str, bool]:
    """A name the tagger cut after an organisation's head word (جيش | الإسلام) gets its head back;
    a person's name after one (حركة | نور الدين الزنكي) names the organisation."""
    words = before.split()
    head = evidence.organisation_head(words[-1]) if label != "ORG" and words else None
    if head is None:
        return sentence, text, label, False
    if label == "PER":
        return sentence, text, "ORG", True
    return sentence, f"{head} {text}", "ORG", True


def _join_split_names(placed: Sequence[_Placed]) -> list[tuple[Sentence, str, str, int]]:
    """(sentence, text, label, offset) per mention; two mentions of one type a space apart, the
    second definite (كرم | الجبل), are one name the tagger split: a list of names has و or a comma."""
    out: list[tuple[Sentence, str, str, int]] = []
    for sentence, m, offset in placed:
        text = m.text.strip(_EDGE)
        if out and out[-1][0] is sentence and out[-1][2] == m.label and text.startswith("ال"):
            _, prev_text, label, prev_offset = out[-1]
            if sentence.text[prev_offset + len(prev_text):offset] == " ":
                out[-1] = (sentence, sentence.text[prev_offset:offset + len(text)], label, prev_offset)
                continue
        out.append((sentence, text, m.label, offset + m.text.index(text) if text else offset))
    return out


def _merge_people(groups: dict[tuple[str, ...], list[_Item]]) -> None:
    """Fold a person's shorter name into a longer one with the same last word (in place)."""
    by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key, items in groups.items():
        if _label(items) == "PER":
            by_last[key[-1]].append(key)
    for block in by_last.values():
        if len(block) < 2 or len(block) > _MAX_PERSON_BLOCK:
            continue
        block.sort(key=len, reverse=True)
        for key in block[::-1]:
            target = next((k for k in block if len(k) > len(key) and k in groups and set(key) <= set(k)), None)
            if target is not None:
                groups[target].extend(groups.pop(key))


def _by_article(sentences: Sequence[Sentence]) -> dict[str, list[Sentence]]:
    grouped: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences:
        grouped[sentence.article].append(sentence)
    return grouped


def _story_mentions(fn: MentionFn, articles: Sequence[Sequence[Sentence]]) -> list[_Placed]:
    """Mentions of every article, each with its sentence and its offset in that sentence.

    The tagger reads all articles as one story, so a name recognised in one sentence or outlet
    (حلب after مدينة) is recognised where the context says less (one type per word). If that
    fails, articles are tried one by one, then sentences, so one bad input costs only itself.
    """
    if not articles:
        return []
    texts = [_SENTENCE_BREAK.join(s.text for s in article) for article in articles]
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


def _label(items: Sequence[_Item]) -> str:
    """The majority type; a mention whose context names its type counts twice."""
    votes: Counter[str] = Counter()
    for item in items:
        votes[item.label] += 2 if item.typed else 1
    return votes.most_common(1)[0][0]


def _entity(items: list[_Item]) -> Entity:
    label = _label(items)
    name = best_form(Counter(item.name for item in items), label)
    sentences = tuple(dict.fromkeys(item.sentence for item in items))
    return Entity(
        name,
        label,
        tuple(sorted({item.raw for item in items} - {name})),
        len(items),
        tuple(sorted({s.article for s in sentences})),
        sentences,
    )
