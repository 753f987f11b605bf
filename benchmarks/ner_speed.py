"""Tagging speed: the CRF's tags alone (``Tagger.tag``) and with the entity table's confidence
(``Tagger.tag_scored``: marginals inside mentions), for the packaged model and optionally another.

Reads the first N ANT articles, tags each as one story (document cues from the whole article), and
prints words per CPU second (CPU time: the machine is shared). Every variant runs in the same process,
in turn, round after round, so they see the same load; the best round of each is printed.

    python benchmarks/ner_speed.py ../shared/data/ant_v21/articles.jsonl.gz --articles 600 \
        [--compare OTHER_MODEL_FOLDER]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path

from akhbar.ner.features import DocCues, document_cues
from akhbar.ner.model import MODEL_FILE, Tagger, default_tagger, load_resources, word_sentences

Story = tuple[list[list[str]], DocCues]


def read_stories(path: Path, count: int) -> list[Story]:
    stories: list[Story] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            sentences = [[text[a:b] for a, b, _ in spans] for spans in word_sentences(text)]
            if sentences:
                stories.append((sentences, document_cues(sentences)))
            if len(stories) >= count:
                break
    return stories


def run(tag: Callable[[list[str], DocCues], object], stories: list[Story]) -> float:
    started = time.process_time()
    for sentences, doc in stories:
        for sentence in sentences:
            tag(sentence, doc)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("articles_file", type=Path, help="ANT articles.jsonl.gz")
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--compare", type=Path, help="another model folder (model.crfsuite and its resources)")
    parser.add_argument("--compare-min-weight", type=float, default=0.0,
                        help="attributes of the other model kept (0: all, as before MIN_WEIGHT)")
    args = parser.parse_args()
    stories = read_stories(args.articles_file, args.articles)
    words = sum(len(sentence) for sentences, _ in stories for sentence in sentences)
    taggers = {"packaged": default_tagger()}
    if args.compare is not None:
        resources = load_resources(args.compare)
        taggers[str(args.compare)] = Tagger(args.compare / MODEL_FILE, resources, min_weight=args.compare_min_weight)
    variants = {
        f"{name} {kind}": getattr(tagger, kind) for name, tagger in taggers.items() for kind in ("tag", "tag_scored")
    }
    best = dict.fromkeys(variants, float("inf"))
    for _ in range(args.rounds):
        for name, tag in variants.items():
            best[name] = min(best[name], run(tag, stories))
    print(f"{len(stories)} articles, {words} tokens; best of {args.rounds} rounds, CPU time")
    for name, seconds in best.items():
        print(f"{name:<60} {seconds:.2f} s  {words / seconds:,.0f} tokens/CPU s", flush=True)


if __name__ == "__main__":
    main()
