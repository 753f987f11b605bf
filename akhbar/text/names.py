"""Single-word names the light stemmer must leave whole (لندن is not ل + ندن, ايران is not اير + ان).

Read once from the NER resources already shipped (``akhbar/resources/ner``, see their notice):
- one-word PER/LOC/ORG names of the WikiFANE Gold gazetteer;
- words the shipped NER model tagged as a name in most of their ANT occurrences (``wordstats``).

A word that the tagger mostly saw as something else (``امل`` hope, ``والي`` = و + الى) is left out,
and so are names opening with ال: the stemmer strips that article from every spelling of the name
alike, so those names already match each other.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

_NAME_TYPES = ("PER", "LOC", "ORG")
_MIN_LETTERS = 3  # a three-letter name is whole once a clitic is off (لمصر)
_MIN_SEEN = 5  # occurrences before the tagger's majority is trusted
_NAME_SHARE = 0.6  # share of occurrences tagged as a name for a word to count as one


def ner_resource_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a shipped NER resource (`akhbar/resources/ner/NAME`, gzip)."""
    data = resources.files("akhbar.resources").joinpath("ner", name).read_bytes()
    return [line.split("\t") for line in gzip.decompress(data).decode("utf-8").splitlines()]


# An article, alone or after clitics: والصين is و + ال + صين, a spelling the stemmer already folds.
_ARTICLE = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "وكال", "فبال")


def _eligible(word: str) -> bool:
    # A final ه (ة) is stripped from every spelling alike, and منظمه or جامعه head names as often
    # as they are plain words: such words are left to the stemmer.
    return (len(word) >= _MIN_LETTERS and word.isalpha() and not word.isascii()
            and not word.startswith(_ARTICLE) and not word.endswith("ه"))


@cache
def known_names() -> frozenset[str]:
    """The protected names, in ``match`` normalization."""
    tagged: dict[str, tuple[int, int]] = {}
    for row in ner_resource_rows("wordstats.tsv.gz")[1:]:
        if len(row) >= 5 and row[1].isdigit():
            tagged[row[0]] = (int(row[1]), sum(int(n) for n in row[2:5] if n.isdigit()))
    names = set()
    for row in ner_resource_rows("gazetteer.tsv.gz"):
        if len(row) == 2 and row[1] in _NAME_TYPES and " " not in row[0] and _eligible(row[0]):
            seen, as_name = tagged.get(row[0], (0, 0))
            if seen < _MIN_SEEN or as_name >= seen / 2:
                names.add(row[0])
    names.update(w for w, (seen, as_name) in tagged.items()
                 if _eligible(w) and seen >= _MIN_SEEN and as_name >= _NAME_SHARE * seen)
    # Both lists hold clitic spellings too (ولندن, بلندن, لاسراييل): a clitic before a name or before a
    # word common enough to have been counted is not a name of its own.
    counted = names | {w for w, (seen, _) in tagged.items() if seen >= _MIN_SEEN}
    return frozenset(w for w in names if not _after_clitic(w, counted))


def _after_clitic(word: str, words: set[str]) -> bool:
    return (word[0] in "وفبكل" and word[1:] in words) or (
        word[0] in "وف" and word[1] in "بلك" and word[2:] in words)
