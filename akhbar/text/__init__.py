"""Arabic text: normalization, sentence splitting, tokens and light stemming."""

from akhbar.text.normalize import LIGHT, MATCH, PROFILES, Profile, normalize
from akhbar.text.segment import sentence_spans, split_sentences
from akhbar.text.stem import light_stem
from akhbar.text.tokens import match_stems, match_tokens, token_spans, tokenize

__all__ = [
    "LIGHT",
    "MATCH",
    "PROFILES",
    "Profile",
    "light_stem",
    "match_stems",
    "match_tokens",
    "normalize",
    "sentence_spans",
    "split_sentences",
    "token_spans",
    "tokenize",
]
