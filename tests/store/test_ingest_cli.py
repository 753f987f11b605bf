"""`akhbar ingest`: idempotent, reports bad items, links copies, and survives SIGKILL."""

from __future__ import annotations

import json
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from akhbar.cli import app, register_optional_commands
from akhbar.store import Store
from akhbar.text.segment import split_sentences
from tests.conftest import SEEDS

register_optional_commands(["akhbar", "ingest"])
runner = CliRunner()
N_SYNTHETIC = 1600  # a few seconds of ingest: long enough to be killed after the first batches
TABLES = ("articles", "sketches", "duplicates", "boilerplate", "outlet_articles", "settings", "schema_version",
          "dedup_bands", "dedup_texts", "dedup_copies")


def ingest(*args: str):
    return runner.invoke(app, ["ingest", *args])


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, and what full-text search finds for a few words."""
    db = sqlite3.connect(path)
    rows = {table: sorted(db.execute(f"SELECT * FROM {table}").fetchall()) for table in TABLES}
    for word in ("حلب", "الروسي", "المعارضة"):
        rows[f"fts:{word}"] = sorted(db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
                                                (word[2:] if word.startswith("ال") else word,)).fetchall())
    db.close()
    return rows


def test_ingesting_twice_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    first = ingest(str(SEEDS), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert "read 5, new 5, unchanged 0, revised 0" in first.output
    before = snapshot(db)
    second = ingest(str(SEEDS), "--db", str(db))
    assert second.exit_code == 0 and "read 5, new 0, unchanged 5" in second.output
    assert snapshot(db) == before


def test_bad_items_are_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    body = sorted(SEEDS.iterdir())[1].read_text(encoding="utf-8")
    respelled = body.replace("أ", "ا").replace("إ", "ا")
    lines = [json.dumps({"id": "one", "text": body, "date": "Sun, 18 Feb 2018 21:35:43 +0400", "source": "A"}),
             "{broken json",
             json.dumps({"id": "two", "text": respelled, "date": "2018-02-19T08:00:00+02:00", "source": "B"})]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest(str(feed), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 4, result.output  # 4: some inputs were skipped
    assert "feed.jsonl:2" in result.output and "invalid JSON" in result.output
    assert "missing.txt" in result.output and "no such file" in result.output
    assert "read 2, new 2" in result.output and "1 exact" in result.output
    with Store(tmp_path / "s.db") as store:
        assert [(x.article, x.original, x.kind) for x in store.duplicates()] == [("two", "one", "exact")]
        assert [a.date for a in store.articles()] == ["2018-02-18", "2018-02-19"]


def test_a_changed_text_is_a_new_revision_of_the_same_article(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    feed = tmp_path / "a.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": "نص الخبر الأول عن حلب."}) + "\n", encoding="utf-8")
    assert ingest(str(feed), "--db", db).exit_code == 0
    feed.write_text(json.dumps({"id": "x", "text": "نص مختلف تماما عن دمشق."}) + "\n", encoding="utf-8")
    result = ingest(str(feed), "--db", db)
    assert result.exit_code == 0 and "revised 1" in result.output and "new 0" in result.output
    with Store(db) as store:
        assert [a.body for a in store.articles()] == ["نص مختلف تماما عن دمشق."]
        assert store.revision_of("x") == 2 and store.counts().articles == 1
        assert [a.id for a in store.search("دمشق")] == ["x"] and store.search("حلب") == []


def test_a_rerun_reports_no_link_as_new(tmp_path: Path) -> None:
    feed = tmp_path / "copies.jsonl"
    body = sorted(SEEDS.iterdir())[1].read_text(encoding="utf-8")
    feed.write_text("".join(json.dumps({"id": f"c{i}", "text": body, "source": f"S{i}"}) + "\n" for i in range(3)),
                    encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert "duplicates 2 exact" in ingest(str(feed), "--db", db).output
    again = ingest(str(feed), "--db", db)
    assert again.exit_code == 0 and "duplicates 0 exact + 0 near" in again.output, again.output


def test_exit_codes(tmp_path: Path) -> None:
    assert ingest(str(tmp_path / "nothing"), "--db", str(tmp_path / "s.db")).exit_code == 1
    (tmp_path / "bad.db").write_text("not sqlite " * 200)
    result = ingest(str(SEEDS), "--db", str(tmp_path / "bad.db"))
    assert result.exit_code == 2 and "not an akhbar store" in result.output
    (tmp_path / "c.toml").write_text("[dedup]\nnum_perm = 64\n")
    assert ingest(str(SEEDS), "--db", str(tmp_path / "s2.db")).exit_code == 0
    other = ingest(str(SEEDS), "--db", str(tmp_path / "s2.db"), "--config", str(tmp_path / "c.toml"))
    assert other.exit_code == 2 and "num_perm=128" in other.output


def synthetic_corpus(folder: Path, n: int) -> Path:
    """The seeds' sentences recombined into ``n`` articles from four outlets, with some copies."""
    rng = random.Random(8)
    sentences = [s for path in sorted(SEEDS.iterdir()) for s in split_sentences(path.read_text(encoding="utf-8"))
                 if len(s.split()) > 6]
    records = []
    for i in range(n):
        if i % 40 == 39:  # a wire copy of an earlier article, another outlet
            copy = dict(records[rng.randrange(len(records))], id=f"art-{i}", source=f"outlet-{i % 4}")
            records.append(copy)
            continue
        body = "\n".join(rng.sample(sentences, 8) + (["جميع المقالات المنشورة تمثل رأي كتابها فقط."] * (i % 3 == 0)))
        records.append({"id": f"art-{i}", "text": body, "source": f"outlet-{i % 4}",
                        "date": f"2016-12-{1 + i % 28:02d}"})
    for part in range(4):
        chunk = records[part::4]
        (folder / f"part-{part}.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in chunk) + "\n",
                                                   encoding="utf-8")
    return folder


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_a_killed_ingest_completed_by_a_rerun_equals_an_uninterrupted_one(tmp_path: Path) -> None:
    corpus = synthetic_corpus(tmp_path, N_SYNTHETIC)
    command = [sys.executable, "-m", "akhbar", "ingest", str(corpus), "--db"]
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    done = subprocess.run([*command, str(whole)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"read {N_SYNTHETIC}, new {N_SYNTHETIC}" in done.stderr
    process = subprocess.Popen([*command, str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _stored(killed) < 500 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    interrupted = _stored(killed)
    assert 0 < interrupted < N_SYNTHETIC, "the run should have been killed part-way"
    rerun = subprocess.run([*command, str(killed)], capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"new {N_SYNTHETIC - interrupted}, unchanged {interrupted}" in rerun.stderr
    assert snapshot(killed) == snapshot(whole)
    with Store(whole) as store:
        counts = store.counts()
        assert counts.duplicates >= N_SYNTHETIC // 40  # every wire copy is linked
        assert store.line_counts(min_count=10).lines  # the disclaimer was counted


def test_a_log_gets_a_line_per_batch_and_quiet_silences_it(tmp_path: Path) -> None:
    logged = ingest(str(SEEDS), "--db", str(tmp_path / "a.db"))  # CliRunner's stderr is no terminal
    assert logged.exit_code == 0, logged.output
    assert re.search(r"^ingesting: 5 articles, \d+\.\d s$", logged.output, re.M)
    quiet = ingest(str(SEEDS), "--db", str(tmp_path / "b.db"), "--quiet")
    assert quiet.exit_code == 0 and "ingesting:" not in quiet.output
    assert "read 5, new 5" in quiet.output  # the summary is not progress: it stays
