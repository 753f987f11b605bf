"""How well "what's new" works: labelled stories split at a date, novelty and coverage measured.

Each audit story (``data/audit/stories.jsonl``) that spans several days is split at a date: the
first day on which at least a third of its articles are already out. The articles before it are
what the reader has read; :func:`akhbar.summarize.since.summarize_since` summarizes what the later
ones add. Two figures:

- **novelty**: the share of summary sentences whose fact no earlier article tells, **judged by a
  reader** (``data/audit/since.jsonl``: ``{"story", "key", "new": bool, "reason"}``, the reader
  having searched the earlier articles for the fact). Sentences not judged yet are listed, never
  scored: a rule that judged them would be the selection's own rule, or a looser one that is wrong
  as often as it is right (a lenient overlap called «فاز أولدمان بجائزة أفضل ممثل» told by an
  earlier «رشح كالويا ... إلى جانب أولدمان»).
- **coverage** (automatic, a guide): the later articles' facts are the first three sentences of each
  later article that stand alone and that no earlier sentence tells by a lenient rule (a near copy:
  character 4-gram cosine 0.5; half its meaning in one earlier sentence,
  :func:`akhbar.summarize.overlap.overlap` 0.5; or a same-fact link at the lower bar 0.2), grouped
  into facts by the same rule; the share of those facts a summary sentence tells (is one of them,
  or is linked to one by the same rule), at the summary's word budget.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from akhbar.align import SentenceVectors, align, vectorize
from akhbar.blocking import row_dots
from akhbar.config import Config, SummaryConfig
from akhbar.eval.audit_data import AUDIT_DIR, AuditStory, Split, read_jsonl, read_stories, sentence_key
from akhbar.outlets import outlet_name
from akhbar.pipeline import split_articles
from akhbar.records import Article, Group, Sentence
from akhbar.summarize.overlap import document_frequencies, fact_terms, overlap
from akhbar.summarize.samefact import read_all, same_fact, same_fact_links
from akhbar.summarize.since import is_new, summarize_since
from akhbar.summarize.units import Unit, build_units, stands_alone

# Continuing stories added for "what's new" only (ids from the dev labels of
# akhbar/resources/eval/ant_story_labels.tsv and ant_storyline_labels.tsv, some cut to a window of days):
# the summary and paraphrase audits do not read them.
SINCE_STORIES = AUDIT_DIR / "since_stories.jsonl"
JUDGE_NEAR = 0.5
JUDGE_OVERLAP = 0.5
JUDGE_LINK = 0.2
LEAD_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class SinceResult:
    story: str
    since: str
    before: int  # articles
    after: int
    sentences: int  # summary sentences
    judged: int  # of them, judged by a reader
    novel: int  # of the judged, not told before
    facts: int  # later facts
    covered: int  # of them, told by the summary
    unjudged: tuple[str, ...] = ()  # keys of the summary sentences not judged yet


def read_since_stories(split: Split = "all", path: Path | None = None) -> list[AuditStory]:
    """The stories ``eval-since`` splits at a date: ``path`` alone when given, else the audit stories
    (``data/audit/stories.jsonl``) and the what's-new ones (:data:`SINCE_STORIES`)."""
    if path is not None:
        return read_stories(path, split)
    extra = read_stories(SINCE_STORIES, split) if SINCE_STORIES.exists() else []
    return read_stories(None, split) + extra


def split_date(dates: Sequence[str | None]) -> str | None:
    """The first day on which at least a third of the dated articles are out, and some come later."""
    known = sorted(d[:10] for d in dates if d)
    if not known:
        return None
    for day in sorted(set(known))[1:]:
        if sum(d < day for d in known) >= len(known) / 3:
            return day
    return None


def split_dates(dates: Sequence[str | None]) -> list[str]:
    """Every day after the first on which some dated article is out: the reader's possible last looks
    (the harder cases: later dates leave more told before, and fewer articles after)."""
    return sorted({d[:10] for d in dates if d})[1:]


Judgements = Mapping[tuple[str, str | None, str], bool]


