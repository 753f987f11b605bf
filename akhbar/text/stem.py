"""A light Arabic stemmer for matching: strips clitics and inflectional affixes, never to roots.

Root extraction (ISRI, tashaphyne's get_root) conflates words of unrelated meaning (مكتب, كاتب,
مكتوب), which hurts sentence matching. This stemmer, in the style of Larkey et al.'s light10,
strips one proclitic group (و/ف/ب/ك/ل + ال, or a lone و/ف/ب/ك/ل), the imperfect prefix ي,
and one plural, dual, feminine or pronoun suffix. `benchmarks/compare_stemmers.py` measures it
against Snowball, tashaphyne and ISRI on the lemmas of UD Arabic-PUD: it keeps the highest
precision of the light stemmers at an F1 close to tashaphyne's, and is about ten times faster.
Input is expected in ``match`` normalization (so ة is already ه and أ/إ/آ are ا).

Names survive: a word that is a known name (:func:`akhbar.text.names.known_names`), once its
proclitics are off, is returned as that name. Otherwise لندن would lose its ل (ندن) and ايران its
ان, meeting اير (Air).
"""

from __future__ import annotations

from functools import lru_cache

from akhbar.text.names import known_names

# Longest first: the first that leaves enough of the word wins.
_PREFIXES = ("وبال", "وكال", "فبال", "فال", "وال", "بال", "كال", "لل", "ال")
_PROCLITICS = "وفبكل"
_NAME_CLITICS = "وفبل"
_IMPERFECT = "ي"
_SUFFIXES = ("تهما", "كما", "هما", "تها", "تهم", "ات", "ان", "ون", "ين", "يه", "ها", "هم", "كم", "نا",
             "وا", "ته", "ه", "ي")
_MIN_STEM = 3


@lru_cache(maxsize=200_000)
def light_stem(word: str) -> str:
    """Stem one ``match``-normalized word; numbers and short words are returned unchanged."""
    if len(word) <= _MIN_STEM or not word[0].isalpha() or word.isascii():
        return word
    name = _as_name(word)
    if name is not None:
        return name
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



def _as_name(word: str) -> str | None:
    """The known name ``word`` is, whole, else after its proclitics (ولندن -> لندن, وبلندن -> لندن)."""
    names = known_names()
    if word in names:
        return word
    # A conjunction (و/ف), then a preposition (ب/ل): وبلندن. Not ك ("like"), which rarely comes
    # before a name and often opens a word (كبري is not ك + بري).
    for cut in (1, 2):
        rest, clitics = word[cut:], word[:cut]
        if len(rest) >= 3 and rest in names and (
                clitics in _NAME_CLITICS if cut == 1 else clitics[0] in "وف" and clitics[1] in "بل"):
            return rest
    return None
