"""Sync against the emulator: the resulting sheet, the response, and the request count."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from service.context import LEASE_TTL, Services
from service.core.grid import Cell, TabSnapshot
from service.core.layout import ComputedColumn, read_scorecard
from service.core.outputs import NOTICE_MARK, plan_tab_notice
from service.errors import Conflict, QuotaExhausted, Unavailable
from service.registry import RunOutcome
from service.sheets.emulator import Fault, SheetsEmulator, mount_emulator
from service.sheets.retry import RetryPolicy
from service.workflows import provision, sync, sync_unlocked, validate_tab
from tests.builders import TODAY, build_scorecards
from tests.conftest import FIXED_NOW

SID = "team-sheet"


@pytest.fixture
def sheet(services: Services, emulator: SheetsEmulator) -> str:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    build_scorecards(services, SID, tabs=2, kpis=5, periods=12)
    emulator.reset_counts()
    return SID


def _user_batch(emulator: SheetsEmulator, body: dict[str, Any]) -> None:
    """What a person does in the Sheets UI, sent straight to the emulator."""
    session = requests.Session()
    mount_emulator(session, emulator)
    response = session.post(
        f"https://sheets.googleapis.com/v4/spreadsheets/{SID}:batchUpdate", json=body, timeout=5
    )
    assert response.status_code == 200, response.text


def _cells(emulator: SheetsEmulator, title_part: str) -> list[list[Any]]:
    """A tab's cells as (value or formula) lists, read from the emulator's own resource."""
    resource = emulator.spreadsheet_json(SID)
    sheet = next(s for s in resource["sheets"] if title_part in s["properties"]["title"])
    grid: list[list[Any]] = []
    for row in sheet.get("data", [{}])[0].get("rowData", []):
        line = []
        for cell in row.get("values", []):
            entered = cell.get("userEnteredValue", {})
            line.append(next(iter(entered.values()), None))
        grid.append(line)
    return grid


def _status_of(services: Services, name: str) -> str:
    snapshot = services.sheets.gateway().read(SID)
    for tab in snapshot.tabs:
        if not tab.tags:
            continue
        card = read_scorecard(tab)
        for line in card.lines:
            if line.kpi.name == name:
                value = tab.cell(line.row, card.computed_columns[ComputedColumn.STATUS]).value
                return str(value)
    raise AssertionError(name)


def test_big_spreadsheet_costs_one_read_and_one_write_then_no_write(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Big", spreadsheet_id="big")
    build_scorecards(services, "big", tabs=10, kpis=50, periods=52)
    emulator.reset_counts()

    first = sync(services, "big")
    assert (first.tabs, first.rows) == (10, 500)
    assert first.requests.model_dump() == {"reads": 1, "writes": 1}
    assert (emulator.counts("big").reads, emulator.counts("big").writes) == (1, 1)
    assert first.changed_cells > 500

    emulator.reset_counts()
    second = sync(services, "big")
    assert second.requests.model_dump() == {"reads": 1, "writes": 0}
    assert (emulator.counts("big").reads, emulator.counts("big").writes) == (1, 0)
    assert second.changed_cells == 0


def test_sync_writes_status_trend_and_sparkline(services: Services, sheet: str) -> None:
    result = sync(services, sheet)
    assert result.tabs == 2 and result.rows == 10 and not result.tab_errors
    snapshot = services.sheets.gateway().read(sheet)
    tab = next(t for t in snapshot.tabs if t.tags)
    card = read_scorecard(tab)
    row = card.lines[0].row
    status = tab.cell(row, card.computed_columns[ComputedColumn.STATUS]).value
    spark = tab.cell(row, card.computed_columns[ComputedColumn.SPARKLINE]).formula
    updated = tab.cell(row, card.computed_columns[ComputedColumn.UPDATED]).value
    assert status in {"✓ On target", "≈ Near target", "✗ Off target"}
    assert spark is not None and spark.startswith("=SPARKLINE(")
    assert updated == FIXED_NOW.strftime("%Y-%m-%d %H:%M UTC")


def _user_cells(emulator: SheetsEmulator, title_part: str) -> list[list[dict[str, Any]]]:
    """A tab's cells as people own them: value, note, format and data validation."""
    resource = emulator.spreadsheet_json(SID)
    sheet = next(s for s in resource["sheets"] if title_part in s["properties"]["title"])
    keep = ("userEnteredValue", "note", "userEnteredFormat", "dataValidation")
    return [
        [{key: cell[key] for key in keep if key in cell} for cell in row.get("values", [])]
        for row in sheet.get("data", [{}])[0].get("rowData", [])
    ]


