"""Export of an emulated spreadsheet to .xlsx, checked by reloading it with openpyxl."""

from __future__ import annotations

from pathlib import Path

import requests
from openpyxl import load_workbook

from service.sheets.emulator import SheetsEmulator, mount_emulator
from service.sheets.export import export_xlsx

BASE = "https://sheets.googleapis.com/v4/spreadsheets"


def _build(emu: SheetsEmulator) -> str:
    sid = emu.create_spreadsheet("Export", sheet_title="Ops")
    grid = {
        "sheetId": 0,
        "startRowIndex": 1,
        "endRowIndex": 3,
        "startColumnIndex": 1,
        "endColumnIndex": 2,
    }
    rule = {
        "condition": {
            "type": "ONE_OF_LIST",
            "values": [{"userEnteredValue": "yes"}, {"userEnteredValue": "no"}],
        }
    }
    cond = {
        "ranges": [grid],
        "booleanRule": {
            "condition": {"type": "NUMBER_LESS", "values": [{"userEnteredValue": "0"}]},
            "format": {"backgroundColor": {"red": 1}},
        },
    }
    rows = [
        {
            "values": [
                {"userEnteredValue": {"stringValue": "KPI"}, "note": "what we track"},
                {"userEnteredValue": {"stringValue": "=not a formula"}},
            ]
        },
        {
            "values": [
                {"userEnteredValue": {"numberValue": 12.5}},
                {"userEnteredValue": {"formulaValue": "=A2*2"}},
            ]
        },
    ]
    requests_ = [
        {"updateCells": {"start": {"sheetId": 0}, "rows": rows, "fields": "userEnteredValue,note"}},
        {"setDataValidation": {"range": grid, "rule": rule}},
        {"addConditionalFormatRule": {"rule": cond}},
        {
            "updateSheetProperties": {
                "properties": {
                    "sheetId": 0,
                    "gridProperties": {"frozenRowCount": 1, "frozenColumnCount": 1},
                },
                "fields": "gridProperties(frozenRowCount,frozenColumnCount)",
            }
        },
    ]
    with requests.Session() as s:
        mount_emulator(s, emu)
        s.post(f"{BASE}/{sid}:batchUpdate", json={"requests": requests_}).raise_for_status()
    return sid


def test_export_writes_values_formulas_notes_and_freeze(tmp_path: Path) -> None:
    emu = SheetsEmulator()
    sid = _build(emu)
    target = tmp_path / "out" / "export.xlsx"

    export_xlsx(emu.spreadsheet_json(sid), target)

    ws = load_workbook(target)["Ops"]
    assert ws["A1"].value == "KPI"
    assert ws["A1"].comment.text == "what we track"
    assert ws["B1"].value == "=not a formula"
    assert ws["B1"].data_type == "s"
    assert ws["A2"].value == 12.5
    assert ws["B2"].value == "=A2*2"
    assert ws.freeze_panes == "B2"
    assert [dv.formula1 for dv in ws.data_validations.dataValidation] == ['"yes,no"']
    assert len(ws.conditional_formatting) == 1
