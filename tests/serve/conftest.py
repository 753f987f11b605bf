"""Fixtures of the web app's tests: an app per test (its own job folder) and the seed articles as records."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from akhbar.config import load_config

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

if importlib.util.find_spec("fastapi") is None:  # the serve extra is not installed: nothing here can run
    collect_ignore_glob = ["test_*.py"]

OUTLETS = ("المنفذ أ", "المنفذ ب", "المنفذ ج", "المنفذ د", "المنفذ هـ")
HOSTILE = ('<script>alert("x")</script> قال المسؤول إن القوات تقدمت في المدينة <img src=x onerror=alert(1)> '
           "اليوم بشكل كبير. وأضاف أن الهجوم مستمر منذ الصباح على الأحياء الشرقية.")


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    from fastapi.testclient import TestClient

    from akhbar.serve.app import create_app

    def make(**serve: Any) -> TestClient:
        config = load_config()
        config = replace(config, serve=replace(config.serve, **serve)) if serve else config
        client = TestClient(create_app(config=config, jobs_dir=tmp_path / f"jobs{len(clients)}"))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


@pytest.fixture
def served(store_file: Path, tmp_path: Path) -> Iterator[TestClient]:
    """The app over the store a module's own ``store_file`` fixture builds."""
    from fastapi.testclient import TestClient

    from akhbar.serve.app import create_app

    with TestClient(create_app(jobs_dir=tmp_path / "jobs", db=store_file)) as served_client:
        yield served_client


@pytest.fixture(scope="session")
def seed_files(seed_dir: Path) -> list[Path]:
    return sorted(seed_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_records(seed_files: list[Path]) -> list[dict[str, str]]:
    return [{"id": path.stem, "text": path.read_text(encoding="utf-8"), "source": outlet}
            for path, outlet in zip(seed_files, OUTLETS, strict=True)]
