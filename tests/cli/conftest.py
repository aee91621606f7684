"""Fixtures for the command tests: a spreadsheet, and one with a provisioned scorecard."""

from __future__ import annotations

import pytest

from service.context import Services
from service.sheets.emulator import SheetsEmulator
from tests.cli.terminal import PERSON, ROLE, SID, ok


@pytest.fixture
def sheet(emulator: SheetsEmulator) -> str:
    """An empty spreadsheet with a known id."""
    return emulator.create_spreadsheet("Team", spreadsheet_id=SID)


@pytest.fixture
def provisioned(services: Services, sheet: str) -> str:
    """The spreadsheet with Dana's accounting scorecard, provisioned through the command."""
    ok(services, "provision", sheet, "--role", ROLE, "--person", PERSON, "--periods", "4")
    return sheet
