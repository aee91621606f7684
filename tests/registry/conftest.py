"""Fixtures: a migrated registry on every configured backend."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from service.registry import Registry
from tests.registry.databases import BACKENDS, fresh_database


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database, on SQLite and (when configured) PostgreSQL."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def registry(database_url: str) -> Iterator[Registry]:
    """A migrated, empty registry."""
    store = Registry(database_url)
    store.upgrade()
    yield store
    store.close()


@pytest.fixture
def now() -> datetime:
    """A fixed instant; tests move time by adding to it."""
    return datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
