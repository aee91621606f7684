"""The Team overview and Issues tabs, kept by every sync in its one write."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from service.context import Services
from service.core.grid import Cell, TabSnapshot
from service.core.issues import IssueColumn, IssueStatus, read_issues
from service.core.layout import ComputedColumn, identity_of, read_scorecard
from service.core.overview import OverviewColumn
from service.core.team import TeamTab, find_team_tab
from service.sheets.emulator import SheetsEmulator, mount_emulator
from service.workflows import sync
from tests.builders import build_team, set_values

SID = "team"
OVERVIEW = list(OverviewColumn)
ISSUES = list(IssueColumn)
ON, MISS = 95.0, 80.0
# Eight closed weeks (2026-09-28 … 2026-11-16); the week of 2026-11-23 is in progress.
TEAM: dict[str, dict[str, list[float | None]]] = {
    "Dana Ruiz": {
        "Invoices paid on time": [ON, ON, ON, ON, MISS, MISS, MISS, MISS],
        "Bills paid on time": [ON] * 8,
        "Statements sent": [ON, ON, ON, ON, ON, None, None, None],
    },
    "Lee Chan": {
        "Refunds within a day": [ON] * 8,
        "Disputes closed": [ON] * 7 + [88.0],
    },
}


@pytest.fixture
def team(services: Services, emulator: SheetsEmulator) -> str:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    build_team(services, SID, TEAM)
    emulator.reset_counts()
    return SID


def _at(services: Services, day: int, month: int = 11) -> Services:
    moment = datetime(2026, month, day, 9, 30, tzinfo=UTC)
    return dataclasses.replace(services, clock=lambda: moment)


def _tab(services: Services, kind: TeamTab) -> TabSnapshot:
    tab = find_team_tab(services.sheets.gateway().read(SID), kind)
    assert tab is not None
    return tab


def _table(tab: TabSnapshot, columns: list[Any]) -> list[dict[Any, Any]]:
    out = []
    for row in range(1, len(tab.rows)):
        line = {kind: tab.cell(row, index) for index, kind in enumerate(columns)}
        if any(not cell.is_blank for cell in line.values()):
            out.append(line)
    return out


def _user_batch(emulator: SheetsEmulator, requests_: list[dict[str, Any]]) -> None:
    session = requests.Session()
    mount_emulator(session, emulator)
    url = f"https://sheets.googleapis.com/v4/spreadsheets/{SID}:batchUpdate"
    response = session.post(url, json={"requests": requests_}, timeout=5)
    assert response.status_code == 200, response.text


def _type(
    sheet_id: int, row: int, column: int, text: str, note: str | None = None
) -> dict[str, Any]:
    cell: dict[str, Any] = {"userEnteredValue": {"stringValue": text}}
    if note is not None:
        cell["note"] = note
    return {
        "updateCells": {
            "rows": [{"values": [cell]}],
            "start": {"sheetId": sheet_id, "rowIndex": row, "columnIndex": column},
            "fields": "userEnteredValue,note" if note is not None else "userEnteredValue",
        }
    }


def _entered(cell: Cell) -> dict[str, Any]:
    """A cell as updateCells writes it back: its formula or value, and its note."""
    data: dict[str, Any] = {"note": cell.note} if cell.note else {}
    if cell.formula is not None:
        data["userEnteredValue"] = {"formulaValue": cell.formula}
    elif isinstance(cell.value, float):
        data["userEnteredValue"] = {"numberValue": cell.value}
    elif cell.value is not None:
        data["userEnteredValue"] = {"stringValue": str(cell.value)}
    return data


def test_overview_lists_every_person_and_kpi_attention_first(
    services: Services, emulator: SheetsEmulator, team: str
) -> None:
    result = sync(services, team)
    assert result.requests.model_dump() == {"reads": 1, "writes": 1}
    assert (emulator.counts(team).reads, emulator.counts(team).writes) == (1, 1)

    overview = _tab(services, TeamTab.OVERVIEW)
    assert overview.title == "Team overview" and overview.frozen_rows == 1
    assert [overview.cell(0, i).value for i in range(3)] == ["Person", "Role", "KPI"]
    lines = [
        (line[OverviewColumn.PERSON].value, line[OverviewColumn.KPI].value)
        for line in _table(overview, OVERVIEW)
    ]
    # Dana first: one KPI off target for four weeks; within her rows, the miss first.
    assert lines == [
        ("Dana Ruiz", "2 of 3 on target"),
        ("Dana Ruiz", "Invoices paid on time"),
        ("Dana Ruiz", "Statements sent"),
        ("Dana Ruiz", "Bills paid on time"),
        ("Lee Chan", "1 of 2 on target"),
        ("Lee Chan", "Disputes closed"),
        ("Lee Chan", "Refunds within a day"),
    ]
    rows = _table(overview, OVERVIEW)
    assert rows[1][OverviewColumn.STATUS].value == "✗ Off target"
    assert rows[5][OverviewColumn.STATUS].value == "≈ Near target"  # 88 against ≥ 90
    assert "stale" in str(rows[2][OverviewColumn.FLAGS].value)
    dana = next(
        t for t in services.sheets.gateway().read(team).tabs if t.title.endswith("Dana Ruiz")
    )
    card = read_scorecard(dana)
    row = next(line.row for line in card.lines if line.kpi.name == "Invoices paid on time")
    assert rows[1][OverviewColumn.LINK].formula == (
        f'=HYPERLINK("#gid={dana.sheet_id}&range=A{row + 1}","row {row + 1} ↗")'
    )
    assert rows[1][OverviewColumn.LATEST].value == MISS
    resource = emulator.spreadsheet_json(team)
    filters = {
        s["properties"]["title"]: s["basicFilter"]["range"]
        for s in resource["sheets"]
        if "basicFilter" in s
    }
    assert filters == {
        "Team overview": {
            "sheetId": overview.sheet_id,
            "startColumnIndex": 0,
            "endColumnIndex": 11,
        },
        "Issues": {
            "sheetId": _tab(services, TeamTab.ISSUES).sheet_id,
            "startColumnIndex": 0,
            "endColumnIndex": 9,
        },
    }

    emulator.reset_counts()
    again = sync(services, team)
    assert again.requests.model_dump() == {"reads": 1, "writes": 0}
    assert (emulator.counts(team).reads, emulator.counts(team).writes) == (1, 0)


def test_a_kpi_that_missed_four_weeks_is_one_issue_and_a_second_sync_writes_nothing(
    services: Services, emulator: SheetsEmulator, team: str
) -> None:
    sync(services, team)
    issues = _table(_tab(services, TeamTab.ISSUES), ISSUES)
    assert len(issues) == 1
    (issue,) = issues
    assert issue[IssueColumn.KPI].value == "Invoices paid on time"
    assert issue[IssueColumn.PERSON].value == "Dana Ruiz"
    assert issue[IssueColumn.SINCE].value == "2026-10-26"
    assert str(issue[IssueColumn.WHY].value).startswith("Off target 4 periods in a row")
    assert issue[IssueColumn.STATUS].value == IssueStatus.OPEN.value
    resource = emulator.spreadsheet_json(team)
    sheet = next(s for s in resource["sheets"] if s["properties"]["title"] == "Issues")
    status_cell = sheet["data"][0]["rowData"][1]["values"][ISSUES.index(IssueColumn.STATUS)]
    options = status_cell["dataValidation"]["condition"]["values"]
    assert [o["userEnteredValue"] for o in options] == ["Open", "Discussing", "Solved"]

    # The flag's note on Dana's tab points to the issue row.
    dana = next(
        t for t in services.sheets.gateway().read(team).tabs if t.title.endswith("Dana Ruiz")
    )
    card = read_scorecard(dana)
    line = next(line for line in card.lines if line.kpi.name == "Invoices paid on time")
    note = dana.cell(line.row, card.computed_columns[ComputedColumn.FLAGS]).note
    assert note is not None and "'Issues' tab, row 2" in note

    emulator.reset_counts()
    assert sync(services, team).requests.writes == 0
    assert emulator.counts(team).writes == 0
    assert len(_table(_tab(services, TeamTab.ISSUES), ISSUES)) == 1


def test_a_solved_issue_stays_solved_and_only_a_new_episode_adds_a_row(
    services: Services, emulator: SheetsEmulator, team: str
) -> None:
    sync(services, team)
    issues_tab = _tab(services, TeamTab.ISSUES)
    status = ISSUES.index(IssueColumn.STATUS)
    notes = ISSUES.index(IssueColumn.NOTES)
    _user_batch(
        emulator,
        [
            _type(issues_tab.sheet_id, 1, status, IssueStatus.SOLVED.value),
            _type(issues_tab.sheet_id, 1, notes, "Agreed a reminder call on day 25"),
        ],
    )
    emulator.reset_counts()
    assert sync(services, team).requests.writes == 0  # the manager's cells are theirs

    # Back on target in the week of 2026-11-23: the episode ends, and nothing is added.
    set_values(
        services,
        team,
        {"Dana Ruiz": {"Invoices paid on time": [*TEAM["Dana Ruiz"]["Invoices paid on time"], ON]}},
    )
    sync(_at(services, 2), team)
    assert len(_table(_tab(services, TeamTab.ISSUES), ISSUES)) == 1

    # Three more misses: a new episode, a new row; the solved one is untouched.
    misses = [*TEAM["Dana Ruiz"]["Invoices paid on time"], ON, MISS, MISS, MISS]
    set_values(services, team, {"Dana Ruiz": {"Invoices paid on time": misses}})
    later = _at(services, 23, 12)
    sync(later, team)
    rows = _table(_tab(services, TeamTab.ISSUES), ISSUES)
    assert [(r[IssueColumn.SINCE].value, r[IssueColumn.STATUS].value) for r in rows] == [
        ("2026-10-26", "Solved"),
        ("2026-11-30", "Open"),
    ]
    assert rows[0][IssueColumn.NOTES].value == "Agreed a reminder call on day 25"
    emulator.reset_counts()
    assert sync(later, team).requests.writes == 0


def test_renamed_and_moved_team_tabs_are_still_found(
    services: Services, emulator: SheetsEmulator, team: str
) -> None:
    sync(services, team)
    overview = _tab(services, TeamTab.OVERVIEW)
    rename = {
        "updateSheetProperties": {
            "properties": {"sheetId": overview.sheet_id, "title": "Weekly roll-up", "index": 0},
            "fields": "title,index",
        }
    }
    _user_batch(emulator, [rename])
    emulator.reset_counts()
    assert sync(services, team).requests.writes == 0
    snapshot = services.sheets.gateway().read(team)
    assert [t.title for t in snapshot.tabs if t.tags.get("scorecard.team")] == [
        "Weekly roll-up",
        "Issues",
    ]


def test_a_managers_notes_follow_their_row_when_the_order_changes(
    services: Services, emulator: SheetsEmulator, team: str
) -> None:
    sync(services, team)
    overview = _tab(services, TeamTab.OVERVIEW)
    rows = _table(overview, OVERVIEW)
    refunds = next(
        i
        for i, r in enumerate(rows, start=1)
        if r[OverviewColumn.KPI].value == "Refunds within a day"
    )
    _user_batch(
        emulator,
        [
            _type(overview.sheet_id, refunds, OVERVIEW.index(OverviewColumn.NOTES), "Ask about Q4"),
            _type(
                overview.sheet_id,
                refunds,
                OVERVIEW.index(OverviewColumn.KPI),
                "Refunds within a day",
                note="mine",
            ),
        ],
    )
    # Refunds drops far below target: it moves to the top of Lee's rows.
    set_values(services, team, {"Lee Chan": {"Refunds within a day": [ON] * 7 + [50.0]}})
    sync(services, team)
    rows = _table(_tab(services, TeamTab.OVERVIEW), OVERVIEW)
    moved = next(r for r in rows if r[OverviewColumn.KPI].value == "Refunds within a day")
    assert moved[OverviewColumn.NOTES].value == "Ask about Q4"
    assert moved[OverviewColumn.KPI].note == "mine"
    assert rows.index(moved) < refunds - 1
    others = [r for r in rows if r is not moved]
    assert all(r[OverviewColumn.NOTES].is_blank and not r[OverviewColumn.KPI].note for r in others)


def test_settings_on_the_overview_change_the_issue_threshold_and_near_target(
    services: Services, emulator: SheetsEmulator, team: str
) -> None:
    sync(services, team)
    overview = _tab(services, TeamTab.OVERVIEW)
    labels = {
        str(cell.value): (row, column)
        for row, cells in enumerate(overview.rows)
        for column, cell in enumerate(cells)
        if isinstance(cell.value, str)
    }
    misses_at = labels["Issue after misses in a row"]
    near_at = labels["Near target within"]
    assert overview.cell(misses_at[0], misses_at[1] + 1).value == 3
    assert overview.cell(near_at[0], near_at[1] + 1).value == 0.05
    _user_batch(
        emulator,
        [
            _type(overview.sheet_id, misses_at[0], misses_at[1] + 1, "5"),
            _type(overview.sheet_id, near_at[0], near_at[1] + 1, "20%"),
        ],
    )
    # With 5 misses needed, a new four-miss KPI raises nothing; 80 against ≥ 90 is now near.
    set_values(services, team, {"Lee Chan": {"Refunds within a day": [ON] * 4 + [MISS] * 4}})
    sync(services, team)
    issues = _table(_tab(services, TeamTab.ISSUES), ISSUES)
    assert [r[IssueColumn.KPI].value for r in issues] == ["Invoices paid on time"]
    rows = _table(_tab(services, TeamTab.OVERVIEW), OVERVIEW)
    refunds = next(r for r in rows if r[OverviewColumn.KPI].value == "Refunds within a day")
    assert refunds[OverviewColumn.STATUS].value == "≈ Near target"


def test_text_from_people_is_written_as_text(services: Services, emulator: SheetsEmulator) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    build_team(services, SID, {"=IMPORTXML(1)": {"=1+1": [MISS] * 8}})
    sync(services, SID)
    for kind, columns in ((TeamTab.OVERVIEW, OVERVIEW), (TeamTab.ISSUES, ISSUES)):
        for line in _table(_tab(services, kind), columns):
            for column, cell in line.items():
                if column not in (OverviewColumn.LINK, IssueColumn.LINK):
                    assert cell.formula is None, (kind, column)
    (issue,) = read_issues(_tab(services, TeamTab.ISSUES))
    assert (issue.person, issue.kpi) == ("=IMPORTXML(1)", "=1+1")


def test_a_spreadsheet_without_scorecards_gets_no_team_tabs(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Empty", spreadsheet_id=SID)
    result = sync(services, SID)
    assert result.requests.writes == 0
    snapshot = services.sheets.gateway().read(SID)
    assert all(identity_of(t) is None and not t.tags for t in snapshot.tabs)


def test_a_sorted_overview_is_put_back_in_order_with_its_notes(
    services: Services, emulator: SheetsEmulator, team: str
) -> None:
    sync(services, team)
    before = _table(_tab(services, TeamTab.OVERVIEW), OVERVIEW)
    overview = _tab(services, TeamTab.OVERVIEW)
    notes = OVERVIEW.index(OverviewColumn.NOTES)
    _user_batch(emulator, [_type(overview.sheet_id, 2, notes, "Chase the two late payers")])
    assert before[1][OverviewColumn.KPI].value == "Invoices paid on time"
    # A person sorts the table: rows 2 and 3 (values, formulas and notes) trade places.
    overview = _tab(services, TeamTab.OVERVIEW)
    swap = [
        {
            "updateCells": {
                "rows": [
                    {"values": [_entered(overview.cell(source, c)) for c in range(len(OVERVIEW))]}
                ],
                "start": {"sheetId": overview.sheet_id, "rowIndex": target, "columnIndex": 0},
                "fields": "userEnteredValue,note",
            }
        }
        for source, target in ((1, 2), (2, 1))
    ]
    _user_batch(emulator, swap)
    shuffled = _table(_tab(services, TeamTab.OVERVIEW), OVERVIEW)
    assert [r[OverviewColumn.KPI].value for r in shuffled] != [
        r[OverviewColumn.KPI].value for r in before
    ]
    emulator.reset_counts()
    assert sync(services, team).requests.writes == 1
    after = _table(_tab(services, TeamTab.OVERVIEW), OVERVIEW)
    assert [r[OverviewColumn.KPI].value for r in after] == [
        r[OverviewColumn.KPI].value for r in before
    ]
    assert after[1][OverviewColumn.NOTES].value == "Chase the two late payers"  # row 3 again
    assert [r[OverviewColumn.NOTES].value for r in after].count("Chase the two late payers") == 1


def test_a_tab_of_the_teams_own_named_issues_is_left_alone(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    theirs = {"addSheet": {"properties": {"sheetId": 42, "title": "Issues"}}}
    _user_batch(emulator, [theirs, _type(42, 0, 0, "Our own list")])
    build_team(services, SID, TEAM)
    emulator.reset_counts()
    # The read selects only our tabs, so the first attempt clashes with their "Issues";
    # the sync then lists every tab's title and plans around it.
    first = sync(services, SID)
    assert first.requests.model_dump() == {"reads": 2, "writes": 2}
    assert (emulator.counts(SID).reads, emulator.counts(SID).writes) == (2, 2)
    assert _tab(services, TeamTab.ISSUES).title == "Issues (2)"
    assert len(_table(_tab(services, TeamTab.ISSUES), ISSUES)) == 1
    listed = services.sheets.gateway().read_all_tabs(SID)
    mine = next(t for t in listed.tabs if t.sheet_id == 42)
    assert mine.cell(0, 0).value == "Our own list" and not mine.tags
    emulator.reset_counts()
    assert sync(services, SID).requests.model_dump() == {"reads": 1, "writes": 0}


def test_a_near_miss_without_flags_is_in_the_sync_result_as_almost_after_the_misses(
    services: Services, team: str
) -> None:
    # Noisy but steady values whose last closed week, 88 against ≥ 90, is a near miss.
    near = [92.0, 96.0, 89.0, 97.0, 91.0, 95.0, 93.0, 88.0]
    set_values(services, team, {"Lee Chan": {"Refunds within a day": near}})
    result = sync(services, team)
    refunds = next(item for item in result.attention if item.kpi == "Refunds within a day")
    assert (refunds.status, refunds.almost, refunds.flags) == ("≈ Near target", True, ())
    assert [(item.kpi, item.almost) for item in result.attention if item.person == "Dana Ruiz"] == [
        ("Invoices paid on time", False),
        ("Statements sent", False),
    ]
    lee = [item for item in result.attention if item.person == "Lee Chan"]
    assert [(item.kpi, item.almost) for item in lee] == [
        ("Disputes closed", True),  # near, and an outlier: the louder near miss first
        ("Refunds within a day", True),
    ]
