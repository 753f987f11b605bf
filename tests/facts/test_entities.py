"""Entities merged across spellings, clitics and outlets (a fake tagger; the real one when usable)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pytest

import akhbar.facts.entities as module
from akhbar.facts.entities import extract_entities, load_mention_fn, mention_key
from akhbar.ner.names import NameEvidence
from akhbar.records import Article, Sentence
from akhbar.text import normalize
from tests.facts.conftest import make_sentences


@dataclass(frozen=True)
class FakeMention:
    text: str
    label: str
    start: int
    end: int


# The fake taggers' tests check merging alone; the filters have their own tests (tests/ner/test_names.py).
NO_EVIDENCE = NameEvidence()

GAZETTEER = [
    ("سيرغي لافروف", "PER"),
    ("لافروف", "PER"),
    ("جون كيري", "PER"),
    ("كيري", "PER"),
    ("بحلب", "LOC"),
    ("حلب", "LOC"),
    ("الأمريكيين", "MISC"),
    ("الاميركيين", "MISC"),
    ("الأميركيين", "MISC"),
    ("بيسكوف", "PER"),
    ("روسيا", "LOC"),
    ("لروسيا", "LOC"),
]


def fake_mentions(text: str) -> list[FakeMention]:
    out: list[FakeMention] = []
    for pattern, label in GAZETTEER:
        for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text):
            if not any(o.start <= m.start() < o.end for o in out):
                out.append(FakeMention(m.group(), label, m.start(), m.end()))
    return out


def fake_story(texts: Sequence[str]) -> list[list[FakeMention]]:
    return [fake_mentions(text) for text in texts]


def test_merges_names_spellings_and_clitics() -> None:
    sentences = [
        *make_sentences(
            "قال سيرغي لافروف إن المقاتلين في حلب إرهابيون.", "وأبلغت الفصائل الأمريكيين بذلك.", article="x"
        ),
        *make_sentences("وقال لافروف إن الهدنة بحلب ممكنة بعد لقاء الاميركيين.", "ورحب بيسكوف بذلك.", article="y"),
        *make_sentences("والتقى لافروف كيري بحضور الأميركيين في حلب.", "وزار جون كيري روسيا.", article="z"),
    ]
    entities, available = extract_entities(sentences, fake_story, NO_EVIDENCE)
    assert available
    by_name = {e.name: e for e in entities}
    assert by_name["سيرغي لافروف"].aliases == ("لافروف",)
    assert by_name["سيرغي لافروف"].mentions == 3 and by_name["سيرغي لافروف"].sources == ("x", "y", "z")
    assert by_name["حلب"].aliases == ("بحلب",) and by_name["حلب"].mentions == 3
    americans = next(e for e in entities if normalize(e.name).endswith(("يكيين", "ركيين")))
    assert americans.mentions == 3 and len(americans.aliases) == 2
    assert by_name["جون كيري"].aliases == ("كيري",)
    assert by_name["بيسكوف"].aliases == ()  # never stripped to يسكوف


def test_clitic_only_dropped_when_the_bare_form_is_known() -> None:
    assert mention_key("بيسكوف", {"حلب"}) == ("بيسكوف",)
    assert mention_key("بحلب", {"حلب"}) == ("حلب",)
    assert mention_key("الأميركيين", set()) == mention_key("الأمريكيين", set())


def test_without_a_tagger_the_result_is_empty_and_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "load_mention_fn", lambda: None)
    assert extract_entities(make_sentences("قال لافروف.")) == ([], False)


def test_a_failing_sentence_does_not_sink_the_batch() -> None:
    def flaky(texts: Sequence[str]) -> list[list[FakeMention]]:
        if any("x" in text for text in texts):
            raise RuntimeError("boom")
        return fake_story(texts)

    sentences = [*make_sentences("x", "قال لافروف.", article="a"), *make_sentences("وزار كيري حلب.", article="b")]
    entities, available = extract_entities(sentences, flaky, NO_EVIDENCE)
    assert available and sorted(e.name for e in entities) == ["حلب", "كيري", "لافروف"]


def test_seed_entities_with_the_real_model(seeds: tuple[list[Article], list[Sentence]]) -> None:
    assert load_mention_fn() is not None, "the NER model ships in the package"
    _, sentences = seeds
    entities, available = extract_entities(sentences)
    assert available and entities
    # Read as one story, حلب is tagged wherever it stands, not only after مدينة: the story's place
    # leads the table, cited by all five outlets.
    aleppo = entities[0]
    assert (aleppo.name, aleppo.label) == ("حلب", "LOC")
    assert aleppo.mentions >= 40 and len(aleppo.sources) == 5
    lavrov = next(e for e in entities if e.name == "سيرغي لافروف")
    assert lavrov.label == "PER" and lavrov.aliases == ("لافروف",)
    people = {e.name for e in entities if e.label == "PER"}
    lavrov = [p for p in people if "لافروف" in p]
    assert len(lavrov) == 1, lavrov  # لافروف and سيرغي لافروف are one person
    aleppo = [e for e in entities if normalize(e.name) in ("حلب",)]
    assert aleppo and len(aleppo[0].sources) >= 4  # every outlet writes about Aleppo


def test_mentions_map_to_their_sentences_and_never_across_a_break() -> None:
    def spanning(texts: Sequence[str]) -> list[list[FakeMention]]:
        out = []
        for text in texts:
            found = fake_mentions(text)
            # a tagger that runs a name over the break between two sentences
            cut = text.index("\n")
            found.append(FakeMention(text[cut - 3 : cut + 4], "PER", cut - 3, cut + 4))
            out.append(found)
        return out

    sentences = make_sentences("وصل لافروف.", "وزار كيري حلب.", article="a")
    entities, _ = extract_entities(sentences, spanning, NO_EVIDENCE)
    by_name = {e.name: e for e in entities}
    assert sorted(by_name) == ["حلب", "كيري", "لافروف"]
    assert by_name["لافروف"].sentences == (sentences[0],)
    assert by_name["حلب"].sentences == by_name["كيري"].sentences == (sentences[1],)
