"""Would a neural tagger earn its weight? A BiLSTM-CRF measured against the shipped CRF, same split.

The probe behind the README's "neural tagger" row. It trains, on CPU:

- fastText skip-gram vectors (gensim, 100 dims, words seen 3+ times) on the unlabelled ANT
  articles, match-normalized and tokenized as the CRF's clusters are;
- a BiLSTM-CRF (Lample et al. 2016) over: the frozen vectors of each token's core and
  clitic-stripped forms, a character CNN, the CRF's own ANT cluster ids, cue-lexicon and
  document-cue flags, shape and clitic;

then scores it with the package's entity-level scorer on the ANERcorp test split (or, with
``--held-out``, on the last 10% of train, as the CRF's ablation was), next to the shipped CRF on
the same sentences. Needs ``pip install -e '.[probe]'`` (torch, gensim); about 15 minutes on
2 cores. Nothing here is shipped: the package's tagger stays the CRF (README, "Entities").

    python benchmarks/ner_neural_probe.py ../shared/data/anercorp_camellab \
        --ant ../shared/data/ant_v21/articles.jsonl.gz
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from gensim.models import FastText
from torch import nn

from akhbar.ner.cli import resource_dir
from akhbar.ner.clusters import ClusterConfig, iter_ant_texts, tokenized_lines
from akhbar.ner.data import LABELS, Sentence, read_conll
from akhbar.ner.evaluate import Evaluation, evaluate
from akhbar.ner.features import PROCLITICS, SHAPES, Resources, view, windowed_document_cues
from akhbar.ner.model import default_tagger, load_resources
from akhbar.ner.train import held_out_split

TAGS = ("O", *(f"{p}-{label}" for label in LABELS for p in "BI"))
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}
LEXICON_CLASSES = ("PER1", "PER2", "LOC1", "LOC2", "ORG1", "ORG2")
DOC_CLASSES = ("PER", "LOC", "ORG")
CLITICS = ("", *PROCLITICS)
CLUSTER_SIZES = ClusterConfig().granularities
N_FLAGS = 2 * len(LEXICON_CLASSES) + len(DOC_CLASSES)
MAX_CHARS = 20


def train_vectors(ant: Path, cache: Path) -> FastText:
    if cache.exists():
        return FastText.load(str(cache))
    lines = list(tokenized_lines(iter_ant_texts(ant)))
    model = FastText(sentences=lines, vector_size=100, window=5, min_count=3, sg=1, epochs=5,
                     workers=2, bucket=500_000, min_n=2, max_n=5, seed=1)
    model.save(str(cache))
    return model


@dataclass
class Encoded:
    words: list[int]
    stripped: list[int]
    chars: list[list[int]]
    clusters: list[list[int]]
    flags: np.ndarray
    shape_clitic: list[list[int]]
    tags: list[int]


class Vocab:
    """Pretrained words (index 0: unknown) and characters seen in training (0: pad, 1: unknown)."""

    def __init__(self, vectors: FastText) -> None:
        self.kv = vectors.wv
        self.words: dict[str, int] = {}
        self.rows: list[np.ndarray] = [np.zeros(self.kv.vector_size, dtype=np.float32)]
        self.chars: dict[str, int] = {"<pad>": 0, "<unk>": 1}

    def word(self, form: str) -> int:
        if form not in self.words and form in self.kv.key_to_index:
            self.words[form] = len(self.rows)
            self.rows.append(self.kv[form])
        return self.words.get(form, 0)

    def char(self, c: str, grow: bool) -> int:
        if grow and c not in self.chars:
            self.chars[c] = len(self.chars)
        return self.chars.get(c, 1)

    def matrix(self) -> torch.Tensor:
        m = torch.tensor(np.stack(self.rows))
        return m / m.norm(dim=1, keepdim=True).clamp(min=1e-6)


def _flags(core: str, stripped: str, res: Resources, doc_classes: frozenset[str]) -> np.ndarray:
    f = np.zeros(N_FLAGS, dtype=np.float32)
    for j, form in enumerate((core, stripped)):
        for cls in res.lexicon.get(form, ()):
            if cls in LEXICON_CLASSES:
                f[j * len(LEXICON_CLASSES) + LEXICON_CLASSES.index(cls)] = 1
    for cls in doc_classes:
        if cls in DOC_CLASSES:
            f[2 * len(LEXICON_CLASSES) + DOC_CLASSES.index(cls)] = 1
    return f


def encode(sentences: Sequence[Sentence], vocab: Vocab, res: Resources, grow: bool) -> list[Encoded]:
    docs = windowed_document_cues([s.tokens for s in sentences])
    out = []
    for sentence, doc in zip(sentences, docs, strict=True):
        e = Encoded([], [], [], [], np.zeros((len(sentence.tokens), N_FLAGS), np.float32), [],
                    [TAG_INDEX[t] for t in sentence.tags])
        for i, token in enumerate(sentence.tokens):
            v = view(token)
            e.words.append(vocab.word(v.core))
            e.stripped.append(vocab.word(v.stripped))
            e.chars.append([vocab.char(c, grow) for c in v.core[:MAX_CHARS]] or [1])
            ids = res.clusters.get(v.core) or res.clusters.get(v.stripped) or res.clusters.get(v.stem)
            e.clusters.append([k + 1 for k in ids] if ids else [0] * len(CLUSTER_SIZES))
            classes = doc.get(v.core, frozenset()) | doc.get(v.stripped, frozenset())
            e.flags[i] = _flags(v.core, v.stripped, res, classes)
            e.shape_clitic.append([SHAPES.index(v.shape), CLITICS.index(v.clitic)])
        out.append(e)
    return out


class CRF(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Summed negative log-likelihood of the gold paths; ``em`` is (batch, length, tags)."""
        score = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
        alpha = self.start[None] + em[:, 0]
        for i in range(1, em.shape[1]):
            m = mask[:, i]
            step = self.trans[tags[:, i - 1], tags[:, i]] + em[:, i].gather(1, tags[:, i:i + 1]).squeeze(1)
            score = score + step * m
            nxt = torch.logsumexp(alpha[:, :, None] + self.trans[None] + em[:, i, None, :], dim=1)
            alpha = torch.where(m[:, None], nxt, alpha)
        last = tags.gather(1, (mask.sum(1) - 1)[:, None]).squeeze(1)
        return (torch.logsumexp(alpha + self.end[None], dim=1) - score - self.end[last]).sum()

    def decode(self, em: torch.Tensor) -> list[int]:
        score = self.start + em[0]
        back = []
        for i in range(1, em.shape[0]):
            score, idx = (score[:, None] + self.trans + em[i][None]).max(0)
            back.append(idx)
        best = [int((score + self.end).argmax())]
        for idx in reversed(back):
            best.append(int(idx[best[-1]]))
        return best[::-1]


