"""Summary: rank aligned groups, pick one sentence per fact within a word budget, cite.

Two selections share the units of :mod:`akhbar.summarize.units` (alignment groups and lone
sentences, scored):

- one article (``lead_first = 0``, :mod:`akhbar.summarize.select`): greedy by score with a
  redundancy penalty (MMR), ordered by position; tuned on EASC and ANT standfirsts;
- several outlets (``lead_first = 1``, :mod:`akhbar.summarize.leads`): every article's lead, then
  its next sentences, skipping a fact already told (alignment group or meaning-level overlap),
  ordered by the date of the first report; chosen on the multi-document ANT set.

Either way each item is one sentence as an outlet wrote it, citing every article that holds it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from akhbar.align import SentenceVectors
from akhbar.config import AlignConfig, SummaryConfig
from akhbar.records import Group, Sentence, SummaryItem
from akhbar.summarize.eligible import alone_and_short, cite, with_antecedent
from akhbar.summarize.leads import select_leads
from akhbar.summarize.samefact import same_fact_links
from akhbar.summarize.select import cited_articles, select
from akhbar.summarize.units import (
    Unit,
    build_units,
    is_dangling,
    is_furniture,
    lexrank,
    stands_alone,
    title_overlap,
    word_count,
)

__all__ = [
    "Unit",
    "build_units",
    "cite",
    "cited_articles",
    "is_dangling",
    "is_furniture",
    "lexrank",
    "select",
    "since_date",
    "since_setting",
    "stands_alone",
    "summarize",
    "title_overlap",
    "word_count",
]


def summarize(
    sentences: Sequence[Sentence], groups: Sequence[Group], vectors: SentenceVectors, *,
    config: SummaryConfig, titles: Mapping[str, str | None] | None = None, align: AlignConfig | None = None,
    dates: Mapping[str, str | None] | None = None, outlets: Mapping[str, str] | None = None,
) -> list[SummaryItem]:
    """The summary: each item is one sentence as an outlet wrote it, citing every article holding it
    and naming as ``related`` the articles that tell its fact in other words.

    ``outlets`` (article id -> outlet name) lets one outlet's several articles count as one voice;
    without it each article is its own outlet.
    """
    if config.since:
        from akhbar.summarize.since import summarize_since

        return summarize_since(sentences, groups, vectors, since=since_date(config.since), config=config,
                               dates=dates or {}, titles=titles, align=align, outlets=outlets)
    units = build_units(sentences, groups, vectors, config=config, titles=titles)
    links = same_fact_links(sentences, vectors, outlets, threshold=config.same_fact_threshold)
    if config.lead_first:
        eligible = alone_and_short(sentences, config)
        chosen = select_leads(units, sentences, config=config, dates=dates or {}, eligible=eligible,
                              outlets=outlets, links=links, attachable=with_antecedent(sentences, config, eligible))
    else:
        chosen = select(units, sentences, vectors, config=config)
    return cite(chosen, sentences, vectors, links, align=align or AlignConfig())


def since_date(value: int) -> str:
    """``20180508`` (the ``since`` setting) as ``2018-05-08``."""
    text = f"{value:08d}"
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def since_setting(date: str) -> int:
    """An ISO date (``2018-05-08``) as the ``since`` setting; a ValueError for anything else."""
    from datetime import date as day

    return int(day.fromisoformat(date.strip()).strftime("%Y%m%d"))
