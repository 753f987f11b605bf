"""Held-out check of the tagger's one-type-per-word rule (``akhbar.ner.model.relabel_consistently``).

Trains the shipped CRF recipe on the first 90% of the ANERcorp train split and scores the last 10%
with the rule off, at several shares of a word's occurrences, and over windows of several sizes
(``akhbar summarize`` reads a whole multi-article story as one document). With ``--ant`` the
self-trained lexicon is rebuilt for the 90% part as ``train-ner`` does (about 8 minutes on 2
cores); without it, the packaged clusters and cue lexicon alone are used (about 4 minutes).

    python benchmarks/ner_consistency.py ../shared/data/anercorp_camellab \
        [--ant ../shared/data/ant_v21/articles.jsonl.gz]
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from pathlib import Path

import akhbar.ner.model as ner_model
from akhbar.ner.cli import resource_dir
from akhbar.ner.data import read_conll
from akhbar.ner.evaluate import evaluate
from akhbar.ner.selftrain import AutoConfig, merge_lexicons
from akhbar.ner.train import TrainConfig, held_out_split, jackknife_lexicons, sample_texts, train_crf

SHARES = (None, 0.5, 0.3, 0.2, 0.15, 0.1)  # None: the rule off
RADII = (10, 30, 60)  # sentences either side; 10 is what training and eval-ner use


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("anercorp", type=Path, help="folder with ANERCorp_CamelLab_train.txt")
    parser.add_argument("--ant", type=Path, help="ANT articles.jsonl.gz: rebuild the self-trained lexicon too")
    args = parser.parse_args()
    resources = ner_model.load_resources(resource_dir(), auto=False)
    train, held = held_out_split(read_conll(args.anercorp / "ANERCorp_CamelLab_train.txt"))
    with tempfile.TemporaryDirectory() as workdir:
        model = Path(workdir) / "model.crfsuite"
        if args.ant is not None:
            texts = sample_texts(args.ant, AutoConfig().articles)
            per_sentence, pooled = jackknife_lexicons(
                train, resources, texts, config=TrainConfig(), workdir=Path(workdir), report=lambda *_: None
            )
            train_crf(train, per_sentence, model, TrainConfig())
            resources = replace(resources, lexicon=merge_lexicons(resources.lexicon, pooled))
        else:
            train_crf(train, resources, model, TrainConfig())
        tagger = ner_model.Tagger(model, resources)
        gold = [s.tags for s in held]
        print(f"held-out: last {len(held)} sentences of the train split; micro-F1 (P / R)")
        for radius in RADII:
            for share in SHARES:
                ev = evaluate(gold, tagger.tag_sentences(held, radius=radius, share=share))
                rule = "off" if share is None else f"{share:.2f}"
                print(f"window ±{radius:<3} share {rule:>4}: {ev.micro.f1:.4f} "
                      f"({ev.micro.precision:.3f} / {ev.micro.recall:.3f})", flush=True)


if __name__ == "__main__":
    main()
