"""How each outlet names the actors, in its own voice, and which words set it apart.

Own voice excludes quotations and reported speech (the content of quotes found by
:mod:`akhbar.facts.quotes`). Actor terms come from ``actor_terms.tsv`` (longest match first, so
``الجيش السوري الحر`` is the opposition and ``الجيش السوري`` the regime). Distinctive words are
found by the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
Quinn 2008), one outlet against the rest of the batch, the prior taken from the pooled batch.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache, lru_cache

from akhbar.facts._common import Tok, clitic_forms, tokens_of
from akhbar.facts.quotes import reported_spans, verb_base
from akhbar.facts.records import DistinctiveTerm, Framing, TermUse
from akhbar.outlets import outlet_name
from akhbar.records import Article, Sentence
from akhbar.resources import resource_set, resource_table
from akhbar.text import light_stem

_MAX_TERM = 4
_MIN_LEN = 3


@cache
def actor_terms() -> dict[tuple[str, ...], str]:
    return {tuple(row[0].split()): row[1] for row in resource_table("actor_terms.tsv")}


@cache
def _term_openers() -> frozenset[str]:
    """The first words of the actor terms: most tokens open none and need no longer lookup."""
    return frozenset(term[0] for term in actor_terms())


def own_voice_tokens(sentence: Sentence) -> list[Tok]:
    """Tokens of a sentence outside quotations and reported speech."""
    return list(_own_voice_cached(sentence))


@lru_cache(maxsize=65_536)
def _own_voice_cached(sentence: Sentence) -> tuple[Tok, ...]:
    # Both the term counts and the distinctive terms read every sentence's own voice.
    merged: list[list[int]] = []  # the reported spans as disjoint sorted ranges
    for s, e in sorted(reported_spans(sentence)):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        elif s < e:
            merged.append([s, e])
    starts = [s for s, _ in merged]
    out = []
    for t in tokens_of(sentence.text):
        k = bisect_right(starts, t.start) - 1  # the last range starting at or before the token
        if k < 0 or t.start >= merged[k][1]:
            out.append(t)
    return tuple(out)


_BREAKS = frozenset('،,.:;«»"“”')


def _breaks(toks: list[Tok], text: str) -> list[int]:
    """``out[k]``: how many gaps between tokens ``0 .. k`` hold punctuation (a term never spans one)."""
    out = [0]
    for k in range(len(toks) - 1):
        out.append(out[-1] + (not _BREAKS.isdisjoint(text[toks[k].end : toks[k + 1].start])))
    return out


def match_terms(toks: list[Tok], text: str) -> list[tuple[int, int, str]]:
    """``(first, last + 1, referent)`` token ranges of actor terms, longest first, not overlapping."""
    terms = actor_terms()
    openers = _term_openers()
    breaks = _breaks(toks, text)  # tokens i .. i + n - 1 are contiguous: no break in gaps i .. i + n - 2
    out = []
    i = 0
    while i < len(toks):
        hit = None
        if openers.isdisjoint(clitic_forms(toks[i].norm)):
            i += 1
            continue
        for n in range(min(_MAX_TERM, len(toks) - i), 0, -1):
            if breaks[i + n - 1] != breaks[i]:
                continue
            rest = tuple(t.norm for t in toks[i + 1 : i + n])
            for first in clitic_forms(toks[i].norm):
                if (first, *rest) in terms:
                    hit = (i, i + n, terms[(first, *rest)])
                    break
            if hit:
                break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def _strip_surface(surface: str, norm: str, form: str) -> str:
    """Drop the proclitics the match dropped (والمليشيات -> المليشيات, للمليشيات -> المليشيات)."""
    if norm.startswith("لل") and form.startswith("ال") and not form.startswith("لل"):
        return "ال" + surface.lstrip("وف")[2:]
    drop = len(norm) - len(form)
    return surface[drop:] if 0 < drop < len(surface) else surface


def _outlet(article: str, outlets: dict[str, str]) -> str:
    return outlets.get(article, article)


def term_uses(sentences: Sequence[Sentence], outlets: dict[str, str]) -> list[TermUse]:
    counts: dict[tuple[str, str, str], list[tuple[str, Sentence]]] = defaultdict(list)
    for sentence in sentences:
        toks = own_voice_tokens(sentence)
        for a, b, referent in match_terms(toks, sentence.text):
            key = " ".join(t.norm for t in toks[a:b])
            first = clitic_forms(toks[a].norm)
            key = " ".join(
                [
                    next((f for f in first[::-1] if (f, *key.split()[1:]) in actor_terms()), first[0]),
                    *key.split()[1:],
                ]
            )
            surface = _strip_surface(sentence.text[toks[a].start : toks[b - 1].end], toks[a].norm, key.split()[0])
            counts[(_outlet(sentence.article, outlets), referent, key)].append((surface, sentence))
    out = []
    for (outlet, referent, _key), uses in counts.items():
        surface = Counter(s for s, _ in uses).most_common(1)[0][0]
        sents = tuple(dict.fromkeys(s for _, s in uses))
        out.append(TermUse(referent, surface, outlet, len(uses), tuple(sorted({s.article for s in sents})), sents))
    out.sort(key=lambda u: (u.referent, u.outlet, -u.count, u.term))
    return out


def _vocabulary(toks: list[Tok]) -> list[tuple[str, str]]:
    return [(stem, t.text) for t in toks if (stem := _vocabulary_stem(t.norm)) is not None]


@cache
def _stop_forms() -> frozenset[str]:
    return resource_set("function_words.txt") | resource_set("stopwords.txt")


@lru_cache(maxsize=100_000)
def _vocabulary_stem(norm: str) -> str | None:
    """The stem a word counts under in an outlet's vocabulary, or None for function words and numbers."""
    stop = _stop_forms()
    if len(norm) < _MIN_LEN or norm[0].isdigit() or not stop.isdisjoint(clitic_forms(norm)) or verb_base(norm):
        return None
    stem = light_stem(norm)
    return stem if stem not in stop and len(stem) >= _MIN_LEN - 1 else None


