"""Who speaks in a sentence: speech whose speaker is named only in the sentence before it.

Out of its article, a summary sentence must say who speaks. Two kinds do not, beyond the dangling
openers of :mod:`akhbar.summarize.units` (`وأضاف أن ...`):

- a **bare role noun** as the speaker: a definite noun of a role with nothing after it that says
  which one («وذكر المصدر أن ...», «وأشار الوزير إلى أن ...», «وأكد الطبيب الخميس أن ...», «بحسب
  المسؤول،»). The article named that source, minister or doctor in an earlier sentence; in a
  summary of several outlets the reader cannot tell which. A role with a word that places it
  («الوزير المصري», «المتحدث باسم الكرملين», «المسؤول الأمريكي») or a name after it reads alone;
- **speech with no speaker**: words in the first person («لا أتذكر ...», «نحن ...», «إننا ...»)
  outside any quotation marks, or a sentence that opens on a quotation mark, with no reporting
  verb or attribution anywhere in it: the speaker was introduced before («وقال المدرب:») and this
  sentence goes on with his words.

Both read match-normalized text (:func:`akhbar.text.normalize.normalize`).
"""

from __future__ import annotations

import re
from functools import cache

from akhbar.align import stopwords
from akhbar.resources import resource_set
from akhbar.text.normalize import normalize

# Definite role nouns (match-normalized) that stand for a person or a source named before.
ROLE_NOUNS = frozenset({
    "المصدر", "المصادر", "المسوول", "المسووله", "المسوولون", "المسوولين", "الوزير", "الوزيره",
    "المتحدث", "المتحدثه", "الناطق", "الناطقه", "السفير", "السفيره", "المستشار", "المدير", "المديره",
    "الرييس", "الرييسه", "القايد", "النايب", "المندوب", "المبعوث", "الضابط", "الطبيب", "المدرب",
    "المحلل", "الخبير", "الباحث", "الشاهد", "الدبلوماسي", "المرشح", "المرشحه", "القاضي",
    "المحامي", "المفوض", "المتحدثون", "المسعف",
})
_SPEAKER_WINDOW = 3  # a reporting verb or an attribution this early opens the sentence's attribution
# Words that open an attribution without a verb (بحسب المصدر، وفقا للمسؤول).
_ATTRIBUTIONS = frozenset({"بحسب", "حسب", "وفق", "وفقا", "طبقا"})
# After a role noun, these say which one it is (المتحدث باسم الجيش): not a bare role.
_PLACING = frozenset({"باسم"})
# Time words after a role noun (وأكد الطبيب الخميس أن) place the speech, not the speaker.
_TIME_WORDS = frozenset({
    "اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "مساء",
    "صباح", "ليل", "فجر", "ظهر", "لاحقا", "مجددا", "ايضا",
})
_PUNCT = "،,:.\"'«»“”()"
_QUOTES = "\"«»“”"
_QUOTED = re.compile(r"[\"«»“”][^\"«»“”]*[\"«»“”]")
# First-person words that leave no doubt: pronouns and إن/أن with a first-person suffix.
_FIRST_PERSON = frozenset({
    "انا", "نحن", "ونحن", "فنحن", "انني", "اننا", "لانني", "لاننا", "فانني", "فاننا", "واننا",
    "وانني", "لدينا", "عندنا", "لسنا", "لست", "لستم", "اظن", "اتذكر", "اشعر", "اتمني", "اريد", "نريد",
    "نعتقد", "نشعر", "اعرف", "نعرف",
})
_AROUND_A_QUOTE = 3  # words outside the quote of a sentence that is one quote
# «لم أجد», «لن نسمح»: a negation of the jussive or future before a verb in the first person.
_NEGATED_FIRST = re.compile(r"(?<!\S)[وف]?ل[من]\s+[\"«»“”]?[ان]\w\w")
# Attribution without a reporting verb of the list, besides ``_ATTRIBUTIONS`` (read by :func:`_attribution`,
# with و/ف): the sentence names its speaker one way or another.
_ATTRIBUTING = frozenset({"نقلا", "قايلا", "قايله", "بالقول", "لسان", "قوله", "قولها"})


@cache
def _reporting_forms() -> frozenset[str]:
    """The reporting verbs (``reporting_verbs.txt``), bare and with و/ف."""
    verbs = resource_set("reporting_verbs.txt")
    return verbs | {prefix + verb for verb in verbs for prefix in "وف"}


