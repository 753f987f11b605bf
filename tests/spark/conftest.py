"""Fixtures for the Spark runner: a local session, made-up Arabic articles, and the library's answer.

Spark needs Java and the `spark` extra. Without them these tests skip, naming what is missing,
except in CI (CI=true), where they must run: there a missing Java is a failure, not a skip.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from akhbar.cli import example_dir
from akhbar.config import Config, load_config
from akhbar.ingest import ingest
from akhbar.report.json_out import report_to_dict

REPO = Path(__file__).resolve().parents[2]


def spark_missing() -> str | None:
    """Why Spark cannot run here, or None."""
    missing = [m for m in ("pyspark", "pandas", "pyarrow") if importlib.util.find_spec(m) is None]
    if missing:
        return f"the spark extra is not installed ({', '.join(missing)}): pip install -e '.[spark]'"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java: install openjdk-17-jre-headless"
    return None


def require_spark() -> None:
    reason = spark_missing()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"Spark tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    require_spark()
    from akhbar.spark.inputs import spark_session

    session = spark_session("local[2]", app_name="akhbar-tests", shuffle_partitions=4)
    yield session
    session.stop()


# Made-up articles: a flood told by three outlets over five days (one copying another almost word for
# word), a match told twice, a budget told once, and an undated follow-up of the flood.
_FLOOD = ("غمرت مياه الأمطار الغزيرة أحياء واسعة في مدينة الزرقاء صباح {day}، وأعلن الدفاع المدني إجلاء {n} "
          "عائلة من منازلها. وقال مدير الدفاع المدني العميد سامر الخطيب إن فرق الإنقاذ تعمل منذ الفجر. "
          "وأضاف أن منسوب المياه في سيل الزرقاء ارتفع مترين خلال ساعات.")
MADE_UP: list[dict[str, Any]] = [
    {"id": "flood-1", "source": "الرأي", "date": "2016-12-05", "title": "فيضانات في الزرقاء وإجلاء عائلات",
     "text": _FLOOD.format(day="الاثنين", n=120)},
    {"id": "flood-2", "source": "الغد", "date": "2016-12-05", "title": "إجلاء عائلات في الزرقاء بسبب الفيضانات",
     "text": _FLOOD.format(day="الاثنين", n=120) + " وتوقعت الأرصاد استمرار الأمطار."},
    {"id": "match-1", "source": "الرأي", "date": "2016-12-06", "title": "الفيصلي يفوز على الوحدات في الدوري",
     "text": "فاز فريق الفيصلي على الوحدات بهدفين مقابل هدف في مباراة الدوري الأردني لكرة القدم مساء الثلاثاء "
             "على ستاد عمان الدولي. وسجل المهاجم يوسف النعيمات هدفي الفيصلي في الشوط الثاني."},
    {"id": "flood-3", "source": "بترا", "date": "2016-12-07", "title": "عودة عائلات الزرقاء بعد انحسار الفيضانات",
     "text": "بدأت العائلات التي أجليت من أحياء مدينة الزرقاء بسبب الفيضانات العودة إلى منازلها الأربعاء بعد "
             "انحسار مياه الأمطار. وقال العميد سامر الخطيب مدير الدفاع المدني إن سيل الزرقاء عاد إلى منسوبه."},
    {"id": "match-2", "source": "الغد", "date": "2016-12-07", "title": "النعيمات يقود الفيصلي للفوز على الوحدات",
     "text": "قاد المهاجم يوسف النعيمات فريق الفيصلي للفوز على الوحدات بهدفين مقابل هدف في الدوري الأردني "
             "لكرة القدم، بعدما سجل هدفين في الشوط الثاني على ستاد عمان الدولي."},
    {"id": "budget-1", "source": "بترا", "date": "2016-12-08", "title": "الحكومة تقر موازنة العام المقبل",
     "text": "أقر مجلس الوزراء مشروع قانون الموازنة العامة للعام المقبل بنفقات تبلغ 8.9 مليار دينار وعجز "
             "متوقع قدره 827 مليون دينار، وأحاله إلى مجلس النواب لمناقشته."},
    {"id": "flood-4", "source": "الغد", "date": "2016-12-09", "title": "تعويض متضرري فيضانات الزرقاء",
     "text": "قررت الحكومة تعويض العائلات المتضررة من فيضانات مدينة الزرقاء التي أجلي منها الدفاع المدني "
             "مئة وعشرين عائلة، وقال العميد سامر الخطيب إن سيل الزرقاء يحتاج إلى قنوات تصريف جديدة."},
    {"id": "flood-5", "source": "بترا", "title": "لجنة لدراسة فيضانات الزرقاء",
     "text": "شكلت الحكومة لجنة فنية لدراسة أسباب فيضانات مدينة الزرقاء وسيلها، بعد أن أجلى الدفاع المدني "
             "مئة وعشرين عائلة من منازلها."},
]


def seed_records() -> list[dict[str, Any]]:
    """The five seed articles as JSON lines (the .txt reader gives the same id and text)."""
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(example_dir().glob("*.txt"))]


def write_jsonl(path: Path, records: list[dict[str, Any]], *, extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def library_stories(path: Path, *, config: Config | None = None, with_facts: bool = True,
                    facts_min_articles: int = 2) -> dict[str, dict]:
    """What `akhbar stories` finds in ``path`` (its library path, its default options), keyed by story id."""
    from akhbar.stories.build import group_stories, story_reports

    config = config or load_config()
    articles = ingest([str(path)]).articles
    batch = group_stories(articles, config=config)
    found = {}
    for story, report in story_reports(batch, config=config, with_facts=with_facts,
                                       facts_min_articles=facts_min_articles):
        data = report_to_dict(report)
        found[story.id] = {"title": story.title, "articles": list(story.articles), "outlets": list(story.outlets),
                           "start": story.start, "end": story.end, "summary": data["summary"],
                           "facts": data.get("facts")}
    return found


def spark_stories(out: Path) -> dict[str, dict]:
    """The stories table `akhbar spark` wrote, in the same shape."""
    import pandas as pd

    table = pd.read_parquet(out / "stories")
    return {row["id"]: {"title": row["title"], "articles": list(row["articles"]), "outlets": list(row["outlets"]),
                        "start": row["start"], "end": row["end"], "summary": json.loads(row["summary"]),
                        "facts": json.loads(row["facts"]) if row["facts"] else None}
            for row in table.to_dict("records")}
