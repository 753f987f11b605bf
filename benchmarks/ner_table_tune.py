"""Tune the entity table's evidence thresholds (``akhbar.ner.names.EvidenceConfig``) on a dev CoNLL file.

Each document is tagged once; every setting then re-reads the same mentions. Use a file the model
never saw: the held-out tenth of the train split with a model trained on the rest
(``benchmarks/ner_held_out.py``), or AQMAR dev. Never the ANERcorp test split.

    python benchmarks/ner_table_tune.py /tmp/ner-held-out/held_out.conll --model /tmp/ner-held-out/model.crfsuite
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import replace
from pathlib import Path

from akhbar.ner.data import read_conll
from akhbar.ner.model import Tagger, load_name_evidence, story_mentions_with
from akhbar.ner.names import EvidenceConfig
from akhbar.ner.table_check import table_check

GRID = {
    "common_share": (0.1, 0.15, 0.2),
    "single_needs_evidence": (True, False),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("conll", type=Path)
    parser.add_argument("--model", type=Path, required=True, help="model.crfsuite; resources beside it")
    args = parser.parse_args()
    tagger = Tagger.from_directory(args.model.parent, args.model)
    base = load_name_evidence(args.model.parent, tagger.resources.gazetteer)
    cache: dict[tuple[str, ...], list] = {}

    def mentions(texts):
        key = tuple(texts)
        if key not in cache:
            cache[key] = story_mentions_with(tagger, texts)
        return cache[key]

    sentences = read_conll(args.conll)
    none = table_check(sentences, mentions, replace(base, words={}))
    print(f"no word statistics: P {none.precision:.3f} ({none.right}/{none.shown}) R {none.recall:.3f}", flush=True)
    names = list(GRID)
    for values in itertools.product(*GRID.values()):
        config = replace(EvidenceConfig(), **dict(zip(names, values, strict=True)))
        score = table_check(sentences, mentions, replace(base, config=config))
        setting = " ".join(f"{n}={v}" for n, v in zip(names, values, strict=True))
        print(f"{setting}: P {score.precision:.3f} ({score.right}/{score.shown}) R {score.recall:.3f} "
              f"({score.found}/{score.gold})", flush=True)


if __name__ == "__main__":
    main()
