"""Held-out check of the WikiFANE gazetteer features and of WikiFANE as extra training data.

Trains the shipped CRF recipe (without the self-trained lexicon, which needs the ANT articles and
doubles the time) on the first 90% of the ANERcorp train split and scores the last 10%, once per
variant. The test split is never read.

    python benchmarks/ner_gazetteer.py ../shared/data/anercorp_camellab ../shared/data/wikifane_gold \
        [--variants base,gazetteer,gazetteer+wikifane,gazetteer+wikifane-per,gazetteer+wikifane-augmented,
         gazetteer+shape,gazetteer+shape-news]
        [--wikifane-share 0.25] [--folds 5]

``--folds N`` scores N consecutive folds of the whole train split instead (N trainings per variant),
for a difference too small to read on one tenth.

The part-of-speech variants (``+pos-tag``, ``+pos-context``, ``+pos-propn``) were measured and not
adopted; they left the package with the POS tagger (``benchmarks/pos_tagger.py``). docs/experiments.md
gives their figures and the commit that runs them.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pycrfsuite

import akhbar.ner.model as ner_model
from akhbar.ner.cli import resource_dir
from akhbar.ner.data import Sentence, parse_conll, read_conll
from akhbar.ner.evaluate import Evaluation, evaluate
from akhbar.ner.features import Resources, sentence_features, view, windowed_document_cues
from akhbar.ner.gazetteer import Gazetteer, make_gazetteer, wikifane_rows, wikifane_tag
from akhbar.ner.namelike import NameShape, train_shape, training_words
from akhbar.ner.train import TrainConfig, crf_params, held_out_split, name_shape, train_crf
from akhbar.ner.wordstats import WORDSTATS_FILE, WordStat, load_wordstats


def _mapped(line: str) -> str:
    fields = line.replace("\u200e", "").split()
    return f"{fields[0]}\t{wikifane_tag(fields[-1])}" if len(fields) >= 2 else ""


_PROCLITIC_TOKENS = frozenset("وفبلك")
_SUFFIX_TOKENS = frozenset(("ه", "ها", "هم", "هما", "هن", "نا", "كم"))


def glue_clitics(sentence: Sentence) -> Sentence:
    """WikiFANE writes و ... and ... ها as tokens of their own; ANERcorp and news keep them on the word."""
    tokens: list[str] = []
    tags: list[str] = []
    pending = ""
    for token, tag in zip(sentence.tokens, sentence.tags, strict=True):
        if token in _PROCLITIC_TOKENS and tag == "O":
            pending += token
            continue
        if token in _SUFFIX_TOKENS and tokens and not pending:
            # ة is written ت before a suffix: عاصمة + ها -> عاصمتها
            tokens[-1] = (tokens[-1][:-1] + "ت" if tokens[-1].endswith("ة") else tokens[-1]) + token
            continue
        tokens.append(pending + token)
        tags.append(tag)
        pending = ""
    return Sentence(tuple(tokens), tuple(tags))


def wikifane_sentences(path: Path, share: float, only: frozenset[str] = frozenset()) -> list[Sentence]:
    """Every n-th sentence of the WikiFANE corpus, clitics glued, tags mapped to the tagger's four classes.

    ``only``: keep just the sentences whose entities are all of these classes (and that have one):
    WikiFANE's persons follow ANERcorp's conventions more closely than its facilities or products.
    """
    with path.open(encoding="utf-8-sig") as handle:
        lines = [_mapped(line) for line in handle]
    sentences = [glue_clitics(s) for s in parse_conll(lines)]
    sentences = [s for s in sentences if s.tokens]
    if only:
        sentences = [s for s in sentences if _classes(s) and _classes(s) <= only]
    step = max(1, round(1 / share))
    return sentences[::step]


def _classes(sentence: Sentence) -> set[str]:
    return {tag[2:] for tag in sentence.tags if tag != "O"}


def train_augmented(
    anercorp: list[Sentence], extra: list[Sentence], resources: Resources, model: Path, config: TrainConfig
) -> None:
    """``train_crf`` with the extra corpus's features also copied under a ``wf:`` prefix (feature
    augmentation, Daume 2007): weights the extra text alone needs go to the copies, which never fire on news,
    so tagging costs nothing more."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for part, augmented in ((anercorp, False), (extra, True)):
        docs = windowed_document_cues([s.tokens for s in part])
        for sentence, doc in zip(part, docs, strict=True):
            features = sentence_features(sentence.tokens, resources, doc)
            if augmented:
                features = [[*f, *(f"wf:{x}" for x in f)] for f in features]
            trainer.append(features, list(sentence.tags))
    trainer.select("lbfgs")
    trainer.set_params(crf_params(config))
    trainer.train(str(model))


