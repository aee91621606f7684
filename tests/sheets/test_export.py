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


def _build_formatted(emu: SheetsEmulator) -> str:
    """A header, a wrapped definition, a sparkline and a status rule, as provisioning writes."""
    sid = emu.create_spreadsheet("Formats", sheet_title="Card")
    long_text = "Open receivables past due divided by all open receivables, times 100. " * 3
    rows = [
        {"values": [{"userEnteredValue": {"stringValue": h}} for h in ("KPI", "Definition")]},
        {
            "values": [
                {"userEnteredValue": {"stringValue": "✓ On target"}},
                {"userEnteredValue": {"stringValue": long_text}},
                {"userEnteredValue": {"formulaValue": "=SPARKLINE(D2:E2)"}},
                {"userEnteredValue": {"numberValue": 4}},
                {"userEnteredValue": {"numberValue": 5}},
            ]
        },
    ]
    header = {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1}
    definition = {"sheetId": 0, "startColumnIndex": 1, "endColumnIndex": 2}
    status = {**definition, "startRowIndex": 1, "endRowIndex": 3, "startColumnIndex": 0}
    status["endColumnIndex"] = 1
    requests_ = [
        {"updateCells": {"start": {"sheetId": 0}, "rows": rows, "fields": "userEnteredValue"}},
        {
            "repeatCell": {
                "range": header,
                "cell": {
                    "userEnteredFormat": {
                        "textFormat": {"bold": True},
                        "backgroundColor": {"red": 0.87, "green": 0.92, "blue": 0.98},
                    }
                },
                "fields": "userEnteredFormat(textFormat.bold,backgroundColor)",
            }
        },
        {
            "repeatCell": {
                "range": definition,
                "cell": {"userEnteredFormat": {"wrapStrategy": "WRAP"}},
                "fields": "userEnteredFormat.wrapStrategy",
            }
        },
        {
            "updateDimensionProperties": {
                "range": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 1, "endIndex": 2},
                "properties": {"pixelSize": 210},
                "fields": "pixelSize",
            }
        },
        {
            "addConditionalFormatRule": {
                "rule": {
                    "ranges": [status],
                    "booleanRule": {
                        "condition": {
                            "type": "CUSTOM_FORMULA",
                            "values": [{"userEnteredValue": '=LEFT(A2,1)="✓"'}],
                        },
                        "format": {"backgroundColor": {"red": 0.85, "green": 0.94, "blue": 0.85}},
                    },
                },
                "index": 0,
            }
        },
    ]
    with requests.Session() as s:
        mount_emulator(s, emu)
        s.post(f"{BASE}/{sid}:batchUpdate", json={"requests": requests_}).raise_for_status()
    return sid


def test_export_carries_formats_widths_rules_and_page_setup(tmp_path: Path) -> None:
    emu = SheetsEmulator()
    target = tmp_path / "formats.xlsx"

    export_xlsx(emu.spreadsheet_json(_build_formatted(emu)), target)

    ws = load_workbook(target)["Card"]
    assert ws["A1"].font.bold is True
    assert ws["A1"].font.name == "Calibri"
    assert ws["A1"].fill.fgColor.rgb == "00DEEBFA"
    assert ws["A2"].font.bold is not True
    assert ws["A2"].fill.fill_type is None  # white stays unfilled
    assert ws["B2"].alignment.wrap_text is True
    assert ws.column_dimensions["B"].width == 30.0
    # LibreOffice keeps stored row heights, so a wrapped row must carry its own: 8 lines here.
    assert ws.row_dimensions[2].height == 8 * 15
    assert ws.row_dimensions[1].height is None
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    assert [(rule.type, rule.formula) for rule in rules] == [("expression", ['LEFT(A2,1)="✓"'])]
    assert rules[0].dxf.fill.fgColor.rgb == "00D9F0D9"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)


def test_export_moves_sheets_only_formulas_to_a_comment(tmp_path: Path) -> None:
    emu = SheetsEmulator()
    target = tmp_path / "formats.xlsx"

    export_xlsx(emu.spreadsheet_json(_build_formatted(emu)), target)

    ws = load_workbook(target)["Card"]
    assert ws["C2"].value is None  # elsewhere it would read #NAME?
    assert ws["C2"].comment.text == "In Google Sheets: =SPARKLINE(D2:E2)"
    assert ws["D2"].value == 4


def test_export_sizes_wrapped_rows_in_default_width_columns(tmp_path: Path) -> None:
    wrapped = {
        "userEnteredValue": {"stringValue": "word " * 10},
        "userEnteredFormat": {"wrapStrategy": "WRAP"},
    }
    sheet = {"properties": {"title": "T"}, "data": [{"rowData": [{"values": [wrapped]}]}]}
    target = tmp_path / "wrapped.xlsx"

    export_xlsx({"sheets": [sheet]}, target)

    ws = load_workbook(target)["T"]
    assert ws.row_dimensions[1].height == 4 * 15  # 14 characters a line: three words each
    assert "A" not in ws.column_dimensions  # sizing the row set no width on the column
