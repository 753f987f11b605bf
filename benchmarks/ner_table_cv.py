"""The entity table's confidence threshold, chosen by cross-validation over the whole ANERcorp train split.

``benchmarks/ner_table_confidence.py`` reads the held-out tenth (20 documents): a point of
precision there is a row or two, too few to choose a threshold on. Here the train split is cut
into five consecutive folds; for each, the shipped recipe (``akhbar train-ner`` without
self-training: the packaged clusters, cue lexicon, gazetteer and name shapes) is trained on the
other four, word statistics are taken by that model over ANT articles, and the fold's documents
are read as the table would show them. The test split is never read.

    python benchmarks/ner_table_cv.py ../shared/data/anercorp_camellab --ant ../shared/data/ant_v21/articles.jsonl.gz
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from ner_table_confidence import THRESHOLDS, Document, figures_row, read_documents, sweep, wrong_rows

from akhbar.ner.cli import resource_dir
from akhbar.ner.data import Sentence, read_conll
from akhbar.ner.evaluate import evaluate
from akhbar.ner.gazetteer import GAZETTEER_FILE
from akhbar.ner.model import CLUSTERS_FILE, LEXICON_FILE, MODEL_FILE, Tagger, load_resources
from akhbar.ner.namelike import NAMELIKE_FILE
from akhbar.ner.selftrain import count_words
from akhbar.ner.table_check import loose_key
from akhbar.ner.train import TrainConfig, sample_texts, train_crf
from akhbar.ner.wordstats import WORDSTATS_FILE, save_wordstats

FOLDS = 5


def write_conll(sentences: list[Sentence], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for sentence in sentences:
            handle.writelines(f"{t} {g}\n" for t, g in zip(sentence.tokens, sentence.tags, strict=True))
            handle.write("\n")


def fold_documents(train: list[Sentence], k: int, texts: list[str], workdir: Path) -> tuple[list[Document], str]:
    """The fold's documents as the table reads them; a fold whose model is already in ``workdir`` is
    not trained again (``--keep``: rules of the table can then be compared in seconds)."""
    size = len(train) // FOLDS
    lo, hi = k * size, (k + 1) * size if k < FOLDS - 1 else len(train)
    held, rest = train[lo:hi], train[:lo] + train[hi:]
    if not (workdir / WORDSTATS_FILE).exists():
        for name in (CLUSTERS_FILE, LEXICON_FILE, GAZETTEER_FILE, NAMELIKE_FILE):
            if (resource_dir() / name).exists():
                shutil.copy(resource_dir() / name, workdir / name)
        train_crf(rest, load_resources(workdir, auto=False), workdir / MODEL_FILE, TrainConfig())
        if texts:
            save_wordstats(count_words(Tagger.from_directory(workdir), texts).stats(), workdir / WORDSTATS_FILE)
    tagger = Tagger.from_directory(workdir)
    f1 = evaluate([s.tags for s in held], tagger.tag_sentences(held)).micro.f1
    write_conll(held, workdir / "held.conll")
    docs = read_documents(workdir / "held.conll", workdir / MODEL_FILE, weighted=True)
    return docs, f"fold {k + 1}: sentences {lo}-{hi}, micro-F1 {f1:.4f}, {len(docs)} documents"


def low_precision(docs: list[Document], threshold: float, rounds: int = 2000) -> float:
    """The 5th percentile of the table's precision over documents drawn again with replacement: the
    table must reach its precision on documents it has not seen, not only on average."""
    import numpy as np

    counts = np.array([sweep([doc], lambda c: c.confidence >= threshold)[:2] for doc in docs], dtype=float)
    rng = np.random.default_rng(0)
    draws = rng.integers(0, len(docs), size=(rounds, len(docs)))
    shown, right = counts[draws, 0].sum(axis=1), counts[draws, 1].sum(axis=1)
    return float(np.percentile(right / np.maximum(shown, 1), 5))


def write_wrong(docs: list[Document], path: Path, threshold: float = 0.95) -> None:
    """Rows shown at ``threshold`` that match no gold (type, name): label, name, confidence, mentions,
    and whether the name is gold under another type."""
    with path.open("w", encoding="utf-8") as handle:
        for doc in docs:
            names = {key for _, key in doc.gold}
            for c in doc.candidates:
                key = loose_key(c.entity.name)
                if c.confidence >= threshold and (c.entity.label, key) not in doc.gold:
                    kind = "wrong-type" if key in names else "no-name"
                    handle.write(f"{kind}\t{c.entity.label}\t{c.entity.name}\t{c.confidence:.3f}\t"
                                 f"{c.entity.mentions}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("anercorp", type=Path, help="folder with ANERCorp_CamelLab_train.txt")
    parser.add_argument("--ant", type=Path, help="ANT articles.jsonl.gz: word statistics of each fold's model")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--keep", type=Path, help="keep each fold's model here, and reuse those already there")
    parser.add_argument("--wrong", type=Path, help="write the wrong rows shown at 0.95 here, one per line")
    args = parser.parse_args()
    train = read_conll(args.anercorp / "ANERCorp_CamelLab_train.txt")
    texts = sample_texts(args.ant, args.articles) if args.ant is not None else []
    docs: list[Document] = []
    for k in range(FOLDS):
        started = time.perf_counter()
        if args.keep is not None:
            workdir = args.keep / f"fold{k + 1}"
            workdir.mkdir(parents=True, exist_ok=True)
            found, line = fold_documents(train, k, texts, workdir)
        else:
            with tempfile.TemporaryDirectory() as temporary:
                found, line = fold_documents(train, k, texts, Path(temporary))
        docs.extend(found)
        print(f"{line} [{time.perf_counter() - started:.0f} s]", flush=True)
    print(f"\n{len(docs)} documents of the train split, each read by a model that never saw it")
    print("| an entity is shown when | precision | recall | precision, 5th percentile over documents |")
    print("|---|---|---|---|")
    for t in THRESHOLDS:
        row = figures_row(f"noisy-or of its mentions >= {t}", sweep(docs, lambda c, t=t: c.confidence >= t))
        print(f"{row} {low_precision(docs, t):.3f} |")
    if args.wrong is not None:
        write_wrong(docs, args.wrong)
    for t in (0.0, 0.95):
        wrong_type, no_name = wrong_rows(docs, t)
        print(f"wrong rows at noisy-or >= {t}: {wrong_type} right name, wrong type; {no_name} no gold name")


if __name__ == "__main__":
    main()
