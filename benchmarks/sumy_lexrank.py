"""The peer, run as its users run it: sumy's LexRank with sumy's own Arabic tokenizer.

Usage: python benchmarks/sumy_lexrank.py DIR [--sentences N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sumy.nlp.tokenizers import Tokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sentences", type=int, default=6)
    args = parser.parse_args()
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(args.folder.glob("*.txt")))
    document = PlaintextParser.from_string(text, Tokenizer("arabic")).document
    for sentence in LexRankSummarizer()(document, args.sentences):
        print(sentence)


if __name__ == "__main__":
    main()
