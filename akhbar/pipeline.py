"""Compose the stages: articles -> sentences -> alignment -> summary -> facts -> report record."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

from akhbar.align import align, vectorize
from akhbar.config import Config, SummaryConfig, load_config
from akhbar.outlets import outlet_name
from akhbar.records import Article, BadInput, Group, Report, Sentence, SummaryItem
from akhbar.summarize import summarize
from akhbar.text.segment import sentence_spans

if TYPE_CHECKING:
    from akhbar.facts import Facts
    from akhbar.ner.memo import Tagged, TagMemo


def split_articles(articles: Sequence[Article]) -> list[Sentence]:
    """Every sentence of every article, in article order, with offsets into ``Article.body``."""
    return [
        Sentence(article.id, index, start, end, article.body[start:end])
        for article in articles
        for index, (start, end) in enumerate(sentence_spans(article.body))
    ]


def _summary_stages(
    articles: Sequence[Article], config: Config
) -> tuple[list[Sentence], list[Group], list[SummaryItem]]:
    sentences = split_articles(articles)
    vectors = vectorize(sentences)
    groups = align(sentences, vectors, config=config.align)
    titles = {article.id: article.title for article in articles}
    dates = {article.id: article.date for article in articles}
    summary_config = config.summary_for(len({a.id for a in articles}))
    outlets = {article.id: outlet_name(article) for article in articles}
    return sentences, groups, summarize(sentences, groups, vectors, config=summary_config, titles=titles,
                                          align=config.align, dates=dates, outlets=outlets)


def run(
    articles: Sequence[Article], *, config: Config | None = None, errors: Sequence[BadInput] = (),
    with_facts: bool = True,
) -> Report:
    """The whole report for one story: summary, shared passages and (unless disabled) the facts."""
    config = config or load_config()
    sentences, groups, summary = _summary_stages(articles, config)
    facts = None
    if with_facts:
        from akhbar.facts import extract_facts

        facts = extract_facts(articles, sentences)
    return Report(tuple(articles), tuple(sentences), tuple(groups), tuple(summary), facts, config, tuple(errors))


SummaryHalf = tuple[list[Sentence], list[Group], list[SummaryItem]]


def summary_half(articles: Sequence[Article], *, config: Config) -> SummaryHalf:
    """The report's sentences, shared passages and summary: :func:`run` without the facts. The facts
    read the articles and their sentences only, never the summary, so the two halves of a large story's
    report can be built at once in two processes (:func:`facts_half`, then :func:`joined`)."""
    return _summary_stages(articles, config)


def facts_half(articles: Sequence[Article], known: dict[str, Tagged]) -> tuple[Facts, dict[str, dict[str, Tagged]]]:
    """The facts of :func:`run`, with the tagged sentences of :func:`run_remembering` (read from ``known``
    before tagging; and each article's, as it hands them back)."""
    from akhbar.facts import extract_facts

    sentences = split_articles(articles)  # what _summary_stages splits: the same sentences
    with _remembering(known) as memo:
        facts = extract_facts(articles, sentences)
    return facts, _parts_of(memo, sentences)


def joined(articles: Sequence[Article], summary: SummaryHalf, facts: Facts | None, *, config: Config) -> Report:
    """The report of :func:`run` from its two halves."""
    sentences, groups, items = summary
    return Report(tuple(articles), tuple(sentences), tuple(groups), tuple(items), facts, config, ())


def summarize_articles(
    articles: Sequence[Article], *, words: int | None = None, config: SummaryConfig | None = None
) -> list[SummaryItem]:
    """Only the summary (what evaluation needs): no facts are extracted.

    ``config`` replaces the packaged summary settings for single and multi-document batches alike.
    """
    base = load_config()
    if config is not None:
        base = replace(base, summary=config, multi_summary=())
    if words is not None:
        base = with_words(base, words)
    return _summary_stages(articles, base)[2]


def with_words(config: Config, words: int) -> Config:
    """``config`` with a word budget for every kind of batch."""
    multi = tuple((k, v) for k, v in config.multi_summary if k != "words")
    return replace(config, summary=replace(config.summary, words=words), multi_summary=multi)


def with_since(config: Config, since: str | None) -> Config:
    """``config`` summarizing only what the articles dated ``since`` (ISO date) or later add, for
    every kind of batch; ``None`` leaves it unchanged. A ValueError names a date that is not ISO."""
    if since is None:
        return config
    from akhbar.summarize import since_setting

    try:
        value = since_setting(since)
    except ValueError:
        raise ValueError(f"--since {since!r}: not a date (YYYY-MM-DD)") from None
    multi = tuple((k, v) for k, v in config.multi_summary if k != "since")
    return replace(config, summary=replace(config.summary, since=value), multi_summary=multi)


def run_remembering(
    articles: Sequence[Article], known: dict[str, Tagged], *, config: Config, with_facts: bool = True,
) -> tuple[Report, dict[str, dict[str, Tagged]]]:
    """:func:`run`, the tagger reading ``known`` (tagged sentences of earlier reports, see
    :mod:`akhbar.ner.memo`) before tagging, and each article's tagged sentences (none without facts).

    The report is the one :func:`run` makes: an entry is reused only where tagging gives the same."""
    with _remembering(known) as memo:
        report = run(articles, config=config, with_facts=with_facts)
    if not with_facts:
        return report, {}
    return report, _parts_of(memo, report.sentences)


@contextmanager
def _remembering(known: dict[str, Tagged]) -> Iterator[TagMemo]:
    from akhbar.ner.memo import TagMemo, remembering

    with remembering(TagMemo(known=dict(known))) as memo:
        yield memo


def _parts_of(memo: TagMemo, sentences: Sequence[Sentence]) -> dict[str, dict[str, Tagged]]:
    """Each article's tagged sentences, as the tagger read them (one text per article)."""
    from akhbar.facts.entities import tagged_text

    by_article: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        by_article.setdefault(sentence.article, []).append(sentence)
    return {article: memo.entries(tagged_text(group)) for article, group in by_article.items()}