def test_manager_cells_notes_formats_and_validation_are_never_overwritten(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    tab = next(t for t in services.sheets.gateway().read(sheet).tabs if "Person 0" in t.title)
    card = read_scorecard(tab)
    first = card.lines[0].row
    period = card.period_columns[0][1]
    header, name = card.header_row, card.name_column

    def at(row: int, column: int) -> dict[str, Any]:
        return {"sheetId": tab.sheet_id, "rowIndex": row, "columnIndex": column}

    def note(row: int, column: int, text: str) -> dict[str, Any]:
        return {
            "updateCells": {
                "rows": [{"values": [{"note": text}]}],
                "start": at(row, column),
                "fields": "note",
            }
        }

    bold = {"userEnteredFormat": {"textFormat": {"bold": True}}}
    rule = {
        "dataValidation": {
            "condition": {"type": "NUMBER_GREATER_THAN_EQ", "values": [{"userEnteredValue": "0"}]},
            "strict": False,
        }
    }
    _user_batch(
        emulator,
        {
            "requests": [
                note(header, name, "Reviewed every Monday with Dana."),
                note(first, name, "Renamed in June."),
                note(first, period, "Estimated: the report was late."),
                {
                    "updateCells": {
                        "rows": [{"values": [bold]}],
                        "start": at(first, name + 1),
                        "fields": "userEnteredFormat.textFormat.bold",
                    }
                },
                {
                    "updateCells": {
                        "rows": [{"values": [rule]}],
                        "start": at(first, period),
                        "fields": "dataValidation",
                    }
                },
            ]
        },
    )
    before = _user_cells(emulator, "Person 0")
    sync(services, sheet)
    validate_tab(services, sheet, tab.sheet_id)
    sync(services, sheet)
    after = _user_cells(emulator, "Person 0")
    service_columns = set(card.computed_columns.values())
    for r, row in enumerate(before):
        for c, cell in enumerate(row):
            if c not in service_columns:
                assert after[r][c] == cell, (r, c)
    assert after[header][name]["note"] == "Reviewed every Monday with Dana."


def test_the_service_notice_sits_below_the_managers_note_and_goes_away_alone() -> None:
    """The header note keeps the manager's words; only the service's part is replaced."""

    def tab_with(note: str | None) -> TabSnapshot:
        return TabSnapshot(sheet_id=7, title="T", rows=((Cell(value="KPI", note=note),),))

    added = plan_tab_notice(7, tab_with("Mine."), 0, 0, "ℹ Columns out of order.")
    assert [w.note for w in added] == [f"Mine.\n\n{NOTICE_MARK}\nℹ Columns out of order."]
    assert added[0].note_only
    cleared = plan_tab_notice(7, tab_with(added[0].note), 0, 0, "")
    assert [w.note for w in cleared] == ["Mine."]
    assert plan_tab_notice(7, tab_with("Mine."), 0, 0, "") == []
    legacy = "⚠ Scorecard could not sync this tab: two KPI headers."
    assert [w.note for w in plan_tab_notice(7, tab_with(legacy), 0, 0, "")] == [None]


def test_inserted_column_and_row_between_syncs_keep_writes_aligned(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    sync(services, sheet)
    tab = next(t for t in services.sheets.gateway().read(sheet).tabs if t.tags)
    insert_column = {
        "insertDimension": {
            "range": {
                "sheetId": tab.sheet_id,
                "dimension": "COLUMNS",
                "startIndex": 2,
                "endIndex": 3,
            },
            "inheritFromBefore": False,
        }
    }
    insert_row = {
        "insertDimension": {
            "range": {"sheetId": tab.sheet_id, "dimension": "ROWS", "startIndex": 2, "endIndex": 3},
            "inheritFromBefore": False,
        }
    }
    note = {
        "updateCells": {
            "rows": [{"values": [{"userEnteredValue": {"stringValue": "mine"}}]}],
            "start": {"sheetId": tab.sheet_id, "rowIndex": 2, "columnIndex": 2},
            "fields": "userEnteredValue",
        }
    }
    _user_batch(emulator, {"requests": [insert_column, insert_row, note]})
    # Make the first KPI miss badly so its status must change.
    card = read_scorecard(
        next(t for t in services.sheets.gateway().read(sheet).tabs if t.sheet_id == tab.sheet_id)
    )
    line = card.lines[0]
    last_past = max(col for start, col in card.period_columns if start < TODAY)
    miss = {
        "updateCells": {
            # 1% in the KPI's PERCENT-formatted cell: far below its target of 90.
            "rows": [{"values": [{"userEnteredValue": {"numberValue": 0.01}}]}],
            "start": {"sheetId": tab.sheet_id, "rowIndex": line.row, "columnIndex": last_past},
            "fields": "userEnteredValue",
        }
    }
    _user_batch(emulator, {"requests": [miss]})

    result = sync(services, sheet)
    assert not result.tab_errors
    assert _status_of(services, line.kpi.name) == "✗ Off target"
    after = services.sheets.gateway().read(sheet).tab(tab.sheet_id)
    assert after is not None
    assert after.cell(2, 2).value == "mine"
    assert read_scorecard(after).lines[0].kpi == line.kpi


def test_deleted_service_column_refuses_that_tab_only(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    tabs = [t for t in services.sheets.gateway().read(sheet).tabs if t.tags]
    broken = tabs[0]
    trend = read_scorecard(broken).computed_columns[ComputedColumn.TREND]
    _user_batch(
        emulator,
        {
            "requests": [
                {
                    "deleteDimension": {
                        "range": {
                            "sheetId": broken.sheet_id,
                            "dimension": "COLUMNS",
                            "startIndex": trend,
                            "endIndex": trend + 1,
                        }
                    }
                }
            ]
        },
    )
    before = _cells(emulator, broken.title)

    result = sync(services, sheet)

    assert [e.tab_id for e in result.tab_errors] == [broken.sheet_id]
    assert "Trend" in result.tab_errors[0].message
    after_tab = services.sheets.gateway().read(sheet).tab(broken.sheet_id)
    assert after_tab is not None
    assert "could not sync" in (after_tab.cell(0, 0).note or "").lower()
    assert _cells(emulator, broken.title) == before  # nothing else written there
    healthy = read_scorecard(
        next(
            t for t in services.sheets.gateway().read(sheet).tabs if t.sheet_id == tabs[1].sheet_id
        )
    )
    assert result.rows == len(healthy.lines)


def test_text_in_a_number_cell_is_a_flag_not_a_crash(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    tab = next(t for t in services.sheets.gateway().read(sheet).tabs if t.tags)
    card = read_scorecard(tab)
    last_past = max(col for start, col in card.period_columns if start < TODAY)
    _user_batch(
        emulator,
        {
            "requests": [
                {
                    "updateCells": {
                        "rows": [{"values": [{"userEnteredValue": {"stringValue": "n/a"}}]}],
                        "start": {
                            "sheetId": tab.sheet_id,
                            "rowIndex": card.lines[0].row,
                            "columnIndex": last_past,
                        },
                        "fields": "userEnteredValue",
                    }
                }
            ]
        },
    )
    result = sync(services, sheet)
    flags = next(v for k, v in result.flagged.items() if card.lines[0].kpi.name in k)
    assert any(flag.code == "bad_value" and "n/a" in flag.reason for flag in flags)


def test_an_on_demand_sync_does_not_wait_out_a_429_storm(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    waits: list[float] = []
    services.sheets.policy_factory = lambda: RetryPolicy(sleep=waits.append, deadline=120)
    emulator.faults.add(Fault(endpoint="batchUpdate", status=429, times=4))
    with pytest.raises(QuotaExhausted) as caught:
        sync(services, sheet)
    assert sum(waits) <= services.settings.sheets_user_wait_seconds
    assert caught.value.retry_after is not None
    [run] = services.registry.runs(sheet)
    assert (run.outcome, run.error_code) == (RunOutcome.FAILED, "quota_exhausted")


def test_429_storm_during_a_scheduled_write_is_ridden_out(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    waits: list[float] = []
    services.sheets.policy_factory = lambda: RetryPolicy(sleep=waits.append, deadline=120)
    emulator.faults.add(Fault(endpoint="batchUpdate", status=429, times=4))
    result = sync_unlocked(services, sheet, paced=True)
    assert result.requests.writes == 5
    assert len(waits) == 4 and sum(waits) <= 120
    assert _status_of(
        services,
        read_scorecard(next(t for t in services.sheets.gateway().read(sheet).tabs if t.tags))
        .lines[0]
        .kpi.name,
    ) in {"✓ On target", "≈ Near target", "✗ Off target"}


def test_a_failure_between_compute_and_write_leaves_the_sheet_as_it_was(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    before = emulator.spreadsheet_json(sheet)
    services.sheets.policy_factory = lambda: RetryPolicy(sleep=lambda _: None, max_attempts=3)
    emulator.faults.add(Fault(endpoint="batchUpdate", timeout=True, times=3))
    with pytest.raises(Unavailable):
        sync(services, sheet)
    assert emulator.spreadsheet_json(sheet) == before
    # The lease was released: the next sync goes through.
    assert sync(services, sheet).requests.writes == 1


def test_a_second_sync_while_one_runs_gets_409(services: Services, sheet: str) -> None:
    assert services.registry.acquire_lease(sheet, "other-worker", now=FIXED_NOW, ttl=LEASE_TTL)
    with pytest.raises(Conflict):
        sync(services, sheet)


def test_sync_ignores_tabs_that_are_not_scorecards(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Mixed", spreadsheet_id="mixed")
    provision(services, "mixed", "sales_rep", "Alex Kim")
    result = sync(services, "mixed")
    assert result.tabs == 1 and result.rows == 5


def test_sync_lists_what_needs_attention_with_the_row_to_open(
    services: Services, sheet: str
) -> None:
    result = sync(services, sheet)
    assert result.attention and result.on_target + len(result.attention) >= result.rows // 2
    snapshot = services.sheets.gateway().read(sheet)
    for item in result.attention:
        tab = snapshot.tab(item.tab_id)
        assert tab is not None
        card = read_scorecard(tab)
        line = next(line for line in card.lines if line.row + 1 == item.row)
        assert line.kpi.name == item.kpi and item.person == card.identity.person
        status = tab.cell(line.row, card.computed_columns[ComputedColumn.STATUS]).value
        assert item.status == status
        assert item.flags or item.status in {"✗ Off target", "≈ Near target"}
        assert item.almost is (item.status == "≈ Near target")
        assert all(flag.word and flag.reason and flag.fix for flag in item.flags)
    flagged = sum(1 for item in result.attention for _ in item.flags)
    assert flagged == result.flags
    rank = {"✗ Off target": 0, "≈ Near target": 1}
    for tab_id in {item.tab_id for item in result.attention}:
        order = [rank.get(item.status, 2) for item in result.attention if item.tab_id == tab_id]
        assert order == sorted(order)  # off target first, then the near misses, then the rest
