"""Rebuild ``akhbar/resources/ner/wordstats.tsv.gz`` with the shipped tagger (``train-ner --ant`` does it too).

    python scripts/build_wordstats.py ../shared/data/ant_v21/articles.jsonl.gz [--articles 3000]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from akhbar.ner.cli import resource_dir
from akhbar.ner.model import default_tagger
from akhbar.ner.selftrain import AutoConfig, count_words
from akhbar.ner.train import sample_texts
from akhbar.ner.wordstats import WORDSTATS_FILE, save_wordstats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ant", type=Path, help="ANT articles.jsonl.gz")
    parser.add_argument("--articles", type=int, default=AutoConfig().articles)
    parser.add_argument("--out", type=Path, default=resource_dir() / WORDSTATS_FILE)
    args = parser.parse_args()
    counts = count_words(default_tagger(), sample_texts(args.ant, args.articles))
    stats = counts.stats()
    save_wordstats(stats, args.out)
    print(f"{len(stats)} words written to {args.out}")


if __name__ == "__main__":
    main()