def _reporting(word: str) -> bool:
    return word.strip(_PUNCT) in _reporting_forms()


def _attribution(word: str) -> bool:
    bare = word.strip(_PUNCT)
    return bare in _ATTRIBUTIONS or (bare[:1] in "وف" and bare[1:] in _ATTRIBUTIONS)


def _role(word: str) -> str:
    """The role noun ``word`` holds (للمسؤول after وفقا: المسؤول), or ''."""
    bare = word.strip(_PUNCT)
    if bare in ROLE_NOUNS:
        return bare
    if bare.startswith("لل") and "ال" + bare[2:] in ROLE_NOUNS:
        return "ال" + bare[2:]
    return ""


def _places_it(word: str, following: str, after: str = "") -> bool:
    """Whether ``following`` says which one the role noun ``word`` is: an adjective of origin or
    side (الوزير المصري، المتحدث العسكري), باسم, or a name; not a function word, a time, a quote,
    a definite noun (its object: «أعلن المتحدث العثور على ...»)."""
    if word.endswith(tuple(_PUNCT)) or not following or following[0] in _QUOTES:
        return False
    bare = following.strip(_PUNCT)
    if bare in _PLACING:
        return True
    if not bare or bare in _TIME_WORDS or bare in stopwords():
        return False
    if bare.startswith("ال"):
        # An adjective of origin or side places it (الوزير المصري), as a name after an adjective does
        # (النائب المعارض نيكول باشينيان); a definite noun before a function word is the verb's
        # object (كما أعلن المتحدث العثور تحت الأنقاض ...).
        next_word = after.strip(_PUNCT)
        return ((bare.endswith(("ي", "يه")) and len(bare) > 4)
                or (bool(next_word) and next_word not in stopwords() and after[:1] not in _QUOTES))
    return not (bare.startswith("لل") or (bare.startswith("ل") and bare[1:] in stopwords()))


def bare_role_speaker(text: str) -> bool:
    """«وذكر المصدر أن ...», «وأشار الوزير إلى ...», «بحسب المسؤول،»: the speaker right after an early
    reporting verb or attribution is a role noun with nothing that says which one."""
    words = normalize(text).split(maxsplit=_SPEAKER_WINDOW + 3)[:_SPEAKER_WINDOW + 3]
    for k, word in enumerate(words[:_SPEAKER_WINDOW]):
        if not (_reporting(word) or _attribution(word)) or k + 1 >= len(words):
            continue
        noun = words[k + 1]
        if not _role(noun):
            return False
        return not _places_it(noun, *[*words[k + 2:k + 4], "", ""][:2])
    return False


def unattributed_speech(text: str) -> bool:
    """First-person words outside quotation marks, or a sentence that opens on a quotation mark,
    with no reporting verb or attribution anywhere: someone named before goes on speaking."""
    line = normalize(text).strip()
    head = line.lstrip("و")[:1]
    opens_on_quote = bool(head) and head in _QUOTES
    # Most sentences hold no first-person word and open on no quote: settled by one set
    # intersection and one search, before any word is looked up one by one.
    if not (opens_on_quote or _first_person(line)):
        return False
    words = line.split()
    if any(_reporting(w) or _attribution(w) or w.strip(_PUNCT) in _ATTRIBUTING for w in words):
        return False
    if words[0].endswith(":") and len(words[0]) > 2:
        return False  # «ظريف: ...»: an interview names its speaker before a colon
    outside = _QUOTED.sub(" ", line)
    if opens_on_quote and len(outside.split()) < _AROUND_A_QUOTE:
        return True  # the sentence is a quote (a title opening a sentence, «"قماشتي المفضلة" هو ...», is not)
    return _first_person(outside)


def _first_person(line: str) -> bool:
    """A first-person word (a token of ``_FIRST_PERSON``, punctuation aside) or a negated
    first-person verb in ``line`` (normalized). The set and substring tests settle most lines."""
    tokens = line.split()
    if not _FIRST_PERSON.isdisjoint(tokens) or not _FIRST_PERSON.isdisjoint(
            t.strip(_PUNCT) for t in tokens if not t[-1].isalnum()):
        return True
    return ("لم " in line or "لن " in line) and _NEGATED_FIRST.search(line) is not None
