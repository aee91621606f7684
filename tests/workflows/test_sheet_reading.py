"""The sync reads the sheet as Google holds it: typed cells, strict layout, only our tabs."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import requests

from service.context import Services
from service.core.grid import TabSnapshot
from service.core.layout import HEADER_KEY, ComputedColumn, ScorecardTab, read_scorecard
from service.core.models import Cadence
from service.core.periods import add_cadences, period_start
from service.errors import Conflict
from service.sheets.emulator import SheetsEmulator, mount_emulator
from service.workflows import sync, validate_tab
from tests.builders import TODAY, build_scorecards

SID = "typed-sheet"
SERIAL_EPOCH = date(1899, 12, 30)


@pytest.fixture
def sheet(services: Services, emulator: SheetsEmulator) -> str:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    build_scorecards(services, SID, tabs=1, kpis=3, periods=8)
    emulator.reset_counts()
    return SID


def _batch(emulator: SheetsEmulator, *requests_: dict[str, Any]) -> None:
    """What a person does in the Sheets UI, sent straight to the emulator."""
    session = requests.Session()
    mount_emulator(session, emulator)
    response = session.post(
        f"https://sheets.googleapis.com/v4/spreadsheets/{SID}:batchUpdate",
        json={"requests": list(requests_)},
        timeout=5,
    )
    assert response.status_code == 200, response.text


def _read(services: Services) -> tuple[TabSnapshot, ScorecardTab]:
    snapshot = services.sheets.gateway().read(SID)
    [tab] = [t for t in snapshot.tabs if t.tags]
    return tab, read_scorecard(tab, snapshot.locale)


def _cell(sheet_id: int, row: int, column: int, value: dict[str, Any]) -> dict[str, Any]:
    return {
        "updateCells": {
            "rows": [{"values": [value]}],
            "start": {"sheetId": sheet_id, "rowIndex": row, "columnIndex": column},
            "fields": "userEnteredValue,userEnteredFormat.numberFormat",
        }
    }


def _text(sheet_id: int, row: int, column: int, text: str) -> dict[str, Any]:
    return _cell(sheet_id, row, column, {"userEnteredValue": {"stringValue": text}})


def _insert_columns(sheet_id: int, start: int, count: int = 1) -> dict[str, Any]:
    return {
        "insertDimension": {
            "range": {
                "sheetId": sheet_id,
                "dimension": "COLUMNS",
                "startIndex": start,
                "endIndex": start + count,
            },
            "inheritFromBefore": False,
        }
    }


def _letter(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _index(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - ord("A") + 1
    return number - 1


def _plotted(formula: str, row: int) -> list[int]:
    """The columns a sparkline formula plots, in its order; every reference is on `row`."""
    columns: list[int] = []
    for first, r1, last, r2 in re.findall(r"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?", formula[10:]):
        assert int(r1) == row + 1 and (not r2 or int(r2) == row + 1), formula
        columns.extend(range(_index(first), _index(last or first) + 1))
    return columns


def _computed(tab: TabSnapshot, card: ScorecardTab, row: int, kind: ComputedColumn) -> Any:
    cell = tab.cell(row, card.computed_columns[kind])
    return cell.formula or cell.value


def test_percent_values_and_date_serials_give_the_right_latest_status_and_no_review_flag(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    tab, card = _read(services)
    line = card.lines[0]
    assert line.kpi.unit == "%" and line.kpi.target == "90"
    past = [column for start, column in card.period_columns if start < TODAY]
    percent = {"type": "PERCENT", "pattern": "0%"}
    typed = [
        _cell(
            tab.sheet_id,
            line.row,
            column,
            {
                "userEnteredValue": {"numberValue": 0.93 + offset / 1000},
                "userEnteredFormat": {"numberFormat": percent},
            },
        )
        for offset, column in enumerate(past)
    ]
    reviewed = date(2026, 11, 23)
    serial = (reviewed - SERIAL_EPOCH).days
    typed.append(
        _cell(
            tab.sheet_id,
            line.row,
            card.definition_columns["last_reviewed"],
            {
                "userEnteredValue": {"numberValue": serial},
                "userEnteredFormat": {"numberFormat": {"type": "DATE", "pattern": "yyyy-mm-dd"}},
            },
        )
    )
    _batch(emulator, *typed)

    result = sync(services, sheet)

    assert result.requests.model_dump() == {"reads": 1, "writes": 1}
    after, card = _read(services)
    latest = _computed(after, card, line.row, ComputedColumn.LATEST)
    assert latest == pytest.approx(93 + (len(past) - 1) / 10)
    assert _computed(after, card, line.row, ComputedColumn.STATUS) == "✓ On target"
    flags = (
        next(v for k, v in result.flagged.items() if line.kpi.name in k) if result.flagged else []
    )
    assert not [f for f in flags if f.code in ("not_reviewed", "bad_value")]
    assert card.lines[0].kpi.last_reviewed == reviewed.isoformat()
    assert "not reviewed" not in str(_computed(after, card, line.row, ComputedColumn.FLAGS)).lower()


def test_a_bare_fraction_in_a_percent_kpi_is_flagged_not_guessed(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    tab, card = _read(services)
    line = card.lines[0]
    newest = max(column for start, column in card.period_columns if start < TODAY)
    bare = {"userEnteredValue": {"numberValue": 0.87}, "userEnteredFormat": {}}
    _batch(emulator, _cell(tab.sheet_id, line.row, newest, bare))

    result = sync(services, sheet)

    flags = next(v for k, v in result.flagged.items() if line.kpi.name in k)
    [bad] = [f for f in flags if f.code == "bad_value"]
    assert "0.87" in bad.reason and "87%" in bad.reason
    after, card = _read(services)
    assert _computed(after, card, line.row, ComputedColumn.LATEST) != 0.87


def test_text_numbers_follow_the_spreadsheets_locale(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    tab, card = _read(services)
    line = card.lines[0]
    newest = max(column for start, column in card.period_columns if start < TODAY)
    german = {
        "updateSpreadsheetProperties": {"properties": {"locale": "de_DE"}, "fields": "locale"}
    }
    _batch(emulator, german, _text(tab.sheet_id, line.row, newest, "91,5"))

    sync(services, sheet)

    after, again = _read(services)
    assert _computed(after, again, line.row, ComputedColumn.LATEST) == 91.5


def test_a_numeric_header_is_not_a_period(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    tab, card = _read(services)
    end = tab.column_count
    _batch(
        emulator,
        _insert_columns(tab.sheet_id, end - 1),
        _cell(tab.sheet_id, 0, end - 1, {"userEnteredValue": {"numberValue": 2025}}),
        _cell(tab.sheet_id, card.lines[0].row, end - 1, {"userEnteredValue": {"numberValue": 5}}),
        _text(tab.sheet_id, 0, end, "2026-01-05 notes"),
    )
    result = sync(services, sheet)
    assert not result.tab_errors
    after, again = _read(services)
    assert len(again.period_columns) == len(card.period_columns) - 1  # the renamed one is gone
    assert all(column not in (end - 1, end) for _, column in again.period_columns)
    row = again.lines[0].row
    spark = _computed(after, again, row, ComputedColumn.SPARKLINE)
    assert _plotted(spark, row) == [column for _, column in again.period_columns]


@pytest.mark.parametrize("header_tag", [True, False], ids=["tagged", "untagged"])
def test_a_title_row_saying_kpi_is_not_the_header(
    services: Services, emulator: SheetsEmulator, sheet: str, header_tag: bool
) -> None:
    tab, card = _read(services)
    title_row = {
        "insertDimension": {
            "range": {"sheetId": tab.sheet_id, "dimension": "ROWS", "startIndex": 0, "endIndex": 1},
            "inheritFromBefore": False,
        }
    }
    # The header row's metadata moves with it; without the metadata (older tabs)
    # the known headers decide.
    drop_tag = {
        "deleteDeveloperMetadata": {
            "dataFilter": {"developerMetadataLookup": {"metadataKey": HEADER_KEY}}
        }
    }
    _batch(emulator, title_row, *([] if header_tag else [drop_tag]))
    # With the tag, even a title row of three known headers is passed over.
    third = "Owner" if header_tag else "Dana's scorecard, Q4"
    _batch(
        emulator,
        _text(tab.sheet_id, 0, 0, "KPI"),
        _text(tab.sheet_id, 0, 1, "Definition"),
        _text(tab.sheet_id, 0, 2, third),
    )

    result = sync(services, sheet)

    assert not result.tab_errors
    assert result.rows == len(card.lines)
    after, again = _read(services)
    assert again.header_row == 1
    assert [line.kpi.name for line in again.lines] == [line.kpi.name for line in card.lines]
    title = [after.cell(0, column) for column in again.computed_columns.values()]
    assert all(cell.is_blank for cell in title)  # the title row got no verdict or status
    assert after.cell(0, 0).note is None


def test_a_date_formatted_header_is_a_period(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    tab, card = _read(services)
    start, column = card.period_columns[2]
    serial = {
        "userEnteredValue": {"numberValue": (start - SERIAL_EPOCH).days},
        "userEnteredFormat": {"numberFormat": {"type": "DATE", "pattern": "d mmm yyyy"}},
    }
    _batch(emulator, _cell(tab.sheet_id, 0, column, serial))
    _, again = _read(services)
    assert again.period_columns == card.period_columns


def test_a_footnote_in_the_kpi_column_is_left_alone(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    tab, card = _read(services)
    row = max(line.row for line in card.lines) + 3
    _batch(emulator, _text(tab.sheet_id, row, card.name_column, "* Targets agreed with the CFO"))

    result = sync(services, sheet)

    assert result.rows == len(card.lines)
    assert not any("Targets agreed" in key for key in result.flagged)
    after, again = _read(services)
    assert all(after.cell(row, column).is_blank for column in again.computed_columns.values())
    assert after.cell(row, card.name_column).value == "* Targets agreed with the CFO"


def test_a_user_column_between_periods_is_not_plotted_and_the_notice_says_so(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    tab, card = _read(services)
    columns = [column for _, column in card.period_columns]
    budget = columns[3]
    row = card.lines[0].row
    _batch(
        emulator,
        _insert_columns(tab.sheet_id, budget),
        _text(tab.sheet_id, 0, budget, "Budget"),
        _cell(tab.sheet_id, row, budget, {"userEnteredValue": {"numberValue": 123456}}),
    )

    sync(services, sheet)

    after, again = _read(services)
    periods = [column for _, column in again.period_columns]
    assert budget not in periods and len(periods) == len(columns)
    spark = _computed(after, again, row, ComputedColumn.SPARKLINE)
    letters = [_letter(column) for column in periods]
    r = row + 1
    assert spark == (
        f"=SPARKLINE({{{letters[0]}{r}:{letters[2]}{r},{letters[3]}{r}:{letters[-1]}{r}}})"
    )
    assert _plotted(spark, row) == periods
    assert _computed(after, again, row, ComputedColumn.LATEST) != 123456
    assert "not one block" in (after.cell(again.header_row, again.name_column).note or "")


def test_a_period_column_moved_left_is_plotted_in_date_order_without_its_own_cell(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    tab, card = _read(services)
    spark_column = card.computed_columns[ComputedColumn.SPARKLINE]
    start, old = card.period_columns[0]
    row = card.lines[0].row
    value = tab.cell(row, old).value
    # Move the first period's column to just before the sparkline column.
    _batch(emulator, _insert_columns(tab.sheet_id, spark_column))
    old += 1
    _batch(
        emulator,
        _text(tab.sheet_id, 0, spark_column, start.isoformat()),
        _cell(tab.sheet_id, row, spark_column, {"userEnteredValue": {"numberValue": value}}),
        {
            "deleteDimension": {
                "range": {
                    "sheetId": tab.sheet_id,
                    "dimension": "COLUMNS",
                    "startIndex": old,
                    "endIndex": old + 1,
                }
            }
        },
    )

    result = sync(services, sheet)

    assert not result.tab_errors
    after, again = _read(services)
    own = again.computed_columns[ComputedColumn.SPARKLINE]
    moved = again.period_columns[0][1]
    assert moved < own
    spark = _computed(after, again, row, ComputedColumn.SPARKLINE)
    rest = [column for _, column in again.period_columns[1:]]
    r = row + 1
    assert spark == (
        f"=SPARKLINE({{{_letter(moved)}{r},{_letter(rest[0])}{r}:{_letter(rest[-1])}{r}}})"
    )
    assert own not in _plotted(spark, row)
    assert _plotted(spark, row) == [column for _, column in again.period_columns]
    assert "not one block" in (after.cell(again.header_row, again.name_column).note or "")


def test_the_read_skips_a_big_data_tab_beside_the_scorecards(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    gateway = services.sheets.gateway()
    _batch(
        emulator,
        {
            "addSheet": {
                "properties": {
                    "sheetId": 4242,
                    "title": "Raw data",
                    "gridProperties": {"rowCount": 2000, "columnCount": 5},
                }
            }
        },
        {
            "updateCells": {
                "rows": [
                    {"values": [{"userEnteredValue": {"numberValue": n}} for n in range(5)]}
                    for _ in range(2000)
                ],
                "start": {"sheetId": 4242, "rowIndex": 0, "columnIndex": 0},
                "fields": "userEnteredValue",
            }
        },
    )
    emulator.reset_counts()
    snapshot = gateway.read(SID)
    assert [t.sheet_id for t in snapshot.tabs if t.sheet_id == 4242] == []
    assert all(t.tags for t in snapshot.tabs)
    assert emulator.counts(SID).reads == 1
    result = sync(services, SID)
    assert result.tabs == 1 and result.requests.reads == 1


def test_a_tab_over_the_cell_limit_is_refused_with_the_limit_named(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    services.sheets.max_tab_cells = 500
    result = sync(services, sheet)
    [error] = result.tab_errors
    assert error.code == "tab_too_large"
    assert "at most 500 " in error.message and "SCORECARD_MAX_TAB_CELLS" in error.message
    assert result.requests.model_dump() == {"reads": 1, "writes": 0}
    with pytest.raises(Conflict) as caught:
        validate_tab(services, sheet, error.tab_id)
    assert (caught.value.status, caught.value.code) == (409, "tab_too_large")


def test_first_period_backfills_history(services: Services, emulator: SheetsEmulator) -> None:
    from service.workflows import provision

    emulator.create_spreadsheet("Backfill", spreadsheet_id="backfill")
    first = add_cadences(period_start(TODAY, Cadence.WEEKLY), -20, Cadence.WEEKLY)
    provision(services, "backfill", "sales_rep", "Alex Kim", first_period=first, periods=22)
    snapshot = services.sheets.gateway().read("backfill")
    card = read_scorecard(snapshot.tabs[0])
    starts = [start for start, _ in card.period_columns]
    assert starts[0] <= first < add_cadences(starts[0], 1, card.column_cadence or Cadence.WEEKLY)
    assert len(starts) == 22
