"""Aliases of one entity that spelling alone does not join: a country's long form and its short form,
and a person's bare first name.

- A long form made of a territory head (المملكة, الجمهورية, الولايات, هضبة ...), adjectives and one
  place word is that place: المملكة العربية السعودية = السعودية, هضبة الجولان = الجولان, الجمهورية
  العربية السورية = سوريا (السورية is the adjective of سوريا), الولايات المتحدة الأمريكية = أمريكا,
  and so = الولايات المتحدة, which the long form already joined (:func:`akhbar.facts.entities`'s long
  forms). Mountains, rivers and valleys are not heads: جبل لبنان is not لبنان.
- A lone first name (إيمانويل) is the one person of the story whose fuller name opens with it, unless
  it is also a family name there or two people share it (then it stays apart).

Groups are keyed by the merge key of :func:`akhbar.facts.entities.name_key` (words match-normalized,
ال dropped, a final ة/ى/ي folded to ا). Candidates come from indexes keyed by a word, never from all
pairs; the components are joined with a union-find, so a chain (long form = short form = أمريكا) ends
as one row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from akhbar.ner.gazetteer import first_word_forms
from akhbar.ner.names import match_form

T = TypeVar("T")
Key = tuple[str, ...]

# Heads of a territory's long form, as merge keys (ال dropped, final ة -> ا). Closed class.
_TERRITORY_HEADS = frozenset((
    "مملكا", "جمهوريا", "دولا", "ولايات", "امارا", "سلطنا", "هضبا", "مرتفعات", "اقليم", "ولايا", "محافظا",
    "مدينا", "قطاع", "جزيرا", "امارات",
))
# A lone first name that opens more fuller names than this is no evidence of one person.
_MAX_BLOCK = 50


def _adjective(word: str) -> bool:
    """A relative adjective or participle as a long form's word (عربيا, متحدا, هاشميا, اسلاميا)."""
    return len(word) > 3 and word.endswith("ا")


def _place_of(word: str, singles: dict[str, Key]) -> Key | None:
    """The one-word place a long form's word names: itself (السعودية) or as the adjective of it
    (الأمريكية -> أمريكا, الإيرانية -> إيران, المصرية -> مصر)."""
    if word in singles:
        return singles[word]
    if word.endswith("يا") and len(word) > 4:
        stem = word[:-2]
        for base in (stem, stem + "ا"):
            if base in singles:
                return singles[base]
    return None


def _long_form_target(key: Key, singles: dict[str, Key]) -> Key | None:
    """The single place ``key`` is the long form of, if it is head + adjectives + that place."""
    if len(key) < 2 or key[0] not in _TERRITORY_HEADS:
        return None
    places = {p for w in key[1:] if (p := _place_of(w, singles)) is not None}
    if len(places) != 1:
        return None
    target = next(iter(places))
    rest = [w for w in key[1:] if _place_of(w, singles) != target]
    return target if all(_adjective(w) for w in rest) else None


def merge_long_forms(groups: dict[Key, list[T]], label: Callable[[Sequence[T]], str]) -> None:
    """A place's or organisation's long form folds into its short form when the short form opens it and
    the rest are adjectives (الولايات المتحدة الأمريكية -> الولايات المتحدة, مجلس الأمن الدولي -> مجلس
    الأمن, الإمارات العربية المتحدة -> الإمارات). Blocked by the first word, never all pairs."""
    by_first: dict[str, list[Key]] = defaultdict(list)
    for key, items in groups.items():
        if label(items) in ("LOC", "ORG"):
            by_first[key[0]].append(key)
    for block in by_first.values():
        if len(block) < 2 or len(block) > _MAX_BLOCK:
            continue
        for key in sorted(block, key=len, reverse=True):
            short = next((k for k in sorted(block, key=len) if len(k) < len(key) and k in groups and key in groups
                          and key[:len(k)] == k and all(_tail_adjective(w) for w in key[len(k):])), None)
            if short is not None:
                groups[short].extend(groups.pop(key))


def _tail_adjective(word: str) -> bool:
    """A relative adjective as a name's tail (الأمريكية, الدولي, العربية, المتحدة): ending in ي/ية/ة."""
    return word.endswith(("ي", "يه", "يا", "ه", "ا")) and len(word) > 2


