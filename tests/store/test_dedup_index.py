"""The duplicate index kept in the store gives the links of the in-memory index, batch after batch, and an
older store is upgraded to it."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from akhbar.config import Config, DedupConfig
from akhbar.records import Article
from akhbar.store import Store, StoreError
from akhbar.store.dedup_index import StoredCandidates
from akhbar.store.loader import ingest_into
from akhbar.store.schema import SCHEMA_VERSION
from akhbar.stories.dedup import DuplicateIndex, band_keys, find_duplicates, lsh_shape
from akhbar.stories.records import DuplicateLink
from tests.conftest import seed_article

DEDUP_TABLES = ("dedup_bands", "dedup_texts", "dedup_copies")


def respell(text: str) -> str:
    return text.replace("أ", "ا").replace("إ", "ا").replace("ى", "ي").replace("قال", "قـال")


def near_copies(seed_articles) -> list[Article]:
    """The seeds, and made-up copies of them: respelled (exact), edited (near), cut at either end (two
    near copies of one text that are not near copies of each other, joined when the whole text comes
    later), older than their original (the original moves), undated, and bodies without shingles."""
    dated = [replace(a, date=f"2016-12-0{n + 1}") for n, a in enumerate(seed_articles)]
    made: list[Article] = list(dated)
    for n, base in enumerate(dated):
        paragraphs = [p for p in base.body.split("\n") if p.strip()]
        day = f"2016-12-{10 + n:02d}"
        made += [
            replace(base, id=f"{base.id}-respelled", body=respell(base.body), date=day),
            replace(base, id=f"{base.id}-edited", date=day,
                    body="\n".join([*paragraphs[:-1], "وأضاف المصدر أن الوضع هادئ الآن."])),
            replace(base, id=f"{base.id}-head", body="\n".join(paragraphs[:-1]), date=day),
            replace(base, id=f"{base.id}-tail", body="\n".join(paragraphs[1:]), date="2016-11-01" if n % 2 else day),
            replace(base, id=f"{base.id}-undated", body=base.body + "\nوتابعت الصحيفة التغطية.", date=None),
        ]
    made += [replace(seed_articles[0], id=f"dots-{i}", body="... !!" if i else "…", date=f"2016-12-0{i + 1}")
             for i in range(3)]
    return made


def in_memory(batches: list[list[Article]]) -> tuple[list[DuplicateLink], set[str], list[Counter[str]]]:
    """The in-memory index fed the same batches: its links, copies and the links each batch made or moved."""
    index = DuplicateIndex()
    changed = []
    for batch in batches:
        index.partial_fit([index.sketch(a) for a in batch])
        changed.append(Counter(link.kind for link in index.changed_))
    return sorted(index.links_.values(), key=lambda x: x.article), set(index.copies_), changed


def stored(path: Path, batches: list[list[Article]]) -> tuple[list[DuplicateLink], set[str], list[Counter[str]]]:
    changed = []
    with Store(path) as store:
        for batch in batches:
            summary = ingest_into(store, batch, config=Config())
            changed.append(Counter({"exact": summary.exact, "near": summary.near}))
        copies = {row[0] for row in store._db.execute("SELECT article FROM dedup_copies")}
        return list(store.duplicates()), copies, changed


def splits(articles: list[Article], rng: random.Random) -> list[list[Article]]:
    order = rng.sample(articles, len(articles))
    cuts = sorted(rng.sample(range(1, len(order)), min(4, len(order) - 1)))
    return [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True)]


def test_store_and_memory_give_the_same_links_in_any_order_and_batching(seed_articles, tmp_path: Path) -> None:
    articles = near_copies(seed_articles)
    expected = find_duplicates(articles, config=DedupConfig())
    kinds = Counter(link.kind for link in expected)
    assert kinds["exact"] >= 4 and kinds["near"] >= 15  # the set is not trivial
    assert any(link.original.endswith("-tail") for link in expected)  # an older copy became the original
    rng = random.Random(19)
    for run in range(8):
        batches = splits(articles, rng)
        links, copies, changed = stored(tmp_path / f"{run}.db", batches)
        assert links == expected, f"run {run}"
        assert (links, copies, changed) == in_memory(batches), f"run {run}"


def test_an_article_in_two_sets_joins_them_under_the_earliest(seed_articles, tmp_path: Path) -> None:
    base = seed_article(seed_articles, "003")
    paragraphs = [p for p in base.body.split("\n") if p.strip()]
    head = replace(base, id="head", body="\n".join(paragraphs[:-2]), date="2016-12-05")
    tail = replace(base, id="tail", body="\n".join(paragraphs[2:]), date="2016-12-04")
    assert find_duplicates([head, tail], config=DedupConfig()) == []  # two sets at first
    whole = replace(base, id="whole", date="2016-12-06")
    batches = [[head], [tail], [whole]]
    links, _, changed = stored(tmp_path / "s.db", batches)
    assert {(x.article, x.original) for x in links} == {("head", "tail"), ("whole", "tail")}
    assert (links, changed) == in_memory(batches)[::2]


def test_candidates_come_from_the_band_table(seed_articles, tmp_path: Path) -> None:
    articles = near_copies(seed_articles)
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, articles, config=Config())
        candidates = StoredCandidates(store._db)
        bands, rows = lsh_shape(num_perm=128, threshold=0.5)
        index = DuplicateIndex()
        edited = index.sketch(next(a for a in articles if a.id.endswith("-edited")))
        keys = band_keys(edited.signature, bands=bands, rows=rows)
        found = set(candidates.in_bands(keys))
        assert edited.article in found and len(found) < len(articles) // 2
        count = store._db.execute("SELECT COUNT(*), COUNT(DISTINCT article) FROM dedup_bands").fetchone()
        filed = store._db.execute("SELECT COUNT(*) FROM dedup_texts").fetchone()[0]
    assert count[0] == bands * count[1] and count[1] < filed < len(articles)  # exact copies are not filed


def downgrade(path: Path) -> None:
    """What a version-2 store looks like: sketches and links, no index tables."""
    db = sqlite3.connect(path)
    for table in DEDUP_TABLES:
        db.execute(f"DROP TABLE {table}")
    db.execute("UPDATE schema_version SET version = 2")
    db.commit()
    db.close()


def index_rows(path: Path) -> dict[str, list[tuple]]:
    db = sqlite3.connect(path)
    rows = {table: sorted(db.execute(f"SELECT * FROM {table}").fetchall()) for table in DEDUP_TABLES}
    db.close()
    return rows


def test_a_version_2_store_is_upgraded_and_its_index_filed_once(seed_articles, tmp_path: Path) -> None:
    articles = near_copies(seed_articles)
    first, later = articles[: len(articles) // 2], articles[len(articles) // 2:]
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    for path in (old, new):
        with Store(path) as store:
            ingest_into(store, first, config=Config())
    downgrade(old)
    with pytest.raises(StoreError, match="older"):
        Store.open_readonly(old)
    with Store(old) as store:
        assert store.setting("dedup_index_needs_build") == "1"
        assert all(rows == [] for rows in index_rows(old).values())
        summary = ingest_into(store, [], config=Config())
        assert summary.exact == summary.near == 0  # filing the index makes no link
        assert store.setting("dedup_index_needs_build") is None
    assert sqlite3.connect(old).execute("SELECT version FROM schema_version").fetchone() == (SCHEMA_VERSION,)
    assert index_rows(old) == index_rows(new)
    for path in (old, new):
        with Store(path) as store:
            ingest_into(store, later, config=Config())
    assert index_rows(old) == index_rows(new)
    with Store(old) as store:
        assert list(store.duplicates()) == find_duplicates(articles, config=DedupConfig())


def test_a_revised_copy_keeps_its_link_and_is_not_counted(seed_articles, tmp_path: Path) -> None:
    base = replace(seed_article(seed_articles, "001"), date="2016-12-01")
    copy = replace(base, id="copy", body=respell(base.body), date="2016-12-09", source="other")
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, [base, copy], config=Config())
        counted = store.line_counts().articles
        summary = ingest_into(store, [replace(copy, body=copy.body + "\nتحديث.")], config=Config())
        assert summary.revised == ("copy",) and summary.exact == summary.near == 0
        assert [(x.article, x.original) for x in store.duplicates()] == [("copy", base.id)]
        assert store.line_counts().articles == counted  # a copy's sentences are not counted, before or after
