"""Lead-first selection for several outlets: what news does well, without telling a fact twice.

News puts its main fact first, and on Arabic multi-outlet news taking each article's first
sentence in turn beats every centrality or coverage method measured (README, `akhbar eval
--multi`). So sentences are taken by *round*: every article's first eligible sentence, then every
second one, and so on; inside a round the articles go by date (the earliest first), then by the
unit's score (centrality, coverage). A sentence is skipped when

- it cannot stand alone: it leans on the previous one (`وأضاف أن ...`; `وأضاف الرئيس ...` names
  its speaker and stays), ends with a colon, or is shorter or longer than the word bounds;
- its fact is told: another sentence of its alignment paraphrase group (the same fact in other
  words, :mod:`akhbar.align`) is taken;
- it tells nothing new: the share of its meaning (:mod:`akhbar.summarize.overlap`: content stems
  weighted by rarity, figures doubled) that the sentences taken already hold passes
  ``overlap_threshold``. A copy of a taken sentence (an alignment group's verbatim or near member)
  holds nothing new and goes; a long lead that embeds a shorter taken passage stays, as it adds;
- it is page furniture, or longer than ``sentence_share`` of the budget (one long lead would crowd
  out the other facts of a short summary);
- it would overflow the budget (the walk goes on: a shorter one may fit).

The first round opens with the first report's lead; the other leads follow by unit score
(``leads_by_score``: centrality, coverage), so that when they overflow the budget the most shared
are heard. When the leads together need more than ``lead_overflow`` budgets of a short summary
(at most ``lead_reserve_until`` words), past the first lead the other leads may not eat into the
last ``lead_reserve`` words; those that would wait until every other sentence had its turn. With
``round_by_novelty`` each later round puts the outlets not heard yet first, then the sentences
adding the most. Past the first ``rounds_by_position`` rounds
(every outlet's lead, second and third sentences), the deeper sentences go by unit score: that far
into an article, depth no longer says which sentence tells the story's core.

The summary is then ordered by the date of the article that first reported each fact, then by
position, so that a reader follows the story as it unfolded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from akhbar.config import SummaryConfig
from akhbar.records import Sentence
from akhbar.summarize.overlap import FactTerms, document_frequencies, fact_terms, said_share
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


def first_leads(sentences: Sequence[Sentence], eligible: Sequence[bool]) -> set[int]:
    """Each article's lead: its first sentence that can stand alone (after date lines, footers)."""
    lead: dict[str, int] = {}
    for i, sentence in enumerate(sentences):
        held = lead.get(sentence.article)
        if eligible[i] and (held is None or sentence.index < sentences[held].index):
            lead[sentence.article] = i
    return set(lead.values())


@dataclass(slots=True)
class _Walk:
    """The sentences and settings of one walk, and what it has taken so far."""

    units: Sequence[Unit]
    sentences: Sequence[Sentence]
    eligible: Sequence[bool]
    config: SummaryConfig
    owner: list[int] = field(default_factory=list)
    outlet: Sequence[str] = ()  # each sentence's outlet (its article id when none is known)
    attachable: Sequence[bool] = ()  # leans on the sentence before it, and may follow it when it is taken
    previous: Sequence[int] = ()  # index of the sentence before it in its article (-1 for the first)
    links: Mapping[int, tuple[int, ...]] = field(default_factory=dict)  # same fact, other outlets (samefact)
    taken: list[Unit] = field(default_factory=list)
    said: set[str] = field(default_factory=set)
    told: set[int] = field(default_factory=set)  # paraphrase groups one of whose sentences is taken
    used: int = 0
    lead_words: int = 0  # words of the leads taken after the first one

    def fits(self, i: int) -> bool:
        return self.may_take(i) and self.used + word_count(self.sentences[i].text) <= self.config.words

    def may_take(self, i: int) -> bool:
        """It stands alone, or it leans on the sentence before it and that sentence is taken: the
        summary then reads the two together (the antecedent is taken, issue 20)."""
        if self.eligible[i]:
            return True
        return bool(self.attachable) and self.attachable[i] and self.previous[i] in self.taken_indexes()

    def taken_indexes(self) -> set[int]:
        return {u.representative for u in self.taken}

    def repeats(self, i: int, terms: FactTerms) -> bool:
        """Whether sentence ``i`` tells nothing new: its meaning is said already, or it belongs to a
        paraphrase group one of whose sentences is taken."""
        told = bool(self.config.told_groups) and self.owner[i] in self.told
        return (told or self.tells_a_taken_fact(i)
                or said_share(terms, self.said) > self.config.overlap_threshold)

    def tells_a_taken_fact(self, i: int) -> bool:
        """Whether another outlet's sentence telling ``i``'s fact in other words is taken."""
        if not self.config.same_fact or self.config.words > self.config.same_fact_until:
            return False
        taken = {u.representative for u in self.taken}
        return any(j in taken for j in self.links.get(i, ()))

    def heard(self) -> set[str]:
        return {self.outlet[u.representative] for u in self.taken}

    def full(self) -> bool:
        return self.config.words - self.used < self.config.min_words

    def take(self, i: int, terms: Mapping[str, float]) -> None:
        unit = self.units[self.owner[i]]
        self.said.update(terms)
        if unit.paraphrase:
            self.told.add(self.owner[i])
        self.taken.append(Unit(unit.members, i, unit.score, unit.position, unit.paraphrase))
        self.used += word_count(self.sentences[i].text)


