"""Stronger "already told" signals for "what's new" (:mod:`akhbar.summarize.since`).

One earlier sentence holding most of a later sentence's words catches a retold fact only when it
is retold in the same words. On the dev stories of ``data/audit/since.jsonl`` old facts slipped
through in other shapes, each read here from the sentence itself or from an index over the
earlier sentences (never all pairs):

- **figures with their counted noun**: «نسبة الاقتراع 49 %» after «بلغت 49.2 في المئة»; a figure
  is a value with the word it counts (``%`` for the percent words), and two agree when their nouns
  are the same and their values are within 5% (a rounded figure is the same figure);
- **background markers**: a sentence that says itself it looks back (``جاء هذا بعد``,
  ``وكان ... قد``, «السبت الماضي», ``في وقت سابق``, «يذكر أن», «تجدر الإشارة إلى أن») and whose
  words the earlier articles already hold: outlets restate the story so far in every article.
  When it names a weekday «الماضي» that, read from its article's date, falls before the reader's
  date, less of it need be held (the event is itself older than the date);
- **far back**: a sentence that places what it tells months or years back («خلال الأشهر الماضية»,
  «ومنذ بدء النزاع», «منذ 9 سنوات», «العام الماضي») is background: it is told when the earlier
  articles hold as much of its words as a look back to a day before the reader's date needs;
- **the same quote**: the same speaker and most of the quoted words (a statement retold);
- **the same claim**: reported speech without quotation marks, by the same named speaker, most of
  its words (read by their skeletons, so that صواريخ/صاروخا and إيرانيين/إيران agree) in an earlier
  sentence of that speaker, and no figure the earlier one lacks;
- **the outlet's own background paragraph**: a near copy (character 4-gram cosine) of a sentence
  of an earlier article of the same outlet.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from akhbar.align import content_stems
from akhbar.summarize.anchors import COMPLEMENTIZERS, FIGURE_TOLERANCE, skeleton, speaker_stems
from akhbar.text.normalize import normalize
from akhbar.text.stem import light_stem

FIGURES_TOLD = 0.5  # share of a sentence's figures told before
BACKGROUND_HELD = 0.85  # share of a looking-back sentence's weight the earlier articles hold
PAST_DAY_HELD = 0.6  # ... when it names a day before the reader's date («الأحد الماضي» in an article of Sunday 4 March)
QUOTE_TOLD = 0.5  # share of a quote's words an earlier quote of the same speaker holds
CLAIM_TOLD = 0.5  # ... of reported speech (no quotation marks): dev flags no new sentence from 0.3 to 0.7
OUTLET_COPY = 0.6  # character cosine of a near copy of the outlet's own earlier sentence
TOPICAL = 0.3  # a figure counts as told only in a sentence this close to one earlier sentence (same topic)
_YEARS = (1900, 2100)  # a year is a date, not a counted figure
# A span of time («منذ 9 سنوات», «خلال 24 ساعة») is how outlets place a fact, not the fact.
_TIME_WORDS = ("سنة سنوات سنين عام عاما أعوام يوم يوما أيام شهر شهرا أشهر شهور ساعة ساعات أسبوع أسبوعا "
               "أسابيع دقيقة دقائق عقد عقود")
_TIME_NOUNS = frozenset(light_stem(normalize(w)) for w in _TIME_WORDS.split())

_PERCENT = re.compile(r"(?:\s*%|\s+(?:في\s+ال|بال|ب\s*ال)(?:ميه|مئه|مائه)\b)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_FILLER = frozenset({"من", "الي", "و", "في", "عن", "علي", "او", "الف", "مليون", "مليار", "الاف", "ملايين"})
_SCALE = {"الف": 1e3, "الاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9}
_WEEKDAYS = "(?:الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت)"
# «والتقى بوتن وترامب قبل أيام»، «بعد أيام على زلزال لومبوك»: what it names happened days before the article.
# «بعد أيام» alone is ahead («ستعلن النتائج بعد أيام»), «قبل أيام من» days before some other event.
_DAYS_BACK = r"(?:قبل\s+(ايام|يومين|اسبوع|اسبوعين)(?!\s+من)|بعد\s+(ايام|يومين|اسبوع|اسبوعين)\s+(?:علي|من))"
_DAYS_BACK_RE = re.compile(_DAYS_BACK)
_DAYS_IN = {"ايام": 2, "يومين": 2, "اسبوع": 7, "اسبوعين": 14}  # at least that many days back
_LOOKING_BACK = re.compile(
    r"^\W*و?(?:جاء|جاءت|ياتي|تاتي)\s+(?:هذا|ذلك|هذه|ذالك|الاعلان|القرار)\s+(?:بعد|عقب|اثر|غداه|في\s+اعقاب|وسط)"
    r"|(?:^|\s)و?(?:كان|كانت|كانوا)\s+(?:\S+\s+){1,6}?قد\s"
    rf"|{_WEEKDAYS}\s+الماضي|الاسبوع\s+الماضي|في\s+وقت\s+سابق|(?:^|\s)سبق\s+(?:ان|ل)"
    r"|^\W*و?(?:يذكر|يشار\s+الي|تجدر\s+الاشاره\s+الي|الجدير\s+بالذكر)\s+ان"
    r"|" + _DAYS_BACK)
# A span that reaches months or years back («خلال الأشهر الماضية», «ومنذ بدء النزاع», «منذ 2011»,
# «العام الماضي»): what it tells began well before any reader's date, however recent the article.
_FAR_PAST = re.compile(
    r"(?:الاشهر|الاسابيع|السنوات|الاعوام|العقود|السنين)\s+(?:القليله\s+)?الماضيه"
    r"|(?:الشهر|العام|القرن)\s+الماضي(?!ه)"
    r"|(?:^|\s)و?منذ\s+(?:بدء|بدايه|اندلاع|انطلاق|مطلع|عام|سنوات|اعوام|عقود|\d{4}|(?:نحو\s+)?\d+\s+(?:سنوات|اعوام|عاما|سنه))"
    # «وقد هزت البلاد في الفترة الأخيرة احتجاجات»، «تميزت العلاقات بالخصومة على مر عقود»: the story so far
    r"|في\s+(?:الفتره|الاونه)\s+الاخيره|(?:^|\s)و?موخرا|علي\s+مر\s+(?:ال)?(?:عقود|سنين|سنوات|اعوام)|(?:^|\s)لعقود")
# Words of a speaker phrase that name no one (where and how it was said, a title alone).
_NOT_A_NAME = frozenset(content_stems(
    "مؤتمر صحفي صحافي بيان تصريح تصريحات حديث مقابلة كلمة لقاء تغريدة حسابه حسابها الرسمي موقع تويتر "
    "وزير رئيس المتحدث باسم مسؤول مصدر مصادر وكالة الانباء قناة صحيفة اليوم امس الاحد الاثنين الثلاثاء "
    "الاربعاء الخميس الجمعة السبت مساء صباح"))
_WEEKDAY_NUMBERS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
_PAST_WEEKDAY = re.compile(rf"({_WEEKDAYS})\s+الماضي(?!ه)")
_QUOTE = re.compile(r"[\"«“](.+?)[\"»”]")
_SAID = re.compile(r"\s(?:" + "|".join(sorted(COMPLEMENTIZERS)) + r")\s")  # where reported speech begins


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    noun: str  # the stem the figure counts, or "%"


def figures(text: str) -> tuple[Figure, ...]:
    """The counted figures of ``text`` (years left out): «49.2 في المئة» is (49.2, "%")."""
    normalized = _PERCENT.sub(" % ", normalize(text))
    words = normalized.split()
    out = []
    for k, word in enumerate(words):
        match = _NUMBER.search(word)
        if match is None:
            continue
        value = float(match.group().replace(",", "."))
        if value.is_integer() and _YEARS[0] <= value <= _YEARS[1]:
            continue
        noun = "%" if word.endswith("%") else ""
        for following in words[k + 1:k + 4]:
            if noun:
                break
            bare = following.strip("،,.:;\"'()«»")
            if bare in _SCALE:
                value *= _SCALE[bare]
                continue
            if not bare or _NUMBER.search(bare) or bare in _FILLER:
                continue
            noun = "%" if bare == "%" else light_stem(bare)
            noun = noun[:-1] if len(noun) > 3 and noun.endswith("ا") else noun  # tanwin: شخصا, شخص
        if noun and noun not in _TIME_NOUNS:
            out.append(Figure(value, noun))
    return tuple(out)


def _agree(a: float, b: float) -> bool:
    return abs(a - b) <= FIGURE_TOLERANCE * max(abs(a), abs(b))


class FigureIndex:
    """The earlier sentences' figures, by counted noun and sorted value: a later figure is looked up
    (a binary search for the values within tolerance), never compared with all."""

    def __init__(self, texts: Sequence[str]) -> None:
        by_noun: dict[str, list[float]] = defaultdict(list)
        for text in texts:
            for figure in figures(text):
                by_noun[figure.noun].append(figure.value)
        self._by_noun = {noun: sorted(values) for noun, values in by_noun.items()}

    def holds(self, figure: Figure) -> bool:
        values = self._by_noun.get(figure.noun)
        if not values:
            return False
        # Figures are never negative: the values agreeing with x are those in [0.95 x, x / 0.95],
        # so the first value from 0.95 x on decides.
        k = bisect_left(values, figure.value * (1 - FIGURE_TOLERANCE))
        return k < len(values) and _agree(values[k], figure.value)

    def told_share(self, text: str) -> float:
        """Share of ``text``'s figures an earlier sentence gives (0 when it has none)."""
        own = figures(text)
        if not own:
            return 0.0
        return sum(self.holds(f) for f in own) / len(own)


