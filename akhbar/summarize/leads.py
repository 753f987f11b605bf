"""Lead-first selection for several outlets: what news does well, without telling a fact twice.

News puts its main fact first, and on Arabic multi-outlet news taking each article's first
sentence in turn beats every centrality or coverage method measured (README, `akhbar eval
--multi`). So sentences are taken by *round*: every article's first eligible sentence, then every
second one, and so on; inside a round the articles go by date (the earliest first), then by the
unit's score (centrality, coverage). A sentence is skipped when

- it cannot stand alone: it leans on the previous one (`وأضاف ...`), ends with a colon, or is
  shorter or longer than the word bounds;
- its fact is told: another sentence of its alignment paraphrase group (the same fact in other
  words, :mod:`akhbar.align`) is taken;
- it tells nothing new: the share of its meaning (:mod:`akhbar.summarize.overlap`: content stems
  weighted by rarity, figures doubled) that the sentences taken already hold passes
  ``overlap_threshold``. A copy of a taken sentence (an alignment group's verbatim or near member)
  holds nothing new and goes; a long lead that embeds a shorter taken passage stays, as it adds;
- it is page furniture, or longer than ``sentence_share`` of the budget (one long lead would crowd
  out the other facts of a short summary);
- it would overflow the budget (the walk goes on: a shorter one may fit).

The summary is then ordered by the date of the article that first reported each fact, then by
position, so that a reader follows the story as it unfolded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from akhbar.config import SummaryConfig
from akhbar.records import Sentence
from akhbar.summarize.overlap import document_frequencies, fact_terms, said_share
from akhbar.summarize.units import Unit, word_count

_UNDATED = "9999-99-99"  # an article without a date sorts after the dated ones


def _unit_of(units: Sequence[Unit], n: int) -> list[int]:
    owner = [-1] * n
    for u, unit in enumerate(units):
        for i in unit.members:
            owner[i] = u
    return owner


def reading_order(sentences: Sequence[Sentence], dates: Mapping[str, str | None],
                  units: Sequence[Unit]) -> list[int]:
    """Sentence indexes by round (index in the article), then article date, then unit score."""
    article_rank = {a: k for k, a in enumerate(dict.fromkeys(s.article for s in sentences))}
    owner = _unit_of(units, len(sentences))
    return sorted(range(len(sentences)), key=lambda i: (
        sentences[i].index, dates.get(sentences[i].article) or _UNDATED, -units[owner[i]].score,
        article_rank[sentences[i].article]))


def first_report(unit: Unit, sentences: Sequence[Sentence], dates: Mapping[str, str | None]) -> tuple[str, int]:
    """Date of the earliest article telling the unit's fact, and the fact's position there."""
    return min((dates.get(sentences[i].article) or _UNDATED, sentences[i].index) for i in unit.members)


def select_leads(
    units: Sequence[Unit], sentences: Sequence[Sentence], *, config: SummaryConfig,
    dates: Mapping[str, str | None], eligible: Sequence[bool],
) -> list[Unit]:
    """The lead-first walk of the module docstring; each unit's representative is the sentence taken."""
    owner = _unit_of(units, len(sentences))
    df, n = document_frequencies(s.text for s in sentences)
    taken: list[Unit] = []
    said: set[str] = set()
    told: set[int] = set()  # paraphrase groups one of whose sentences is taken
    used = 0
    for i in reading_order(sentences, dates, units):
        words = word_count(sentences[i].text)
        if not eligible[i] or used + words > config.words or owner[i] in told:
            continue
        terms = fact_terms(sentences[i].text, df, n)
        if said_share(terms, said) > config.overlap_threshold:
            continue
        said.update(terms.weights)
        if units[owner[i]].paraphrase:
            told.add(owner[i])
        unit = units[owner[i]]
        taken.append(Unit(unit.members, i, unit.score, unit.position, unit.paraphrase))
        used += words
        if config.words - used < config.min_words:
            break
    return sorted(taken, key=lambda u: (*first_report(u, sentences, dates), u.representative))
