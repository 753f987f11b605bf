"""Resource files are already in match normalization, so lookups never miss on spelling."""

from __future__ import annotations

import pytest

from akhbar.report.facts_view import REFERENT_AR
from akhbar.resources import resource_lines
from akhbar.text import normalize

FILES = [
    "reporting_verbs.txt",
    "number_words.tsv",
    "actor_terms.tsv",
    "function_words.txt",
    "quote_cues.tsv",
    "figure_cues.tsv",
]


@pytest.mark.parametrize("name", FILES)
def test_entries_are_match_normalized(name: str) -> None:
    lines = resource_lines(name)
    assert lines
    for line in lines:
        for cell in line.split("\t"):
            word = cell.removeprefix("dual:")
            if any("\u0600" <= ch <= "\u06ff" for ch in word):
                assert word == normalize(word), f"{name}: {word!r} is not normalized ({normalize(word)!r})"


def test_number_words_are_well_formed() -> None:
    for line in resource_lines("number_words.tsv"):
        _form, value, kind = line.split("\t")
        assert float(value) > 0
        assert kind in ("cardinal", "scale", "approx") or kind.startswith("dual:"), line


def test_actor_terms_have_known_referents() -> None:
    # every referent has an Arabic label in the report, and every label a referent
    referents = {line.split("\t")[1] for line in resource_lines("actor_terms.tsv")}
    assert referents == set(REFERENT_AR)


def test_quote_cues_are_single_tokens() -> None:
    # cues are compared token by token, so an entry with a space could never match
    assert [line for line in resource_lines("quote_cues.tsv") if " " in line.split("\t", 1)[1]] == []
