"""Shared fixtures: an app on a private data directory with the local Sheets emulator."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from service import create_app
from service.context import Services, build_services
from service.settings import Settings
from service.sheets.emulator import SheetsEmulator

FIXED_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on a private data directory, local backend, auth off.

    The tests play App Engine's cron and queues, so its headers are trusted here
    explicitly; off App Engine they are not by default (tests/api/test_tasks_trust.py).
    """
    return Settings(data_dir=tmp_path / "var", log_format="text", trust_appengine_headers=True)


@pytest.fixture
def services(settings: Settings) -> Iterator[Services]:
    """The wired ports, with a fixed clock."""
    wired = build_services(settings, clock=lambda: FIXED_NOW)
    yield wired
    wired.close()


@pytest.fixture
def emulator(services: Services) -> SheetsEmulator:
    """The local Sheets emulator the services talk to."""
    assert services.sheets.emulator is not None
    return services.sheets.emulator


@pytest.fixture
def app(settings: Settings, services: Services) -> Iterator[Flask]:
    """The Flask app over the same services as the `services` fixture."""
    app = create_app(settings)
    app.extensions["scorecard"].registry.close()
    app.extensions["scorecard"] = services
    app.config["TESTING"] = True
    yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner for the app."""
    return app.test_cli_runner()
