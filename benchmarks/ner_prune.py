"""Micro-F1 of a model when only attributes with a weight of at least W (absolute) are passed to the tagger.

``Tagger(min_weight=...)``: fewer feature strings per word make tagging faster. Score on a file the model
never saw (the held-out tenth of train with ``benchmarks/ner_held_out.py``'s model), never the test split.

    python benchmarks/ner_prune.py /tmp/ner-held-out/held_out.conll --model /tmp/ner-held-out/model.crfsuite
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from akhbar.ner.data import read_conll
from akhbar.ner.evaluate import evaluate
from akhbar.ner.model import Tagger, load_resources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("conll", type=Path)
    parser.add_argument("--model", type=Path, required=True, help="model.crfsuite; resources beside it")
    parser.add_argument("--weights", default="0,0.1,0.15,0.2,0.3")
    args = parser.parse_args()
    held = read_conll(args.conll)
    resources = load_resources(args.model.parent)
    for weight in (float(w) for w in args.weights.split(",")):
        tagger = Tagger(args.model, resources, min_weight=weight)
        started = time.process_time()
        ev = evaluate([s.tags for s in held], tagger.tag_sentences(held))
        print(f"|w| >= {weight}: {len(tagger.resources.attributes)} attributes, micro-F1 {ev.micro.f1:.4f} "
              f"(P {ev.micro.precision:.3f} / R {ev.micro.recall:.3f}) [{time.process_time() - started:.2f} CPU s]",
              flush=True)


if __name__ == "__main__":
    main()
