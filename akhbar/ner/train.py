"""Training the CRF tagger with python-crfsuite, and the held-out split used to tune it.

Hyper-parameters are tuned on the last tenth of the *training* split (ANERcorp's split is
sequential, so a sequential held-out part mimics the train/test shift); the test split is
only ever used for the final report.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pycrfsuite

from akhbar.ner.data import Sentence, read_conll
from akhbar.ner.evaluate import Evaluation, evaluate
from akhbar.ner.features import Resources, sentence_features, view, windowed_document_cues
from akhbar.ner.gazetteer import GAZETTEER_FILE, format_gazetteer, wikifane_rows
from akhbar.ner.lexicon import build_lexicon, format_lexicon
from akhbar.ner.model import AUTO_LEXICON_FILE, CLUSTERS_FILE, LEXICON_FILE, MODEL_FILE, Tagger, load_resources
from akhbar.ner.namelike import NAMELIKE_FILE, NameShape, save_shape, train_shape, training_words
from akhbar.ner.selftrain import AutoConfig, TagCounts, auto_lexicon, count_tags, count_words, merge_lexicons
from akhbar.ner.store import save_clusters
from akhbar.ner.wordstats import WORDSTATS_FILE, save_wordstats

Progress = Callable[[int], None]
# (stage description, total steps or None when unknown, steps done since the last call)
StageReport = Callable[[str, int | None, int], None]


@dataclass(frozen=True, slots=True)
class TrainConfig:
    c1: float = 0.05
    # Held-out micro-F1 (benchmarks/ner_gazetteer.py, gazetteer recipe, 250 iterations): c2 0.01: 0.7461,
    # 0.05: 0.7544, 0.1: 0.7558; at 150 iterations 0.01 / 0.05 / 0.1 / 0.2: 0.7419 / 0.7604 / 0.7541 / 0.7550.
    c2: float = 0.1
    max_iterations: int = 250
    # Features seen once are mostly noise and would bloat the shipped model.
    min_feature_freq: int = 2
    # Weights for label transitions never seen in training (I-PER after B-LOC), so the model can
    # learn to rule them out.
    possible_transitions: bool = True
    # Jackknifed self-trained lexicon (see selftrain.py); needs the ANT articles. Off: with the c2 0.1
    # recipe and the WikiFANE gazetteer it no longer helps on the held-out tenth
    # (`python benchmarks/ner_held_out.py ... --ant ... [--no-self-train]`: with the name-shape feature
    # 0.7512 with it, 0.7555 without; `--no-shape`: 0.7511 with it, and 0.7558 without by
    # `benchmarks/ner_gazetteer.py --variants gazetteer`).
    self_train: bool = False
    half_iterations: int = 120
    # Keep the clusters and cue lexicon already in the output folder (they depend on the ANT
    # articles only, and rebuilding them is most of the training time).
    reuse_resources: bool = False


class _Trainer(pycrfsuite.Trainer):
    """Reports each L-BFGS iteration to a progress callback instead of printing.

    pycrfsuite dispatches its ``on_*`` events only when ``verbose`` is true, and the default
    handlers print the log; so: verbose on, printing handlers silenced.
    """

    def __init__(self, progress: Progress | None) -> None:
        super().__init__(verbose=True)
        self._progress = progress

    def on_iteration(self, log: str, info: dict) -> None:  # type: ignore[override]
        if self._progress is not None:
            self._progress(1)

    def on_start(self, log: str) -> None:  # type: ignore[override]
        pass

    def on_featgen_progress(self, log: str, percent: int) -> None:  # type: ignore[override]
        pass

    def on_featgen_end(self, log: str) -> None:  # type: ignore[override]
        pass

    def on_prepared(self, log: str) -> None:  # type: ignore[override]
        pass

    def on_optimization_end(self, log: str) -> None:  # type: ignore[override]
        pass

    def on_end(self, log: str) -> None:  # type: ignore[override]
        pass


def crf_params(config: TrainConfig) -> dict[str, float | int | bool]:
    """crfsuite's L-BFGS settings for ``config``."""
    return {
        "c1": config.c1,
        "c2": config.c2,
        "max_iterations": config.max_iterations,
        "feature.minfreq": config.min_feature_freq,
        "feature.possible_transitions": config.possible_transitions,
    }


