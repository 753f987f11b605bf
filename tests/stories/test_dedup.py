"""Near-duplicates: exact keys, MinHash LSH candidates verified by shingle Jaccard, incremental index."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import numpy as np
import pytest
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.config import DedupConfig
from akhbar.records import Article
from akhbar.stories.dedup import DuplicateIndex, find_duplicates, jaccard_of_hashes, minhash_signature, shingle_hashes
from akhbar.stories.shingles import jaccard, word_shingles
from akhbar.text.tokens import match_tokens
from tests.conftest import seed_article


def respell(text: str) -> str:
    """The same words as another outlet might type them: hamza dropped, a diacritic, tatweel."""
    return text.replace("أ", "ا").replace("إ", "ا").replace("ى", "ي").replace("قال", "قـال").replace("حلب", "حَلَب")


def test_shingle_hashes_are_the_word_shingle_sets(seed_articles) -> None:
    for a, b in itertools.combinations(seed_articles, 2):
        hashes_a = shingle_hashes(match_tokens(a.body), 3)
        hashes_b = shingle_hashes(match_tokens(b.body), 3)
        assert len(hashes_a) == len(word_shingles(a.body, 3))
        assert jaccard_of_hashes(hashes_a, hashes_b) == pytest.approx(jaccard(word_shingles(a.body), word_shingles(b.body)))


def test_a_text_shorter_than_a_shingle_is_one_shingle() -> None:
    assert len(shingle_hashes(["حلب", "اليوم"], 3)) == 1
    assert len(shingle_hashes([], 3)) == 0


def test_signature_equals_datasketch_update_batch() -> None:
    hashes = np.random.default_rng(0).integers(0, 2**63, size=300, dtype=np.uint64)
    minhash = MinHash(num_perm=64, seed=1, hashfunc=int, scheme="affine64")
    minhash.update_batch(hashes)
    assert (minhash_signature(hashes, 64, 1) == minhash.hashvalues).all()


def test_the_seeds_are_not_copies_of_each_other(seed_articles) -> None:
    # 002 and 004 share whole paragraphs, but as articles they are 8% alike: not a near copy.
    assert find_duplicates(seed_articles, config=DedupConfig()) == []
    a, b = seed_article(seed_articles, "002"), seed_article(seed_articles, "004")
    links = find_duplicates([a, b], config=DedupConfig(near_duplicate=0.05, lsh_threshold=0.05))
    assert [(x.kind, x.original) for x in links] == [("near", min(a.id, b.id))]
    assert 0.05 <= links[0].similarity < 0.2


def test_a_respelled_copy_is_exact_and_the_earlier_article_is_the_original(seed_articles) -> None:
    original = replace(seed_article(seed_articles, "001"), date="2016-12-05")
    copy = replace(original, id="zz-copy", body=respell(original.body), date="2016-12-04")
    assert copy.body != original.body
    links = find_duplicates([*seed_articles, copy], config=DedupConfig())
    assert [(x.article, x.original, x.kind, x.similarity) for x in links] == [
        (original.id, "zz-copy", "exact", 1.0)]


def test_an_edited_copy_is_near_with_its_verified_similarity(seed_articles) -> None:
    original = seed_article(seed_articles, "003")
    paragraphs = original.body.split("\n")
    edited = replace(original, id="edited", body="\n".join([*paragraphs[:-1], "وأضاف المصدر أن الوضع هادئ الآن."]))
    links = find_duplicates([original, edited], config=DedupConfig())
    expected = jaccard(word_shingles(original.body), word_shingles(edited.body))
    assert [(x.article, x.original, x.kind) for x in links] == [("edited", original.id, "near")]
    assert links[0].similarity == pytest.approx(expected, abs=1e-4)
    assert 0.7 <= expected < 1


def _family(seed_articles) -> list[Article]:
    base = seed_article(seed_articles, "000")
    return [
        replace(base, date="2016-12-03"),
        replace(base, id="copy-b", date="2016-12-04", body=respell(base.body)),
        replace(base, id="copy-c", date="2016-12-02", body=base.body + "\nوتابعت الصحيفة التغطية."),
        *[a for a in seed_articles if a.id != base.id],
    ]


def test_links_do_not_depend_on_the_order_articles_arrive(seed_articles) -> None:
    family = _family(seed_articles)
    expected = find_duplicates(family, config=DedupConfig())
    assert {x.original for x in expected} == {"copy-c"}  # the earliest date
    sketches = [DuplicateIndex().sketch(a) for a in family]
    rng = random.Random(0)
    for _ in range(40):
        order = rng.sample(sketches, len(sketches))
        links = DuplicateIndex().partial_fit(order).links_
        assert sorted(links.values(), key=lambda x: x.article) == expected


def test_partial_fit_moves_links_when_an_older_copy_arrives(seed_articles) -> None:
    family = _family(seed_articles)
    index = DuplicateIndex()
    index.partial_fit(index.sketch(a) for a in family[:2])
    assert {x.original for x in index.links_.values()} == {family[0].id}
    index.partial_fit([index.sketch(family[2])])
    assert {(x.article, x.original) for x in index.changed_} == {(family[0].id, "copy-c"), ("copy-b", "copy-c")}
    assert index.copies_ == {"copy-b", "copy-c"}  # each copied an article indexed before it
    assert sorted(index.links_.values(), key=lambda x: x.article) == find_duplicates(family, config=DedupConfig())


def test_adding_the_same_article_twice_changes_nothing(seed_articles) -> None:
    index = DuplicateIndex()
    sketches = [index.sketch(a) for a in seed_articles]
    index.partial_fit(sketches).partial_fit(sketches)
    assert index.links_ == {} and index.changed_ == []


def test_constructor_keywords_are_stored_unchanged() -> None:
    index = DuplicateIndex(shingle_size=4, num_perm=64, lsh_threshold=0.4, near_duplicate=0.8, seed=7)
    assert (index.shingle_size, index.num_perm, index.lsh_threshold, index.near_duplicate, index.seed) == (
        4, 64, 0.4, 0.8, 7)
    assert not hasattr(index, "links_")


def test_sketches_are_deterministic(seed_articles) -> None:
    first = [DuplicateIndex().sketch(a) for a in seed_articles]
    assert first == [DuplicateIndex().sketch(a) for a in seed_articles]


def test_punctuation_only_bodies_are_exact_copies_without_shingles() -> None:
    articles = [Article("a", "...", date="2020-01-01"), Article("b", "!!!", date="2020-01-02")]
    assert [(x.article, x.kind) for x in find_duplicates(articles, config=DedupConfig())] == [("b", "exact")]


arabic_words = st.lists(st.sampled_from(["حلب", "الحلب", "أعلن", "اعلن", "قوات", "النظام", "في", "٢٠١٦", "2016",
                                         "المعارضة", "مدينةٌ", "قال", "إن", "ـــ", "."]), max_size=40)


@settings(max_examples=60, deadline=None)
@given(arabic_words, arabic_words, st.integers(min_value=1, max_value=5))
def test_hashed_shingles_have_the_jaccard_of_word_shingles(a, b, size) -> None:
    text_a, text_b = " ".join(a), " ".join(b)
    hashes_a = shingle_hashes(match_tokens(text_a), size)
    hashes_b = shingle_hashes(match_tokens(text_b), size)
    assert len(hashes_a) == len(word_shingles(text_a, size))
    expected = jaccard(word_shingles(text_a, size), word_shingles(text_b, size))
    assert jaccard_of_hashes(hashes_a, hashes_b) == pytest.approx(expected)
