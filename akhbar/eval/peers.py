"""Peer summarisers to compare akhbar with: ``lead``, sumy's LexRank/TextRank/LSA and the ``lexrank`` package.

Every peer is a ``(articles, words) -> list[str]`` callable in :data:`PEERS` and sees exactly what
akhbar sees:

- sentences: :func:`akhbar.text.split_sentences` over each article's ``body`` (titles are not
  summary candidates); a sentence without a ``match`` token (a rule of tatweel ــــ, say) is dropped;
- words of a sentence (for ranking): ``match``-normalized tokens, lightly stemmed, with akhbar's
  packaged stop words (``akhbar/resources/stopwords.txt``) removed;
- the word budget rule (:func:`select_within_budget`, shared by every peer, and the rule of
  ``akhbar.summarize.select``): walk the candidates in the peer's rank order and take a whole
  sentence when the running total of words (white-space separated, as akhbar counts them) stays
  within ``words``; a sentence that would pass the budget is skipped and the walk goes on; a
  sentence whose ``match`` tokens equal a taken one's is skipped. No sentence is ever cut, so a
  summary can be empty when no sentence fits. Ranked peers output their sentences in article
  order, then sentence order; ``lead`` outputs them in the order taken.

``lead`` takes first sentences round-robin over the articles (1st of each, then 2nd of each, ...):
the clean lead baseline, date-only lines removed.
The sumy and lexrank peers need the optional extra ``akhbar[peers]``; they import it when called,
so importing :mod:`akhbar.eval` never imports sumy, and a missing extra raises :class:`PeersMissingError`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from akhbar.align import content_stems, stopwords
from akhbar.ingest.dates import is_date_line
from akhbar.records import Article
from akhbar.summarize import word_count
from akhbar.text import light_stem, match_tokens, split_sentences

Peer = Callable[[Sequence[Article], int], list[str]]
INSTALL_HINT = "pip install akhbar[peers]"


class PeersMissingError(ImportError):
    """The optional peers (sumy, nltk, lexrank) are not installed."""


@dataclass(frozen=True, slots=True)
class Candidate:
    article: int
    index: int
    text: str

    @property
    def order(self) -> tuple[int, int]:
        return (self.article, self.index)


def candidates(articles: Sequence[Article]) -> list[Candidate]:
    """Summary candidates of ``articles``: their body sentences that hold a word token and are not
    a date alone (`الأحد 4 ديسمبر 2016`, which akhbar's ingest removes too)."""
    return [Candidate(a, i, s) for a, article in enumerate(articles)
            for i, s in enumerate(split_sentences(article.body)) if match_tokens(s) and not is_date_line(s)]


def select_within_budget(ranked: Sequence[Candidate], words: int) -> list[Candidate]:
    """The budget rule of the module docstring: whole sentences, in rank order, within ``words``."""
    chosen: list[Candidate] = []
    seen: set[str] = set()
    total = 0
    for cand in ranked:
        key = " ".join(match_tokens(cand.text))
        if key in seen:
            continue
        n = word_count(cand.text)
        if total + n <= words:
            chosen.append(cand)
            seen.add(key)
            total += n
    return chosen


def lead(articles: Sequence[Article], words: int) -> list[str]:
    """First sentences, round-robin over the articles, within the budget."""
    per_article: dict[int, list[Candidate]] = {}
    for cand in candidates(articles):
        per_article.setdefault(cand.article, []).append(cand)
    ranked: list[Candidate] = []
    depth = max((len(v) for v in per_article.values()), default=0)
    for i in range(depth):
        ranked.extend(v[i] for v in per_article.values() if i < len(v))
    return [c.text for c in select_within_budget(ranked, words)]


def _ranked_output(cands: Sequence[Candidate], order: Sequence[int], words: int) -> list[str]:
    chosen = select_within_budget([cands[i] for i in order], words)
    return [c.text for c in sorted(chosen, key=lambda c: c.order)]


class _Tokenizer:
    """What sumy asks of a tokenizer, answered with akhbar's splitter and tokens."""

    language = "arabic"

    @staticmethod
    def to_sentences(paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    @staticmethod
    def to_words(sentence: str) -> list[str]:
        return match_tokens(sentence)


def _require(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise PeersMissingError(f"peer summarisers need the optional extra: {INSTALL_HINT} ({exc})") from exc


def _sumy_peer(module: str, class_name: str) -> Peer:
    def run(articles: Sequence[Article], words: int) -> list[str]:
        dom = _require("sumy.models.dom")
        summarizer_cls = getattr(_require(module), class_name)
        cands = candidates(articles)
        if len(cands) <= 1:
            return [c.text for c in select_within_budget(cands, words)]
        tokenizer = _Tokenizer()
        sentences = [dom.Sentence(c.text, tokenizer) for c in cands]
        paragraphs = [dom.Paragraph([s for s, c in zip(sentences, cands, strict=True) if c.article == a])
                      for a in sorted({c.article for c in cands})]
        summarizer = summarizer_cls(light_stem)
        summarizer.stop_words = stopwords()
        ranked: list[Any] = []

        def capture(infos: list[Any]) -> list[Any]:
            ranked.extend(infos)  # sorted by rating, best first
            return infos

        with warnings.catch_warnings():
            # sumy's LexRank divides by a zero norm when no two sentences share a word; its ratings are
            # then NaN and its order is the document order. Kept as sumy behaves; the warning is noise.
            warnings.simplefilter("ignore", RuntimeWarning)
            summarizer(dom.ObjectDocumentModel(paragraphs), capture)
        # sumy hashes sentences by text: equal texts share one rating; map back by position.
        position = {id(s): i for i, s in enumerate(sentences)}
        by_text: dict[str, list[int]] = {}
        for i, c in enumerate(cands):
            by_text.setdefault(c.text.strip(), []).append(i)
        order: list[int] = []
        for info in ranked:
            found = position.get(id(info.sentence))
            order.extend([found] if found is not None else by_text.get(str(info.sentence), []))
        return _ranked_output(cands, list(dict.fromkeys(order)), words)

    run.__name__ = f"sumy_{class_name}"
    return run


def lexrank_package(articles: Sequence[Article], words: int, threshold: float = 0.1) -> list[str]:
    """The ``lexrank`` package; IDF from the cluster's own sentences (one sentence a document)."""
    lexrank = _require("lexrank")
    cands = candidates(articles)
    texts = [" ".join(content_stems(c.text)) for c in cands]  # the content words akhbar's alignment sees
    informative = [t for t in texts if t]
    if len(cands) <= 1 or len(informative) <= 1:
        return [c.text for c in select_within_budget(cands, words)]
    ranker = lexrank.LexRank([[t] for t in informative], stopwords=set(), keep_numbers=True)
    scores = ranker.rank_sentences([t or "-" for t in texts], threshold=threshold)
    order = sorted(range(len(cands)), key=lambda i: (-float(scores[i]), i))
    return _ranked_output(cands, order, words)


PEERS: dict[str, Peer] = {
    "lead": lead,
    "sumy-lexrank": _sumy_peer("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "sumy-textrank": _sumy_peer("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "sumy-lsa": _sumy_peer("sumy.summarizers.lsa", "LsaSummarizer"),
    "lexrank": lexrank_package,
}


def get_peer(name: str) -> Peer:
    try:
        return PEERS[name]
    except KeyError:
        raise ValueError(f"unknown peer {name!r}; known: {', '.join(PEERS)}") from None
