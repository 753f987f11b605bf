"""Rebuild akhbar/resources/stopwords.txt from the two MIT-licensed lists in ../shared/data/arabic_stopwords.

Usage: python scripts/build_stopwords.py ../shared/data/arabic_stopwords
"""

from __future__ import annotations

import sys
from pathlib import Path

from akhbar.text.normalize import normalize

# Reporting verbs and negations carry meaning for alignment and facts: keep them out of the list.
KEEP = {"قال", "قالت", "اكد", "اضاف", "لا", "لم", "لن", "ليس", "غير", "نفي"}


def main(folder: str) -> None:
    root = Path(folder)
    words: set[str] = set()
    for name in ("mohataher/list.txt", "stopwords_iso/stopwords-ar.txt"):
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            word = normalize(line.strip())
            if word and word.isalpha() and " " not in word and word not in KEEP:
                words.add(word)
    out = Path(__file__).resolve().parent.parent / "akhbar" / "resources" / "stopwords.txt"
    header = "# Arabic stop words, match-normalized. Built by scripts/build_stopwords.py; see stopwords.NOTICE.md\n"
    out.write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
