"""The emulator refuses what Google refuses, with Google's error shape, and applies nothing."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from service.sheets.emulator import SheetsEmulator, mount_emulator

BASE = "https://sheets.googleapis.com/v4/spreadsheets"
SID = "strict-1"
TAB = 7


def _title_cell(text: str) -> dict[str, Any]:
    return {
        "updateCells": {
            "start": {"sheetId": 0, "rowIndex": 0, "columnIndex": 0},
            "rows": [{"values": [{"userEnteredValue": {"stringValue": text}}]}],
            "fields": "userEnteredValue",
        }
    }


def _rule(condition: dict[str, Any], *ranges: dict[str, Any]) -> dict[str, Any]:
    return {
        "addConditionalFormatRule": {
            "rule": {
                "ranges": list(ranges),
                "booleanRule": {"condition": condition, "format": {"textFormat": {"bold": True}}},
            },
            "index": 0,
        }
    }


def _column_metadata(start: int, end: int | None) -> dict[str, Any]:
    span: dict[str, Any] = {"sheetId": 0, "dimension": "COLUMNS", "startIndex": start}
    if end is not None:
        span["endIndex"] = end
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataKey": "scorecard.column",
                "metadataValue": "kpi",
                "location": {"dimensionRange": span},
                "visibility": "DOCUMENT",
            }
        }
    }


FORMULA = {"type": "CUSTOM_FORMULA", "values": [{"userEnteredValue": "=A1>1"}]}
TWO_FORMULAS = {
    "type": "CUSTOM_FORMULA",
    "values": [{"userEnteredValue": "=A1>1"}, {"userEnteredValue": "=B1>1"}],
}
ON_FIRST = {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 5}
ON_SECOND = {"sheetId": TAB, "startRowIndex": 0, "endRowIndex": 5}

# (case, request, the start of Google's message after `Invalid requests[0]…`)
MALFORMED: list[Any] = [
    (
        "sheet id given as text",
        {"addSheet": {"properties": {"sheetId": "abc", "title": "New"}}},
        "Invalid value at 'requests[0].add_sheet.properties.sheet_id' (TYPE_INT32), \"abc\"",
    ),
    (
        "bold given as text",
        {
            "repeatCell": {
                "range": ON_FIRST,
                "cell": {"userEnteredFormat": {"textFormat": {"bold": "yes"}}},
                "fields": "userEnteredFormat.textFormat.bold",
            }
        },
        "Invalid value at 'requests[0].repeat_cell.cell.user_entered_format.text_format.bold'"
        ' (TYPE_BOOL), "yes"',
    ),
    (
        "pixel size given as a fraction",
        {
            "updateDimensionProperties": {
                "range": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 0, "endIndex": 1},
                "properties": {"pixelSize": 10.5},
                "fields": "pixelSize",
            }
        },
        "Invalid value at 'requests[0].update_dimension_properties.properties.pixel_size'"
        " (TYPE_INT32), 10.5",
    ),
    (
        "title given as a number",
        {"addSheet": {"properties": {"title": 5}}},
        "Invalid value at 'requests[0].add_sheet.properties.title' (TYPE_STRING), 5",
    ),
    (
        "stringValue and numberValue in one ExtendedValue",
        {
            "updateCells": {
                "start": {"sheetId": 0, "rowIndex": 0, "columnIndex": 0},
                "rows": [
                    {"values": [{"userEnteredValue": {"stringValue": "87", "numberValue": 87}}]}
                ],
                "fields": "userEnteredValue",
            }
        },
        "Invalid value at 'requests[0].update_cells.rows[0].values[0].user_entered_value' "
        "(oneof), oneof field 'value' is already set. Cannot set 'numberValue'",
    ),
    (
        "updateCells with both start and range",
        {
            "updateCells": {
                "start": {"sheetId": 0},
                "range": ON_FIRST,
                "rows": [],
                "fields": "note",
            }
        },
        "Invalid value at 'requests[0].update_cells' (oneof), oneof field 'area' is already set.",
    ),
    (
        "two kinds in one request",
        {"deleteSheet": {"sheetId": TAB}, "addSheet": {"properties": {"title": "X"}}},
        "Invalid value at 'requests[0]' (oneof), oneof field 'kind' is already set.",
    ),
    (
        "CUSTOM_FORMULA with two values",
        _rule(TWO_FORMULAS, ON_FIRST),
        "Invalid requests[0].addConditionalFormatRule: Condition type CUSTOM_FORMULA requires "
        "1 ConditionValue(s), but 2 were given.",
    ),
    (
        "NUMBER_BETWEEN with one value",
        {
            "setDataValidation": {
                "range": ON_FIRST,
                "rule": {
                    "condition": {"type": "NUMBER_BETWEEN", "values": [{"userEnteredValue": "1"}]}
                },
            }
        },
        "Invalid requests[0].setDataValidation: Condition type NUMBER_BETWEEN requires 2",
    ),
    (
        "a validation-only condition in a conditional format",
        _rule({"type": "TEXT_IS_EMAIL"}, ON_FIRST),
        "Invalid requests[0].addConditionalFormatRule: Condition type TEXT_IS_EMAIL is not "
        "supported by conditional formatting.",
    ),
    (
        "conditional format ranges on two sheets",
        _rule(FORMULA, ON_FIRST, ON_SECOND),
        "Invalid requests[0].addConditionalFormatRule: All ranges of a conditional format rule "
        "must be on the same sheet.",
    ),
    (
        "developer metadata over two columns",
        _column_metadata(0, 2),
        "Invalid requests[0].createDeveloperMetadata: Developer metadata may only be associated "
        "with a single row or column, but the location spans columns [0, 2).",
    ),
    (
        "developer metadata over unbounded columns",
        _column_metadata(3, None),
        "Invalid requests[0].createDeveloperMetadata: Developer metadata may only be associated "
        "with a single row or column",
    ),
    (
        "developer metadata on a dimension range without its dimension",
        {
            "createDeveloperMetadata": {
                "developerMetadata": {
                    "metadataKey": "k",
                    "location": {"dimensionRange": {"sheetId": 0, "startIndex": 0, "endIndex": 1}},
                }
            }
        },
        "Invalid requests[0].createDeveloperMetadata: Developer metadata on a dimension needs "
        "its dimension",
    ),
    (
        "negative sheet id",
        {"addSheet": {"properties": {"sheetId": -5, "title": "Negative"}}},
        "Invalid requests[0].addSheet: properties.sheetId must be non-negative, but was -5.",
    ),
    (
        "negative protected range id",
        {
            "addProtectedRange": {
                "protectedRange": {"protectedRangeId": -1, "range": ON_FIRST, "warningOnly": True}
            }
        },
        "Invalid requests[0].addProtectedRange: protectedRange.protectedRangeId must be "
        "non-negative",
    ),
    (
        "a protected range with a range and a named range",
        {
            "addProtectedRange": {
                "protectedRange": {"range": ON_FIRST, "namedRangeId": "n1", "warningOnly": True}
            }
        },
        "Invalid requests[0].addProtectedRange: Only one of range, namedRangeId or tableId",
    ),
    (
        "a sheet over 10 million cells",
        {
            "addSheet": {
                "properties": {
                    "title": "Huge",
                    "gridProperties": {"rowCount": 1_000_000, "columnCount": 11},
                }
            }
        },
        "Invalid requests[0].addSheet: This action would increase the number of cells in the "
        "workbook above the limit of 10000000 cells.",
    ),
    (
        "growing a sheet past 10 million cells",
        {"appendDimension": {"sheetId": 0, "dimension": "ROWS", "length": 400_000}},
        "Invalid requests[0].appendDimension: This action would increase the number of cells",
    ),
    (
        "a locale that is not a language code",
        {"updateSpreadsheetProperties": {"properties": {"locale": "German"}, "fields": "locale"}},
        "Invalid requests[0].updateSpreadsheetProperties: Invalid locale: German",
    ),
    pytest.param(
        "a time zone that does not exist",
        {
            "updateSpreadsheetProperties": {
                "properties": {"timeZone": "Mars/Olympus"},
                "fields": "timeZone",
            }
        },
        "Invalid requests[0].updateSpreadsheetProperties: Invalid timeZone: Mars/Olympus",
        marks=pytest.mark.skipif(
            not zoneinfo.available_timezones(), reason="no time zone database on this machine"
        ),
    ),
    (
        "a typo in updateCells.fields",
        {
            "updateCells": {
                "start": {"sheetId": 0, "rowIndex": 0, "columnIndex": 0},
                "rows": [{"values": [{"note": "n"}]}],
                "fields": "notes",
            }
        },
        "Invalid requests[0].updateCells: Invalid field mask: 'notes' is not a field of CellData.",
    ),
    (
        "a typo deep in repeatCell.fields",
        {
            "repeatCell": {
                "range": ON_FIRST,
                "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
                "fields": "userEnteredFormat.textFormat.bolt",
            }
        },
        "Invalid requests[0].repeatCell: Invalid field mask: 'userEnteredFormat.textFormat.bolt'"
        " is not a field of TextFormat.",
    ),
    (
        "a typo in updateSheetProperties.fields",
        {
            "updateSheetProperties": {
                "properties": {"sheetId": 0, "gridProperties": {"frozenRowCount": 1}},
                "fields": "gridProperties.frozenRows",
            }
        },
        "Invalid requests[0].updateSheetProperties: Invalid field mask: "
        "'gridProperties.frozenRows' is not a field of GridProperties.",
    ),
    (
        "a path below a plain field in updateSpreadsheetProperties.fields",
        {
            "updateSpreadsheetProperties": {
                "properties": {"title": "T"},
                "fields": "title.text",
            }
        },
        "Invalid requests[0].updateSpreadsheetProperties: Invalid field mask: 'title' has no "
        "fields below it.",
    ),
]


class Api:
    """The emulated API with one spreadsheet holding two sheets and a typed title cell."""

    def __init__(self) -> None:
        self.emu = SheetsEmulator()
        self.session = requests.Session()
        mount_emulator(self.session, self.emu)
        self.emu.create_spreadsheet("Strict", SID)
        assert self.batch({"addSheet": {"properties": {"sheetId": TAB, "title": "Two"}}}).ok
        assert self.batch(_title_cell("before")).ok

    def batch(self, *requests_: dict[str, Any]) -> requests.Response:
        return self.session.post(f"{BASE}/{SID}:batchUpdate", json={"requests": list(requests_)})


@pytest.fixture
def api() -> Iterator[Api]:
    emulated = Api()
    yield emulated
    emulated.session.close()


@pytest.mark.parametrize(
    ("case", "request_", "message"),
    MALFORMED,
    ids=[(c.values[0] if hasattr(c, "values") else c[0]) for c in MALFORMED],
)
def test_malformed_request_is_refused_and_nothing_is_applied(
    api: Api, case: str, request_: dict[str, Any], message: str
) -> None:
    before = api.emu.spreadsheet_json(SID)

    # The malformed request comes second: the valid first one must not be applied either.
    reply = api.batch(_title_cell("after"), request_)

    error = reply.json()["error"]
    assert reply.status_code == 400, case
    assert error["status"] == "INVALID_ARGUMENT"
    assert error["message"].startswith(message.replace("requests[0]", "requests[1]"))
    assert api.emu.spreadsheet_json(SID) == before


def test_well_formed_variants_of_the_refused_requests_pass(api: Api) -> None:
    reply = api.batch(
        {"addSheet": {"properties": {"sheetId": "12", "title": "Id as digits"}}},
        _rule(FORMULA, ON_FIRST, {**ON_FIRST, "startColumnIndex": 3}),
        _column_metadata(2, 3),
        {
            "updateSheetProperties": {
                "properties": {"sheetId": 0, "gridProperties": {"frozenRowCount": 1}},
                "fields": "gridProperties.frozenRowCount",
            }
        },
        {
            "repeatCell": {
                "range": ON_FIRST,
                "cell": {"user_entered_format": {"text_format": {"bold": True}}},
                "fields": "user_entered_format.text_format.bold",
            }
        },
    )

    assert reply.status_code == 200, reply.text
    sheets = api.emu.spreadsheet_json(SID)["sheets"]
    assert [s["properties"]["sheetId"] for s in sheets] == [0, TAB, 12]
    assert len(sheets[0]["conditionalFormats"][0]["ranges"]) == 2
    # proto (snake_case) names in the body and the mask mean the same fields.
    first = sheets[0]["data"][0]["rowData"][0]["values"][0]
    assert first["userEnteredFormat"]["textFormat"]["bold"] is True
    assert first["userEnteredValue"] == {"stringValue": "before"}


def test_create_over_10_million_cells_is_refused(api: Api) -> None:
    body = {
        "properties": {"title": "Too big"},
        "sheets": [{"properties": {"gridProperties": {"rowCount": 500_000, "columnCount": 21}}}],
    }

    reply = api.session.post(BASE, json=body)

    assert reply.status_code == 400
    assert "above the limit of 10000000 cells" in reply.json()["error"]["message"]


def test_numbers_past_a_double_are_refused(api: Api) -> None:
    too_big = b'{"values": [[1e400]]}'
    url = f"{BASE}/{SID}/values/Sheet1!B2?valueInputOption=RAW"
    cell = {
        "updateCells": {
            "start": {"sheetId": 0, "rowIndex": 1, "columnIndex": 1},
            "rows": [{"values": [{"userEnteredValue": {"numberValue": 10**400}}]}],
            "fields": "userEnteredValue",
        }
    }

    typed = api.session.put(url, data=too_big, headers={"Content-Type": "application/json"})
    extended = api.batch(cell)

    assert (typed.status_code, extended.status_code) == (400, 400)
    assert "(TYPE_DOUBLE)" in extended.json()["error"]["message"]