def train_crf(
    sentences: Sequence[Sentence],
    resources: Resources | Sequence[Resources],
    model_path: Path,
    config: TrainConfig = TrainConfig(),
    progress: Progress | None = None,
) -> None:
    """Train on ``sentences`` and write the crfsuite model to ``model_path``.

    ``resources`` is one set for all sentences, or one per sentence (jackknifed lexicons).
    """
    per_sentence = [resources] * len(sentences) if isinstance(resources, Resources) else resources
    trainer = _Trainer(progress)
    docs = windowed_document_cues([s.tokens for s in sentences])
    for sent, doc, res in zip(sentences, docs, per_sentence, strict=True):
        trainer.append(sentence_features(sent.tokens, res, doc), list(sent.tags))
    trainer.select("lbfgs")
    trainer.set_params(crf_params(config))
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))


@dataclass(frozen=True, slots=True)
class CorpusPaths:
    """Where ``train-ner`` reads its data; AQMAR and ANT are optional."""

    anercorp_dir: Path
    aqmar_dir: Path | None = None
    ant_articles: Path | None = None
    wikifane_dir: Path | None = None

    @property
    def wikifane_entities(self) -> Path | None:
        return None if self.wikifane_dir is None else self.wikifane_dir / "wikifane_gold_entities.tsv"

    @property
    def train_file(self) -> Path:
        return self.anercorp_dir / "ANERCorp_CamelLab_train.txt"

    @property
    def test_file(self) -> Path:
        return self.anercorp_dir / "ANERCorp_CamelLab_test.txt"

    def aqmar_files(self) -> list[Path]:
        if self.aqmar_dir is None:
            return []
        return [self.aqmar_dir / f"{part}.txt" for part in ("train", "dev", "test")]

    def missing(self) -> list[Path]:
        """Every required file that is absent, so one error can name them all."""
        needed = [self.train_file, self.test_file, *self.aqmar_files()]
        if self.ant_articles is not None:
            needed.append(self.ant_articles)
        if self.wikifane_entities is not None:
            needed.append(self.wikifane_entities)
        return [path for path in needed if not path.is_file()]


