"""spreadsheets.getByDataFilter: only the portions of the spreadsheet the filters match."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from service.sheets.emulator import SheetsEmulator, mount_emulator

BASE = "https://sheets.googleapis.com/v4/spreadsheets"
SID = "sid-filters"


def _meta(key: str, location: dict[str, Any]) -> dict[str, Any]:
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {"metadataKey": key, "metadataValue": "x", "location": location}
        }
    }


@pytest.fixture
def session() -> Iterator[requests.Session]:
    emu = SheetsEmulator()
    emu.create_spreadsheet("Filters", SID)
    with requests.Session() as s:
        mount_emulator(s, emu)
        requests_ = [
            {"addSheet": {"properties": {"sheetId": 7, "title": "Ours"}}},
            {"addSheet": {"properties": {"sheetId": 8, "title": "Data"}}},
            {
                "updateCells": {
                    "rows": [
                        {
                            "values": [
                                {"userEnteredValue": {"stringValue": f"{c}{r}"}} for c in "ABC"
                            ]
                        }
                        for r in range(3)
                    ],
                    "start": {"sheetId": 7, "rowIndex": 0, "columnIndex": 0},
                    "fields": "userEnteredValue",
                }
            },
            _meta("tab", {"sheetId": 7}),
            _meta(
                "col",
                {
                    "dimensionRange": {
                        "sheetId": 8,
                        "dimension": "COLUMNS",
                        "startIndex": 1,
                        "endIndex": 2,
                    }
                },
            ),
        ]
        answer = s.post(f"{BASE}/{SID}:batchUpdate", json={"requests": requests_})
        assert answer.status_code == 200, answer.text
        yield s


def _get(session: requests.Session, *filters: dict[str, Any], fields: str = "") -> Any:
    params = {"fields": fields} if fields else {}
    body = {"dataFilters": list(filters), "includeGridData": True}
    answer = session.post(f"{BASE}/{SID}:getByDataFilter", json=body, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_sheet_metadata_lookup_returns_only_that_sheet_with_all_its_cells(
    session: requests.Session,
) -> None:
    body = _get(session, {"developerMetadataLookup": {"metadataKey": "tab"}})
    [sheet] = body["sheets"]
    assert sheet["properties"]["title"] == "Ours"
    rows = sheet["data"][0]["rowData"]
    assert [c["userEnteredValue"]["stringValue"] for c in rows[2]["values"]] == ["A2", "B2", "C2"]


def test_a_column_metadata_lookup_returns_that_column_only(session: requests.Session) -> None:
    body = _get(
        session,
        {"developerMetadataLookup": {"metadataKey": "col", "locationType": "COLUMN"}},
        fields="sheets(properties(title),data(startColumn))",
    )
    assert body["sheets"] == [{"properties": {"title": "Data"}, "data": [{"startColumn": 1}]}]


def test_location_type_and_unmatched_keys_select_nothing(session: requests.Session) -> None:
    # Nothing selected: proto3 JSON leaves the empty `sheets` list out.
    by_type = _get(
        session, {"developerMetadataLookup": {"metadataKey": "tab", "locationType": "ROW"}}
    )
    assert by_type.get("sheets", []) == []
    assert (
        _get(session, {"developerMetadataLookup": {"metadataKey": "nope"}}).get("sheets", []) == []
    )


def test_filters_add_up_and_a1_ranges_still_work(session: requests.Session) -> None:
    body = _get(
        session,
        {"developerMetadataLookup": {"metadataKey": "tab"}},
        {"a1Range": "Data!A1:B2"},
        fields="sheets(properties(sheetId))",
    )
    assert [s["properties"]["sheetId"] for s in body["sheets"]] == [7, 8]


def test_a_location_lookup_intersects_by_default_and_matches_exactly_when_asked(
    session: requests.Session,
) -> None:
    where = {"metadataLocation": {"sheetId": 8}}
    fields = "sheets(properties(sheetId),data(startColumn))"
    intersecting = _get(session, {"developerMetadataLookup": where}, fields=fields)
    # Column B's metadata lies within sheet 8, so the lookup selects column B.
    assert intersecting["sheets"] == [{"properties": {"sheetId": 8}, "data": [{"startColumn": 1}]}]
    exact = {**where, "locationMatchingStrategy": "EXACT_LOCATION"}
    assert _get(session, {"developerMetadataLookup": exact}, fields=fields).get("sheets", []) == []


def test_a_grid_range_selects_what_the_same_a1_range_does(session: requests.Session) -> None:
    grid = {
        "sheetId": 7,
        "startRowIndex": 1,
        "endRowIndex": 3,
        "startColumnIndex": 0,
        "endColumnIndex": 2,
    }
    fields = "sheets(properties(sheetId),data(startRow,rowData(values(formattedValue))))"

    by_grid = _get(session, {"gridRange": grid}, fields=fields)
    by_a1 = _get(session, {"a1Range": "Ours!A2:B3"}, fields=fields)

    assert by_grid == by_a1
    rows = by_grid["sheets"][0]["data"][0]["rowData"]
    assert [[v["formattedValue"] for v in r["values"]] for r in rows] == [
        ["A1", "B1"],
        ["A2", "B2"],
    ]


def test_a_filter_with_two_kinds_is_refused(session: requests.Session) -> None:
    both = {"a1Range": "Ours!A1", "developerMetadataLookup": {"metadataKey": "tab"}}

    answer = session.post(f"{BASE}/{SID}:getByDataFilter", json={"dataFilters": [both]})

    assert answer.status_code == 400
    assert "oneof field 'filter' is already set" in answer.json()["error"]["message"]
