"""What a sentence says about who tells or does its fact, read for :mod:`akhbar.summarize.samefact`:
the speaker (the words after an early reporting verb), the actor (the subject of a sentence that
opens on a verb, as consonant skeletons), its figures, and whether it is a question. Each is a
cheap reading of the words, no parser: it is read only for the candidate pairs that already share
enough of the story's rare words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from akhbar.align import content_stems, stopwords
from akhbar.resources import resource_set
from akhbar.text.normalize import normalize

_VERB_WINDOW = 4  # a reporting verb this early opens the sentence's attribution
_SPEAKER_WORDS = 10
_APPOSITION_AFTER = 4  # a title of this many words or fewer may be followed by the name it titles
COMPLEMENTIZERS = frozenset({"ان", "بان", "انه", "انها", "انهم", "بانه", "بانها"})  # where reported speech begins
FIGURE_TOLERANCE = 0.05  # rounded figures agree (49 and 49.2)
_ACTOR_WORDS = 3
_NOT_ACTOR = frozenset({
    "في", "من", "علي", "الي", "عن", "مع", "بعد", "قبل", "عقب", "منذ", "خلال", "حول", "بشان", "امام", "لدي",
    "عبر", "ضد", "حتي", "وسط", "رغم", "بين", "حيث", "اذ", "كما", "الذي", "التي",
    "اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "مساء", "صباح",
    "ليل", "فجر", "الليله", "الماضي", "الماضيه",
})
_PREPOSITIONS = frozenset({
    "في", "من", "علي", "الي", "عن", "مع", "خلال", "حول", "بشان", "امام", "لدي", "عبر", "ضد", "وسط", "رغم", "بين",
})
_PUNCT = "،,:.\"'()«»–-"


def speaker_stems(text: str, *, apposition: bool = False) -> frozenset[str]:
    """Stems of who speaks: the words after an early reporting verb, up to «إن/أن», a colon or a
    quote (`قال زكريا ملاحفجي المسؤول ... إن` gives زكريا, ملاحفج, ...); empty when none is named.

    With ``apposition``, a short title closed by a comma goes on to the name set off after it, up to
    the next comma («أعلن وزير البترول المصري، طارق الملا، تحريك ...» names الملا, whom «وأضاف الملا»
    names too); without it, the phrase ends at the first comma."""
    words = normalize(text).split()
    verbs = resource_set("reporting_verbs.txt")
    for k, word in enumerate(words[:_VERB_WINDOW]):
        bare = word.strip("،,:.")
        if bare not in verbs and not (bare[:1] in "وف" and bare[1:] in verbs):
            continue
        if word.endswith(":"):
            return frozenset()
        phrase: list[str] = []
        commas = 0
        for following in words[k + 1:k + 1 + _SPEAKER_WORDS]:
            clean = following.strip("،,.\"'")
            if clean in COMPLEMENTIZERS or following.startswith(("\"", "'")):
                break
            phrase.append(clean)
            if following.endswith(":"):
                break
            if following.endswith(("،", ",")):
                commas += 1
                if not apposition or commas >= 2 or len(phrase) > _APPOSITION_AFTER:
                    break
        return frozenset(content_stems(" ".join(phrase)))
    return frozenset()


def figures_of(stems: Sequence[str]) -> frozenset[str]:
    return frozenset(t for t in stems if any(ch.isdigit() for ch in t))


def figures_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of figures share one, a rounded value counting as the same («تجاوزت 49 في
    المئة» and «بلغت 49.2 في المئة»): within ``FIGURE_TOLERANCE`` of the larger."""
    if a & b:
        return True
    values_a, values_b = _values(a), _values(b)
    return any(abs(x - y) <= FIGURE_TOLERANCE * max(abs(x), abs(y)) for x in values_a for y in values_b)


def _values(figures: frozenset[str]) -> list[float]:
    out = []
    for figure in figures:
        try:
            out.append(float(figure.replace(",", ".")))
        except ValueError:
            continue
    return out


def skeleton(word: str) -> str:
    """A word without its article and long vowels: الأمريكي and الأميركي, موغريني and موغيريني agree."""
    word = word[2:] if word.startswith("ال") and len(word) > 4 else word
    return re.sub("[اويه]", "", word)