def select_leads(
    units: Sequence[Unit], sentences: Sequence[Sentence], *, config: SummaryConfig,
    dates: Mapping[str, str | None], eligible: Sequence[bool], outlets: Mapping[str, str] | None = None,
    links: Mapping[int, tuple[int, ...]] | None = None, attachable: Sequence[bool] = (),
) -> list[Unit]:
    """The lead-first walk of the module docstring; each unit's representative is the sentence taken.

    A lead after the first that would eat into the ``lead_reserve`` words kept for what else
    happened waits: it goes after every other sentence, taken only if the budget still has room
    once the rest has been heard. Leads of one story mostly restate its main fact in other words
    that no lexical measure links; in a short summary of many outlets, a second lead costs the
    ground, the toll or the diplomacy.
    """
    names = outlets or {}
    walk = _Walk(units, sentences, eligible, config, owner=_unit_of(units, len(sentences)),
                 outlet=[names.get(s.article, s.article) for s in sentences], links=links or {},
                 attachable=attachable, previous=previous_sentences(sentences))
    df, n = document_frequencies((s.text for s in sentences), background=bool(config.background_df))
    leads = first_leads(sentences, eligible)
    # When every lead fits, all are heard; when they overflow the budget, they compete with the rest.
    # A long summary holds several leads and room beside them: there the reserve only costs.
    lead_quota = config.words - config.lead_reserve
    if (sum(word_count(sentences[i].text) for i in leads) <= config.lead_overflow * config.words
            or config.words > config.lead_reserve_until):
        lead_quota = config.words
    waiting: list[int] = []
    cache: dict[int, FactTerms] = {}

    def terms_of(i: int) -> FactTerms:
        if i not in cache:
            cache[i] = fact_terms(sentences[i].text, df, n)
        return cache[i]

    for i in _rounds(reading_order(sentences, dates, units), walk, terms_of):
        if not walk.fits(i) or walk.repeats(i, terms := terms_of(i)):
            continue
        words = word_count(sentences[i].text)
        later_lead = i in leads and bool(walk.taken)
        if later_lead and walk.lead_words + words > lead_quota:
            waiting.append(i)
            continue
        walk.take(i, terms.weights)
        walk.lead_words += words if later_lead else 0
        if walk.full():
            break
    for i in waiting:
        if walk.full():
            break
        if walk.fits(i) and not walk.repeats(i, terms := terms_of(i)):
            walk.take(i, terms.weights)
    spread_outlets(walk, reading_order(sentences, dates, units), terms_of)
    ordered = sorted(walk.taken, key=lambda u: (*first_report(u, sentences, dates), u.representative))
    return after_their_antecedents(ordered, eligible, walk.previous)


def previous_sentences(sentences: Sequence[Sentence]) -> list[int]:
    """For each sentence, the index of the one before it in its article (-1 for an article's first)."""
    where = {(s.article, s.index): i for i, s in enumerate(sentences)}
    return [where.get((s.article, s.index - 1), -1) for s in sentences]


def after_their_antecedents(ordered: Sequence[Unit], eligible: Sequence[bool], previous: Sequence[int]) -> list[Unit]:
    """``ordered`` with each sentence taken for its antecedent moved right after it, and dropped
    if its antecedent is no longer there (the outlet spread can take a sentence back)."""
    standing = [u for u in ordered if eligible[u.representative]]
    leaning = sorted((u for u in ordered if not eligible[u.representative]), key=lambda u: u.representative)
    for unit in leaning:
        at = next((k for k, u in enumerate(standing) if u.representative == previous[unit.representative]), None)
        if at is not None:
            standing.insert(at + 1, unit)
    return standing


