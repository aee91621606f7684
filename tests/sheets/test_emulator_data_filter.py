"""getByDataFilter returns only the ranges its filters select, metadata lookups included."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from service.sheets.emulator import SheetsEmulator, mount_emulator

BASE = "https://sheets.googleapis.com/v4/spreadsheets"
SID = "filter-1"
FIELDS = "sheets(properties.title,data.rowData.values.formattedValue)"


@pytest.fixture
def session() -> Iterator[requests.Session]:
    emu = SheetsEmulator()
    http = requests.Session()
    mount_emulator(http, emu)
    emu.create_spreadsheet("Filter", SID, sheet_title="Data")
    tab = {"addSheet": {"properties": {"sheetId": 5, "title": "Scorecard"}}}
    tag = {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataKey": "scorecard.tab",
                "metadataValue": "v1",
                "location": {"sheetId": 5},
                "visibility": "DOCUMENT",
            }
        }
    }
    assert http.post(f"{BASE}/{SID}:batchUpdate", json={"requests": [tab, tag]}).ok
    data = {
        "valueInputOption": "USER_ENTERED",
        "data": [
            {"range": "Data!A1:A3", "values": [["raw"], ["1"], ["2"]]},
            {"range": "Scorecard!A1:B1", "values": [["Churn", "87%"]]},
        ],
    }
    assert http.post(f"{BASE}/{SID}/values:batchUpdate", json=data).ok
    yield http
    http.close()


def _filtered(session: requests.Session, *filters: dict[str, Any]) -> Any:
    body = {"dataFilters": list(filters), "includeGridData": True}
    reply = session.post(f"{BASE}/{SID}:getByDataFilter", params={"fields": FIELDS}, json=body)
    assert reply.status_code == 200, reply.text
    return reply.json()


def test_a_metadata_lookup_selects_only_the_tagged_sheet(session: requests.Session) -> None:
    body = _filtered(session, {"developerMetadataLookup": {"metadataKey": "scorecard.tab"}})

    assert [s["properties"]["title"] for s in body["sheets"]] == ["Scorecard"]
    cells = body["sheets"][0]["data"][0]["rowData"][0]["values"]
    assert [c["formattedValue"] for c in cells] == ["Churn", "87%"]


def test_a_lookup_that_matches_nothing_selects_no_sheet(session: requests.Session) -> None:
    body = _filtered(session, {"developerMetadataLookup": {"metadataKey": "other"}})

    assert body.get("sheets", []) == []


def test_grid_range_and_a1_filters_select_their_cells(session: requests.Session) -> None:
    grid = {
        "sheetId": 0,
        "startRowIndex": 1,
        "endRowIndex": 3,
        "startColumnIndex": 0,
        "endColumnIndex": 1,
    }

    by_grid = _filtered(session, {"gridRange": grid})
    by_a1 = _filtered(session, {"a1Range": "Data!A2:A3"})

    assert by_grid == by_a1
    assert [
        r["values"][0]["formattedValue"] for r in by_grid["sheets"][0]["data"][0]["rowData"]
    ] == ["1", "2"]


def test_a_filter_with_two_kinds_is_refused(session: requests.Session) -> None:
    both = {"a1Range": "Data!A1", "developerMetadataLookup": {"metadataKey": "scorecard.tab"}}

    reply = session.post(f"{BASE}/{SID}:getByDataFilter", json={"dataFilters": [both]})

    assert reply.status_code == 400
    assert "oneof field 'filter' is already set" in reply.json()["error"]["message"]
