"""The shipped NER recipe on the held-out split: train on the first 90% of ANERcorp train, score the last 10%.

Writes a complete model folder (model, clusters, cue and self-trained lexicons, gazetteer, word
statistics) to ``--out`` and the held-out sentences as CoNLL beside it, so the entity-table check
can be tuned without touching the test split:

    python benchmarks/ner_held_out.py ../shared/data/anercorp_camellab --ant ../shared/data/ant_v21/articles.jsonl.gz \
        --wikifane ../shared/data/wikifane_gold --out /tmp/ner-held-out
    akhbar eval-ner /tmp/ner-held-out/held_out.conll --model /tmp/ner-held-out/model.crfsuite --table

The clusters and cue lexicon are the packaged ones (they come from unlabelled ANT text only).
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import time
from dataclasses import replace
from pathlib import Path

from akhbar.ner.cli import resource_dir
from akhbar.ner.data import read_conll
from akhbar.ner.evaluate import evaluate
from akhbar.ner.lexicon import format_lexicon
from akhbar.ner.model import AUTO_LEXICON_FILE, CLUSTERS_FILE, LEXICON_FILE, MODEL_FILE, Tagger, load_resources
from akhbar.ner.namelike import NAMELIKE_FILE, NameShape
from akhbar.ner.selftrain import AutoConfig, count_words
from akhbar.ner.train import (
    TrainConfig,
    build_gazetteer,
    held_out_split,
    jackknife_lexicons,
    sample_texts,
    train_crf,
    with_shape,
)
from akhbar.ner.wordstats import WORDSTATS_FILE, save_wordstats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("anercorp", type=Path, help="folder with ANERCorp_CamelLab_train.txt")
    parser.add_argument("--ant", type=Path, help="ANT articles.jsonl.gz: self-trained lexicon and word statistics")
    parser.add_argument("--wikifane", type=Path, help="WikiFANE Gold folder: gazetteer features")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=AutoConfig().articles)
    parser.add_argument("--no-self-train", action="store_true",
                        help="with --ant: the articles give the word statistics only, no self-trained lexicon")
    parser.add_argument("--no-shape", action="store_true", help="leave out the name-shape feature")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name in (CLUSTERS_FILE, LEXICON_FILE):
        shutil.copy(resource_dir() / name, out / name)
    if args.wikifane is not None:
        build_gazetteer(args.wikifane / "wikifane_gold_entities.tsv", out)
    (out / AUTO_LEXICON_FILE).unlink(missing_ok=True)
    resources = load_resources(out, auto=False)
    if args.no_shape:
        (out / NAMELIKE_FILE).unlink(missing_ok=True)
        resources = replace(resources, shape=NameShape())
    else:
        resources = with_shape(resources, out)
    train, held = held_out_split(read_conll(args.anercorp / "ANERCorp_CamelLab_train.txt"))
    with (out / "held_out.conll").open("w", encoding="utf-8") as handle:
        for sentence in held:
            handle.writelines(f"{t} {g}\n" for t, g in zip(sentence.tokens, sentence.tags, strict=True))
            handle.write("\n")
    started = time.perf_counter()
    texts = sample_texts(args.ant, args.articles) if args.ant is not None else []
    per_sentence = resources
    if texts and not args.no_self_train:
        per_sentence, pooled = jackknife_lexicons(
            train, resources, texts, config=TrainConfig(), workdir=out, report=lambda *_: None
        )
        with gzip.open(out / AUTO_LEXICON_FILE, "wt", encoding="utf-8") as handle:
            handle.writelines(format_lexicon(pooled))
    train_crf(train, per_sentence, out / MODEL_FILE, TrainConfig())
    tagger = Tagger(out / MODEL_FILE, load_resources(out))
    ev = evaluate([s.tags for s in held], tagger.tag_sentences(held))
    per_type = " ".join(f"{s.label} {s.f1:.3f}" for s in ev.per_type)
    print(f"held-out micro-F1 {ev.micro.f1:.4f} (P {ev.micro.precision:.3f} / R {ev.micro.recall:.3f})  {per_type}"
          f"  [{time.perf_counter() - started:.0f} s]", flush=True)
    if texts:
        save_wordstats(count_words(tagger, texts).stats(), out / WORDSTATS_FILE)


if __name__ == "__main__":
    main()
