"""Is this a speaker? A person, a group or an organisation that speaks, or nobody.

The subject parser (:mod:`akhbar.facts.speakers`) takes the words after a reporting verb or after
وفق/بحسب. On real stories those are often not a speaker: a بحسب phrase names a rule or a list
(«بحسب لوائح الشطب», «وفق قانون النظام النسبي», «حسب المحاصصة الطائفية»), a word near the verb is
a pronoun or a preposition («لكنه قال», «قال فيها», «ختم بالقول»), or a verbal noun («أعلن انسحاب
بلاده», «طلب عدم نشر اسمه»). This module first trims what follows a name without being part of it
(«نتانياهو قوله», «مكدورماند لدى تسلمها الجائزة», «ظريف في تغريدة على تويتر»), then keeps the
speaker only if it is headed by a word for people or an organisation (وزير, مصادر, وزارة, وكالة
...), or is a name the story's named-entity tagger found. Anything else becomes ``None``: the quote
is shown as unattributed, never with a made-up speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from akhbar.resources import resource_set, resource_table
from akhbar.text import normalize


# Words that head a speaker phrase, match-normalized, without ال: people by role, groups of people,
# organisations and the media. A phrase headed by one is a speaker even when the tagger missed it.
def _words(kind: str) -> frozenset[str]:
    return frozenset(normalize(row[1]) for row in resource_table("speaker_words.tsv") if row[0] == kind)


_HEADS = _words("head")
# The end of a speaker: words after a name that tell where or how it spoke, not who.
_TRAILERS = _words("trailer")
# Words that can never open a speaker: pronouns and particles near a verb, verbal nouns and other
# words the parser takes for a subject (انسحاب بلاده, طلب عدم نشر اسمه).
_NEVER_FIRST = _words("never_first")
_PRONOUN_SUFFIX = re.compile(r"(ه|ها|هم|هما|كم|نا)$")
_QUOTE_MARKS = '"«»“”\''


@dataclass(frozen=True, slots=True)
class KnownNames:
    """Words of the names the story's tagger found: people's name words, whole names, and every word
    of the names of organisations and places (a country speaks through its government: «قالت إسرائيل»)."""

    person_words: frozenset[str]
    names: frozenset[str]
    name_words: frozenset[str]

    @classmethod
    def of(cls, entities: Iterable[tuple[str, str]]) -> KnownNames:
        """From ``(name, label)`` pairs (names and aliases)."""
        words: set[str] = set()
        names: set[str] = set()
        every: set[str] = set()
        for name, label in entities:
            key = _key(name)
            if not key:
                continue
            names.add(" ".join(key))
            every.update(key)
            if label == "PER":
                words.update(w for w in key if len(w) > 2)
        return cls(frozenset(words), frozenset(names), frozenset(every))


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _key(text: str) -> tuple[str, ...]:
    return tuple(_bare(w) for w in normalize(text).replace('"', " ").split())


def trim_speaker(speaker: str) -> str:
    """The speaker without what follows it: a quotation opening, a trailing «قوله», «لدى ...», «في
    تغريدة ...», a ل-phrase («لصحافيين»), a parenthesis. The first word always stays."""
    for mark in _QUOTE_MARKS + "(":
        cut = speaker.find(mark, 1)
        before = speaker[:cut].split()
        # صحيفة "الأهرام": the marks hold the head's name; الحريري " كنا نراهن: a quotation opens
        if cut > 0 and not (len(before) == 1 and _bare(normalize(before[0])) in _HEADS):
            speaker = speaker[:cut]
    words = speaker.split()
    if words and normalize(words[0])[:1] == "و" and _bare(normalize(words[0])[1:]) in _HEADS:
        words[0] = words[0][1:]  # وزعيم تيار المستقبل
    for k in range(1, len(words)):
        norm = normalize(words[k])
        nxt = normalize(words[k + 1]) if k + 1 < len(words) else ""
        if norm in _TRAILERS or _to_the_media(norm) or _where_spoken(norm, nxt):
            words = words[:k]
            break
    return " ".join(words).strip(" ،,.:-–" + _QUOTE_MARKS)


# في/من + these tell where a speaker spoke (في تغريدة, في كلمة متلفزة, من روما is caught by من + a bare word).
_CONTEXT = _words("context")
# Whom a speaker talked to (قال لصحافيين, لوكالة رويترز, للتلفزيون): a ل-phrase that ends the speaker.
# Other ل-phrases belong to it (المرصد السوري لحقوق الإنسان, المفوضية العليا لشؤون اللاجئين).
_AUDIENCES = _words("audience")


def _to_the_media(norm: str) -> bool:
    for prefix in ("لل", "لـ", "ل"):
        if norm.startswith(prefix) and len(norm) > len(prefix) + 2:
            rest = norm[len(prefix):]
            if rest in _AUDIENCES or ("ال" + rest if prefix == "لل" else rest) in _AUDIENCES:
                return True
    return False


def _where_spoken(norm: str, nxt: str) -> bool:
    """في تغريدة, من روما, a dangling في/من: where the speaker spoke, not part of who it is."""
    if norm not in ("في", "من"):
        return False
    return not nxt or _bare(nxt) in _CONTEXT or (norm == "من" and not nxt.startswith("ال"))


# بحسب أرقام وزارة الداخلية, وفق بيان الجيش, حسب تقديرات الأمم المتحدة: the source is what follows
_SOURCE_NOUNS = frozenset(normalize(w) for w in ("ما", "بيان", "بيانا", "أرقام", "ارقام", "بيانات", "إحصاءات",
                                                 "تقديرات", "معطيات", "حصيلة", "تقرير", "تصريحات"))


def source_of_attribution(phrase: str) -> str:
    """The source after وفق/بحسب as a speaker: «لوكالة رويترز» -> «وكالة رويترز», «لما نقلته وكالة
    فرانس برس» -> «وكالة فرانس برس», «لبيان نشرته وزارة الخارجية» -> «وزارة الخارجية»."""
    words = phrase.split()
    first = normalize(words[0]) if words else ""
    if first.startswith("لل") and len(first) > 4:
        words[0] = "ال" + words[0][2:]  # للمتحدث -> المتحدث
    elif first.startswith("ل") and (_bare(first[1:].lstrip("ـ")) in _HEADS or first[1:] in ("ما", "بيان", "بيانا")):
        words[0] = words[0][1:].lstrip("ـ")  # لوكالة -> وكالة; لوائح stays
    # ما نقلته X / بيان نشرته X / بيان صادر عن X: the source is X
    for k, word in enumerate(words[:3]):
        norm = normalize(word)
        if k + 1 < len(words) and ((norm.endswith(("ته", "تها", "ها")) and k > 0) or norm in ("عن", "نقلته", "اوردته")):
            return " ".join(words[k + 1:])
    if words and normalize(words[0]) in _SOURCE_NOUNS and len(words) > 1:
        rest = words[1:]
        if rest and normalize(rest[0]) in ("صادر", "الصادر"):
            rest = rest[2:] if len(rest) > 2 and normalize(rest[1]) == "عن" else rest[1:]
        return " ".join(rest)
    return " ".join(words)


def is_speaker(speaker: str, known: KnownNames | None, *, attributed: bool = False) -> bool:  # noqa: PLR0911
    """Whether ``speaker`` (already trimmed) names someone who speaks: a phrase headed by a word for
    people or an organisation, or a name the story's tagger found (``known``; when the tagger is
    not available, any phrase that does not open with a non-speaker word, except after وفق/بحسب,
    which name rules and lists as often as sources: there only a head word will do)."""
    key = _key(speaker)
    if not key or key[0][0].isdigit():
        return False
    first = normalize(speaker.split(maxsplit=1)[0])
    function_words = resource_set("function_words.txt")
    if first in _NEVER_FIRST or first in function_words or _bare(first) in _NEVER_FIRST:
        return False
    head = key[0][1:] if key[0][:1] == "و" and len(key[0]) > 3 and _is_head(key[0][1:]) else key[0]
    if _is_head(head) or first in _HEADS:
        return True
    if first.startswith(("بال", "لل", "كال")) or (_PRONOUN_SUFFIX.search(first) and first.endswith(("ها", "هم"))):
        return False
    if known is None:
        return not attributed
    if " ".join(key) in known.names or (len(key) <= 4 and all(w in known.name_words for w in key)):
        return True
    return key[-1] in known.person_words and all(_plain_word(w) for w in key)


def _is_head(word: str) -> bool:
    """A head word, or its dual or plural (مسؤولان, مصدران, مراسلون)."""
    return word in _HEADS or (len(word) > 4 and word.endswith(("ان", "ين", "ون")) and word[:-2] in _HEADS)


def _plain_word(word: str) -> bool:
    return not word[0].isdigit() and word not in _NEVER_FIRST


def checked_speaker(speaker: str | None, known: KnownNames | None, *, attributed: bool = False) -> str | None:
    """``speaker`` trimmed if it names someone who speaks, else None (the quote is unattributed)."""
    if speaker is None:
        return None
    found = trim_speaker(source_of_attribution(speaker) if attributed else speaker)
    return found if found and is_speaker(found, known, attributed=attributed) else None