class Tagger(nn.Module):
    def __init__(self, embeddings: torch.Tensor, n_chars: int, hidden: int = 128) -> None:
        super().__init__()
        self.emb = nn.Embedding.from_pretrained(embeddings, freeze=True)
        self.char_emb = nn.Embedding(n_chars, 32, padding_idx=0)
        self.conv = nn.Conv1d(32, 64, 3, padding=1)
        self.cluster_emb = nn.ModuleList([nn.Embedding(k + 1, 16, padding_idx=0) for k in CLUSTER_SIZES])
        self.shape_emb = nn.Embedding(len(SHAPES), 8)
        self.clitic_emb = nn.Embedding(len(CLITICS), 8)
        width = 2 * embeddings.shape[1] + 64 + 16 * len(CLUSTER_SIZES) + 16 + N_FLAGS
        self.drop = nn.Dropout(0.5)
        self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, len(TAGS))
        self.crf = CRF(len(TAGS))

    def emissions(self, batch: Sequence[Encoded]) -> tuple[torch.Tensor, torch.Tensor]:
        b, n = len(batch), max(len(e.words) for e in batch)
        width = max(len(c) for e in batch for c in e.chars)
        words = torch.zeros(b, n, dtype=torch.long)
        stripped = torch.zeros(b, n, dtype=torch.long)
        clusters = torch.zeros(b, n, len(CLUSTER_SIZES), dtype=torch.long)
        shape_clitic = torch.zeros(b, n, 2, dtype=torch.long)
        flags = torch.zeros(b, n, N_FLAGS)
        chars = torch.zeros(b, n, width, dtype=torch.long)
        mask = torch.zeros(b, n, dtype=torch.bool)
        for i, e in enumerate(batch):
            k = len(e.words)
            words[i, :k] = torch.tensor(e.words)
            stripped[i, :k] = torch.tensor(e.stripped)
            clusters[i, :k] = torch.tensor(e.clusters)
            shape_clitic[i, :k] = torch.tensor(e.shape_clitic)
            flags[i, :k] = torch.from_numpy(e.flags)
            mask[i, :k] = True
            for j, c in enumerate(e.chars):
                chars[i, j, :len(c)] = torch.tensor(c)
        per_char = self.char_emb(chars.view(b * n, width)).transpose(1, 2)
        per_word = torch.relu(self.conv(per_char)).max(2).values.view(b, n, -1)
        parts = [self.emb(words), self.emb(stripped), per_word, flags]
        parts += [emb(clusters[:, :, j]) for j, emb in enumerate(self.cluster_emb)]
        parts += [self.shape_emb(shape_clitic[:, :, 0]), self.clitic_emb(shape_clitic[:, :, 1])]
        h = self.drop(torch.cat(parts, -1))
        packed = nn.utils.rnn.pack_padded_sequence(h, mask.sum(1), batch_first=True, enforce_sorted=False)
        o, _ = self.lstm(packed)
        o, _ = nn.utils.rnn.pad_packed_sequence(o, batch_first=True, total_length=n)
        return self.out(self.drop(o)), mask

    def predict(self, data: Sequence[Encoded]) -> list[list[str]]:
        self.eval()
        out: list[list[str]] = []
        with torch.no_grad():
            for i in range(0, len(data), 64):
                batch = data[i:i + 64]
                em, _ = self.emissions(batch)
                out.extend([TAGS[t] for t in self.crf.decode(em[j, :len(e.words)])] for j, e in enumerate(batch))
        self.train()
        return out