def read_since_judgements(path: Path | None = None) -> dict[tuple[str, str | None, str], bool]:
    """``(story, since, key) -> new`` from ``data/audit/since.jsonl`` (empty when the file is missing).

    ``since`` is None for a line without one: it judges the sentence at the story's
    :func:`split_date`."""
    path = path or AUDIT_DIR / "since.jsonl"
    if not path.exists():
        return {}
    return {(str(r["story"]), str(r["since"]) if r.get("since") else None, str(r["key"])): bool(r["new"])
            for r in read_jsonl(path)}


def _verdict(judgements: Judgements, story: str, since: str, default: str | None, key: str) -> bool | None:
    found = judgements.get((story, since, key))
    if found is None and since == default:
        found = judgements.get((story, None, key))
    return found


@dataclass(frozen=True, slots=True)
class PreparedStory:
    """What the summaries of one story at any split date share: its sentences read, aligned and
    linked once (``eval-since --all-dates`` splits one story at every later day)."""

    sentences: Sequence[Sentence]
    vectors: SentenceVectors
    groups: Sequence[Group]
    links: Mapping[int, tuple[int, ...]]
    units: Sequence[Unit]
    titles: Mapping[str, str | None]
    outlets: Mapping[str, str]
    summary_config: SummaryConfig
    judge: _Judge


def prepare_story(articles: Sequence[Article], *, config: Config) -> PreparedStory:
    """The date-independent work of :func:`evaluate_story` for ``articles``."""
    sentences = split_articles(articles)
    vectors = vectorize(sentences)
    groups = align(sentences, vectors, config=config.align)
    summary_config = config.summary_for(len(articles))
    outlets = {a.id: outlet_name(a) for a in articles}
    titles = {a.id: a.title for a in articles}
    links = same_fact_links(sentences, vectors, outlets, threshold=summary_config.same_fact_threshold)
    units = build_units(sentences, groups, vectors, config=summary_config, titles=titles)
    return PreparedStory(sentences, vectors, groups, links, units, titles, outlets, summary_config,
                         _Judge([s.text for s in sentences], vectors.chars))


def evaluate_story(story: str, articles: Sequence[Article], *, config: Config,
                   judgements: Judgements | None = None, since: str | None = None,
                   prepared: PreparedStory | None = None) -> SinceResult | None:
    """Novelty and coverage of the "what's new" summary of one story split at ``since`` (default: its
    :func:`split_date`), or None when it spans one day. ``prepared``: :func:`prepare_story` of the
    same articles and config, when the story is split at several dates."""
    dates = {a.id: a.date for a in articles}
    default = split_date(list(dates.values()))
    since = since or default
    if since is None:
        return None
    p = prepared or prepare_story(articles, config=config)
    sentences, judge = p.sentences, p.judge
    items = summarize_since(sentences, p.groups, p.vectors, since=since, config=p.summary_config, dates=dates,
                            titles=p.titles, align=config.align, outlets=p.outlets, links=p.links, units=p.units)
    new = [is_new(dates.get(s.article), since) for s in sentences]
    earlier = [i for i, is_later in enumerate(new) if not is_later]
    index_of = {(s.article, s.index): i for i, s in enumerate(sentences)}
    chosen = [index_of[(i.sentence.article, i.sentence.index)] for i in items]
    keys = [sentence_key(sentences[i].article, sentences[i].text) for i in chosen]
    verdicts = [_verdict(judgements or {}, story, since, default, key) for key in keys]
    leads = [i for i, s in enumerate(sentences) if new[i] and s.index < LEAD_SENTENCES
             and stands_alone(s.text, p.summary_config) and not judge.told_by(i, earlier)]
    facts = judge.facts(leads)
    covered = sum(any(i in fact or judge.told_by(i, list(fact)) for i in chosen) for fact in facts)
    return SinceResult(story, since, sum(not is_new(d, since) for d in dates.values()),
                       sum(is_new(d, since) for d in dates.values()), len(chosen),
                       sum(v is not None for v in verdicts), sum(v is True for v in verdicts), len(facts), covered,
                       tuple(k for k, v in zip(keys, verdicts, strict=True) if v is None))


