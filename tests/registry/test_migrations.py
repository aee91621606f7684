"""The hand-written migration and the ORM models describe the same schema."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from service.errors import Unavailable
from service.registry import NOT_MIGRATED, Registry
from service.registry.models import Base


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    registry = Registry(database_url)
    registry.upgrade()
    registry.close()
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()

    assert diffs == []


def test_unmigrated_database_is_refused_with_the_command(database_url: str) -> None:
    registry = Registry(database_url)
    try:
        with pytest.raises(Unavailable) as raised:
            registry.ensure_migrated()
    finally:
        registry.close()

    assert raised.value.message == NOT_MIGRATED
    assert "scorecard db upgrade" in raised.value.message
    assert raised.value.status == 503


def test_upgrade_is_idempotent_and_satisfies_the_check(database_url: str) -> None:
    registry = Registry(database_url)
    registry.upgrade()
    registry.upgrade()

    registry.close()
    fresh = Registry(database_url)  # a fresh instance asks the database itself
    fresh.ensure_migrated()
    fresh.close()


def test_auto_migrate_makes_a_working_sqlite_registry(tmp_path: Path, now: datetime) -> None:
    registry = Registry(f"sqlite:///{tmp_path}/nested/dir/registry.db", auto_migrate=True)

    registry.ensure_migrated()
    registry.enrol("sheet-a", by="ann@example.com", now=now)

    assert [e.spreadsheet_id for e in registry.enrolments()] == ["sheet-a"]
    registry.close()