def actor_skeletons(text: str) -> frozenset[str]:
    """The subject of a sentence that opens on a verb: up to three words after it, before a
    preposition or a comma (`أعلن الرئيس الأمريكي ...`, `وحثت بريطانيا وألمانيا وفرنسا ...`); a
    dateline (`دبي، ... (CNN) –`) is skipped. Empty when the sentence opens on a noun or an adverbial."""
    words = [w.strip(_PUNCT) for w in normalize(text).split()]
    words = [w for w in words if w]
    dateline = next((k for k, w in enumerate(words[:8]) if "cnn" in w.lower()), None)
    if dateline is not None:
        words = words[dateline + 1:]
    if not words:
        return frozenset()
    first = words[0]
    bare = first[1:] if first[:1] in "وف" and len(first) > 3 else first
    if first.startswith("ال") or {first, bare} & (_NOT_ACTOR | stopwords()):
        return frozenset()
    out: list[str] = []
    for word in words[1:6]:
        if word in _NOT_ACTOR or word in stopwords():
            if out:
                break
            if word in _PREPOSITIONS:
                # «وانهار أمس الثلاثاء خلال أمطار غزيرة»: a preposition before any subject word
                # opens a complement; the subject is the verb's own (not stated), not what follows
                return frozenset()
            continue
        out.append(skeleton(word))
        if len(out) >= _ACTOR_WORDS:
            break
    return frozenset(w for w in out if len(w) >= 2)


class Reading(Protocol):
    """What a pair reading needs of a sentence (a :class:`akhbar.summarize.samefact.Told`)."""

    @property
    def speaker(self) -> frozenset[str]: ...
    @property
    def speaker_skeletons(self) -> frozenset[str]: ...
    @property
    def figures(self) -> frozenset[str]: ...
    @property
    def actor(self) -> frozenset[str]: ...
    @property
    def question(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class PairFlags:
    """What the speakers, actors, figures and questions of two sentences say about the pair: read
    once, by :func:`pair_flags`, for the rule's anchors and vetoes and the model's features alike."""

    speaker: bool = False  # the two speakers share a word
    actor: bool = False  # the two actors share a skeleton
    speaker_actor: bool = False  # the speaker of one is the actor of the other
    figures: bool = False  # both hold figures, and one agrees
    speaker_conflict: bool = False  # both name a speaker, and they share no word
    actor_conflict: bool = False  # both name an actor, and they share no skeleton
    figures_conflict: bool = False  # both hold figures, and none agrees (53 dead and 25 dead)
    question: bool = False  # either is a question

    @property
    def anchored(self) -> bool:
        """A word of the speakers, a skeleton of the actors, the speaker of one as the actor of the
        other («قال الرئيس الأمريكي ...» / «أعلن الرئيس الأميركي ...»), or a figure that agrees."""
        return self.speaker or self.actor or self.speaker_actor or self.figures

    @property
    def two_facts(self) -> bool:
        """The speakers, the actors or the figures say two facts."""
        return self.speaker_conflict or self.actor_conflict or self.figures_conflict

    @property
    def readable(self) -> bool:
        """Whether the learned path may link the pair at all: never two figures that disagree (the
        documented criterion, kept as a veto), never a question."""
        return not (self.question or self.figures_conflict)


def pair_flags(a: Reading, b: Reading) -> PairFlags:
    """The :class:`PairFlags` of ``a`` and ``b``."""
    speaker = bool(a.speaker & b.speaker)
    actor = bool(a.actor & b.actor)
    both_figures = bool(a.figures and b.figures)
    agree = both_figures and figures_agree(a.figures, b.figures)
    return PairFlags(
        speaker=speaker,
        actor=actor,
        speaker_actor=bool(a.speaker_skeletons & b.actor or b.speaker_skeletons & a.actor),
        figures=agree,
        speaker_conflict=bool(a.speaker and b.speaker) and not speaker,
        actor_conflict=bool(a.actor and b.actor) and not actor,
        figures_conflict=both_figures and not agree,
        question=a.question or b.question,
    )