def evaluate_dates(story: str, articles: Sequence[Article], *, config: Config, judgements: Judgements | None = None,
                   all_dates: bool = False) -> list[SinceResult]:
    """:func:`evaluate_story` at the story's split date, or at every later day (``all_dates``), the
    date-independent work done once."""
    dates = [a.date for a in articles]
    days: list[str | None] = list(split_dates(dates)) if all_dates else [None]
    if not days or (not all_dates and split_date(dates) is None):
        return []
    prepared = prepare_story(articles, config=config)
    return [r for since in days if (r := evaluate_story(story, articles, config=config, judgements=judgements,
                                                        since=since, prepared=prepared)) is not None]


class _Judge:
    """The stricter "tells the same fact" of the module docstring, over one story's sentences. Only
    sentences sharing a content term are compared (an inverted index over their terms): two that share
    none have no term overlap, and near copies (``JUDGE_NEAR`` of character cosine) share terms; the
    pairwise judge gives the same leads and facts (tests/eval/test_since_eval.py)."""

    def __init__(self, texts: Sequence[str], chars: object) -> None:
        self.chars = chars
        self.readings = read_all(texts)
        df, n = document_frequencies(texts, background=True)
        self.terms = [fact_terms(t, df, n) for t in texts]
        postings: dict[str, list[int]] = defaultdict(list)
        for i, (terms, reading) in enumerate(zip(self.terms, self.readings, strict=True)):
            for term in set(terms.weights) | set(reading.weights):
                postings[term].append(i)
        self.postings = postings
        self._same: dict[tuple[int, int], bool] = {}
        self._shared: dict[int, set[int]] = {}

    def same(self, i: int, j: int) -> bool:
        key = (i, j) if i < j else (j, i)
        if key not in self._same:
            chars = float(row_dots(self.chars, np.array([i]), np.array([j]))[0])  # type: ignore[arg-type]
            self._same[key] = (chars >= JUDGE_NEAR or overlap(self.terms[i], self.terms[j]) >= JUDGE_OVERLAP
                               or same_fact(self.readings[i], self.readings[j], chars=chars, threshold=JUDGE_LINK,
                                            char_threshold=JUDGE_LINK))
        return self._same[key]

    def _sharing(self, i: int) -> set[int]:
        """The sentences sharing a term with ``i`` (asked once per fact and chosen sentence: kept)."""
        if i not in self._shared:
            terms = set(self.terms[i].weights) | set(self.readings[i].weights)
            self._shared[i] = set().union(*(self.postings[t] for t in terms)) - {i}
        return self._shared[i]

    def told_by(self, i: int, others: Sequence[int]) -> bool:
        sharing = self._sharing(i)
        return any(self.same(i, j) for j in others if j in sharing)

    def facts(self, leads: Sequence[int]) -> list[frozenset[int]]:
        """``leads`` grouped by the judge's links, each lead compared with the grouped leads it shares a
        term with (union-find over those pairs)."""
        parent = {i: i for i in leads}

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for k, i in enumerate(leads):
            sharing = self._sharing(i)
            for j in leads[:k]:
                if j in sharing and root(i) != root(j) and self.same(i, j):
                    parent[root(i)] = root(j)
        groups: dict[int, set[int]] = defaultdict(set)
        for i in leads:
            groups[root(i)].add(i)
        return [frozenset(g) for g in groups.values()]


def summarize_results(results: Sequence[SinceResult]) -> Mapping[str, float]:
    judged = sum(r.judged for r in results)
    facts = sum(r.facts for r in results)
    novel = sum(r.novel for r in results)
    covered = sum(r.covered for r in results)
    return {"stories": len(results), "sentences": sum(r.sentences for r in results), "judged": judged,
            "novel": novel, "novelty": novel / judged if judged else 0.0, "facts": facts, "covered": covered,
            "coverage": covered / facts if facts else 0.0}
