"""moveDimension moves rows and columns with everything anchored to them, as Google does."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from service.sheets.emulator import SheetsEmulator, mount_emulator

BASE = "https://sheets.googleapis.com/v4/spreadsheets"
SID = "move-1"


class Api:
    """One spreadsheet with A1:E1 holding 0…4 and B1:B5 holding 10…14."""

    def __init__(self) -> None:
        self.emu = SheetsEmulator()
        self.session = requests.Session()
        mount_emulator(self.session, self.emu)
        self.emu.create_spreadsheet("Move", SID)

    def put(self, rng: str, rows: list[list[Any]]) -> None:
        url = f"{BASE}/{SID}/values/{rng}"
        assert self.session.put(url, params={"valueInputOption": "RAW"}, json={"values": rows}).ok

    def values(self, rng: str) -> Any:
        url = f"{BASE}/{SID}/values/{rng}"
        return (
            self.session.get(url, params={"valueRenderOption": "UNFORMATTED_VALUE"})
            .json()
            .get("values")
        )

    def batch(self, *requests_: dict[str, Any]) -> requests.Response:
        return self.session.post(f"{BASE}/{SID}:batchUpdate", json={"requests": list(requests_)})

    def sheet(self) -> dict[str, Any]:
        sheet: dict[str, Any] = self.emu.spreadsheet_json(SID)["sheets"][0]
        return sheet


def move(dimension: str, start: int, end: int, destination: int) -> dict[str, Any]:
    source = {"sheetId": 0, "dimension": dimension, "startIndex": start, "endIndex": end}
    return {"moveDimension": {"source": source, "destinationIndex": destination}}


def column_metadata(column: int, value: str) -> dict[str, Any]:
    span = {"sheetId": 0, "dimension": "COLUMNS", "startIndex": column, "endIndex": column + 1}
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataKey": "scorecard.column",
                "metadataValue": value,
                "location": {"dimensionRange": span},
                "visibility": "DOCUMENT",
            }
        }
    }


@pytest.fixture
def api() -> Iterator[Api]:
    emulated = Api()
    yield emulated
    emulated.session.close()


def test_rows_move_as_the_reference_example_says(api: Api) -> None:
    api.put("Sheet1!A1:A5", [[0], [1], [2], [3], [4]])

    reply = api.batch(move("ROWS", 1, 3, 4))

    assert reply.status_code == 200
    assert api.values("Sheet1!A1:A5") == [[0], [3], [1], [2], [4]]


def test_a_column_moves_left_with_its_values_notes_formats_and_validation(api: Api) -> None:
    api.put("Sheet1!A1:D1", [["KPI", "Owner", "2026-10", "2026-11"]])
    cell = {
        "note": "latest period",
        "userEnteredFormat": {"numberFormat": {"type": "PERCENT", "pattern": "0%"}},
        "dataValidation": {
            "condition": {"type": "NUMBER_GREATER", "values": [{"userEnteredValue": "0"}]}
        },
    }
    api.batch(
        {
            "repeatCell": {
                "range": {
                    "sheetId": 0,
                    "startColumnIndex": 3,
                    "endColumnIndex": 4,
                    "startRowIndex": 1,
                    "endRowIndex": 2,
                },
                "cell": cell,
                "fields": "note,userEnteredFormat.numberFormat,dataValidation",
            }
        },
        {
            "updateDimensionProperties": {
                "range": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 3, "endIndex": 4},
                "properties": {"pixelSize": 180},
                "fields": "pixelSize",
            }
        },
    )

    reply = api.batch(move("COLUMNS", 3, 4, 1))

    assert reply.status_code == 200
    assert api.values("Sheet1!A1:D1") == [["KPI", "2026-11", "Owner", "2026-10"]]
    moved = api.sheet()["data"][0]
    stored = moved["rowData"][1]["values"][1]
    assert stored["note"] == "latest period"
    assert stored["userEnteredFormat"]["numberFormat"]["type"] == "PERCENT"
    assert stored["dataValidation"]["condition"]["type"] == "NUMBER_GREATER"
    assert [m["pixelSize"] for m in moved["columnMetadata"][:4]] == [100, 180, 100, 100]


def test_developer_metadata_follows_its_column(api: Api) -> None:
    api.batch(column_metadata(0, "kpi"), column_metadata(2, "period"), column_metadata(4, "notes"))

    api.batch(move("COLUMNS", 2, 3, 0))

    found = api.session.post(
        f"{BASE}/{SID}/developerMetadata:search",
        json={"dataFilters": [{"developerMetadataLookup": {"metadataKey": "scorecard.column"}}]},
    ).json()
    columns = {
        m["developerMetadata"]["metadataValue"]: m["developerMetadata"]["location"][
            "dimensionRange"
        ]["startIndex"]
        for m in found["matchedDeveloperMetadata"]
    }
    assert columns == {"period": 0, "kpi": 1, "notes": 4}


def test_protected_ranges_and_conditional_formats_follow_their_columns(api: Api) -> None:
    api.batch(
        {
            "addProtectedRange": {
                "protectedRange": {
                    "range": {"sheetId": 0, "startColumnIndex": 0, "endColumnIndex": 1},
                    "warningOnly": True,
                }
            }
        },
        {
            "addConditionalFormatRule": {
                "rule": {
                    "ranges": [{"sheetId": 0, "startColumnIndex": 1, "endColumnIndex": 4}],
                    "booleanRule": {
                        "condition": {
                            "type": "CUSTOM_FORMULA",
                            "values": [{"userEnteredValue": "=B1<0"}],
                        },
                        "format": {"textFormat": {"bold": True}},
                    },
                },
                "index": 0,
            }
        },
    )

    # Column A goes to the end (the rule's B:D becomes A:C); then B leaves the rule's middle.
    api.batch(move("COLUMNS", 0, 1, 26))
    api.batch(move("COLUMNS", 1, 2, 10))

    sheet = api.sheet()
    protected = sheet["protectedRanges"][0]["range"]
    assert (protected["startColumnIndex"], protected["endColumnIndex"]) == (25, 26)
    ranges = [
        (r["startColumnIndex"], r["endColumnIndex"])
        for r in sheet["conditionalFormats"][0]["ranges"]
    ]
    assert ranges == [(0, 2), (9, 10)]


def test_moving_part_of_a_merge_is_refused(api: Api) -> None:
    api.batch(
        {
            "mergeCells": {
                "range": {
                    "sheetId": 0,
                    "startRowIndex": 0,
                    "endRowIndex": 1,
                    "startColumnIndex": 0,
                    "endColumnIndex": 2,
                },
                "mergeType": "MERGE_ALL",
            }
        }
    )

    reply = api.batch(move("COLUMNS", 1, 2, 5))

    assert reply.status_code == 400
    assert reply.json()["error"]["message"].startswith("Invalid requests[0].moveDimension:")


def test_a_destination_outside_the_grid_is_refused(api: Api) -> None:
    reply = api.batch(move("ROWS", 0, 1, 1001))

    assert reply.status_code == 400
    assert reply.json()["error"]["status"] == "INVALID_ARGUMENT"


def test_row_metadata_and_row_sizes_follow_their_row(api: Api) -> None:
    api.put("Sheet1!A1:A4", [["header"], ["churn"], ["nps"], ["footnote"]])
    span = {"sheetId": 0, "dimension": "ROWS", "startIndex": 1, "endIndex": 2}
    api.batch(
        {
            "createDeveloperMetadata": {
                "developerMetadata": {
                    "metadataKey": "scorecard.kpi",
                    "metadataValue": "churn",
                    "location": {"dimensionRange": span},
                    "visibility": "DOCUMENT",
                }
            }
        },
        {
            "updateDimensionProperties": {
                "range": span,
                "properties": {"pixelSize": 40},
                "fields": "pixelSize",
            }
        },
    )

    api.batch(move("ROWS", 1, 2, 3))

    assert api.values("Sheet1!A1:A4") == [["header"], ["nps"], ["churn"], ["footnote"]]
    data = api.sheet()["data"][0]
    assert [m["pixelSize"] for m in data["rowMetadata"][:4]] == [21, 21, 40, 21]
    tagged = [i for i, m in enumerate(data["rowMetadata"][:4]) if m.get("developerMetadata")]
    assert tagged == [2]
