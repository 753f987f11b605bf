"""Shared fixtures: the bundled seed articles (five outlets, Aleppo, December 2016)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from akhbar.cli import example_dir
from akhbar.ingest import ingest
from akhbar.pipeline import run
from akhbar.records import Article, Report

SEEDS = example_dir()

# Property tests explore the same examples on every run (CI must not turn red by chance); each test
# keeps its own example budget. `--hypothesis-profile=explore` searches afresh.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile("ci")


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
