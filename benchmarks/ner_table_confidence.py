"""Precision and recall of the entity table over confidence thresholds, on a dev CoNLL file.

The table shows a name only when the tagger is sure enough of it (``EvidenceConfig.min_confidence``).
A mention's confidence is the least marginal probability of its words' tags, and that the name ends
where it ends; a name's is the noisy-or of its mentions'. Each document is tagged once; every rule
then re-reads the same candidates. Use a file the model never saw: the held-out tenth of the train
split with a model trained on the rest (``benchmarks/ner_held_out.py``). Never the ANERcorp test split.

    python benchmarks/ner_table_confidence.py /tmp/ner-held-out/held_out.conll --model /tmp/ner-held-out/model.crfsuite
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from akhbar.facts.entities import Candidate, entity_candidates
from akhbar.ner.data import read_conll
from akhbar.ner.model import Tagger, load_name_evidence, story_mentions_with
from akhbar.ner.names import NameEvidence
from akhbar.ner.table_check import Name, as_article, documents, gold_names, loose_key, score_table

THRESHOLDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995)


@dataclass(frozen=True, slots=True)
class Document:
    candidates: list[Candidate]
    gold: set[Name]


def read_documents(conll: Path, model: Path, *, weighted: bool) -> list[Document]:
    tagger = Tagger.from_directory(model.parent, model)
    base = load_name_evidence(model.parent, tagger.resources.gazetteer)
    evidence = replace(base, config=replace(base.config, confidence_type_vote=weighted))
    return [
        Document(_candidates(document, tagger, evidence), gold_names(document))
        for document in documents(read_conll(conll))
    ]


def _candidates(document, tagger: Tagger, evidence: NameEvidence) -> list[Candidate]:
    found, _ = entity_candidates(as_article(document), lambda texts: story_mentions_with(tagger, texts), evidence)
    return found


def sweep(docs: Sequence[Document], keep: Callable[[Candidate], bool]) -> tuple[int, int, int, int]:
    """(rows shown, rows right, gold found, gold) when the table keeps the candidates ``keep`` accepts."""
    shown = right = found = gold = 0
    for doc in docs:
        n, r, f = score_table([c.entity for c in doc.candidates if keep(c)], doc.gold)
        shown, right, found, gold = shown + n, right + r, found + f, gold + len(doc.gold)
    return shown, right, found, gold


def figures_row(name: str, figures: tuple[int, int, int, int]) -> str:
    shown, right, found, gold = figures
    precision = right / shown if shown else 0.0
    return f"| {name} | {precision:.3f} ({right}/{shown}) | {found / gold:.3f} ({found}/{gold}) |"


def wrong_rows(docs: Sequence[Document], threshold: float) -> tuple[int, int]:
    """(right name with a wrong type, no gold name at all) among the rows kept at ``threshold``."""
    wrong_type = no_name = 0
    for doc in docs:
        names = {key for _, key in doc.gold}
        for c in doc.candidates:
            key = loose_key(c.entity.name)
            if c.confidence < threshold or (c.entity.label, key) in doc.gold:
                continue
            wrong_type += key in names
            no_name += key not in names
    return wrong_type, no_name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("conll", type=Path)
    parser.add_argument("--model", type=Path, required=True, help="model.crfsuite; resources beside it")
    args = parser.parse_args()
    for weighted in (False, True):
        docs = read_documents(args.conll, args.model, weighted=weighted)
        print(f"\ntype vote weighted by confidence: {weighted}")
        print("| rule | precision | recall |\n|---|---|---|")
        for t in THRESHOLDS:
            figures = sweep(docs, lambda c, t=t: c.confidence >= t)
            print(figures_row(f"noisy-or of its mentions >= {t}", figures), flush=True)
        for t in THRESHOLDS[1:]:
            print(figures_row(f"best mention >= {t}", sweep(docs, lambda c, t=t: c.best_confidence >= t)))
        for t in (0.0, 0.9, 0.98):
            wrong_type, no_name = wrong_rows(docs, t)
            print(f"wrong rows at noisy-or >= {t}: {wrong_type} right name, wrong type; {no_name} no gold name")


if __name__ == "__main__":
    main()
