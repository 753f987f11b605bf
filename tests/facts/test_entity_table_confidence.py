"""The entity table shows a name only when the tagger is sure of it, and trusts its surer mentions' type."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pytest

from akhbar.facts.entities import entity_candidates, extract_entities
from akhbar.ner.names import EvidenceConfig, NameEvidence
from tests.facts.conftest import make_sentences


@dataclass(frozen=True)
class ScoredMention:
    text: str
    label: str
    start: int
    end: int
    confidence: float


def tagger_of(table: dict[str, list[tuple[str, float]]]):
    """A story tagger that tags each word of ``table``, its k-th occurrence with the k-th (label, confidence)."""

    def story(texts: Sequence[str]) -> list[list[ScoredMention]]:
        seen: dict[str, int] = {}
        out = []
        for text in texts:
            found = []
            for m in re.finditer(r"\w+", text):
                if m.group() in table:
                    k = seen.get(m.group(), 0)
                    seen[m.group()] = k + 1
                    label, confidence = table[m.group()][k]
                    found.append(ScoredMention(m.group(), label, m.start(), m.end(), confidence))
            out.append(found)
        return out

    return story


EVIDENCE = NameEvidence()  # no word statistics: only the confidence decides
SENTENCES = make_sentences("زار كيري موسكو.", "ثم غادر كيري إلى فيينا.", "وقال زيد إن سوريا تريد السلام.")
TAGS = {
    "كيري": [("PER", 0.9), ("PER", 0.9)],  # twice at 0.9: one of them is right with 0.99
    "موسكو": [("LOC", 0.999)],
    "فيينا": [("LOC", 0.9)],  # once at 0.9: not sure enough
    "زيد": [("PER", 0.5)],
    "سوريا": [("LOC", 0.99)],
}


def test_only_names_the_tagger_is_sure_of_are_shown() -> None:
    entities, available = extract_entities(SENTENCES, tagger_of(TAGS), EVIDENCE)
    assert available
    assert sorted((e.name, e.label) for e in entities) == [("سوريا", "LOC"), ("كيري", "PER"), ("موسكو", "LOC")]


def test_candidates_keep_every_confidence_and_combine_them_as_noisy_or() -> None:
    candidates, _ = entity_candidates(SENTENCES, tagger_of(TAGS), EVIDENCE)
    by_name = {c.entity.name: c for c in candidates}
    assert len(by_name) == 5
    assert by_name["كيري"].confidences == (0.9, 0.9)
    assert by_name["كيري"].confidence == pytest.approx(0.99)
    assert by_name["كيري"].best_confidence == 0.9
    assert by_name["زيد"].confidence == 0.5


def test_threshold_zero_shows_every_candidate() -> None:
    everything = replace(EVIDENCE, config=EvidenceConfig(min_confidence=0.0))
    entities, _ = extract_entities(SENTENCES, tagger_of(TAGS), everything)
    assert len(entities) == 5


def test_type_vote_is_weighted_by_confidence() -> None:
    sentences = make_sentences("وصل حمدان.", "قال حمدان.", "رحب حمدان.")
    tags = {"حمدان": [("LOC", 0.3), ("LOC", 0.3), ("PER", 0.99)]}
    entities, _ = extract_entities(sentences, tagger_of(tags), EVIDENCE)
    assert [(e.name, e.label, e.mentions) for e in entities] == [("حمدان", "PER", 3)]
    counted = replace(EVIDENCE, config=EvidenceConfig(confidence_type_vote=False))
    entities, _ = extract_entities(sentences, tagger_of(tags), counted)
    assert [(e.name, e.label) for e in entities] == [("حمدان", "LOC")]


def test_a_tagger_without_confidence_is_taken_as_sure() -> None:
    @dataclass(frozen=True)
    class Plain:
        text: str
        label: str
        start: int
        end: int

    def story(texts: Sequence[str]) -> list[list[Plain]]:
        return [[Plain(m.group(), "LOC", m.start(), m.end()) for m in re.finditer("فيينا", t)] for t in texts]

    candidates, _ = entity_candidates(SENTENCES, story, EVIDENCE)
    assert [(c.entity.name, c.confidences) for c in candidates] == [("فيينا", (1.0,))]
    assert [e.name for e in extract_entities(SENTENCES, story, EVIDENCE)[0]] == ["فيينا"]
