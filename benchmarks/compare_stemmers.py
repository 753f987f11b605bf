"""Which stemmer to match Arabic words with? Measured on the lemmas of UD Arabic-PUD.

Surface words are rebuilt from PUD's syntactic words (clitics joined back: ل + أوباما -> لأوباما),
each labelled with the lemma of its content word. A good matching stemmer gives two forms the same
stem when, and only when, they share a lemma:
- precision: of the pairs of distinct forms that share a stem, the share that share a lemma
  (low for root extractors, which conflate مكتب and كاتب);
- recall: of the pairs that share a lemma, the share that share a stem (low for no stemming).
Pairs are counted from group sizes, not enumerated.

Usage: python benchmarks/compare_stemmers.py ../shared/data/ud_arabic_pud/ar_pud-ud-test.conllu
Needs (benchmark only): snowballstemmer==3.1.1 tashaphyne==0.3.6 nltk==3.10.4
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from akhbar.text.normalize import normalize
from akhbar.text.stem import light_stem

CONTENT = {"NOUN", "VERB", "ADJ", "PROPN", "ADV", "NUM"}


def surface_words(conllu: Path) -> list[tuple[str, str]]:
    """(surface form, lemma) pairs, both match-normalized."""
    pairs: list[tuple[str, str]] = []
    form, lemma = "", ""
    for line in conllu.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        token, token_lemma, upos, misc = cols[1], cols[2], cols[3], cols[9]
        if upos == "PUNCT":
            if form and lemma:
                pairs.append((normalize(form), normalize(lemma)))
            form, lemma = "", ""
            continue
        form += token
        if upos in CONTENT and not lemma:
            lemma = token_lemma
        if "SpaceAfter=No" not in misc:
            if form and lemma:
                pairs.append((normalize(form), normalize(lemma)))
            form, lemma = "", ""
    return [(f, lem) for f, lem in pairs if f.isalpha() and lem.isalpha()]


def pair_count(groups: Counter[object]) -> int:
    return sum(n * (n - 1) // 2 for n in groups.values())


def score(words: list[tuple[str, str]], stem: Callable[[str], str]) -> tuple[float, float, float, float]:
    forms = dict(words)  # one lemma per distinct form (first seen)
    start = time.perf_counter()
    stems = {form: stem(form) for form in forms}
    seconds = time.perf_counter() - start
    same_stem = pair_count(Counter(stems.values()))
    same_lemma = pair_count(Counter(forms.values()))
    both = pair_count(Counter((stems[f], forms[f]) for f in forms))
    precision = both / same_stem if same_stem else 1.0
    recall = both / same_lemma if same_lemma else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, seconds * 1e6 / max(len(forms), 1)


def stemmers() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"none": lambda w: w, "akhbar light_stem": light_stem}
    try:
        import snowballstemmer

        snowball = snowballstemmer.stemmer("arabic")
        found["Snowball Arabic"] = lambda w: normalize(snowball.stemWord(w))
    except ImportError:
        pass
    try:
        from tashaphyne.stemming import ArabicLightStemmer

        tasha = ArabicLightStemmer()
        found["tashaphyne light"] = lambda w: normalize(tasha.light_stem(w))
    except ImportError:
        pass
    try:
        from nltk.stem.isri import ISRIStemmer

        isri = ISRIStemmer()
        found["ISRI (root)"] = lambda w: normalize(isri.stem(w))
    except ImportError:
        pass
    return found


def main() -> None:
    words = surface_words(Path(sys.argv[1]))
    table = Table(title=f"Stemmers on UD Arabic-PUD: {len(dict(words))} distinct surface forms")
    for column in ("stemmer", "precision", "recall", "F1", "µs/word"):
        table.add_column(column, justify="right")
    for name, stem in stemmers().items():
        p, r, f1, micros = score(words, stem)
        table.add_row(name, f"{p:.3f}", f"{r:.3f}", f"{f1:.3f}", f"{micros:.1f}")
    Console().print(table)


if __name__ == "__main__":
    main()
