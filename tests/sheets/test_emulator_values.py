"""The values endpoints of the emulator, through a real requests session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from service.sheets.emulator import SheetsEmulator, mount_emulator

BASE = "https://sheets.googleapis.com/v4/spreadsheets"


class Api:
    """A tiny typed client over the emulated HTTP endpoints."""

    def __init__(self, emu: SheetsEmulator, session: requests.Session, sid: str) -> None:
        self.emu, self.session, self.sid = emu, session, sid

    def put(self, rng: str, values: list[list[Any]], mode: str = "RAW") -> requests.Response:
        url = f"{BASE}/{self.sid}/values/{rng}"
        return self.session.put(url, params={"valueInputOption": mode}, json={"values": values})

    def get(self, rng: str, **params: str) -> requests.Response:
        return self.session.get(f"{BASE}/{self.sid}/values/{rng}", params=params)

    def batch(self, *requests_: dict[str, Any]) -> requests.Response:
        return self.session.post(
            f"{BASE}/{self.sid}:batchUpdate", json={"requests": list(requests_)}
        )


@pytest.fixture
def api() -> Iterator[Api]:
    emu = SheetsEmulator()
    session = requests.Session()
    mount_emulator(session, emu)
    yield Api(emu, session, emu.create_spreadsheet("Values", "sid-1"))
    session.close()


def test_raw_keeps_text_and_user_entered_parses_it(api: Api) -> None:
    api.put("Sheet1!A1:D1", [["=1+1", "12", "TRUE", "0042"]], "RAW")
    api.put("Sheet1!A2:D2", [["=1+1", "12", "TRUE", "0042"]], "USER_ENTERED")

    formulas = api.get("Sheet1!A1:D2", valueRenderOption="FORMULA").json()["values"]
    plain = api.get("Sheet1!A1:D2", valueRenderOption="UNFORMATTED_VALUE").json()["values"]

    assert formulas == [["=1+1", "12", "TRUE", "0042"], ["=1+1", 12, True, 42]]
    assert plain == [["=1+1", "12", "TRUE", "0042"], [2, 12, True, 42]]


def test_trailing_empties_are_trimmed_and_range_is_normalised(api: Api) -> None:
    api.put("Sheet1!A1:C3", [["a", "", ""], ["", "", ""], ["", "b", ""]])

    body = api.get("Sheet1!A1:E10").json()

    assert body["range"] == "Sheet1!A1:E10"
    assert body["values"] == [["a"], [], ["", "b"]]


@pytest.mark.parametrize(
    ("requested", "normalised"),
    [
        ("Sheet1!A:C", "Sheet1!A1:C1000"),
        ("Sheet1!A2:Z", "Sheet1!A2:Z1000"),
        ("Sheet1", "Sheet1!A1:Z1000"),
    ],
)
def test_open_ended_ranges_close_on_the_grid(api: Api, requested: str, normalised: str) -> None:
    assert api.get(requested).json()["range"] == normalised


def test_quoted_titles_round_trip(api: Api) -> None:
    title = "Q3 'Ops'"
    reply = api.batch(
        {
            "addSheet": {
                "properties": {"title": title, "gridProperties": {"rowCount": 5, "columnCount": 3}}
            }
        }
    )
    assert reply.status_code == 200

    written = api.put("'Q3 ''Ops'''!A1", [["x", "y"]]).json()
    read = api.get("'Q3 ''Ops'''!A:C").json()

    assert written["updatedRange"] == "'Q3 ''Ops'''!A1:B1"
    assert read == {"range": "'Q3 ''Ops'''!A1:C5", "majorDimension": "ROWS", "values": [["x", "y"]]}


def test_columns_major_dimension(api: Api) -> None:
    api.put("Sheet1!A1:B2", [[1, 2], [3, 4]])

    body = api.get("Sheet1!A1:B2", majorDimension="COLUMNS", valueRenderOption="UNFORMATTED_VALUE")

    assert body.json()["values"] == [[1, 3], [2, 4]]


def test_write_past_the_grid_is_refused(api: Api) -> None:
    reply = api.put("Sheet1!A1000", [["last"], ["past"]])

    assert reply.status_code == 400
    assert reply.json()["error"]["status"] == "INVALID_ARGUMENT"
    assert "exceeds grid limits" in reply.json()["error"]["message"]
    assert "values" not in api.get("Sheet1!A999:A1000").json()


def test_cell_over_50000_characters_is_refused(api: Api) -> None:
    reply = api.put("Sheet1!A1", [["x" * 50_001]])

    assert reply.status_code == 400
    assert "maximum of 50000 characters" in reply.json()["error"]["message"]


def test_unpaired_surrogate_is_refused_and_nothing_is_written(api: Api) -> None:
    body = b'{"values": [["\\ud83c"]]}'
    url = f"{BASE}/{api.sid}/values/Sheet1!A1?valueInputOption=RAW"

    reply = api.session.put(url, data=body, headers={"Content-Type": "application/json"})

    assert reply.status_code == 400
    assert reply.json()["error"]["message"].startswith("Invalid JSON payload received.")
    assert "values" not in api.get("Sheet1!A1").json()


def test_values_wider_than_the_range_are_refused(api: Api) -> None:
    reply = api.put("Sheet1!A1:B1", [["a", "b", "c"]])

    assert reply.status_code == 400
    assert "tried writing to column [C]" in reply.json()["error"]["message"]


def test_append_writes_below_the_table(api: Api) -> None:
    api.put("Sheet1!A1:B2", [["h1", "h2"], ["r1", "r1b"]])

    reply = api.session.post(
        f"{BASE}/{api.sid}/values/Sheet1!A1:append",
        params={"valueInputOption": "RAW"},
        json={"values": [["r2", "r2b"]]},
    ).json()

    assert reply["tableRange"] == "Sheet1!A1:B2"
    assert reply["updates"]["updatedRange"] == "Sheet1!A3:B3"
    assert api.get("Sheet1!A3:B3").json()["values"] == [["r2", "r2b"]]


def test_batch_get_batch_update_and_batch_clear(api: Api) -> None:
    update = {
        "valueInputOption": "USER_ENTERED",
        "data": [
            {"range": "Sheet1!A1", "values": [["1"]]},
            {"range": "Sheet1!B2", "values": [["two"]]},
        ],
    }
    written = api.session.post(f"{BASE}/{api.sid}/values:batchUpdate", json=update).json()
    cleared = api.session.post(
        f"{BASE}/{api.sid}/values:batchClear", json={"ranges": ["Sheet1!A1"]}
    )
    read = api.session.get(
        f"{BASE}/{api.sid}/values:batchGet", params={"ranges": ["Sheet1!A1", "Sheet1!B2"]}
    ).json()

    assert written["totalUpdatedCells"] == 2
    assert cleared.json()["clearedRanges"] == ["Sheet1!A1"]
    assert [vr.get("values") for vr in read["valueRanges"]] == [None, [["two"]]]
