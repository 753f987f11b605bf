"""Cross-validation of the POS tagger (``benchmarks/pos_tagger.py``) on UD Arabic-PUD's surface words.

Five folds of consecutive sentences; each fold tagged by a model trained on the other four, with
the packaged ANT clusters and name shapes. Prints accuracy over surface words, PROPN precision and
recall, and the same without the clusters and name shapes.

    python benchmarks/ner_pos.py ../shared/data/ud_arabic_pud/ar_pud-ud-test.conllu [--folds 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from pos_tagger import PosResources, PosTagger, TaggedWords, read_conllu, train_pos  # beside this file

import akhbar.ner.model as ner_model
from akhbar.ner.cli import resource_dir


def cross_validate(sentences: list[TaggedWords], res: PosResources, folds: int) -> tuple[float, float, float]:
    """(accuracy, PROPN precision, PROPN recall) over all folds."""
    right = total = propn_right = propn_gold = propn_predicted = 0
    size = -(-len(sentences) // folds)
    with tempfile.TemporaryDirectory() as workdir:
        for k in range(folds):
            held = sentences[k * size:(k + 1) * size]
            model = Path(workdir) / f"pos{k}.crfsuite"
            train_pos(sentences[:k * size] + sentences[(k + 1) * size:], res, model)
            tagger = PosTagger(model, PosResources(res.clusters, res.shape))
            for sentence in held:
                for gold, guess in zip(sentence.tags, tagger.tag(sentence.tokens), strict=True):
                    total += 1
                    right += gold == guess
                    propn_gold += gold == "PROPN"
                    propn_predicted += guess == "PROPN"
                    propn_right += gold == guess == "PROPN"
    return right / total, propn_right / max(propn_predicted, 1), propn_right / max(propn_gold, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("conllu", type=Path, help="ar_pud-ud-test.conllu")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    try:
        sentences = read_conllu(args.conllu)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        sys.exit(f"ner_pos.py: cannot read {args.conllu}: {error}")
    base = ner_model.load_resources(resource_dir(), auto=False)
    print(f"{len(sentences)} sentences, {sum(len(s.tokens) for s in sentences)} surface words, {args.folds} folds")
    for name, res in (("forms + clusters + name shapes", PosResources(base.clusters, base.shape)),
                      ("forms only", PosResources())):
        started = time.perf_counter()
        accuracy, precision, recall = cross_validate(sentences, res, args.folds)
        print(f"{name:<32} accuracy {accuracy:.4f}  PROPN P {precision:.3f} R {recall:.3f}"
              f"  [{time.perf_counter() - started:.0f} s]", flush=True)


if __name__ == "__main__":
    main()
