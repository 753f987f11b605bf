"""A large story's report built as two tasks at once (its summary, its facts: akhbar.store.report_pool) is
the report built in one process, byte for byte, and keeps the same cached parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from akhbar.config import load_config
from akhbar.pipeline import facts_half, joined, run, run_remembering, summary_half
from akhbar.records import Article
from akhbar.report.html import report_sections
from akhbar.report.json_out import report_to_dict
from akhbar.store import Store
from akhbar.store.loader import ingest_into
from akhbar.store.report_pool import _tasks, reports_with_parts
from akhbar.store.update import cached_report
from tests.data_paths import ant_one_outlet_day

CONFIG = load_config()


def _cached(report: object) -> str:
    """What the store keeps of a report: its JSON and its HTML sections, as one string."""
    return cached_report(report_to_dict(report), report_sections(report))  # type: ignore[arg-type]


def _parts(store: Store) -> dict[str, tuple[str, bytes]]:
    rows = store._db.execute("SELECT article, digest, parts FROM report_parts").fetchall()
    return {article: (digest, bytes(blob)) for article, digest, blob in rows}


def _pooled(store: Store, articles: tuple[Article, ...], *, workers: int, split_from: int) -> str:
    ((_, report),) = reports_with_parts(store, [("story", articles, True)], config=CONFIG, workers=workers,
                                        split_from=split_from)
    return _cached(report)


def test_the_two_halves_join_into_the_report_of_run(seed_articles: tuple[Article, ...]) -> None:
    whole, parts = run_remembering(seed_articles, {}, config=CONFIG)
    found, half_parts = facts_half(seed_articles, {})
    assert _cached(joined(seed_articles, summary_half(seed_articles, config=CONFIG), found, config=CONFIG)) == \
        _cached(whole) == _cached(run(seed_articles, config=CONFIG))
    assert half_parts == parts and set(parts) == {a.id for a in seed_articles}
    known = {key: tagged for one in parts.values() for key, tagged in one.items()}
    again, again_parts = facts_half(seed_articles, known)  # read back: the same facts, the same parts
    assert again == found and again_parts == parts


def test_a_story_split_over_two_workers_is_the_one_built_in_one(tmp_path: Path, seed_articles: tuple[Article, ...],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import akhbar.store.report_pool as pool

    made: list[list[str]] = []
    monkeypatch.setattr(pool, "_tasks", lambda *a: made.append([kind for kind, _ in _tasks(*a)]) or _tasks(*a))
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "two.db") as two:
        ingest_into(one, seed_articles, config=CONFIG)
        ingest_into(two, seed_articles, config=CONFIG)
        alone = _pooled(one, seed_articles, workers=1, split_from=2)
        assert made == []  # one worker: the whole report, as before
        assert _pooled(two, seed_articles, workers=2, split_from=2) == alone  # cold: every sentence tagged
        assert made == [["facts", "summary"]]
        assert _parts(two) == _parts(one) and len(_parts(one)) == len(seed_articles)
        assert _pooled(two, seed_articles, workers=2, split_from=2) == alone  # warm: every tag read back


def test_the_facts_task_reads_the_known_tags(seed_articles: tuple[Article, ...],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from akhbar.ner.model import Tagger
    from akhbar.store.report_pool import _init_worker, _task_in_worker

    _, parts = run_remembering(seed_articles, {}, config=CONFIG)
    known = {key: tagged for one in parts.values() for key, tagged in one.items()}
    tagged: list[object] = []
    scored = Tagger.tag_scored

    def counted(self: Tagger, tokens: list[str], doc: object = None) -> object:
        if tokens != ["اختبار"]:  # the word load_mention_fn tags to check that the tagger works
            tagged.append(tokens)
        return scored(self, tokens, doc)  # type: ignore[arg-type]

    monkeypatch.setattr(Tagger, "tag_scored", counted)
    _init_worker(CONFIG)
    _, again = _task_in_worker(("facts", (seed_articles, True, known)))  # type: ignore[misc]
    assert again == parts and tagged == []  # every sentence read back, none tagged
    _task_in_worker(("facts", (seed_articles, True, {})))
    assert len(tagged) >= len(seed_articles)


def test_which_stories_are_split() -> None:
    big, small = (tuple(range(60)), True, {}), (tuple(range(10)), True, {})
    assert [kind for kind, _ in _tasks(big, 2, 50)] == ["facts", "summary"]  # type: ignore[arg-type]
    assert _tasks(big, 2, 50)[1][1][2] == {}  # type: ignore[arg-type,index]
    assert [kind for kind, _ in _tasks(small, 2, 50)] == ["whole"]  # type: ignore[arg-type]
    assert [kind for kind, _ in _tasks(big, 1, 50)] == ["whole"]  # type: ignore[arg-type]
    assert [kind for kind, _ in _tasks((big[0], False, {}), 2, 50)] == ["whole"]  # type: ignore[arg-type]


def test_a_real_story_split_over_two_workers_is_built_as_in_one(tmp_path: Path) -> None:
    """Forty ANT articles of one outlet's busiest day, one story: split over two workers, then grown by
    three articles with the others' parts read back, the report is the one-process one, byte for byte."""
    articles = ant_one_outlet_day(tmp_path, 43)
    assert len(articles) >= 20
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, articles, config=CONFIG)
        for some in (articles[:-3], articles):
            assert _pooled(store, some, workers=2, split_from=20) == _cached(run(some, config=CONFIG))
        assert len(_parts(store)) == len(articles)
