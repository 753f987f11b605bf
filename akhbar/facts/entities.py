"""Named entities merged across outlets, spellings and clitics.

Mentions come from ``akhbar.ner.story_mentions``, which reads every article of the batch as one
story, and are placed back in their sentences. Two mentions are the same entity
when their keys match: match normalization, a proclitic (و ف ب ل ك) dropped when the bare form is
itself a mention in the batch (بحلب -> حلب), ال dropped, and أميركي/أمريكي folded. People also
merge by name parts: a name whose tokens are a subset of a longer name with the same last token is
that person (لافروف = سيرغي لافروف). Without a usable model the result is empty and flagged.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from akhbar.facts._common import drop_article
from akhbar.facts.records import Entity
from akhbar.facts.speakers import same_person
from akhbar.records import Sentence
from akhbar.text import normalize

# The texts of one story -> the mentions of each text (objects with text, label, start, end).
MentionFn = Callable[[Sequence[str]], Sequence[Sequence[Any]]]
_PROCLITICS = "وفبلك"
_SENTENCE_BREAK = "\n"
_VARIANTS = (("اميرك", "امريك"), ("بريطان", "بريطان"))


def load_mention_fn() -> MentionFn | None:
    """``akhbar.ner.story_mentions`` if the module and its model are usable, else None."""
    try:
        from akhbar.ner import story_mentions

        story_mentions(["اختبار"])
    except Exception:
        return None
    return story_mentions


def _fold(token: str) -> str:
    for a, b in _VARIANTS:
        token = token.replace(a, b)
    return drop_article(token)


def _strip_proclitic(token: str, known: set[str]) -> str:
    """بحلب -> حلب when حلب is known; والرئيس -> الرئيس; never بيسكوف -> يسكوف."""
    word = token
    for _ in range(2):
        if (
            len(word) > 3
            and word[0] in _PROCLITICS
            and (word[1:] in known or word[1:].startswith("ال") or word.startswith("لل"))
        ):
            word = "ال" + word[2:] if word.startswith("لل") and word[2:] not in known else word[1:]
        else:
            break
    return word


def mention_key(text: str, known: set[str]) -> tuple[str, ...]:
    tokens = normalize(text).replace('"', " ").split()
    if not tokens:
        return ()
    tokens[0] = _strip_proclitic(tokens[0], known)
    return tuple(_fold(t) for t in tokens)


def _same_person(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return len(short) < len(long) and same_person(short, long)


def extract_entities(
    sentences: Sequence[Sentence],
    mention_fn: MentionFn | None = None,
) -> tuple[list[Entity], bool]:
    """``(entities, available)``; entities by number of mentions, then by first appearance."""
    fn = mention_fn or load_mention_fn()
    if fn is None:
        return [], False
    found = [
        (sentence, m.text.strip(' "«»“”'), m.label)
        for sentence, m in _story_mentions(fn, list(_by_article(sentences).values()))
        if m.text.strip()
    ]
    known = {normalize(text).split()[0] for _, text, _ in found if normalize(text).split()}
    groups: dict[tuple[str, ...], list[tuple[Sentence, str, str]]] = defaultdict(list)
    for item in found:
        key = mention_key(item[1], known)
        if key:
            groups[key].append(item)
    # people: a shorter name that is part of a longer one is the same person
    keys = sorted(groups, key=len, reverse=True)
    for key in keys[::-1]:
        if key not in groups or not _mostly(groups[key], "PER"):
            continue
        target = next((k for k in keys if k in groups and _same_person(key, k) and _mostly(groups[k], "PER")), None)
        if target is not None:
            groups[target].extend(groups.pop(key))
    entities = [_entity(items) for items in groups.values()]
    order = {id(e): k for k, e in enumerate(entities)}
    entities.sort(key=lambda e: (-e.mentions, order[id(e)]))
    return entities, True


def _by_article(sentences: Sequence[Sentence]) -> dict[str, list[Sentence]]:
    grouped: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences:
        grouped[sentence.article].append(sentence)
    return grouped


def _story_mentions(fn: MentionFn, articles: Sequence[Sequence[Sentence]]) -> list[tuple[Sentence, Any]]:
    """Mentions of every article, each with its sentence.

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


def _place(sentences: Sequence[Sentence], mentions: Sequence[Any]) -> list[tuple[Sentence, Any]]:
    """Each mention of an article's joined text with the sentence it lies in."""
    starts: list[int] = []
    cursor = 0
    for sentence in sentences:
        starts.append(cursor)
        cursor += len(sentence.text) + len(_SENTENCE_BREAK)
    out: list[tuple[Sentence, Any]] = []
    for m in mentions:
        k = bisect_right(starts, m.start) - 1
        if k >= 0 and m.end <= starts[k] + len(sentences[k].text):  # never across a sentence break
            out.append((sentences[k], m))
    return out


def _mostly(items: list[tuple[Sentence, str, str]], label: str) -> bool:
    labels = Counter(lab for _, _, lab in items)
    return labels.most_common(1)[0][0] == label


def _entity(items: list[tuple[Sentence, str, str]]) -> Entity:
    label = Counter(lab for _, _, lab in items).most_common(1)[0][0]
    forms = Counter(text for _, text, _ in items)
    if label == "PER":
        name = max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))
    else:
        name = max(forms, key=lambda f: (forms[f], -len(f)))
    sentences = tuple(dict.fromkeys(s for s, _, _ in items))
    return Entity(
        name,
        label,
        tuple(sorted(f for f in forms if f != name)),
        len(items),
        tuple(sorted({s.article for s in sentences})),
        sentences,
    )
