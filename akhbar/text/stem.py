"""A light Arabic stemmer for matching: strips clitics and inflectional affixes, never to roots.

Root extraction (ISRI, tashaphyne's get_root) conflates words of unrelated meaning (مكتب, كاتب,
مكتوب), which hurts sentence matching. This stemmer, in the style of Larkey et al.'s light10,
strips one proclitic group (و/ف/ب/ك/ل + ال, or a lone و/ف/ب/ك/ل), the imperfect prefix ي,
and one plural, dual, feminine or pronoun suffix. `benchmarks/compare_stemmers.py` measures it
against Snowball, tashaphyne and ISRI on the lemmas of UD Arabic-PUD: it keeps the highest
precision of the light stemmers at an F1 close to tashaphyne's, and is about ten times faster.
Input is expected in ``match`` normalization (so ة is already ه and أ/إ/آ are ا).
"""

from __future__ import annotations

from functools import lru_cache

# Longest first: the first that leaves enough of the word wins.
_PREFIXES = ("وبال", "وكال", "فبال", "فال", "وال", "بال", "كال", "لل", "ال")
_PROCLITICS = "وفبكل"
_IMPERFECT = "ي"
_SUFFIXES = ("تهما", "كما", "هما", "تها", "تهم", "ات", "ان", "ون", "ين", "يه", "ها", "هم", "كم", "نا",
             "وا", "ته", "ه", "ي")
_MIN_STEM = 3


@lru_cache(maxsize=200_000)
def light_stem(word: str) -> str:
    """Stem one ``match``-normalized word; numbers and short words are returned unchanged."""
    if len(word) <= _MIN_STEM or not word[0].isalpha() or word.isascii():
        return word
    stem = _strip_prefix(word)
    if len(stem) > _MIN_STEM and stem[0] == _IMPERFECT:
        stem = stem[1:]
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= _MIN_STEM - (len(suffix) == 1):
            return stem[: -len(suffix)]
    return stem


def _strip_prefix(word: str) -> str:
    for prefix in _PREFIXES:
        # ال leaves at least two letters (الام -> ام); longer groups leave three.
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM - 1 + (len(prefix) < 3):
            return word[len(prefix):]
    if word[0] in _PROCLITICS and len(word) - 1 >= _MIN_STEM and not word.startswith("ال"):
        return word[1:]
    return word