def held_out_split(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """The first 90% and the last 10% of a training split, the part every tuning run scores on."""
    cut = int(len(sentences) * 0.9)
    return list(sentences[:cut]), list(sentences[cut:])


def read_training_data(paths: CorpusPaths) -> tuple[list[Sentence], list[Sentence]]:
    """(training sentences: ANERcorp train + AQMAR if given, ANERcorp test sentences)."""
    train = read_conll(paths.train_file)
    for path in paths.aqmar_files():
        train.extend(read_conll(path))
    return train, read_conll(paths.test_file)



def build_resources(articles: Path, out: Path, report: StageReport) -> None:
    """Word clusters and cue lexicon from an ANT-style article dump, written into ``out``."""
    # numpy, scipy and scikit-learn are imported here, not when `akhbar ner` starts.
    from akhbar.ner.clusters import build_clusters, iter_ant_texts, tokenized_lines

    lines: list[list[str]] = []
    for text in iter_ant_texts(articles):
        lines.extend(tokenized_lines([text]))
        report("reading ANT articles", None, 1)
    report("clustering words (PPMI + SVD + k-means)", 1, 0)
    clusters = build_clusters(lines)
    report("clustering words (PPMI + SVD + k-means)", 1, 1)
    lexicon = build_lexicon(lines)
    save_clusters(clusters, out / CLUSTERS_FILE)
    with gzip.open(out / LEXICON_FILE, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.writelines(format_lexicon(lexicon))


def build_gazetteer(entities: Path, out: Path) -> None:
    """The WikiFANE entity list, mapped to the tagger's classes, as ``gazetteer.tsv.gz`` in ``out``."""
    with entities.open(encoding="utf-8-sig") as handle:
        entries = wikifane_rows(handle)
    with gzip.open(out / GAZETTEER_FILE, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.writelines(format_gazetteer(entries))


def name_shape(resources: Resources) -> NameShape:
    """The name-shape classifier (``akhbar.ner.namelike``): the words of the gazetteer's names against
    the cluster vocabulary."""
    vocabulary = list(resources.clusters)
    stripped = {word: view(word).stripped for word in vocabulary}
    return train_shape(training_words(resources.gazetteer.entries, vocabulary, stripped))


def with_shape(resources: Resources, out: Path) -> Resources:
    """``resources`` with their name shapes, written to ``out``; none without a gazetteer (it gives
    the names to learn from), and then no file left from an earlier run either."""
    if not resources.gazetteer.entries:
        (out / NAMELIKE_FILE).unlink(missing_ok=True)
        return replace(resources, shape=NameShape())
    shape = name_shape(resources)
    save_shape(shape, out / NAMELIKE_FILE)
    return replace(resources, shape=shape)


def sample_texts(articles: Path, count: int) -> list[str]:
    """Every n-th article body, so the sample spans the dump's months and outlets."""
    from akhbar.ner.clusters import iter_ant_texts

    texts = list(iter_ant_texts(articles, fields=("text",)))
    step = max(1, len(texts) // count)
    return texts[::step][:count]


def jackknife_lexicons(
    train: Sequence[Sentence], resources: Resources, texts: Sequence[str], *, config: TrainConfig,
    workdir: Path, report: StageReport,
) -> tuple[list[Resources], dict[str, tuple[str, ...]]]:
    """Per-sentence resources for training, and the pooled self-trained lexicon for tagging."""
    half = len(train) // 2
    halves = (train[:half], train[half:])
    half_config = replace(config, max_iterations=config.half_iterations)
    counts: list[TagCounts] = []
    for k, part in enumerate(halves, start=1):
        model = workdir / f"half{k}.crfsuite.partial"
        train_crf(part, resources, model, half_config,
                  partial(report, f"self-training: half model {k}", half_config.max_iterations))
        tagger = Tagger(model, resources)
        counts.append(count_tags(tagger, texts, partial(report, f"self-training: tagging with half {k}", len(texts))))
        model.unlink()
    # Each half is trained with the lexicon of the model that never saw it.
    first = replace(resources, lexicon=merge_lexicons(resources.lexicon, auto_lexicon(counts[1])))
    second = replace(resources, lexicon=merge_lexicons(resources.lexicon, auto_lexicon(counts[0])))
    per_sentence = [first] * len(halves[0]) + [second] * len(halves[1])
    return per_sentence, auto_lexicon(counts[0].merged(counts[1]))


def train_all(paths: CorpusPaths, out: Path, config: TrainConfig, report: StageReport) -> Evaluation:
    """Rebuild resources (if ANT is given), train on ANERcorp train (+ AQMAR), score on ANERcorp test.

    Without ``ant_articles`` the clusters and cue lexicon already in ``out`` are reused, so a
    retrain with new CRF settings does not need the unlabelled corpus; the self-trained
    lexicon needs the articles, so such a model is trained (and shipped) without it.
    """
    out.mkdir(parents=True, exist_ok=True)
    reuse = config.reuse_resources and (out / CLUSTERS_FILE).exists() and (out / LEXICON_FILE).exists()
    if paths.ant_articles is not None and not reuse:
        build_resources(paths.ant_articles, out, report)
    if paths.wikifane_entities is not None:
        build_gazetteer(paths.wikifane_entities, out)
    report("name shapes (character n-grams)", 1, 0)
    resources = with_shape(load_resources(out, auto=False), out)
    report("name shapes (character n-grams)", 1, 1)
    train, test = read_training_data(paths)
    auto_file = out / AUTO_LEXICON_FILE
    train_resources: Resources | list[Resources] = resources
    texts = sample_texts(paths.ant_articles, AutoConfig().articles) if paths.ant_articles is not None else []
    if texts and config.self_train:
        train_resources, pooled = jackknife_lexicons(
            train, resources, texts, config=config, workdir=out, report=report
        )
        with gzip.open(auto_file, "wt", encoding="utf-8", compresslevel=9) as handle:
            handle.writelines(format_lexicon(pooled))
    else:
        # A self-trained lexicon left by an earlier run would feed features this model never saw.
        auto_file.unlink(missing_ok=True)
    # Write beside the final file and rename, so a failed run never leaves a half-written model.
    unfinished = out / (MODEL_FILE + ".partial")
    train_crf(train, train_resources, unfinished, config,
              partial(report, "training CRF (L-BFGS iterations)", config.max_iterations))
    model_path = out / MODEL_FILE
    unfinished.replace(model_path)
    tagger = Tagger(model_path, load_resources(out))
    if texts:
        # The entity table's evidence: how the final model tags each word of unlabelled news.
        words = count_words(tagger, texts, partial(report, "word statistics (tagging ANT)", len(texts)))
        save_wordstats(words.stats(), out / WORDSTATS_FILE)
    return evaluate([s.tags for s in test], tagger.tag_sentences(test))
