"""Shared fixtures: the bundled seed articles (five outlets, Aleppo, December 2016)."""

from __future__ import annotations

from pathlib import Path

import pytest

from akhbar.cli import example_dir
from akhbar.ingest import ingest
from akhbar.pipeline import run
from akhbar.records import Article, Report

SEEDS = example_dir()


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_articles() -> tuple[Article, ...]:
    corpus = ingest([str(SEEDS)])
    assert not corpus.errors
    return corpus.articles


@pytest.fixture(scope="session")
def seed_report(seed_articles: tuple[Article, ...]) -> Report:
    return run(seed_articles, with_facts=False)


def seed_article(articles: tuple[Article, ...], prefix: str) -> Article:
    return next(a for a in articles if a.id.startswith(prefix))
