"""A light Arabic stemmer for matching: strips clitics and inflectional affixes, never to roots.

Root extraction (ISRI, tashaphyne's get_root) conflates words of unrelated meaning (مكتب, كاتب,
مكتوب), which hurts sentence matching; light stemming in the style of Larkey et al.'s light10
keeps meaning while folding و/ف/ب/ك/ل + ال and plural, dual and pronoun suffixes. A lone و or ف
is left alone: too many words begin with one as a root letter (وزير، وكالة، فرنسا، فصائل). Input is
expected in ``match`` normalization (so ة is already ه and أ/إ/آ are ا).
"""

from __future__ import annotations

from functools import lru_cache

# Longest first: the first that leaves enough of the word wins.
_PREFIXES = ("وبال", "وكال", "فبال", "فال", "وال", "بال", "كال", "لل", "ال", "وس", "ول", "وب", "فل", "فب")
_SUFFIXES = ("تهما", "كما", "هما", "تها", "تهم", "ات", "ان", "ون", "ين", "يه", "ها", "هم", "كم", "نا",
             "وا", "ته", "ه", "ي")
_MIN_STEM = 3


@lru_cache(maxsize=200_000)
def light_stem(word: str) -> str:
    """Stem one ``match``-normalized word; numbers and short words are returned unchanged."""
    if len(word) <= _MIN_STEM or not word[0].isalpha() or word.isascii():
        return word
    stem = word
    for prefix in _PREFIXES:
        if stem.startswith(prefix) and len(stem) - len(prefix) >= _MIN_STEM - 1 + (len(prefix) < 3):
            stem = stem[len(prefix):]
            break
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= _MIN_STEM - (len(suffix) == 1) + 0:
            stem = stem[: -len(suffix)]
            break
    return stem


def stem_tokens(tokens: list[str]) -> list[str]:
    return [light_stem(t) for t in tokens]
