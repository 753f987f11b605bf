"""Named entities merged across outlets, spellings and clitics.

Mentions come from ``akhbar.ner.entity_mentions`` per sentence. Two mentions are the same entity
when their keys match: match normalization, a proclitic (و ف ب ل ك) dropped when the bare form is
itself a mention in the batch (بحلب -> حلب), ال dropped, and أميركي/أمريكي folded. People also
merge by name parts: a name whose tokens are a subset of a longer name with the same last token is
that person (لافروف = سيرغي لافروف). Without a usable model the result is empty and flagged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from akhbar.facts.records import Entity
from akhbar.records import Sentence
from akhbar.text import normalize

MentionFn = Callable[[str], Sequence[Any]]
_PROCLITICS = "وفبلك"
_VARIANTS = (("اميرك", "امريك"), ("بريطان", "بريطان"))


def load_mention_fn() -> MentionFn | None:
    """``akhbar.ner.entity_mentions`` if the module and its model are usable, else None."""
    try:
        from akhbar.ner import entity_mentions

        entity_mentions("اختبار")
    except Exception:
        return None
    return entity_mentions


def _fold(token: str) -> str:
    for a, b in _VARIANTS:
        token = token.replace(a, b)
    if token.startswith("ال") and len(token) > 4:
        token = token[2:]
    return token


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
    return len(short) < len(long) and set(short) <= set(long) and short[-1] == long[-1]


def extract_entities(
    sentences: Sequence[Sentence],
    mention_fn: MentionFn | None = None,
) -> tuple[list[Entity], bool]:
    """``(entities, available)``; entities by number of mentions, then by first appearance."""
    fn = mention_fn or load_mention_fn()
    if fn is None:
        return [], False
    found: list[tuple[Sentence, str, str]] = []
    for sentence in sentences:
        try:
            mentions = fn(sentence.text)
        except Exception:
            continue
        found.extend((sentence, m.text.strip(' "«»“”'), m.label) for m in mentions if m.text.strip())
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
