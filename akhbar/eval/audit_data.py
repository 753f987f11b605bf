"""The audit stories (``data/audit/stories.jsonl``): the one reader of the file, its one record, and
the two ways their articles are read back from ANT.

One line per story: ``{"story", "split", "topic", "about", "articles": [ANT ids]}``. The file holds
ANT ids only; the texts come from the ANT file the user gives:

- :func:`story_articles` reads them as they are (``akhbar eval-facts``: the facts tables of a story as
  ``akhbar summarize`` would show them for those articles);
- :func:`load_articles` cleans them as ``akhbar stories`` cleans an archive (``eval-summary-audit``,
  ``eval-paraphrase``, ``eval-since``): the noise lines of ingest removed, then each outlet's
  boilerplate learned over the **whole** file (the sentences it repeats across its articles,
  :mod:`akhbar.stories.boilerplate`) stripped.

Both make one pass over the file and keep only the stories' articles in memory.

A judged sentence is named by a stable key: its article id and its first words
(``BB-middleEast-460-20180506|وقال رئيس الحكومة اللبنانية``), short enough to ship with the
judgements without shipping the text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from akhbar.config import Config
from akhbar.eval.datasets import read_ant_articles
from akhbar.ingest.noise import clean_article_text
from akhbar.records import Article, BadInput
from akhbar.stories.boilerplate import count_lines, select_boilerplate, strip_boilerplate

AUDIT_DIR = Path(__file__).resolve().parents[2] / "data" / "audit"
KEY_WORDS = 5
Split = Literal["dev", "test", "all"]


@dataclass(frozen=True, slots=True)
class AuditStory:
    """One audit story: its name (``story``), its split (dev or test), its ANT ids, topic and gist."""

    story: str
    split: Literal["dev", "test"]
    articles: tuple[str, ...]
    topic: str = ""
    about: str = ""


def sentence_key(article: str, text: str, words: int = KEY_WORDS) -> str:
    """``article|first words``: names a sentence without holding its text."""
    return f"{article}|{' '.join(text.split()[:words])}"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of ``path``, one a line; a bad line is a ValueError naming the file and line."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{number}: not a JSON object")
            yield row


def _story(obj: Any) -> AuditStory:
    if not isinstance(obj, dict):
        raise TypeError("not a JSON object")
    split = obj["split"]
    if split not in ("dev", "test") or not isinstance(obj["story"], str):
        raise ValueError(f"split must be dev or test, got {split!r}")
    if isinstance(obj["articles"], str):
        raise TypeError("articles must be a list of ANT ids")
    return AuditStory(obj["story"], split, tuple(str(a) for a in obj["articles"]), str(obj.get("topic", "")),
                      str(obj.get("about", "")))


def read_stories(path: Path | None = None, split: Split = "all",
                 errors: list[BadInput] | None = None) -> list[AuditStory]:
    """The audit stories of ``split`` (``data/audit/stories.jsonl`` by default). A bad line is a
    ValueError naming the file and line, or, when ``errors`` is given, reported there and skipped."""
    path = path or AUDIT_DIR / "stories.jsonl"
    stories = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            story = _story(json.loads(line))
        except (ValueError, KeyError, TypeError) as error:
            problem = f"not an audit story: {error}"
            if errors is None:
                raise ValueError(f"{path}:{number}: {problem}") from None
            errors.append(BadInput(f"{path}:{number}", problem))
            continue
        if split in ("all", story.split):
            stories.append(story)
    return stories


def story_articles(stories: Sequence[AuditStory], ant: Path, errors: list[BadInput]) -> dict[str, Article]:
    """The ANT articles the stories name, as written, by id; a story's missing articles are reported."""
    wanted = {i for s in stories for i in s.articles}
    found = {a.id: a for a, _ in read_ant_articles(ant, errors) if a.id in wanted}
    for story in stories:
        missing = [i for i in story.articles if i not in found]
        if missing:
            errors.append(BadInput(str(ant), f"story {story.story}: {len(missing)} articles not found "
                                               f"(first {missing[0]})"))
    return found


def _cleaned(article: Article) -> Article | None:
    cleaned = clean_article_text(article.body)
    if not cleaned.body.strip():
        return None
    return replace(article, body=cleaned.body, title=article.title or cleaned.title, removed=cleaned.removed)


def load_articles(ant: Path, stories: Sequence[AuditStory], *, config: Config,
                  errors: list[BadInput] | None = None) -> dict[str, tuple[Article, ...]]:
    """Each story's articles (in the stories file's order), cleaned as ``akhbar stories`` cleans the
    archive: ingest's noise removal, then the boilerplate each outlet repeats across the file."""
    wanted = {a for story in stories for a in story.articles}
    kept: dict[str, Article] = {}

    def every_article() -> Iterable[Article]:
        for article, _raw in read_ant_articles(ant, errors):
            cleaned = _cleaned(article)
            if cleaned is None:
                continue
            if cleaned.id in wanted:
                kept[cleaned.id] = cleaned
            yield cleaned

    counts = count_lines(every_article())
    learned = select_boilerplate(counts, min_share=config.boilerplate.min_share,
                                 min_articles=config.boilerplate.min_articles)
    missing = sorted(wanted - kept.keys())
    if missing:
        raise ValueError(f"{ant}: {len(missing)} audit articles are not in this file (first: {missing[0]})")
    return {story.story: tuple(strip_boilerplate(kept[a], learned) for a in story.articles) for story in stories}


def outlets_of(articles: Iterable[Article]) -> Mapping[str, str]:
    from akhbar.outlets import outlet_name

    return {a.id: outlet_name(a) for a in articles}
