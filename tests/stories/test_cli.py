"""End to end: `akhbar stories` on the seeds plus made-up unrelated Arabic articles, and the summarize note."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app, register_optional_commands

register_optional_commands(["akhbar", "stories"])
runner = CliRunner()

OTHERS = {
    "quake_a": "زلزال بقوة 6.4 درجة يضرب جزيرة لومبوك الإندونيسية ويقتل 14 شخصا.\n"
               "ضرب الزلزال جزيرة لومبوك صباح الأحد ودمر آلاف المنازل في القرى الجبلية، وفق وكالة إدارة الكوارث.",
    "quake_b": "مقتل 14 شخصا في زلزال لومبوك بإندونيسيا.\n"
               "قالت وكالة إدارة الكوارث إن زلزالا بقوة 6.4 درجة ضرب جزيرة لومبوك ودمر آلاف المنازل <script>alert(1)</script>.",
    "football": "ليفربول يهزم روما في نصف نهائي دوري أبطال أوروبا.\n"
                "فاز نادي ليفربول على روما بخمسة أهداف مقابل هدفين سجل منها محمد صلاح هدفين في ملعب أنفيلد.",
}


@pytest.fixture
def inputs(tmp_path: Path, seed_dir: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(seed_dir, folder / "seeds")
    for name, text in OTHERS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_stories_json_groups_the_made_up_articles_and_keeps_the_seeds_apart(inputs: Path) -> None:
    result = runner.invoke(app, ["stories", str(inputs), "--format", "json", "--no-facts"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    stories = {frozenset(s["articles"]): s for s in data["stories"]}
    assert frozenset({"quake_a", "quake_b"}) in stories
    assert frozenset({"football"}) in stories
    seed_stories = [s for s in data["stories"] if any(i.startswith("00") for i in s["articles"])]
    assert all(all(i.startswith("00") for i in s["articles"]) for s in seed_stories)
    sizes = [len(s["articles"]) for s in data["stories"]]
    assert sizes == sorted(sizes, reverse=True)  # largest first
    quake = stories[frozenset({"quake_a", "quake_b"})]
    assert set(quake) >= {"id", "title", "articles", "outlets", "start", "end", "duplicates", "summary"}
    assert quake["summary"] and all(set(item["sources"]) <= {"quake_a", "quake_b"} for item in quake["summary"])
    assert data["errors"] == []


def test_stories_json_has_facts_for_multi_article_stories(inputs: Path) -> None:
    result = runner.invoke(app, ["stories", str(inputs), "--format", "json", "--min-articles", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["stories"] and all(len(s["articles"]) >= 2 for s in data["stories"])
    assert all("facts" in s and "quotes" in s["facts"] for s in data["stories"])


def test_stories_html_is_rtl_indexed_and_escapes_article_text(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "stories.html"
    result = runner.invoke(app, ["stories", str(inputs), "-f", "html", "-o", str(out), "--no-facts"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html dir="rtl" lang="ar">')
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="#story-story-quake_a"' in page and 'id="story-story-quake_a"' in page


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_stories_for_people(inputs: Path, fmt: str) -> None:
    result = runner.invoke(app, ["stories", str(inputs), "-f", fmt, "--no-facts"])
    assert result.exit_code == 0, result.output
    assert "زلزال بقوة 6.4 درجة" in result.stdout


def test_stories_without_readable_input_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stories", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1


def test_summarize_says_when_the_input_blends_stories(inputs: Path) -> None:
    for extra in ("summit_a", "summit_b"):
        (inputs / f"{extra}.txt").write_text(
            "ترامب وكيم يلتقيان في قمة سنغافورة التاريخية.\nالتقى دونالد ترامب زعيم كوريا الشمالية كيم جونغ أون "
            "في سنغافورة لبحث نزع السلاح النووي من شبه الجزيرة الكورية.", encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(inputs), "-f", "json", "--no-facts"])
    assert result.exit_code == 0, result.output
    assert "stories, not one" in result.stderr and "akhbar stories" in result.stderr


def test_summarize_on_the_seeds_adds_no_note(seed_dir: Path) -> None:
    result = runner.invoke(app, ["summarize", str(seed_dir), "-f", "json", "--no-facts"])
    assert result.exit_code == 0
    assert "stories, not one" not in result.stderr


def test_stories_through_a_store_twice_gives_the_same_stories(inputs: Path, tmp_path: Path) -> None:
    from akhbar.store import Store

    db = tmp_path / "news.db"
    outputs = []
    for _ in range(2):
        result = runner.invoke(app, ["stories", str(inputs), "--db", str(db), "-f", "json", "--no-facts"])
        assert result.exit_code == 0, result.output
        outputs.append([(s["id"], s["articles"]) for s in json.loads(result.stdout)["stories"]])
    assert outputs[0] == outputs[1]
    with Store(db) as store:
        stored = [(s.id, list(s.articles)) for s in store.stories()]
        assert store.counts().articles == 8
    assert stored == [(i, a) for i, a in outputs[0]]


def test_stories_json_names_each_storys_storyline(inputs: Path) -> None:
    result = runner.invoke(app, ["stories", str(inputs), "--format", "json", "--no-facts"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    lines = {line["id"]: line for line in data["storylines"]}
    assert all(set(line) == {"id", "title", "stories", "start", "end", "outlets", "size", "timeline"}
               for line in lines.values())
    for story in data["stories"]:
        line = lines[story["storyline"]]
        # line-<id of the story that opened it>
        assert story["id"] in line["stories"] and line["id"].startswith("line-story-")
    assert sorted(s for line in lines.values() for s in line["stories"]) == sorted(s["id"] for s in data["stories"])
    for line in lines.values():  # the story so far: one dated, cited line per event, in the storyline's order
        assert [step["story"] for step in line["timeline"]] == line["stories"]
        assert all(step["text"] and step["outlets"] for step in line["timeline"])


def test_stories_db_json_carries_the_storylines_of_the_file_path(inputs: Path, tmp_path: Path) -> None:
    files = json.loads(runner.invoke(app, ["stories", str(inputs), "-f", "json", "--no-facts"]).stdout)
    result = runner.invoke(app, ["stories", str(inputs), "--db", str(tmp_path / "s.db"), "-f", "json", "--no-facts"])
    assert result.exit_code == 0, result.output
    stored = json.loads(result.stdout)
    assert {s["id"]: s["storyline"] for s in stored["stories"]} == {s["id"]: s["storyline"] for s in files["stories"]}
    assert sorted(stored["storylines"], key=lambda line: line["id"]) == sorted(files["storylines"],
                                                                              key=lambda line: line["id"])


def _two_quake_days(tmp_path: Path) -> Path:
    """Two reports of one earthquake two weeks apart (the first title with markup to escape)."""
    folder = tmp_path / "far"
    folder.mkdir()
    rows = [{"id": "q1", "date": "2018-08-06", "title": "زلزال يضرب <b>لومبوك</b>", "text": OTHERS["quake_a"]},
            {"id": "q2", "date": "2018-08-20", "title": "حصيلة زلزال لومبوك ترتفع", "text": OTHERS["quake_b"]}]
    (folder / "quakes.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                         encoding="utf-8")
    return folder


def test_stories_text_and_json_put_two_events_in_one_storyline(tmp_path: Path) -> None:
    folder = _two_quake_days(tmp_path)
    config = tmp_path / "apart.toml"  # two weeks apart and no thread: two events
    config.write_text("[stories]\nwindow_days = 1\nthread_days = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["stories", str(folder), "--no-facts", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "قصة متواصلة · حدثان · 2018-08-06 ← 2018-08-20 · line-story-q1" in result.stdout
    data = json.loads(runner.invoke(app, ["stories", str(folder), "--no-facts", "--config", str(config),
                                          "-f", "json"]).stdout)
    assert [s["storyline"] for s in data["stories"]] == ["line-story-q1", "line-story-q1"]
    timeline = data["storylines"][0].pop("timeline")
    assert data["storylines"] == [{"id": "line-story-q1", "title": data["storylines"][0]["title"],
                                   "stories": ["story-q1", "story-q2"], "start": "2018-08-06",
                                   "end": "2018-08-20", "outlets": [], "size": 2}]
    # The story so far: one line per event, dated, in order, cited (these articles name no outlet: their ids)
    assert [(step["story"], step["date"], step["outlets"]) for step in timeline] == [
        ("story-q1", "2018-08-06", ["q1"]), ("story-q2", "2018-08-20", ["q2"])]
    assert "لومبوك" in timeline[0]["text"] and "لومبوك" in timeline[1]["text"]
    assert "القصة حتى الآن:\n   - 2018-08-06: " in result.stdout and "     ← q2" in result.stdout
    page = runner.invoke(app, ["stories", str(folder), "--no-facts", "--config", str(config), "-f", "html"]).stdout
    assert '<li class="storyline"><strong>زلزال يضرب &lt;b&gt;لومبوك&lt;/b&gt;</strong>' in page
    assert '<section class="timeline" dir="rtl" lang="ar"><h3>القصة حتى الآن</h3><ol><li><time datetime="2018-08-06">' \
        in page and '<a href="#story-story-q2">' in page
    markdown = runner.invoke(app, ["stories", str(folder), "--no-facts", "--config", str(config), "-f", "md"]).stdout
    assert markdown.startswith("# ") and "`line-story-q1`" in markdown
    assert "### القصة حتى الآن\n\n- **2018-08-06**: " in markdown



def test_stories_db_rebuild_folds_the_storylines_again(tmp_path: Path) -> None:
    folder = _two_quake_days(tmp_path)
    apart = tmp_path / "apart.toml"  # two events, and each its own storyline
    apart.write_text("[stories]\nwindow_days = 1\nthread_days = 1\nline_threshold = 1.0\n", encoding="utf-8")
    joined = tmp_path / "joined.toml"  # two events of one storyline
    joined.write_text("[stories]\nwindow_days = 1\nthread_days = 1\n", encoding="utf-8")
    db = tmp_path / "s.db"
    made = runner.invoke(app, ["stories", str(folder), "--db", str(db), "--config", str(apart), "-f", "json",
                               "--no-facts"])
    assert made.exit_code == 0, made.output
    assert len(json.loads(made.stdout)["storylines"]) == 2
    rebuilt = runner.invoke(app, ["stories", "--db", str(db), "--rebuild", "--config", str(joined), "-f", "json",
                                  "--no-facts"])
    assert rebuilt.exit_code == 0, rebuilt.output
    data = json.loads(rebuilt.stdout)
    assert [(line["id"], line["stories"]) for line in data["storylines"]] == [
        ("line-story-q1", ["story-q1", "story-q2"])]
    assert [s["storyline"] for s in data["stories"]] == ["line-story-q1", "line-story-q1"]

def test_stories_db_with_no_paths_shows_the_stored_stories_from_their_cached_reports(inputs: Path,
                                                                                   tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    made = runner.invoke(app, ["stories", str(inputs), "--db", str(db), "-f", "json", "--no-facts"])
    assert made.exit_code == 0, made.output
    for fmt in ("json", "text", "md", "html"):
        shown = runner.invoke(app, ["stories", "--db", str(db), "-f", fmt, "--no-facts"])
        assert shown.exit_code == 0, shown.output
        assert "0 articles folded in: 0 new, 0 changed" in shown.stderr  # nothing re-clustered, no report rebuilt
        if fmt == "json":
            assert json.loads(shown.stdout)["stories"] == json.loads(made.stdout)["stories"]
        if fmt == "html":
            assert '<html dir="rtl" lang="ar">' in shown.stdout and "&lt;script&gt;" in shown.stdout
            assert "<script>alert" not in shown.stdout
    rebuilt = runner.invoke(app, ["stories", "--db", str(db), "--rebuild", "-f", "json", "--no-facts"])
    assert rebuilt.exit_code == 0 and "rebuilt" in rebuilt.stderr
    assert [s["id"] for s in json.loads(rebuilt.stdout)["stories"]] == [
        s["id"] for s in json.loads(made.stdout)["stories"]]
    assert runner.invoke(app, ["stories", "--rebuild"]).exit_code == 2
    assert runner.invoke(app, ["stories"]).exit_code == 2
