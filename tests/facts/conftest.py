"""Seed articles for the facts tests, with a tiny local loader (no ingest, no /work/shared)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from akhbar.records import Article, Sentence
from akhbar.text import sentence_spans

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "aleppo-2016-12"
_DATE_LINE = re.compile(r"^\S+\s+(\d{4})/(\d{1,2})/(\d{1,2})$")


_ENDS_SENTENCE = tuple('.!?؟:»"”')


def join_wrapped(text: str) -> str:
    """Join lines hard-wrapped in mid-sentence (what ingest does); keep date lines and blank lines."""
    lines = text.splitlines()
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if (
            prev.strip()
            and line.strip()
            and not prev.rstrip().endswith(_ENDS_SENTENCE)
            and not _DATE_LINE.match(prev.strip())
            and not _DATE_LINE.match(line.strip())
            and len(prev) > 40
        ):
            out[-1] = prev.rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def load_seeds() -> tuple[list[Article], list[Sentence]]:
    """Articles (id = file stem prefix, e.g. ``000``) and their sentences, in order.

    The date line of 003 stays in the body: the timeline must find it in the text.
    """
    articles: list[Article] = []
    sentences: list[Sentence] = []
    for path in sorted(SEEDS.glob("*.txt")):
        body = join_wrapped(path.read_text(encoding="utf-8").strip())
        article = Article(id=path.stem.split("_")[0], body=body, path=str(path))
        articles.append(article)
        for index, (start, end) in enumerate(sentence_spans(body)):
            sentences.append(Sentence(article.id, index, start, end, body[start:end]))
    return articles, sentences


@pytest.fixture(scope="session")
def seeds() -> tuple[list[Article], list[Sentence]]:
    return load_seeds()


def make_sentences(*texts: str, article: str = "a") -> list[Sentence]:
    return [Sentence(article, i, 0, len(t), t) for i, t in enumerate(texts)]