def log_odds(counts: dict[str, Counter[str]], alpha0: float | None = None) -> dict[str, dict[str, float]]:
    """z-scores of the weighted log-odds ratio of each word, each group against all the others.

    ``alpha0`` scales the informative Dirichlet prior ``alpha_w = alpha0 * pooled_w / N``; by
    default it is the pooled size, which shrinks words seen in only one small text strongly.
    """
    pooled: Counter[str] = Counter()
    for c in counts.values():
        pooled.update(c)
    total = sum(pooled.values())
    if total == 0:
        return {g: {} for g in counts}
    a0 = alpha0 if alpha0 is not None else float(total)
    out: dict[str, dict[str, float]] = {}
    for group, c in counts.items():
        n_i = sum(c.values())
        n_j = total - n_i
        scores = {}
        for word, count in c.items():
            alpha = a0 * pooled[word] / total
            y_i, y_j = count, pooled[word] - count
            rest_i, rest_j = n_i + a0 - y_i - alpha, n_j + a0 - y_j - alpha
            if rest_i <= 0 or rest_j <= 0:
                continue  # the word is all there is: no odds to compare
            delta = math.log((y_i + alpha) / rest_i) - math.log((y_j + alpha) / rest_j)
            scores[word] = delta / math.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
        out[group] = scores
    return out


def distinctive_terms(
    sentences: Sequence[Sentence],
    outlets: dict[str, str],
    *,
    top_k: int = 8,
    min_count: int = 2,
    alpha0: float | None = None,
) -> list[DistinctiveTerm]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        outlet = _outlet(sentence.article, outlets)
        articles[outlet].add(sentence.article)
        for stem, surface in _vocabulary(own_voice_tokens(sentence)):
            counts[outlet][stem] += 1
            surfaces[(outlet, stem)][surface] += 1
    if len(counts) < 2:
        return []
    pooled: Counter[str] = Counter()
    for c in counts.values():
        pooled.update(c)
    out = []
    for outlet, scores in log_odds(counts, alpha0).items():
        ranked = sorted(
            (w for w in scores if counts[outlet][w] >= min_count and scores[w] > 0), key=lambda w: -scores[w]
        )[:top_k]
        for w in ranked:
            out.append(
                DistinctiveTerm(
                    outlet,
                    surfaces[(outlet, w)].most_common(1)[0][0],
                    round(scores[w], 3),
                    counts[outlet][w],
                    pooled[w] - counts[outlet][w],
                    tuple(sorted(articles[outlet])),
                )
            )
    return out


def extract_framing(
    articles: Sequence[Article], sentences: Sequence[Sentence], *, top_k: int = 8, alpha0: float | None = None
) -> Framing:
    outlets = {a.id: outlet_name(a) for a in articles}
    distinct = distinctive_terms(sentences, outlets, top_k=top_k, alpha0=alpha0)
    return Framing(tuple(term_uses(sentences, outlets)), tuple(distinct))
