"""Word tokens: Arabic and Latin words, and numbers kept whole with their separators."""

from __future__ import annotations

import re

from akhbar.text.normalize import DIACRITIC_RANGES, normalize
from akhbar.text.stem import light_stem

_MARKS = DIACRITIC_RANGES + "\u0640"  # and tatweel
# Numbers first so that 2016/12/04, 30,000 and 3.5 stay one token; never drop digit tokens.
# A word starts with a letter, never with a mark or tatweel (a line of ــــ is not a word).
TOKEN_PATTERN = re.compile(
    rf"\d+(?:[.,/:٫٬]\d+)*|[^\W\d_{_MARKS}][^\W\d_{_MARKS}]*(?:[{_MARKS}]+[^\W\d_{_MARKS}]*)*",
    re.UNICODE,
)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Spans of word and number tokens in ``text`` (diacritics stay inside their word)."""
    return [m.span() for m in TOKEN_PATTERN.finditer(text)]


def tokenize(text: str) -> list[str]:
    """Tokens of ``text`` as they are written."""
    return [m.group() for m in TOKEN_PATTERN.finditer(text)]


def match_tokens(text: str) -> list[str]:
    """Tokens of the ``match``-normalized text: the form used to compare outlets."""
    return tokenize(normalize(text))


def match_stems(text: str) -> list[str]:
    """Light stems of the ``match`` tokens (stop words kept)."""
    return [light_stem(t) for t in match_tokens(text)]
