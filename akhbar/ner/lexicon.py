"""Gazetteers mined from unlabelled news by cue words, used as NER features.

News introduces people, places and organisations with fixed cues: a title before a name
(الرئيس, وزير الخارجية الروسي, المتحدث باسم), a place noun before a place (مدينة, محافظة, ريف),
an organisation noun before its name (حزب, حركة, وكالة). Counting, over many articles, how
often a word sits in such a slot relative to how often it occurs at all gives a graded class
lexicon that covers names the labelled data never saw. Only the counts are derived from the
articles; no article text is kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from akhbar.text.normalize import normalize


def _cues(words: str) -> frozenset[str]:
    """Cue words in ``match`` normalization (ئ -> ي, ة -> ه), as the tokens they are compared to."""
    return frozenset(normalize(word) for word in words.split())


PERSON_CUES = _cues(
    "الرئيس السيد السيده الشيخ الامير الاميره الملك الملكه الدكتور الدكتوره النائب الفنان الفنانه "
    "اللاعب اللاعبه المدرب الكاتب الكاتبه الممثل الممثله المطرب المطربه النجم النجمه الجنرال العقيد "
    "اللواء العميد الوزير الوزيره الاعلامي الاعلاميه الصحفي الصحفيه المستشار المستشاره البابا "
    "المخرج المخرجه الشاعر الشاعره المغني المغنيه الزعيم القائد المرشح المرشحه السفير السفيره "
    "الامام الحاخام المهاجم المدافع الحارس الروائي الداعيه المفكر الناشط الناشطه السلطان الاستاذ "
    "رئيس وزير وزيره زعيم مستشار سفير نائب المتحدث المتحدثه الناطق الناطقه"
)
# Words allowed between a cue and the name: ministries and nisba adjectives (وزير الخارجية الروسي).
_MAX_BRIDGE = 3
LOCATION_CUES = _cues(
    "مدينه محافظه ريف بلده قريه ولايه عاصمه العاصمه اقليم مقاطعه جزيره جزر بحيره نهر جبل مخيم "
    "حي ميناء مطار صحراء منطقه شمال جنوب شرق غرب وسط"
)
ORGANIZATION_CUES = _cues(
    "حزب حركه جماعه شركه منظمه جامعه وكاله صحيفه قناه بنك مصرف نادي فريق مجموعه هيئه اتحاد تنظيم "
    "جبهه ميليشيا مليشيا مؤسسه مجلس معهد مركز ائتلاف تحالف لجنه"
)
_CUE_CLASSES = (("PER", PERSON_CUES), ("LOC", LOCATION_CUES), ("ORG", ORGANIZATION_CUES))


@dataclass(frozen=True, slots=True)
class LexiconConfig:
    min_count: int = 3  # slot occurrences needed before a word is listed
    strong_ratio: float = 0.25  # share of all occurrences in the slot for the "2" grade
    weak_ratio: float = 0.04


def _is_bridge(token: str) -> bool:
    """A definite word between title and name: الخارجيه, الروسي, الامريكيه, الاعلى."""
    return token.startswith("ال") and len(token) > 3


def slot_words(tokens: Sequence[str]) -> Iterable[tuple[str, str]]:
    """(class, word) for each word that fills a cue's slot in one match-normalized line."""
    n = len(tokens)
    for i, token in enumerate(tokens):
        for label, cues in _CUE_CLASSES:
            if token not in cues:
                continue
            j = i + 1
            if label == "PER":
                bridged = 0
                while j < n and bridged < _MAX_BRIDGE and _is_bridge(tokens[j]) and tokens[j] not in cues:
                    j += 1
                    bridged += 1
                # A person's first and second name both fill the slot.
                for k in range(j, min(j + 2, n)):
                    if tokens[k].startswith("ال") or not tokens[k].isalpha():
                        break
                    yield label, tokens[k]
            elif j < n and tokens[j].isalpha():
                yield label, tokens[j]


def build_lexicon(
    lines: Iterable[Sequence[str]], config: LexiconConfig = LexiconConfig()
) -> dict[str, tuple[str, ...]]:
    """Word -> graded classes such as ``("PER2", "LOC1")``, from match-normalized token lines."""
    totals: Counter[str] = Counter()
    slots: Counter[tuple[str, str]] = Counter()
    for tokens in lines:
        totals.update(tokens)
        slots.update(slot_words(tokens))
    lexicon: dict[str, list[str]] = {}
    for (label, word), count in slots.items():
        if count < config.min_count:
            continue
        ratio = count / totals[word]
        if ratio >= config.strong_ratio:
            lexicon.setdefault(word, []).append(f"{label}2")
        elif ratio >= config.weak_ratio:
            lexicon.setdefault(word, []).append(f"{label}1")
    return {word: tuple(sorted(classes)) for word, classes in lexicon.items()}


def format_lexicon(lexicon: dict[str, tuple[str, ...]]) -> Iterable[str]:
    for word in sorted(lexicon):
        yield f"{word}\t{','.join(lexicon[word])}\n"


def parse_lexicon(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = {}
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        if len(fields) >= 2:
            result[fields[0]] = tuple(fields[1].split(","))
    return result
