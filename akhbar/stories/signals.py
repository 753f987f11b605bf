"""Signals the story fold reads besides its TF-IDF terms (kept apart from the fold itself).

``text_day``: an undated article's own word for its date. A feed item or a file with no date in its
metadata or its header often writes the day in its lead (``أعلنت الوزارة يوم 12 يوليو 2005 ...``).
Taking that day puts the article in its own time, so it can no longer join a story of any date
(a July article joined a September story before).

``specific_terms``: the terms of an article that name its event rather than its theme (the fold carries
a story to another day only through one of them, among the article's heaviest). A theme's words come
every day (ذهب, حوثي, هلال: the gold market, the Yemen war, a
football club), an event's names come in a burst (خاشقجي, سكريبال) or are rare. Articles that share
only theme words are different events of one theme (each day's gold price, each front of a war):
without this, a story swallowed its theme day after day. The burst of each term is measured once
over the ANT archive (``scripts/build_term_burst.py``, ``resources/term_burst.tsv``): shipped, like
the archive's document frequencies, so the rule does not depend on what was folded before.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import cache

from akhbar.ingest.dates import parse_date
from akhbar.records import Article
from akhbar.resources import resource_table
from akhbar.vectors import background_frequencies

_LEAD_CHARACTERS = 400  # the first sentences: a date written further down is background


def text_day(article: Article) -> int | None:
    """The day (proleptic ordinal) the lead of ``article`` writes, if it writes a full date (day,
    month, year), else None."""
    found = parse_date(article.body[:_LEAD_CHARACTERS])
    return found.toordinal() if found is not None else None


@cache
def term_bursts() -> Mapping[str, float]:
    """Each story term's burst over the archive: days it occurs on / days expected at random (below 1:
    it comes in bursts). Terms missing from the table were too rare to measure."""
    return {term: float(value) for term, value in resource_table("term_burst.tsv")}


THEME_DF = 1000  # about 3% of the archive


@cache
def theme_terms(rare_df: int, burst: float) -> frozenset[str]:
    """The archive's terms that are not specific: held by more than ``rare_df`` archive articles and
    spread over its days (burst above ``burst``). Every other term (rarer, bursty, or unknown) is."""
    table, _ = background_frequencies()
    bursts = term_bursts()
    # A term whose weeks were counted is judged by them: a rare place named every week (صرواح, a front
    # of a war) is a theme as much as a common one. Rarity speaks only for the terms too rare to count.
    # A term held by more than THEME_DF archive articles (قوات، روسيا، حوثي) is a theme whatever its weeks:
    # over so many articles a war's or a season's ebb and flow looks like a burst.
    return frozenset(t for t, df in table.items()
                     if df > THEME_DF or ((df > rare_df or t in bursts) and bursts.get(t, 1.0) > burst))


RUNNING_RATIO = 10.0  # a term this many times as frequent in what was read as in the archive is bursting now
RUNNING_MIN = 3  # ... when at least this many of the articles read hold it
RUNNING_SHARE = 0.05  # ... and at least this share of them: it dominates what was read (a small or topical input)
RUNNING_PRIOR = 20  # pseudo-articles at the archive's rate: a short read is not taken at its word


def specific_terms(terms: Sequence[str], df: Mapping[str, int], documents: int, *, rare_df: int,
                   burst: float, themes: Collection[str] = ()) -> list[str] | None:
    """The terms of an article that name an event rather than a theme: specific in the archive (see
    the module docstring), or bursting in what the fold has read (its running counts ``df`` over
    ``documents`` articles): a theme word of the archive's period can name an event of another time
    (حلب in December 2016). ``themes``: more terms the archive holds for a theme's (the fronts of a war
    named week after week); they too count only where they burst in what was read. None when the check
    is off (``rare_df`` 0)."""
    if rare_df <= 0:
        return None
    themed = theme_terms(rare_df, burst)
    prior, prior_n = background_frequencies()
    found = []
    for term in dict.fromkeys(terms):
        if any(c.isdigit() for c in term):
            continue  # a price, a score, a toll: the same figure comes back in other events of a theme
        if term not in themed and term not in themes:
            found.append(term)
            continue
        held = df.get(term, 0)
        if held < RUNNING_MIN or not prior_n:
            continue
        share = prior.get(term, 0) / prior_n
        if (held + RUNNING_PRIOR * share) / (documents + RUNNING_PRIOR) >= max(RUNNING_RATIO * share, RUNNING_SHARE):
            found.append(term)
    return found