def looks_back(text: str) -> bool:
    """Whether ``text`` says itself that it restates something past (module docstring)."""
    return _LOOKING_BACK.search(normalize(text)) is not None


def far_past(text: str) -> bool:
    """Whether ``text`` places what it tells months or years back (``_FAR_PAST``)."""
    return _FAR_PAST.search(normalize(text)) is not None


def past_day(text: str, article_date: str | None) -> str | None:
    """The ISO day a «<weekday> الماضي» of ``text`` names, read from its article's date (the last such
    weekday before it), or the latest day a «قبل أيام» / «بعد أسبوع على» can name; or None."""
    normalized = normalize(text)
    match = _PAST_WEEKDAY.search(normalized)
    days = _DAYS_BACK_RE.search(normalized)
    if (match is None and days is None) or not article_date:
        return None
    try:
        day = date.fromisoformat(article_date[:10])
    except ValueError:
        return None
    if match is not None:
        back = (day.weekday() - _WEEKDAY_NUMBERS[match.group(1)]) % 7 or 7
    else:
        assert days is not None  # one of the two matched
        back = _DAYS_IN[days.group(1) or days.group(2)]
    return (day - timedelta(days=back)).isoformat()


def marker_stems(text: str) -> frozenset[str]:
    """The stems of ``text``'s looking-back markers (جاء، الماضي، منذ ...): they say when, not what."""
    normalized = normalize(text)
    found = [m.group() for pattern in (_LOOKING_BACK, _FAR_PAST) if (m := pattern.search(normalized))]
    return frozenset(content_stems(" ".join(found)))