def news_labels(gazetteer: Mapping[tuple[str, ...], str], stats: Mapping[str, WordStat]) -> dict[str, str]:
    """The name shapes' training words with the vocabulary labelled by how the shipped tagger reads ANT
    (``gazetteer+shape-news``): a word tagged in under 5% of at least 5 occurrences is "O", one tagged
    one type in half of them is that type, the others are left out."""
    labelled = training_words(gazetteer, [])
    name_words = {token for tokens in gazetteer for token in tokens}
    for word, stat in stats.items():
        form = view(word).stripped
        if stat.total < 5 or len(form) < 2 or not form.isalpha() or form in name_words or word in name_words:
            continue
        if stat.tagged_share < 0.05:
            labelled.setdefault(form, "O")
            continue
        label, count = max(stat.tagged.items(), key=lambda item: item[1])
        if count / stat.total >= 0.5:
            labelled.setdefault(form, label)
    return labelled


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("anercorp", type=Path, help="folder with ANERCorp_CamelLab_train.txt")
    parser.add_argument("wikifane", type=Path, help="folder with wikifane_gold_entities.tsv")
    parser.add_argument("--variants", default="base,gazetteer")
    parser.add_argument("--wikifane-share", type=float, default=0.25)
    parser.add_argument("--iterations", type=int, default=TrainConfig().max_iterations)
    parser.add_argument("--c1", type=float, default=TrainConfig().c1)
    parser.add_argument("--c2", type=float, default=TrainConfig().c2)
    parser.add_argument("--min-freq", type=int, default=TrainConfig().min_feature_freq)
    parser.add_argument("--no-possible-transitions", action="store_true")
    parser.add_argument("--folds", type=int, default=0,
                        help="score N consecutive folds of the whole train split instead of its last tenth")
    args = parser.parse_args()
    if "+pos-" in args.variants:
        parser.error("the +pos- variants left with the POS tagger: see docs/experiments.md for their commit")
    return args


def _splits(sentences: list[Sentence], folds: int) -> list[tuple[list[Sentence], list[Sentence]]]:
    """(train, held) pairs: the held-out tenth, or ``folds`` consecutive folds of the whole split."""
    if folds <= 1:
        return [held_out_split(sentences)]
    size = len(sentences) // folds
    bounds = [(k * size, (k + 1) * size if k < folds - 1 else len(sentences)) for k in range(folds)]
    return [(sentences[:lo] + sentences[hi:], sentences[lo:hi]) for lo, hi in bounds]


def _scored(  # noqa: PLR0917 - a benchmark's one training
    train: list[Sentence], held: list[Sentence], extra: list[Sentence], resources: Resources, config: TrainConfig,
    augmented: bool,
) -> Evaluation:
    with tempfile.TemporaryDirectory() as workdir:
        model = Path(workdir) / "model.crfsuite"
        if augmented:
            train_augmented(train, extra, resources, model, config)
        else:
            train_crf(train + extra, resources, model, config)
        tagger = ner_model.Tagger(model, resources)
        return evaluate([s.tags for s in held], tagger.tag_sentences(held))


def main() -> None:
    args = _arguments()
    base = ner_model.load_resources(resource_dir(), auto=False)
    with (args.wikifane / "wikifane_gold_entities.tsv").open(encoding="utf-8") as handle:
        gazetteer = make_gazetteer(wikifane_rows(handle))
    splits = _splits(read_conll(args.anercorp / "ANERCorp_CamelLab_train.txt"), args.folds)
    part = (f"last {len(splits[0][1])} sentences of the train split" if len(splits) == 1
            else f"{len(splits)} consecutive folds of the train split, mean and per fold")
    print(f"held-out: {part}; micro-F1 (P / R); c1 {args.c1} c2 {args.c2} "
          f"min-freq {args.min_freq}, {args.iterations} iterations, possible transitions "
          f"{not args.no_possible_transitions}", flush=True)
    config = TrainConfig(c1=args.c1, c2=args.c2, max_iterations=args.iterations, min_feature_freq=args.min_freq,
                         possible_transitions=not args.no_possible_transitions)
    for variant in args.variants.split(","):
        known = gazetteer if "gazetteer" in variant else Gazetteer()
        resources = replace(base, gazetteer=known)
        if "shape-news" in variant:
            labelled = news_labels(known.entries, load_wordstats(resource_dir() / WORDSTATS_FILE))
            resources = replace(resources, shape=train_shape(labelled))
        elif "shape" in variant:
            resources = replace(resources, shape=name_shape(resources))
        else:
            # the packaged resources carry the shipped name shapes: a variant without them drops them
            resources = replace(resources, shape=NameShape())
        extra: list[Sentence] = []
        if "wikifane" in variant:
            only = frozenset(("PER",)) if "wikifane-per" in variant else frozenset()
            extra = wikifane_sentences(args.wikifane / "WikiFANE_Gold_2014_500K.txt", args.wikifane_share, only)
        started = time.perf_counter()
        scores = [_scored(train, held, extra, resources, config, "augmented" in variant) for train, held in splits]
        seconds = f"{time.perf_counter() - started:.0f} s"
        if len(scores) > 1:
            f1s = [ev.micro.f1 for ev in scores]
            print(f"{variant:<28} {sum(f1s) / len(f1s):.4f}  folds {' / '.join(f'{f:.4f}' for f in f1s)}  [{seconds}]",
                  flush=True)
            continue
        ev = scores[0]
        per_type = " ".join(f"{s.label} {s.f1:.3f}" for s in ev.per_type)
        print(f"{variant:<28} {ev.micro.f1:.4f} ({ev.micro.precision:.3f} / {ev.micro.recall:.3f})  {per_type}"
              f"  [{len(splits[0][0]) + len(extra)} sentences, {seconds}]", flush=True)


if __name__ == "__main__":
    main()
