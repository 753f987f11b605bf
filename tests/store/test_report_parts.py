"""Cached report parts (akhbar.store.report_parts): a report built with them is the one built from scratch."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from akhbar.config import load_config
from akhbar.pipeline import run, run_remembering
from akhbar.records import Article
from akhbar.report.json_out import report_to_dict
from akhbar.store import Store
from akhbar.store.loader import ingest_into
from akhbar.store.report_parts import decode, encode
from akhbar.store.report_pool import reports_with_parts, tagger_fingerprint
from tests.data_paths import ant_one_outlet_day

REPO = Path(__file__).resolve().parents[2]
CONFIG = load_config()


def _build(store: Store, articles: tuple[Article, ...], workers: int = 1) -> dict[str, object]:
    ((_, report),) = reports_with_parts(store, [("story", articles, True)], config=CONFIG, workers=workers)
    return report_to_dict(report)


def _scratch(articles: tuple[Article, ...]) -> dict[str, object]:
    return report_to_dict(run(articles, config=CONFIG))


def _rows(store: Store) -> int:
    return int(store._db.execute("SELECT count(*) FROM report_parts").fetchone()[0])


def test_a_report_built_with_parts_is_the_one_built_from_scratch(tmp_path: Path,
                                                                 seed_articles: tuple[Article, ...]) -> None:
    assert tagger_fingerprint() is not None
    first, later = seed_articles[:3], seed_articles
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, seed_articles, config=CONFIG)
        assert _build(store, first) == _scratch(first)  # nothing cached yet: the parts are written
        assert _rows(store) == len(first)
        assert _build(store, later) == _scratch(later)  # three articles' parts read back, two new
        assert _rows(store) == len(later)


def test_only_new_sentences_are_tagged_again(seed_articles: tuple[Article, ...]) -> None:
    first, parts = run_remembering(seed_articles[:4], {}, config=CONFIG)
    known = {key: tagged for one in parts.values() for key, tagged in one.items()}
    assert known and set(parts) == {a.id for a in seed_articles[:4]}
    again, _ = run_remembering(seed_articles[:4], known, config=CONFIG)
    assert report_to_dict(again) == report_to_dict(first)
    # The story's cue words change with a fifth article: what is reused must still give its tags.
    grown, grown_parts = run_remembering(seed_articles, known, config=CONFIG)
    assert report_to_dict(grown) == _scratch(seed_articles)
    assert set(grown_parts) == {a.id for a in seed_articles}


def test_a_corrupt_or_outdated_row_is_computed_again(tmp_path: Path, seed_articles: tuple[Article, ...]) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, seed_articles, config=CONFIG)
        _build(store, seed_articles)
        ids = [a.id for a in seed_articles]
        store._db.execute("UPDATE report_parts SET parts = ? WHERE article = ?", (b"not zlib", ids[0]))
        store._db.execute("UPDATE report_parts SET parts = ? WHERE article = ?",
                          (encode({"k": (["B-PER", "O"], [1.0, 1.0])})[:-3], ids[1]))
        store._db.execute("UPDATE report_parts SET digest = 'old' WHERE article = ?", (ids[2],))
        assert _build(store, seed_articles) == _scratch(seed_articles)
        digests = dict(store._db.execute("SELECT article, digest FROM report_parts").fetchall())
        assert set(digests) == set(ids) and "old" not in digests.values()
        assert len(store.report_parts(digests)) == len(ids)  # every row readable again


def test_a_store_without_the_table_reads_no_parts(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.report_parts({"a": "x"}) == {}


def test_the_pool_builds_the_same_reports(tmp_path: Path, seed_articles: tuple[Article, ...]) -> None:
    jobs = [(k, seed_articles[k:k + 3], True) for k in range(3)]
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, seed_articles, config=CONFIG)
        pooled = list(reports_with_parts(store, jobs, config=CONFIG, workers=2))
        assert [k for k, _ in pooled] == [0, 1, 2]
        for (_, articles, _), (_, report) in zip(jobs, pooled, strict=True):
            assert report_to_dict(report) == _scratch(articles)
        assert _rows(store) == len(seed_articles)


tags = st.lists(st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-ORG"]), max_size=12)


@given(st.dictionaries(st.text(max_size=6), tags.flatmap(
    lambda t: st.tuples(st.just(t), st.lists(st.floats(0, 1), min_size=len(t), max_size=len(t)))), max_size=5))
def test_parts_round_trip(parts: dict[str, tuple[list[str], list[float]]]) -> None:
    # Words tagged O always have sureness 1.0 (the tagger reads marginals inside mentions only).
    parts = {k: (t, [1.0 if tag == "O" else s for tag, s in zip(t, scores, strict=True)])
             for k, (t, scores) in parts.items()}
    assert decode(encode(parts)) == parts


def test_a_grown_real_story_is_built_as_from_scratch(tmp_path: Path) -> None:
    """Forty ANT articles of one outlet's busiest day, then three more: the grown report equals the one
    built from scratch, and only the new articles' sentences (and those whose cues moved) are tagged."""
    articles = ant_one_outlet_day(tmp_path, 43)
    assert len(articles) >= 20
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, articles, config=CONFIG)
        _build(store, articles[:-3])
        _, parts = run_remembering(articles[:-3], {}, config=CONFIG)
        known = {key: tagged for one in parts.values() for key, tagged in one.items()}
        from akhbar.ner.memo import TagMemo, remembering

        memo = TagMemo(known=dict(known))
        with remembering(memo):
            grown = run(articles, config=CONFIG)
        assert report_to_dict(grown) == _scratch(articles)
        new_sentences = sum(len(memo.keys_of.get(text, ())) for text in memo.keys_of) - sum(
            len(v) for v in parts.values())
        assert memo.tagged <= max(new_sentences, 0) + len(known) // 4
        assert _build(store, articles) == _scratch(articles)


def test_parts_of_an_article_not_in_the_store_are_not_kept(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.put_report_parts([("no-such-article", "d", {"k": (["O"], [1.0])})]) == 0
        assert store.report_parts({"no-such-article": "d"}) == {}
