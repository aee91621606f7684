"""Validating a tab in the sheet: one read, one write, a verdict and a note per row."""

from __future__ import annotations

import pytest

from service.context import Services
from service.core.grid import CellWrite
from service.core.layout import ComputedColumn, read_scorecard
from service.core.models import KpiRow
from service.errors import InvalidRequest, NotFound
from service.sheets.emulator import SheetsEmulator
from service.workflows import add_kpi, mark_reviewed, provision, sync, validate_tab
from tests.builders import build_scorecards

SID = "team"


def _verdicts(services: Services, tab_id: int) -> dict[str, tuple[str, str]]:
    tab = services.sheets.gateway().read(SID).tab(tab_id)
    assert tab is not None
    card = read_scorecard(tab)
    column = card.computed_columns[ComputedColumn.VERDICT]
    return {
        line.kpi.name: (
            str(tab.cell(line.row, column).value),
            tab.cell(line.row, column).note or "",
        )
        for line in card.lines
    }


def test_fifty_rows_cost_one_read_and_one_write(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    build_scorecards(services, SID, tabs=1, kpis=50, periods=4)
    tab_id = next(t.sheet_id for t in services.sheets.gateway().read(SID).tabs if t.tags)
    emulator.reset_counts()
    result = validate_tab(services, SID, tab_id)
    assert (emulator.counts(SID).reads, emulator.counts(SID).writes) == (1, 1)
    assert len(result.report.results) == 50
    verdicts = _verdicts(services, tab_id)
    assert len(verdicts) == 50
    assert all(text.startswith("✓") for text, _ in verdicts.values())


def test_busy_work_typed_mid_table_is_rejected_with_a_reason_and_a_fix(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    card = provision(services, SID, "accounting_rep", "Dana Ruiz").scorecard
    tab = read_scorecard(services.sheets.gateway().read(SID).tabs[-1])
    last = max(line.row for line in tab.lines)
    # A blank row, then a busy-work KPI, then text far to the right in an extra column.
    row = last + 2
    fields = {
        "name": "Completed weekly checklist",
        "owner": "Dana Ruiz",
        "cadence": "weekly",
        "target": "1",
        "unit": "yes/no",
    }
    writes = [
        CellWrite(sheet_id=card.tab_id, row=row, column=tab.definition_columns[f], value=v)
        for f, v in fields.items()
    ]
    services.sheets.gateway().apply(SID, writes)

    result = validate_tab(services, SID, card.tab_id)

    rejected = [r for r in result.report.results if not r.accepted]
    assert [r.name for r in rejected] == ["Completed weekly checklist"]
    text, note = _verdicts(services, card.tab_id)["Completed weekly checklist"]
    assert text.startswith("✗")
    assert "busy work" in note.lower() and "→" in note


def test_unknown_tab_is_404_and_writes_nothing(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    emulator.reset_counts()
    with pytest.raises(NotFound):
        validate_tab(services, SID, 424242)
    assert emulator.counts(SID).writes == 0


def test_mark_reviewed_stamps_today_in_one_write(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    card = provision(services, SID, "sales_rep", "Alex Kim").scorecard
    emulator.reset_counts()
    assert mark_reviewed(services, SID, card.tab_id, [2, 3]) == 2
    assert emulator.counts(SID).writes == 1
    lines = read_scorecard(services.sheets.gateway().read(SID).tabs[-1]).lines
    assert [line.kpi.last_reviewed for line in lines[:3]] == ["2026-11-25", "2026-11-25", ""]
    with pytest.raises(InvalidRequest, match="hold no KPI"):
        mark_reviewed(services, SID, card.tab_id, [1, 40])
    assert mark_reviewed(services, SID, card.tab_id, [1, 2, 40]) == 1  # header and blank skipped


def _computed(services: Services, tab_id: int) -> list[tuple[object, ...]]:
    tab = services.sheets.gateway().read(SID).tab(tab_id)
    assert tab is not None
    card = read_scorecard(tab)
    kinds = (ComputedColumn.LATEST, ComputedColumn.TREND, ComputedColumn.STATUS)
    return [
        tuple(tab.cell(line.row, card.computed_columns[kind]).value for kind in kinds)
        for line in card.lines
    ]


def test_validating_a_synced_tab_keeps_latest_trend_and_status(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    build_scorecards(services, SID, tabs=1, kpis=4, periods=8)
    tab_id = next(t.sheet_id for t in services.sheets.gateway().read(SID).tabs if t.tags)
    sync(services, SID)
    synced = _computed(services, tab_id)
    assert all(latest is not None and trend and status for latest, trend, status in synced)
    emulator.reset_counts()
    result = validate_tab(services, SID, tab_id)
    assert _computed(services, tab_id) == synced
    assert result.changed_cells == 0 and emulator.counts(SID).writes == 0


def test_an_added_kpi_lands_below_the_others_with_its_verdict(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    card = provision(services, SID, "sales_rep", "Alex Kim").scorecard
    kpi = KpiRow(name="Deals closed", owner="Alex Kim", unit="count", target="=1+1")
    added = add_kpi(services, SID, card.tab_id, kpi)
    assert added.row == card.kpis + 2
    verdicts = _verdicts(services, card.tab_id)
    assert verdicts["Deals closed"][0].startswith("✗ Rejected")
    tab = services.sheets.gateway().read(SID).tab(card.tab_id)
    assert tab is not None
    line = read_scorecard(tab).lines[-1]
    assert line.row + 1 == added.row and line.kpi.target == "=1+1"  # typed text, not a formula
    with pytest.raises(InvalidRequest, match="name"):
        add_kpi(services, SID, card.tab_id, KpiRow(owner="Alex Kim"))
