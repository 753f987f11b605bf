"""Each hostile input gets its report; a batch of the seeds plus every hostile kind gives the seeds'
normal summary and a report that lists every bad item once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app
from akhbar.ingest import ingest
from akhbar.pipeline import run
from akhbar.records import BadInput
from tests.hostile.corpus import Kind, write_corpus


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Kind]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, write_corpus(folder)


def _name(bad: BadInput, folder: Path) -> str:
    return bad.path[len(str(folder)) + 1:] if bad.path.startswith(str(folder)) else bad.path


def _match(kind: Kind, errors: list[BadInput], folder: Path) -> list[BadInput]:
    if kind.name.startswith("d" * 200):  # the over-long path: reported under its first folder
        return [e for e in errors if _name(e, folder).startswith(kind.name)]
    return [e for e in errors if _name(e, folder) == kind.name]


def test_every_hostile_kind_gets_its_report_once(corpus_dir: tuple[Path, list[Kind]]) -> None:
    folder, kinds = corpus_dir
    corpus = ingest([str(folder)])
    for kind in kinds:
        found = _match(kind, list(corpus.errors), folder)
        assert kind.expected is not None
        action, phrase = kind.expected
        assert len(found) == 1, (kind.name, found)
        assert found[0].action == action and phrase in found[0].problem, (kind.name, found[0])
    reported = {e.path for e in corpus.errors}
    assert len(reported) == len(corpus.errors)  # once each
    ids = [a.id for a in corpus.articles]
    assert len(ids) == len(set(ids))
    for article in corpus.articles:  # what was accepted can be written by every writer
        for value in (article.id, article.body, article.title or ""):
            value.encode("utf-8")
            assert "\x1b" not in value and "\x00" not in value


def _summary(data: dict) -> list[tuple[str, list[str]]]:
    return [(i["text"], i["sources"]) for i in data["summary"]]


def test_seeds_plus_every_hostile_kind(corpus_dir: tuple[Path, list[Kind]], seed_dir: Path) -> None:
    """Skipped inputs change nothing; repaired ones count as the articles they were repaired into."""
    folder, kinds = corpus_dir
    result = CliRunner().invoke(app, ["summarize", str(seed_dir), str(folder), "-f", "json", "--no-facts"])
    assert result.exit_code == 4, result.output  # done, some inputs skipped or repaired
    data = json.loads(result.stdout)
    seeds, hostile = ingest([str(seed_dir)]), ingest([str(folder)])
    expected = run((*seeds.articles, *hostile.articles), with_facts=False)
    assert _summary(data) == [(i.text, list(i.sources)) for i in expected.summary]
    reported = [BadInput(e["path"], e["problem"], e["action"]) for e in data["errors"]]
    assert len(reported) == len(kinds)
    for kind in kinds:
        assert len(_match(kind, reported, folder)) == 1, kind.name
    stderr_lines = [line for line in result.stderr.splitlines() if line.startswith(("skipped ", "repaired "))]
    assert len(stderr_lines) == len(kinds)  # each once on stderr too


def test_seeds_plus_every_rejected_kind_give_the_seeds_summary(
    corpus_dir: tuple[Path, list[Kind]], seed_dir: Path, tmp_path: Path,
) -> None:
    folder, kinds = corpus_dir
    rejected = tmp_path / "rejected"
    rejected.mkdir()
    names = [k.name for k in kinds if k.expected and k.expected[0] == "skipped" and "/" not in k.name
             and ":" not in k.name and not k.name.startswith("d" * 200) and k.name != "pipe.txt"]
    for name in names:
        shutil.copy(folder / name, rejected / name)
    normal = run(ingest([str(seed_dir)]).articles, with_facts=False)
    result = CliRunner().invoke(app, ["summarize", str(seed_dir), str(rejected), "-f", "json", "--no-facts"])
    assert result.exit_code == 4, result.output
    data = json.loads(result.stdout)
    assert _summary(data) == [(i.text, list(i.sources)) for i in normal.summary]
    assert sorted(Path(e["path"]).name for e in data["errors"]) == sorted(names)
