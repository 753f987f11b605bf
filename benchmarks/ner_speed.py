"""Tagging speed of the entity path (``story_mentions_with``: tags, marginals inside mentions, offsets).

Reads the first N ANT articles, tags each as a one-article story with the packaged model and prints
words per CPU second (CPU time, not wall time: the machine is shared). To compare two versions of
the code, run it with each on ``PYTHONPATH`` (e.g. a ``git archive`` of the older commit):

    python benchmarks/ner_speed.py ../shared/data/ant_v21/articles.jsonl.gz --articles 300
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from akhbar.ner.model import default_tagger, story_mentions_with, word_sentences


def read_texts(path: Path, count: int) -> list[str]:
    texts: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            if text.strip():
                texts.append(text)
            if len(texts) >= count:
                break
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("articles_file", type=Path, help="ANT articles.jsonl.gz")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3, help="the best of this many rounds is printed")
    args = parser.parse_args()
    texts = read_texts(args.articles_file, args.articles)
    words = sum(is_word for text in texts for spans in word_sentences(text) for _, _, is_word in spans)
    tagger = default_tagger()
    story_mentions_with(tagger, texts[:5])  # warm the caches a long-running process would have
    best = float("inf")
    mentions = 0
    for _ in range(args.rounds):
        started = time.process_time()
        mentions = sum(len(found) for text in texts for found in story_mentions_with(tagger, [text]))
        best = min(best, time.process_time() - started)
    print(f"{len(texts)} articles, {words} words, {mentions} mentions: best of {args.rounds} rounds "
          f"{best:.2f} CPU s, {words / best:,.0f} words/CPU s", flush=True)


if __name__ == "__main__":
    main()