def held_share(weights: Mapping[str, float], earlier_terms: set[str], ignore: frozenset[str] = frozenset()) -> float:
    """Share of a sentence's weight (``ignore``'s terms left out) whose terms the earlier sentences hold
    (anywhere, not in one)."""
    kept = {t: w for t, w in weights.items() if t not in ignore}
    total = sum(kept.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in kept.items() if t in earlier_terms) / total


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: frozenset[str]
    words: frozenset[str]


def quote(text: str) -> Quote | None:
    """The speaker's stems and the quoted words' stems of ``text``, or None when it quotes no one."""
    quoted = " ".join(_QUOTE.findall(text))
    speaker = speaker_stems(text)
    if not quoted or not speaker:
        return None
    words = frozenset(content_stems(quoted))
    return Quote(speaker, words) if len(words) >= 3 else None


def same_quote(a: Quote | None, b: Quote | None) -> bool:
    """The same speaker saying mostly the same words (``a`` the later one)."""
    if a is None or b is None or not (a.speaker & b.speaker) - _NOT_A_NAME:
        return False
    return len(a.words & b.words) >= QUOTE_TOLD * len(a.words)


def claim(text: str) -> Quote | None:
    """Reported speech without quotation marks («وقالت إسرائيل إن مقاتلين إيرانيين أطلقوا الصواريخ»):
    the skeletons of the speaker's stems and of what is said after them, or None."""
    speaker = speaker_stems(text) - _NOT_A_NAME
    if not speaker or _QUOTE.search(text):
        return None
    normalized = normalize(text)
    said = _SAID.split(normalized, maxsplit=1)
    if len(said) < 2:
        return None
    words = frozenset(skeleton(w) for w in content_stems(said[1])) - {skeleton(w) for w in speaker}
    words = frozenset(w for w in words if len(w) >= 2)
    names = frozenset(k for k in (skeleton(w) for w in speaker) if len(k) >= 3)  # «أمني» is no name
    return Quote(names, words) if names and len(words) >= 3 else None


def same_claim(a: Quote | None, b: Quote | None) -> bool:
    """The same named speaker claiming mostly the same thing (``a`` the later one; spellings and
    plurals agree by their skeletons: صواريخ and صاروخ, إيرانيين and إيران); a figure of ``a`` that
    ``b`` does not give makes it a new claim."""
    if a is None or b is None or not a.speaker & b.speaker:
        return False
    if any(any(ch.isdigit() for ch in w) and w not in b.words for w in a.words):  # a new figure
        return False
    matched = sum(any(_same_word(w, v) for v in b.words) for w in a.words)
    return matched >= CLAIM_TOLD * len(a.words)


def _same_word(a: str, b: str) -> bool:
    """Two skeletons of one word: equal, or one the other with a suffix left on (طلق, طلقت)."""
    return a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)))