def fit(model: Tagger, train: list[Encoded], epochs: int, rng: random.Random) -> None:
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=2e-3)
    for epoch in range(epochs):
        started, total = time.time(), 0.0
        # Batches of similar length: padding would otherwise dominate the LSTM's work.
        order = sorted(range(len(train)), key=lambda i: len(train[i].words) + rng.random() * 8)
        batches = [order[i:i + 16] for i in range(0, len(order), 16)]
        rng.shuffle(batches)
        for indices in batches:
            batch = [train[i] for i in indices]
            em, mask = model.emissions(batch)
            tags = torch.zeros(mask.shape, dtype=torch.long)
            for i, e in enumerate(batch):
                tags[i, :len(e.tags)] = torch.tensor(e.tags)
            loss = model.crf.nll(em, tags, mask) / len(batch)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += float(loss.detach())
        took = time.time() - started
        print(f"epoch {epoch + 1}/{epochs}: loss {total / len(batches):.3f} ({took:.0f} s)", flush=True)


def table(name: str, ev: Evaluation) -> None:
    cells = "  ".join(f"{s.label} {s.f1:.3f}" for s in ev.per_type)
    print(f"{name:<22} micro P {ev.micro.precision:.3f} R {ev.micro.recall:.3f} F1 {ev.micro.f1:.3f}   {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("anercorp", type=Path, help="folder with ANERCorp_CamelLab_{train,test}.txt")
    parser.add_argument("--ant", type=Path, required=True, help="ANT articles.jsonl.gz (unlabelled)")
    parser.add_argument("--vectors", type=Path, default=Path("ner-probe-fasttext.model"), help="cache")
    parser.add_argument("--epochs", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--held-out", action="store_true", help="score on the last 10%% of train")
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    train = read_conll(args.anercorp / "ANERCorp_CamelLab_train.txt")
    if args.held_out:
        train, scored = held_out_split(train)
    else:
        scored = read_conll(args.anercorp / "ANERCorp_CamelLab_test.txt")
    vocab = Vocab(train_vectors(args.ant, args.vectors))
    # The shipped CRF's resources: the probe adds vectors and a network, nothing else.
    res = load_resources(resource_dir(), auto=False)
    train_data = encode(train, vocab, res, grow=True)
    scored_data = encode(scored, vocab, res, grow=False)
    model = Tagger(vocab.matrix(), len(vocab.chars))
    fit(model, train_data, args.epochs, rng)
    gold = [s.tags for s in scored]
    print(f"\n{'held-out 10% of train' if args.held_out else 'ANERcorp test'}: {len(scored)} sentences")
    table("BiLSTM-CRF (probe)", evaluate(gold, model.predict(scored_data)))
    if not args.held_out:  # the shipped CRF was trained on the held-out part, so only test is fair
        table("shipped CRF", evaluate(gold, default_tagger().tag_sentences(scored)))
    size = len(vocab.kv.key_to_index) * vocab.kv.vector_size * 2 / 2**20
    print(f"vectors to ship for this vocabulary: {size:.1f} MiB at float16")


if __name__ == "__main__":
    main()
