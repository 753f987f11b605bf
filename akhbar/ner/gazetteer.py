"""A name gazetteer from WikiFANE Gold's entity list, read as CRF features.

Half the person-name tokens of ANERcorp's test split never occur in its train split, so the
tagger needs to know names from elsewhere. WikiFANE Gold (Alotaibi & Lee, COLING 2014, CC BY-SA
3.0) is Arabic Wikipedia annotated by hand; its 16.5k entity strings, mapped to the tagger's four
classes, mark where a known name starts and continues in a sentence (B/I features, longest match
first, with the proclitic of the first word stripped: بموسكو, للأمم المتحدة), and which words open
or close a known name of each class (a first name, a surname), so an unseen full name made of
known parts is still recognised.

WikiFANE's "Group" class (العرب, الملاويين) is kept apart as ``GRP``: ANERcorp never tags such
words, and a feature that says so helps the tagger leave them out.
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from akhbar.text.normalize import normalize

GAZETTEER_FILE = "gazetteer.tsv.gz"
# WikiFANE coarse (ACE) class -> tagger class; fine classes override (Group is not a person).
_COARSE_MAP = {"PER": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG",
               "FAC": "MISC", "VEH": "MISC", "WEA": "MISC", "PRO": "MISC"}
_FINE_MAP = {"Group": "GRP"}
# Longer entries are titles of books and films; names in news are rarely longer.
MAX_ENTRY_TOKENS = 6
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\ufeff"), None)
# Proclitics stripped from the first word before a lookup, longest first; the value is what
# replaces them (لل in للأمم is ل + ال, so the article comes back).
_FIRST_WORD_CLITICS = (("وبال", "ال"), ("وال", "ال"), ("بال", "ال"), ("فال", "ال"), ("كال", "ال"),
                       ("لل", "ال"), ("وب", ""), ("ول", ""), ("و", ""), ("ب", ""), ("ل", ""), ("ف", ""))
_MIN_STRIPPED = 2


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """``entries``: normalized token tuple -> class; ``first``/``last``: word -> classes of the
    known names it opens / closes."""

    entries: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    first: Mapping[str, frozenset[str]] = field(default_factory=dict)
    last: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # word -> the most tokens of a known name it opens: most words open none, and are passed at once
    longest: Mapping[str, int] = field(default_factory=dict)


def entry_tokens(text: str) -> tuple[str, ...]:
    """Match-normalized tokens of a name, without direction marks."""
    return tuple(normalize(text.translate(_INVISIBLE), "match").split())


def wikifane_rows(lines: Iterable[str]) -> dict[tuple[str, ...], str]:
    """Entity -> tagger class from ``wikifane_gold_entities.tsv`` (entity, coarse, fine, count).

    An entity listed under several classes takes the one with the most mentions.
    """
    votes: dict[tuple[str, ...], Counter[str]] = {}
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        if len(row) < 4 or row[0] == "entity" or not row[3].isdigit():
            continue
        label = _FINE_MAP.get(row[2], _COARSE_MAP.get(row[1]))
        tokens = entry_tokens(row[0])
        if label is None or not tokens or len(tokens) > MAX_ENTRY_TOKENS:
            continue
        votes.setdefault(tokens, Counter())[label] += int(row[3])
    return {tokens: counts.most_common(1)[0][0] for tokens, counts in votes.items()}


def format_gazetteer(entries: Mapping[tuple[str, ...], str]) -> Iterable[str]:
    for tokens in sorted(entries):
        yield f"{' '.join(tokens)}\t{entries[tokens]}\n"


def parse_gazetteer(lines: Iterable[str]) -> Gazetteer:
    entries: dict[tuple[str, ...], str] = {}
    for line in lines:
        text, _, label = line.rstrip("\n").partition("\t")
        tokens = tuple(text.split())
        if tokens and label:
            entries[tokens] = label
    return make_gazetteer(entries)


def make_gazetteer(entries: Mapping[tuple[str, ...], str]) -> Gazetteer:
    first: dict[str, set[str]] = {}
    last: dict[str, set[str]] = {}
    for tokens, label in entries.items():
        if len(tokens) > 1:
            first.setdefault(tokens[0], set()).add(label)
            last.setdefault(tokens[-1], set()).add(label)
    longest: dict[str, int] = {}
    for tokens in entries:
        longest[tokens[0]] = max(longest.get(tokens[0], 0), len(tokens))
    return Gazetteer(
        dict(entries),
        {w: frozenset(c) for w, c in first.items()},
        {w: frozenset(c) for w, c in last.items()},
        longest,
    )


def load_gazetteer(path: Path) -> Gazetteer:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return parse_gazetteer(handle)


def first_word_forms(core: str) -> list[str]:
    """The word itself, then its clitic-stripped forms (للامم -> الامم, بموسكو -> موسكو)."""
    return list(_first_word_forms(core))


@lru_cache(maxsize=200_000)
def _first_word_forms(core: str) -> tuple[str, ...]:
    forms = [core]
    for clitic, replacement in _FIRST_WORD_CLITICS:
        if core.startswith(clitic) and len(core) - len(clitic) >= _MIN_STRIPPED:
            forms.append(replacement + core[len(clitic):])
    return tuple(forms)


def match_tags(cores: Sequence[str], gazetteer: Gazetteer) -> list[str]:
    """``B-PER``/``I-PER``/... for words inside the longest known name starting at each word, else "".

    Greedy left to right, at most ``MAX_ENTRY_TOKENS`` lookups per word: linear in the sentence.
    """
    tags = [""] * len(cores)
    if not gazetteer.entries:
        return tags
    i = 0
    while i < len(cores):
        length, label = _longest_at(cores, i, gazetteer)
        if length:
            tags[i] = f"B-{label}"
            for j in range(i + 1, i + length):
                tags[j] = f"I-{label}"
            i += length
        else:
            i += 1
    return tags


def _longest_at(cores: Sequence[str], i: int, gazetteer: Gazetteer) -> tuple[int, str]:
    forms = [(form, gazetteer.longest[form]) for form in _first_word_forms(cores[i]) if form in gazetteer.longest]
    if not forms:
        return 0, ""
    rest = tuple(cores[i + 1:i + max(most for _, most in forms)])
    for length in range(len(rest) + 1, 0, -1):
        tail = rest[:length - 1]
        for form, most in forms:
            label = gazetteer.entries.get((form, *tail)) if length <= most else None
            if label is not None:
                return length, label
    return 0, ""


def word_classes(core: str, gazetteer: Gazetteer) -> list[str]:
    """``gf=PER`` / ``gl=LOC``: the word (or its clitic-stripped form) opens / closes a known name."""
    feats: set[str] = set()
    for form in _first_word_forms(core):
        feats.update(f"gf={c}" for c in gazetteer.first.get(form, ()))
        feats.update(f"gl={c}" for c in gazetteer.last.get(form, ()))
    return sorted(feats)


# WikiFANE's fine classes -> coarse (ACE) class, as SOURCE.md of the data folder lists them.
FINE_TO_COARSE = {
    **dict.fromkeys(("Politician", "Athlete", "Artist", "Scientist", "Religious_PER", "Businessperson", "Police",
                     "Engineer", "Lawyer", "Group", "Other_PER"), "PER"),
    **dict.fromkeys(("Government", "Non-Governmental", "Commercial", "Educational", "Media", "Sports",
                     "Religious_ORG", "Medical-Science", "Entertainment"), "ORG"),
    **dict.fromkeys(("Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster",
                     "Continent"), "GPE"),
    **dict.fromkeys(("Water-Body", "Land-Region-Natural", "Celestial"), "LOC"),
    **dict.fromkeys(("Building-Grounds", "Path", "Airport", "Subarea-Facility", "Plant"), "FAC"),
    **dict.fromkeys(("Air", "Water", "Land"), "VEH"),
    **dict.fromkeys(("Projectile", "Shooting", "Nuclear", "Blunt", "Exploding", "Chemical", "Sharp"), "WEA"),
    **dict.fromkeys(("Software", "Book", "Movie", "Hardware", "Food", "Sound", "Drug"), "PRO"),
}


def tagger_class(fine: str) -> str | None:
    """A WikiFANE fine class as one of the tagger's classes (``GRP`` for groups of people)."""
    return _FINE_MAP.get(fine) or _COARSE_MAP.get(FINE_TO_COARSE.get(fine, ""))


def wikifane_tag(tag: str) -> str:
    """``B-Politician`` -> ``B-PER``; groups (not names in ANERcorp) and unknown classes -> ``O``."""
    prefix, _, fine = tag.partition("-")
    label = tagger_class(fine) if prefix in ("B", "I") else None
    return "O" if label in (None, "GRP") else f"{prefix}-{label}"
