"""Can a sentence be read out of its article? Back-references and site furniture.

A summary sentence stands alone in a list of sentences from several outlets; the sentence that came
before it in its article is not there. Two kinds of sentence fail that test beyond the dangling
openers of :mod:`akhbar.summarize.units` (`وأضاف أن ...`):

- one that **refers back** in its first words: a demonstrative with a noun that names what was just
  told («وياتي هذا الرفض بعد ...», «عبر عن هذا الموقف ...», «وجاء ذلك بعد ...»), a partitive
  pronoun («واستطاع البعض منهم ...», «معظمهم»), or "the same" after a noun («المصدر ذاته»,
  «الوزارة نفسها»). Demonstratives of time («هذا الأسبوع», «هذه المرة», «في الوقت نفسه»)
  point to the calendar, not to the sentence before, and pass;
- one that names someone or something by a bare noun of a kind («الحركة», «القصة», «الرجل»)
  that stands for one of them named before;
- **site furniture**: a line addressed to the reader of the site, not news: «تابعوا تغطية خاصة ...»,
  «للمزيد: ...», «اقرأ أيضا ...», «اضغط هنا», «يمكنكم استلام إشعارات ...»
  (``furniture_cues.txt``: an entry matches as the first words of the sentence, an entry starting
  with ``*`` anywhere in it).

Both read match-normalized text (:func:`akhbar.text.normalize.normalize`), so hamza and teh marbuta
spellings agree with the resource files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from akhbar.resources import resource_lines, resource_set
from akhbar.text.normalize import normalize
from akhbar.text.segment import is_question

_WINDOW = 4  # a back-reference that decides whether the sentence reads alone sits in its first words
_NOUN_WINDOW = 6  # ... a demonstrative with its noun (بموجب هذا البرنامج) a little further on
# The page's own pictures and videos: «ويظهر الفيديو ...» describes what the site shows beside the text.
_MEDIA = frozenset({"الفيديو", "الصور", "الصوره", "المقطع", "التسجيل", "الشريط", "الفيلم المصور"})
_MEDIA_WINDOW = 3
# «لكن المنظمين لم يدلوا بأي تفاصيل»: a sentence opening on a contrast answers the one before it.
_CONTRASTS = ("لكن ", "ولكن ", "غير ان ", "الا ان ", "بيد ان ", "فيما ")
_FRAGMENT_WORDS = 8
# «وتعهد ترامب مرارا بالانسحاب منه»: a preposition whose pronoun is a thing named before («له»,
# «بينها» are left out: «في بيان له» points to the sentence's own subject).
_OBJECT_PRONOUNS = frozenset({"منه", "منها", "عنه", "عنها", "فيه", "فيها", "عليه", "عليها", "اليه", "اليها"})
_CAPTION_WORDS = 5  # «هجمات (إسرائيل) على سوريا.»: a picture's caption, end mark or not
# «إنه أكثر الأفلام المرشحة جودة»: a pronoun subject whose name is in the sentence before.
_PRONOUNS = frozenset({"انه", "انها", "انهم", "هو", "هي", "هم", "وهو", "وهي", "وهم", "فهو", "فهي", "فهم"})
_DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هولاء", "اولايك", "هذين", "هاتين", "هذان", "هاتان"})
# Nouns after a demonstrative that point to time or to the text itself, not to the sentence before.
_TIME_NOUNS = frozenset({
    "اليوم", "الاسبوع", "الشهر", "العام", "السنه", "المره", "الصباح", "المساء", "الليله", "الاثناء",
    "الوقت", "الفتره", "المرحله", "الموسم", "الصيف", "الشتاء", "الربيع", "الخريف", "العقد", "القرن",
    "الساعه", "اللحظه", "الايام", "الاسابيع", "الاشهر", "الشهور", "الاعوام", "السنوات", "الجمعه",
    "السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجوله", "الدوره", "النسخه",
})
# A bare demonstrative after these (لهذا، ومع ذلك، بعد ذلك) is a connective, not a pointer to a fact.
_CONNECTIVE_HEADS = frozenset({"مع", "ومع", "رغم", "ورغم", "برغم", "على", "وعلى", "الى", "والى", "لذلك", "ولذلك"})
_PARTITIVES = frozenset({
    "منهم", "منهن", "منهما", "بعضهم", "بعضها", "معظمهم", "اغلبهم", "غالبيتهم", "كلاهما", "كلتاهما",
    "احدهم", "احدهما", "جميعهم", "كلهم", "اكثرهم",
})
_SAME = frozenset({"ذاته", "ذاتها", "ذاتهم", "نفسه", "نفسها", "انفسهم", "ذاتهما", "نفسهما"})
_WORD = re.compile(r"[^\W\d_]+|\d+")
# «حملة الحركة», «تفقد القصة بعض زخمها»: a bare noun of a kind that stands for one of them named
# before (which movement? which film?); followed by a definite word or a quote it is named or described.
_KIND_NOUNS = frozenset({"الحركه", "القصه", "الروايه", "الفيلم", "الرجل", "المراه", "الشاب", "الفتاه"})


# Not ك: «كذلك» (also) adds to what was said without pointing to one fact of it. The first prefix
# that leaves a demonstrative or "the same" wins (وب before و).
_PROCLITIC_FORMS: dict[str, str] = {}
for _prefix in ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل"):
    for _word in _DEMONSTRATIVES | _SAME:
        _PROCLITIC_FORMS.setdefault(_prefix + _word, _word)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """The words of ``text``, match-normalized (each rule of a sentence reads them: read once)."""
    return tuple(_WORD.findall(normalize(text)))


def _strip_proclitic(word: str) -> str:
    """و/ف/ب/ل before a demonstrative or a noun (وهذا، لذلك، بهذه): the word itself."""
    return _PROCLITIC_FORMS.get(word, word)


def refers_back(text: str) -> bool:
    """Whether ``text`` points to something told before it (module docstring), or asks a question
    (`فما هي أبرز هذه العقوبات؟`, `وماذا سيفعل ...؟`): a question in a body heads the paragraph
    that answers it."""
    if is_question(text) or _speaker_carried_over(text) or is_cut(text):
        return True
    words = _words(text)[: _NOUN_WINDOW + 1]
    return _leans_by_its_first_words(words) or any(_points_back_at(words, k) for k in range(len(words[:_NOUN_WINDOW])))


def _leans_by_its_first_words(words: Sequence[str]) -> bool:
    """The page's video, a contrast, a pronoun subject, «أيضا», or a preposition's pronoun."""
    return (any(word in _MEDIA for word in words[:_MEDIA_WINDOW]) or " ".join(words[:2]).startswith(_CONTRASTS)
            or (bool(words) and words[0] in _PRONOUNS) or "ايضا" in words[:_WINDOW]
            or any(word in _OBJECT_PRONOUNS for word in words[1:_NOUN_WINDOW]))


def _points_back_at(words: Sequence[str], k: int) -> bool:
    """Whether word ``k`` points back: a demonstrative (with its noun, past the first words), a
    partitive, or "the same" after a noun."""
    word, bare = words[k], _strip_proclitic(words[k])
    following = words[k + 1] if k + 1 < len(words) else ""
    if k >= _WINDOW:  # further on, only a demonstrative with a definite noun points back
        return (bare in _DEMONSTRATIVES and following.startswith("ال") and len(following) > 3
                and following not in _TIME_NOUNS)
    if bare in _DEMONSTRATIVES and _points_back(words, k, following):
        return True
    if word in _PARTITIVES or (word in {"البعض", "بعض"} and following in {"منهم", "منهن", "منها"}):
        return True
    return bare in _SAME and k > 0 and words[k - 1] not in _TIME_NOUNS and words[k - 1].startswith("ال")


def bare_kind_noun(text: str) -> bool:
    """«وذكرت مجلتا ... أن منظمي حملة الحركة قالوا ...»: a kind noun (``_KIND_NOUNS``) neither
    named nor described after it."""
    words = _words(text)
    return any(word in _KIND_NOUNS and (k + 1 >= len(words) or not words[k + 1].startswith("ال"))
               and (k == 0 or _strip_proclitic(words[k - 1]) not in _DEMONSTRATIVES)
               and not _quoted_after(text, word)
               for k, word in enumerate(words))


def _quoted_after(text: str, word: str) -> bool:
    """Whether ``word`` is followed by a quote in ``text`` (الحركة "تايمز أب"): it is named there."""
    line = normalize(text)
    at = line.find(word)
    rest = line[at + len(word):].lstrip() if at >= 0 else ""
    return rest[:1] in "\"'«“("


def is_cut(text: str) -> bool:
    """A sentence cut short: an opened quote never closed, trailing off (`القول"تدين إيران بشدة..`).

    Outlets write guillemets either way round (`بـ»الإرهابيين»`), so an odd count alone says
    nothing; the trailing dots do."""
    line = text.rstrip()
    unbalanced = line.count('"') % 2 == 1 or line.count("«") + line.count("»") + line.count("“") + line.count("”") == 1
    return unbalanced and line.endswith(("..", "…"))


def is_fragment(text: str) -> bool:
    """A heading, caption or list item left in the body (`جوائز الأوسكار الثمانون (2008)`,
    `أفضل فيلم: "ذي شايب اوف ووتر"`): a few words, no end mark, a bracket or a colon."""
    line = text.strip()
    words = len(line.split())
    unended = words <= _FRAGMENT_WORDS and not line.endswith((".", "!", "؟", "?", "…"))
    return (unended and (line.endswith(")") or ":" in line)) or (words <= _CAPTION_WORDS and "(" in line)


def _speaker_carried_over(text: str) -> bool:
    """«وقال: "رأيت الجسر ينهار أمامي"»: a reporting verb followed by a colon or a quote names no
    speaker; he is the one of the sentence before."""
    head = normalize(text).split()[:2]
    if not head:
        return False
    verb = head[0].rstrip(":،,")
    bare = verb[1:] if verb[:1] in "وف" else verb
    if bare not in resource_set("reporting_verbs.txt") and verb not in resource_set("reporting_verbs.txt"):
        return False
    return head[0].endswith(":") or (len(head) > 1 and head[1][:1] in "\"'«“")


def _points_back(words: Sequence[str], k: int, following: str) -> bool:
    """A demonstrative at ``k`` that names something of the sentence before: followed by a definite
    noun that is not a time (هذا الرفض), or standing alone as a subject or object (وجاء ذلك بعد)."""
    if following.startswith("ال") and len(following) > 3:
        return following not in _TIME_NOUNS
    if k > 0 and words[k - 1] in _CONNECTIVE_HEADS:
        return False
    # «هذا وقد ...» opens a paragraph without pointing anywhere; «وجاء ذلك ...», «وهذا يعني ...»
    # and «ذلك أن ...» point back.
    return not following.startswith("و")


@cache
def _cues() -> tuple[tuple[str, ...], tuple[str, ...]]:
    lines = resource_lines("furniture_cues.txt")
    anywhere = tuple(line[1:].strip() for line in lines if line.startswith("*"))
    opening = tuple(line for line in lines if not line.startswith("*"))
    return opening, anywhere


def is_site_furniture(text: str) -> bool:
    """A line addressed to the site's reader (follow, read more, click, download the app)."""
    joined = " ".join(_words(text))
    opening, anywhere = _cues()
    return (any(joined == cue or joined.startswith(cue + " ") for cue in opening)
            or any(f" {cue} " in f" {joined} " for cue in anywhere))


def inside_quotes(texts: Sequence[str]) -> list[bool]:
    """For one article's sentences in order, whether each starts inside a quote a sentence before it
    opened and did not close: «صمت المجتمع الدولي يشجع العدوان الإسرائيلي.» is the third sentence
    of Qasemi's quote, and out of it reads as the outlet's own claim. Straight quotes are counted
    (guillemets are written either way round and say nothing about which side is open)."""
    out, open_quote = [], False
    for text in texts:
        out.append(open_quote)
        if text.count('"') % 2 == 1:
            open_quote = not open_quote
    return out