def known_name(text: str, known: Mapping[tuple[str, ...], str]) -> bool:
    """``text`` (its first word with or without a proclitic: بموسكو) is a name of the gazetteer."""
    forms = [match_form(w) for w in text.split()]
    return bool(forms) and any((first, *forms[1:]) in known for first in first_word_forms(forms[0]))


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}

    def find(self, key: Key) -> Key:
        root = key
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while key != root:  # path compression keeps later finds short
            self.parent[key], key = root, self.parent.get(key, key)
        return root

    def join(self, a: Key, b: Key) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def merge_place_aliases(
    groups: dict[Key, list[T]], label: Callable[[Sequence[T]], str], keys_of: Callable[[Sequence[T]], Iterable[Key]],
) -> None:
    """Join (in place) each place group with the groups of its long forms. ``keys_of`` gives the
    merge keys of a group's mentions (a group may already hold a long form joined to a short one)."""
    kinds = {key: label(items) for key, items in groups.items()}
    singles: dict[str, Key] = {key[0]: key for key, kind in kinds.items() if len(key) == 1 and kind == "LOC"}
    if not singles:
        return
    union = _Union()
    for key, items in groups.items():
        if kinds[key] not in ("LOC", "ORG"):
            continue
        for form in set(keys_of(items)):
            target = _long_form_target(form, singles)
            if target is not None and target != key:
                union.join(key, target)
    _apply(groups, union)


def merge_first_names(groups: dict[Key, list[T]], label: Callable[[Sequence[T]], str]) -> set[Key]:
    """Join (in place) a lone first name into the one fuller name of the story that opens with it
    (إيمانويل -> إيمانويل ماكرون). A word that is also a family name there (جعجع) or opens two fuller
    names the story uses (two people named حسن) stays apart, and so does one whose fuller name is rarer
    than itself: those are returned (a reader cannot tell whose name the row is)."""
    people = [key for key, items in groups.items() if label(items) == "PER"]
    by_first: dict[str, list[Key]] = defaultdict(list)
    family = set()
    for key in people:
        if len(key) > 1:
            by_first[key[0]].append(key)
            family.add(key[-1])
    union = _Union()
    unresolved: set[Key] = set()
    for key in people:
        if len(key) != 1 or key[0] in family:
            continue
        fuller = by_first.get(key[0], [])
        if not fuller or len(fuller) > _MAX_BLOCK:
            continue
        top = max(len(groups[k]) for k in fuller)
        likely = [k for k in fuller if len(groups[k]) * 5 >= top]  # a tagging slip is not a second person
        # A fuller name seen less often than the bare one is more likely a word glued on (ماريا دوما,
        # Maria "always") than the person's name.
        if len(likely) == 1 and len(groups[likely[0]]) >= max(2, len(groups[key])):
            union.join(key, likely[0])
        else:
            unresolved.add(key)
    _apply(groups, union)
    return unresolved


def _apply(groups: dict[Key, list[T]], union: _Union) -> None:
    """Move each component's mentions into its largest group (the first key of the largest on a tie)."""
    components: dict[Key, list[Key]] = defaultdict(list)
    for key in list(groups):
        components[union.find(key)].append(key)
    for members in components.values():
        if len(members) < 2:
            continue
        keeper = max(members, key=lambda k: (len(groups[k]), -members.index(k)))
        for key in members:
            if key != keeper:
                groups[keeper].extend(groups.pop(key))


def lone_particle_name(words: Sequence[str]) -> bool:
    """A name cut before its end (لويجي دي, سكاي تي, بارك دي) or made of letters' names only (بي سي):
    its last word is a particle that opens a name's next part, or every word has two letters."""
    forms = [match_form(w) for w in words]
    if not forms:
        return False
    if all(len(f) <= 2 for f in forms):
        return True
    return len(forms) > 1 and (forms[-1] in _OPENING_PARTICLES or forms[-1] in _LETTERS)


# Words that open the next part of a name and never end one (ابو, عبد, بن, دي, سان, فان, لوس).
_OPENING_PARTICLES = frozenset(match_form(w) for w in (
    "أبو", "ابو", "عبد", "بن", "بنت", "آل", "دي", "دا", "ديل", "دو", "فان", "فون", "سان", "سانت", "لوس", "لاس",
    "إل", "لا", "لو", "ذا", "ذي",
))
# Latin letters' names, which end an abbreviation cut before its number (سكاي تي جي | 24) or its rest.
_LETTERS = frozenset(match_form(w) for w in (
    "إيه", "بي", "سي", "دي", "إي", "إف", "جي", "إتش", "آي", "جيه", "كيه", "كي", "إل", "إم", "إن", "أو", "آر",
    "إس", "تي", "يو", "في", "إكس", "زد",
))
