"""The multi-document ANT set (akhbar.eval.neighbours) on hand-made articles, and `akhbar eval --multi`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import EXIT_SKIPPED
from akhbar.eval.neighbours import NeighbourSettings, build_multidoc_set, read_ant_multidoc
from akhbar.records import Article
from tests.eval.test_cli import _app

QUAKE = "ضرب زلزال قوي جزيرة سومطرة الإندونيسية صباح اليوم وأدى إلى انهيار مبان في مدينة بادانغ الساحلية"
VOTE = "صوت البرلمان العراقي على قانون الانتخابات الجديد بعد جلسة طويلة شهدت خلافات بين الكتل"


def _article(aid: str, source: str, day: int, text: str) -> Article:
    return Article(aid, f"{text}. وقالت السلطات إن فرق الإنقاذ تعمل في المنطقة.", title=text[:40],
                   date=f"2018-03-{day:02d}", source=source)


ARTICLES = [
    _article("target", "BBC", 10, QUAKE),
    _article("sky", "SkyNews", 10, QUAKE + " حسب شهود"),
    _article("arabia", "Alarabia", 11, "زلزال قوي يضرب جزيرة سومطرة الإندونيسية ويهدم مباني في مدينة بادانغ الساحلية"),
    _article("bbc-again", "BBC", 10, QUAKE + " اليوم"),  # the target's own outlet: never a neighbour
    _article("late", "France24", 20, QUAKE),  # ten days later: another event
    _article("vote", "CNN", 10, VOTE),  # same days, another event
]


def test_a_standfirst_is_summarised_from_other_outlets_nearby_in_time() -> None:
    clusters = build_multidoc_set(ARTICLES, {"target": "زلزال في سومطرة يهدم مباني"})
    assert len(clusters) == 1
    (cluster,) = clusters
    assert cluster.id == "ant-multi:target"
    assert [a.id for a in cluster.articles] == ["sky", "arabia"]  # by date, the target excluded
    assert cluster.references == ("زلزال في سومطرة يهدم مباني",)


def test_a_target_with_too_few_neighbours_gives_no_cluster() -> None:
    settings = NeighbourSettings(min_neighbours=3)
    assert build_multidoc_set(ARTICLES, {"target": "زلزال"}, settings=settings) == []
    assert build_multidoc_set(ARTICLES, {"vote": "البرلمان يقر القانون"}) == []


def _write_ant(path: Path) -> Path:
    rows = [{"id": a.id, "source": a.source, "category": "world", "url": "", "title": a.title, "text": a.body,
             "time": f"Sat, {a.date[-2:]} Mar 2018 10:00:00 +0000",
             "abstract": "زلزال قوي يضرب سومطرة ويهدم مباني في بادانغ" if a.id == "target" else "",
             "abstract_kind": "novel" if a.id == "target" else "lead_copy"} for a in ARTICLES]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        handle.write("{broken\n")
    return path


def test_reader_and_cli_run_the_multi_document_set(tmp_path: Path) -> None:
    path = _write_ant(tmp_path / "articles.jsonl.gz")
    errors: list = []
    clusters = list(read_ant_multidoc(path, errors))
    assert [c.id for c in clusters] == ["ant-multi:target"] and len(errors) == 1
    result = CliRunner().invoke(_app(), ["eval", str(path), "--multi", "--words", "60", "--split", "all",
                                      "--peers", "lead", "--out", str(tmp_path / "r.json")])
    assert result.exit_code == EXIT_SKIPPED, result.output  # done, the broken line reported and skipped
    assert "multi-document" in result.output
    systems = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["systems"]
    assert systems["akhbar"]["clusters"] == systems["lead"]["clusters"] == 1
    assert systems["akhbar"]["rouge"]["max"]["rouge2"]["recall"] > 0


def test_a_split_reads_only_its_own_targets_clusters(tmp_path: Path) -> None:
    from akhbar.eval.datasets import split_of

    path = _write_ant(tmp_path / "articles.jsonl.gz")
    every = list(read_ant_multidoc(path, []))
    own, other = ("dev", "test") if split_of("target") == "dev" else ("test", "dev")
    assert [c.id for c in read_ant_multidoc(path, [], split=own)] == [c.id for c in every] == ["ant-multi:target"]
    assert list(read_ant_multidoc(path, [], split=other)) == []
    assert next(iter(read_ant_multidoc(path, [], split=own))).articles == every[0].articles


def test_cli_builds_the_set_with_the_neighbour_flags(tmp_path: Path) -> None:
    path = _write_ant(tmp_path / "articles.jsonl.gz")
    base = ["eval", str(path), "--words", "60", "--split", "all", "--peers", "lead"]
    # The target has two neighbours: a cluster needs at most that many, else none is built.
    found = CliRunner().invoke(_app(), [*base, "--multi", "--min-neighbours", "2", "--max-neighbours", "2"])
    none = CliRunner().invoke(_app(), [*base, "--multi", "--min-neighbours", "3"])
    assert found.exit_code == EXIT_SKIPPED and "1 clusters" in found.output
    assert none.exit_code == 1 and "no cluster" in none.output
    assert CliRunner().invoke(_app(), [*base, "--days", "3"]).exit_code == 2  # only with --multi
    assert CliRunner().invoke(_app(), [*base, "--multi", "--min-neighbours", "4", "--max-neighbours", "3"]).exit_code == 2


def test_settings_refuse_fewer_allowed_than_required() -> None:
    with pytest.raises(ValueError, match="min_neighbours"):
        NeighbourSettings(min_neighbours=4, max_neighbours=3)