def _rounds(order: Sequence[int], walk: _Walk, terms_of: Callable[[int], FactTerms]) -> Iterator[int]:
    """``order`` round by round; with ``round_by_novelty``, a round's sentences go first by whether their
    outlet is unheard yet (every outlet heard), then by the share of their meaning already said
    when the round starts (the newest first, then the reading order): once the leads are told,
    the next sentences that add the ground, the toll or the diplomacy come before a restatement.
    One score per sentence: linear in the sentences.

    With ``rounds_by_position`` N, only the first N rounds go so; the sentences deeper in their
    articles follow by unit score (centrality, coverage, title, position): past the third
    sentence, depth no longer says which sentence tells the story's core, and a central fourth
    sentence of one outlet tells more than a fifth of another."""
    depth = walk.config.rounds_by_position
    if depth > 0:
        deep = sorted((i for i in order if walk.sentences[i].index >= depth),
                      key=lambda i: -walk.units[walk.owner[i]].score)
        order = [i for i in order if walk.sentences[i].index < depth]
    else:
        deep = []
    for _, members in groupby(order, key=lambda i: walk.sentences[i].index):
        round_members = list(members)
        if walk.config.leads_by_score and not walk.taken:
            round_members = _first_report_then_central(round_members, walk)
        elif walk.config.round_by_novelty:
            heard = walk.heard()
            rank = {i: (walk.outlet[i] in heard, said_share(terms_of(i), walk.said))
                    for i in round_members}
            round_members.sort(key=rank.__getitem__)
        yield from round_members
    yield from deep


def _first_report_then_central(round_members: list[int], walk: _Walk) -> list[int]:
    """The leads: the first report's first (reading order), then the others by unit score.

    When the leads overflow the budget, the leads the budget still holds should be those most
    outlets tell (centrality, coverage), not the next by date: ten outlets' leads in date order
    leave the story's core to chance. The first report stays first: it opens the story.
    """
    first = next((i for i in round_members if walk.eligible[i]), None)
    rest = sorted((i for i in round_members if i != first), key=lambda i: -walk.units[walk.owner[i]].score)
    # One outlet's several articles (a wire story it posts twice, its updates) speak once per round:
    # each outlet's best lead first, then the others, so that a 27-article story of five outlets is
    # not told by the one that published most.
    seen: dict[str, int] = {} if first is None else {walk.outlet[first]: 1}
    rank = {}
    for i in rest:
        rank[i] = seen.get(walk.outlet[i], 0)
        seen[walk.outlet[i]] = rank[i] + 1
    rest.sort(key=rank.__getitem__)
    return rest if first is None else [first, *rest]


def spread_outlets(walk: _Walk, order: Sequence[int], terms_of: Callable[[int], FactTerms]) -> None:
    """Cite at least ``min(k, min_outlets)`` of the k outlets when they tell distinct facts.

    While too few outlets are heard, the first sentence (in reading order) of an unheard outlet that
    can stand alone and tells something not said yet comes in; room is made by dropping the last
    sentence taken from the outlet heard most (never an outlet's only sentence). An outlet with
    no such sentence only repeats the others: the summary owes it nothing.
    """
    need = min(len(set(walk.outlet)), walk.config.min_outlets)
    tried: set[str] = set()
    while len(walk.heard()) < need:
        heard = walk.heard()
        candidate = next((i for i in order if walk.outlet[i] not in heard and walk.outlet[i] not in tried
                          and walk.eligible[i] and not walk.repeats(i, terms_of(i))), None)
        if candidate is None:
            return
        tried.add(walk.outlet[candidate])
        kept = list(walk.taken)
        while not walk.fits(candidate) and _drop_one(walk, terms_of):
            pass
        if walk.fits(candidate) and not walk.repeats(candidate, terms_of(candidate)):
            walk.take(candidate, terms_of(candidate).weights)
        else:  # no room without silencing an outlet: keep what was taken
            _retake(walk, kept, terms_of)


def _drop_one(walk: _Walk, terms_of: Callable[[int], FactTerms]) -> bool:
    """Drop the last sentence of the outlet heard most, when it has more than one; False if none."""
    counts: dict[str, int] = {}
    for u in walk.taken:
        counts[walk.outlet[u.representative]] = counts.get(walk.outlet[u.representative], 0) + 1
    most = max(counts.items(), key=lambda kv: kv[1], default=("", 0))
    if most[1] < 2:
        return False
    last = max(k for k, u in enumerate(walk.taken) if walk.outlet[u.representative] == most[0])
    _retake(walk, walk.taken[:last] + walk.taken[last + 1:], terms_of)
    return True


def _retake(walk: _Walk, units: Sequence[Unit], terms_of: Callable[[int], FactTerms]) -> None:
    """Reset the walk to have taken exactly ``units`` (what is said and told follows them)."""
    walk.taken, walk.said, walk.told, walk.used = [], set(), set(), 0
    for unit in units:
        walk.take(unit.representative, terms_of(unit.representative).weights)
