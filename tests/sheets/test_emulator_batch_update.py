"""spreadsheets.batchUpdate, spreadsheets.get field masks and developer metadata."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from service.sheets.emulator import SheetsEmulator, mount_emulator

BASE = "https://sheets.googleapis.com/v4/spreadsheets"
SID = "sid-batch"


@pytest.fixture
def session() -> Iterator[requests.Session]:
    emu = SheetsEmulator()
    emu.create_spreadsheet("Batch", SID)
    with requests.Session() as s:
        mount_emulator(s, emu)
        yield s


def batch(session: requests.Session, *reqs: dict[str, Any]) -> requests.Response:
    return session.post(f"{BASE}/{SID}:batchUpdate", json={"requests": list(reqs)})


def values(session: requests.Session, rng: str) -> list[list[Any]]:
    body = session.get(f"{BASE}/{SID}/values/{rng}").json()
    rows: list[list[Any]] = body.get("values", [])
    return rows


def cells(*texts: str) -> dict[str, Any]:
    return {"values": [{"userEnteredValue": {"stringValue": t}} for t in texts]}


def write_cells(row: int, *texts: str) -> dict[str, Any]:
    return {
        "updateCells": {
            "start": {"sheetId": 0, "rowIndex": row, "columnIndex": 0},
            "rows": [cells(*texts)],
            "fields": "userEnteredValue",
        }
    }


def test_one_bad_request_changes_nothing(session: requests.Session) -> None:
    good = write_cells(0, "kept?")
    bad = {"deleteSheet": {"sheetId": 999}}

    reply = batch(session, good, {"addSheet": {"properties": {"title": "New"}}}, bad)

    assert reply.status_code == 400
    assert (
        reply.json()["error"]["message"] == "Invalid requests[2].deleteSheet: No grid with id: 999"
    )
    assert values(session, "Sheet1!A1") == []
    titles = [s["properties"]["title"] for s in session.get(f"{BASE}/{SID}").json()["sheets"]]
    assert titles == ["Sheet1"]


def test_unknown_field_is_refused_like_google(session: requests.Session) -> None:
    request = write_cells(0, "x")
    request["updateCells"]["foo"] = 1

    reply = batch(session, request)

    assert reply.status_code == 400
    assert reply.json()["error"]["message"] == (
        "Invalid JSON payload received. Unknown name \"foo\" at 'requests[0].update_cells': "
        "Cannot find field."
    )


def test_duplicate_sheet_title(session: requests.Session) -> None:
    reply = batch(session, {"addSheet": {"properties": {"title": "sheet1"}}})

    assert reply.status_code == 400
    assert reply.json()["error"]["message"] == (
        'Invalid requests[0].addSheet: A sheet with the name "sheet1" already exists. '
        "Please enter another name."
    )


def test_add_sheet_with_chosen_id_and_replies_in_order(session: requests.Session) -> None:
    reply = batch(
        session,
        {"addSheet": {"properties": {"sheetId": 42, "title": "Scorecard"}}},
        write_cells(0, "a"),
        {"addSheet": {"properties": {"title": "Other"}}},
    ).json()["replies"]

    assert reply[0]["addSheet"]["properties"]["sheetId"] == 42
    assert reply[1] == {}
    assert reply[2]["addSheet"]["properties"]["index"] == 2


def test_update_cells_past_the_grid_is_refused(session: requests.Session) -> None:
    reply = batch(session, write_cells(1000, "past"))

    assert reply.status_code == 400
    assert "exceeds grid limits" in reply.json()["error"]["message"]


def test_notes_formats_validation_and_field_mask(session: requests.Session) -> None:
    rule = {
        "condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "a"}]},
        "strict": True,
    }
    grid = {
        "sheetId": 0,
        "startRowIndex": 0,
        "endRowIndex": 1,
        "startColumnIndex": 0,
        "endColumnIndex": 2,
    }
    batch(
        session,
        write_cells(0, "v1", "v2"),
        {"updateCells": {"range": grid, "rows": [{"values": [{"note": "n1"}]}], "fields": "note"}},
        {
            "repeatCell": {
                "range": grid,
                "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
                "fields": "userEnteredFormat.textFormat",
            }
        },
        {"setDataValidation": {"range": grid, "rule": rule}},
        {
            "updateSheetProperties": {
                "properties": {"sheetId": 0, "gridProperties": {"frozenRowCount": 1}},
                "fields": "gridProperties.frozenRowCount",
            }
        },
    )
    mask = (
        "sheets(properties(sheetId,title,gridProperties),"
        "data(rowData(values(userEnteredValue,note,dataValidation))))"
    )

    body = session.get(f"{BASE}/{SID}", params={"ranges": "Sheet1!A1:B1", "fields": mask}).json()

    sheet = body["sheets"][0]
    assert set(body) == {"sheets"}
    assert sheet["properties"]["gridProperties"]["frozenRowCount"] == 1
    first, second = sheet["data"][0]["rowData"][0]["values"]
    assert first == {
        "userEnteredValue": {"stringValue": "v1"},
        "note": "n1",
        "dataValidation": rule,
    }
    assert second == {"userEnteredValue": {"stringValue": "v2"}, "dataValidation": rule}


def test_developer_metadata_moves_with_inserted_rows_and_columns(session: requests.Session) -> None:
    def create(key: str, dimension: str, index: int) -> dict[str, Any]:
        span = {"sheetId": 0, "dimension": dimension, "startIndex": index, "endIndex": index + 1}
        meta = {"metadataKey": key, "location": {"dimensionRange": span}, "visibility": "DOCUMENT"}
        return {"createDeveloperMetadata": {"developerMetadata": meta}}

    def insert(dimension: str, start: int, end: int) -> dict[str, Any]:
        return {
            "insertDimension": {
                "range": {
                    "sheetId": 0,
                    "dimension": dimension,
                    "startIndex": start,
                    "endIndex": end,
                }
            }
        }

    batch(session, create("row", "ROWS", 5), create("col", "COLUMNS", 3), create("gone", "ROWS", 9))
    batch(session, insert("ROWS", 0, 2), insert("COLUMNS", 3, 4), insert("ROWS", 20, 21))
    batch(
        session,
        {
            "deleteDimension": {
                "range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 11, "endIndex": 12}
            }
        },
    )

    found = session.post(
        f"{BASE}/{SID}/developerMetadata:search",
        json={
            "dataFilters": [
                {"developerMetadataLookup": {"locationType": "ROW"}},
                {"developerMetadataLookup": {"metadataKey": "col"}},
            ]
        },
    ).json()["matchedDeveloperMetadata"]

    spans = {
        m["developerMetadata"]["metadataKey"]: m["developerMetadata"]["location"]["dimensionRange"]
        for m in found
    }
    assert spans == {
        "row": {"dimension": "ROWS", "startIndex": 7, "endIndex": 8},
        "col": {"dimension": "COLUMNS", "startIndex": 4, "endIndex": 5},
    }


def test_spreadsheet_and_sheet_metadata_render_in_the_resource(session: requests.Session) -> None:
    meta = [
        {
            "metadataKey": "app",
            "metadataValue": "scorecard",
            "location": {"spreadsheet": True},
            "visibility": "DOCUMENT",
        },
        {
            "metadataKey": "role",
            "metadataValue": "ops",
            "location": {"sheetId": 0},
            "visibility": "DOCUMENT",
        },
    ]
    batch(session, *({"createDeveloperMetadata": {"developerMetadata": m}} for m in meta))

    body = session.get(
        f"{BASE}/{SID}",
        params={"fields": "developerMetadata,sheets(properties.sheetId,developerMetadata)"},
    ).json()

    assert [m["metadataKey"] for m in body["developerMetadata"]] == ["app"]
    assert [m["metadataValue"] for m in body["sheets"][0]["developerMetadata"]] == ["ops"]


def test_protected_range_conditional_format_and_named_range(session: requests.Session) -> None:
    grid = {
        "sheetId": 0,
        "startRowIndex": 0,
        "endRowIndex": 5,
        "startColumnIndex": 3,
        "endColumnIndex": 4,
    }
    rule = {
        "ranges": [grid],
        "booleanRule": {
            "condition": {"type": "NUMBER_LESS", "values": [{"userEnteredValue": "0"}]},
            "format": {"backgroundColor": {"red": 1}},
        },
    }
    replies = batch(
        session,
        {"addProtectedRange": {"protectedRange": {"range": grid, "warningOnly": True}}},
        {"addConditionalFormatRule": {"rule": rule, "index": 0}},
        {"addNamedRange": {"namedRange": {"name": "Computed", "range": grid}}},
    ).json()["replies"]

    sheet = session.get(f"{BASE}/{SID}").json()["sheets"][0]
    assert sheet["protectedRanges"][0]["warningOnly"] is True
    assert sheet["conditionalFormats"][0]["booleanRule"]["condition"]["type"] == "NUMBER_LESS"
    protected_id = replies[0]["addProtectedRange"]["protectedRange"]["protectedRangeId"]
    batch(
        session,
        {"deleteProtectedRange": {"protectedRangeId": protected_id}},
        {"deleteConditionalFormatRule": {"sheetId": 0, "index": 0}},
    )
    assert "protectedRanges" not in session.get(f"{BASE}/{SID}").json()["sheets"][0]
    assert values(session, "Computed") == []


def test_create_with_full_body(session: requests.Session) -> None:
    body = {
        "properties": {"title": "Made"},
        "sheets": [
            {
                "properties": {"sheetId": 7, "title": "KPIs"},
                "data": [{"rowData": [cells("KPI", "Owner")]}],
            },
        ],
        "developerMetadata": [
            {"metadataKey": "app", "location": {"spreadsheet": True}, "visibility": "DOCUMENT"}
        ],
    }

    made = session.post(BASE, json=body).json()
    read = session.get(f"{BASE}/{made['spreadsheetId']}/values/KPIs!A1:B1").json()

    assert made["sheets"][0]["properties"]["sheetId"] == 7
    assert read["values"] == [["KPI", "Owner"]]


def test_basic_filter_is_set_moved_by_inserted_columns_and_cleared(
    session: requests.Session,
) -> None:
    span = {"sheetId": 0, "startColumnIndex": 0, "endColumnIndex": 3}
    assert batch(session, {"setBasicFilter": {"filter": {"range": span}}}).status_code == 200
    insert = {
        "insertDimension": {
            "range": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 0, "endIndex": 2},
            "inheritFromBefore": False,
        }
    }
    assert batch(session, insert).status_code == 200
    sheet = session.get(f"{BASE}/{SID}").json()["sheets"][0]
    assert sheet["basicFilter"] == {"range": {"startColumnIndex": 2, "endColumnIndex": 5}}
    past_grid = {"sheetId": 0, "startColumnIndex": 0, "endColumnIndex": 999}
    refused = batch(session, {"setBasicFilter": {"filter": {"range": past_grid}}})
    assert (
        refused.status_code == 400 and "exceeds grid limits" in refused.json()["error"]["message"]
    )
    assert batch(session, {"clearBasicFilter": {"sheetId": 0}}).status_code == 200
    assert "basicFilter" not in session.get(f"{BASE}/{SID}").json()["sheets"][0]
