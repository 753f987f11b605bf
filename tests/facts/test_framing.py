"""Framing: actor terms in the outlet's own voice; distinctive words by weighted log-odds."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.facts._common import tokens_of
from akhbar.facts.framing import (
    distinctive_terms,
    extract_framing,
    log_odds,
    match_terms,
    own_voice_tokens,
    term_uses,
)
from akhbar.facts.quotes import reported_spans
from akhbar.records import Article, Sentence
from tests.facts.conftest import make_sentences


@pytest.mark.parametrize(
    ("text", "referents"),
    [
        ("تقدمت قوات النظام في حلب.", ["regime_forces"]),
        ("وقاتل الجيش السوري الحر في المدينة.", ["opposition_fighters"]),
        ("وتقدم الجيش السوري في المدينة.", ["regime_forces"]),
        ("هاجمت المليشيات الشيعية البلدة مع روسيا.", ["pro_regime_militias", "russia"]),
        ("وصفتهم بـ”الإرهابيين” منها.", ["opposition_fighters"]),
        ("لقوات النظام والمسلحين الموالين له.", ["regime_forces", "pro_regime_militias"]),
        ("لمسلحي المعارضة في شرق حلب.", ["opposition_fighters"]),
        ("قاتل الجيش السوري، الحر في المدينة.", ["regime_forces"]),  # a comma ends a term
        ("قوات «النظام» هنا.", ["regime"]),
    ],
    ids=lambda v: "" if isinstance(v, list) else None,
)
def test_match_terms(text: str, referents: list[str]) -> None:
    toks = tokens_of(text)
    assert [r for _, _, r in match_terms(toks, text)] == referents


def test_own_voice_excludes_quotes_and_reported_speech() -> None:
    (sentence,) = make_sentences('وقال المرصد إن قوات النظام تقدمت، وصفهم بـ"الإرهابيين" في حلب.')
    words = [t.text for t in own_voice_tokens(sentence)]
    assert "قوات" not in words and "الإرهابيين" not in words
    assert words[:2] == ["وقال", "المرصد"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["قال", "وأضاف", "إن", "أن", "المرصد", "قوات", "النظام", "«", "»", '"', "،", "هذا", "فيما", "حلب"]),
        max_size=30,
    ).map(" ".join)
)
def test_own_voice_is_every_token_outside_the_reported_spans(text: str) -> None:
    (sentence,) = make_sentences(text)
    spans = reported_spans(sentence)
    expected = [t for t in tokens_of(text) if not any(s <= t.start < e for s, e in spans)]
    assert own_voice_tokens(sentence) == expected


def test_term_uses_count_per_outlet() -> None:
    sentences = [
        *make_sentences("تقدمت قوات النظام.", "وقصفت قوات النظام الحي.", article="x"),
        *make_sentences("تقدم الجيش السوري.", article="y"),
    ]
    uses = term_uses(sentences, {"x": "x", "y": "y"})
    assert [(u.outlet, u.term, u.count) for u in uses] == [("x", "قوات النظام", 2), ("y", "الجيش السوري", 1)]


def test_log_odds_sign_and_symmetry() -> None:
    counts = {"a": Counter({"ثوار": 8, "حلب": 5}), "b": Counter({"مسلحين": 8, "حلب": 5})}
    z = log_odds(counts)
    assert z["a"]["ثوار"] > 1 and z["b"]["مسلحين"] > 1
    assert abs(z["a"]["حلب"]) < 0.5
    assert z["a"]["ثوار"] == pytest.approx(z["b"]["مسلحين"])


def test_distinctive_terms_need_two_outlets() -> None:
    assert distinctive_terms(make_sentences("تقدمت قوات النظام."), {}) == []


def test_seed_framing(seeds: tuple[list[Article], list[Sentence]]) -> None:
    articles, sentences = seeds
    framing = extract_framing(articles, sentences)
    uses = {(u.outlet, u.referent, u.term): u.count for u in framing.terms}
    assert uses[("002", "regime_forces", "قوات النظام")] >= 1
    assert uses[("003", "regime_forces", "قوات النظام")] >= 1
    assert uses[("003", "opposition_fighters", "المسلحين")] >= 1
    assert ("003", "pro_regime_militias", "المسلحين الموالين") in uses
    assert ("000", "pro_regime_militias", "المليشيات الشيعية") in uses
    assert ("002", "opposition_fighters", "الجيش السوري الحر") in uses
    # quoted "إرهابيين" (Lavrov, Peskov, the Syrian foreign ministry) is never the outlet's own word
    assert not [u for u in framing.terms if "رهابي" in u.term]
    outlets = {d.outlet for d in framing.distinctive}
    assert outlets == {"000", "001", "002", "003", "004"}
    assert all(d.count >= 2 and d.z > 0 for d in framing.distinctive)
