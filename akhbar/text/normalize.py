"""Arabic normalization for matching: small ``str -> str`` steps composed into named profiles.

Display never uses these: sentences keep their original text and offsets, and matching
works on a normalized copy. Every step is idempotent, so every profile is too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# Harakat, tanween, shadda, sukun, dagger alef and Quranic annotation marks (character-class ranges).
DIACRITIC_RANGES = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
_DIACRITICS = re.compile(f"[{DIACRITIC_RANGES}]")
_TATWEEL = "\u0640"
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"})
_HAMZA_CARRIERS = str.maketrans({"ؤ": "و", "ئ": "ي"})
_ALEF_MAKSURA = str.maketrans({"ى": "ي"})
_TEH_MARBUTA = str.maketrans({"ة": "ه"})
_PERSIAN_LETTERS = str.maketrans({"ک": "ك", "ی": "ي", "ۀ": "ه", "ە": "ه"})
_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
     "٫": ".", "٬": ","}
)
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'"})
_SPACES = re.compile(r"\s+")


def dediacritize(text: str) -> str:
    """Remove harakat, tanwin, shadda, sukun, dagger alef and Quranic marks."""
    return _DIACRITICS.sub("", text)


def remove_tatweel(text: str) -> str:
    return text.replace(_TATWEEL, "")


def unfold_presentation_forms(text: str) -> str:
    """Map Arabic presentation forms (ﻻ, ﺍ, ...) to the base letters real text uses."""
    return _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def unify_alef(text: str) -> str:
    """أ إ آ ٱ -> ا: outlets and references drop the hamza on alef freely."""
    return text.translate(_ALEF)


def unify_hamza_carriers(text: str) -> str:
    """ؤ -> و, ئ -> ي."""
    return text.translate(_HAMZA_CARRIERS)


def unify_alef_maksura(text: str) -> str:
    return text.translate(_ALEF_MAKSURA)


def unify_teh_marbuta(text: str) -> str:
    return text.translate(_TEH_MARBUTA)


def unify_persian_letters(text: str) -> str:
    return text.translate(_PERSIAN_LETTERS)


def latin_digits(text: str) -> str:
    """Arabic-Indic and Extended Arabic-Indic digits (and ٫ ٬) -> ASCII."""
    return text.translate(_DIGITS)


def unify_quotes(text: str) -> str:
    """« » “ ” „ -> ", and single curly quotes -> '."""
    return text.translate(_QUOTES)


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


_TABLES: dict[Callable[[str], str], dict[int, str]] = {
    unify_alef: _ALEF, unify_hamza_carriers: _HAMZA_CARRIERS, unify_alef_maksura: _ALEF_MAKSURA,
    unify_teh_marbuta: _TEH_MARBUTA, unify_persian_letters: _PERSIAN_LETTERS, latin_digits: _DIGITS,
    unify_quotes: _QUOTES,
}


def _fuse(steps: Sequence[Callable[[str], str]]) -> tuple[Callable[[str], str], ...]:
    """Merge runs of one-table steps into one `str.translate`: translate is slow on Arabic text,
    and the tables map disjoint characters to characters no later table maps, so the result is
    the same as applying them one by one."""
    plan: list[Callable[[str], str]] = []
    table: dict[int, str] = {}
    for step in steps:
        if step in _TABLES:
            table.update(_TABLES[step])
            continue
        if table:
            plan.append(_translator(table))
            table = {}
        plan.append(step)
    if table:
        plan.append(_translator(table))
    return tuple(plan)


def _translator(table: dict[int, str]) -> Callable[[str], str]:
    frozen = dict(table)
    return lambda text: text.translate(frozen)


@dataclass(frozen=True, slots=True)
class Profile:
    """A named composition of normalization steps, recorded in the JSON output."""

    name: str
    steps: tuple[Callable[[str], str], ...]
    plan: tuple[Callable[[str], str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "plan", _fuse(self.steps))

    def __call__(self, text: str) -> str:
        for step in self.plan:
            text = step(text)
        return text

    @property
    def step_names(self) -> list[str]:
        return [step.__name__ for step in self.steps]


def make_profile(name: str, steps: Sequence[Callable[[str], str]]) -> Profile:
    return Profile(name, tuple(steps))


# For matching text across outlets: every orthographic variant the seeds show folds together.
MATCH = make_profile(
    "match",
    [unfold_presentation_forms, dediacritize, remove_tatweel, unify_alef, unify_hamza_carriers,
     unify_alef_maksura, unify_teh_marbuta, unify_persian_letters, latin_digits, unify_quotes,
     collapse_spaces],
)

# Light: keeps letters distinct (for NER features and display-near text); only removes marks.
LIGHT = make_profile(
    "light",
    [unfold_presentation_forms, dediacritize, remove_tatweel, latin_digits, unify_quotes],
)

PROFILES: dict[str, Profile] = {"match": MATCH, "light": LIGHT}


def normalize(text: str, profile: str = "match") -> str:
    """Normalize ``text`` with a named profile (``match`` by default)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown normalization profile {profile!r}; known: {sorted(PROFILES)}")
    return _cached(text, profile)


@lru_cache(maxsize=65_536)
def _cached(text: str, profile: str) -> str:
    # The same sentence is matched by several stages; normalizing it once is enough.
    return PROFILES[profile](text)
