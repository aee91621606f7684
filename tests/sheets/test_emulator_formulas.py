"""Formulas are worked out from the cells they refer to when read, as Sheets recalculates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from service.sheets.emulator import SheetsEmulator, mount_emulator

BASE = "https://sheets.googleapis.com/v4/spreadsheets"
SID = "formulas-1"


class Api:
    """One spreadsheet with a second tab called "Other tab"."""

    def __init__(self) -> None:
        self.emu = SheetsEmulator()
        self.session = requests.Session()
        mount_emulator(self.session, self.emu)
        self.emu.create_spreadsheet("Formulas", SID)
        tab = {"addSheet": {"properties": {"sheetId": 3, "title": "Other tab"}}}
        assert self.session.post(f"{BASE}/{SID}:batchUpdate", json={"requests": [tab]}).ok

    def type_in(self, rng: str, rows: list[list[Any]]) -> None:
        url = f"{BASE}/{SID}/values/{rng}"
        reply = self.session.put(
            url, params={"valueInputOption": "USER_ENTERED"}, json={"values": rows}
        )
        assert reply.status_code == 200, reply.text

    def values(self, rng: str, option: str = "UNFORMATTED_VALUE") -> Any:
        url = f"{BASE}/{SID}/values/{rng}"
        return self.session.get(url, params={"valueRenderOption": option}).json().get("values")

    def cell(self, rng: str) -> dict[str, Any]:
        fields = "sheets.data.rowData.values(effectiveValue,formattedValue)"
        reply = self.session.get(f"{BASE}/{SID}", params={"ranges": rng, "fields": fields}).json()
        rows = reply["sheets"][0]["data"][0].get("rowData") or [{}]
        cell: dict[str, Any] = (rows[0].get("values") or [{}])[0]
        return cell


@pytest.fixture
def api() -> Iterator[Api]:
    emulated = Api()
    yield emulated
    emulated.session.close()


def test_a_reference_follows_later_edits(api: Api) -> None:
    api.type_in("Sheet1!A1:B1", [["2", "=A1*3"]])
    first = api.values("Sheet1!B1")

    api.type_in("Sheet1!A1", [["5"]])

    assert first == [[6]]
    assert api.values("Sheet1!B1") == [[15]]
    assert api.values("Sheet1!B1", "FORMULA") == [["=A1*3"]]


@pytest.mark.parametrize(
    ("formula", "value"),
    [
        ("=SUM(A1:A4)", 10),
        ("=AVERAGE(A1:A4)", 10 / 3),
        ("=MIN(A1:A4)+MAX(A1:A4)", 7),
        ("=COUNT(A1:A4)", 3),
        ("=COUNTA(A1:A4)", 4),
        ('=IF(A1>1,"big","small")', "big"),
        ("=AND(A1>0,A2>0)", True),
        ("=OR(A1>5,NOT(A2>5))", True),
        ('=A1&"-"&A4', "3-n/a"),
        ("=ROUND(A1/7,2)", 0.43),
        ("=ABS(-A2)+50%", 5.5),
        ("=-2^2", 4),
        ("=$A$1+'Other tab'!B2", 103),
        ('="abc"="ABC"', True),
    ],
)
def test_functions_and_operators_are_worked_out(api: Api, formula: str, value: Any) -> None:
    api.type_in("Sheet1!A1:A4", [["3"], ["5"], ["2"], ["n/a"]])
    api.type_in("'Other tab'!B2", [["100"]])

    api.type_in("Sheet1!C1", [[formula]])

    assert api.values("Sheet1!C1") == [[pytest.approx(value)]]


@pytest.mark.parametrize(
    ("cells", "shown", "kind"),
    [
        ([["=1/0"]], "#DIV/0!", "DIVIDE_BY_ZERO"),
        ([["abc", "=A1+1"]], "#VALUE!", "VALUE"),
        ([["=B1", "=A1"]], "#REF!", "REF"),
        ([["='No such tab'!A1"]], "#REF!", "REF"),
    ],
)
def test_errors_show_as_sheets_shows_them(
    api: Api, cells: list[list[str]], shown: str, kind: str
) -> None:
    api.type_in("Sheet1!A1", cells)
    last = f"Sheet1!{'AB'[len(cells[0]) - 1]}1"

    cell = api.cell(last)

    assert cell["formattedValue"] == shown
    assert cell["effectiveValue"]["errorValue"]["type"] == kind


def test_what_is_not_emulated_has_no_effective_value(api: Api) -> None:
    api.type_in("Sheet1!A1:D1", [["1", "2", "3", "=SPARKLINE(A1:C1)"]])

    cell = api.cell("Sheet1!D1")

    assert "effectiveValue" not in cell
    assert api.values("Sheet1!D1", "FORMULA") == [["=SPARKLINE(A1:C1)"]]
